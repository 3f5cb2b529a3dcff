// `gongkai-kiosk report plays`: proof-of-play totals per item from <data-dir>/records.sqlite as
// CSV, titles from the current store. Only reads: never creates or changes the records file or the
// store. Opens no window: must not include SDL, ImGui or GL.
#pragma once

#include "config/civil_time.h"
#include "kiosk/cli/options.h"
#include "kiosk/services/records.h"
#include "sync/content.h"

#include <string>
#include <string_view>
#include <vector>

namespace gk {

inline constexpr const char* kPlaysCsvHeader = "ref,title,screen_group,plays,total_seconds,first_shown,last_shown";

// One CSV field (RFC 4180): quoted when it holds a comma, a quote, CR or LF, quotes doubled.
std::string csvField(std::string_view text);

// What a play's ref is called in this content, "" when the item is gone: notices, guides and
// disclosures by id; images by name and text cards by title, from the screen group's playlist.
std::string titleForRef(const Content& content, const std::string& screen_group, const std::string& ref);

// Local days from..to, inclusive, as [from_s, to_s): from's midnight to the midnight after to.
struct TimeRange {
    std::int64_t from_s = 0;
    std::int64_t to_s = 0;
};
TimeRange localDaysRange(const Date& from, const Date& to, int utc_offset_s);

// The header line and one line per total (first_shown / last_shown as local ISO-8601 times).
// content may be null (an empty store): every title is then empty.
std::string playsCsv(const std::vector<PlayTotal>& totals, const Content* content, int utc_offset_s);

// The command: exit 0 with the CSV on stdout (just the header when nothing was played), 2 for a
// usage error (bad dates, --from after --to), 1 when the records cannot be read.
int commandReport(const ParsedCommand& cmd);

} // namespace gk
