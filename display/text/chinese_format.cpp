// Chinese date and time formatting. See chinese_format.h.
#include "display/text/chinese_format.h"

#include "display/text/text_layout.h"

#include <cstdio>
#include <optional>

namespace gk {

std::string formatChineseDate(const CivilTime& t) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%d年%d月%d日", t.year, t.month, t.day);
    return buf;
}

std::string formatChineseWeekday(const CivilTime& t) {
    static constexpr const char* kNames[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
    return (t.weekday >= 1 && t.weekday <= 7) ? kNames[t.weekday - 1] : "";
}

std::string formatClock(const CivilTime& t) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", t.hour, t.minute, t.second);
    return buf;
}

std::string formatHourMinute(const CivilTime& t) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour, t.minute);
    return buf;
}

std::string formatChineseDateTime(const CivilTime& t) {
    return formatChineseDate(t) + " " + formatHourMinute(t);
}

std::string formatIsoDateChinese(const std::string& iso_date) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (iso_date.size() != 10 || std::sscanf(iso_date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return iso_date;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
    return buf;
}

namespace {

bool isHan(char32_t c) {
    return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
           (c >= 0x20000 && c <= 0x3134F);
}

// Punctuation that belongs to Chinese text: the CJK block (not U+3000, a deliberate space), the
// full-width forms' punctuation, the vertical and small forms, and the quotes, ellipsis and dash
// Chinese text borrows from general punctuation.
bool isCjkPunctuation(char32_t c) {
    return (c >= 0x3001 && c <= 0x303F) || (c >= 0xFF01 && c <= 0xFF0F) || (c >= 0xFF1A && c <= 0xFF20) ||
           (c >= 0xFF3B && c <= 0xFF40) || (c >= 0xFF5B && c <= 0xFF65) || (c >= 0xFE10 && c <= 0xFE1F) ||
           (c >= 0xFE30 && c <= 0xFE4F) || c == 0x2014 || c == 0x2018 || c == 0x2019 || c == 0x201C || c == 0x201D ||
           c == 0x2026;
}

bool isCjk(char32_t c) {
    return isHan(c) || isCjkPunctuation(c);
}

bool isOpeningMark(char32_t c) {
    return c == 0x3008 || c == 0x300A || c == 0x300C || c == 0x300E || c == 0x3010 || c == 0x3014 || c == 0x3016 ||
           c == 0x3018 || c == 0x301A || c == 0xFF08;
}

// Closing brackets and pause marks: ， 。 、 ； ： ？ ！ ） 》 」 』 】 〕
bool isClosingOrPauseMark(char32_t c) {
    return c == 0x3001 || c == 0x3002 || c == 0x3009 || c == 0x300B || c == 0x300D || c == 0x300F || c == 0x3011 ||
           c == 0x3015 || c == 0x3017 || c == 0x3019 || c == 0x301B || c == 0xFF01 || c == 0xFF09 || c == 0xFF0C ||
           c == 0xFF1A || c == 0xFF1B || c == 0xFF1F;
}

// A full-width mark carries its own spacing: a space next to it is one too many.
bool isFullWidthMark(char32_t c) {
    return isOpeningMark(c) || isClosingOrPauseMark(c);
}

bool isParenthesis(char32_t c) {
    return c == '(' || c == ')' || c == 0xFF08 || c == 0xFF09;
}

bool isSpace(char32_t c) {
    return c == ' ' || c == '\t';
}

bool isLineEnd(char32_t c) {
    return c == '\n' || c == '\r';
}

bool isAsciiAlnum(char32_t c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool isConvertibleMark(char32_t c) {
    return c == ',' || c == ':' || c == ';' || c == '?' || c == '!' || c == '.';
}

// One code point of the input (or one invalid byte sequence, decoded as U+FFFD and copied as it is).
struct Unit {
    char32_t cp = 0;
    std::size_t begin = 0, end = 0;
    bool is_url = false;       // inside a URL: never changed
    bool dropped = false;      // left out of the output
    const char* replacement{}; // the full-width form written instead, if any
    char32_t shown = 0;        // the code point the reader sees (the replacement's), for the rules
};

// The length of the URL scheme at `i` ("http://", "https://", "ftp://"), 0 for "www." (the host
// starts at once), or nullopt when no URL starts there.
std::optional<std::size_t> urlSchemeAt(const std::vector<Unit>& units, std::size_t i) {
    for (const std::string_view prefix : {"http://", "https://", "ftp://", "www."}) {
        if (i + prefix.size() > units.size()) continue;
        bool match = true;
        for (std::size_t k = 0; k < prefix.size() && match; ++k) {
            char32_t c = units[i + k].cp;
            if (c >= 'A' && c <= 'Z') c += 'a' - 'A';
            match = c == static_cast<unsigned char>(prefix[k]);
        }
        if (match) return prefix == "www." ? 0 : prefix.size();
    }
    return std::nullopt;
}

bool endsUrl(char32_t c) {
    return c <= ' ' || c == '"' || c == '\'' || c == '<' || c == '>' || isCjkPunctuation(c);
}

// A URL runs from its scheme (or "www.") through its host, which may be an IDN of Han characters
// and dots that are not sentence ends, and on through an ASCII path, query and fragment: it ends
// at a space, a quote, CJK punctuation, or a non-ASCII character after the host (portal text runs
// straight on into Chinese: "详见https://a.cn/b查看,谢谢").
void markUrls(std::vector<Unit>& units) {
    for (std::size_t i = 0; i < units.size();) {
        const std::optional<std::size_t> scheme =
            i > 0 && isAsciiAlnum(units[i - 1].cp) ? std::nullopt : urlSchemeAt(units, i);
        if (!scheme) {
            ++i;
            continue;
        }
        for (const std::size_t host = i + *scheme; i < host; ++i) units[i].is_url = true;
        for (; i < units.size() && !endsUrl(units[i].cp) && units[i].cp != '/' && units[i].cp != '?' &&
               units[i].cp != '#';
             ++i)
            units[i].is_url = true;
        for (; i < units.size() && !endsUrl(units[i].cp) && units[i].cp < 0x80; ++i) units[i].is_url = true;
    }
}

// The first unit at or after `i` (or before, going back from `i`) that is not a space.
std::optional<std::size_t> nextNonSpace(const std::vector<Unit>& units, std::size_t i) {
    for (; i < units.size(); ++i)
        if (!isSpace(units[i].cp)) return i;
    return std::nullopt;
}

std::optional<std::size_t> previousNonSpace(const std::vector<Unit>& units, std::size_t i) {
    while (i > 0)
        if (!isSpace(units[--i].cp)) return i;
    return std::nullopt;
}

void replace(Unit& unit, const char* utf8, char32_t shown) {
    unit.replacement = utf8;
    unit.shown = shown;
}

// ( … ) on one line, not nested, enclosing more than spaces, with CJK next to it outside.
void convertParentheses(std::vector<Unit>& units) {
    std::vector<std::pair<std::size_t, std::size_t>> pairs; // (open, close), in order
    for (std::size_t open = 0; open < units.size(); ++open) {
        if (units[open].cp != '(' || units[open].is_url) continue;
        std::size_t close = open + 1;
        bool filled = false;
        // Any bracket inside, half- or full-width, is nesting: not guessed at.
        while (close < units.size() && !isParenthesis(units[close].cp) && !isLineEnd(units[close].cp) &&
               !units[close].is_url) {
            filled = filled || !isSpace(units[close].cp);
            ++close;
        }
        if (close >= units.size() || units[close].cp != ')' || units[close].is_url || !filled) continue;
        pairs.emplace_back(open, close);
        open = close;
    }
    auto decide = [&units](std::size_t open, std::size_t close) {
        const std::optional<std::size_t> before = previousNonSpace(units, open);
        const std::optional<std::size_t> after = nextNonSpace(units, close + 1);
        if ((before && isCjk(units[*before].shown)) || (after && isCjk(units[*after].shown))) {
            replace(units[open], "（", 0xFF08);
            replace(units[close], "）", 0xFF09);
        }
    };
    // Pairs side by side, "(一)(二)申请", convert together: a converted pair is CJK to its
    // neighbours, so one sweep each way carries a conversion along the whole row.
    for (const auto& [open, close] : pairs) decide(open, close);
    for (auto pair = pairs.rbegin(); pair != pairs.rend(); ++pair) decide(pair->first, pair->second);
}

// Whether what follows a run of half-width marks ending before `next` is Chinese enough to make
// the run Chinese punctuation.
bool chineseFollows(const std::vector<Unit>& units, std::size_t next, bool run_has_period) {
    if (next >= units.size() || isLineEnd(units[next].cp) || isCjk(units[next].shown)) return true;
    if (isSpace(units[next].cp)) {
        const std::optional<std::size_t> word = nextNonSpace(units, next);
        return !word || isLineEnd(units[*word].cp) || isCjk(units[*word].shown);
    }
    // "时间:08:00", "网址:https://…": a colon or comma after Han is Chinese punctuation; a period is
    // not (报告.pdf, 政府.cn).
    return !run_has_period && isAsciiAlnum(units[next].cp);
}

void convertMarkRuns(std::vector<Unit>& units) {
    for (std::size_t start = 0; start < units.size();) {
        if (!isConvertibleMark(units[start].cp) || units[start].is_url || units[start].replacement) {
            ++start;
            continue;
        }
        std::size_t end = start;
        bool has_period = false;
        while (end < units.size() && isConvertibleMark(units[end].cp) && !units[end].is_url) {
            has_period = has_period || units[end].cp == '.';
            ++end;
        }
        // Spaces between Chinese and the run go with it ("你好 ,世界"), being before a closing mark.
        const std::optional<std::size_t> before = previousNonSpace(units, start);
        if (before && isCjk(units[*before].shown) && chineseFollows(units, end, has_period)) {
            for (std::size_t i = start; i < end; ++i) {
                switch (units[i].cp) {
                case ',': replace(units[i], "，", 0xFF0C); break;
                case ':': replace(units[i], "：", 0xFF1A); break;
                case ';': replace(units[i], "；", 0xFF1B); break;
                case '?': replace(units[i], "？", 0xFF1F); break;
                case '!': replace(units[i], "！", 0xFF01); break;
                default: { // periods: one is a full stop, three or more an ellipsis, two are left alone
                    std::size_t dots = i;
                    while (dots < end && units[dots].cp == '.') ++dots;
                    if (dots - i == 1) {
                        replace(units[i], "。", 0x3002);
                    } else if (dots - i >= 3) {
                        replace(units[i], "……", 0x2026);
                        for (std::size_t k = i + 1; k < dots; ++k) {
                            units[k].dropped = true;
                            units[k].shown = 0x2026;
                        }
                    }
                    i = dots - 1;
                }
                }
            }
        }
        start = end;
    }
}

void dropSpacesAroundMarks(std::vector<Unit>& units) {
    for (std::size_t first = 0; first < units.size();) {
        if (!isSpace(units[first].cp)) {
            ++first;
            continue;
        }
        std::size_t last = first;
        while (last < units.size() && isSpace(units[last].cp)) ++last;
        const char32_t before = first > 0 ? units[first - 1].shown : 0;
        const char32_t after = last < units.size() ? units[last].shown : 0;
        if (isFullWidthMark(before) || isClosingOrPauseMark(after) || (isCjk(before) && isOpeningMark(after)))
            for (std::size_t i = first; i < last; ++i) units[i].dropped = true;
        first = last;
    }
}

// Every rule changes a half-width mark or drops an ASCII space: most text has none to change.
bool mayNeedNormalizing(std::string_view utf8) {
    return utf8.find_first_of(",.:;?!() \t") != std::string_view::npos;
}

} // namespace

std::string normalizeCjkPunctuation(std::string_view utf8, std::vector<std::size_t>& output_offsets) {
    if (!mayNeedNormalizing(utf8)) {
        output_offsets.resize(utf8.size() + 1);
        for (std::size_t i = 0; i <= utf8.size(); ++i) output_offsets[i] = i;
        return std::string(utf8);
    }
    std::vector<Unit> units;
    units.reserve(utf8.size());
    for (std::size_t pos = 0; pos < utf8.size();) {
        Unit unit;
        unit.begin = pos;
        pos = utf8Next(utf8, pos, unit.cp);
        unit.end = pos;
        unit.shown = unit.cp;
        units.push_back(unit);
    }
    markUrls(units);
    convertParentheses(units);
    convertMarkRuns(units);
    dropSpacesAroundMarks(units);

    std::string out;
    out.reserve(utf8.size() + utf8.size() / 4);
    output_offsets.assign(utf8.size() + 1, 0);
    for (const Unit& unit : units) {
        for (std::size_t b = unit.begin; b < unit.end; ++b)
            output_offsets[b] = out.size() + (unit.dropped || unit.replacement ? 0 : b - unit.begin);
        if (unit.dropped) continue;
        if (unit.replacement)
            out += unit.replacement;
        else
            out.append(utf8.substr(unit.begin, unit.end - unit.begin)); // invalid bytes too, as they were
    }
    output_offsets[utf8.size()] = out.size();
    return out;
}

std::string normalizeCjkPunctuation(std::string_view utf8) {
    if (!mayNeedNormalizing(utf8)) return std::string(utf8);
    std::vector<std::size_t> offsets;
    return normalizeCjkPunctuation(utf8, offsets);
}

} // namespace gk
