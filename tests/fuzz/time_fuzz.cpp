// libFuzzer target for time parsing: the feed's ISO 8601 reader (sync/iso_time.h) and config/'s
// civil time (config/civil_time.h: date-times, dates, UTC offsets) and schedule windows
// (config/schedule.h). Every input is given to each parser; what parses must format back to text
// that parses to the same value (the round trips `playlist plan`, the status page and the logs
// rely on), and the calendar arithmetic must agree with itself on every parsed instant. Nothing may
// crash or trip UBSan (signed overflow included). Built only in the clang fuzz tree.
#include "config/civil_time.h"
#include "config/schedule.h"
#include "sync/iso_time.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

// The calendar arithmetic on one instant: civil fields in range, and back to the same instant.
void checkInstant(std::int64_t epoch_s, int utc_offset_s) {
    const gk::CivilTime c = gk::civilFromEpoch(epoch_s, utc_offset_s);
    require(gk::isValidDate(c.year, c.month, c.day));
    require(c.hour >= 0 && c.hour <= 23 && c.minute >= 0 && c.minute <= 59 && c.second >= 0 && c.second <= 59);
    require(c.weekday >= 1 && c.weekday <= 7);
    require(gk::epochFromCivil(c, utc_offset_s) == epoch_s);
    const std::int64_t day = gk::localDayNumber(epoch_s, utc_offset_s);
    require(gk::epochOfLocalDay(day, utc_offset_s) <= epoch_s &&
            epoch_s - gk::epochOfLocalDay(day, utc_offset_s) < 86400);
    const gk::Date date = gk::dateFromDays(day);
    require(date.year == c.year && date.month == c.month && date.day == c.day);
    require(gk::daysFromDate(date) == day && gk::isoWeekdayFromDays(day) == c.weekday);
    // Formatting and parsing again gives the same instant (seconds are whole here).
    const std::string text = gk::formatIsoLocal(epoch_s, utc_offset_s);
    if (c.year >= 0 && c.year <= 9999) {
        const std::optional<std::int64_t> again = gk::parseIsoDateTime(text, 0);
        require(again && *again == epoch_s);
    }
}

void checkDateTime(std::string_view text, int default_offset_s) {
    const std::optional<std::int64_t> t = gk::parseIsoDateTime(text, default_offset_s);
    if (!t) return;
    checkInstant(*t, default_offset_s);
    checkInstant(*t, gk::kChinaUtcOffsetS);
    checkInstant(*t, 0);
}

void checkFeedTime(std::string_view text) {
    const std::optional<std::int64_t> t = gk::parseIsoTime(text);
    if (!t) {
        require(!gk::parseIsoDateTime(text, gk::kFeedUtcOffsetSeconds) && !gk::parseDate(text));
        return;
    }
    checkInstant(*t, gk::kFeedUtcOffsetSeconds);
    if (const std::optional<gk::Date> date = gk::parseDate(text)) {
        // A bare date is the feed's local midnight.
        require(gk::localDayNumber(*t, gk::kFeedUtcOffsetSeconds) == gk::daysFromDate(*date));
        require((*t + gk::kFeedUtcOffsetSeconds) % 86400 == 0);
    }
}

void checkDate(std::string_view text) {
    const std::optional<gk::Date> date = gk::parseDate(text);
    if (!date) return;
    require(gk::isValidDate(date->year, date->month, date->day));
    require(gk::formatDate(*date) == text); // strictly YYYY-MM-DD
    require(gk::dateFromDays(gk::daysFromDate(*date)) == *date);
}

void checkOffset(std::string_view text) {
    const std::optional<int> offset = gk::parseUtcOffset(text);
    if (!offset) return;
    require(*offset >= -18 * 3600 && *offset <= 18 * 3600 && *offset % 60 == 0);
    const std::optional<int> again = gk::parseUtcOffset(gk::formatUtcOffset(*offset));
    require(again && *again == *offset);
}

void checkWindow(std::string_view text) {
    std::string error;
    const std::optional<gk::TimeWindow> window = gk::parseTimeWindow(text, error);
    require(window.has_value() == error.empty());
    if (!window) return;
    require(window->start_min >= 0 && window->start_min < 1440 && window->end_min >= 0 && window->end_min < 1440);
    require(gk::formatTimeWindow(*window) == text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    checkFeedTime(text);
    checkDateTime(text, gk::kChinaUtcOffsetS);
    checkDateTime(text, -12 * 3600);
    checkDate(text);
    checkOffset(text);
    checkWindow(text);
    return 0;
}
