// The part of a field a search result shows, with the matched characters marked: a match found in
// folded text (or in its pinyin initials) mapped back to the bytes of the text as written. Owned
// by sync/; must not include SDL, ImGui, GL or curl.
#pragma once

#include "sync/search/pinyin_initials.h"
#include "sync/search/text_fold.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace gk {

struct Snippet {
    std::string text;             // the characters as written, never cut inside a character
    std::size_t match_start = 0;  // bytes into text
    std::size_t match_length = 0; // bytes
};

// How much of the matched block a snippet keeps around the match (code points); 0 = all of it.
struct SnippetWindow {
    std::size_t before = 0;
    std::size_t after = 0;
};
inline constexpr SnippetWindow kWholeBlock{};
inline constexpr SnippetWindow kAroundMatch{16, 40};
inline constexpr const char* kSnippetEllipsis = "…";

// field_text is the text folding produced the match from; [folded_offset, + length) is the match
// in folder.fold(field_text). The snippet is the block (between kSearchSeparator) that holds it.
Snippet literalSnippet(std::string_view field_text, const TextFolder& folder, std::size_t folded_offset,
                       std::size_t length, SnippetWindow window);

// The same for a match in initials.initialsOf(folder.fold(field_text)).letters.
Snippet initialsSnippet(std::string_view field_text, const TextFolder& folder, const PinyinInitials& initials,
                        std::size_t letter_offset, std::size_t length, SnippetWindow window);

// The block of text around source bytes [begin, end), cut to the window with "…" where cut.
Snippet snippetAround(std::string_view text, std::size_t begin, std::size_t end, SnippetWindow window);

} // namespace gk
