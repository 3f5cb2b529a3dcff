// When a playlist item or ticker line may show: ISO weekdays, local wall-clock windows (which may
// cross midnight) and an inclusive local date range. Owned by config/: the model, the text form
// of a window ("08:30-12:00"), and the pure time logic (is it active at t, when does that change
// next) that the display scheduler and `playlist plan` build on. Time is always passed in.
// Standard library only.
//
// Overnight windows: "22:00-06:00" is one window that STARTS on a local day and ends the next
// morning. The weekday and date filters apply to the day the window starts: with weekdays [5]
// (Friday) it runs Friday 22:00 – Saturday 06:00, and not Thursday night's tail on Friday
// morning; with until = 2026-12-31 the window that starts on Dec 31 still runs to Jan 1 06:00,
// while with from = 2026-11-01 the early morning of Nov 1 is not covered (its window started
// on Oct 31). Windows include their start minute and exclude their end minute.
#pragma once

#include "config/civil_time.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

struct TimeWindow {
    int start_min = 0; // minutes from local midnight, 0–1439
    int end_min = 0;   // exclusive; end_min < start_min means the window crosses midnight
    bool crossesMidnight() const { return end_min < start_min; }
    bool operator==(const TimeWindow&) const = default;
};

struct Schedule {
    std::vector<int> weekdays;     // ISO 1 = Monday … 7 = Sunday; empty = every day
    std::vector<TimeWindow> times; // empty = all day
    std::optional<Date> from;      // inclusive local date
    std::optional<Date> until;     // inclusive local date
    bool operator==(const Schedule&) const = default;
};

// Parses "HH:MM-HH:MM". On failure returns nullopt and sets error to a message such as
// "\"8:30-12\" is not HH:MM-HH:MM" or "\"25:00-26:00\": hour 25 is not 00–23"; text typed with a
// Chinese input method gets a hint: "\"08：00-12：00\" is not HH:MM-HH:MM: use a half-width colon
// \":\" (found \"：\")".
std::optional<TimeWindow> parseTimeWindow(std::string_view text, std::string& error);
// What to retype in a time or date typed with full-width characters (a Chinese input method's
// "：", "０"–"９", "－", "～", "至" or spaces), e.g. "use a half-width colon \":\" (found \"：\")";
// "" when there is none.
std::string halfWidthHint(std::string_view text);
std::string formatTimeWindow(const TimeWindow& window); // "22:00-06:00"

// Whether a (local) day passes the weekday and date filters.
bool scheduleAllowsDay(const Schedule& schedule, std::int64_t local_day);
bool scheduleActiveAt(const Schedule& schedule, std::int64_t epoch_s, int utc_offset_s);
// The first instant after after_s at which scheduleActiveAt changes value, or nullopt if it
// never changes again. Exact (not merely a candidate boundary).
std::optional<std::int64_t> nextScheduleChange(const Schedule& schedule, std::int64_t after_s, int utc_offset_s);
// Every instant in (from_s, to_s) at which scheduleActiveAt changes value, in order (at most
// max_changes of them).
std::vector<std::int64_t> scheduleChangesBetween(const Schedule& schedule, std::int64_t from_s, std::int64_t to_s,
                                                 int utc_offset_s, std::size_t max_changes = 10000);

} // namespace gk
