// Element, attribute and text rules for html_blocks. See html_rules.h.
#include "sync/html_rules.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace gk::html {
namespace {

// East Asian wide code points (CJK ideographs and punctuation, kana, hangul, full-width forms).
bool isWide(char32_t c) {
    return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) || (c >= 0xAC00 && c <= 0xD7A3) ||
           (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE10 && c <= 0xFE6F) || (c >= 0xFF00 && c <= 0xFF60) ||
           (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD);
}

// The code point starting at s[i]; gumbo hands out valid UTF-8.
char32_t decodeAt(std::string_view s, size_t i) {
    const auto tail = [&](size_t k) { return k < s.size() ? char32_t(static_cast<unsigned char>(s[k]) & 0x3Fu) : 0; };
    const auto c = char32_t(static_cast<unsigned char>(s[i]));
    if (c < 0x80) return c;
    if (c < 0xE0) return ((c & 0x1Fu) << 6) | tail(i + 1);
    if (c < 0xF0) return ((c & 0x0Fu) << 12) | (tail(i + 1) << 6) | tail(i + 2);
    return ((c & 0x07u) << 18) | (tail(i + 1) << 12) | (tail(i + 2) << 6) | tail(i + 3);
}

char32_t lastCodePoint(std::string_view s) {
    size_t i = s.size() - 1;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0u) == 0x80) --i;
    return decodeAt(s, i);
}

bool isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

bool startsWithNoCase(std::string_view s, std::string_view lower_prefix) {
    return s.size() >= lower_prefix.size() &&
           std::equal(lower_prefix.begin(), lower_prefix.end(), s.begin(),
                      [](char p, char c) { return std::tolower(static_cast<unsigned char>(c)) == p; });
}

} // namespace

bool isDropped(GumboTag tag) {
    static constexpr GumboTag kDropped[] = {
        GUMBO_TAG_HEAD,     GUMBO_TAG_TITLE,     GUMBO_TAG_META,     GUMBO_TAG_LINK,
        GUMBO_TAG_BASE,     GUMBO_TAG_SCRIPT,    GUMBO_TAG_NOSCRIPT, GUMBO_TAG_STYLE,
        GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME,    GUMBO_TAG_FRAME,    GUMBO_TAG_FRAMESET,
        GUMBO_TAG_NOFRAMES, GUMBO_TAG_OBJECT,    GUMBO_TAG_EMBED,    GUMBO_TAG_APPLET,
        GUMBO_TAG_PARAM,    GUMBO_TAG_AUDIO,     GUMBO_TAG_VIDEO,    GUMBO_TAG_SOURCE,
        GUMBO_TAG_TRACK,    GUMBO_TAG_CANVAS,    GUMBO_TAG_MAP,      GUMBO_TAG_FORM,
        GUMBO_TAG_INPUT,    GUMBO_TAG_BUTTON,    GUMBO_TAG_SELECT,   GUMBO_TAG_TEXTAREA,
        GUMBO_TAG_KEYGEN,   GUMBO_TAG_MENUITEM,  GUMBO_TAG_SVG,      GUMBO_TAG_MATH,
        GUMBO_TAG_XMP,      GUMBO_TAG_PLAINTEXT, GUMBO_TAG_NOEMBED}; // raw text: their markup would show as text
    return std::find(std::begin(kDropped), std::end(kDropped), tag) != std::end(kDropped);
}

bool isBoundary(GumboTag tag) {
    static constexpr GumboTag kBoundaries[] = {
        GUMBO_TAG_P,          GUMBO_TAG_DIV,    GUMBO_TAG_SECTION, GUMBO_TAG_ARTICLE,    GUMBO_TAG_MAIN,
        GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_CENTER, GUMBO_TAG_ADDRESS, GUMBO_TAG_HEADER,     GUMBO_TAG_FOOTER,
        GUMBO_TAG_NAV,        GUMBO_TAG_ASIDE,  GUMBO_TAG_FIGURE,  GUMBO_TAG_FIGCAPTION, GUMBO_TAG_DL,
        GUMBO_TAG_DT,         GUMBO_TAG_DD,     GUMBO_TAG_HR,      GUMBO_TAG_DETAILS,    GUMBO_TAG_SUMMARY,
        GUMBO_TAG_FIELDSET,   GUMBO_TAG_LEGEND, GUMBO_TAG_HGROUP,  GUMBO_TAG_CAPTION,    GUMBO_TAG_TR,
        GUMBO_TAG_LISTING};
    return std::find(std::begin(kBoundaries), std::end(kBoundaries), tag) != std::end(kBoundaries);
}

