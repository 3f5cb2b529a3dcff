// Plain text out of a feed item's body_html, for cards on the information screen: paragraphs,
// headings and list items become lines; script, style and everything invisible are dropped.
// Parsed with gumbo (never regexes). Must not include SDL, GL or curl.
#pragma once

#include <string>
#include <string_view>

namespace gk {

// Paragraph-level blocks joined with '\n'; runs of white space inside a block collapse to one
// space (none between two CJK characters, as Chinese has no spaces between words).
std::string htmlToPlainText(std::string_view html);

} // namespace gk
