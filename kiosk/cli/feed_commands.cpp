// `gongkai-kiosk feed`: the dispatch of its actions, and `feed keygen`, `sign` and `check`. See feed_commands.h.
#include "kiosk/cli/feed_commands.h"

#include "config/civil_time.h"
#include "config/feed_keys.h"
#include "config/i18n.h"
#include "kiosk/cli/feed_build_command.h"
#include "kiosk/publish/feed_check.h"
#include "kiosk/publish/feed_signing.h"
#include "kiosk/services/config_file.h"

#include <algorithm>
#include <ctime>
#include <iostream>

namespace gk {
namespace {

constexpr int kExitProblems = 1;
constexpr int kExitUnreadable = 2;

int fail(const std::string& action, const std::string& message, int code = kExitUnreadable) {
    std::cerr << "gongkai-kiosk feed" << (action.empty() ? "" : " " + action) << ": " << message << "\n";
    return code;
}

// Options meant for the other action are a mistake worth saying, not something to ignore.
bool onlyFor(const ParsedCommand& cmd, const std::string& action, std::initializer_list<const char*> others,
             std::string& error) {
    for (const char* option : others)
        if (cmd.has(option)) {
            error = fillIn(tr("{0} is not an option of `feed {1}`"), {option, action});
            return false;
        }
    return true;
}

int keygen(const ParsedCommand& cmd) {
    std::string error;
    if (cmd.positional.size() != 1 || !onlyFor(cmd, "keygen",
                                               {"--key", "--previous", "--at", "--allow-http", "--config", "--from",
                                                "--sign", "--generated-at", "--keep-going"},
                                               error))
        return fail("keygen", error.empty() ? std::string(tr("takes no argument besides --out KEYFILE")) : error);
    if (!cmd.has("--out") || cmd.get("--out").empty())
        return fail("keygen", tr("say where the key goes: --out KEYFILE"));
    const std::optional<std::string> public_key = generateFeedKey(cmd.get("--out"), error);
    if (!public_key) return fail("keygen", error);
    // The public key alone on standard output, for scripts; the advice on standard error.
    std::cout << *public_key << "\n";
    std::cerr << fillIn(tr("private key written to {0} (keep it off the web server); put the public key above in "
                           "each device config as \"feed_public_keys\": [\"{1}\"]"),
                        {cmd.get("--out"), *public_key})
              << "\n";
    return 0;
}

// Signs DIR/manifest.json as it is (for a feed that another tool wrote; `feed build --sign` signs
// its own).
int sign(const ParsedCommand& cmd) {
    std::string error;
    if (cmd.positional.size() != 2 || !onlyFor(cmd, "sign",
                                               {"--out", "--previous", "--at", "--allow-http", "--config", "--from",
                                                "--sign", "--generated-at", "--keep-going"},
                                               error))
        return fail("sign", error.empty() ? std::string(tr("give one feed DIR to sign")) : error);
    if (!cmd.has("--key") || cmd.get("--key").empty()) return fail("sign", tr("say which key signs: --key KEYFILE"));
    const std::filesystem::path dir = cmd.positional[1];
    if (!signManifest(dir, cmd.get("--key"), error)) return fail("sign", error);
    const std::optional<std::string> public_key = feedPublicKeyOf(cmd.get("--key"), error);
    std::cout << fillIn(tr("signed {0} with the key {1}"), {(dir / "manifest.json").string(), public_key.value_or("?")})
              << "\n";
    return 0;
}

// The keys of --key (comma-separated), else of the --config's feed_public_keys.
bool checkOptions(const ParsedCommand& cmd, FeedCheckOptions& options, std::string& error) {
    options.now_s = static_cast<std::int64_t>(std::time(nullptr));
    if (cmd.has("--config")) {
        const std::string path = cmd.get("--config");
        const ConfigFileCheck config = checkConfigFile(path, path);
        if (!config.readable) {
            error = path + ": " + config.unreadable;
            return false;
        }
        if (!config.result.ok()) {
            error = fillIn(tr("{0} has errors (see `gongkai-kiosk config check {0}`)"), {path});
            return false;
        }
        const Settings& settings = config.result.settings;
        options.allow_insecure_http = settings.tls.allow_insecure_http;
        options.tls.ca_file = settings.tls.ca_file;
        options.tls.pinned_pubkey = settings.tls.pinned_pubkey;
        options.public_keys = settings.feed_trust.public_keys;
        options.utc_offset_s = settings.utc_offset_s;
        options.limits.pdf_file_bytes = static_cast<std::uint64_t>(settings.attachments.max_file_mib) * kMiB;
        options.limits.attachments_total_bytes = static_cast<std::uint64_t>(settings.attachments.max_total_mib) * kMiB;
        options.limits.video_file_bytes = static_cast<std::uint64_t>(settings.video.max_file_mib) * kMiB;
    }
    if (cmd.has("--allow-http")) options.allow_insecure_http = true;
    if (cmd.has("--key")) {
        options.public_keys.clear();
        const std::string keys = cmd.get("--key");
        for (std::size_t start = 0; start <= keys.size();) {
            const std::size_t comma = std::min(keys.find(',', start), keys.size());
            const std::string key = keys.substr(start, comma - start);
            std::string problem;
            if (!parseFeedPublicKey(key, problem)) {
                error = fillIn(tr("--key \"{0}\" is not a feed public key: {1}"), {key, problem});
                return false;
            }
            options.public_keys.push_back(key);
            start = comma + 1;
        }
    }
    if (cmd.has("--at")) {
        const std::optional<std::int64_t> at = parseIsoDateTime(cmd.get("--at"), options.utc_offset_s);
        if (!at) {
            error =
                fillIn(tr("--at \"{0}\" is not an ISO-8601 time such as 2026-11-27T10:00:00+08:00"), {cmd.get("--at")});
            return false;
        }
        options.now_s = *at;
    }
    options.previous = cmd.get("--previous");
    return true;
}

int check(const ParsedCommand& cmd) {
    std::string error;
    if (cmd.positional.size() != 2 ||
        !onlyFor(cmd, "check", {"--out", "--from", "--sign", "--generated-at", "--keep-going"}, error))
        return fail("check", error.empty() ? std::string(tr("give one feed DIR or URL to check")) : error);
    FeedCheckOptions options;
    if (!checkOptions(cmd, options, error)) return fail("check", error);
    const std::string& where = cmd.positional[1];
    const FeedCheckResult result = checkFeed(where, options);
    if (!result.readable) {
        const bool plain_http = where.rfind("http://", 0) == 0 && !options.allow_insecure_http;
        return fail("check", fillIn(tr("cannot read the feed: {0}"), {result.unreadable}) +
                                 (plain_http ? std::string(tr(" (give --allow-http to check a feed over plain http)"))
                                             : std::string()));
    }
    std::cout << result.lines();
    int errors = 0;
    for (const FeedCheckProblem& p : result.problems) errors += p.problem.warning ? 0 : 1;
    const int warning_count = static_cast<int>(result.problems.size()) - errors;
    const std::string warnings =
        fillIn(trn("{0} warning", "{0} warnings", warning_count), {std::to_string(warning_count)});
    if (!result.valid()) {
        std::cout << where << ": "
                  << fillIn(trn("{0} error, {1}; kiosks skip or refuse what is named above",
                                "{0} errors, {1}; kiosks skip or refuse what is named above", errors),
                            {std::to_string(errors), warnings})
                  << "\n";
        return kExitProblems;
    }
    std::cout << where << ": "
              << fillIn(trn("ok, {0} file checked, {1}", "ok, {0} files checked, {1}", result.files_checked),
                        {std::to_string(result.files_checked), warnings})
              << "\n";
    return 0;
}

} // namespace

int runFeedCommand(const ParsedCommand& cmd) {
    const std::string action = cmd.positional.empty() ? "" : cmd.positional[0];
    if (action == "build") return runFeedBuildCommand(cmd);
    if (action == "keygen") return keygen(cmd);
    if (action == "sign") return sign(cmd);
    if (action == "check") return check(cmd);
    return fail("", action.empty()
                        ? std::string(tr("say build, keygen, sign or check (see gongkai-kiosk feed --help)"))
                        : fillIn(tr("unknown action \"{0}\" (expected build, keygen, sign or check)"), {action}));
}

} // namespace gk
