// Tests for config/schedule: window text, weekday and date filters, overnight windows on both
// sides of midnight (the start day's filters apply), and nextScheduleChange against a brute
// force minute-by-minute scan.
#include "config/schedule.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <random>
#include <string>

using namespace gk;

namespace {

constexpr int kCst = 8 * 3600;

std::int64_t cst(int y, int mo, int d, int h, int mi) {
    return epochFromCivil(y, mo, d, h, mi, 0, kCst);
}

TimeWindow window(const char* text) {
    std::string error;
    const auto w = parseTimeWindow(text, error);
    INFO(error);
    REQUIRE(w.has_value());
    return *w;
}

} // namespace

TEST_CASE("parseTimeWindow accepts HH:MM-HH:MM only", "[schedule]") {
    CHECK(window("08:30-12:00") == TimeWindow{510, 720});
    CHECK(window("22:00-06:00") == TimeWindow{1320, 360});
    CHECK(window("22:00-06:00").crossesMidnight());
    CHECK(window("18:00-00:00").crossesMidnight());
    CHECK(formatTimeWindow(window("22:00-06:00")) == "22:00-06:00");
    struct Row {
        const char* text;
        const char* why;
    };
    const Row rows[] = {
        {"8:30-12", R"("8:30-12" is not HH:MM-HH:MM)"},
        {"08:30-12", R"("08:30-12" is not HH:MM-HH:MM)"},
        // What an input method types instead of ASCII gets a hint.
        {"08:30–12:00", R"("08:30–12:00" is not HH:MM-HH:MM: use a half-width hyphen "-" (found "–"))"},
        {"08:30 - 12:00", R"("08:30 - 12:00" is not HH:MM-HH:MM: leave out the spaces (found " "))"},
        {"08：30-12：00", R"("08：30-12：00" is not HH:MM-HH:MM: use a half-width colon ":" (found "："))"},
        {"", R"("" is not HH:MM-HH:MM)"},
        {"25:00-26:00", R"("25:00-26:00": hour 25 is not 00–23 (write midnight as 00:00))"},
        {"18:00-24:00", R"("18:00-24:00": hour 24 is not 00–23 (write midnight as 00:00))"},
        {"08:60-09:00", R"("08:60-09:00": minute 60 is not 00–59)"},
        {"08:00-09:75", R"("08:00-09:75": minute 75 is not 00–59)"},
        {"08:00-08:00", R"("08:00-08:00": start equals end (for all day, leave out "times"))"},
    };
    for (const Row& row : rows) {
        INFO(row.text);
        std::string error;
        CHECK_FALSE(parseTimeWindow(row.text, error).has_value());
        CHECK(error == row.why);
    }
}

TEST_CASE("an empty schedule is always active", "[schedule]") {
    const Schedule always;
    CHECK(scheduleActiveAt(always, 0, kCst));
    CHECK(scheduleActiveAt(always, cst(2026, 11, 27, 3, 0), kCst));
    CHECK_FALSE(nextScheduleChange(always, 0, kCst).has_value());
}

TEST_CASE("weekdays and day windows", "[schedule]") {
    Schedule s;
    s.weekdays = {1, 2, 3, 4, 5};
    s.times = {window("08:30-12:00"), window("14:00-17:30")};
    CHECK(scheduleActiveAt(s, cst(2026, 11, 27, 8, 30), kCst)); // Friday, start inclusive
    CHECK(scheduleActiveAt(s, cst(2026, 11, 27, 11, 59), kCst));
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 27, 12, 0), kCst)); // end exclusive
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 27, 8, 29), kCst));
    CHECK(scheduleActiveAt(s, cst(2026, 11, 27, 17, 29), kCst));
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 28, 9, 0), kCst)); // Saturday
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 29, 9, 0), kCst)); // Sunday
    CHECK(scheduleActiveAt(s, cst(2026, 11, 30, 9, 0), kCst));       // Monday
    // The offset matters: 09:00 in Beijing is 01:00 UTC.
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 27, 9, 0), 0));
}

TEST_CASE("overnight window: both sides of midnight belong to the start day", "[schedule]") {
    Schedule s;
    s.weekdays = {5}; // Friday night
    s.times = {window("22:00-06:00")};
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 27, 21, 59), kCst));
    CHECK(scheduleActiveAt(s, cst(2026, 11, 27, 22, 0), kCst)); // Friday evening
    CHECK(scheduleActiveAt(s, cst(2026, 11, 27, 23, 59), kCst));
    CHECK(scheduleActiveAt(s, cst(2026, 11, 28, 0, 0), kCst)); // Saturday after midnight
    CHECK(scheduleActiveAt(s, cst(2026, 11, 28, 5, 59), kCst));
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 28, 6, 0), kCst));
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 28, 22, 0), kCst)); // Saturday evening: not Friday
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 27, 3, 0), kCst));  // Friday morning = Thursday's window
}

