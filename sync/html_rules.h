// The parts html_blocks is built from: the rules for single elements, attributes and runs of
// text (which elements are dropped or separate blocks, heading levels, hidden elements, which URLs
// may become links, which image sources point elsewhere), white space collapsing in Chinese text
// (TextSink), list numbering, the links read (LinkReader) and the assembly of a table
// (TableBuilder). Internal to display/html_blocks.cpp.
// Only gumbo and the standard library; must not include ImGui, SDL, GL or curl.
#pragma once

#include "sync/html_blocks.h"

#include <gumbo.h>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gk::html {

// Elements dropped with everything inside them: head, script, style, iframe, object, embed,
// forms and their controls, media, svg, math …
bool isDropped(GumboTag tag);
// Elements whose start and end separate blocks: p, div, section, blockquote, center, dl, hr, tr …
// (lists, items, headings, tables and pre are handled by the walker itself).
bool isBoundary(GumboTag tag);
int headingLevel(GumboTag tag); // 1..6 for h1..h6, else 0

const char* attribute(const GumboElement& el, const char* name); // nullptr when absent
// The leading integer of an attribute, as browsers read it ("3px" is 3), within ±1,000,000.
std::optional<int> intAttribute(const GumboElement& el, const char* name);
// The hidden attribute, or an inline style with display:none or visibility:hidden.
bool isHidden(const GumboElement& el);

// An http(s) URL a phone can open from a QR code: at most 2,000 bytes, no white space or control
// characters.
bool isWebUrl(std::string_view url);
// An image source that points outside the item: a scheme (http:, data:, javascript:…) or "//".
bool isForeignSource(std::string_view src);
std::vector<int> sortedUnique(std::vector<int> v);
// Trims ASCII white space and U+3000 (the indentation of Chinese paragraphs) at both ends.
std::string trimmed(std::string_view s);

// The text of the block (or table cell, or link) being read. A run of white space becomes one
// space, written only when neither neighbouring character is East Asian wide (so none appears
// inside Chinese text) and never at the start of a line; a run holding a no-break space always
// writes one. `prefix` (a list marker, a cell separator) is written before the next visible
// character. `links` collects the indexes of the links read into this text.
struct TextSink {
    std::string text;
    enum class Space { None, Soft, Hard } pending = Space::None;
    std::string prefix;
    std::vector<int> links;

    bool atLineStart() const { return text.empty() || text.back() == '\n'; }
    // Collapses white space; with keep_newlines (inside <pre>) each '\n' is a line break.
    void append(std::string_view s, bool keep_newlines);
    void lineBreak();   // <br>: a new line, at most one empty line in a row
    void endLine();     // a block boundary inside a table cell: later text starts a new line
    void space();       // a break that separates words (a <br> inside a link's text)
    std::string take(); // the trimmed text; the sink is empty afterwards (links are kept)

private:
    void put(std::string_view s, size_t i);
};

// A list being read: whether it is ordered and the number of its next item.
struct ListState {
    bool ordered = false;
    int next = 1;

    static ListState of(const GumboElement& list); // <ol start> respected
    int numberItem(const GumboElement& li);        // 0 in an unordered list; <li value> respected
};

// The http(s) links of a body: the one being read, its text gathered as it goes, and those read
// so far, one per distinct url in the order first read.
class LinkReader {
public:
    // Whether <a> starts a link; not for javascript:, mailto:, tel:, relative hrefs (text only).
    bool start(const GumboElement& a);
    bool reading() const { return m_reading; }
    TextSink& text() { return m_text; }
    // The link's index in the list, or nothing when it has no text (nothing on the page would say
    // where it goes).
    std::optional<int> finish();
    std::vector<BodyLink> take() { return std::move(m_links); }

private:
    bool m_reading = false;
    std::string m_url;
    TextSink m_text;
    std::vector<BodyLink> m_links;
    std::unordered_map<std::string, int> m_index; // url → index in m_links
};

// The top-level table being read. Each cell's text is read into `cell`; tables nested in a cell
// are flattened into that text by the walker, which counts them in `nested`.
struct TableBuilder {
    TableBuilder() { table.kind = BlockKind::Table; }

    Block table;
    TextSink cell;
    TableCell cell_meta;
    bool in_head = false, in_caption = false, in_cell = false;
    int nested = 0;

    void startCell(const GumboElement& el); // <td> or <th>: header, spans clamped to kMaxTableSpan
    void finishCell();
    // The block: rows without cells dropped, each cell placed in its grid column with its rowspan
    // kept inside the table; nothing when no cell has text.
    std::optional<Block> finish();

private:
    void placeCells();
};

} // namespace gk::html
