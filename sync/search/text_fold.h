// Text folding for search: the one normal form both indexed text and queries are brought to, so
// that a query matches however the visitor typed it. Per code point (UTF-8 aware, also outside the
// BMP): traditional → simplified (a character table taken from OpenCC's t2s, plus OpenCC's full
// phrase-aware conversion for queries), full-width ASCII → half-width, Latin case folded, white
// space, brackets (〔〕［］【】()（）…) and quote marks dropped so that 文号 written with any
// brackets meet. Owned by sync/; must not include SDL, ImGui, GL or curl (OpenCC stays in the .cpp).
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace gk {

// Between the blocks of one field (paragraphs, keywords) and between items in the index. Folding
// keeps it, a folded query never holds it, so no match runs across two blocks.
inline constexpr char kSearchSeparator = '\x1f';

struct Utf8Char {
    char32_t value = 0;      // U+FFFD for a byte that does not start a valid sequence
    std::uint32_t bytes = 1; // how many bytes it took (1 for an invalid byte)
};
Utf8Char readUtf8Char(std::string_view text, std::size_t pos);
void appendUtf8Char(std::string& out, char32_t code_point);

// Folded text that remembers where each folded character came from, for highlighting.
struct FoldedText {
    std::string text;
    std::vector<std::uint32_t> char_offsets; // per folded code point: where it starts in text
    std::vector<std::uint32_t> source_begin; // per folded code point: its source character's bytes
    std::vector<std::uint32_t> source_end;

    // Index of the folded code point that starts at or contains byte `offset` of text.
    std::size_t charAt(std::size_t offset) const;
    // The source bytes [begin, end) behind the folded bytes [offset, offset + length), length > 0.
    std::pair<std::size_t, std::size_t> sourceRange(std::size_t offset, std::size_t length) const;
};

class TextFolder {
public:
    // Width, case, brackets and white space only (no traditional → simplified).
    TextFolder();
    ~TextFolder();
    TextFolder(const TextFolder&) = delete;
    TextFolder& operator=(const TextFolder&) = delete;

    // Also traditional → simplified, with OpenCC's config (a name such as "t2s.json" looked up in
    // OpenCC's data directory, or a path). When OpenCC cannot load it the folder still works
    // without that conversion, and note says so in one line; note is empty otherwise.
    static std::shared_ptr<const TextFolder> load(const std::string& opencc_config, std::string& note);

    bool convertsTraditional() const { return m_opencc != nullptr; }
    // The folded character, or 0 when the character is dropped.
    char32_t foldChar(char32_t c) const {
        if (c < m_bmp.size()) return m_bmp[c];
        const auto it = m_astral.find(c);
        return it == m_astral.end() ? c : it->second;
    }
    std::string fold(std::string_view text) const;
    FoldedText foldWithMap(std::string_view text) const;
    // OpenCC's phrase-aware t2s, then fold; never contains kSearchSeparator. Safe from any thread.
    std::string foldQuery(std::string_view query) const;

private:
    void addTraditionalTable(); // fills the t2s table from OpenCC, one code point at a time

    std::vector<char32_t> m_bmp;                     // every BMP code point → folded (0 = drop)
    std::unordered_map<char32_t, char32_t> m_astral; // the few changes above U+FFFF
    void* m_opencc = nullptr;                        // opencc_t
    mutable std::mutex m_opencc_mutex;
};

} // namespace gk
