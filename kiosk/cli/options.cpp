// Command-line parsing. See options.h.
#include "kiosk/cli/options.h"

#include "config/i18n.h"

#include <cstdio>
#include <sstream>

namespace gk {
namespace {

// Functions, not constants: the help is translated (config/i18n.h), which works only after main
// has chosen the language.
OptionSpec dataDirOption() {
    return {"--data-dir", "DIR", tr("local store and state (default: $XDG_STATE_HOME/gongkai-kiosk)")};
}

OptionSpec portalOption() {
    return {"--portal", "URL",
            tr("portal feed base URL: https://…, file://… or a directory (default: the bundled demo portal)")};
}

OptionSpec configOption() {
    return {"--config", "FILE", tr("device config (default: /etc/gongkai/kiosk.json when it exists)")};
}

OptionSpec groupOption() {
    return {"--group", "NAME",
            tr("screen group whose playlist to show (default: the config's screen_group, else hall-main)")};
}

OptionSpec helpOption() {
    return {"--help", "", tr("show this help")};
}

OptionSpec versionOption() {
    return {"--version", "", tr("show the version")};
}

std::vector<CommandSpec> makeSpecs() {
    return {
        {"run",
         "gongkai-kiosk run [options]",
         tr("Show the screens: the information screen (display mode) or the touch kiosk."),
         {{"--mode", "display|kiosk", tr("which face to show (default: display, or the config's mode)")},
          {"--windowed", "WxH", tr("a window of that size instead of full screen")},
          groupOption(),
          portalOption(),
          dataDirOption(),
          configOption(),
          helpOption(),
          versionOption()}},
        {"session",
         "gongkai-kiosk session [options]",
         tr("Start the hall screen as installed: cage full-screen, the output turned by the config's rotation, "
            "running `gongkai-kiosk run` (the systemd unit's command)."),
         {{"--cage", "PATH", tr("the cage program (default: cage from PATH)")},
          dataDirOption(),
          configOption(),
          helpOption(),
          versionOption()}},
        {"sync",
         "gongkai-kiosk sync --once [options]",
         tr("Fetch the portal feed into the local store, verified, switched atomically."),
         {{"--once", "", tr("one sync, then exit (0: the store is current with the portal)")},
          portalOption(),
          dataDirOption(),
          configOption(),
          helpOption(),
          versionOption()}},
        {"status",
         "gongkai-kiosk status [options]",
         tr("Show what the local store holds and how the last sync went."),
         {{"--json", "", tr("one JSON object, for scripts and monitoring")},
          dataDirOption(),
          configOption(),
          helpOption(),
          versionOption()}},
        {"screenshot",
         "gongkai-kiosk screenshot --out FILE.png [options]",
         tr("Render one screen headless to a PNG file and exit."),
         {{"--out", "FILE.png", tr("where to write the PNG")},
          {"--layout", "FILE.json",
           tr("also write what the frame drew: text boxes with em and colours, tap targets, QR codes with their URLs")},
          {"--size", "WxH", tr("screen size (default 1920x1080; 1080x1920 is portrait)")},
          {"--show", "REF",
           tr("which screen: display (default), attract, home, catalog, catalog:CODE, disclosure:ID, guides, guide:ID, "
              "notices, notice:ID, apply, attachment:ID:N (the item's N-th attachment, a PDF; a kiosk screen implies "
              "--mode kiosk); the staff panel: staff:pin, staff:sync, staff:playlist, staff:urgent, staff:device")},
          {"--page", "P", tr("attachment screens: which page of the PDF (default 1)")},
          {"--elder", "", tr("kiosk screens in elder mode (长辈模式)")},
          {"--scroll", "PIXELS|end", tr("kiosk pages: scrolled down by that much, or to the end")},
          {"--at", "ISO-8601-TIME", tr("the clock time to show, e.g. 2026-11-27T10:00:00+08:00 (default: now)")},
          {"--mode", "display|kiosk", tr("which face (default: display, or kiosk for a kiosk screen)")},
          groupOption(),
          portalOption(),
          dataDirOption(),
          configOption(),
          helpOption(),
          versionOption()}},
        {"report",
         "gongkai-kiosk report plays --from YYYY-MM-DD --to YYYY-MM-DD [options]",
         tr("Proof of play: per-item totals for local dates as CSV (ref,title,screen_group,plays,…)."),
         {{"--from", "YYYY-MM-DD", tr("first local day, inclusive (the config's utc_offset, default +08:00)")},
          {"--to", "YYYY-MM-DD", tr("last local day, inclusive")},
          {"--group", "NAME", tr("only this screen group (default: every group)")},
          dataDirOption(),
          configOption(),
          helpOption(),
          versionOption()},
         1},
        {"search",
         "gongkai-kiosk search QUERY [options]",
         tr("Search disclosures, guides and notices as the kiosk does: one line per result (ref, field, title)."),
         {{"--json", "",
           tr("one JSON object: {\"query\", \"total\", \"results\": [{\"ref\", \"title\", \"field\", …}]}")},
          {"--limit", "N", tr("at most N results, 1–1000 (default 20)")},
          {"--pinyin-dict", "FILE",
           tr("Rime dictionary for pinyin initials (default: /usr/share/rime-data/luna_pinyin.dict.yaml)")},
          dataDirOption(),
          configOption(),
          helpOption(),
          versionOption()},
         1},
        {"playlist",
         "gongkai-kiosk playlist check FILE [options]\n       gongkai-kiosk playlist plan [FILE | --group NAME] "
         "[--from ISO-8601-TIME] [--hours N] [options]",
         tr("Staff: check a playlist file against the current publish, or print what a screen will show when."),
         {{"--from", "ISO-8601-TIME",
           tr("check: checked as of; plan: the first moment, e.g. 2026-11-30T08:00:00+08:00 (default: now)")},
          {"--hours", "N", tr("plan: how far ahead, 1–744 hours (default 24)")},
          {"--group", "NAME",
           tr("plan: that screen group's playlist — its local file when present, else the publish's (default: the "
              "config's screen_group)")},
          dataDirOption(),
          configOption(),
          helpOption(),
          versionOption()},
         2},
        {"config",
         "gongkai-kiosk config check [FILE]   (default FILE: /etc/gongkai/kiosk.json)",
         tr("Check a device config file: every problem as FILE: key: message (exit 0 valid, 1 problems, 2 "
            "unreadable)."),
         {helpOption(), versionOption()},
         2},
        {"staff",
         "gongkai-kiosk staff pin-hash [--generate | --allow-short]   (reads the PIN from standard input)",
         tr("Staff panel: turn a 6–8 digit PIN into the staff_pin_hash line for the config; an empty line makes a "
            "random 6-digit PIN, shown once on standard error."),
         {{"--generate", "", tr("make a random 6-digit PIN (shown once on standard error) without reading one")},
          {"--allow-short", "", tr("accept a typed 4–5 digit PIN (not advised for a screen that stands unattended)")},
          helpOption(),
          versionOption()},
         1},
        {"feed",
         "gongkai-kiosk feed build --from DIR --out DIR [--sign KEYFILE] [--generated-at ISO-8601-TIME] "
         "[--keep-going]\n"
         "       gongkai-kiosk feed keygen --out KEYFILE\n       gongkai-kiosk feed sign DIR --key KEYFILE\n"
         "       gongkai-kiosk feed check DIR|URL [--key KEY[,KEY…]] "
         "[--previous DIR|URL] [--at ISO-8601-TIME] [--allow-http] [--config FILE]",
         std::string(
             tr("Publishing: build a portal feed from an office's 公开目录.csv/.xlsx, 通知公告.csv, 办事指南/ and "
                "playlists/ (docs/publishing.md); every problem as FILE:ROW:列名: message.")) +
             "\n" +
             tr("Publishing: make the key that signs a feed's manifest, sign a feed made by other tools, or check a "
                "published feed exactly as a kiosk reads it: every problem as FILE: path: message (exit 0 valid, 1 "
                "problems, 2 unreadable)."),
         {{"--from", "DIR",
           tr("the office's folder (公开目录.csv, 通知公告.csv, 办事指南/, 目录.csv, 站点.txt, playlists/)")},
          {"--out", "DIR|KEYFILE",
           std::string(
               tr("the folder the web server serves; replaced whole, in one rename, only by a build without errors")) +
               "; " +
               tr("keygen: where the new private key goes (mode 0600; an existing file is never "
                  "overwritten)")},
          {"--sign", "KEYFILE", tr("build: sign the manifest with this key from `feed keygen` (manifest.json.sig)")},
          {"--generated-at", "ISO-8601-TIME",
           tr("the manifest's generated_at (default: now): the same input and time give byte-identical files")},
          {"--keep-going", "", tr("leave out rows with errors (each reported) and publish the rest")},
          {"--key", "KEYFILE|KEYS",
           tr("sign: the private key from `feed keygen`; check: public keys (comma-separated) that manifest.json.sig "
              "must verify with (default: the "
              "--config's feed_public_keys; none: the signature is not checked)")},
          {"--previous", "DIR|URL",
           tr("check: the publish before this one; a changed manifest whose validators (ETag, size and second) did "
              "not change is an error")},
          {"--at", "ISO-8601-TIME", tr("check: playlists as of that time (default: now)")},
          {"--allow-http", "", tr("check: allow an http:// URL (a kiosk needs tls.allow_insecure_http for it)")},
          {"--config", "FILE", tr("check: read TLS settings, feed_public_keys and utc_offset from this device config")},
          helpOption(),
          versionOption()},
         2},
        {"demo",
         "gongkai-kiosk demo [options]",
         tr("Show the bundled demo portal: a window when there is a display, else PNG screenshots."),
         {{"--out", "DIR", tr("where headless screenshots go (default: ./demo-screens)")},
          {"--mode", "display|kiosk", tr("the face shown in the window (default: kiosk)")},
          {"--at", "ISO-8601-TIME", tr("the clock time for headless screenshots (default: now)")},
          dataDirOption(),
          helpOption(),
          versionOption()}},
    };
}

} // namespace

std::string ParsedCommand::get(const std::string& option, const std::string& fallback) const {
    auto it = values.find(option);
    return it == values.end() ? fallback : it->second;
}

const std::vector<CommandSpec>& commandSpecs() {
    static const std::vector<CommandSpec> specs = makeSpecs();
    return specs;
}

const CommandSpec* findCommand(const std::string& name) {
    for (const CommandSpec& spec : commandSpecs())
        if (spec.name == name) return &spec;
    return nullptr;
}

std::string commandHelp(const CommandSpec& spec) {
    std::ostringstream out;
    out << fillIn(tr("Usage: {0}"), {spec.usage}) << "\n\n" << spec.summary << "\n\n" << tr("Options:") << "\n";
    for (const OptionSpec& o : spec.options) {
        std::string left = "  " + o.name + (o.value.empty() ? "" : " " + o.value);
        if (left.size() < 28) left.resize(28, ' ');
        out << left << " " << o.help << "\n";
    }
    return out.str();
}

std::string programHelp() {
    std::ostringstream out;
    out << fillIn(tr("Usage: {0}"), {"gongkai-kiosk COMMAND [options]"}) << "\n\n"
        << tr("Gongkai Kiosk (公开): government information kiosk and information screen for a service hall.") << "\n\n"
        << tr("Commands:") << "\n";
    for (const CommandSpec& spec : commandSpecs()) {
        std::string name = "  " + spec.name;
        name.resize(14, ' ');
        out << name << spec.summary << "\n";
    }
    out << "\n"
        << tr("Options:") << "\n  --help        " << tr("show this help") << "\n  --version     "
        << tr("show the version") << "\n\n"
        << tr("Run `gongkai-kiosk COMMAND --help` for a command's options.") << "\n";
    return out.str();
}

std::optional<ParsedCommand> parseCommand(const CommandSpec& spec, const std::vector<std::string>& args,
                                          std::string& error) {
    ParsedCommand parsed;
    parsed.name = spec.name;
    for (size_t i = 0; i < args.size(); ++i) {
        std::string arg = args[i];
        std::string inline_value;
        bool has_inline = false;
        if (const size_t eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos) {
            inline_value = arg.substr(eq + 1);
            arg = arg.substr(0, eq);
            has_inline = true;
        }
        if (arg.rfind("--", 0) != 0) {
            if (static_cast<int>(parsed.positional.size()) >= spec.max_positional) {
                error = fillIn(tr("unexpected argument \"{0}\""), {arg});
                return std::nullopt;
            }
            parsed.positional.push_back(arg);
            continue;
        }
        const OptionSpec* option = nullptr;
        for (const OptionSpec& o : spec.options)
            if (o.name == arg) option = &o;
        if (option == nullptr) {
            error = fillIn(tr("unknown option {0}"), {arg});
            return std::nullopt;
        }
        if (option->value.empty()) {
            if (has_inline) {
                error = fillIn(tr("{0} takes no value"), {arg});
                return std::nullopt;
            }
            parsed.values[arg] = "";
            continue;
        }
        if (!has_inline && i + 1 >= args.size()) {
            error = fillIn(tr("{0} needs a value ({1})"), {arg, option->value});

            return std::nullopt;
        }
        parsed.values[arg] = has_inline ? inline_value : args[++i];
    }
    return parsed;
}

std::optional<Size> parseSize(const std::string& text) {
    std::string normalised = text;
    if (const size_t times = normalised.find("×"); times != std::string::npos)
        normalised.replace(times, std::string("×").size(), "x");
    int w = 0, h = 0;
    char tail = 0;
    if (std::sscanf(normalised.c_str(), "%dx%d%c", &w, &h, &tail) != 2) return std::nullopt;
    if (w < 64 || h < 64 || w > 8192 || h > 8192) return std::nullopt;
    return Size{w, h};
}

} // namespace gk
