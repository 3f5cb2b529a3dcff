// `gongkai-kiosk report plays`. See report_commands.h.
#include "kiosk/cli/report_commands.h"

#include "config/civil_time.h"
#include "config/i18n.h"
#include "config/playlist.h"
#include "config/settings.h"
#include "kiosk/services/paths.h"
#include "sync/loader.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace gk {
namespace {

namespace fs = std::filesystem;

constexpr int kExitFailure = 1;
constexpr int kExitUsage = 2;

int fail(const std::string& message, int code) {
    std::cerr << "gongkai-kiosk report: " << message << "\n";
    return code;
}

// The device's UTC offset from the config (--config, else /etc/gongkai/kiosk.json when present).
bool loadUtcOffset(const ParsedCommand& cmd, int& utc_offset_s, std::string& error) {
    Settings settings;
    if (!loadSettingsFile(cmd.get("--config"), settings, error)) return false;
    utc_offset_s = settings.utc_offset_s;
    return true;
}

bool parseDateOption(const ParsedCommand& cmd, const std::string& option, Date& date, std::string& error) {
    if (!cmd.has(option)) {
        error = fillIn(tr("{0} YYYY-MM-DD is required"), {option});
        return false;
    }
    const std::optional<Date> parsed = parseDate(cmd.get(option));
    if (!parsed) {
        error = fillIn(tr("{0} \"{1}\" is not a date YYYY-MM-DD, e.g. 2026-11-27"), {option, cmd.get(option)});
        return false;
    }
    date = *parsed;
    return true;
}

std::string playlistTitle(const Content& content, const std::string& screen_group, const std::string& ref) {
    const auto raw = content.playlists.find(screen_group);
    if (raw == content.playlists.end()) return "";
    const PlaylistResult parsed = parsePlaylist(raw->second, screen_group + ".json");
    if (!parsed.usable()) return "";
    const Playlist& playlist = parsed.playlist;
    const auto text_title = [](const PlaylistItem* item) {
        const PlaylistText* text = item != nullptr ? item->text() : nullptr;
        return text != nullptr ? text->title : std::string();
    };
    if (ref == "text:fallback") return text_title(playlist.fallback ? &*playlist.fallback : nullptr);
    if (ref.rfind("text:", 0) == 0) {
        const std::string index = ref.substr(5);
        if (index.empty() || index.size() > 6 || index.find_first_not_of("0123456789") != std::string::npos) return "";
        const std::size_t i = std::stoul(index);
        return i < playlist.items.size() ? text_title(&playlist.items[i]) : "";
    }
    const std::string href = ref.substr(ref.find(':') + 1);
    std::vector<const PlaylistItem*> items;
    for (const PlaylistItem& item : playlist.items) items.push_back(&item);
    if (playlist.fallback) items.push_back(&*playlist.fallback);
    const bool video = ref.rfind("video:", 0) == 0;
    for (const PlaylistItem* item : items) {
        if (const PlaylistImage* image = item->image(); !video && image != nullptr && image->href == href)
            return image->name;
        if (const PlaylistVideo* clip = item->video(); video && clip != nullptr && clip->href == href)
            return clip->name;
    }
    return "";
}

} // namespace

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::string titleForRef(const Content& content, const std::string& screen_group, const std::string& ref) {
    const std::size_t colon = ref.find(':');
    if (colon == std::string::npos) return "";
    const std::string kind = ref.substr(0, colon);
    const std::string id = ref.substr(colon + 1);
    if (kind == "notice") {
        const Notice* notice = content.findNotice(id);
        return notice != nullptr ? notice->title : "";
    }
    if (kind == "guide") {
        const ServiceGuide* guide = content.findGuide(id);
        return guide != nullptr ? guide->name : "";
    }
    if (kind == "disclosure") {
        const DisclosureItem* item = content.findDisclosure(id);
        return item != nullptr ? item->title : "";
    }
    if (kind == "image" || kind == "video" || kind == "text") return playlistTitle(content, screen_group, ref);
    return "";
}

TimeRange localDaysRange(const Date& from, const Date& to, int utc_offset_s) {
    return TimeRange{epochOfLocalDay(daysFromDate(from), utc_offset_s),
                     epochOfLocalDay(daysFromDate(to) + 1, utc_offset_s)};
}

std::string playsCsv(const std::vector<PlayTotal>& totals, const Content* content, int utc_offset_s) {
    std::ostringstream out;
    out << kPlaysCsvHeader << "\n";
    for (const PlayTotal& t : totals) {
        const std::string title = content != nullptr ? titleForRef(*content, t.screen_group, t.ref) : "";
        out << csvField(t.ref) << ',' << csvField(title) << ',' << csvField(t.screen_group) << ',' << t.plays << ','
            << t.total_s << ',' << formatIsoLocal(t.first_s, utc_offset_s) << ','
            << formatIsoLocal(t.last_s, utc_offset_s) << "\n";
    }
    return out.str();
}

int commandReport(const ParsedCommand& cmd) {
    if (cmd.positional.empty() || cmd.positional[0] != "plays")
        return fail(cmd.positional.empty()
                        ? std::string(tr("which report? (available: plays)"))
                        : fillIn(tr("unknown report \"{0}\" (available: plays)"), {cmd.positional[0]}),
                    kExitUsage);
    std::string error;
    Date from, to;
    if (!parseDateOption(cmd, "--from", from, error) || !parseDateOption(cmd, "--to", to, error))
        return fail(error, kExitUsage);
    if (to < from)
        return fail(fillIn(tr("--from {0} is after --to {1}"), {formatDate(from), formatDate(to)}), kExitUsage);

    int utc_offset_s = 0;
    if (!loadUtcOffset(cmd, utc_offset_s, error)) return fail(error, kExitUsage);
    const fs::path data_dir = cmd.has("--data-dir") ? fs::path(cmd.get("--data-dir")) : defaultDataDir();
    const fs::path path = recordsPathIn(data_dir);
    std::error_code ec;
    if (!fs::exists(path, ec)) { // nothing was ever played here
        std::cout << kPlaysCsvHeader << "\n";
        return 0;
    }
    const std::unique_ptr<Records> records = Records::openForReading(path, error);
    if (!records) return fail(error, kExitFailure);
    const TimeRange range = localDaysRange(from, to, utc_offset_s);
    const std::optional<std::string> group = cmd.has("--group") ? std::optional(cmd.get("--group")) : std::nullopt;
    const std::optional<std::vector<PlayTotal>> totals = records->playTotals(range.from_s, range.to_s, group, error);
    if (!totals) return fail(error, kExitFailure);
    std::string load_error; // an empty or damaged store: the titles stay empty
    const std::shared_ptr<const Content> content = loadCurrentContent(data_dir, load_error);
    std::cout << playsCsv(*totals, content.get(), utc_offset_s);
    return 0;
}

} // namespace gk
