// Schedule time logic: window text, "active at t", "next change after t" (see schedule.h for the
// overnight-window rule). Standard library only.
#include "config/schedule.h"

#include "config/i18n.h"

#include <algorithm>
#include <cstdio>

namespace gk {
namespace {

bool isDigit(char c) {
    return c >= '0' && c <= '9';
}

int twoDigits(std::string_view text, std::size_t at) {
    return (text[at] - '0') * 10 + (text[at + 1] - '0');
}

std::string quoted(std::string_view text) {
    std::string out(1, '"');
    return out.append(text).append(1, '"');
}

// Minute-of-day boundaries where the schedule can change: midnight, every start and end.
std::vector<int> boundaryMinutes(const Schedule& schedule) {
    std::vector<int> minutes{0};
    for (const TimeWindow& w : schedule.times) {
        minutes.push_back(w.start_min);
        minutes.push_back(w.end_min);
    }
    std::sort(minutes.begin(), minutes.end());
    minutes.erase(std::unique(minutes.begin(), minutes.end()), minutes.end());
    return minutes;
}

// Scans boundaries on local days [first_day, last_day] for the first instant after after_s where
// the schedule's state differs from `state`.
std::optional<std::int64_t> scanDays(const Schedule& schedule, const std::vector<int>& minutes, std::int64_t first_day,
                                     std::int64_t last_day, std::int64_t after_s, bool state, int utc_offset_s) {
    for (std::int64_t day = first_day; day <= last_day; ++day) {
        const std::int64_t midnight = epochOfLocalDay(day, utc_offset_s);
        for (int minute : minutes) {
            const std::int64_t t = midnight + minute * 60LL;
            if (t <= after_s) continue;
            if (scheduleActiveAt(schedule, t, utc_offset_s) != state) return t;
        }
    }
    return std::nullopt;
}

} // namespace

std::optional<TimeWindow> parseTimeWindow(std::string_view text, std::string& error) {
    auto fail = [&](std::string message) -> std::optional<TimeWindow> {
        error = std::move(message);
        return std::nullopt;
    };
    const bool shaped = text.size() == 11 && text[2] == ':' && text[5] == '-' && text[8] == ':' && isDigit(text[0]) &&
                        isDigit(text[1]) && isDigit(text[3]) && isDigit(text[4]) && isDigit(text[6]) &&
                        isDigit(text[7]) && isDigit(text[9]) && isDigit(text[10]);
    if (!shaped) {
        const std::string hint = halfWidthHint(text);
        return fail(hint.empty() ? fillIn(tr("{0} is not HH:MM-HH:MM"), {quoted(text)})
                                 : fillIn(tr("{0} is not HH:MM-HH:MM: {1}"), {quoted(text), hint}));
    }
    const int hours[2] = {twoDigits(text, 0), twoDigits(text, 6)};
    const int minutes[2] = {twoDigits(text, 3), twoDigits(text, 9)};
    for (int i = 0; i < 2; ++i) {
        if (hours[i] > 23) {
            return fail(fillIn(tr("{0}: hour {1} is not 00–23 (write midnight as 00:00)"),
                               {quoted(text), std::to_string(hours[i])}));
        }
        if (minutes[i] > 59) {
            return fail(fillIn(tr("{0}: minute {1} is not 00–59"), {quoted(text), std::to_string(minutes[i])}));
        }
    }
    TimeWindow window{hours[0] * 60 + minutes[0], hours[1] * 60 + minutes[1]};
    if (window.start_min == window.end_min) {
        return fail(fillIn(tr("{0}: start equals end (for all day, leave out \"times\")"), {quoted(text)}));
    }
    return window;
}

std::string halfWidthHint(std::string_view text) {
    struct Lookalike {
        std::string_view found;
        const char* advice; // an English msgid, translated when shown
    };
    static constexpr const char* kColon = trLater("use a half-width colon \":\"");
    static constexpr const char* kHyphen = trLater("use a half-width hyphen \"-\"");
    static constexpr const char* kSpaces = trLater("leave out the spaces");
    // UTF-8 of what an input method types in place of the ASCII the format needs.
    static constexpr Lookalike kLookalikes[] = {
        {"\xEF\xBC\x9A", kColon},  // ：
        {"\xEF\xB8\x93", kColon},  // ︓
        {"\xEF\xBC\x8D", kHyphen}, // －
        {"\xE2\x80\x94", kHyphen}, // —
        {"\xE2\x80\x93", kHyphen}, // –
        {"\xEF\xBD\x9E", kHyphen}, // ～
        {"~", kHyphen},
        {"\xE8\x87\xB3", kHyphen}, // 至
        {"\xE3\x80\x80", kSpaces}, // full-width space
        {" ", kSpaces},
    };
    std::string hints;
    const auto add = [&hints](const char* advice, std::string_view found) {
        const std::string_view advice_text = tr(advice);
        if (hints.find(advice_text) != std::string::npos) return; // one hint per advice
        hints.append(hints.empty() ? "" : tr("; ")).append(fillIn(tr("{0} (found \"{1}\")"), {advice_text, found}));
    };
    // Full-width digits ０–９ are U+FF10–U+FF19: EF BC 90–99.
    for (std::size_t i = 0; i + 2 < text.size(); ++i) {
        const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[i + k]); };
        if (byte(0) == 0xEF && byte(1) == 0xBC && byte(2) >= 0x90 && byte(2) <= 0x99) {
            add(trLater("use half-width digits 0-9"), text.substr(i, 3));

            break;
        }
    }
    for (const Lookalike& lookalike : kLookalikes) {
        if (text.find(lookalike.found) != std::string_view::npos) add(lookalike.advice, lookalike.found);
    }
    return hints;
}

