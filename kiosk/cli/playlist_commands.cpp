// `gongkai-kiosk playlist check` and `playlist plan`. See playlist_commands.h.
#include "kiosk/cli/playlist_commands.h"

#include "display/info/info_card.h"
#include "kiosk/core/hall_session.h"
#include "kiosk/playlist/playlist_source.h"
#include "kiosk/playlist/playlist_timeline.h"
#include "kiosk/playlist/playlist_validation.h"
#include "kiosk/shell/display_app.h"
#include "sync/loader.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

namespace gk {
namespace {

namespace fs = std::filesystem;

constexpr int kExitProblems = 1;
constexpr int kExitUnreadable = 2;

// One line on stderr: "gongkai-kiosk playlist plan: …".
void say(const std::string& action, const std::string& message) {
    std::cerr << "gongkai-kiosk playlist" << (action.empty() ? "" : " " + action) << ": " << message << "\n";
}

int fail(const std::string& action, const std::string& message, int code) {
    say(action, message);
    return code;
}

// One line: newlines, tabs and runs of spaces become a single space.
std::string oneLine(const std::string& text) {
    std::string out;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : c;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out;
}

// What a plan calls a card: its title, else (a text card with only a body) the body's text.
std::string cardTitle(const InfoCard& card) {
    if (!card.title.empty()) return card.title;
    std::string text;
    for (const Block& block : card.body.blocks) text += (text.empty() ? "" : "\n") + block.text;
    return text;
}

std::string localTime(std::int64_t epoch_s, int utc_offset_s) {
    const CivilTime c = civilFromEpoch(epoch_s, utc_offset_s);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
    return buf;
}

// The current publish; nullptr with one line on stderr when the store has none.
std::shared_ptr<const Content> loadContent(const std::string& action, const fs::path& data_dir) {
    std::string error;
    std::shared_ptr<const Content> content = loadCurrentContent(data_dir, error);
    if (!content) {
        say(action, "no publish to check against in " + data_dir.string() + ": " + error +
                        " (run `gongkai-kiosk sync --once` first)");
    } else if (!error.empty()) {
        say(action, "note: using an older generation: " + error);
    }
    return content;
}

// check looks a week ahead for spans in which nothing plays.
constexpr std::int64_t kIdleLookaheadS = 7 * 24 * 3600;

int checkFile(const ParsedCommand& cmd, const Settings& settings, const fs::path& data_dir) {
    if (cmd.positional.size() != 2) return fail("check", "give one playlist FILE to check", kExitUnreadable);
    for (const char* option : {"--hours", "--group"}) {
        if (cmd.has(option)) return fail("check", std::string(option) + " is for `playlist plan` only", 2);
    }
    std::int64_t now_s = static_cast<std::int64_t>(std::time(nullptr));
    if (cmd.has("--from")) { // check as of that moment (expiry, schedules over, the week ahead)
        const std::optional<std::int64_t> from = parseIsoDateTime(cmd.get("--from"), settings.utc_offset_s);
        if (!from) return fail("check", "--from \"" + cmd.get("--from") + "\" is not an ISO-8601 time", 2);
        now_s = *from;
    }
    const fs::path path = cmd.positional[1];
    const PlaylistFile file = readPlaylistFile(path);
    if (file.status != PlaylistFileStatus::Ok) return fail("check", path.string() + ": " + file.error, kExitUnreadable);
    const std::shared_ptr<const Content> content = loadContent("check", data_dir);
    if (!content) return kExitUnreadable;
    const std::string label = path.filename().string();
    PlaylistResult result = checkPlaylistText(file.text, label, *content, now_s, settings.utc_offset_s);
    if (result.usable()) {
        const std::vector<Problem> idle =
            idleWindowWarnings(result.playlist, *content, now_s, now_s + kIdleLookaheadS, settings.utc_offset_s);
        result.problems.insert(result.problems.end(), idle.begin(), idle.end());
    }
    std::cout << result.formattedProblems();
    const int warnings = countWarnings(result.problems);
    const std::string counted = std::to_string(warnings) + (warnings == 1 ? " warning" : " warnings");
    if (!result.usable()) {
        std::cout << label << ": cannot be read as a playlist; a screen keeps the playlist it has (" << counted
                  << ")\n";
        return kExitProblems;
    }
    const std::string checked_against = "checked against generation " + content->generation;
    if (!result.skipped.empty()) {
        std::cout << label << ": " << skippedSummary(result) << " (" << counted << ", " << checked_against << ")\n";
        return kExitProblems;
    }
    std::cout << label << ": ok, " << result.playlist.items.size() << " items, " << counted << " (" << checked_against
              << ")\n";
    return 0;
}

struct PlanRequest {
    std::int64_t from_s = 0;
    int hours = 24;
};

bool parsePlanRequest(const ParsedCommand& cmd, int utc_offset_s, PlanRequest& request, std::string& error) {
    request.from_s = static_cast<std::int64_t>(std::time(nullptr));
    if (cmd.has("--from")) {
        const std::optional<std::int64_t> from = parseIsoDateTime(cmd.get("--from"), utc_offset_s);
        if (!from) {
            error = "--from \"" + cmd.get("--from") + "\" is not an ISO-8601 time such as 2026-11-30T08:00:00+08:00";
            return false;
        }
        request.from_s = *from;
    }
    const std::string hours = cmd.get("--hours", "24");
    const bool digits =
        !hours.empty() && hours.size() <= 4 && hours.find_first_not_of("0123456789") == std::string::npos;
    request.hours = digits ? std::stoi(hours) : 0;
    if (request.hours < 1 || request.hours > kMaxPlanHours) {
        error = "--hours \"" + hours + "\" must be a whole number of hours from 1 to " + std::to_string(kMaxPlanHours) +
                " (31 days)";
        return false;
    }
    return true;
}

// The playlist a screen of the group shows: the local file when it is there and usable, else the
// publish's — the same choice and the same rule (playlistForGroup) as HallSession. Problems go to stderr.
std::optional<Playlist> groupPlaylist(const Settings& settings, const fs::path& data_dir, const Content& content,
                                      std::int64_t at_s) {
    const std::string& group = settings.screen_group;
    PlaylistSource local(localPlaylistPath(data_dir, settings.playlist_dir, group), settings.utc_offset_s);
    const LocalPlaylistChange change = local.poll(content, at_s);
    if (local.playlist()) {
        say("plan", "screen group " + group + ": the local playlist " + local.path().string());
        if (change == LocalPlaylistChange::Loaded) say("plan", local.logLine(change));
        return local.playlist();
    }
    if (change == LocalPlaylistChange::Rejected) say("plan", local.logLine(change));
    if (content.playlists.find(group) == content.playlists.end()) {
        say("plan",
            "no playlist for screen group \"" + group + "\": no " + local.path().string() + " and none in the publish");
        return std::nullopt;
    }
    std::string warning;
    std::optional<Playlist> published = playlistForGroup(content, group, warning);
    if (!published) {
        say("plan", warning + "; a running screen keeps its last good one");
        return std::nullopt;
    }
    say("plan", "screen group " + group + ": the publish's playlist (generation " + content.generation + ")");
    return published;
}

// The playlist in FILE, as a screen would play it; problems go to stderr.
std::optional<Playlist> filePlaylist(const fs::path& path, const Content& content, std::int64_t at_s, int utc_offset_s,
                                     int& exit_code) {
    const PlaylistFile file = readPlaylistFile(path);
    if (file.status != PlaylistFileStatus::Ok) {
        exit_code = fail("plan", path.string() + ": " + file.error, kExitUnreadable);
        return std::nullopt;
    }
    PlaylistResult result = checkPlaylistText(file.text, path.filename().string(), content, at_s, utc_offset_s);
    std::cerr << result.formattedProblems();
    if (!result.usable()) {
        exit_code = fail("plan", path.string() + " cannot be read as a playlist (see `gongkai-kiosk playlist check`)",
                         kExitProblems);
        return std::nullopt;
    }
    if (!result.skipped.empty()) say("plan", path.filename().string() + ": " + skippedSummary(result));
    return std::move(result.playlist);
}

std::string durationText(std::int64_t seconds) {
    if (seconds < 60) return std::to_string(seconds) + " s";
    const std::int64_t minutes = seconds / 60;
    std::string text = minutes < 60 ? std::to_string(minutes) + " min"
                                    : std::to_string(minutes / 60) + " h" +
                                          (minutes % 60 == 0 ? "" : " " + std::to_string(minutes % 60) + " min");
    return seconds % 60 == 0 ? text : text + " " + std::to_string(seconds % 60) + " s";
}

// "2026-11-30 08:00–12:00", or with the end's date when it is another day.
std::string spanText(const TimeSpan& span, int utc_offset_s) {
    const std::string start = localTime(span.start_s, utc_offset_s).substr(0, 16);
    const std::string end = localTime(span.end_s, utc_offset_s).substr(0, 16);
    return start + "–" + (start.substr(0, 10) == end.substr(0, 10) ? end.substr(11) : end);
}

std::string showingLine(const std::string& what, const std::string& ref, const std::string& title,
                        const ShowingSummary* shown, int utc_offset_s) {
    std::string line = what + "  " + ref + "  " + (title.empty() ? "-" : title) + "  ";
    if (shown == nullptr) return line + "not shown";
    return line + "first " + localTime(shown->first_s, utc_offset_s) + "  last " +
           localTime(shown->last_s, utc_offset_s) + "  " + std::to_string(shown->count) + " times  " +
           std::to_string(shown->seconds) + " s";
}

// After the timeline: per item its first and last showing, count and seconds; then the spans in
// which nothing plays, then the ticker's lines in each window.
std::string planSummary(const Playlist& playlist, const Content& content, const std::vector<Slot>& slots,
                        std::int64_t from_s, std::int64_t to_s, int utc_offset_s) {
    const std::vector<ShowingSummary> shown = summarizeShowings(slots, from_s, to_s);
    const auto title_of = [&](const std::string& ref, int item_index, SlotReason reason) {
        const Slot slot{ref, item_index, reason, from_s, to_s};
        return oneLine(cardTitle(buildInfoCard(content, playlist, slot, utc_offset_s)));
    };
    std::string out = "\nsummary " + localTime(from_s, utc_offset_s) + " – " + localTime(to_s, utc_offset_s) + "\n";
    for (std::size_t i = 0; i < playlist.items.size(); ++i) { // every item, shown or not
        const int index = static_cast<int>(i);
        const auto it =
            std::find_if(shown.begin(), shown.end(), [&](const ShowingSummary& s) { return s.item_index == index; });
        const std::string ref = slotRef(playlist.items[i], index);
        out += showingLine(playlist.itemPath(i), ref, title_of(ref, index, SlotReason::Scheduled),
                           it == shown.end() ? nullptr : &*it, utc_offset_s) +
               "\n";
    }
    for (const ShowingSummary& s : shown) {
        if (s.item_index < 0)
            out += showingLine(std::string(slotReasonName(s.reason)), s.ref, title_of(s.ref, -1, s.reason), &s,
                               utc_offset_s) +
                   "\n";
    }
    // The plan's own idle slots, so that the summary agrees with the lines above it.
    const std::vector<TimeSpan> idle = idleSpansOf(slots, from_s, to_s);
    for (const TimeSpan& span : idle) {
        out += "idle " + spanText(span, utc_offset_s) + " (" + durationText(span.end_s - span.start_s) +
               "): nothing plays, the screen shows the site name and clock\n";
    }
    if (idle.empty()) out += "idle: none, something plays all the time\n";
    for (const TickerWindow& window : tickerWindows(playlist, content, from_s, to_s, utc_offset_s)) {
        std::string lines;
        for (const std::string& line : window.lines) lines += (lines.empty() ? "" : " ◆ ") + oneLine(line);
        out += "ticker " + spanText(window.span, utc_offset_s) + ": " + (lines.empty() ? "(none)" : lines) + "\n";
    }
    return out;
}

int planTimeline(const ParsedCommand& cmd, const Settings& settings, const fs::path& data_dir) {
    if (cmd.positional.size() > 2) return fail("plan", "give at most one playlist FILE", 2);
    const bool has_file = cmd.positional.size() == 2;
    if (has_file && cmd.has("--group")) return fail("plan", "give a playlist FILE or --group, not both", 2);
    PlanRequest request;
    std::string error;
    if (!parsePlanRequest(cmd, settings.utc_offset_s, request, error)) return fail("plan", error, 2);
    const std::shared_ptr<const Content> content = loadContent("plan", data_dir);
    if (!content) return kExitProblems;
    int exit_code = kExitProblems;
    const std::optional<Playlist> playlist =
        has_file ? filePlaylist(cmd.positional[1], *content, request.from_s, settings.utc_offset_s, exit_code)
                 : groupPlaylist(settings, data_dir, *content, request.from_s);
    if (!playlist) return exit_code;
    const std::int64_t to_s = request.from_s + static_cast<std::int64_t>(request.hours) * 3600;
    const std::unique_ptr<Rotation> rotation =
        rotationSinceMidnight(*playlist, *content, settings.utc_offset_s, request.from_s);
    const std::vector<Slot> slots = rotation->plan(request.from_s, to_s);
    std::string out;
    for (const Slot& slot : slots) {
        out += planLine(slot, std::max(slot.start_s, request.from_s), *playlist, *content, settings.utc_offset_s);
        out += '\n';
    }
    out += planSummary(*playlist, *content, slots, request.from_s, to_s, settings.utc_offset_s);
    std::cout << out;
    if (!slots.empty() && slots.size() >= Rotation::kMaxPlanSlots && slots.back().end_s < to_s) {
        say("plan", "stopped after " + std::to_string(slots.size()) + " changes, at " +
                        localTime(slots.back().start_s, settings.utc_offset_s) + "; ask for fewer --hours");
    }
    return 0;
}

} // namespace

std::string planLine(const Slot& slot, std::int64_t shown_at, const Playlist& playlist, const Content& content,
                     int utc_offset_s) {
    std::string title;
    if (slot.reason == SlotReason::Idle) {
        title = content.site.name;
    } else {
        const InfoCard card = buildInfoCard(content, playlist, slot, utc_offset_s);
        title = cardTitle(card);
    }
    title = oneLine(title);
    return localTime(shown_at, utc_offset_s) + "  " + (slot.ref.empty() ? "-" : slot.ref) + "  " +
           (title.empty() ? "-" : title) + "  " + std::string(slotReasonName(slot.reason));
}

int runPlaylistCommand(const ParsedCommand& cmd, const Settings& settings, const fs::path& data_dir) {
    const std::string action = cmd.positional.empty() ? "" : cmd.positional[0];
    if (action == "check") return checkFile(cmd, settings, data_dir);
    if (action == "plan") return planTimeline(cmd, settings, data_dir);
    return fail("",
                action.empty() ? "say check FILE or plan [FILE] (see gongkai-kiosk playlist --help)"
                               : "unknown action \"" + action + "\" (expected check or plan)",
                2);
}

} // namespace gk
