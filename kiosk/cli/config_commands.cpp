// `gongkai-kiosk config check`. See config_commands.h.
#include "kiosk/cli/config_commands.h"

#include "kiosk/services/config_file.h"
#include "kiosk/services/paths.h"

#include <filesystem>
#include <iostream>
#include <string>

namespace gk {
namespace {

constexpr int kExitProblems = 1;
constexpr int kExitUnreadable = 2;

int fail(const std::string& action, const std::string& message) {
    std::cerr << "gongkai-kiosk config" << (action.empty() ? "" : " " + action) << ": " << message << "\n";
    return kExitUnreadable;
}

std::string counted(int n, const char* one, const char* many) {
    return std::to_string(n) + " " + (n == 1 ? one : many);
}

int checkFile(const ParsedCommand& cmd) {
    if (cmd.positional.size() > 2) return fail("check", "give one config FILE to check");
    const std::filesystem::path path = cmd.positional.size() == 2 ? cmd.positional[1] : kDefaultConfig;
    const std::string label = path.filename().string();
    const ConfigFileCheck check = checkConfigFile(path, label);
    if (!check.readable) return fail("check", path.string() + ": " + check.unreadable);
    std::cout << check.result.formattedProblems();
    const int errors = countErrors(check.result.problems);
    const std::string warnings = counted(countWarnings(check.result.problems), "warning", "warnings");
    if (errors > 0) {
        std::cout << label << ": " << counted(errors, "error", "errors") << ", " << warnings
                  << "; a screen would run on its last good config\n";
        return kExitProblems;
    }
    std::cout << label << ": ok, " << warnings << "\n";
    return 0;
}

} // namespace

int runConfigCommand(const ParsedCommand& cmd) {
    const std::string action = cmd.positional.empty() ? "" : cmd.positional[0];
    if (action == "check") return checkFile(cmd);
    return fail("", action.empty() ? "say check [FILE] (see gongkai-kiosk config --help)"
                                   : "unknown action \"" + action + "\" (expected check)");
}

} // namespace gk
