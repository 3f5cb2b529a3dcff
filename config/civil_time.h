// Civil (wall-clock) time for a fixed UTC offset. China has a single offset (+08:00) and no
// daylight saving time, so local time is simply UTC + offset; this file owns that arithmetic
// (days-from-civil, after Howard Hinnant), ISO 8601 parsing/formatting and dates.
// Pure functions: no clock reads, no timegm/localtime/TZ. Must not include anything beyond the
// standard library.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gk {

inline constexpr int kChinaUtcOffsetS = 8 * 3600;
inline constexpr std::int64_t kSecondsPerDay = 86400;

// A calendar date (proleptic Gregorian), ordered chronologically.
struct Date {
    int year = 1970;
    int month = 1;
    int day = 1;
    auto operator<=>(const Date&) const = default;
};

struct CivilTime {
    int year = 1970;
    int month = 1;
    int day = 1;
    int hour = 0;
    int minute = 0;
    int second = 0;
    int weekday = 4; // ISO: 1 = Monday … 7 = Sunday
};

// Floor division / modulo for negative numerators (epoch seconds before 1970).
std::int64_t floorDiv(std::int64_t a, std::int64_t b);
std::int64_t floorMod(std::int64_t a, std::int64_t b);

// Days since 1970-01-01 of a date, and back. Fields are not validated.
std::int64_t daysFromCivil(int year, int month, int day);
std::int64_t daysFromDate(const Date& date);
Date dateFromDays(std::int64_t days);
// ISO weekday (1 = Monday … 7 = Sunday) of a day number from daysFromCivil.
int isoWeekdayFromDays(std::int64_t days);

bool isLeapYear(int year);
int daysInMonth(int year, int month);
bool isValidDate(int year, int month, int day);

// The local day number (days since 1970-01-01 in local time) containing an instant.
std::int64_t localDayNumber(std::int64_t epoch_s, int utc_offset_s);
// The instant of local midnight starting a local day number.
std::int64_t epochOfLocalDay(std::int64_t local_day, int utc_offset_s);

CivilTime civilFromEpoch(std::int64_t epoch_s, int utc_offset_s);
// Fields are expected valid (month 1–12 etc.); out-of-range hours/minutes/seconds simply add.
std::int64_t epochFromCivil(int year, int month, int day, int hour, int minute, int second, int utc_offset_s);
std::int64_t epochFromCivil(const CivilTime& civil, int utc_offset_s);

// "2026-11-27T09:00:00+08:00", "…Z", "…T09:00+08:00", "…T09:00:00.250+0800"; a space or 't'
// may replace 'T'. Without an offset the text is local time at default_offset_s. Fractional
// seconds are truncated. Returns nullopt for anything malformed or out of range.
std::optional<std::int64_t> parseIsoDateTime(std::string_view text, int default_offset_s = kChinaUtcOffsetS);
// Strictly "YYYY-MM-DD", a real calendar date.
std::optional<Date> parseDate(std::string_view text);
// "+08:00", "-05:30", "+0800", "+08" or "Z"; at most ±18:00. Returns seconds east of UTC.
std::optional<int> parseUtcOffset(std::string_view text);

std::string formatDate(const Date& date);                           // "2026-11-27"
std::string formatUtcOffset(int utc_offset_s);                      // "+08:00"
std::string formatIsoLocal(std::int64_t epoch_s, int utc_offset_s); // "2026-11-27T09:00:00+08:00"

} // namespace gk
