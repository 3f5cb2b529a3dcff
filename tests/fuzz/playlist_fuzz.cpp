// libFuzzer target for playlists and their schedules (config/playlist.h, config/schedule.h,
// config/playlist_check.h): every input is parsed as a playlist file; a usable one goes through the
// checks `playlist check` and the screen run (checkPlaylistSchedules), and each schedule in it is
// asked when it is active and when that changes next. Nothing may crash, leak, throw or trip UBSan;
// the parsed playlist must keep its documented shape (durations, sorted weekdays and windows,
// content refs) and nextScheduleChange must be exact. Built only in the clang fuzz tree.
#include "config/civil_time.h"
#include "config/playlist.h"
#include "config/playlist_check.h"
#include "config/schedule.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

// Fixed instants, so that a finding reproduces: a weekday morning in the feed's zone, the night
// of a year's end (windows over midnight, `until` edges), and a time zone far from China's.
struct Now {
    std::int64_t epoch_s;
    int utc_offset_s;
};
constexpr Now kNows[] = {
    {1795136400, gk::kChinaUtcOffsetS}, // 2026-11-20T09:00:00+08:00, a Friday
    {1798732740, gk::kChinaUtcOffsetS}, // 2026-12-31T23:59:00+08:00
    {1798732740, -11 * 3600},
};

void checkSchedule(const gk::Schedule& schedule) {
    require(std::is_sorted(schedule.weekdays.begin(), schedule.weekdays.end()));
    require(std::adjacent_find(schedule.weekdays.begin(), schedule.weekdays.end()) == schedule.weekdays.end());
    for (const int day : schedule.weekdays) require(day >= 1 && day <= 7);
    for (const gk::TimeWindow& w : schedule.times) {
        require(w.start_min >= 0 && w.start_min < 1440 && w.end_min >= 0 && w.end_min < 1440);
        require(w.start_min != w.end_min);
        std::string error;
        const std::optional<gk::TimeWindow> again = gk::parseTimeWindow(gk::formatTimeWindow(w), error);
        require(again && *again == w);
    }
    if (schedule.from) require(gk::isValidDate(schedule.from->year, schedule.from->month, schedule.from->day));
    if (schedule.until) require(gk::isValidDate(schedule.until->year, schedule.until->month, schedule.until->day));
    for (const Now& now : kNows) {
        const bool state = gk::scheduleActiveAt(schedule, now.epoch_s, now.utc_offset_s);
        const std::optional<std::int64_t> change = gk::nextScheduleChange(schedule, now.epoch_s, now.utc_offset_s);
        if (!change) continue;
        // The first instant after now where the state differs: it differs there and not a second before.
        require(*change > now.epoch_s);
        require(gk::scheduleActiveAt(schedule, *change, now.utc_offset_s) != state);
        require(gk::scheduleActiveAt(schedule, *change - 1, now.utc_offset_s) == state);
    }
    if (gk::scheduleNeverShows(schedule)) {
        require(!gk::scheduleActiveAt(schedule, kNows[0].epoch_s, kNows[0].utc_offset_s));
    }
}

void checkItem(const gk::Playlist& playlist, const gk::PlaylistItem& item) {
    require(playlist.durationOf(item) >= 1 && playlist.durationOf(item) <= gk::kMaxDurationS);
    if (const gk::ContentRef* ref = item.ref()) {
        std::string error;
        const std::optional<gk::ContentRef> again = gk::parseContentRef(ref->str(), error);
        require(again && *again == *ref);
    } else if (const gk::PlaylistImage* image = item.image()) {
        require(!image->href.empty() && image->href.front() != '/' && image->sha256.size() == 64 && image->bytes > 0);
        require(("/" + image->href + "/").find("/../") == std::string::npos);
        require(image->type == "image/png" || image->type == "image/jpeg");
    } else if (const gk::PlaylistVideo* video = item.video()) {
        require(!video->href.empty() && video->href.front() != '/' && video->sha256.size() == 64 && video->bytes > 0);
        require(("/" + video->href + "/").find("/../") == std::string::npos);
        require(std::find(std::begin(gk::kVideoTypes), std::end(gk::kVideoTypes), video->type) !=
                std::end(gk::kVideoTypes));
        require(!video->duration_s || (*video->duration_s > 0 && *video->duration_s <= gk::kMaxDurationS));
        require(!video->loop || video->duration_s); // a loop has no end of its own
        require(!playlist.stretches(item));
    } else {
        require(item.text() != nullptr && (!item.text()->title.empty() || !item.text()->body.empty()));
    }
    if (item.schedule) checkSchedule(*item.schedule);
}

void checkPlaylist(const gk::PlaylistResult& result) {
    require(result.usable() == !gk::hasErrors(result.problems));
    require(result.problems.empty() || !result.formattedProblems().empty());
    if (!result.usable()) return;
    const gk::Playlist& playlist = result.playlist;
    // Every item may be skipped or disabled; what is skipped is named once each.
    require(playlist.items.size() + playlist.disabled_items + result.skippedItems() >= 1);
    // Sorted, so that 12,000 skipped items are checked in n log n, not n² (the seed corpus has them).
    std::vector<std::string> skipped = result.skipped;
    std::sort(skipped.begin(), skipped.end());
    require(std::adjacent_find(skipped.begin(), skipped.end()) == skipped.end());
    require(playlist.default_duration_s >= 1 && playlist.default_duration_s <= gk::kMaxDurationS);
    require(playlist.file_positions.empty() || playlist.file_positions.size() == playlist.items.size());
    require(std::is_sorted(playlist.file_positions.begin(), playlist.file_positions.end()));
    for (std::size_t i = 0; i < playlist.items.size(); ++i) {
        checkItem(playlist, playlist.items[i]);
        require(!playlist.itemPath(i).empty());
    }
    for (const gk::TickerEntry& entry : playlist.ticker) {
        require(!entry.text.empty());
        if (entry.schedule) checkSchedule(*entry.schedule);
    }
    if (playlist.fallback) {
        require(!playlist.fallback->schedule);
        checkItem(playlist, *playlist.fallback);
    }
    for (const Now& now : kNows) {
        gk::PlaylistResult checked = result;
        gk::checkPlaylistSchedules(checked, now.epoch_s, now.utc_offset_s);
        require(checked.usable());
        for (std::size_t i = result.problems.size(); i < checked.problems.size(); ++i) {
            const gk::Problem& problem = checked.problems[i];
            require(!problem.path.empty() && !problem.message.empty() && problem.warning);
        }
        require(gk::tickerTextsAt(playlist, now.epoch_s, now.utc_offset_s).size() <= playlist.ticker.size());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    checkPlaylist(gk::parsePlaylist(text, "hall-main.json"));
    // The text form of a ref and of a window, on their own (they come from staff edits too).
    std::string error;
    if (const std::optional<gk::ContentRef> ref = gk::parseContentRef(text, error)) {
        require(ref->str() == text && !ref->id.empty());
    } else {
        require(!error.empty());
    }
    error.clear();
    if (const std::optional<gk::TimeWindow> window = gk::parseTimeWindow(text, error)) {
        require(gk::formatTimeWindow(*window) == text);
    } else {
        require(!error.empty());
    }
    return 0;
}