TEST_CASE("from/until are inclusive local dates, the last overnight window runs out", "[schedule]") {
    Schedule s;
    s.from = Date{2026, 11, 1};
    s.until = Date{2026, 12, 31};
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 10, 31, 23, 59), kCst));
    CHECK(scheduleActiveAt(s, cst(2026, 11, 1, 0, 0), kCst));
    CHECK(scheduleActiveAt(s, cst(2026, 12, 31, 23, 59), kCst));
    CHECK_FALSE(scheduleActiveAt(s, cst(2027, 1, 1, 0, 0), kCst));

    s.times = {window("22:00-06:00")};
    CHECK_FALSE(scheduleActiveAt(s, cst(2026, 11, 1, 3, 0), kCst)); // Oct 31's window: before from
    CHECK(scheduleActiveAt(s, cst(2026, 11, 1, 22, 0), kCst));
    CHECK(scheduleActiveAt(s, cst(2027, 1, 1, 5, 0), kCst)); // started Dec 31
    CHECK_FALSE(scheduleActiveAt(s, cst(2027, 1, 1, 22, 0), kCst));
    CHECK_FALSE(nextScheduleChange(s, cst(2027, 1, 1, 6, 0), kCst).has_value());
    CHECK(nextScheduleChange(s, cst(2026, 6, 1, 12, 0), kCst) == cst(2026, 11, 1, 22, 0));
    CHECK(nextScheduleChange(s, cst(2026, 12, 31, 23, 0), kCst) == cst(2027, 1, 1, 6, 0));
}

TEST_CASE("nextScheduleChange is exact on simple cases", "[schedule]") {
    Schedule s;
    s.weekdays = {1, 2, 3, 4, 5};
    s.times = {window("08:30-12:00")};
    CHECK(nextScheduleChange(s, cst(2026, 11, 27, 7, 0), kCst) == cst(2026, 11, 27, 8, 30));
    CHECK(nextScheduleChange(s, cst(2026, 11, 27, 8, 30), kCst) == cst(2026, 11, 27, 12, 0));
    CHECK(nextScheduleChange(s, cst(2026, 11, 27, 12, 0), kCst) == cst(2026, 11, 30, 8, 30)); // Monday
    Schedule weekend;
    weekend.weekdays = {6, 7};
    CHECK(nextScheduleChange(weekend, cst(2026, 11, 27, 12, 0), kCst) == cst(2026, 11, 28, 0, 0));
    CHECK(nextScheduleChange(weekend, cst(2026, 11, 28, 0, 0), kCst) == cst(2026, 11, 30, 0, 0));
}

TEST_CASE("nextScheduleChange agrees with a minute-by-minute scan", "[schedule]") {
    std::mt19937 rng(20261127);
    auto pick = [&](int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng); };
    const std::int64_t base = cst(2026, 11, 20, 0, 0);
    for (int round = 0; round < 120; ++round) {
        Schedule s;
        for (int d = 1; d <= 7; ++d) {
            if (pick(0, 2) == 0) s.weekdays.push_back(d);
        }
        for (int n = pick(0, 2); n > 0; --n) {
            int start = pick(0, 95) * 15, end = pick(0, 95) * 15;
            if (start != end) s.times.push_back(TimeWindow{start, end});
        }
        if (pick(0, 1)) s.from = dateFromDays(localDayNumber(base, kCst) + pick(0, 6));
        if (pick(0, 1)) s.until = dateFromDays(localDayNumber(base, kCst) + pick(3, 12));
        if (s.from && s.until && *s.from > *s.until) std::swap(s.from, s.until);
        const std::int64_t after = base + pick(0, 8 * 24 * 60) * 60 + pick(0, 59);
        const bool state = scheduleActiveAt(s, after, kCst);
        std::optional<std::int64_t> brute;
        const std::int64_t first_minute = (after / 60 + 1) * 60;
        for (std::int64_t t = first_minute; t < base + 30 * 86400; t += 60) {
            if (scheduleActiveAt(s, t, kCst) != state) {
                brute = t;
                break;
            }
        }
        INFO("round " << round);
        const auto next = nextScheduleChange(s, after, kCst);
        CHECK(next == brute);
    }
}

TEST_CASE("scheduleAllowsDay", "[schedule]") {
    Schedule s;
    s.weekdays = {5};
    s.until = Date{2026, 11, 27};
    CHECK(scheduleAllowsDay(s, daysFromCivil(2026, 11, 27)));
    CHECK_FALSE(scheduleAllowsDay(s, daysFromCivil(2026, 12, 4)));
    CHECK_FALSE(scheduleAllowsDay(s, daysFromCivil(2026, 11, 26)));
}

TEST_CASE("scheduleChangesBetween: every start and end inside the span, in order", "[schedule]") {
    Schedule s;
    s.weekdays = {1, 2}; // Monday and Tuesday
    s.times = {TimeWindow{8 * 60, 12 * 60}, TimeWindow{22 * 60, 6 * 60}};
    const std::int64_t monday = epochFromCivil(2026, 11, 30, 0, 0, 0, kChinaUtcOffsetS);
    const std::vector<std::int64_t> changes = scheduleChangesBetween(s, monday, monday + 7 * 86400, kChinaUtcOffsetS);
    const auto at = [&](int day, int hour) { return monday + day * 86400 + hour * 3600; };
    // Mon 08–12, Mon 22 – Tue 06, Tue 08–12, Tue 22 – Wed 06; nothing after.
    CHECK(changes == std::vector<std::int64_t>{at(0, 8), at(0, 12), at(0, 22), at(1, 6), at(1, 8), at(1, 12), at(1, 22),
                                               at(2, 6)});
    CHECK(scheduleChangesBetween(s, monday, at(0, 12), kChinaUtcOffsetS) == std::vector<std::int64_t>{at(0, 8)});
    CHECK(scheduleChangesBetween(s, monday, monday + 7 * 86400, kChinaUtcOffsetS, 3).size() == 3);
    CHECK(scheduleChangesBetween(Schedule{}, monday, monday + 7 * 86400, kChinaUtcOffsetS).empty());
}
