// The body of a feed item (its body_html) as the blocks the item page draws: headings,
// paragraphs, list items, tables and images that are verified attachments of the item, plus the
// http(s) links found in it (the page shows one QR code per link). Parsed with gumbo; the tree is
// walked without recursion, in time linear in its size. gumbo itself is not safe at any depth (its
// parse time grows with the square of the nesting, and it frees the tree recursively): bodies that
// nest deeper than kMaxBodyDepth, counted as HTML counts open elements, are never given to it.
// Everything that is not readable content is dropped: script, style, iframe, object, forms and
// their controls, svg, math, comments, hidden elements, remote images, and every attribute (so
// event handlers never survive). Pure logic: gumbo and the standard library only; must not
// include ImGui, SDL, GL or curl.
#pragma once

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

enum class BlockKind { Heading, Paragraph, ListItem, Table, Image };

inline constexpr int kMaxTableSpan = 50; // colspan and rowspan are clamped to 1..kMaxTableSpan
inline constexpr int kMaxListDepth = 8;  // deeper lists are drawn at this depth
// A body whose elements nest deeper than this is not parsed (see htmlToBlocks); it becomes one
// paragraph with kTooComplexText. Real documents stay far below it.
inline constexpr std::size_t kMaxBodyDepth = 25000;
inline constexpr std::string_view kTooComplexText = "此文档结构过于复杂，无法在本机显示，请用手机扫码查看全文。";

struct TableCell {
    std::string text;    // its lines joined with '\n' (paragraphs, list items, <br>, nested rows)
    bool header = false; // <th>, or any cell of <thead>
    int colspan = 1;
    int rowspan = 1; // never reaches past the table's last row
    int column = 0;  // grid column where the cell starts, after cells spanning down from above
    bool operator==(const TableCell&) const = default;
};

struct Block {
    BlockKind kind = BlockKind::Paragraph;
    // Heading, Paragraph, ListItem: the text, with '\n' only where the HTML had <br> (or a line
    // break inside <pre>). White space is collapsed; no space is kept next to a Chinese character.
    // Image: its alt text (may be empty).
    std::string text;
    int level = 0; // Heading: 1..6 from h1..h6
    // ListItem (and an Image inside one): list nesting, 0 for the outermost list.
    int depth = 0;
    // ListItem: of an <ol>, and then its number (<ol start> and <li value> respected).
    bool ordered = false;
    int number = 0;
    // ListItem: more text of the item above at this depth, drawn without a marker (the item's
    // text went on after a nested list or an image).
    bool continues = false;
    // Table: rows of cells, possibly of different lengths, and the width of the grid they fill.
    std::vector<std::vector<TableCell>> rows;
    int columns = 0;
    // Image: the src, accepted by the caller as a verified attachment.
    std::string image_href;
    // Indexes into BodyDocument::links of the links inside this block.
    std::vector<int> links;
    bool operator==(const Block&) const = default;
};

struct BodyLink {
    std::string text; // the link's text as it reads in its block (never empty)
    std::string url;  // http:// or https://
    bool operator==(const BodyLink&) const = default;
};

struct BodyDocument {
    std::vector<Block> blocks;   // document order; blocks without text are omitted
    std::vector<BodyLink> links; // document order, one per distinct url
    int dropped_images = 0;      // <img> not shown: remote, data:, unverified, or inside a table
    bool operator==(const BodyDocument&) const = default;
};

// Whether an <img src> is a hash-verified attachment of the item (src equal to its href). Only
// ever called with a relative src: never with a scheme (http:, data:, …) or a leading "//". An
// empty function shows no images.
using VerifiedImageCheck = std::function<bool(std::string_view src)>;

// Accepts any bytes (unclosed tags, any nesting depth, invalid UTF-8 replaced by U+FFFD); empty or
// contentless HTML gives a document without blocks. gumbo's own parse time grows with the square
// of the nesting depth (10,000 nested elements take ~0.15 s here, 100,000 take ~40 s), so more
// than kMaxBodyDepth levels of nesting give the single kTooComplexText paragraph instead.
BodyDocument htmlToBlocks(std::string_view html, const VerifiedImageCheck& is_verified_image);

// What reading one body may cost. A publish is read with them (on the sync worker, and when the
// store is loaded), so a body reaches the screen only as blocks made within them: the screen never
// parses HTML. Government documents stay far below them (the demo's deepest body nests 4 elements,
// its largest has 122 start tags in 6 KB); past them a body is a mistake or an attack.
struct BodyBounds {
    std::size_t max_bytes = 4 * 1024 * 1024;
    std::size_t max_start_tags = 100'000;
    std::size_t max_depth = 2'000; // open elements, as HTML keeps them (see htmlToBlocks)
    std::chrono::milliseconds max_time{2'000};
};

// htmlToBlocks within `bounds`; nullopt with the reason ("nests 300001 elements deep, more than
// the 2000 read", "has 120000 start tags, …", "is 4500007 bytes, …", "took 2300 ms to read, …") when the body exceeds
// them. Bytes, start tags and depth are counted before gumbo sees the body; the time covers parsing and reading the
// tree.
std::optional<BodyDocument> readBody(std::string_view html, const VerifiedImageCheck& is_verified_image,
                                     const BodyBounds& bounds, std::string& error);

} // namespace gk
