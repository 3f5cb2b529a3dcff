// Tests for config/civil_time: days-from-civil arithmetic, known dates and weekdays, round
// trips over a wide range, ISO 8601 / date / offset parsing tables and formatting.
#include "config/civil_time.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

using namespace gk;

namespace {
constexpr int kCst = 8 * 3600;
constexpr std::int64_t kFri0900Cst = 1795741200; // 2026-11-27T09:00:00+08:00
} // namespace

TEST_CASE("known dates: day numbers and ISO weekdays", "[civil_time]") {
    CHECK(daysFromCivil(1970, 1, 1) == 0);
    CHECK(isoWeekdayFromDays(0) == 4); // Thursday
    CHECK(daysFromCivil(2024, 2, 29) == 19782);
    CHECK(isoWeekdayFromDays(19782) == 4);
    CHECK(daysFromCivil(2026, 11, 27) == 20784);
    CHECK(isoWeekdayFromDays(20784) == 5); // Friday
    CHECK(daysFromCivil(2000, 1, 1) * kSecondsPerDay == 946684800);
    CHECK(daysFromCivil(1900, 3, 1) * kSecondsPerDay == -2203891200);
    CHECK(isoWeekdayFromDays(daysFromCivil(1900, 3, 1)) == 4);
    CHECK(isoWeekdayFromDays(-3) == 1); // 1969-12-29 was a Monday
    CHECK(isoWeekdayFromDays(3) == 7);  // 1970-01-04 was a Sunday
}

TEST_CASE("civilFromEpoch at +08:00 and UTC", "[civil_time]") {
    const CivilTime c = civilFromEpoch(kFri0900Cst, kCst);
    CHECK(c.year == 2026);
    CHECK(c.month == 11);
    CHECK(c.day == 27);
    CHECK(c.hour == 9);
    CHECK(c.minute == 0);
    CHECK(c.second == 0);
    CHECK(c.weekday == 5);

    const CivilTime utc = civilFromEpoch(kFri0900Cst, 0);
    CHECK(utc.hour == 1);
    CHECK(utc.weekday == 5);

    // 2026-11-27T20:00Z is already Saturday in Beijing.
    const CivilTime late = civilFromEpoch(kFri0900Cst + 19 * 3600, kCst);
    CHECK(late.day == 28);
    CHECK(late.hour == 4);
    CHECK(late.weekday == 6);

    const CivilTime before_epoch = civilFromEpoch(-1, 0);
    CHECK(before_epoch.year == 1969);
    CHECK(before_epoch.month == 12);
    CHECK(before_epoch.day == 31);
    CHECK(before_epoch.hour == 23);
    CHECK(before_epoch.second == 59);
    CHECK(before_epoch.weekday == 3);

    const CivilTime leap = civilFromEpoch(epochFromCivil(2024, 2, 29, 12, 0, 0, kCst), kCst);
    CHECK(leap.month == 2);
    CHECK(leap.day == 29);
    CHECK(leap.weekday == 4);
}

TEST_CASE("epochFromCivil and civilFromEpoch round trip", "[civil_time]") {
    CHECK(epochFromCivil(2026, 11, 27, 9, 0, 0, kCst) == kFri0900Cst);
    CHECK(epochFromCivil(1970, 1, 1, 8, 0, 0, kCst) == 0);
    for (int offset : {kCst, 0, -(5 * 3600 + 1800), 14 * 3600}) {
        for (std::int64_t t = -4'000'000'000LL; t < 8'000'000'000LL; t += 7'777'777) {
            const CivilTime c = civilFromEpoch(t, offset);
            REQUIRE(epochFromCivil(c, offset) == t);
            REQUIRE(isValidDate(c.year, c.month, c.day));
            REQUIRE(c.weekday == isoWeekdayFromDays(localDayNumber(t, offset)));
        }
    }
}

TEST_CASE("dateFromDays inverts daysFromCivil day by day", "[civil_time]") {
    Date expected{1599, 12, 31};
    for (std::int64_t days = daysFromCivil(1600, 1, 1); days <= daysFromCivil(2401, 1, 1); ++days) {
        // advance `expected` by one calendar day
        if (++expected.day > daysInMonth(expected.year, expected.month)) {
            expected.day = 1;
            if (++expected.month > 12) {
                expected.month = 1;
                ++expected.year;
            }
        }
        REQUIRE(dateFromDays(days) == expected);
        REQUIRE(daysFromDate(expected) == days);
    }
}

TEST_CASE("leap years and valid dates", "[civil_time]") {
    CHECK(isValidDate(2024, 2, 29));
    CHECK_FALSE(isValidDate(2023, 2, 29));
    CHECK_FALSE(isValidDate(1900, 2, 29));
    CHECK(isValidDate(2000, 2, 29));
    CHECK_FALSE(isValidDate(2026, 4, 31));
    CHECK_FALSE(isValidDate(2026, 13, 1));
    CHECK_FALSE(isValidDate(2026, 0, 1));
    CHECK_FALSE(isValidDate(2026, 1, 0));
}

