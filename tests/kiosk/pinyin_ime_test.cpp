// Pinyin input with the real librime and Debian's rime-data-luna-pinyin: common syllables give
// the expected simplified candidates, keys edit and commit as a resident expects, paging works,
// the compiled schema is reused, and missing or unusable data is a clear error, not a crash.
#include "kiosk/services/pinyin_ime.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <unistd.h>

using namespace gk;
namespace fs = std::filesystem;

namespace {

// One compiled schema per test process (ctest runs test cases in parallel processes).
const fs::path& userDataDir() {
    static const fs::path dir = fs::temp_directory_path() / "gongkai-ime-tests" / ("rime-" + std::to_string(getpid()));
    static const struct Cleanup {
        ~Cleanup() { fs::remove_all(dir); }
    } cleanup;
    return dir;
}

std::shared_ptr<PinyinEngine> startEngine() {
    std::string error;
    auto engine = PinyinEngine::start({"/usr/share/rime-data", userDataDir()}, error);
    INFO(error);
    REQUIRE(engine);
    return engine;
}

void type(PinyinSession& ime, std::string_view letters) {
    for (char c : letters) REQUIRE(ime.typeLetter(c));
}

std::vector<std::string> texts(const PinyinSession& ime) {
    std::vector<std::string> out;
    for (const PinyinCandidate& c : ime.candidates()) out.push_back(c.text);
    return out;
}

bool has(const std::vector<std::string>& list, std::string_view text) {
    return std::find(list.begin(), list.end(), text) != list.end();
}

} // namespace

TEST_CASE("zhengwu gives 政务 first", "[ime]") {
    PinyinSession ime(startEngine());
    type(ime, "zhengwu");
    CHECK(ime.composing());
    CHECK(ime.preedit() == "zheng wu");
    const auto candidates = texts(ime);
    INFO(Catch::Detail::stringify(candidates));
    REQUIRE_FALSE(candidates.empty());
    CHECK(candidates.front() == "政务");
}

TEST_CASE("common syllables of the hall give their words on the first page", "[ime]") {
    PinyinSession ime(startEngine());
    const auto [pinyin, word] =
        GENERATE(std::make_pair("gaoling", "高龄"), std::make_pair("banshi", "办事"), std::make_pair("gongkai", "公开"),
                 std::make_pair("shebao", "社保"), std::make_pair("zhinan", "指南"));
    type(ime, pinyin);
    const auto candidates = texts(ime);
    INFO(pinyin << ": " << Catch::Detail::stringify(candidates));
    CHECK(has(candidates, word));
}

TEST_CASE("output is simplified Chinese: guojia gives 国家, not 國家", "[ime]") {
    PinyinSession ime(startEngine());
    type(ime, "guojia");
    const auto candidates = texts(ime);
    INFO(Catch::Detail::stringify(candidates));
    CHECK(has(candidates, "国家"));
    CHECK_FALSE(has(candidates, "國家"));
    ime.clear();
    type(ime, "fuwu");
    CHECK(has(texts(ime), "服务"));
    CHECK_FALSE(has(texts(ime), "服務"));
}

TEST_CASE("space commits the first candidate", "[ime]") {
    PinyinSession ime(startEngine());
    CHECK_FALSE(ime.space()); // nothing composed: the caller's space
    type(ime, "zhengwu");
    const std::string first = ime.candidates().at(0).text;
    CHECK(ime.space());
    CHECK_FALSE(ime.composing());
    CHECK(ime.candidates().empty());
    CHECK(ime.takeCommitted() == first);
    CHECK(ime.takeCommitted().empty()); // taken once
}

TEST_CASE("backspace edits the preedit, then belongs to the caller", "[ime]") {
    PinyinSession ime(startEngine());
    type(ime, "zhengwu");
    CHECK(ime.backspace());
    CHECK(ime.preedit() == "zheng w");
    for (int i = 0; i < 6; ++i) CHECK(ime.backspace());
    CHECK_FALSE(ime.composing());
    CHECK(ime.preedit().empty());
    CHECK_FALSE(ime.backspace());
    CHECK(ime.takeCommitted().empty());
}

TEST_CASE("paging shows different candidates and comes back", "[ime]") {
    PinyinSession ime(startEngine(), 5);
    type(ime, "shi");
    const auto first = texts(ime);
    REQUIRE(first.size() == 5);
    CHECK_FALSE(ime.hasPreviousPage());
    REQUIRE(ime.hasNextPage());
    CHECK_FALSE(ime.previousPage());
    REQUIRE(ime.nextPage());
    const auto second = texts(ime);
    REQUIRE(second.size() == 5);
    for (const std::string& c : second) CHECK_FALSE(has(first, c));
    CHECK(ime.hasPreviousPage());
    REQUIRE(ime.previousPage());
    CHECK(texts(ime) == first);
    // A candidate picked on the second page is that candidate.
    REQUIRE(ime.nextPage());
    CHECK(ime.selectCandidate(2));
    CHECK(ime.takeCommitted() == second[2]);
}

