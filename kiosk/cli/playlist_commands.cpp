// `gongkai-kiosk playlist check` and `playlist plan`. See playlist_commands.h.
#include "kiosk/cli/playlist_commands.h"

#include "config/i18n.h"
#include "display/info/info_card.h"
#include "display/info/info_screen.h"
#include "display/text/fonts.h"
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
#include <optional>

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
        say(action, fillIn(tr("no publish to check against in {0}: {1} (run `gongkai-kiosk sync --once` first)"),
                           {data_dir.string(), error}));
    } else if (!error.empty()) {
        say(action, fillIn(tr("note: using an older generation: {0}"), {error}));
    }
    return content;
}

// check looks a week ahead for spans in which nothing plays.
constexpr std::int64_t kIdleLookaheadS = 7 * 24 * 3600;

int checkFile(const ParsedCommand& cmd, const Settings& settings, const fs::path& data_dir) {
    if (cmd.positional.size() != 2) return fail("check", tr("give one playlist FILE to check"), kExitUnreadable);
    for (const char* option : {"--hours", "--group"}) {
        if (cmd.has(option)) return fail("check", fillIn(tr("{0} is for `playlist plan` only"), {option}), 2);
    }
    std::int64_t now_s = static_cast<std::int64_t>(std::time(nullptr));
    if (cmd.has("--from")) { // check as of that moment (expiry, schedules over, the week ahead)
        const std::optional<std::int64_t> from = parseIsoDateTime(cmd.get("--from"), settings.utc_offset_s);
        if (!from) return fail("check", fillIn(tr("--from \"{0}\" is not an ISO-8601 time"), {cmd.get("--from")}), 2);
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
    const std::string counted = fillIn(trn("{0} warning", "{0} warnings", warnings), {std::to_string(warnings)});
    if (!result.usable()) {
        std::cout << label << ": "
                  << fillIn(tr("cannot be read as a playlist; a screen keeps the playlist it has ({0})"), {counted})
                  << "\n";
        return kExitProblems;
    }
    if (!result.skipped.empty()) {
        std::cout << label << ": "
                  << fillIn(tr("{0} ({1}, checked against generation {2})"),
                            {skippedSummary(result), counted, content->generation})
                  << "\n";
        return kExitProblems;
    }
    const std::size_t items = result.playlist.items.size();
    std::cout << label << ": "
              << fillIn(trn("ok, {0} item, {1} (checked against generation {2})",
                            "ok, {0} items, {1} (checked against generation {2})", items),
                        {std::to_string(items), counted, content->generation})
              << "\n";
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
            error = fillIn(tr("--from \"{0}\" is not an ISO-8601 time such as 2026-11-30T08:00:00+08:00"),
                           {cmd.get("--from")});
            return false;
        }
        request.from_s = *from;
    }
    const std::string hours = cmd.get("--hours", "24");
    const bool digits =
        !hours.empty() && hours.size() <= 4 && hours.find_first_not_of("0123456789") == std::string::npos;
    request.hours = digits ? std::stoi(hours) : 0;
    if (request.hours < 1 || request.hours > kMaxPlanHours) {
        error = fillIn(tr("--hours \"{0}\" must be a whole number of hours from 1 to {1} (31 days)"),
                       {hours, std::to_string(kMaxPlanHours)});
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
        say("plan", fillIn(tr("screen group {0}: the local playlist {1}"), {group, local.path().string()}));
        if (change == LocalPlaylistChange::Loaded) say("plan", local.logLine(change));
        return local.playlist();
    }
    if (change == LocalPlaylistChange::Rejected) say("plan", local.logLine(change));
    if (content.playlists.find(group) == content.playlists.end()) {
        say("plan", fillIn(tr("no playlist for screen group \"{0}\": no {1} and none in the publish"),
                           {group, local.path().string()}));
        return std::nullopt;
    }
    std::string warning;
    std::optional<Playlist> published = playlistForGroup(content, group, warning);
    if (!published) {
        say("plan", fillIn(tr("{0}; a running screen keeps its last good one"), {warning}));
        return std::nullopt;
    }
    say("plan", fillIn(tr("screen group {0}: the publish's playlist (generation {1})"), {group, content.generation}));
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
        exit_code =
            fail("plan",
                 fillIn(tr("{0} cannot be read as a playlist (see `gongkai-kiosk playlist check`)"), {path.string()}),
                 kExitProblems);
        return std::nullopt;
    }
    if (!result.skipped.empty()) say("plan", path.filename().string() + ": " + skippedSummary(result));
    return std::move(result.playlist);
}

