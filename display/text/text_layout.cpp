// Line breaking for Chinese text: UTF-8 decoding, UAX #14 opportunities from libunibreak, the
// line-start / line-end rules (禁则) and greedy filling in one linear pass; ellipsize.
// Must not include ImGui, SDL or GL.
#include "display/text/text_layout.h"

#include <linebreak.h>

#include <algorithm>
#include <cstdint>
#include <string_view>

namespace gk {
namespace {

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Closing punctuation (no line may start with it): Chinese full-width forms, ASCII counterparts.
constexpr std::u32string_view kLineStartForbidden =
    U"，。、；：？！）」』】》〉”’…—·．］｝〕〗〙〛～‥・﹐﹑﹒﹔﹕﹖﹗,.;:?!)]}";
// Opening brackets and quotes (no line may end with them).
constexpr std::u32string_view kLineEndForbidden = U"（「『【《〈“‘［｛〔〖〘〚([{";

bool isHardBreakChar(char32_t cp) {
    return cp == U'\n' || cp == U'\r' || cp == U'\v' || cp == U'\f' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

// Nonspacing marks that must stay with the code point before them (the common blocks, the
// ideographic tone marks, variation selectors incl. the ideographic variation sequences).
bool isCombiningMark(char32_t cp) {
    return (cp >= 0x0300 && cp <= 0x036F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
           cp == 0x200D || (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0x302A && cp <= 0x302F) || cp == 0x3099 ||
           cp == 0x309A || (cp >= 0xFE00 && cp <= 0xFE0F) || (cp >= 0xFE20 && cp <= 0xFE2F) ||
           (cp >= 0xE0100 && cp <= 0xE01EF);
}

bool isContinuation(unsigned char b) {
    return (b & 0xC0) == 0x80;
}

// Greedy line filler over the decoded text. Every array is indexed by code point; a "position"
// p is the boundary before code point p. m_brks[p - 1] says whether a line may end at p.
class LineBreaker {
public:
    LineBreaker(std::string_view text, float max_width, const AdvanceFn& advance) : m_max_width(max_width) {
        std::size_t count = 0; // exact sizes up front: no regrowth on megabyte paragraphs
        for (std::size_t pos = 0; pos < text.size(); ++count) {
            char32_t cp = 0;
            pos = utf8Next(text, pos, cp);
        }
        m_cps.reserve(count);
        m_advances.reserve(count);
        m_offsets.reserve(count + 1);
        for (std::size_t pos = 0; pos < text.size();) {
            char32_t cp = 0;
            m_offsets.push_back(pos);
            pos = utf8Next(text, pos, cp);
            m_cps.push_back(static_cast<utf32_t>(cp));
            m_advances.push_back(advance(cp));
        }
        m_offsets.push_back(text.size());
        m_brks.resize(m_cps.size());
        static const bool initialised = [] {
            init_linebreak();
            return true;
        }();
        (void)initialised;
        if (!m_cps.empty()) set_linebreaks_utf32(m_cps.data(), m_cps.size(), "zh", m_brks.data());
    }

    std::vector<LineSpan> run() {
        std::vector<LineSpan> lines;
        for (std::size_t start = 0; start < m_cps.size();) {
            const std::size_t stop = fillLine(start);
            lines.push_back(spanOf(start, stop));
            start = stop;
        }
        return lines;
    }

private:
    bool hangs(std::size_t i) const {
        return isHangingSpace(m_cps[i]) || isHardBreakChar(m_cps[i]) || isCombiningMark(m_cps[i]);
    }

    // Where the line beginning at `start` ends (the next line's start).
    std::size_t fillLine(std::size_t start) const {
        float width = 0;
        bool has_ink = false;
        std::size_t best = kNone;
        std::size_t content_end = start; // [start, i) without its trailing spaces
        for (std::size_t i = start; i < m_cps.size(); ++i) {
            if (i > start) {
                if (m_brks[i - 1] == LINEBREAK_MUSTBREAK) return i;
                if (m_brks[i - 1] == LINEBREAK_ALLOWBREAK && rulesAllow(start, i, content_end)) best = i;
            }
            // Spaces and newlines hang past the edge; marks ride on their base.
            if (!hangs(i)) {
                if (has_ink && width + m_advances[i] > m_max_width)
                    return best != kNone ? best : emergencyBreak(start, i);
                has_ink = true;
            }
            width += m_advances[i];
            if (!isHangingSpace(m_cps[i])) content_end = i + 1;
        }
        return m_cps.size();
    }

    // Chinese rules for ending a line that starts at `start` at boundary p, its text without
    // trailing spaces ending at content_end: the next line must not start with closing
    // punctuation, this one must not end with an opening bracket, and must not be blank.
    bool rulesAllow(std::size_t start, std::size_t p, std::size_t content_end) const {
        return !isLineStartForbidden(m_cps[p]) && content_end > start && !isLineEndForbidden(m_cps[content_end - 1]);
    }

    // No legal break fits before code point `overflow` (visible, does not fit): the last
    // boundary before a visible code point that obeys the Chinese rules, else the one just
    // before `overflow`. Every boundary in (start, overflow] fits by construction. Linear: each
    // run of spaces is walked only from the candidate right after it.
    std::size_t emergencyBreak(std::size_t start, std::size_t overflow) const {
        for (std::size_t p = overflow; p > start; --p) {
            if (hangs(p)) continue;
            std::size_t content_end = p;
            while (content_end > start && isHangingSpace(m_cps[content_end - 1])) --content_end;
            if (rulesAllow(start, p, content_end)) return p;
        }
        return overflow;
    }

    LineSpan spanOf(std::size_t start, std::size_t stop) const {
        while (stop > start && (isHangingSpace(m_cps[stop - 1]) || isHardBreakChar(m_cps[stop - 1]))) --stop;
        return {m_offsets[start], m_offsets[stop] - m_offsets[start]};
    }

    float m_max_width;
    std::vector<utf32_t> m_cps;
    std::vector<float> m_advances;
    std::vector<std::size_t> m_offsets; // byte offset of each code point, plus text size
    std::vector<char> m_brks;
};

// `line` shortened (whole code points, marks with their base) until "…" fits after it, with no
// trailing space or opening bracket left before the "…".
std::string shortenForEllipsis(std::string_view line, float max_width, const AdvanceFn& advance) {
    std::vector<std::size_t> offsets;
    std::vector<char32_t> cps;
    float width = 0;
    for (std::size_t pos = 0; pos < line.size();) {
        char32_t cp = 0;
        offsets.push_back(pos);
        pos = utf8Next(line, pos, cp);
        cps.push_back(cp);
        width += advance(cp);
    }
    std::size_t keep = line.size();
    const auto pop_cluster = [&] { // the last code point and, if it is a mark, its base
        while (!cps.empty()) {
            const char32_t cp = cps.back();
            width -= advance(cp);
            keep = offsets.back();
            cps.pop_back();
            offsets.pop_back();
            if (!isCombiningMark(cp)) return;
        }
    };
    const float ellipsis = advance(U'…');
    while (!cps.empty() &&
           (width + ellipsis > max_width || isHangingSpace(cps.back()) || isLineEndForbidden(cps.back())))
        pop_cluster();
    return std::string(line.substr(0, keep));
}

} // namespace

std::size_t utf8Next(std::string_view s, std::size_t pos, char32_t& cp) {
    cp = kReplacementChar;
    if (pos >= s.size()) return s.size();
    const auto lead = static_cast<unsigned char>(s[pos]);
    if (lead < 0x80) {
        cp = lead;
        return pos + 1;
    }
    // Length and the allowed range of the second byte (excludes overlongs, surrogates, >10FFFF).
    int need = 0;
    unsigned char lo = 0x80, hi = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF)
        need = 1;
    else if (lead >= 0xE0 && lead <= 0xEF)
        need = 2;
    else if (lead >= 0xF0 && lead <= 0xF4)
        need = 3;
    else
        return pos + 1; // stray continuation byte, C0/C1, F5..FF
    if (lead == 0xE0) lo = 0xA0;
    if (lead == 0xED) hi = 0x9F;
    if (lead == 0xF0) lo = 0x90;
    if (lead == 0xF4) hi = 0x8F;
    char32_t value = lead & (0x3F >> need);
    std::size_t next = pos + 1;
    for (int k = 0; k < need; ++k, ++next) {
        if (next >= s.size()) return next;
        const auto b = static_cast<unsigned char>(s[next]);
        if (!isContinuation(b) || (k == 0 && (b < lo || b > hi))) return next;
        value = (value << 6) | (b & 0x3F);
    }
    cp = value;
    return next;
}

std::u32string decodeUtf8(std::string_view utf8) {
    std::u32string out;
    out.reserve(utf8.size());
    for (std::size_t pos = 0; pos < utf8.size();) {
        char32_t cp = 0;
        pos = utf8Next(utf8, pos, cp);
        out.push_back(cp);
    }
    return out;
}

void appendUtf8(std::string& out, char32_t cp) {
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = kReplacementChar;
    if (cp < 0x80) {
        out.push_back(static_cast<char>(cp));
    } else if (cp < 0x800) {
        out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else if (cp < 0x10000) {
        out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    } else {
        out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
        out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
    }
}

float textWidth(std::string_view utf8, const AdvanceFn& advance) {
    float width = 0;
    for (std::size_t pos = 0; pos < utf8.size();) {
        char32_t cp = 0;
        pos = utf8Next(utf8, pos, cp);
        width += advance(cp);
    }
    return width;
}

std::vector<LineSpan> breakLines(std::string_view utf8, float max_width, const AdvanceFn& advance) {
    return LineBreaker(utf8, max_width, advance).run();
}

namespace {

// The last line is one character alone (closing punctuation after it does not count), below a
// line of the same paragraph.
bool endsWithOrphan(std::string_view utf8, const std::vector<LineSpan>& lines) {
    if (lines.size() < 2) return false;
    const LineSpan& last = lines.back();
    const LineSpan& before = lines[lines.size() - 2];
    const std::string_view between =
        utf8.substr(before.offset + before.length, last.offset - before.offset - before.length);
    if (between.find_first_of("\n\r\v\f") != std::string_view::npos) return false; // a paragraph of its own
    int characters = 0;
    for (std::size_t pos = last.offset; pos < last.offset + last.length;) {
        char32_t cp = 0;
        pos = utf8Next(utf8, pos, cp);
        if (!isLineStartForbidden(cp) && !isHangingSpace(cp)) ++characters;
    }
    return characters <= 1;
}

} // namespace

std::vector<LineSpan> breakLinesWithoutOrphan(std::string_view utf8, float max_width, const AdvanceFn& advance) {
    std::vector<LineSpan> lines = breakLines(utf8, max_width, advance);
    if (!endsWithOrphan(utf8, lines)) return lines;
    // Narrower by one character's advance at a time, so that the line before gives one up; only
    // while the text keeps its number of lines.
    char32_t first = 0;
    utf8Next(utf8, lines.back().offset, first);
    const float step = std::max(1.0f, advance(first));
    for (int k = 1; k <= 3; ++k) {
        std::vector<LineSpan> narrower = breakLines(utf8, max_width - step * static_cast<float>(k), advance);
        if (narrower.size() != lines.size()) break;
        if (!endsWithOrphan(utf8, narrower)) return narrower;
    }
    return lines;
}

std::string ellipsize(std::string_view utf8, float max_width, int max_lines, const AdvanceFn& advance) {
    if (max_lines <= 0) return {};
    const std::vector<LineSpan> lines = breakLines(utf8, max_width, advance);
    if (lines.size() <= static_cast<std::size_t>(max_lines)) return std::string(utf8);
    std::string out;
    for (int k = 0; k + 1 < max_lines; ++k) {
        out.append(utf8.substr(lines[k].offset, lines[k].length));
        out.push_back('\n');
    }
    const LineSpan& last = lines[static_cast<std::size_t>(max_lines) - 1];
    out += shortenForEllipsis(utf8.substr(last.offset, last.length), max_width, advance);
    out += "…";
    return out;
}

bool isLineStartForbidden(char32_t cp) {
    return kLineStartForbidden.find(cp) != kNone;
}
bool isLineEndForbidden(char32_t cp) {
    return kLineEndForbidden.find(cp) != kNone;
}
bool isHangingSpace(char32_t cp) {
    return cp == U' ' || cp == U'\t' || cp == 0x3000;
}

} // namespace gk
