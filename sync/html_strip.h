// The searchable text of a feed item's body_html: a small tag stripper (not an HTML parser, so it
// is fast enough to index 10,000 bodies in well under a second). Block elements become
// kSearchSeparator, table cells a space; the contents of elements the kiosk never shows (script,
// style, template, svg, form controls, …) are left out; character references (&amp;, &nbsp;,
// &#20320;, &#x4F60;, and the common named ones) are decoded. Owned by sync/; must not include
// SDL, ImGui, GL, curl or gumbo (sync/html_blocks.h reads bodies with gumbo, for drawing).
#pragma once

#include <string>
#include <string_view>

namespace gk {

// Blocks joined by kSearchSeparator, none empty; runs of white space inside a block collapse to
// one space, none at a block's ends.
std::string htmlSearchText(std::string_view html);

} // namespace gk
