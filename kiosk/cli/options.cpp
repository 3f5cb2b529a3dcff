// Command-line parsing. See options.h.
#include "kiosk/cli/options.h"

#include <cstdio>
#include <sstream>

namespace gk {
namespace {

const OptionSpec kDataDir{"--data-dir", "DIR", "local store and state (default: $XDG_STATE_HOME/gongkai-kiosk)"};
const OptionSpec kPortal{"--portal", "URL",
                         "portal feed base URL: https://…, file://… or a directory (default: the bundled demo portal)"};
const OptionSpec kConfig{"--config", "FILE", "device config (default: /etc/gongkai/kiosk.json when it exists)"};
const OptionSpec kGroup{"--group", "NAME",
                        "screen group whose playlist to show (default: the config's screen_group, else hall-main)"};
const OptionSpec kHelp{"--help", "", "show this help"};
const OptionSpec kVersion{"--version", "", "show the version"};

std::vector<CommandSpec> makeSpecs() {
    return {
        {"run",
         "gongkai-kiosk run [options]",
         "Show the screens: the information screen (display mode) or the touch kiosk.",
         {{"--mode", "display|kiosk", "which face to show (default: display, or the config's mode)"},
          {"--windowed", "WxH", "a window of that size instead of full screen"},
          kGroup,
          kPortal,
          kDataDir,
          kConfig,
          kHelp,
          kVersion}},
        {"session",
         "gongkai-kiosk session [options]",
         "Start the hall screen as installed: cage full-screen, the output turned by the config's rotation, "
         "running `gongkai-kiosk run` (the systemd unit's command).",
         {{"--cage", "PATH", "the cage program (default: cage from PATH)"}, kDataDir, kConfig, kHelp, kVersion}},
        {"sync",
         "gongkai-kiosk sync --once [options]",
         "Fetch the portal feed into the local store, verified, switched atomically.",
         {{"--once", "", "one sync, then exit (0: the store is current with the portal)"},
          kPortal,
          kDataDir,
          kConfig,
          kHelp,
          kVersion}},
        {"status",
         "gongkai-kiosk status [options]",
         "Show what the local store holds and how the last sync went.",
         {{"--json", "", "one JSON object, for scripts and monitoring"}, kDataDir, kConfig, kHelp, kVersion}},
        {"screenshot",
         "gongkai-kiosk screenshot --out FILE.png [options]",
         "Render one screen headless to a PNG file and exit.",
         {{"--out", "FILE.png", "where to write the PNG"},
          {"--layout", "FILE.json",
           "also write what the frame drew: text boxes with em and colours, tap targets, QR codes with their URLs"},
          {"--size", "WxH", "screen size (default 1920x1080; 1080x1920 is portrait)"},
          {"--show", "REF",
           "which screen: display (default), attract, home, catalog, catalog:CODE, disclosure:ID, guides, guide:ID, "
           "notices, notice:ID, apply (a kiosk screen implies --mode kiosk); the staff panel: staff:pin, "
           "staff:sync, staff:playlist, staff:urgent, staff:device"},
          {"--elder", "", "kiosk screens in elder mode (长辈模式)"},
          {"--scroll", "PIXELS|end", "kiosk pages: scrolled down by that much, or to the end"},
          {"--at", "ISO-8601-TIME", "the clock time to show, e.g. 2026-11-27T10:00:00+08:00 (default: now)"},
          {"--mode", "display|kiosk", "which face (default: display, or kiosk for a kiosk screen)"},
          kGroup,
          kPortal,
          kDataDir,
          kConfig,
          kHelp,
          kVersion}},
        {"report",
         "gongkai-kiosk report plays --from YYYY-MM-DD --to YYYY-MM-DD [options]",
         "Proof of play: per-item totals for local dates as CSV (ref,title,screen_group,plays,…).",
         {{"--from", "YYYY-MM-DD", "first local day, inclusive (the config's utc_offset, default +08:00)"},
          {"--to", "YYYY-MM-DD", "last local day, inclusive"},
          {"--group", "NAME", "only this screen group (default: every group)"},
          kDataDir,
          kConfig,
          kHelp,
          kVersion},
         1},
        {"search",
         "gongkai-kiosk search QUERY [options]",
         "Search disclosures, guides and notices as the kiosk does: one line per result (ref, field, title).",
         {{"--json", "", "one JSON object: {\"query\", \"total\", \"results\": [{\"ref\", \"title\", \"field\", …}]}"},
          {"--limit", "N", "at most N results, 1–1000 (default 20)"},
          {"--pinyin-dict", "FILE",
           "Rime dictionary for pinyin initials (default: /usr/share/rime-data/luna_pinyin.dict.yaml)"},
          kDataDir,
          kConfig,
          kHelp,
          kVersion},
         1},
        {"playlist",
         "gongkai-kiosk playlist check FILE [options]\n       gongkai-kiosk playlist plan [FILE | --group NAME] "
         "[--from ISO-8601-TIME] [--hours N] [options]",
         "Staff: check a playlist file against the current publish, or print what a screen will show when.",
         {{"--from", "ISO-8601-TIME",
           "check: checked as of; plan: the first moment, e.g. 2026-11-30T08:00:00+08:00 (default: now)"},
          {"--hours", "N", "plan: how far ahead, 1–744 hours (default 24)"},
          {"--group", "NAME",
           "plan: that screen group's playlist — its local file when present, else the publish's (default: the "
           "config's screen_group)"},
          kDataDir,
          kConfig,
          kHelp,
          kVersion},
         2},
        {"config",
         "gongkai-kiosk config check [FILE]   (default FILE: /etc/gongkai/kiosk.json)",
         "Check a device config file: every problem as FILE: key: message (exit 0 valid, 1 problems, 2 unreadable).",
         {kHelp, kVersion},
         2},
        {"staff",
         "gongkai-kiosk staff pin-hash [--generate | --allow-short]   (reads the PIN from standard input)",
         "Staff panel: turn a 6–8 digit PIN into the staff_pin_hash line for the config; an empty line makes a "
         "random 6-digit PIN, shown once on standard error.",
         {{"--generate", "", "make a random 6-digit PIN (shown once on standard error) without reading one"},
          {"--allow-short", "", "accept a typed 4–5 digit PIN (not advised for a screen that stands unattended)"},
          kHelp,
          kVersion},
         1},
        {"demo",
         "gongkai-kiosk demo [options]",
         "Show the bundled demo portal: a window when there is a display, else PNG screenshots.",
         {{"--out", "DIR", "where headless screenshots go (default: ./demo-screens)"},
          {"--mode", "display|kiosk", "the face shown in the window (default: kiosk)"},
          {"--at", "ISO-8601-TIME", "the clock time for headless screenshots (default: now)"},
          kDataDir,
          kHelp,
          kVersion}},
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
    out << "Usage: " << spec.usage << "\n\n" << spec.summary << "\n\nOptions:\n";
    for (const OptionSpec& o : spec.options) {
        std::string left = "  " + o.name + (o.value.empty() ? "" : " " + o.value);
        if (left.size() < 28) left.resize(28, ' ');
        out << left << " " << o.help << "\n";
    }
    return out.str();
}

std::string programHelp() {
    std::ostringstream out;
    out << "Usage: gongkai-kiosk COMMAND [options]\n\n"
           "Gongkai Kiosk (公开): government information kiosk and information screen for a service hall.\n\n"
           "Commands:\n";
    for (const CommandSpec& spec : commandSpecs()) {
        std::string name = "  " + spec.name;
        name.resize(14, ' ');
        out << name << spec.summary << "\n";
    }
    out << "\nOptions:\n  --help        show this help\n  --version     show the version\n\n"
           "Run `gongkai-kiosk COMMAND --help` for a command's options.\n";
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
                error = "unexpected argument \"" + arg + "\"";
                return std::nullopt;
            }
            parsed.positional.push_back(arg);
            continue;
        }
        const OptionSpec* option = nullptr;
        for (const OptionSpec& o : spec.options)
            if (o.name == arg) option = &o;
        if (option == nullptr) {
            error = "unknown option " + arg;
            return std::nullopt;
        }
        if (option->value.empty()) {
            if (has_inline) {
                error = arg + " takes no value";
                return std::nullopt;
            }
            parsed.values[arg] = "";
            continue;
        }
        if (!has_inline && i + 1 >= args.size()) {
            error = arg + " needs a value (" + option->value + ")";
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
