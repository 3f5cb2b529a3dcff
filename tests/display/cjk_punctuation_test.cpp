// normalizeCjkPunctuation: half-width punctuation in Chinese runs becomes full-width, spaces next to
// full-width marks go, and nothing else changes (numbers, times, dates, URLs, Latin text, bad bytes).
#include "display/text/chinese_format.h"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

using gk::normalizeCjkPunctuation;

namespace {

// Every case is checked twice: the expected output, and that normalising it again changes nothing.
void checkNormalises(std::string_view in, std::string_view expected) {
    INFO("input: " << in);
    const std::string once = normalizeCjkPunctuation(in);
    CHECK(once == expected);
    CHECK(normalizeCjkPunctuation(once) == once);
}

void checkUnchanged(std::string_view in) {
    checkNormalises(in, in);
}

} // namespace

TEST_CASE("half-width marks between Chinese characters become full-width", "[cjk_punct]") {
    checkNormalises("申请人应当提交以下材料,包括:身份证;户口簿.", "申请人应当提交以下材料，包括：身份证；户口簿。");
    checkNormalises("可以办理吗?可以!", "可以办理吗？可以！");
    checkNormalises("你好,世界", "你好，世界");
    // After CJK punctuation too, and before it.
    checkNormalises("“身份证”,户口簿", "“身份证”，户口簿");
    checkNormalises("材料:《申请表》", "材料：《申请表》");
    // A run of marks is converted as a whole.
    checkNormalises("真的吗?!是的", "真的吗？！是的");
}

TEST_CASE("a mark at the end of a line, or before spaces and Chinese, is converted and the spaces go", "[cjk_punct]") {
    checkNormalises("请携带身份证.\n下一行", "请携带身份证。\n下一行");
    checkNormalises("材料, 包括身份证", "材料，包括身份证");
    checkNormalises("材料,   包括身份证", "材料，包括身份证");
    checkNormalises("请携带身份证.  ", "请携带身份证。");
    checkNormalises("你好 ,世界", "你好，世界");
}

TEST_CASE("a colon or comma after Chinese before a number or Latin word is Chinese punctuation", "[cjk_punct]") {
    checkNormalises("办公时间:08:00-17:00", "办公时间：08:00-17:00");
    checkNormalises("咨询电话:0571-88888888", "咨询电话：0571-88888888");
    checkNormalises("网址:https://www.example.gov.cn/a,b", "网址：https://www.example.gov.cn/a,b");
    checkNormalises("共3项,合计1,000元", "共3项，合计1,000元");
}

TEST_CASE("spaces after a full-width mark and before a closing one are removed", "[cjk_punct]") {
    checkNormalises("你好， 世界", "你好，世界");
    checkNormalises("你好，  世界。 再见", "你好，世界。再见");
    checkNormalises("（ 2026 ）", "（2026）");
    checkNormalises("申请 ，审核 。", "申请，审核。");
    checkNormalises("申请人 （本人）", "申请人（本人）");
    checkNormalises("第一步： Step", "第一步：Step");
    // U+3000 is a deliberate space (the program's own separators): kept.
    checkUnchanged("紧急通知　停水通知");
    // Spaces between Latin and an opening mark, or between Han characters, are not punctuation's business.
    checkUnchanged("Hello （注）");
    checkUnchanged("便民服务中心 3 号窗口");
}

TEST_CASE("half-width parentheses next to Chinese become full-width", "[cjk_punct]") {
    checkNormalises("申请表(2026年版)", "申请表（2026年版）");
    checkNormalises("身份证(原件)和户口簿", "身份证（原件）和户口簿");
    checkNormalises("(一)申请条件", "（一）申请条件");
    checkNormalises("户口簿 (复印件)", "户口簿（复印件）");
    checkNormalises("申请表( 2026 )", "申请表（2026）");
    checkNormalises("材料,(一)身份证", "材料，（一）身份证");
}

TEST_CASE("parentheses that are not a Chinese pair are left alone", "[cjk_punct]") {
    checkUnchanged("Windows (64-bit) version");
    checkUnchanged("f(x) = 2x");
    checkUnchanged("申请表()");           // encloses nothing
    checkUnchanged("申请表(2026");        // never closed
    checkUnchanged("表(a(b)c)");          // nested: not guessed at
    checkUnchanged("开心:)");             // a face, not a pair
    checkUnchanged("表(第一行\n第二行)"); // not on one line
}

TEST_CASE("numbers, times, dates and phone numbers are never changed", "[cjk_punct]") {
    checkUnchanged("3.5");
    checkUnchanged("1,000");
    checkUnchanged("08:00");
    checkUnchanged("2026-03-05");
    checkUnchanged("0571-88888888");
    checkUnchanged("增长3.5%");
    checkUnchanged("共1,000元");
    checkUnchanged("上午08:00至12:00");
    checkUnchanged("第3.2条规定");
    checkUnchanged("12345");
}

TEST_CASE("Latin text keeps its punctuation and spaces", "[cjk_punct]") {
    checkUnchanged("Hello, world.");
    checkUnchanged("Is it open? Yes! Time: 9:00; place: hall.");
    checkUnchanged("Hello, world. 你好");
    checkUnchanged("你好, world");     // a space then Latin: not Chinese enough to decide
    checkUnchanged("报告.pdf");        // a period before Latin is a file name or host, not a full stop
    checkUnchanged("表格.docx,共3页"); // the comma follows Latin
}

