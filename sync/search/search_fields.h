// What search looks at in a publish: the items (disclosures, guides, notices), their searchable
// fields in ranking order, each field's text as people read it, the ref ("guide:ID") and the date
// that orders equal matches. Owned by sync/; must not include SDL, ImGui, GL or curl.
#pragma once

#include "sync/content.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace gk {

enum class SearchItemKind : std::uint8_t { Disclosure, Guide, Notice };

// In ranking order: a match in an earlier field ranks higher (an exact title above all).
enum class SearchField : std::uint8_t {
    Title,           // disclosure and notice title, guide name
    Initials,        // pinyin initials of the title (gljt → 高龄津贴)
    DocNumber,       // 文号
    IndexNumber,     // 索引号
    Code,            // guide 事项编码
    Keywords,        // disclosure keywords
    KeywordInitials, // pinyin initials of a keyword
    Publisher,       // 发布机构; guide 实施主体
    Summary,         // disclosure summary
    Body,            // the body's blocks as text; guide conditions, basis, materials, steps, fees, FAQ, place, hours
};
inline constexpr std::size_t kSearchFieldCount = 10;

// "title", "initials", "doc_no", "index_no", "code", "keywords", "keyword_initials", "publisher",
// "summary", "body": what `gongkai-kiosk search --json` prints.
std::string_view searchFieldName(SearchField field);
// "标题", "标题拼音首字母", "文号", "索引号", "事项编码", "关键词", "关键词拼音首字母", "发布机构",
// "摘要", "正文": what a screen shows next to a result.
std::string_view searchFieldLabel(SearchField field);
// "disclosure", "guide", "notice" (the ref prefix of display/kiosk/screen_ref.h).
std::string_view searchItemKindName(SearchItemKind kind);

// One item of a publish, by position in its vector.
struct SearchItem {
    SearchItemKind kind = SearchItemKind::Disclosure;
    std::size_t index = 0;
};

std::string_view searchItemId(const Content& content, SearchItem item);
std::string_view searchItemTitle(const Content& content, SearchItem item);
// "disclosure:ID", "guide:ID", "notice:ID".
std::string searchItemRef(const Content& content, SearchItem item);
// YYYY-MM-DD: published (else written) date; a guide's date of its last update; "" when unknown.
std::string searchItemDate(const Content& content, SearchItem item);
// YYYYMMDD as a number for ordering, 0 when the date is unknown.
std::uint32_t searchDateKey(std::string_view date);

// The field's text, blocks (paragraphs, keywords, guide sections) joined by kSearchSeparator;
// empty when the item has no such field. The initials fields give the text their letters come
// from (the title, the keywords).
std::string searchFieldText(const Content& content, SearchItem item, SearchField field);
// At least the size of searchFieldText for the same arguments, cheaply (nothing is joined).
std::size_t searchFieldSizeBound(const Content& content, SearchItem item, SearchField field);

} // namespace gk
