// `gongkai-kiosk search QUERY`: the kiosk's search (sync/search/search_index.h) over the current publish
// in the data dir, for staff and scripts. Only reads the store. Opens no window: must not include
// SDL, ImGui or GL.
#pragma once

#include "kiosk/cli/options.h"
#include "sync/search/search_index.h"

#include <string>

namespace gk {

inline constexpr int kMaxSearchLimit = 1000;

// One line per hit: ref<TAB>field<TAB>title (tabs and line breaks in a title become spaces).
std::string searchResultsText(const SearchResults& results);

// {"query": ..., "total": N, "results": [{"ref", "title", "field", "date", "snippet",
// "match": [start, length]}, ...]}: match is in bytes of the UTF-8 snippet. One line.
std::string searchResultsJson(const SearchResults& results);

// The command: exit 0 with results, 1 with none, 2 for a usage error or no content to search.
int commandSearch(const ParsedCommand& cmd);

} // namespace gk
