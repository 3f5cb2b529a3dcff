// Device paths. See paths.h.
#include "kiosk/services/paths.h"

#include "kiosk/services/config_file.h"

#include <cstdlib>
#include <unistd.h>

namespace gk {

namespace fs = std::filesystem;

fs::path defaultDataDir() {
    if (const char* state = std::getenv("XDG_STATE_HOME"); state != nullptr && *state == '/')
        return fs::path(state) / "gongkai-kiosk";
    if (const char* home = std::getenv("HOME"); home != nullptr && *home == '/')
        return fs::path(home) / ".local/state/gongkai-kiosk";
    return "/var/lib/gongkai";
}

fs::path demoPortalDir() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const fs::path installed = exe.parent_path().parent_path() / "share/gongkai/demo-portal";
        if (fs::is_regular_file(installed / "manifest.json", ec)) return installed;
    }
    const fs::path source = fs::path(GONGKAI_SOURCE_DIR) / "assets/demo-portal";
    if (fs::is_regular_file(source / "manifest.json", ec)) return source;
    return {};
}

std::string portalUrlFromArgument(const std::string& argument) {
    for (const char* scheme : {"https://", "http://", "file://"})
        if (argument.rfind(scheme, 0) == 0) {
            const bool names_file =
                argument.size() >= 13 && argument.compare(argument.size() - 13, 13, "manifest.json") == 0;
            return (names_file || argument.back() == '/') ? argument : argument + "/";
        }
    std::error_code ec;
    fs::path path = fs::absolute(argument, ec).lexically_normal();
    if (fs::is_regular_file(path, ec)) return "file://" + path.string();
    std::string url = "file://" + path.string();
    return url.back() == '/' ? url : url + "/";
}

bool loadSettingsFile(const std::string& config_path, Settings& settings, std::string& error) {
    const DeviceConfig config = loadDeviceConfig(config_path, {});
    if (config.bad()) {
        error = joinedProblems(config);
        return false;
    }
    settings = config.settings;
    return true;
}

} // namespace gk
