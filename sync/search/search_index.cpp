// The search index. See search_index.h.
#include "sync/search/search_index.h"

#include "sync/search/search_snippet.h"

#include <algorithm>

namespace gk {
namespace {

bool isInitialsField(SearchField field) {
    return field == SearchField::Initials || field == SearchField::KeywordInitials;
}

// Where a result shows the whole block, and where only the part around the match.
SnippetWindow windowFor(SearchField field) {
    return field == SearchField::Summary || field == SearchField::Body ? kAroundMatch : kWholeBlock;
}

// The text an initials field's letters come from.
SearchField sourceField(SearchField field) {
    if (field == SearchField::Initials) return SearchField::Title;
    if (field == SearchField::KeywordInitials) return SearchField::Keywords;
    return field;
}

bool isLettersOnly(std::string_view text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= 'a' && c <= 'z'; });
}

// The first kMaxQueryCodePoints code points.
std::string_view cutQuery(std::string_view folded) {
    std::size_t pos = 0;
    for (std::size_t n = 0; n < kMaxQueryCodePoints && pos < folded.size(); ++n) pos += readUtf8Char(folded, pos).bytes;
    return folded.substr(0, pos);
}

} // namespace

SearchResources loadSearchResources(const SearchSetup& setup) {
    SearchResources resources;
    std::string note;
    resources.folder = TextFolder::load(setup.opencc_config, note);
    if (!note.empty()) resources.notes.push_back(note);
    std::string error;
    resources.initials = PinyinInitials::load(setup.pinyin_dict, *resources.folder, error);
    if (!resources.initials)
        resources.notes.push_back("pinyin initials are off: " + error + " (Debian package rime-data-luna-pinyin)");
    return resources;
}

SearchIndex::SearchIndex(std::shared_ptr<const Content> content, const SearchResources& resources)
    : m_content(std::move(content)), m_folder(resources.folder), m_initials(resources.initials) {
    if (!m_folder) m_folder = std::make_shared<const TextFolder>();
    const auto add_items = [this](SearchItemKind kind, std::size_t count) {
        for (std::size_t i = 0; i < count; ++i) m_items.push_back({kind, i});
    };
    add_items(SearchItemKind::Disclosure, m_content->disclosures.size());
    add_items(SearchItemKind::Guide, m_content->guides.size());
    add_items(SearchItemKind::Notice, m_content->notices.size());
    reserveColumns(); // one allocation per column: no doubling, no copies of the body text
    m_date_keys.reserve(m_items.size());
    for (const SearchItem item : m_items) addItem(item);
    for (Column& column : m_columns) {
        column.starts.push_back(static_cast<std::uint32_t>(column.text.size()));
        countBytes(column.text, column.histogram);
    }
}

void SearchIndex::reserveColumns() {
    std::array<std::size_t, kSearchFieldCount> bytes{};
    for (const SearchItem item : m_items) {
        for (std::size_t f = 0; f < kSearchFieldCount; ++f) {
            const auto field = static_cast<SearchField>(f);
            if (!isInitialsField(field)) bytes[f] += searchFieldSizeBound(*m_content, item, field) + 1;
        }
    }
    bytes[static_cast<std::size_t>(SearchField::Initials)] = bytes[static_cast<std::size_t>(SearchField::Title)] / 3;
    bytes[static_cast<std::size_t>(SearchField::KeywordInitials)] =
        bytes[static_cast<std::size_t>(SearchField::Keywords)] / 3;
    for (std::size_t f = 0; f < kSearchFieldCount; ++f) {
        m_columns[f].text.reserve(bytes[f]);
        m_columns[f].starts.reserve(m_items.size() + 1);
    }
}

void SearchIndex::addItem(SearchItem item) {
    m_date_keys.push_back(searchDateKey(searchItemDate(*m_content, item)));
    const auto append = [this](SearchField field, std::string_view folded) {
        Column& column = m_columns[static_cast<std::size_t>(field)];
        column.starts.push_back(static_cast<std::uint32_t>(column.text.size()));
        column.text.append(folded);
        column.text += kSearchSeparator;
    };
    for (std::size_t f = 0; f < kSearchFieldCount; ++f) {
        const auto field = static_cast<SearchField>(f);
        if (isInitialsField(field)) continue; // filled with their source field below
        const std::string folded = m_folder->fold(searchFieldText(*m_content, item, field));
        append(field, folded);
        if (field == SearchField::Title || field == SearchField::Keywords) {
            const SearchField initials_field =
                field == SearchField::Title ? SearchField::Initials : SearchField::KeywordInitials;
            append(initials_field, m_initials ? std::string_view(m_initials->initialsOf(folded).letters) : "");
        }
    }
}

