// The tag stripper for search text. See html_strip.h.
#include "sync/html_strip.h"

#include "sync/text_fold.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>

namespace gk {
namespace {

// Elements whose content the kiosk never shows (sync/html_rules.cpp drops the same).
constexpr std::array<std::string_view, 24> kHiddenContent = {
    "script", "style",  "template", "noscript", "iframe", "object", "applet",   "audio",
    "video",  "canvas", "map",      "form",     "button", "select", "textarea", "svg",
    "math",   "xmp",    "noembed",  "noframes", "head",   "title",  "frameset", "datalist"};

// Elements that start or end a block of text.
constexpr std::array<std::string_view, 40> kBlocks = {
    "p",        "div",    "section", "article",    "main", "blockquote", "center", "address", "header",  "footer",
    "nav",      "aside",  "figure",  "figcaption", "dl",   "dt",         "dd",     "hr",      "details", "summary",
    "fieldset", "legend", "hgroup",  "caption",    "tr",   "listing",    "br",     "li",      "ul",      "ol",
    "menu",     "dir",    "table",   "h1",         "h2",   "h3",         "h4",     "h5",      "h6",      "pre"};

struct NamedReference {
    std::string_view name;
    std::string_view text;
};
constexpr std::array<NamedReference, 27> kNamedReferences = {{
    {"amp", "&"},   {"lt", "<"},     {"gt", ">"},     {"quot", "\""}, {"apos", "'"},   {"nbsp", " "},   {"ensp", " "},
    {"emsp", " "},  {"thinsp", " "}, {"ldquo", "“"},  {"rdquo", "”"}, {"lsquo", "‘"},  {"rsquo", "’"},  {"mdash", "—"},
    {"ndash", "–"}, {"hellip", "…"}, {"middot", "·"}, {"times", "×"}, {"divide", "÷"}, {"laquo", "«"},  {"raquo", "»"},
    {"bull", "•"},  {"yen", "¥"},    {"deg", "°"},    {"sect", "§"},  {"copy", "©"},   {"plusmn", "±"},
}};

template <std::size_t N> bool isOneOf(const std::array<std::string_view, N>& names, std::string_view name) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

// Collects text: white space collapsed, blocks separated, nothing empty.
class SearchTextWriter {
public:
    void put(char c) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == kSearchSeparator) { // never in a block
            space_pending_ = !block_empty_;
            return;
        }
        if (space_pending_) out_ += ' ';
        space_pending_ = false;
        out_ += c;
        block_empty_ = false;
    }
    void put(std::string_view text) {
        for (const char c : text) put(c);
    }
    void endBlock() {
        if (!block_empty_) out_ += kSearchSeparator;
        block_empty_ = true;
        space_pending_ = false;
    }
    std::string finish() {
        if (!out_.empty() && out_.back() == kSearchSeparator) out_.pop_back();
        return std::move(out_);
    }

private:
    std::string out_;
    bool block_empty_ = true;
    bool space_pending_ = false;
};

bool startsWithNoCase(std::string_view text, std::size_t pos, std::string_view lower) {
    if (pos + lower.size() > text.size()) return false;
    for (std::size_t k = 0; k < lower.size(); ++k)
        if (std::tolower(static_cast<unsigned char>(text[pos + k])) != lower[k]) return false;
    return true;
}

// After the '>' of the tag that starts at `from`, skipping quoted attribute values.
std::size_t afterTag(std::string_view html, std::size_t from) {
    char quote = 0;
    for (std::size_t i = from; i < html.size(); ++i) {
        const char c = html[i];
        if (quote != 0) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            quote = c;
        } else if (c == '>') {
            return i + 1;
        }
    }
    return html.size();
}

// After the end tag </name> that closes hidden content starting at `from`.
std::size_t afterEndTag(std::string_view html, std::size_t from, std::string_view name) {
    for (std::size_t i = html.find("</", from); i != std::string_view::npos; i = html.find("</", i + 2))
        if (startsWithNoCase(html, i + 2, name) &&
            (i + 2 + name.size() >= html.size() ||
             std::isalnum(static_cast<unsigned char>(html[i + 2 + name.size()])) == 0))
            return afterTag(html, i);
    return html.size();
}

// A markup construct at html[i] == '<': returns where the text continues.
std::size_t skipMarkup(std::string_view html, std::size_t i, SearchTextWriter& writer) {
    if (html.compare(i, 4, "<!--") == 0) {
        const std::size_t end = html.find("-->", i + 4);
        return end == std::string_view::npos ? html.size() : end + 3;
    }
    if (i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?')) return afterTag(html, i);
    const bool closing = i + 1 < html.size() && html[i + 1] == '/';
    std::size_t name_end = i + 1 + (closing ? 1 : 0);
    if (name_end >= html.size() || std::isalpha(static_cast<unsigned char>(html[name_end])) == 0) {
        writer.put('<'); // a lone '<' is text
        return i + 1;
    }
    std::string name;
    for (; name_end < html.size() && std::isalnum(static_cast<unsigned char>(html[name_end])) != 0; ++name_end)
        name += static_cast<char>(std::tolower(static_cast<unsigned char>(html[name_end])));
    const std::size_t tag_end = afterTag(html, name_end);
    if (name == "plaintext") return html.size();
    const bool self_closed = tag_end >= 2 && html[tag_end - 2] == '/';
    if (!closing && !self_closed && isOneOf(kHiddenContent, name)) return afterEndTag(html, tag_end, name);
    if (name == "td" || name == "th") writer.put(' ');
    if (isOneOf(kBlocks, name)) writer.endBlock();
    return tag_end;
}

// A character reference at html[i] == '&': returns where the text continues.
std::size_t decodeReference(std::string_view html, std::size_t i, SearchTextWriter& writer) {
    const std::size_t semicolon = html.substr(0, std::min(html.size(), i + 13)).find(';', i + 1); // not O(n) per '&'
    if (semicolon == std::string_view::npos || semicolon - i > 12) {
        writer.put('&');
        return i + 1;
    }
    const std::string_view body = html.substr(i + 1, semicolon - i - 1);
    if (body.size() >= 2 && body[0] == '#') {
        const bool hex = body[1] == 'x' || body[1] == 'X';
        const std::string digits(body.substr(hex ? 2 : 1));
        char* end = nullptr;
        const unsigned long value = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
        if (!digits.empty() && *end == '\0') {
            std::string text;
            const bool valid = value > 0 && value <= 0x10FFFF && (value < 0xD800 || value > 0xDFFF);
            appendUtf8Char(text, valid ? static_cast<char32_t>(value) : U'\uFFFD');
            writer.put(text);
            return semicolon + 1;
        }
    }
    for (const NamedReference& reference : kNamedReferences) {
        if (reference.name != body) continue;
        writer.put(reference.text);
        return semicolon + 1;
    }
    writer.put('&'); // unknown: kept as written
    return i + 1;
}

} // namespace

std::string htmlSearchText(std::string_view html) {
    SearchTextWriter writer;
    for (std::size_t i = 0; i < html.size();) {
        const char c = html[i];
        if (c == '<') {
            i = skipMarkup(html, i, writer);
        } else if (c == '&') {
            i = decodeReference(html, i, writer);
        } else {
            writer.put(c);
            ++i;
        }
    }
    return writer.finish();
}

} // namespace gk
