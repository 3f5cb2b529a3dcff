// Chinese-correct line breaking for body text: UTF-8 decoding with U+FFFD for invalid bytes,
// UAX #14 break opportunities (libunibreak, language "zh"), Chinese line-start / line-end rules
// (禁则) on top, and an ellipsis helper. Pure logic over byte offsets: the drawer measures and
// draws. Must not include ImGui, SDL, GL (or curl); widths come from the caller's callback.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

// Width of one code point in the caller's unit (pixels, ems…). The layout assumes widths are
// additive and kerning-free: the width of a run is the sum of its code points' advances (this is
// what ImGui's CalcTextSize does). Invalid UTF-8 bytes are measured as U+FFFD. Called once per
// code point per layout pass, so breaking is O(n) in the text length.
using AdvanceFn = std::function<float(char32_t)>;

// One laid-out line: a byte range of the input. Excludes trailing spaces (U+0020, TAB, U+3000)
// and the line's hard break (\n, \r\n, \r, U+0085, U+2028, U+2029, VT, FF).
struct LineSpan {
    std::size_t offset = 0;
    std::size_t length = 0;
    bool operator==(const LineSpan&) const = default;
};

inline constexpr char32_t kReplacementChar = U'\uFFFD';

// Decodes the code point at byte `pos` into `cp` and returns the offset of the next one
// (always > pos for pos < s.size(), never beyond s.size()). Overlong forms, surrogates, values
// above U+10FFFF, stray continuation bytes and truncated sequences give U+FFFD, one per maximal
// invalid subpart (Unicode §3.9 "best practice"). At or past the end: cp = U+FFFD, returns size.
std::size_t utf8Next(std::string_view s, std::size_t pos, char32_t& cp);

// The whole string decoded with utf8Next.
std::u32string decodeUtf8(std::string_view utf8);

// Appends the UTF-8 encoding of cp (U+FFFD for surrogates and values above U+10FFFF).
void appendUtf8(std::string& out, char32_t cp);

// Sum of advances of the code points of `utf8`.
float textWidth(std::string_view utf8, const AdvanceFn& advance);

// Breaks `utf8` into lines no wider than `max_width` (trailing spaces hang and are not counted).
// - hard breaks at \n, \r\n, \r, U+2028, U+2029 (and NEL, VT, FF); an empty paragraph between
//   two hard breaks is an empty line; a final hard break does not add an empty last line;
// - soft breaks only where UAX #14 allows them (Latin words and numbers stay whole; URLs may
//   break after '/'), and never before closing punctuation (，。、；：？！）」』】》〉”’…—· and
//   ,.;:?!)]}) nor after opening brackets (（「『【《〈“‘ and ([{): the break moves earlier;
// - a run with no legal break that is wider than the line is cut at the last code point that
//   fits (never inside a UTF-8 sequence, never before a combining mark); a single code point
//   wider than the line gets a line of its own.
// Empty input gives no lines. Spaces at the start of a soft-wrapped line are dropped (they hang
// at the end of the previous line); spaces at the start of a paragraph are kept.
std::vector<LineSpan> breakLines(std::string_view utf8, float max_width, const AdvanceFn& advance);

// breakLines for titles and headings: text of several lines never ends with one character alone
// on its last line (孤字; closing punctuation after it does not count). It is then broken a little
// narrower, so that the line before gives up a character or more, as long as the number of lines
// stays the same.
std::vector<LineSpan> breakLinesWithoutOrphan(std::string_view utf8, float max_width, const AdvanceFn& advance);

// The text as it fits in `max_lines` lines of `max_width`. If it fits, it is returned unchanged.
// Otherwise the first max_lines lines are joined with '\n' (so laying the result out again at
// the same width gives the same lines), and the last one is shortened until "…" fits after it.
// max_lines <= 0 gives "".
std::string ellipsize(std::string_view utf8, float max_width, int max_lines, const AdvanceFn& advance);

// Classification used by the rules above; exposed for tests and for drawers that justify text.
bool isLineStartForbidden(char32_t cp); // closing punctuation: must not begin a line
bool isLineEndForbidden(char32_t cp);   // opening brackets and quotes: must not end a line
bool isHangingSpace(char32_t cp);       // U+0020, TAB, U+3000: trimmed at line ends

} // namespace gk