TEST_CASE("URLs and e-mail addresses are never changed", "[cjk_punct]") {
    checkUnchanged("https://www.example.gov.cn/path?a=1,b=2.");
    checkUnchanged("详见https://例子.中国/a,b.html");
    // Portal text runs on into Chinese without a space: the URL ends where the ASCII path does.
    checkNormalises("详见https://www.example.gov.cn/a,b查看,谢谢", "详见https://www.example.gov.cn/a,b查看，谢谢");
    checkUnchanged("www.政府.cn/a:b");
    checkUnchanged("gk@example.gov.cn");
    checkNormalises("邮箱:gk@example.gov.cn", "邮箱：gk@example.gov.cn");
    checkNormalises("详见www.example.gov.cn ,谢谢", "详见www.example.gov.cn ,谢谢");
}

TEST_CASE("an ellipsis becomes …… only within Chinese", "[cjk_punct]") {
    checkNormalises("正在加载...请稍候", "正在加载……请稍候");
    checkNormalises("等等......", "等等……");
    checkUnchanged("Loading...");
    checkUnchanged("等等...Hello");
    checkUnchanged("等等..下"); // two periods: not a known mark
    checkUnchanged("...开始");  // nothing Chinese before it
}

TEST_CASE("text that needs nothing is returned as it is", "[cjk_punct]") {
    checkUnchanged("");
    checkUnchanged("申请人应当提交以下材料，包括：身份证；户口簿。");
    checkUnchanged("  leading and trailing  ");
    checkUnchanged(",:;?!.()");
}

TEST_CASE("invalid UTF-8 does not crash and loses nothing", "[cjk_punct][hostile]") {
    const std::string bad = "材料\xff,\xc0\xaf身份证\xe4\xb8,\x80";
    const std::string out = normalizeCjkPunctuation(bad);
    // The comma after an invalid byte has no Chinese character before it: kept, as are the bytes.
    CHECK(out == bad);
    const std::string mixed = std::string("材料,身份证\xfe") + "户口簿.";
    CHECK(normalizeCjkPunctuation(mixed) == std::string("材料，身份证\xfe") + "户口簿。");
    const std::string truncated = "申请\xe7\x94";
    CHECK(normalizeCjkPunctuation(truncated) == truncated);
}

TEST_CASE("output offsets map input byte ranges to the ranges they became", "[cjk_punct]") {
    const std::string in = "材料, 包括:身份证";
    std::vector<std::size_t> offsets;
    const std::string out = normalizeCjkPunctuation(in, offsets);
    REQUIRE(out == "材料，包括：身份证");
    REQUIRE(offsets.size() == in.size() + 1);
    CHECK(offsets.back() == out.size());
    const std::size_t found = in.find("包括");
    CHECK(out.substr(offsets[found], offsets[found + 6] - offsets[found]) == "包括");
    const std::size_t id = in.find("身份证");
    CHECK(out.substr(offsets[id], offsets[in.size()] - offsets[id]) == "身份证");
    // The dropped space maps to where the next kept byte went.
    CHECK(offsets[in.find(' ')] == out.find("包括"));
    // Text with nothing to change maps each byte to itself.
    const std::string plain = "申请人应当提交以下材料，包括：身份证。";
    REQUIRE(normalizeCjkPunctuation(plain, offsets) == plain);
    REQUIRE(offsets.size() == plain.size() + 1);
    for (std::size_t i = 0; i < offsets.size(); ++i) CHECK(offsets[i] == i);
}

TEST_CASE("random mixtures of Chinese, marks, spaces, digits and bad bytes: no crash, idempotent, no Han lost",
          "[cjk_punct][hostile]") {
    const std::vector<std::string> pieces{"申", "请",      "，",   "。",   "（",       "）", ",", ".", ":",
                                          ";",  "?",       "!",    "(",    ")",        " ",  " ", "3", "a",
                                          "\n", "http://", "www.", "\xff", "\xe4\xb8", "…",  "“", "”", "　"};
    std::mt19937 rng(17);
    std::uniform_int_distribution<std::size_t> pick(0, pieces.size() - 1), length(0, 40);
    for (int round = 0; round < 2000; ++round) {
        std::string in;
        for (std::size_t n = length(rng); n > 0; --n) in += pieces[pick(rng)];
        INFO("input: " << in);
        std::vector<std::size_t> offsets;
        const std::string out = normalizeCjkPunctuation(in, offsets);
        CHECK(normalizeCjkPunctuation(out) == out);
        REQUIRE(offsets.size() == in.size() + 1);
        for (std::size_t i = 1; i < offsets.size(); ++i) REQUIRE(offsets[i - 1] <= offsets[i]);
        CHECK(offsets.back() == out.size());
        auto count = [](const std::string& s, std::string_view what) {
            std::size_t n = 0;
            for (std::size_t p = s.find(what); p != std::string::npos; p = s.find(what, p + 1)) ++n;
            return n;
        };
        CHECK(count(out, "申") == count(in, "申"));
        CHECK(count(out, "\xff") == count(in, "\xff"));
        CHECK(count(out, "\n") == count(in, "\n"));
    }
}
