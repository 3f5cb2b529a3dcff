// Tests of display/text_layout: UTF-8 decoding, Chinese line breaking and ellipsize, checked as
// properties of the produced lines (width, 禁则, nothing lost) on real government prose and on
// hostile input. No ImGui: widths come from a fixed advance function.
#include "display/text/text_layout.h"

#include <catch2/catch.hpp>

#include <iterator>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

using gk::LineSpan;

// Full-width for everything outside ASCII (CJK, Chinese punctuation, 𠮷), half for ASCII,
// nothing for combining marks.
float fixedAdvance(char32_t cp) {
    if (cp == 0x0301 || cp == 0xFE00) return 0.0f;
    return cp < 0x80 ? 0.5f : 1.0f;
}
const gk::AdvanceFn kAdvance = fixedAdvance;

const std::string kProse =
    "为深入贯彻落实《中华人民共和国政府信息公开条例》（2019年修订），进一步提升政务公开标准化、"
    "规范化水平，本机关依据“十四五”规划要求，编制了2026年度政府信息公开工作年度报告。"
    "公民、法人或者其他组织可通过政务服务大厅自助终端、12345热线或者门户网站"
    "https://m.Example.gov.cn/xxgk/AbC123?id=9查询相关信息；对依申请公开事项，"
    "本机关将在收到申请之日起20个工作日内予以答复（特殊情况可延长20个工作日）。"
    "咨询电话：0731-88886666，办公时间：工作日上午9:00—12:00、下午14:00—17:30。"
    "本报告所列数据的统计期限自2025年1月1日起至2025年12月31日止……如有疑问，请联系政务公开办公室。";

std::string_view lineText(std::string_view text, const LineSpan& line) {
    return text.substr(line.offset, line.length);
}

bool isGapChar(char32_t cp) {
    return gk::isHangingSpace(cp) || cp == U'\n' || cp == U'\r' || cp == 0x2028 || cp == 0x2029;
}

bool onlyGapChars(std::string_view s) {
    for (char32_t cp : gk::decodeUtf8(s))
        if (!isGapChar(cp)) return false;
    return true;
}

// Lines are in order and do not overlap, and all that lies between them (what the layout
// removed) is spaces and newlines: lines plus removed characters give back the text.
void requireNothingLost(std::string_view text, const std::vector<LineSpan>& lines) {
    std::size_t pos = 0;
    for (const LineSpan& line : lines) {
        REQUIRE(line.offset >= pos);
        REQUIRE(line.offset + line.length <= text.size());
        INFO("gap before line at byte " << line.offset);
        REQUIRE(onlyGapChars(text.substr(pos, line.offset - pos)));
        pos = line.offset + line.length;
    }
    REQUIRE(onlyGapChars(text.substr(pos)));
}

// Every line fits, except a line that is a single code point (with its marks) wider than max.
void requireWidthsFit(std::string_view text, const std::vector<LineSpan>& lines, float max) {
    for (const LineSpan& line : lines) {
        const std::string_view s = lineText(text, line);
        const std::u32string cps = gk::decodeUtf8(s);
        std::size_t visible = 0; // leading spaces of a paragraph are kept, so not counted
        for (char32_t cp : cps) visible += fixedAdvance(cp) > 0 && !gk::isHangingSpace(cp);
        INFO("line: " << s);
        if (visible > 1) REQUIRE(gk::textWidth(s, kAdvance) <= max + 1e-4f);
    }
}

// 禁则: no line starts with closing punctuation, none ends with an opening bracket.
void requireChineseRules(std::string_view text, const std::vector<LineSpan>& lines) {
    for (const LineSpan& line : lines) {
        const std::u32string cps = gk::decodeUtf8(lineText(text, line));
        if (cps.empty()) continue;
        INFO("line: " << lineText(text, line));
        REQUIRE_FALSE(gk::isLineStartForbidden(cps.front()));
        REQUIRE_FALSE(gk::isLineEndForbidden(cps.back()));
    }
}

bool isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// No line boundary falls inside a run of ASCII letters/digits ("2026", "12345", "AbC123").
void requireWordsWhole(std::string_view text, const std::vector<LineSpan>& lines) {
    for (const LineSpan& line : lines) {
        const std::size_t begin = line.offset, end = line.offset + line.length;
        INFO("line: " << lineText(text, line));
        if (begin > 0 && begin < text.size())
            REQUIRE_FALSE((isAsciiAlnum(text[begin - 1]) && isAsciiAlnum(text[begin])));
        if (end > 0 && end < text.size()) REQUIRE_FALSE((isAsciiAlnum(text[end - 1]) && isAsciiAlnum(text[end])));
    }
}