std::string durationText(std::int64_t seconds) {
    if (seconds < 60) return fillIn(tr("{0} s"), {std::to_string(seconds)});
    const std::int64_t minutes = seconds / 60;
    std::string text = minutes < 60 ? fillIn(tr("{0} min"), {std::to_string(minutes)})
                       : minutes % 60 == 0
                           ? fillIn(tr("{0} h"), {std::to_string(minutes / 60)})
                           : fillIn(tr("{0} h {1} min"), {std::to_string(minutes / 60), std::to_string(minutes % 60)});
    return seconds % 60 == 0 ? text : text + " " + fillIn(tr("{0} s"), {std::to_string(seconds % 60)});
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
    if (shown == nullptr) return line + tr("not shown");
    return line + fillIn(trn("first {0}  last {1}  {2} time  {3} s", "first {0}  last {1}  {2} times  {3} s",
                             static_cast<unsigned long>(shown->count)),
                         {localTime(shown->first_s, utc_offset_s), localTime(shown->last_s, utc_offset_s),
                          std::to_string(shown->count), std::to_string(shown->seconds)});
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
    std::string out =
        "\n" + fillIn(tr("summary {0} – {1}"), {localTime(from_s, utc_offset_s), localTime(to_s, utc_offset_s)}) + "\n";
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
        out += fillIn(tr("idle {0} ({1}): nothing plays, the screen shows the site name and clock"),
                      {spanText(span, utc_offset_s), durationText(span.end_s - span.start_s)}) +
               "\n";
    }
    if (idle.empty()) out += std::string(tr("idle: none, something plays all the time")) + "\n";
    for (const TickerWindow& window : tickerWindows(playlist, content, from_s, to_s, utc_offset_s)) {
        std::string lines;
        for (const std::string& line : window.lines) lines += (lines.empty() ? "" : " ◆ ") + oneLine(line);
        out +=
            fillIn(tr("ticker {0}: {1}"), {spanText(window.span, utc_offset_s), lines.empty() ? tr("(none)") : lines}) +
            "\n";
    }
    return out;
}

// Measures cards on the reference screen with the program's fonts, as the screen's painter does.
class ReferencePager final : public CardPager {
public:
    explicit ReferencePager(std::unique_ptr<MeasuringFonts> fonts) : m_fonts(std::move(fonts)) {}
    std::size_t pagesOf(const InfoScreenView& view) override { return referencePagesOf(view.card, view.portrait); }
    std::size_t referencePagesOf(const InfoCard& card, bool portrait) override {
        return referenceCardPages(card, portrait, m_fonts->fonts(), m_cache);
    }

private:
    std::unique_ptr<MeasuringFonts> m_fonts;
    CardTextCache m_cache;
};

int planTimeline(const ParsedCommand& cmd, const Settings& settings, const fs::path& data_dir) {
    if (cmd.positional.size() > 2) return fail("plan", tr("give at most one playlist FILE"), 2);
    const bool has_file = cmd.positional.size() == 2;
    if (has_file && cmd.has("--group")) return fail("plan", tr("give a playlist FILE or --group, not both"), 2);
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
    // Long cards stretch as on the screen: measured with the program's fonts on the reference screen.
    std::optional<ReferencePager> pager;
    if (std::any_of(playlist->items.begin(), playlist->items.end(),
                    [&](const PlaylistItem& item) { return playlist->stretches(item); }) ||
        (playlist->fallback && playlist->stretches(*playlist->fallback))) {
        std::unique_ptr<MeasuringFonts> fonts = MeasuringFonts::open(error);
        if (!fonts)
            return fail("plan", fillIn(tr("cannot measure long cards for max_duration_s: {0}"), {error}),
                        kExitProblems);
        pager.emplace(std::move(fonts));
    }
    SlotStretcher stretcher(pager ? &*pager : nullptr);
    const std::unique_ptr<Rotation> rotation = rotationSinceMidnight(
        *playlist, *content, settings.utc_offset_s, request.from_s, [&](const PlaylistItem& item, const Slot& slot) {
            return stretcher.secondsOf(*playlist, *content, settings.utc_offset_s, item, slot);
        });
    const std::vector<Slot> slots = rotation->plan(request.from_s, to_s);
    std::string out;
    for (const Slot& slot : slots) {
        out += planLine(slot, std::max(slot.start_s, request.from_s), *playlist, *content, settings.utc_offset_s);
        out += '\n';
    }
    out += planSummary(*playlist, *content, slots, request.from_s, to_s, settings.utc_offset_s);
    std::cout << out;
    if (!slots.empty() && slots.size() >= Rotation::kMaxPlanSlots && slots.back().end_s < to_s) {
        say("plan", fillIn(tr("stopped after {0} changes, at {1}; ask for fewer --hours"),
                           {std::to_string(slots.size()), localTime(slots.back().start_s, settings.utc_offset_s)}));
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
                action.empty() ? std::string(tr("say check FILE or plan [FILE] (see gongkai-kiosk playlist --help)"))
                               : fillIn(tr("unknown action \"{0}\" (expected check or plan)"), {action}),

                2);
}

} // namespace gk