TEST_CASE("parseIsoDateTime accepts the feed's forms", "[civil_time]") {
    struct Row {
        const char* text;
        std::int64_t expected;
    };
    const Row rows[] = {
        {"2026-11-27T09:00:00+08:00", kFri0900Cst},
        {"2026-11-27T01:00:00Z", kFri0900Cst},
        {"2026-11-27T01:00:00z", kFri0900Cst},
        {"2026-11-27T09:00+08:00", kFri0900Cst},
        {"2026-11-27T09:00:00", kFri0900Cst}, // no offset: the default (+08:00)
        {"2026-11-27T09:00", kFri0900Cst},
        {"2026-11-27 09:00:00", kFri0900Cst},
        {"2026-11-27t09:00:00+08:00", kFri0900Cst},
        {"2026-11-27T09:00:00.750+08:00", kFri0900Cst}, // fraction truncated
        {"2026-11-27T09:00:00+0800", kFri0900Cst},
        {"2026-11-27T09:00:00+08", kFri0900Cst},
        {"2026-11-26T20:00:00-05:00", kFri0900Cst},
        {"2026-11-27T06:30:00+05:30", kFri0900Cst},
        {"1970-01-01T00:00:00Z", 0},
        {"2024-02-29T23:59:59+08:00", epochFromCivil(2024, 2, 29, 23, 59, 59, kCst)},
    };
    for (const Row& row : rows) {
        INFO(row.text);
        const auto parsed = parseIsoDateTime(row.text);
        REQUIRE(parsed.has_value());
        CHECK(*parsed == row.expected);
    }
    // The default offset parameter applies only without an explicit offset.
    CHECK(parseIsoDateTime("2026-11-27T01:00:00", 0) == kFri0900Cst);
    CHECK(parseIsoDateTime("2026-11-27T09:00:00+08:00", 0) == kFri0900Cst);
}

TEST_CASE("parseIsoDateTime rejects malformed and out-of-range text", "[civil_time]") {
    for (const char* text : {"",
                             "2026-11-27",
                             "2026-11-27T",
                             "2026-11-27T9:00",
                             "2026-11-27T09",
                             "2026-11-27T24:00:00",
                             "2026-11-27T23:60",
                             "2026-11-27T23:59:60",
                             "2026-02-30T00:00:00",
                             "2026-13-01T00:00:00",
                             "26-11-27T09:00",
                             "2026/11/27T09:00",
                             "2026-11-27T09:00:00+8:00",
                             "2026-11-27T09:00:00+19:00",
                             "2026-11-27T09:00:00+08:60",
                             "2026-11-27T09:00:00 +08:00",
                             "2026-11-27T09:00:00Zjunk",
                             "2026-11-27T09:00:00.",
                             "2026-11-27T09:00:00+08:00:00",
                             "２０２６-11-27T09:00"}) {
        INFO(text);
        CHECK_FALSE(parseIsoDateTime(text).has_value());
    }
}

TEST_CASE("parseDate is strict YYYY-MM-DD", "[civil_time]") {
    CHECK(parseDate("2026-11-27") == Date{2026, 11, 27});
    CHECK(parseDate("2024-02-29") == Date{2024, 2, 29});
    for (const char* text :
         {"", "2026-1-5", "2026-02-30", "2023-02-29", "2026-11-27x", "2026-11-27T00:00", "20261127", " 2026-11-27"}) {
        INFO(text);
        CHECK_FALSE(parseDate(text).has_value());
    }
    CHECK(Date{2026, 11, 1} < Date{2026, 12, 31});
    CHECK(Date{2026, 12, 31} < Date{2027, 1, 1});
}

TEST_CASE("parseUtcOffset and formatUtcOffset", "[civil_time]") {
    CHECK(parseUtcOffset("+08:00") == 8 * 3600);
    CHECK(parseUtcOffset("+0800") == 8 * 3600);
    CHECK(parseUtcOffset("+08") == 8 * 3600);
    CHECK(parseUtcOffset("-05:30") == -(5 * 3600 + 1800));
    CHECK(parseUtcOffset("Z") == 0);
    CHECK(parseUtcOffset("+00:00") == 0);
    CHECK(parseUtcOffset("+18:00") == 18 * 3600);
    for (const char* text : {"", "8", "08:00", "+8:00", "+08:0", "+18:01", "+19:00", "+08:60", "+08:00 ", "UTC+8"}) {
        INFO(text);
        CHECK_FALSE(parseUtcOffset(text).has_value());
    }
    CHECK(formatUtcOffset(8 * 3600) == "+08:00");
    CHECK(formatUtcOffset(0) == "+00:00");
    CHECK(formatUtcOffset(-(5 * 3600 + 1800)) == "-05:30");
}

TEST_CASE("formatIsoLocal and formatDate", "[civil_time]") {
    CHECK(formatIsoLocal(kFri0900Cst, kCst) == "2026-11-27T09:00:00+08:00");
    CHECK(formatIsoLocal(kFri0900Cst, 0) == "2026-11-27T01:00:00+00:00");
    CHECK(formatIsoLocal(0, kCst) == "1970-01-01T08:00:00+08:00");
    CHECK(formatDate(Date{2024, 2, 29}) == "2024-02-29");
    for (std::int64_t t = -1'000'000'000LL; t < 5'000'000'000LL; t += 123'456'789) {
        REQUIRE(parseIsoDateTime(formatIsoLocal(t, kCst)) == t);
        REQUIRE(parseIsoDateTime(formatIsoLocal(t, -3600)) == t);
    }
}

TEST_CASE("local day helpers", "[civil_time]") {
    CHECK(localDayNumber(kFri0900Cst, kCst) == 20784);
    CHECK(epochOfLocalDay(20784, kCst) == kFri0900Cst - 9 * 3600);
    CHECK(localDayNumber(-1, 0) == -1);
    CHECK(floorDiv(-1, 86400) == -1);
    CHECK(floorMod(-1, 7) == 6);
    CHECK(floorDiv(7, 7) == 1);
}