std::string repeat(std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

} // namespace

TEST_CASE("Chinese prose breaks into lines that fit and obey 禁则", "[text_layout]") {
    // 9 is the widest unbreakable piece of the URL ("m.Example.gov.cn/"), so from there on no
    // word may be split; narrower widths still must obey everything else.
    for (float max : {3.0f, 4.0f, 5.0f, 6.5f, 9.0f, 10.0f, 12.5f, 16.0f, 21.0f, 33.0f, 40.0f}) {
        INFO("max width " << max);
        const auto lines = gk::breakLines(kProse, max, kAdvance);
        REQUIRE(lines.size() >= 2);
        requireNothingLost(kProse, lines);
        requireWidthsFit(kProse, lines, max);
        requireChineseRules(kProse, lines);
        if (max >= 9.0f) requireWordsWhole(kProse, lines);
    }
}

TEST_CASE("closing punctuation pulls a character down, opening brackets go to the next line", "[text_layout]") {
    // Each text would put punctuation at a line edge if cut purely by width 5.
    for (const char* text : {"一二三四五，六七八九十。", "一二三四五——六七八九", "一二三四五……六七",
                             "一二三四“五六”七八", "一二三四（五六）七八", "一二三四五·六七八",
                             "一二三四五、六七八九十！", "一二三四「五」六七", "abcd efghi, jk"}) {
        INFO(text);
        const auto lines = gk::breakLines(text, 5.0f, kAdvance);
        requireNothingLost(text, lines);
        requireWidthsFit(text, lines, 5.0f);
        requireChineseRules(text, lines);
    }
}

TEST_CASE("hard breaks: LF, CR LF, U+2028 and U+2029 end lines", "[text_layout]") {
    const std::string text = "第一段\n第二段\r\n第三段\u2028第四段\u2029第五段";
    const auto lines = gk::breakLines(text, 100.0f, kAdvance);
    REQUIRE(lines.size() == 5);
    const char* expected[] = {"第一段", "第二段", "第三段", "第四段", "第五段"};
    for (std::size_t k = 0; k < 5; ++k) CHECK(lineText(text, lines[k]) == expected[k]);

    const auto blank = gk::breakLines("甲\n\n乙\n", 100.0f, kAdvance);
    REQUIRE(blank.size() == 3); // an empty paragraph is a line; the final \n adds none
    CHECK(blank[1].length == 0);
    CHECK(gk::breakLines("\n", 100.0f, kAdvance).size() == 1);
}

TEST_CASE("Latin words and numbers stay whole when they fit", "[text_layout]") {
    const std::string text = "政务公开 Government Information Disclosure 专区，服务热线12345，"
                             "办理时限2026年3月，编号GK20260301。";
    for (float max = 6.0f; max <= 20.0f; max += 0.5f) {
        INFO("max width " << max);
        const auto lines = gk::breakLines(text, max, kAdvance);
        requireNothingLost(text, lines);
        requireWidthsFit(text, lines, max);
        requireChineseRules(text, lines);
        requireWordsWhole(text, lines);
    }
    // A word longer than the line is cut, but every piece fits.
    const std::string longWord = "参见 Pneumonoultramicroscopicsilicovolcanoconiosis 一词";
    const auto lines = gk::breakLines(longWord, 6.0f, kAdvance);
    requireNothingLost(longWord, lines);
    requireWidthsFit(longWord, lines, 6.0f);
}

TEST_CASE("characters outside the BMP and in Ext-A are single characters", "[text_layout]") {
    CHECK(gk::decodeUtf8("𠮷") == U"\U00020BB7");
    CHECK(gk::decodeUtf8("𪚥䶮") == U"\U0002A6A5\u4DAE");
    const std::string text = repeat("𠮷𪚥䶮", 7); // 21 characters of width 1
    const auto lines = gk::breakLines(text, 2.0f, kAdvance);
    REQUIRE(lines.size() == 11);
    requireNothingLost(text, lines);
    for (std::size_t k = 0; k < lines.size(); ++k)
        CHECK(gk::decodeUtf8(lineText(text, lines[k])).size() == (k + 1 < lines.size() ? 2u : 1u));
}

