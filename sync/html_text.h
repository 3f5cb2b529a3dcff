// Plain text out of a feed item's body_html, for cards on the information screen: the blocks of
// html_blocks (headings, paragraphs, list items, table rows) as lines; images and everything
// html_blocks drops are not there. Must not include SDL, GL or curl.
#pragma once

#include "sync/html_blocks.h"

#include <string>
#include <string_view>
#include <vector>

namespace gk {

// One line per paragraph-level block, per <br> line and per table row (cells joined with a
// space); no empty lines. Runs of white space inside a block collapse to one space, and none is
// kept next to a Chinese character (Chinese has no spaces between words).
std::string plainText(const BodyDocument& doc);
// One table row as a line: its non-empty cells joined by a space.
std::string tableRowText(const std::vector<TableCell>& row);
// plainText of the blocks of `html`, read without bounds (a publish's bodies are read with them:
// use the item's body).
std::string htmlToPlainText(std::string_view html);

} // namespace gk