std::string formatTimeWindow(const TimeWindow& w) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%02d:%02d-%02d:%02d", w.start_min / 60, w.start_min % 60, w.end_min / 60,
                  w.end_min % 60);
    return buf;
}

bool scheduleAllowsDay(const Schedule& schedule, std::int64_t local_day) {
    if (!schedule.weekdays.empty()) {
        const int weekday = isoWeekdayFromDays(local_day);
        if (std::find(schedule.weekdays.begin(), schedule.weekdays.end(), weekday) == schedule.weekdays.end()) {
            return false;
        }
    }
    if (schedule.from && local_day < daysFromDate(*schedule.from)) return false;
    if (schedule.until && local_day > daysFromDate(*schedule.until)) return false;
    return true;
}

bool scheduleActiveAt(const Schedule& schedule, std::int64_t epoch_s, int utc_offset_s) {
    const std::int64_t day = localDayNumber(epoch_s, utc_offset_s);
    const int minute = static_cast<int>((epoch_s - epochOfLocalDay(day, utc_offset_s)) / 60);
    if (schedule.times.empty()) return scheduleAllowsDay(schedule, day);
    for (const TimeWindow& w : schedule.times) {
        if (!w.crossesMidnight()) {
            if (minute >= w.start_min && minute < w.end_min && scheduleAllowsDay(schedule, day)) {
                return true;
            }
            continue;
        }
        // Evening part belongs to today's window, morning part to yesterday's.
        if (minute >= w.start_min && scheduleAllowsDay(schedule, day)) return true;
        if (minute < w.end_min && scheduleAllowsDay(schedule, day - 1)) return true;
    }
    return false;
}

// Within [from, until] the state repeats weekly, so a change (if any) shows up within nine days
// of boundaries; past that only the `until` edge can still change it.
std::optional<std::int64_t> nextScheduleChange(const Schedule& schedule, std::int64_t after_s, int utc_offset_s) {
    const bool state = scheduleActiveAt(schedule, after_s, utc_offset_s);
    const std::int64_t day = localDayNumber(after_s, utc_offset_s);
    std::optional<std::int64_t> until_day;
    if (schedule.until) until_day = daysFromDate(*schedule.until);
    // The last window starts on `until` and ends the next morning; after that, never active.
    if (until_day && day > *until_day + 1) return std::nullopt;
    std::int64_t first_day = day;
    if (schedule.from) first_day = std::max(first_day, daysFromDate(*schedule.from));
    const std::vector<int> minutes = boundaryMinutes(schedule);
    constexpr std::int64_t kScanDays = 9;
    if (auto t = scanDays(schedule, minutes, first_day, first_day + kScanDays - 1, after_s, state, utc_offset_s)) {
        return t;
    }
    if (until_day && *until_day + 1 >= first_day + kScanDays) {
        return scanDays(schedule, minutes, std::max(*until_day, first_day + kScanDays), *until_day + 1, after_s, state,
                        utc_offset_s);
    }
    return std::nullopt;
}

std::vector<std::int64_t> scheduleChangesBetween(const Schedule& schedule, std::int64_t from_s, std::int64_t to_s,
                                                 int utc_offset_s, std::size_t max_changes) {
    std::vector<std::int64_t> changes;
    std::int64_t t = from_s;
    while (changes.size() < max_changes) {
        const std::optional<std::int64_t> next = nextScheduleChange(schedule, t, utc_offset_s);
        if (!next || *next >= to_s) break;
        changes.push_back(*next);
        t = *next;
    }
    return changes;
}

} // namespace gk
