// gumbo-based HTML to page blocks: an iterative walk over the parse tree that reads text into
// blocks, table cells and links. The rules for single elements and for white space are in
// html_rules. See html_blocks.h.
#include "sync/html_blocks.h"

#include "sync/html_rules.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <utility>

namespace gk {
namespace {

using html::TextSink;

// What an element did on entry, so that leaving it undoes exactly that.
enum class Role { Skip, None, Boundary, Pre, Heading, List, ListItem, Table, NestedTable, Head, Cell, Caption, Anchor };

struct Frame {
    const GumboNode* node;
    unsigned next_child = 0;
    Role role = Role::None;
};

// A heading or list item that text outside tables is read into (a paragraph when there is none):
// the fields of its blocks, and whether the list item's marker is still to be drawn.
struct BlockContext {
    Block fields;
    bool marker_pending = false;
};

class BlockWalker {
public:
    explicit BlockWalker(const VerifiedImageCheck& check) : m_is_verified_image(check) {}
    BodyDocument run(const GumboNode* root);

private:
    Role enter(const GumboElement& el);
    std::optional<Role> enterTablePart(const GumboElement& el);
    void leave(Role role);
    void onText(std::string_view text);
    TextSink* sink();
    void boundary();
    void flush();
    Role startHeading(int level);
    Role startList(const GumboElement& el);
    Role startItem(const GumboElement& el);
    Role startTable();
    void finishTable();
    void finishAnchor();
    void image(const GumboElement& el);