TEST_CASE("utf8Next replaces invalid bytes with U+FFFD and never reads past the end", "[text_layout][utf8]") {
    const char32_t R = gk::kReplacementChar;
    CHECK(gk::decodeUtf8("") == U"");
    CHECK(gk::decodeUtf8("\xE4\xB8"
                         "文") == std::u32string{R, U'文'});           // truncated 3-byte
    CHECK(gk::decodeUtf8("\xC0\xAF") == std::u32string{R, R});         // overlong '/'
    CHECK(gk::decodeUtf8("\xED\xA0\x80") == std::u32string{R, R, R});  // surrogate D800
    CHECK(gk::decodeUtf8("\xF4\x90\x80\x80") == std::u32string(4, R)); // above U+10FFFF
    CHECK(gk::decodeUtf8("\x80\xBF"
                         "a") == std::u32string{R, R, U'a'});      // stray continuation
    CHECK(gk::decodeUtf8("a\xF0\x9F") == std::u32string{U'a', R}); // cut at the end
    CHECK(gk::decodeUtf8("\xFF\xFE") == std::u32string{R, R});

    char32_t cp = 0;
    const std::string_view cut("\xF0\x9F\x98", 3);
    CHECK(gk::utf8Next(cut, 0, cp) == 3);
    CHECK(cp == R);
    CHECK(gk::utf8Next(cut, 3, cp) == 3);
    CHECK(gk::utf8Next(cut, 99, cp) == 3);

    std::string round;
    for (char32_t c : {U'a', U'é', U'中', U'\U00020BB7', char32_t(0xD800)}) gk::appendUtf8(round, c);
    CHECK(gk::decodeUtf8(round) == std::u32string{U'a', U'é', U'中', U'\U00020BB7', R});
}

TEST_CASE("hostile input does not crash and loses nothing", "[text_layout][hostile]") {
    SECTION("empty") {
        CHECK(gk::breakLines("", 10.0f, kAdvance).empty());
        CHECK(gk::ellipsize("", 10.0f, 2, kAdvance).empty());
    }
    SECTION("only punctuation") {
        const std::string text = repeat("，。、；：？！…—（「“", 40);
        for (float max : {0.5f, 1.0f, 3.0f, 7.0f}) {
            const auto lines = gk::breakLines(text, max, kAdvance);
            requireNothingLost(text, lines);
            requireWidthsFit(text, lines, max);
        }
    }
    SECTION("1 MB paragraph with no break opportunity") {
        const std::string text(1 << 20, 'a');
        const auto lines = gk::breakLines(text, 40.0f, kAdvance);
        requireNothingLost(text, lines);
        for (std::size_t k = 0; k + 1 < lines.size(); ++k) REQUIRE(lines[k].length == 80);
        // ~1 MB of no-start characters, of no-end characters, of ideographic spaces (a break
        // opportunity after each), of marks on one base.
        for (std::string_view unit : {"，", "（", "　", "\u0301"}) {
            const std::string text = "x " + repeat(unit, (1 << 20) / static_cast<int>(unit.size()));
            INFO("unit " << unit);
            const auto lines = gk::breakLines(text, 40.0f, kAdvance);
            requireNothingLost(text, lines);
            requireWidthsFit(text, lines, 40.0f);
        }
    }
    SECTION("invalid UTF-8") {
        const std::string text = "\xFF\xFE政务\xE4\xB8公开\xC0\xAF \xED\xA0\x80"
                                 "abc\x80\xF0\x9F";
        for (float max : {0.1f, 1.0f, 2.5f, 100.0f}) {
            const auto lines = gk::breakLines(text, max, kAdvance);
            requireNothingLost(text, lines);
            for (const LineSpan& line : lines) // boundaries fall on decoder boundaries
                CHECK(gk::decodeUtf8(text.substr(0, line.offset)) + gk::decodeUtf8(lineText(text, line)) ==
                      gk::decodeUtf8(text.substr(0, line.offset + line.length)));
        }
    }
    SECTION("a line narrower than one glyph holds one character") {
        const std::string text = "政务 abc，（𠮷）e\u0301e\u0301";
        for (float max : {0.0f, 0.2f, -5.0f}) {
            const auto lines = gk::breakLines(text, max, kAdvance);
            requireNothingLost(text, lines);
            for (const LineSpan& line : lines) {
                const std::u32string cps = gk::decodeUtf8(lineText(text, line));
                REQUIRE(!cps.empty());
                CHECK(cps.front() != 0x0301); // a mark stays with its base
                CHECK((cps.size() == 1 || (cps.size() == 2 && cps[1] == 0x0301)));
            }
        }
    }
}

