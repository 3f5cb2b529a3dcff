// `gongkai-kiosk config check`. See config_commands.h.
#include "kiosk/cli/config_commands.h"

#include "config/i18n.h"
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

int checkFile(const ParsedCommand& cmd) {
    if (cmd.positional.size() > 2) return fail("check", tr("give one config FILE to check"));
    const std::filesystem::path path = cmd.positional.size() == 2 ? cmd.positional[1] : kDefaultConfig;
    const std::string label = path.filename().string();
    const ConfigFileCheck check = checkConfigFile(path, label);
    if (!check.readable) return fail("check", path.string() + ": " + check.unreadable);
    std::cout << check.result.formattedProblems();
    const int errors = countErrors(check.result.problems);
    const int warning_count = countWarnings(check.result.problems);
    const std::string warnings =
        fillIn(trn("{0} warning", "{0} warnings", warning_count), {std::to_string(warning_count)});
    if (errors > 0) {
        std::cout << label << ": "
                  << fillIn(trn("{0} error, {1}; a screen would run on its last good config",
                                "{0} errors, {1}; a screen would run on its last good config", errors),
                            {std::to_string(errors), warnings})
                  << "\n";
        return kExitProblems;
    }
    std::cout << label << ": " << fillIn(tr("ok, {0}"), {warnings}) << "\n";
    return 0;
}

} // namespace

int runConfigCommand(const ParsedCommand& cmd) {
    const std::string action = cmd.positional.empty() ? "" : cmd.positional[0];
    if (action == "check") return checkFile(cmd);
    return fail("", action.empty() ? std::string(tr("say check [FILE] (see gongkai-kiosk config --help)"))
                                   : fillIn(tr("unknown action \"{0}\" (expected check)"), {action}));
}

} // namespace gk
