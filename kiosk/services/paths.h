// Where things are on this device: the per-user state directory, the bundled demo portal, and
// the portal URL given on the command line (a URL or a local directory). No SDL, no network.
#pragma once

#include "config/settings.h"

#include <filesystem>
#include <string>

namespace gk {

// $XDG_STATE_HOME/gongkai-kiosk, else $HOME/.local/state/gongkai-kiosk, else /var/lib/gongkai.
std::filesystem::path defaultDataDir();

// The bundled demo portal: installed (<prefix>/share/gongkai/demo-portal beside the program)
// or in the source tree the program was built from. Empty when neither exists.
std::filesystem::path demoPortalDir();

// "https://…", "http://…" and "file://…" pass through; an existing directory or manifest.json
// path becomes a file:// URL. The result ends with '/' unless it names manifest.json.
std::string portalUrlFromArgument(const std::string& argument);

inline constexpr const char* kDefaultConfig = "/etc/gongkai/kiosk.json";

// The device config: config_path (the --config value), else kDefaultConfig when it exists, else
// the defaults. False with every problem (one per line, no trailing newline) when it is
// unreadable or invalid (kiosk/services/config_file.h: the same checks as `config check`; a good file is
// kept as the last good copy beside it when that directory is writable).
bool loadSettingsFile(const std::string& config_path, Settings& settings, std::string& error);

} // namespace gk