void SearchIndex::scanColumn(SearchField field, std::string_view query, std::vector<std::uint8_t>& matched,
                             std::vector<Candidate>& out) const {
    const Column& column = m_columns[static_cast<std::size_t>(field)];
    const SubstringFinder finder(query, column.histogram);
    const auto item_count = static_cast<std::uint32_t>(m_items.size());
    // Only runs of items no better field matched are read: a common word costs one title scan.
    for (std::uint32_t first = 0; first < item_count;) {
        if (matched[first] != 0) {
            ++first;
            continue;
        }
        std::uint32_t last = first; // one past the run
        while (last < item_count && matched[last] == 0) ++last;
        scanRun(field, finder, first, last, matched, out);
        first = last;
    }
}

void SearchIndex::scanRun(SearchField field, const SubstringFinder& finder, std::uint32_t first, std::uint32_t last,
                          std::vector<std::uint8_t>& matched, std::vector<Candidate>& out) const {
    const Column& column = m_columns[static_cast<std::size_t>(field)];
    const char* const base = column.text.data();
    const char* const end = base + column.starts[last];
    const auto run_starts_end = column.starts.begin() + last + 1;
    for (const char* from = base + column.starts[first]; from < end;) {
        const char* hit = finder.find(from, end);
        if (hit == nullptr) break;
        const auto pos = static_cast<std::uint32_t>(hit - base);
        const auto next = std::upper_bound(column.starts.begin() + first, run_starts_end, pos);
        const auto item = static_cast<std::uint32_t>(next - column.starts.begin() - 1);
        matched[item] = 1;
        const std::uint32_t offset = pos - column.starts[item];
        const std::size_t length = *next - column.starts[item] - 1; // without the separator
        const bool exact = field == SearchField::Title && offset == 0 && length == finder.needle().size();
        out.push_back({item, field, exact, offset});
        from = base + *next;
    }
}

bool SearchIndex::ranksBefore(const Candidate& a, const Candidate& b) const {
    if (a.exact_title != b.exact_title) return a.exact_title;
    if (a.field != b.field) return a.field < b.field;
    if (m_date_keys[a.item] != m_date_keys[b.item]) return m_date_keys[a.item] > m_date_keys[b.item];
    return a.item < b.item;
}

SearchResults SearchIndex::search(std::string_view query, std::size_t limit) const {
    SearchResults results;
    results.query = std::string(query);
    results.folded_query = std::string(cutQuery(m_folder->foldQuery(query)));
    const std::string_view folded = results.folded_query;
    if (folded.empty()) return results;
    results.initials_searched = m_initials != nullptr && isLettersOnly(folded);
    std::vector<std::uint8_t> matched(m_items.size(), 0);
    std::vector<Candidate> candidates;
    for (std::size_t f = 0; f < kSearchFieldCount; ++f) {
        const auto field = static_cast<SearchField>(f);
        if (!isInitialsField(field) || results.initials_searched) scanColumn(field, folded, matched, candidates);
    }
    results.total = candidates.size();
    const std::size_t shown = std::min(limit, candidates.size());
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(shown), candidates.end(),
                      [this](const Candidate& a, const Candidate& b) { return ranksBefore(a, b); });
    for (std::size_t i = 0; i < shown; ++i) results.hits.push_back(makeHit(candidates[i], folded.size()));
    return results;
}

SearchHit SearchIndex::makeHit(const Candidate& candidate, std::size_t query_length) const {
    SearchHit hit;
    hit.item = m_items[candidate.item];
    hit.ref = searchItemRef(*m_content, hit.item);
    hit.title = std::string(searchItemTitle(*m_content, hit.item));
    hit.field = candidate.field;
    hit.exact_title = candidate.exact_title;
    hit.date = searchItemDate(*m_content, hit.item);
    const std::string text = searchFieldText(*m_content, hit.item, sourceField(candidate.field));
    const Snippet snippet =
        isInitialsField(candidate.field)
            ? initialsSnippet(text, *m_folder, *m_initials, candidate.offset, query_length, windowFor(candidate.field))
            : literalSnippet(text, *m_folder, candidate.offset, query_length, windowFor(candidate.field));
    hit.snippet = snippet.text;
    hit.match_start = snippet.match_start;
    hit.match_length = snippet.match_length;
    return hit;
}

std::size_t SearchIndex::memoryBytes() const {
    std::size_t bytes = m_items.capacity() * sizeof(SearchItem) + m_date_keys.capacity() * sizeof(std::uint32_t);
    for (const Column& column : m_columns)
        bytes += column.text.capacity() + column.starts.capacity() * sizeof(std::uint32_t);
    return bytes;
}

} // namespace gk
