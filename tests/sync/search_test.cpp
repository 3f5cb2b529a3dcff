// Search on a fixed corpus built in code: Chinese substrings, the ranking (exact title, title
// substring, other fields, newer first), traditional characters both ways, 文号 with any
// brackets, 索引号, a rare character outside the BMP, full-width Latin, and pinyin initials from
// the real Rime dictionary (skipped with a warning only when rime-data-luna-pinyin is absent).
#include "search_test_support.h"

#include "sync/search/search_index.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace gk;
using gk::test::matchedText;
using gk::test::refs;
using gk::test::searchCorpus;
using gk::test::sharedResources;

namespace {

const SearchIndex& corpusIndex() {
    static const SearchIndex index(searchCorpus(), sharedResources());
    return index;
}

SearchResults find(std::string_view query, std::size_t limit = 50) {
    return corpusIndex().search(query, limit);
}

bool hasRimeDictionary() {
    std::error_code ec;
    if (std::filesystem::is_regular_file(kDefaultPinyinDict, ec)) return true;
    WARN("skipped: " << kDefaultPinyinDict << " is not installed (Debian package rime-data-luna-pinyin)");
    return false;
}

} // namespace

TEST_CASE("search: a Chinese title substring finds the item and marks where", "[search]") {
    const SearchResults results = find("高龄津贴");
    REQUIRE_FALSE(results.hits.empty());
    const SearchHit& hit = results.hits[0];
    CHECK(hit.ref == "disclosure:d-gljt");
    CHECK(hit.field == SearchField::Title);
    CHECK_FALSE(hit.exact_title);
    CHECK(hit.title == "白沙镇2026年高龄津贴发放标准");
    CHECK(hit.snippet == hit.title);
    CHECK(matchedText(hit) == "高龄津贴");
    CHECK(hit.date == "2026-03-18");
}

TEST_CASE("search: exact title, then title substring, then other fields, newer first among equals", "[search]") {
    const SearchResults results = find("养老补贴");
    CHECK(refs(results) == std::vector<std::string>{
                               "disclosure:d-exact",     // exact title, the oldest item of all
                               "disclosure:d-new-ylbt",  // title substring, 2026
                               "disclosure:d-old-ylbt",  // title substring, 2020
                               "disclosure:d-summary",   // summary, 2025
                               "disclosure:d-body-only", // body, 2026-06
                               "disclosure:d-gov",       // body, 2026-02
                           });
    REQUIRE(results.hits.size() == 6);
    CHECK(results.hits[0].exact_title);
    CHECK(results.hits[3].field == SearchField::Summary);
    CHECK(results.hits[4].field == SearchField::Body);
    CHECK(results.total == 6);
}

TEST_CASE("search: the limit keeps the best hits and total counts them all", "[search]") {
    const SearchResults results = find("养老补贴", 2);
    CHECK(refs(results) == std::vector<std::string>{"disclosure:d-exact", "disclosure:d-new-ylbt"});
    CHECK(results.total == 6);
}

TEST_CASE("search: a body match shows the paragraph around it, cut with an ellipsis", "[search]") {
    const SearchResults results = find("落实养老补贴");
    REQUIRE(results.hits.size() == 1);
    const SearchHit& hit = results.hits[0];
    CHECK(hit.ref == "disclosure:d-body-only");
    CHECK(hit.field == SearchField::Body);
    CHECK(matchedText(hit) == "落实养老补贴");
    CHECK(hit.snippet.rfind("…", 0) == 0);                  // the paragraph starts well before the match
    CHECK(hit.snippet.find("第一段") == std::string::npos); // another paragraph is not shown
    CHECK(hit.snippet.find('<') == std::string::npos);
}

TEST_CASE("search: traditional characters in a query find simplified text", "[search]") {
    REQUIRE(sharedResources().folder->convertsTraditional());
    CHECK(refs(find("養老補貼")) == refs(find("养老补贴")));
    const SearchResults results = find("高齡津貼");
    REQUIRE_FALSE(results.hits.empty());
    CHECK(results.hits[0].ref == "disclosure:d-gljt");
    CHECK(matchedText(results.hits[0]) == "高龄津贴");
}

TEST_CASE("search: simplified text in a query finds traditional text and marks it as written", "[search]") {
    const SearchResults results = find("医疗保险");
    REQUIRE_FALSE(results.hits.empty());
    CHECK(results.hits[0].ref == "disclosure:d-trad");
    CHECK(matchedText(results.hits[0]) == "醫療保險");
}

