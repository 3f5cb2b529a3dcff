// ISO-8601 times of the feed (sync/iso_time.h), read with config/civil_time. Must not include
// SDL, ImGui, GL or curl.
#include "sync/iso_time.h"

#include "config/civil_time.h"

namespace gk {

// The feed's times are ISO 8601 as config/civil_time parses them (the one parser); a feed may also
// give a bare date for validity, meaning local midnight.
std::optional<std::int64_t> parseIsoTime(std::string_view text) {
    if (const std::optional<std::int64_t> t = parseIsoDateTime(text, kFeedUtcOffsetSeconds)) return t;
    if (const std::optional<Date> d = parseDate(text))
        return epochFromCivil(d->year, d->month, d->day, 0, 0, 0, kFeedUtcOffsetSeconds);
    return std::nullopt;
}

} // namespace gk
