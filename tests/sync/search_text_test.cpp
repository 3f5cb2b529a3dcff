// The pieces under search: UTF-8 decoding, folding (width, case, brackets, white space,
// traditional → simplified) with its map back to the source, a body's search text, the Rime
// dictionary reader on a small dictionary written here, snippets, and the substring finder
// against std::string_view::find.
#include "sync/html_blocks.h"
#include "sync/search/pinyin_initials.h"
#include "sync/search/search_fields.h"
#include "sync/search/search_index.h"
#include "sync/search/search_snippet.h"
#include "sync/search/substring_finder.h"
#include "sync/search/text_fold.h"

#include "search_test_support.h"
#include "test_support.h"

#include <catch2/catch.hpp>

#include <random>

using namespace gk;

TEST_CASE("search: UTF-8 decoding takes whole code points and flags broken bytes", "[search]") {
    const std::string text = "a高𠮷";
    CHECK(readUtf8Char(text, 0).value == U'a');
    CHECK(readUtf8Char(text, 1).value == U'高');
    CHECK(readUtf8Char(text, 1).bytes == 3);
    CHECK(readUtf8Char(text, 4).value == U'\U00020BB7');
    CHECK(readUtf8Char(text, 4).bytes == 4);
    for (const std::string broken : {"\x80", "\xC0\xAF", "\xE9\xAB", "\xED\xA0\x80", "\xF5\x80\x80\x80"}) {
        CHECK(readUtf8Char(broken, 0).value == U'\uFFFD');
        CHECK(readUtf8Char(broken, 0).bytes == 1);
    }
    std::string out;
    appendUtf8Char(out, U'\U00020BB7');
    CHECK(out == "𠮷");
}

TEST_CASE("search: folding evens out width, case, brackets, spaces and traditional characters", "[search]") {
    const TextFolder& folder = *test::sharedResources().folder;
    CHECK(folder.fold("ＡＢＣ　ａｂｃ") == "abcabc");
    CHECK(folder.fold("国办发〔2026〕3号") == "国办发20263号");
    CHECK(folder.fold("国办发［２０２６］３号") == "国办发20263号");
    CHECK(folder.fold("《就业创业证》“申领”") == "就业创业证申领");
    CHECK(folder.fold("Hello World") == "helloworld");
    CHECK(folder.fold("高齡津貼") == "高龄津贴");
    CHECK(folder.fold(std::string("a") + kSearchSeparator + "b") == std::string("a") + kSearchSeparator + "b");
    CHECK(folder.foldQuery(std::string("a") + kSearchSeparator + "b") == "ab");
    CHECK(folder.foldQuery("乾燥") == "干燥");
    const TextFolder plain; // without OpenCC: everything but t2s
    CHECK(plain.fold("高齡 ＡＰＰ") == "高齡app");
    CHECK_FALSE(plain.convertsTraditional());
}

TEST_CASE("search: a folded match maps back to the characters as written", "[search]") {
    const TextFolder& folder = *test::sharedResources().folder;
    const std::string source = "见国办发〔２０２６〕３号文";
    const FoldedText folded = folder.foldWithMap(source);
    const std::size_t at = folded.text.find("国办发20263号");
    REQUIRE(at != std::string::npos);
    const auto [begin, end] = folded.sourceRange(at, std::string("国办发20263号").size());
    CHECK(source.substr(begin, end - begin) == "国办发〔２０２６〕３号");
}

TEST_CASE("search: a body is searched as the page reads it, a block at a time", "[search]") {
    const std::string sep(1, kSearchSeparator);
    const auto body_text = [](std::string_view html) {
        Content content;
        DisclosureItem item;
        item.id = "d";
        item.body = htmlToBlocks(html, [](std::string_view) { return false; });
        content.disclosures.push_back(std::move(item));
        const SearchItem at{SearchItemKind::Disclosure, 0};
        const std::string text = searchFieldText(content, at, SearchField::Body);
        CHECK(searchFieldSizeBound(content, at, SearchField::Body) >= text.size());
        return text;
    };
    CHECK(body_text("<p>第一段</p><p>第二段<br>第三行</p>") == "第一段" + sep + "第二段 第三行");
    CHECK(body_text("<table><tr><td>年龄</td><td>标准</td></tr><tr><td>80</td><td>100元</td></tr></table>") ==
          "年龄 标准" + sep + "80 100元");
    CHECK(body_text("<p>A&amp;B &lt;c&gt; &#20320;&#x597D;</p>") == "A&B <c>你好");
    // What the page never shows is never found: scripts, styles, comments, svg, hidden text.
    CHECK(body_text("<p>看<script>var s = '<p>隐藏</p>';</script>得见<style>p{}</style></p>") == "看得见");
    CHECK(body_text("<!-- 注释 --><p title='a>b'>  多个   空格  </p>") ==
          "多个空格"); // as the page: no space in Chinese
    CHECK(body_text("<p>  two   words  </p>") == "two words");
    CHECK(body_text("<svg><text>图</text></svg><p>正文</p><script/>var secret = 1;</script>") == "正文");
    CHECK(body_text("1 < 2 <p>") == "1 < 2");
    CHECK(body_text("").empty());
}

