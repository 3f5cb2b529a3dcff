// A small ISO-8601 reader for notice validity (valid_from / valid_until) so sync/ does not
// depend on config/. Pure computation, no clock reads. Must not include SDL, ImGui, GL or curl.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gk {

// The zone the feed's local dates and times are in: China Standard Time, UTC+08:00.
inline constexpr int kFeedUtcOffsetSeconds = 8 * 3600;

// Unix seconds of:
//   "2026-11-20T00:00:00+08:00", "2026-11-20T00:00:00Z", "2026-11-20T00:00:00.250+0800",
//   "2026-11-20T08:30" (no zone: +08:00), "2026-11-20 08:30:00" (space for T),
//   "2026-11-20" (date only: local midnight, +08:00).
// nullopt for anything else, including out-of-range fields ("2026-02-30", "24:00", "+19:00").
std::optional<std::int64_t> parseIsoTime(std::string_view text);

} // namespace gk
