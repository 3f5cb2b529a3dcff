// Search result snippets. See search_snippet.h.
#include "sync/search/search_snippet.h"

#include <algorithm>

namespace gk {
namespace {

bool isContinuationByte(char c) {
    return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// Moves back over up to `count` code points from pos, not past floor.
std::size_t backCodePoints(std::string_view text, std::size_t pos, std::size_t floor, std::size_t count) {
    for (; count > 0 && pos > floor; --count) {
        --pos;
        while (pos > floor && isContinuationByte(text[pos])) --pos;
    }
    return pos;
}

// Moves forward over up to `count` code points from pos, not past ceiling.
std::size_t forwardCodePoints(std::string_view text, std::size_t pos, std::size_t ceiling, std::size_t count) {
    for (; count > 0 && pos < ceiling; --count) pos = std::min(ceiling, pos + readUtf8Char(text, pos).bytes);
    return pos;
}

} // namespace

Snippet snippetAround(std::string_view text, std::size_t begin, std::size_t end, SnippetWindow window) {
    begin = std::min(begin, text.size());
    end = std::clamp(end, begin, text.size());
    std::size_t block_begin = 0;
    if (const std::size_t separator = begin == 0 ? std::string_view::npos : text.rfind(kSearchSeparator, begin - 1);
        separator != std::string_view::npos)
        block_begin = separator + 1;
    const std::size_t block_end = std::min(text.find(kSearchSeparator, end), text.size());
    std::size_t from = block_begin;
    std::size_t to = block_end;
    if (window.before > 0 || window.after > 0) {
        from = backCodePoints(text, begin, block_begin, window.before);
        to = forwardCodePoints(text, end, block_end, window.after);
    }
    Snippet snippet;
    if (from > block_begin) snippet.text = kSnippetEllipsis;
    snippet.match_start = snippet.text.size() + (begin - from);
    snippet.match_length = end - begin;
    snippet.text.append(text.substr(from, to - from));
    if (to < block_end) snippet.text += kSnippetEllipsis;
    return snippet;
}

Snippet literalSnippet(std::string_view field_text, const TextFolder& folder, std::size_t folded_offset,
                       std::size_t length, SnippetWindow window) {
    const FoldedText folded = folder.foldWithMap(field_text);
    if (length == 0 || folded_offset + length > folded.text.size()) return snippetAround(field_text, 0, 0, window);
    const auto [begin, end] = folded.sourceRange(folded_offset, length);
    return snippetAround(field_text, begin, end, window);
}

Snippet initialsSnippet(std::string_view field_text, const TextFolder& folder, const PinyinInitials& initials,
                        std::size_t letter_offset, std::size_t length, SnippetWindow window) {
    const FoldedText folded = folder.foldWithMap(field_text);
    const InitialsText letters = initials.initialsOf(folded.text);
    if (length == 0 || letter_offset + length > letters.letters.size()) return snippetAround(field_text, 0, 0, window);
    const std::size_t first = letters.char_index[letter_offset];
    const std::size_t last = letters.char_index[letter_offset + length - 1];
    return snippetAround(field_text, folded.source_begin[first], folded.source_end[last], window);
}

} // namespace gk
