// Civil time arithmetic and ISO 8601 text for a fixed UTC offset (see civil_time.h).
// Standard library only.
#include "config/civil_time.h"

#include <cstdio>

namespace gk {
namespace {

// Reads fixed-width fields from a string_view; any failure sticks.
struct Cursor {
    std::string_view text;
    std::size_t pos = 0;
    bool ok = true;

    bool atEnd() const { return pos >= text.size(); }
    char peek() const { return atEnd() ? '\0' : text[pos]; }

    int digits(int count) {
        int value = 0;
        for (int i = 0; i < count; ++i) {
            char c = peek();
            if (c < '0' || c > '9') {
                ok = false;
                return 0;
            }
            value = value * 10 + (c - '0');
            ++pos;
        }
        return value;
    }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos;
        return true;
    }
    void expect(char c) {
        if (!accept(c)) ok = false;
    }
};

std::optional<Date> readDate(Cursor& cur) {
    Date d;
    d.year = cur.digits(4);
    cur.expect('-');
    d.month = cur.digits(2);
    cur.expect('-');
    d.day = cur.digits(2);
    if (!cur.ok || !isValidDate(d.year, d.month, d.day)) return std::nullopt;
    return d;
}

// Reads "Z", "±HH:MM", "±HHMM" or "±HH" (the rest of the text must be the offset).
std::optional<int> readOffset(Cursor& cur) {
    if (cur.accept('Z') || cur.accept('z')) return 0;
    int sign = cur.accept('+') ? 1 : (cur.accept('-') ? -1 : 0);
    if (sign == 0) return std::nullopt;
    int hours = cur.digits(2);
    int minutes = 0;
    if (!cur.atEnd()) {
        cur.accept(':');
        minutes = cur.digits(2);
    }
    if (!cur.ok || hours > 18 || minutes > 59 || hours * 60 + minutes > 18 * 60) {
        return std::nullopt;
    }
    return sign * (hours * 3600 + minutes * 60);
}

} // namespace

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

std::int64_t floorMod(std::int64_t a, std::int64_t b) {
    return a - floorDiv(a, b) * b;
}

// Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms", days_from_civil.
std::int64_t daysFromCivil(int year, int month, int day) {
    const std::int64_t y = static_cast<std::int64_t>(year) - (month <= 2 ? 1 : 0);
    const std::int64_t era = floorDiv(y, 400);
    const std::int64_t yoe = y - era * 400;                         // [0, 399]
    const std::int64_t mp = (month + 9) % 12;                       // March = 0
    const std::int64_t doy = (153 * mp + 2) / 5 + day - 1;          // [0, 365]
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // [0, 146096]
    return era * 146097 + doe - 719468;
}

std::int64_t daysFromDate(const Date& date) {
    return daysFromCivil(date.year, date.month, date.day);
}

// Hinnant's civil_from_days.
Date dateFromDays(std::int64_t days) {
    const std::int64_t z = days + 719468;
    const std::int64_t era = floorDiv(z, 146097);
    const std::int64_t doe = z - era * 146097; // [0, 146096]
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // [0, 365]
    const std::int64_t mp = (5 * doy + 2) / 153;                      // [0, 11]
    Date d;
    d.day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    d.month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    d.year = static_cast<int>(yoe + era * 400 + (d.month <= 2 ? 1 : 0));
    return d;
}

int isoWeekdayFromDays(std::int64_t days) {
    return static_cast<int>(floorMod(days + 3, 7)) + 1; // 1970-01-01 was a Thursday (4)
}

bool isLeapYear(int year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysInMonth(int year, int month) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12) return 0;
    return (month == 2 && isLeapYear(year)) ? 29 : kDays[month - 1];
}

bool isValidDate(int year, int month, int day) {
    return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

std::int64_t localDayNumber(std::int64_t epoch_s, int utc_offset_s) {
    return floorDiv(epoch_s + utc_offset_s, kSecondsPerDay);
}

std::int64_t epochOfLocalDay(std::int64_t local_day, int utc_offset_s) {
    return local_day * kSecondsPerDay - utc_offset_s;
}

CivilTime civilFromEpoch(std::int64_t epoch_s, int utc_offset_s) {
    const std::int64_t local = epoch_s + utc_offset_s;
    const std::int64_t days = floorDiv(local, kSecondsPerDay);
    const std::int64_t secs = local - days * kSecondsPerDay;
    const Date date = dateFromDays(days);
    CivilTime c;
    c.year = date.year;
    c.month = date.month;
    c.day = date.day;
    c.hour = static_cast<int>(secs / 3600);
    c.minute = static_cast<int>(secs % 3600 / 60);
    c.second = static_cast<int>(secs % 60);
    c.weekday = isoWeekdayFromDays(days);
    return c;
}

std::int64_t epochFromCivil(int year, int month, int day, int hour, int minute, int second, int utc_offset_s) {
    return daysFromCivil(year, month, day) * kSecondsPerDay + hour * 3600LL + minute * 60LL + second - utc_offset_s;
}

std::int64_t epochFromCivil(const CivilTime& c, int utc_offset_s) {
    return epochFromCivil(c.year, c.month, c.day, c.hour, c.minute, c.second, utc_offset_s);
}

std::optional<std::int64_t> parseIsoDateTime(std::string_view text, int default_offset_s) {
    Cursor cur{text};
    const std::optional<Date> date = readDate(cur);
    if (!date || !(cur.accept('T') || cur.accept('t') || cur.accept(' '))) return std::nullopt;
    const int hour = cur.digits(2);
    cur.expect(':');
    const int minute = cur.digits(2);
    int second = 0;
    if (cur.accept(':')) {
        second = cur.digits(2);
        if (cur.accept('.') || cur.accept(',')) {
            cur.digits(1); // at least one fractional digit, then any more
            while (cur.peek() >= '0' && cur.peek() <= '9') cur.digits(1);
        }
    }
    if (!cur.ok || hour > 23 || minute > 59 || second > 59) return std::nullopt;
    int offset = default_offset_s;
    if (!cur.atEnd()) {
        const std::optional<int> parsed = readOffset(cur);
        if (!parsed || !cur.ok || !cur.atEnd()) return std::nullopt;
        offset = *parsed;
    }
    return epochFromCivil(date->year, date->month, date->day, hour, minute, second, offset);
}

std::optional<Date> parseDate(std::string_view text) {
    Cursor cur{text};
    std::optional<Date> date = readDate(cur);
    if (!date || !cur.atEnd()) return std::nullopt;
    return date;
}

std::optional<int> parseUtcOffset(std::string_view text) {
    Cursor cur{text};
    std::optional<int> offset = readOffset(cur);
    if (!offset || !cur.ok || !cur.atEnd()) return std::nullopt;
    return offset;
}

std::string formatDate(const Date& date) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", date.year, date.month, date.day);
    return buf;
}

std::string formatUtcOffset(int utc_offset_s) {
    const char sign = utc_offset_s < 0 ? '-' : '+';
    const int magnitude = utc_offset_s < 0 ? -utc_offset_s : utc_offset_s;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%c%02d:%02d", sign, magnitude / 3600, magnitude % 3600 / 60);
    return buf;
}

std::string formatIsoLocal(std::int64_t epoch_s, int utc_offset_s) {
    const CivilTime c = civilFromEpoch(epoch_s, utc_offset_s);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
    return buf + formatUtcOffset(utc_offset_s);
}

} // namespace gk
