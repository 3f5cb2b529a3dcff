// gumbo-based HTML to plain text. See html_text.h.
#include "display/html_text.h"

#include <gumbo.h>

#include <memory>

namespace gk {
namespace {

bool isInvisible(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_IMG: return true;
    default: return false;
    }
}

bool isBlock(GumboTag tag) {
    switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL: return true;
    default: return false;
    }
}

bool endsWithAsciiWordChar(const std::string& s) {
    return !s.empty() && static_cast<unsigned char>(s.back()) < 0x80 && s.back() != ' ' && s.back() != '\n';
}

// Appends text, collapsing white space. A space is kept only between ASCII words, so that
// "2026 年" style artefacts of HTML indentation do not appear inside Chinese text.
void appendText(std::string& out, std::string_view text) {
    bool pending_space = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
            pending_space = true;
            continue;
        }
        if (pending_space && endsWithAsciiWordChar(out) && static_cast<unsigned char>(c) < 0x80) out += ' ';
        pending_space = false;
        out += c;
    }
}

void endBlock(std::string& out) {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.back() != '\n') out += '\n';
}

void walk(const GumboNode* node, std::string& out, int depth) {
    if (depth > 200) return; // hostile nesting: stop descending, keep what we have
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA) {
        appendText(out, node->v.text.text);
        return;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_DOCUMENT) return;
    const GumboVector* children = nullptr;
    GumboTag tag = GUMBO_TAG_UNKNOWN;
    if (node->type == GUMBO_NODE_ELEMENT) {
        tag = node->v.element.tag;
        if (isInvisible(tag)) return;
        children = &node->v.element.children;
    } else {
        children = &node->v.document.children;
    }
    if (isBlock(tag)) endBlock(out);
    for (unsigned i = 0; i < children->length; ++i) {
        walk(static_cast<const GumboNode*>(children->data[i]), out, depth + 1);
        if (tag == GUMBO_TAG_TR && i + 1 < children->length) out += ' ';
    }
    if (isBlock(tag)) endBlock(out);
}

} // namespace

std::string htmlToPlainText(std::string_view html) {
    std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> doc(
        gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size()),
        [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
    std::string out;
    if (doc) walk(doc->root, out, 0);
    while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
    return out;
}

} // namespace gk
