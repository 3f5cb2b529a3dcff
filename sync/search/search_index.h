// Search across a publish's disclosures, guides and notices, as the kiosk and `gongkai-kiosk
// search` do it: every field of every item folded once (text_fold.h) into one string per field,
// then per query a linear scan of each (substring_finder.h; no per-item calls: a hit jumps to the
// next item).
// Ranking: exact title, title substring, title pinyin initials (for a query of letters only),
// then 文号, 索引号, 事项编码, keywords, keyword initials, 发布机构, summary, body; newer first among
// equals. Immutable once built: search() is safe from any thread. Owned by sync/; must not include
// SDL, ImGui, GL or curl.
#pragma once

#include "sync/content.h"
#include "sync/search/pinyin_initials.h"
#include "sync/search/search_fields.h"
#include "sync/search/substring_finder.h"
#include "sync/search/text_fold.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

inline constexpr const char* kDefaultOpenccConfig = "t2s.json";
inline constexpr std::size_t kDefaultSearchLimit = 20;
inline constexpr std::size_t kMaxQueryCodePoints = 64; // longer queries are cut (a 文号 is ~12)

struct SearchSetup {
    std::filesystem::path pinyin_dict = kDefaultPinyinDict; // missing: initials are off, with a note
    std::string opencc_config = kDefaultOpenccConfig;       // unloadable: no t2s, with a note
};

// Loaded once per process (about 0.1 s) and shared by every index built, one per publish.
struct SearchResources {
    std::shared_ptr<const TextFolder> folder;       // never null
    std::shared_ptr<const PinyinInitials> initials; // null when pinyin initials are off
    std::vector<std::string> notes;                 // one line per feature that is off and why, for the log
};
SearchResources loadSearchResources(const SearchSetup& setup = {});

struct SearchHit {
    SearchItem item;
    std::string ref;                        // "disclosure:ID", "guide:ID", "notice:ID"
    std::string title;                      // as written
    SearchField field = SearchField::Title; // where the best match was
    bool exact_title = false;
    std::string date;             // YYYY-MM-DD, "" when unknown
    std::string snippet;          // the matched block of that field (cut with "…" for summary and body)
    std::size_t match_start = 0;  // bytes into snippet
    std::size_t match_length = 0; // bytes
};

struct SearchResults {
    std::string query;        // as given
    std::string folded_query; // what was looked for; empty: nothing to look for, no results
    bool initials_searched = false;
    std::size_t total = 0;       // items that matched; hits holds the best `limit` of them
    std::vector<SearchHit> hits; // best first
};

class SearchIndex {
public:
    SearchIndex(std::shared_ptr<const Content> content, const SearchResources& resources);

    SearchResults search(std::string_view query, std::size_t limit = kDefaultSearchLimit) const;

    std::size_t itemCount() const { return m_items.size(); }
    bool hasInitials() const { return m_initials != nullptr; }
    // Heap bytes the index itself holds (folded text, offsets, dates), not the content.
    std::size_t memoryBytes() const;
    const Content& content() const { return *m_content; }

private:
    // One field of every item: folded texts each followed by kSearchSeparator; starts[i] is where
    // item i begins, starts[itemCount()] the end.
    struct Column {
        std::string text;
        std::vector<std::uint32_t> starts;
        ByteHistogram histogram{}; // picks the rare bytes the finder looks for
    };
    struct Candidate {
        std::uint32_t item = 0;
        SearchField field = SearchField::Title;
        bool exact_title = false;
        std::uint32_t offset = 0; // of the match in the item's folded field (or its initials)
    };

    void reserveColumns();
    void addItem(SearchItem item);
    void scanColumn(SearchField field, std::string_view folded_query, std::vector<std::uint8_t>& matched,
                    std::vector<Candidate>& out) const;
    // Items [first, last) of the column, none matched yet.
    void scanRun(SearchField field, const SubstringFinder& finder, std::uint32_t first, std::uint32_t last,
                 std::vector<std::uint8_t>& matched, std::vector<Candidate>& out) const;
    bool ranksBefore(const Candidate& a, const Candidate& b) const;
    SearchHit makeHit(const Candidate& candidate, std::size_t query_length) const;

    std::shared_ptr<const Content> m_content;
    std::shared_ptr<const TextFolder> m_folder;
    std::shared_ptr<const PinyinInitials> m_initials;
    std::vector<SearchItem> m_items;
    std::vector<std::uint32_t> m_date_keys; // per item, YYYYMMDD
    std::array<Column, kSearchFieldCount> m_columns;
};

} // namespace gk