int headingLevel(GumboTag tag) {
    return tag >= GUMBO_TAG_H1 && tag <= GUMBO_TAG_H6 ? static_cast<int>(tag - GUMBO_TAG_H1) + 1 : 0;
}

const char* attribute(const GumboElement& el, const char* name) {
    const GumboAttribute* a = gumbo_get_attribute(&el.attributes, name);
    return a ? a->value : nullptr;
}

std::optional<int> intAttribute(const GumboElement& el, const char* name) {
    const char* v = attribute(el, name);
    if (!v) return std::nullopt;
    while (isAsciiSpace(*v)) ++v;
    const bool negative = *v == '-';
    if (*v == '-' || *v == '+') ++v;
    if (*v < '0' || *v > '9') return std::nullopt;
    long n = 0;
    for (; *v >= '0' && *v <= '9'; ++v) n = std::min(n * 10 + (*v - '0'), 1'000'000L);
    return static_cast<int>(negative ? -n : n);
}

bool isHidden(const GumboElement& el) {
    if (attribute(el, "hidden")) return true;
    const char* style = attribute(el, "style");
    if (!style) return false;
    std::string css;
    for (const char* c = style; *c; ++c)
        if (!isAsciiSpace(*c)) css += static_cast<char>(std::tolower(static_cast<unsigned char>(*c)));
    return css.find("display:none") != std::string::npos || css.find("visibility:hidden") != std::string::npos;
}

bool isWebUrl(std::string_view url) {
    const size_t scheme = startsWithNoCase(url, "https://") ? 8 : startsWithNoCase(url, "http://") ? 7 : 0;
    if (scheme == 0 || url.size() == scheme || url.size() > 2000) return false;
    return std::none_of(url.begin(), url.end(),
                        [](char c) { return static_cast<unsigned char>(c) <= ' ' || c == 0x7F; });
}

bool isForeignSource(std::string_view src) {
    if (src.starts_with("//") || src.starts_with("\\\\") || src.starts_with("/\\") || src.starts_with("\\/"))
        return true;
    const size_t colon = src.find(':');
    return colon != std::string_view::npos && src.find_first_of("/?#") > colon;
}

std::string trimmed(std::string_view s) {
    constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
    for (bool again = true; again;) {
        again = false;
        while (!s.empty() && isAsciiSpace(s.front())) s.remove_prefix(1);
        while (!s.empty() && isAsciiSpace(s.back())) s.remove_suffix(1);
        if (s.starts_with(kIdeographicSpace)) s.remove_prefix(3), again = true;
        if (s.ends_with(kIdeographicSpace)) s.remove_suffix(3), again = true;
    }
    return std::string(s);
}

// ---- TextSink ----

void TextSink::put(std::string_view s, size_t i) {
    if (!prefix.empty()) {
        text += prefix;
        prefix.clear();
    } else if (pending != Space::None && !atLineStart() &&
               (pending == Space::Hard || (!isWide(decodeAt(s, i)) && !isWide(lastCodePoint(text))))) {
        text += ' ';
    }
    pending = Space::None;
    text += s[i];
}

void TextSink::append(std::string_view s, bool keep_newlines) {
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '\n' && keep_newlines) {
            lineBreak();
        } else if (isAsciiSpace(c)) {
            if (pending == Space::None) pending = Space::Soft;
        } else if (c == '\xC2' && i + 1 < s.size() && s[i + 1] == '\xA0') {
            pending = Space::Hard; // U+00A0 no-break space
            ++i;
        } else if ((static_cast<unsigned char>(c) & 0xC0u) == 0x80) {
            text += c; // a continuation byte of the character put() started
        } else {
            put(s, i);
        }
    }
}

