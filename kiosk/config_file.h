// The device config file on disk: reading it with a size limit and the checks that need the
// filesystem (tls.ca_file, a pinned public key file). `gongkai-kiosk config check` and every
// command that reads the config apply exactly these rules. Owned by kiosk/; the JSON rules
// themselves are config/settings.h. No SDL, ImGui, GL or curl.
#pragma once

#include "config/settings.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gk {

// A config is a few hundred bytes; anything near this is not one (and is not read whole).
inline constexpr std::uint64_t kMaxConfigBytes = 256 * 1024;

struct ConfigFileCheck {
    bool readable = false;
    std::string unreadable; // why not, when !readable: "no such file", "file is 5.0 MiB; …"
    std::string text;       // the bytes, when readable
    SettingsResult result;  // when readable: parseSettings plus the filesystem checks below
};

// Reads and checks the file. `label` names it in problems ("kiosk.json" or a full path).
ConfigFileCheck checkConfigFile(const std::filesystem::path& path, const std::string& label);

// What parseSettings leaves to curl, checked here so that an installer hears of it before the
// first sync fails: tls.ca_file is an absolute path to a readable PEM file with a certificate;
// tls.pinned_pubkey is "sha256//<44 base64 characters>" (several joined by ';') or an absolute
// path to a readable public key file.
std::vector<Problem> checkTlsSettings(const TlsSettings& tls);

} // namespace gk
