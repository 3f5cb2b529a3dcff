// Text folding for search. See text_fold.h.
#include "sync/search/text_fold.h"

#include <opencc/opencc.h>

#include <algorithm>

namespace gk {
namespace {

constexpr char32_t kReplacement = 0xFFFD;

// Code points OpenCC is asked about: the CJK ideograph blocks, BMP and beyond (GB 18030 level 3).
constexpr std::pair<char32_t, char32_t> kIdeographRanges[] = {
    {0x3400, 0x4DBF},   {0x4E00, 0x9FFF},   {0xF900, 0xFAFF},   {0x20000, 0x2A6DF},
    {0x2A700, 0x2EBEF}, {0x2F800, 0x2FA1F}, {0x30000, 0x3134F},
};

bool isDroppedSpace(char32_t c) {
    return c == ' ' || (c >= 0x09 && c <= 0x0D) || c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200D) ||
           c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000 || c == 0xFEFF;
}

// Brackets and quote marks: 文号 and titles are written with any of them, or typed without.
bool isDroppedMark(char32_t c) {
    static constexpr std::u32string_view kMarks =
        U"()[]{}\"'〔〕【】〖〗〘〙〚〛﹝﹞﹙﹚﹛﹜《》〈〉「」『』“”‘’„‟‹›«»";
    return kMarks.find(c) != std::u32string_view::npos;
}

// Everything but traditional → simplified, for one code point.
char32_t basicFold(char32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) c -= 0xFEE0; // full-width ASCII
    if (c < 0x20 && c != static_cast<char32_t>(kSearchSeparator) && !isDroppedSpace(c)) return 0;
    if (c == 0x7F || isDroppedSpace(c) || isDroppedMark(c)) return 0;
    if (c >= 'A' && c <= 'Z') return c + ('a' - 'A');
    if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 0x20; // Latin-1 capitals
    return c;
}

} // namespace

Utf8Char readUtf8Char(std::string_view text, std::size_t pos) {
    const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(text[i]); };
    const unsigned char lead = byte(pos);
    if (lead < 0x80) return {lead, 1};
    const std::uint32_t length = lead < 0xC2 ? 0 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : lead <= 0xF4 ? 4 : 0;
    if (length == 0 || pos + length > text.size()) return {kReplacement, 1};
    char32_t value = lead & (0x7F >> length);
    for (std::uint32_t i = 1; i < length; ++i) {
        if ((byte(pos + i) & 0xC0) != 0x80) return {kReplacement, 1};
        value = (value << 6) | (byte(pos + i) & 0x3F);
    }
    const bool overlong = (length == 3 && value < 0x800) || (length == 4 && value < 0x10000);
    if (overlong || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {kReplacement, 1};
    return {value, length};
}

void appendUtf8Char(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::size_t FoldedText::charAt(std::size_t offset) const {
    const auto it = std::upper_bound(char_offsets.begin(), char_offsets.end(), offset);
    return it == char_offsets.begin() ? 0 : static_cast<std::size_t>(it - char_offsets.begin()) - 1;
}

std::pair<std::size_t, std::size_t> FoldedText::sourceRange(std::size_t offset, std::size_t length) const {
    if (char_offsets.empty()) return {0, 0};
    const std::size_t first = charAt(offset);
    const std::size_t last = charAt(offset + length - 1);
    return {source_begin[first], source_end[last]};
}

TextFolder::TextFolder() : m_bmp(0x10000) {
    for (char32_t c = 0; c < m_bmp.size(); ++c) m_bmp[c] = basicFold(c);
}

TextFolder::~TextFolder() {
    if (m_opencc != nullptr) opencc_close(static_cast<opencc_t>(m_opencc));
}

std::shared_ptr<const TextFolder> TextFolder::load(const std::string& opencc_config, std::string& note) {
    auto folder = std::make_shared<TextFolder>();
    note.clear();
    const opencc_t handle = opencc_open(opencc_config.c_str());
    if (handle == reinterpret_cast<opencc_t>(-1)) {
        const char* why = opencc_error();
        note = "traditional characters are not converted: OpenCC cannot load " + opencc_config +
               (why != nullptr ? std::string(" (") + why + ")" : std::string());
        return folder;
    }
    folder->m_opencc = handle;
    folder->addTraditionalTable();
    return folder;
}

void TextFolder::addTraditionalTable() {
    std::string batch; // one ideograph per line: OpenCC converts each on its own
    for (const auto& [first, last] : kIdeographRanges) {
        for (char32_t c = first; c <= last; ++c) {
            appendUtf8Char(batch, c);
            batch += '\n';
        }
    }
    char* converted = opencc_convert_utf8(static_cast<opencc_t>(m_opencc), batch.data(), batch.size());
    if (converted == nullptr) return;
    const std::string_view out(converted);
    if (std::count(out.begin(), out.end(), '\n') != std::count(batch.begin(), batch.end(), '\n')) {
        opencc_convert_utf8_free(converted); // lines merged: the table cannot be read safely
        return;
    }
    std::size_t pos = 0;
    for (const auto& [first, last] : kIdeographRanges) {
        for (char32_t c = first; c <= last && pos < out.size(); ++c) {
            const std::size_t end = std::min(out.find('\n', pos), out.size());
            const Utf8Char single = readUtf8Char(out, pos);
            if (end - pos == single.bytes && single.value != c) { // one code point to one other
                if (c < m_bmp.size())
                    m_bmp[c] = single.value;
                else
                    m_astral[c] = single.value;
            }
            pos = end + 1;
        }
    }
    opencc_convert_utf8_free(converted);
}

std::string TextFolder::fold(std::string_view text) const {
    std::string out;
    out.reserve(text.size());
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char c = readUtf8Char(text, pos);
        pos += c.bytes;
        if (const char32_t folded = foldChar(c.value); folded != 0) appendUtf8Char(out, folded);
    }
    return out;
}

FoldedText TextFolder::foldWithMap(std::string_view text) const {
    FoldedText result;
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char c = readUtf8Char(text, pos);
        const char32_t folded = foldChar(c.value);
        if (folded != 0) {
            result.char_offsets.push_back(static_cast<std::uint32_t>(result.text.size()));
            result.source_begin.push_back(static_cast<std::uint32_t>(pos));
            result.source_end.push_back(static_cast<std::uint32_t>(pos + c.bytes));
            appendUtf8Char(result.text, folded);
        }
        pos += c.bytes;
    }
    return result;
}

std::string TextFolder::foldQuery(std::string_view query) const {
    std::string converted(query);
    if (m_opencc != nullptr && !query.empty()) {
        const std::lock_guard<std::mutex> lock(m_opencc_mutex);
        if (char* out = opencc_convert_utf8(static_cast<opencc_t>(m_opencc), query.data(), query.size())) {
            converted = out;
            opencc_convert_utf8_free(out);
        }
    }
    std::string folded = fold(converted);
    std::erase(folded, kSearchSeparator);
    return folded;
}

} // namespace gk
