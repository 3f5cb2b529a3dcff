// The results page of kiosk search: the query line (tap it to bring the keyboard back), how many
// were found, and one row per result: its kind and title, where the match was and its date, and the
// matched passage with the matched part highlighted. Without a query it says what can be searched
// (words, 文号, pinyin initials, traditional characters); without results, what to try instead.
// Laid out once per query into a Page. Must not include SDL, GL or curl.
#pragma once

#include "display/kiosk/kiosk_pages.h"
#include "display/kiosk/kiosk_style.h"
#include "sync/search/search_index.h"

#include <string_view>

namespace gk {

// results: null while the index is being built (or there is no query yet). hotline: for the
// no-results note. typing: the on-screen keyboard is up, and each result is two lines (so that
// three or more show beside or above it); the whole result shows once it is put away.
KioskPage searchPage(std::string_view query, const SearchResults* results, std::string_view hotline, bool typing,
                     const KioskStyle& style, float width);

} // namespace gk