TEST_CASE("search: a 文号 is found with full-width, square, round or no brackets", "[search]") {
    for (const char* query : {"国办发〔2026〕3号", "国办发[2026]3号", "国办发(2026)3号", "国办发（2026）3号",
                              "国办发【2026】3号", "国办发［２０２６］３号", "国办发2026 3号", "國辦發〔2026〕3號"}) {
        INFO(query);
        const SearchResults results = find(query);
        REQUIRE(results.hits.size() == 1);
        CHECK(results.hits[0].ref == "disclosure:d-gov");
        CHECK(results.hits[0].field == SearchField::DocNumber);
        CHECK(matchedText(results.hits[0]) == "国办发〔2026〕3号");
    }
    CHECK(find("国办发〔2026〕31号").hits.empty());
}

TEST_CASE("search: a 索引号 and a guide's 事项编码 are found", "[search]") {
    const SearchResults index_no = find("000014349/2026-00012");
    REQUIRE(index_no.hits.size() == 1);
    CHECK(index_no.hits[0].field == SearchField::IndexNumber);
    const SearchResults code = find("4000117003");
    REQUIRE(code.hits.size() == 1);
    CHECK(code.hits[0].ref == "guide:g-gljt-001");
    CHECK(code.hits[0].field == SearchField::Code);
}

TEST_CASE("search: rare characters outside the BMP match as whole code points", "[search]") {
    const SearchResults results = find("𠜎"); // U+2070E, four bytes in UTF-8
    REQUIRE(refs(results) == std::vector<std::string>{"disclosure:d-rare2"});
    CHECK(matchedText(results.hits[0]) == "𠜎");
    CHECK(find("𠮶").hits.empty()); // U+20BB6 shares three of the four bytes of 𠮷 U+20BB7
    const std::vector<std::string> newer_first = {"notice:n-rare", "disclosure:d-rare"};
    CHECK(refs(find("𠮷永福")) == newer_first);
    CHECK(matchedText(find("𠮷永福").hits[0]) == "𠮷永福");
    CHECK(find("吉永福").hits.empty()); // 吉 U+5409 is another character, not folded into 𠮷
    // 頔 U+9814 is 𬱖 U+2CC56 after t2s: either spelling finds the other, across planes.
    CHECK(refs(find("王頔")) == std::vector<std::string>{"disclosure:d-rare2"});
    CHECK(refs(find("王𬱖")) == std::vector<std::string>{"disclosure:d-rare2"});
    CHECK(matchedText(find("王𬱖").hits[0]) == "王頔");
}

TEST_CASE("search: full-width Latin and letter case fold", "[search]") {
    const SearchResults results = find("app");
    REQUIRE_FALSE(results.hits.empty());
    CHECK(results.hits[0].ref == "guide:g-app");
    CHECK(matchedText(results.hits[0]) == "ＡＰＰ");
    CHECK(refs(find("ＡＰＰ")) == refs(results));
}

TEST_CASE("search: a query of nothing but spaces or brackets finds nothing", "[search]") {
    for (const char* query : {"", "   ", "（）", "〔 〕"}) {
        INFO(query);
        const SearchResults results = find(query);
        CHECK(results.folded_query.empty());
        CHECK(results.hits.empty());
        CHECK(results.total == 0);
    }
}

TEST_CASE("search: pinyin initials of titles from the Rime dictionary", "[search][pinyin]") {
    if (!hasRimeDictionary()) return;
    REQUIRE(corpusIndex().hasInitials());
    const SearchResults results = find("gljt");
    REQUIRE(results.initials_searched);
    // The literal title match comes first; initials rank below it, above matches in other fields.
    REQUIRE(results.hits.size() >= 3);
    CHECK(results.hits[0].ref == "disclosure:d-literal-gljt");
    CHECK(results.hits[0].field == SearchField::Title);
    CHECK(results.hits[1].ref == "disclosure:d-gljt");
    CHECK(results.hits[1].field == SearchField::Initials);
    CHECK(matchedText(results.hits[1]) == "高龄津贴");
    CHECK(refs(find("GLJT")) == refs(results));
    const SearchResults guide = find("gllrjt");
    REQUIRE_FALSE(guide.hits.empty());
    CHECK(guide.hits[0].ref == "guide:g-gljt-001");
    CHECK(matchedText(guide.hits[0]) == "高龄老人津贴");
}

TEST_CASE("search: a phrase of the Rime dictionary picks a polyphone's reading", "[search][pinyin]") {
    if (!hasRimeDictionary()) return;
    const SearchResults results = find("nyyh"); // 农业银行: 行 is hang here, not xing
    REQUIRE_FALSE(results.hits.empty());
    CHECK(results.hits[0].ref == "disclosure:d-bank");
    CHECK(matchedText(results.hits[0]) == "农业银行");
    CHECK(refs(find("zfxxgk")) == std::vector<std::string>{"disclosure:d-open"}); // 公开: 开 is kai, not jian
    const SearchResults keyword = find("blbt"); // only a keyword's initials: 补领补贴
    REQUIRE(keyword.hits.size() == 1);
    CHECK(keyword.hits[0].field == SearchField::KeywordInitials);
    CHECK(keyword.hits[0].snippet == "补领补贴");
}
