// ISO-8601 reader for notice validity (sync/iso_time.h). Pure computation; must not include
// SDL, ImGui, GL or curl.
#include "sync/iso_time.h"

#include <algorithm>
#include <chrono>

namespace gk {
namespace {

// Reads exactly `digits` decimal digits at pos; advances pos.
std::optional<int> readNumber(std::string_view s, std::size_t& pos, int digits) {
    if (pos + static_cast<std::size_t>(digits) > s.size()) {
        return std::nullopt;
    }
    int value = 0;
    for (int i = 0; i < digits; ++i) {
        const char c = s[pos + static_cast<std::size_t>(i)];
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        value = value * 10 + (c - '0');
    }
    pos += static_cast<std::size_t>(digits);
    return value;
}

bool expect(std::string_view s, std::size_t& pos, char c) {
    if (pos < s.size() && s[pos] == c) {
        ++pos;
        return true;
    }
    return false;
}

// "Z", "+08:00", "+0800", "-05:00" at pos to the end of the string; seconds east of UTC.
std::optional<int> readZone(std::string_view s, std::size_t& pos) {
    if (pos == s.size()) {
        return kFeedUtcOffsetSeconds;
    }
    if (s[pos] == 'Z' || s[pos] == 'z') {
        ++pos;
        return 0;
    }
    if (s[pos] != '+' && s[pos] != '-') {
        return std::nullopt;
    }
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    const auto hours = readNumber(s, pos, 2);
    expect(s, pos, ':');
    const auto minutes = readNumber(s, pos, 2);
    if (!hours || !minutes || *hours > 14 || *minutes > 59) {
        return std::nullopt;
    }
    return sign * (*hours * 3600 + *minutes * 60);
}

// "HH:MM[:SS[.fraction]]" at pos; seconds since midnight.
std::optional<int> readTimeOfDay(std::string_view s, std::size_t& pos) {
    const auto hour = readNumber(s, pos, 2);
    if (!hour || !expect(s, pos, ':')) {
        return std::nullopt;
    }
    const auto minute = readNumber(s, pos, 2);
    std::optional<int> second = 0;
    if (expect(s, pos, ':')) {
        second = readNumber(s, pos, 2);
        if (expect(s, pos, '.') || expect(s, pos, ',')) {
            const std::size_t start = pos;
            while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
                ++pos; // fractions are ignored: validity has one-second resolution
            }
            if (pos == start) {
                return std::nullopt;
            }
        }
    }
    if (!minute || !second || *hour > 23 || *minute > 59 || *second > 60) {
        return std::nullopt;
    }
    return *hour * 3600 + *minute * 60 + std::min(*second, 59);
}

} // namespace

std::optional<std::int64_t> parseIsoTime(std::string_view text) {
    using namespace std::chrono;
    std::size_t pos = 0;
    const auto y = readNumber(text, pos, 4);
    const bool dash1 = expect(text, pos, '-');
    const auto m = readNumber(text, pos, 2);
    const bool dash2 = expect(text, pos, '-');
    const auto d = readNumber(text, pos, 2);
    if (!y || !m || !d || !dash1 || !dash2) {
        return std::nullopt;
    }
    const year_month_day date{year{*y}, month{static_cast<unsigned>(*m)}, day{static_cast<unsigned>(*d)}};
    if (!date.ok()) {
        return std::nullopt;
    }
    std::int64_t seconds = sys_days{date}.time_since_epoch().count() * std::int64_t{86400};
    if (pos == text.size()) {
        return seconds - kFeedUtcOffsetSeconds; // date only: local midnight
    }
    if (!expect(text, pos, 'T') && !expect(text, pos, 't') && !expect(text, pos, ' ')) {
        return std::nullopt;
    }
    const auto time_of_day = readTimeOfDay(text, pos);
    if (!time_of_day) {
        return std::nullopt;
    }
    const auto zone = readZone(text, pos);
    if (!zone || pos != text.size()) {
        return std::nullopt;
    }
    return seconds + *time_of_day - *zone;
}

} // namespace gk