TEST_CASE("random mixtures of scripts, marks, breaks and bad bytes", "[text_layout][hostile]") {
    const char* pieces[] = {"政",   "务", "𠮷", "䶮",      "，",     "。",   "（",       "）",   "“",
                            "”",    "—",  "…",  "a",       "Z",      "7",    " ",        "　",   "\n",
                            "\r\n", "/",  ".",  "e\u0301", "\u2028", "\xFF", "\xE4\xB8", "\x80", "\t"};
    std::mt19937 random(20260301); // fixed seed: the same inputs on every run
    for (int round = 0; round < 400; ++round) {
        std::string text;
        const int length = static_cast<int>(random() % 40);
        for (int k = 0; k < length; ++k) text += pieces[random() % std::size(pieces)];
        const float max = static_cast<float>(random() % 16) * 0.5f; // 0 … 7.5
        INFO("round " << round << " width " << max << " text " << text);
        const auto lines = gk::breakLines(text, max, kAdvance);
        requireNothingLost(text, lines);
        requireWidthsFit(text, lines, max);
        const int max_lines = 1 + static_cast<int>(random() % 3);
        const std::string cut = gk::ellipsize(text, max, max_lines, kAdvance);
        REQUIRE(gk::breakLines(cut, max, kAdvance).size() <= static_cast<std::size_t>(max_lines));
    }
}

TEST_CASE("ellipsize keeps max_lines lines and ends the last with …", "[text_layout]") {
    for (float max : {4.0f, 7.5f, 12.0f}) {
        for (int max_lines : {1, 2, 3}) {
            INFO("max " << max << " lines " << max_lines);
            const std::string cut = gk::ellipsize(kProse, max, max_lines, kAdvance);
            const auto lines = gk::breakLines(cut, max, kAdvance);
            REQUIRE(lines.size() == static_cast<std::size_t>(max_lines));
            requireWidthsFit(cut, lines, max);
            REQUIRE(cut.size() >= 3);
            CHECK(cut.substr(cut.size() - 3) == "…");
            // What is kept is the start of the text, only whitespace differs.
            std::u32string kept, original;
            for (char32_t cp : gk::decodeUtf8(cut.substr(0, cut.size() - 3)))
                if (!isGapChar(cp)) kept += cp;
            for (char32_t cp : gk::decodeUtf8(kProse))
                if (!isGapChar(cp)) original += cp;
            CHECK(original.substr(0, kept.size()) == kept);
        }
    }
    CHECK(gk::ellipsize("短文本", 10.0f, 1, kAdvance) == "短文本");
    CHECK(gk::ellipsize("甲\n乙", 10.0f, 2, kAdvance) == "甲\n乙");
    CHECK(gk::ellipsize(kProse, 10.0f, 0, kAdvance).empty());
    CHECK(gk::ellipsize("甲乙丙丁", 0.5f, 1, kAdvance) == "…"); // nothing fits beside the …
}

TEST_CASE("a title never ends with one character alone: the line before gives one up", "[text_layout][orphan]") {
    // 11 characters in lines of 10: plain breaking leaves 告 alone.
    const std::string title = "关于做好医疗保险缴费工作通告";
    const std::vector<LineSpan> plain = gk::breakLines(title, 13.0f, kAdvance);
    REQUIRE(plain.size() == 2);
    REQUIRE(lineText(title, plain[1]) == "告");
    const std::vector<LineSpan> lines = gk::breakLinesWithoutOrphan(title, 13.0f, kAdvance);
    requireNothingLost(title, lines);
    REQUIRE(lines.size() == 2);
    CHECK(lineText(title, lines[0]) == "关于做好医疗保险缴费工作");
    CHECK(lineText(title, lines[1]) == "通告");
    // Closing punctuation does not keep a character company: 订） is still one character alone.
    const std::string revised = "信息公开指南（2025年修订）";
    const std::vector<LineSpan> with_mark = gk::breakLinesWithoutOrphan(revised, 12.0f, kAdvance);
    REQUIRE(with_mark.size() == 2);
    CHECK(gk::decodeUtf8(lineText(revised, with_mark[1])).size() > 2);
    // Text that fits, or whose last line has two characters, is broken as before.
    CHECK(gk::breakLinesWithoutOrphan("政务公开", 10.0f, kAdvance) == gk::breakLines("政务公开", 10.0f, kAdvance));
    const std::string two = "关于做好医疗保险缴费工作的通告";
    CHECK(gk::breakLinesWithoutOrphan(two, 13.0f, kAdvance) == gk::breakLines(two, 13.0f, kAdvance));
    // A paragraph of its own after a hard break is not an orphan of the line before.
    const std::string separate = "政务公开工作要点\n附";
    CHECK(gk::breakLinesWithoutOrphan(separate, 13.0f, kAdvance) == gk::breakLines(separate, 13.0f, kAdvance));
}
