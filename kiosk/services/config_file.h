// The device config file on disk: reading it with a size limit, the checks that need the
// filesystem (tls.ca_file, a pinned public key file), and the last good copy a screen falls back
// to when someone breaks the file. `gongkai-kiosk config check` and every command that reads the
// config apply exactly these rules. Owned by kiosk/ (it writes through sync/fs_util.h); the JSON
// rules themselves are config/settings.h. No SDL, ImGui, GL or curl.
//
// Where the last good copy lives: `<config>.last-good` beside the config when its directory is
// writable by the program, else `<data dir>/<config file name>.last-good`. The packaged unit runs
// as the user gongkai with ProtectSystem=strict, so /etc/gongkai is read-only to it and the copy
// is /var/lib/gongkai/kiosk.json.last-good there. Both places are read; the newest valid copy wins.
#pragma once

#include "config/settings.h"

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace gk {

// A config is a few hundred bytes; anything near this is not one (and is not read whole).
inline constexpr std::uint64_t kMaxConfigBytes = 256 * 1024;
inline constexpr const char* kLastGoodSuffix = ".last-good";

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

// Where a good config is copied to: beside it when its directory is writable, else into the data
// directory when that exists, else nowhere (empty).
std::filesystem::path chooseLastGoodPath(const std::filesystem::path& config, const std::filesystem::path& data_dir,
                                         bool config_dir_writable, bool data_dir_exists);
// The same decision for this process and the real directories.
std::filesystem::path lastGoodPathFor(const std::filesystem::path& config, const std::filesystem::path& data_dir);
// Where copies are looked for: beside the config, then in the data directory.
std::vector<std::filesystem::path> lastGoodCandidates(const std::filesystem::path& config,
                                                      const std::filesystem::path& data_dir);

enum class ConfigSource {
    Defaults,          // there is no config file: the defaults, as always
    File,              // the config file is valid (maybe with warnings)
    LastGood,          // the config file is bad: the newest valid last good copy
    DefaultsForErrors, // the config file is bad and there is no good copy: its valid keys, defaults for the rest
};

struct DeviceConfig {
    Settings settings;
    ConfigSource source = ConfigSource::Defaults;
    std::filesystem::path path;      // the config file (empty when there is none)
    std::filesystem::path last_good; // the copy in use (LastGood)
    // The config file's problems, one "FILE: key: message" line each (errors first), or the one
    // reason it could not be read.
    std::vector<std::string> problems;
    bool bad() const { return source == ConfigSource::LastGood || source == ConfigSource::DefaultsForErrors; }
    // For the staff note in the screen's corner; empty when the config file is in use.
    std::string staffNote() const;
};

// The config file: config_path, else kDefaultConfig when it exists, else none. A valid file is
// kept as the last good copy (written only when it differs). A bad file is replaced by the newest
// valid last good copy, else its own valid keys with the defaults for the rest; the portal, when
// lost that way, is the one the store in data_dir last synced from, so that a screen never
// switches to the bundled demo content because of a typo. Never throws.
DeviceConfig loadDeviceConfig(const std::string& config_path, const std::filesystem::path& data_dir);

// Whether a command carries on with a bad config file. The screen (`run`) and its preview
// (`screenshot`) do, on the last good copy with a note in the corner: a hall must never see a
// black screen because of a typo. The others (sync, status, search, report, playlist, demo) stop
// with every problem, so that whoever typed the command fixes the file.
bool carriesOnWithBadConfig(std::string_view command);

// The outcome in the log: for a bad file one error line saying what is used instead, then every
// problem; for a good one its warnings (unknown keys).
void logConfigOutcome(const DeviceConfig& config);

// Every problem line joined by '\n' (no trailing newline).
std::string joinedProblems(const DeviceConfig& config);

} // namespace gk
