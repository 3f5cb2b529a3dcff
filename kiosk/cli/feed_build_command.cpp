// `gongkai-kiosk feed build`. See feed_build_command.h.
#include "kiosk/cli/feed_build_command.h"

#include "config/i18n.h"
#include "kiosk/publish/feed_build.h"
#include "kiosk/publish/feed_signing.h"

#include <filesystem>
#include <iostream>
#include <string>

namespace gk {

namespace {

constexpr int kExitProblems = 1;
constexpr int kExitUsage = 2;

int fail(const std::string& message) {
    std::cerr << "gongkai-kiosk feed build: " << message << "\n";
    return kExitUsage;
}

} // namespace

int runFeedBuildCommand(const ParsedCommand& cmd) {
    if (cmd.positional.size() != 1) return fail(tr("give no arguments besides the options (see --help)"));
    if (!cmd.has("--from") || !cmd.has("--out")) return fail(tr("--from DIR and --out DIR are required"));
    for (const char* other : {"--key", "--previous", "--at", "--allow-http", "--config"})
        if (cmd.has(other)) return fail(fillIn(tr("{0} is not an option of `feed {1}`"), {other, "build"}));
    FeedBuildOptions options;
    if (cmd.has("--sign")) {
        // The signature is written into the staged folder, so it is published in the same swap as
        // the manifest it signs.
        const std::filesystem::path key = cmd.get("--sign");
        options.before_swap = [key](const std::filesystem::path& staged, std::string& error) {
            return signManifest(staged, key, error);
        };
    }
    options.from = cmd.get("--from");
    options.out = cmd.get("--out");
    options.generated_at = cmd.get("--generated-at");
    options.keep_going = cmd.has("--keep-going");
    const FeedBuildResult result = buildFeed(options);
    // Errors first, then warnings, each in the order found (as formatProblems does).
    for (const bool warnings : {false, true})
        for (const Problem& p : result.problems)
            if (p.warning == warnings) std::cout << formatBuildProblem(p) << "\n";
    const int warnings = countWarnings(result.problems);
    const std::string counted = fillIn(trn("{0} warning", "{0} warnings", warnings), {std::to_string(warnings)});
    if (!result.written) {
        const int errors = countErrors(result.problems);
        std::cout << fillIn(trn("{0} error, {1}; nothing was written ({2} is unchanged)",
                                "{0} errors, {1}; nothing was written ({2} is unchanged)", errors),
                            {std::to_string(errors), counted, options.out.string()})
                  << "\n";
        return kExitProblems;
    }
    if (result.skipped_rows > 0)
        std::cout << fillIn(trn("--keep-going: {0} row with errors was left out",
                                "--keep-going: {0} rows with errors were left out", result.skipped_rows),
                            {std::to_string(result.skipped_rows)})
                  << "\n";
    std::cout << fillIn(tr("{0}: {1} disclosures, {2} notices, {3} guides, {4} attachments, {5} playlists ({6})"),
                        {options.out.string(), std::to_string(result.disclosures), std::to_string(result.notices),
                         std::to_string(result.guides), std::to_string(result.attachments),
                         std::to_string(result.playlists), counted})
              << "\n";
    return 0;
}

} // namespace gk