TEST_CASE("search: the Rime dictionary reader takes the most frequent reading and phrase readings", "[search]") {
    test::TempDir dir;
    const auto dict = dir.path() / "tiny.dict.yaml";
    test::writeFile(dict, "# Rime dictionary\n---\nname: tiny\n...\n\n"
                          "高\tgao\n齡\tling\n津\tjin\n貼\ttie\n行\thang\t8.22%\n行\txing\t91.78%\n"
                          "銀\tyin\n銀行\tyin hang\n# a comment\n壞行\t\n"
                          "开\tjian\t95%\n开\tkai\t0%\n开\tqian\t5%\n幵\tjian\n開\tkai\n");
    // Rime's character frequencies: 開 is common, 开 itself (a variant of 幵 to luna_pinyin) is rare.
    test::writeFile(dir.path() / "essay.txt", "開\t55913\n开\t30\n幵\t46\n開開\t9\n");
    std::string error;
    const auto initials = PinyinInitials::load(dict, *test::sharedResources().folder, error);
    REQUIRE(initials);
    CHECK(error.empty());
    CHECK(initials->initialsOf("高龄津贴").letters == "gljt"); // traditional entries meet simplified text
    CHECK(initials->initialsOf("行").letters == "x");
    CHECK(initials->initialsOf("开").letters == "k"); // 開 kai outweighs 开/幵 jian
    CHECK(initials->initialsOf("银行").letters == "yh");
    const InitialsText mixed = initials->initialsOf("高、5g行");
    CHECK(mixed.letters == "g5gx");
    CHECK(mixed.char_index == std::vector<std::uint32_t>{0, 2, 3, 4});
    CHECK(initials->phraseCount() == 1);
}

TEST_CASE("search: a missing or empty dictionary turns initials off with a note, not a failure", "[search]") {
    const SearchResources resources = loadSearchResources({"/nonexistent/luna_pinyin.dict.yaml"});
    CHECK_FALSE(resources.initials);
    REQUIRE(resources.notes.size() == 1);
    CHECK(resources.notes[0].find("pinyin initials are off: /nonexistent/luna_pinyin.dict.yaml not found") == 0);
    const SearchIndex index(test::searchCorpus(), resources);
    const SearchResults results = index.search("gljt");
    CHECK_FALSE(results.initials_searched);
    CHECK(test::refs(results) == std::vector<std::string>{"disclosure:d-literal-gljt"});
    test::TempDir dir;
    test::writeFile(dir.path() / "empty.yaml", "---\nname: empty\n...\n");
    std::string error;
    CHECK_FALSE(PinyinInitials::load(dir.path() / "empty.yaml", *resources.folder, error));
    CHECK(error.find("has no single-character entries") != std::string::npos);
}

TEST_CASE("search: snippets keep the block of the match and cut long ones on character boundaries", "[search]") {
    const std::string text =
        std::string("前一段") + kSearchSeparator + "一二三四五六七八九十匹配一二三" + kSearchSeparator + "后";
    const std::size_t begin = text.find("匹配");
    const Snippet whole = snippetAround(text, begin, begin + 6, kWholeBlock);
    CHECK(whole.text == "一二三四五六七八九十匹配一二三");
    CHECK(whole.text.substr(whole.match_start, whole.match_length) == "匹配");
    const Snippet cut = snippetAround(text, begin, begin + 6, SnippetWindow{2, 1});
    CHECK(cut.text == "…九十匹配一…");
    CHECK(cut.text.substr(cut.match_start, cut.match_length) == "匹配");
}

TEST_CASE("search: the substring finder agrees with std::string_view::find", "[search]") {
    std::mt19937 random(20261127);
    const std::vector<std::string> alphabet = {"a", "b", "高", "龄", "𠮷", "\x1f", "1"};
    std::string haystack;
    for (int i = 0; i < 3000; ++i) haystack += alphabet[random() % alphabet.size()];
    ByteHistogram histogram{};
    countBytes(haystack, histogram);
    for (int round = 0; round < 400; ++round) {
        std::string needle;
        const std::size_t length = 1 + random() % 4;
        for (std::size_t i = 0; i < length; ++i) needle += alphabet[random() % alphabet.size()];
        const SubstringFinder finder(needle, histogram);
        const std::size_t from = random() % haystack.size();
        const char* found = finder.find(haystack.data() + from, haystack.data() + haystack.size());
        const std::size_t expected = std::string_view(haystack).find(needle, from);
        INFO(needle << " from " << from);
        CHECK((found == nullptr ? std::string_view::npos : static_cast<std::size_t>(found - haystack.data())) ==
              expected);
    }
}
