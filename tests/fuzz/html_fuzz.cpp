// libFuzzer target for the readers of a feed item's body_html: gk::htmlToBlocks (the item page
// and the search index, gumbo) and gk::htmlToPlainText (cards). Every input goes to both; nothing may crash, leak, trip
// UBSan or take longer than ctest's -timeout, and the results are checked for what the pages and the index rely on:
// valid UTF-8 without NUL, no script text, trimmed and non-empty blocks, tables whose cells fit their grid, links that
// are http(s) and indexed correctly, images only from the verified check. Built only in the clang fuzz tree
// (GONGKAI_FUZZ); must not include SDL, ImGui, GL or curl.
#include "sync/html_blocks.h"
#include "sync/html_text.h"

#include <algorithm>
#include <cctype>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

namespace {

// A broken invariant is a finding: abort so that libFuzzer records the input.
void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

bool validUtf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t n = 0;
        char32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + n >= s.size()) return false;
        for (std::size_t k = 1; k <= n; ++k) {
            const auto t = static_cast<unsigned char>(s[i + k]);
            if ((t & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (t & 0x3F);
        }
        const char32_t min = n == 1 ? 0x80 : n == 2 ? 0x800 : 0x10000;
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += n + 1;
    }
    return true;
}

bool containsNoCase(std::string_view haystack, std::string_view lower_needle) {
    const auto it = std::search(haystack.begin(), haystack.end(), lower_needle.begin(), lower_needle.end(),
                                [](char h, char n) { return std::tolower(static_cast<unsigned char>(h)) == n; });
    return it != haystack.end();
}

bool isAsciiSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Whether the body can have "<script" in its text at all: only through a character reference
// (&lt;), an image's alt text, or a '<' that starts no markup (followed by a space, a digit, the
// end …), which both gumbo and the stripper keep as text. Without these, script never shows.
bool scriptTextPossible(std::string_view html) {
    if (html.find('&') != std::string_view::npos || containsNoCase(html, "alt")) return true;
    const auto alpha = [&](std::size_t i) {
        return i < html.size() && std::isalpha(static_cast<unsigned char>(html[i])) != 0;
    };
    for (std::size_t i = html.find('<'); i != std::string_view::npos; i = html.find('<', i + 1)) {
        const bool markup = alpha(i + 1) || (i + 1 < html.size() && (html[i + 1] == '!' || html[i + 1] == '?')) ||
                            (i + 1 < html.size() && html[i + 1] == '/' && alpha(i + 2));
        if (!markup) return true;
    }
    return false;
}

struct TextRules {
    bool script_text_allowed = false;
};

// Text the kiosk draws: valid UTF-8, no NUL, and "<script" only where the body wrote it as text.
void checkText(std::string_view text, const TextRules& rules) {
    require(validUtf8(text));
    require(text.find('\0') == std::string_view::npos);
    require(rules.script_text_allowed || !containsNoCase(text, "<script"));
}

// Block text is trimmed (ASCII white space; U+3000 too) and never empty.
void checkTrimmed(std::string_view text) {
    require(!text.empty());
    require(!isAsciiSpace(text.front()) && !isAsciiSpace(text.back()));
    require(!text.starts_with("\xE3\x80\x80") && !text.ends_with("\xE3\x80\x80"));
}

void checkLinks(const std::vector<int>& links, const gk::BodyDocument& doc) {
    require(std::is_sorted(links.begin(), links.end()));
    require(std::adjacent_find(links.begin(), links.end()) == links.end());
    for (const int link : links) require(link >= 0 && static_cast<std::size_t>(link) < doc.links.size());
}

void checkTable(const gk::Block& table, const TextRules& rules) {
    require(!table.rows.empty() && table.columns > 0);
    bool any_text = false;
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const auto& row = table.rows[r];
        require(!row.empty());
        int previous_end = 0;
        for (const gk::TableCell& cell : row) {
            checkText(cell.text, rules);
            any_text = any_text || !cell.text.empty();
            require(cell.colspan >= 1 && cell.colspan <= gk::kMaxTableSpan);
            require(cell.rowspan >= 1 && cell.rowspan <= gk::kMaxTableSpan);
            require(r + static_cast<std::size_t>(cell.rowspan) <= table.rows.size());
            require(cell.column >= previous_end && cell.column + cell.colspan <= table.columns);
            previous_end = cell.column + cell.colspan;
        }
    }
    require(any_text);
}

bool acceptImage(std::string_view src) {
    // Never asked about a source with a scheme or a leading "//" (see VerifiedImageCheck).
    require(!src.empty() && !src.starts_with("//"));
    const std::size_t colon = src.find(':');
    require(colon == std::string_view::npos || src.find_first_of("/?#") < colon);
    return src.starts_with("att/") || src.starts_with("img");
}

void checkBlocks(std::string_view html) {
    const TextRules rules{scriptTextPossible(html)};
    const gk::BodyDocument doc = gk::htmlToBlocks(html, acceptImage);
    require(doc.dropped_images >= 0);
    for (const gk::Block& block : doc.blocks) {
        checkText(block.text, rules);
        checkLinks(block.links, doc);
        switch (block.kind) {
        case gk::BlockKind::Heading:
            require(block.level >= 1 && block.level <= 6);
            checkTrimmed(block.text);
            break;
        case gk::BlockKind::Paragraph:
            require(block.level == 0);
            checkTrimmed(block.text);
            break;
        case gk::BlockKind::ListItem:
            require(block.depth >= 0 && block.depth <= gk::kMaxListDepth);
            require(block.ordered || block.number == 0);
            checkTrimmed(block.text);
            break;
        case gk::BlockKind::Table: checkTable(block, rules); break;
        case gk::BlockKind::Image:
            require(acceptImage(block.image_href));
            require(block.depth >= 0 && block.depth <= gk::kMaxListDepth);
            break;
        }
    }
    std::unordered_set<std::string_view> urls;
    for (const gk::BodyLink& link : doc.links) {
        checkText(link.text, rules);
        require(!link.text.empty());
        const std::string_view url = link.url;
        require(containsNoCase(url.substr(0, 8), "https://") || containsNoCase(url.substr(0, 7), "http://"));
        require(url.size() <= 2000 && std::none_of(url.begin(), url.end(), [](char c) {
                    return static_cast<unsigned char>(c) <= ' ' || c == 0x7F;
                }));
        require(urls.insert(link.url).second); // one per distinct url
    }
}

// One line per block, none empty.
void checkPlainText(std::string_view html) {
    const std::string text = gk::htmlToPlainText(html);
    checkText(text, TextRules{scriptTextPossible(html)});
    require(text.empty() || (text.front() != '\n' && text.back() != '\n'));
    require(text.find("\n\n") == std::string::npos);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view html(reinterpret_cast<const char*>(data), size);
    checkBlocks(html);
    checkPlainText(html);
    return 0;
}