    const VerifiedImageCheck& m_is_verified_image;
    BodyDocument m_doc;
    TextSink m_main; // text outside tables (and in captions)
    std::vector<BlockContext> m_contexts;
    std::vector<html::ListState> m_lists;
    int m_pre = 0;
    std::optional<html::TableBuilder> m_table; // the top-level table being read
    html::LinkReader m_links;
};

BodyDocument BlockWalker::run(const GumboNode* root) {
    std::vector<Frame> stack{{root}};
    while (!stack.empty()) {
        Frame& top = stack.back();
        const GumboVector& children = top.node->v.element.children;
        if (top.next_child >= children.length) {
            leave(top.role);
            stack.pop_back();
            continue;
        }
        const auto* child = static_cast<const GumboNode*>(children.data[top.next_child++]);
        if (child->type == GUMBO_NODE_TEXT || child->type == GUMBO_NODE_WHITESPACE) {
            onText(child->v.text.text);
        } else if (child->type == GUMBO_NODE_ELEMENT) {
            const Role role = enter(child->v.element);
            if (role != Role::Skip) stack.push_back({child, 0, role});
        } // comments, CDATA (only inside svg and math) and template contents are not content
    }
    flush();
    m_doc.links = m_links.take();
    return std::move(m_doc);
}

Role BlockWalker::enter(const GumboElement& el) {
    if (el.tag_namespace != GUMBO_NAMESPACE_HTML || html::isDropped(el.tag) || html::isHidden(el)) return Role::Skip;
    switch (el.tag) {
    case GUMBO_TAG_BR:
        if (TextSink* s = sink()) s->lineBreak();
        if (m_links.reading()) m_links.text().space();
        return Role::Skip;
    case GUMBO_TAG_IMG: image(el); return Role::Skip;
    case GUMBO_TAG_A: return m_links.start(el) ? Role::Anchor : Role::None;
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_MENU:
    case GUMBO_TAG_DIR: return startList(el);
    case GUMBO_TAG_LI: return startItem(el);
    case GUMBO_TAG_TABLE: return startTable();
    case GUMBO_TAG_PRE:
        boundary();
        ++m_pre;
        return Role::Pre;
    default: break;
    }
    if (m_table)
        if (const std::optional<Role> role = enterTablePart(el)) return *role;
    if (const int level = html::headingLevel(el.tag)) return startHeading(level);
    if (html::isBoundary(el.tag)) {
        boundary();
        return Role::Boundary;
    }
    return Role::None; // inline: b, strong, em, span, font, sub, sup, u, unknown tags …
}

// Parts of the top-level table; in a nested table only the cells need care (rows and captions are
// boundaries, i.e. new lines of the cell).
std::optional<Role> BlockWalker::enterTablePart(const GumboElement& el) {
    const bool cell = el.tag == GUMBO_TAG_TD || el.tag == GUMBO_TAG_TH;
    if (m_table->nested > 0) {
        TextSink* s = sink();
        if (cell && s && !s->atLineStart()) s->prefix = "｜";
        return cell ? std::optional(Role::None) : std::nullopt;
    }
    if (cell) {
        m_table->startCell(el);
        return Role::Cell;
    }
    switch (el.tag) {
    case GUMBO_TAG_THEAD: m_table->in_head = true; return Role::Head;
    case GUMBO_TAG_TR: m_table->table.rows.emplace_back(); return Role::None;
    case GUMBO_TAG_CAPTION: m_table->in_caption = true; return Role::Caption;
    default: return std::nullopt;
    }
}

void BlockWalker::leave(Role role) {
    switch (role) {
    case Role::Pre: --m_pre; [[fallthrough]];
    case Role::Boundary: boundary(); break;
    case Role::Heading:
    case Role::ListItem:
        flush();
        m_contexts.pop_back();
        break;
    case Role::List:
        boundary();
        m_lists.pop_back();
        break;
    case Role::Table: finishTable(); break;
    case Role::NestedTable:
        --m_table->nested;
        if (TextSink* s = sink()) s->endLine();
        break;
    case Role::Head: m_table->in_head = false; break;
    case Role::Cell: m_table->finishCell(); break;
    case Role::Caption:
        flush(); // a paragraph before the table, whose block comes when the table ends
        m_table->in_caption = false;
        break;
    case Role::Anchor: finishAnchor(); break;
    default: break;
    }
}

// Where text goes now: the block being read, the table cell, or nowhere (between table rows).
TextSink* BlockWalker::sink() {
    if (!m_table || m_table->in_caption) return &m_main;
    return m_table->in_cell ? &m_table->cell : nullptr;
}

void BlockWalker::onText(std::string_view text) {
    TextSink* s = sink();
    if (!s) return;
    s->append(text, m_pre > 0);
    if (m_links.reading()) m_links.text().append(text, false);
}

void BlockWalker::boundary() {
    TextSink* s = sink();
    if (s == &m_main)
        flush();
    else if (s)
        s->endLine();
}

// The text read so far becomes a block of the innermost heading or list item (or a paragraph).
void BlockWalker::flush() {
    std::string text = m_main.take();
    std::vector<int> links = std::exchange(m_main.links, {});
    if (text.empty()) return;
    Block block;
    if (!m_contexts.empty()) {
        BlockContext& c = m_contexts.back();
        block = c.fields;
        block.continues = c.fields.kind == BlockKind::ListItem && !c.marker_pending;
        c.marker_pending = false;
    }
    block.text = std::move(text);
    block.links = html::sortedUnique(std::move(links));
    m_doc.blocks.push_back(std::move(block));
}

Role BlockWalker::startHeading(int level) {
    boundary();
    if (sink() != &m_main) return Role::Boundary; // a heading inside a table cell is a line of it
    BlockContext& heading = m_contexts.emplace_back();
    heading.fields.kind = BlockKind::Heading;
    heading.fields.level = level;
    return Role::Heading;
}

Role BlockWalker::startList(const GumboElement& el) {
    boundary();
    m_lists.push_back(html::ListState::of(el));
    return Role::List;
}

Role BlockWalker::startItem(const GumboElement& el) {
    boundary();
    html::ListState loose; // an <li> outside any list reads as an unordered item
    html::ListState& list = m_lists.empty() ? loose : m_lists.back();
    const int number = list.numberItem(el);
    if (sink() != &m_main) { // inside a table cell: a line with its marker
        if (TextSink* s = sink()) s->prefix = list.ordered ? std::to_string(number) + ". " : "• ";
        return Role::Boundary;
    }
    BlockContext& item = m_contexts.emplace_back();
    item.fields.kind = BlockKind::ListItem;
    item.fields.depth = std::clamp(static_cast<int>(m_lists.size()) - 1, 0, kMaxListDepth);
    item.fields.ordered = list.ordered;
    item.fields.number = number;
    item.marker_pending = true;
    return Role::ListItem;
}

Role BlockWalker::startTable() {
    if (m_table) { // inside the table: flattened, one line per row, cells separated by '｜'
        if (TextSink* s = sink()) s->endLine();
        ++m_table->nested;
        return Role::NestedTable;
    }
    flush();
    m_table.emplace();
    return Role::Table;
}

void BlockWalker::finishTable() {
    std::optional<Block> table = m_table->finish();
    m_table.reset();
    if (table) m_doc.blocks.push_back(std::move(*table));
}

void BlockWalker::finishAnchor() {
    const std::optional<int> index = m_links.finish();
    TextSink* s = sink();
    if (!index || !s) return;
    if (s == &m_main && m_main.text.empty() && !m_doc.blocks.empty()) { // its text has gone out in a block
        std::vector<int>& links = m_doc.blocks.back().links;
        links.push_back(*index);
        links = html::sortedUnique(std::move(links));
    } else {
        s->links.push_back(*index);
    }
}

void BlockWalker::image(const GumboElement& el) {
    const char* src = html::attribute(el, "src");
    const std::string href = src ? html::trimmed(src) : std::string();
    if (m_table || href.empty() || html::isForeignSource(href) || !m_is_verified_image || !m_is_verified_image(href)) {
        ++m_doc.dropped_images;
        return;
    }
    flush();
    Block block;
    block.kind = BlockKind::Image;
    block.image_href = href;
    if (!m_contexts.empty() && m_contexts.back().fields.kind == BlockKind::ListItem)
        block.depth = m_contexts.back().fields.depth;
    TextSink alt;
    if (const char* a = html::attribute(el, "alt")) alt.append(a, false);
    block.text = alt.take();
    if (m_links.reading()) m_links.text().append(block.text, false); // a linked image: its alt names the link
    m_doc.blocks.push_back(std::move(block));
}

// The lowercase tag name starting at name_start.
std::string tagName(std::string_view html, std::size_t name_start) {
    std::size_t end = name_start;
    while (end < html.size() && std::isalnum(static_cast<unsigned char>(html[end])) != 0) ++end;
    std::string name(html.substr(name_start, end - name_start));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return name;
}

bool isVoidElement(std::string_view html, std::size_t name_start) {
    static constexpr std::string_view kVoid[] = {"br",   "img", "hr",    "input", "meta",   "link",  "area",
                                                 "base", "col", "embed", "param", "source", "track", "wbr"};
    const std::string name = tagName(html, name_start);
    for (std::string_view v : kVoid)
        if (name == v) return true;
    return false;
}

// Elements whose start tag closes an element of the same name right above it (HTML closes more:
// closing only the one on top keeps the count from ever being lower than gumbo's nesting).
bool closesOpenSibling(std::string_view name) {
    static constexpr std::string_view kSiblings[] = {"p", "li", "dt", "dd", "tr", "td", "th", "option"};
    return std::find(std::begin(kSiblings), std::end(kSiblings), name) != std::end(kSiblings);
}

// The body with every numeric character reference past U+10FFFF written as U+FFFD: gumbo 0.10.1
// wraps values of 2^31 and more, so "&#2147483648;" became a NUL that cut the rest of its text off
// the page (while search still found it) and "&#x800000E4;" a byte that is not UTF-8. Copies only
// when there is such a reference.
std::string_view withSafeNumericReferences(std::string_view html, std::string& storage) {
    const auto is_digit = [](char c, bool hex) {
        return std::isdigit(static_cast<unsigned char>(c)) != 0 ||
               (hex && std::isxdigit(static_cast<unsigned char>(c)) != 0);
    };
    std::size_t copied = 0;
    for (std::size_t i = html.find("&#"); i != std::string_view::npos; i = html.find("&#", i + 2)) {
        const bool hex = i + 2 < html.size() && (html[i + 2] == 'x' || html[i + 2] == 'X');
        std::size_t end = i + (hex ? 3 : 2);
        std::uint64_t value = 0;
        for (; end < html.size() && is_digit(html[end], hex) && value <= 0x10FFFF; ++end)
            value = value * (hex ? 16 : 10) +
                    static_cast<std::uint64_t>(std::isdigit(static_cast<unsigned char>(html[end])) != 0
                                                   ? html[end] - '0'
                                                   : (std::tolower(static_cast<unsigned char>(html[end])) - 'a' + 10));
        if (value <= 0x10FFFF) continue;
        while (end < html.size() && is_digit(html[end], hex)) ++end; // the rest of an overlong number
        if (end < html.size() && html[end] == ';') ++end;
        storage.append(html.substr(copied, i - copied)).append("&#xFFFD;");
        copied = end;
    }
    if (copied == 0) return html;
    storage.append(html.substr(copied));
    return storage;
}

struct TagCount {
    std::size_t start_tags = 0;
    std::size_t depth = 0; // the deepest the stack of open elements grew
};

// Start tags, and an upper estimate of how deeply the elements nest, from a stack of open elements
// as HTML keeps it: every start tag of a non-void element opens one, "/>" included (HTML ignores it
// there: 300,000 <span/> nest 300,000 deep); an end tag closes up to the open element of its name
// and is ignored when none is open. Of the elements HTML closes implicitly only the simplest case
// is followed (<p> after an open <p>, a cell after a cell, a row after a row's cells), so the
// estimate is never lower than the depth gumbo builds.
TagCount countTags(std::string_view html) {
    TagCount count;
    std::vector<std::string> open;
    std::unordered_map<std::string, std::size_t> open_count;
    const auto pop = [&] {
        --open_count[open.back()];
        open.pop_back();
    };
    for (std::size_t i = html.find('<'); i != std::string_view::npos && i + 2 < html.size();
         i = html.find('<', i + 1)) {
        if (html[i + 1] == '/' && std::isalpha(static_cast<unsigned char>(html[i + 2])) != 0) {
            const std::string name = tagName(html, i + 2);
            const auto it = open_count.find(name);
            if (it == open_count.end() || it->second == 0) continue; // a stray end tag
            for (bool closed = false; !closed;) {
                closed = open.back() == name;
                pop();
            }
        } else if (std::isalpha(static_cast<unsigned char>(html[i + 1])) != 0) {
            ++count.start_tags;
            if (isVoidElement(html, i + 1)) continue;
            std::string name = tagName(html, i + 1);
            if (name == "tr")
                while (!open.empty() && (open.back() == "td" || open.back() == "th")) pop();
            if (name == "td" || name == "th")
                while (!open.empty() && (open.back() == "td" || open.back() == "th")) pop();
            else if (!open.empty() && open.back() == name && closesOpenSibling(name))
                pop();
            ++open_count[name];
            open.push_back(std::move(name));
            count.depth = std::max(count.depth, open.size());
        }
    }
    return count;
}

} // namespace

BodyDocument htmlToBlocks(std::string_view html, const VerifiedImageCheck& is_verified_image) {
    if (html.empty()) return {};
    // gumbo's parse time grows with the square of the nesting depth of block elements (20,000
    // nested divs take ~0.6 s, 100,000 ~40 s): a body nested deeper than any real document is not
    // parsed at all, so that opening it can never freeze the kiosk.
    if (countTags(html).depth > kMaxBodyDepth) {
        BodyDocument too_complex;
        too_complex.blocks.push_back(
            Block{BlockKind::Paragraph, std::string(kTooComplexText), 0, 0, false, 0, false, {}, 0, {}, {}});
        return too_complex;
    }
    // Parse errors are not recorded: gumbo copies the stack of open elements into each one, which
    // is quadratic on hostile nesting.
    GumboOptions options = kGumboDefaultOptions;
    options.max_errors = 0;
    std::string safe_storage;
    html = withSafeNumericReferences(html, safe_storage);
    const auto destroy = [&options](GumboOutput* o) { gumbo_destroy_output(&options, o); };
    std::unique_ptr<GumboOutput, decltype(destroy)> doc(gumbo_parse_with_options(&options, html.data(), html.size()),
                                                        destroy);
    if (!doc || !doc->root) return {};
    return BlockWalker(is_verified_image).run(doc->root);
}

std::optional<BodyDocument> readBody(std::string_view html, const VerifiedImageCheck& is_verified_image,
                                     const BodyBounds& bounds, std::string& error) {
    const auto started = std::chrono::steady_clock::now();
    if (html.size() > bounds.max_bytes) {
        error =
            "is " + std::to_string(html.size()) + " bytes, more than the " + std::to_string(bounds.max_bytes) + " read";
        return std::nullopt;
    }
    const TagCount count = countTags(html);
    if (count.depth > bounds.max_depth) {
        error = "nests " + std::to_string(count.depth) + " elements deep, more than the " +
                std::to_string(bounds.max_depth) + " read";
        return std::nullopt;
    }
    if (count.start_tags > bounds.max_start_tags) {
        error = "has " + std::to_string(count.start_tags) + " start tags, more than the " +
                std::to_string(bounds.max_start_tags) + " read";
        return std::nullopt;
    }
    BodyDocument doc = htmlToBlocks(html, is_verified_image);
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
    if (took > bounds.max_time) {
        error = "took " + std::to_string(took.count()) + " ms to read, more than the " +
                std::to_string(bounds.max_time.count()) + " ms allowed";
        return std::nullopt;
    }
    return doc;
}

} // namespace gk