TEST_CASE("the page size follows the candidate bar", "[ime]") {
    PinyinSession ime(startEngine(), 3);
    type(ime, "zhengwu");
    CHECK(ime.candidates().size() == 3);
    ime.setPageSize(8);
    CHECK(ime.candidates().size() == 8);
    CHECK(ime.candidates().front().text == "政务");
}

TEST_CASE("digits select a candidate of the page while composing", "[ime]") {
    PinyinSession ime(startEngine());
    CHECK_FALSE(ime.digit(2)); // nothing composed: the caller's digit
    type(ime, "zhengwu");
    const std::string second = ime.candidates().at(1).text;
    CHECK(ime.digit(2));
    CHECK(ime.takeCommitted() == second);
    type(ime, "zhengwu");
    CHECK(ime.digit(9)); // beyond the page of 6: used, nothing chosen
    CHECK(ime.composing());
    CHECK(ime.takeCommitted().empty());
}

TEST_CASE("commitFirst finishes a long composition", "[ime]") {
    PinyinSession ime(startEngine());
    type(ime, "zhengwufuwuzhongxin");
    ime.commitFirst();
    CHECK_FALSE(ime.composing());
    CHECK(ime.takeCommitted() == "政务服务中心");
}

TEST_CASE("the compiled schema is reused by the next start", "[ime]") {
    { auto first = startEngine(); }
    auto second = startEngine();
    CHECK_FALSE(second->startup().deployed);
    CHECK(fs::exists(userDataDir() / "build" / "luna_pinyin_simp.schema.yaml"));
    // Only our schema is compiled, and no user dictionary learns from residents.
    CHECK_FALSE(fs::exists(userDataDir() / "build" / "cangjie5.schema.yaml"));
    CHECK_FALSE(fs::exists(userDataDir() / "luna_pinyin.userdb"));
}

TEST_CASE("a running engine is shared, and one with other directories is refused", "[ime]") {
    auto engine = startEngine();
    std::string error;
    CHECK(PinyinEngine::start({"/usr/share/rime-data", userDataDir()}, error) == engine);
    CHECK(PinyinEngine::start({"/usr/share/rime-data", userDataDir() / "other"}, error) == nullptr);
    CHECK_THAT(error, Catch::Contains("already runs on " + userDataDir().string()));
}

TEST_CASE("missing Rime data gives a clear error", "[ime]") {
    std::string error;
    CHECK(PinyinEngine::start({"/nonexistent/rime-data", userDataDir()}, error) == nullptr);
    CHECK(error == "pinyin input unavailable: /nonexistent/rime-data/luna_pinyin_simp.schema.yaml not found (install "
                   "rime-data-luna-pinyin)");
    // The schema without Debian's basic configuration (rime-prelude) would run unpatched.
    const fs::path no_prelude = userDataDir().parent_path() / ("no-prelude-" + std::to_string(getpid()));
    fs::create_directories(no_prelude);
    fs::copy_file("/usr/share/rime-data/luna_pinyin_simp.schema.yaml", no_prelude / "luna_pinyin_simp.schema.yaml");
    CHECK(PinyinEngine::start({no_prelude, userDataDir()}, error) == nullptr);
    CHECK(error ==
          "pinyin input unavailable: " + (no_prelude / "default.yaml").string() + " not found (install rime-prelude)");
    fs::remove_all(no_prelude);
    CHECK(PinyinEngine::start({"/usr/share/rime-data", ""}, error) == nullptr);
    CHECK_THAT(error, Catch::Contains("no directory given"));
}

TEST_CASE("Rime data that yields no candidates is an error, not a silent dead keyboard", "[ime]") {
    const fs::path shared = userDataDir().parent_path() / ("bogus-" + std::to_string(getpid()));
    fs::create_directories(shared);
    std::ofstream(shared / "luna_pinyin_simp.schema.yaml") << "schema:\n  schema_id: luna_pinyin_simp\n";
    std::ofstream(shared / "default.yaml") << "schema_list:\n  - schema: luna_pinyin_simp\n";
    std::string error;
    CHECK(PinyinEngine::start({shared, userDataDir() / "bogus"}, error) == nullptr);
    CHECK_THAT(error, Catch::Contains("gives no candidates"));
    fs::remove_all(shared);
    // librime is usable again afterwards.
    PinyinSession ime(startEngine());
    type(ime, "zhengwu");
    CHECK(ime.candidates().at(0).text == "政务");
}

TEST_CASE("a session without an engine hands every key back", "[ime]") {
    PinyinSession ime(nullptr);
    CHECK_FALSE(ime.typeLetter('a'));
    CHECK_FALSE(ime.backspace());
    CHECK_FALSE(ime.space());
    CHECK_FALSE(ime.digit(1));
    CHECK_FALSE(ime.composing());
    CHECK(ime.takeCommitted().empty());
}