void TextSink::lineBreak() {
    pending = Space::None;
    if (!prefix.empty() && atLineStart()) return; // a list marker still waits for its text
    prefix.clear();                               // a cell separator is replaced by the break
    if (!text.ends_with("\n\n")) text += '\n';
}

void TextSink::endLine() {
    pending = Space::None;
    prefix.clear();
    if (!atLineStart()) text += '\n';
}

void TextSink::space() {
    if (pending == Space::None) pending = Space::Soft;
}

std::string TextSink::take() {
    std::string out = trimmed(text);
    text.clear();
    prefix.clear();
    pending = Space::None;
    return out;
}

std::vector<int> sortedUnique(std::vector<int> v) {
    std::sort(v.begin(), v.end());
    v.erase(std::unique(v.begin(), v.end()), v.end());
    return v;
}

// ---- ListState, LinkReader ----

ListState ListState::of(const GumboElement& list) {
    const bool ordered = list.tag == GUMBO_TAG_OL;
    return {ordered, ordered ? intAttribute(list, "start").value_or(1) : 1};
}

int ListState::numberItem(const GumboElement& li) {
    const int number = ordered ? intAttribute(li, "value").value_or(next) : 0;
    next = number + 1;
    return number;
}

bool LinkReader::start(const GumboElement& a) {
    const char* href = attribute(a, "href");
    if (m_reading || !href) return false;
    std::string url = trimmed(href);
    if (!isWebUrl(url)) return false;
    m_reading = true;
    m_url = std::move(url);
    return true;
}

std::optional<int> LinkReader::finish() {
    m_reading = false;
    std::string text = m_text.take();
    if (text.empty()) return std::nullopt;
    const auto [it, added] = m_index.try_emplace(m_url, static_cast<int>(m_links.size()));
    if (added) m_links.push_back({std::move(text), m_url});
    return it->second;
}

// ---- TableBuilder ----

void TableBuilder::startCell(const GumboElement& el) {
    if (table.rows.empty()) table.rows.emplace_back();
    in_cell = true;
    cell_meta = TableCell{};
    cell_meta.header = el.tag == GUMBO_TAG_TH || in_head;
    cell_meta.colspan = std::clamp(intAttribute(el, "colspan").value_or(1), 1, kMaxTableSpan);
    cell_meta.rowspan = std::clamp(intAttribute(el, "rowspan").value_or(1), 1, kMaxTableSpan);
}

void TableBuilder::finishCell() {
    cell_meta.text = cell.take();
    table.links.insert(table.links.end(), cell.links.begin(), cell.links.end());
    cell.links.clear();
    table.rows.back().push_back(std::move(cell_meta));
    in_cell = false;
}

// Gives each cell its grid column (skipping the columns that cells of rows above span down into),
// keeps rowspans inside the table and sets the width of the grid.
void TableBuilder::placeCells() {
    std::vector<size_t> free_from_row; // per column: the first row not covered from above
    const size_t rows = table.rows.size();
    for (size_t r = 0; r < rows; ++r) {
        size_t col = 0;
        for (TableCell& c : table.rows[r]) {
            while (col < free_from_row.size() && free_from_row[col] > r) ++col;
            c.column = static_cast<int>(col);
            c.rowspan = static_cast<int>(std::min<size_t>(static_cast<size_t>(c.rowspan), rows - r));
            const size_t end = col + static_cast<size_t>(c.colspan);
            if (free_from_row.size() < end) free_from_row.resize(end, 0);
            std::fill(free_from_row.begin() + static_cast<std::ptrdiff_t>(col),
                      free_from_row.begin() + static_cast<std::ptrdiff_t>(end), r + static_cast<size_t>(c.rowspan));
            col = end;
        }
    }
    table.columns = static_cast<int>(free_from_row.size());
}

std::optional<Block> TableBuilder::finish() {
    std::erase_if(table.rows, [](const std::vector<TableCell>& row) { return row.empty(); });
    const bool has_text = std::any_of(table.rows.begin(), table.rows.end(), [](const std::vector<TableCell>& row) {
        return std::any_of(row.begin(), row.end(), [](const TableCell& c) { return !c.text.empty(); });
    });
    if (!has_text) return std::nullopt;
    placeCells();
    table.links = sortedUnique(std::move(table.links));
    return std::move(table);
}

} // namespace gk::html
