// Tests for config/i18n: placeholders filled in any order, where the catalogs are looked for, and
// the plural forms in English (no catalog) and in zh_CN (the build tree's catalog).
#include "config/i18n.h"

#include "tests/messages_in.h"

#include <catch2/catch.hpp>

using namespace gk;

TEST_CASE("fillIn puts each argument where its number is, in any order", "[i18n]") {
    CHECK(fillIn("{0}: line {1}", {"kiosk.json", "3"}) == "kiosk.json: line 3");
    CHECK(fillIn("第 {1} 行，{0}", {"kiosk.json", "3"}) == "第 3 行，kiosk.json");
    CHECK(fillIn("{0} and {0}", {"x"}) == "x and x");
    CHECK(fillIn("{10}", {"0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "ten"}) == "ten");
}

TEST_CASE("fillIn keeps braces that are not placeholders, and placeholders without an argument", "[i18n]") {
    CHECK(fillIn("must be a JSON object ({ … }), got {0}", {"an array"}) ==
          "must be a JSON object ({ … }), got an array");
    CHECK(fillIn("{\"ref\": \"notice:…\"} {0}", {"x"}) == "{\"ref\": \"notice:…\"} x");
    CHECK(fillIn("{{0}} {0}", {"x"}) == "{0}} x");
    CHECK(fillIn("{1} {0}", {"x"}) == "{1} x"); // a translation naming a missing argument shows itself
    CHECK(fillIn("{", {}) == "{");
    CHECK(fillIn("{}", {"x"}) == "{}");
}

TEST_CASE("catalogs: the build tree's for a program inside it, else ../share/locale beside the program", "[i18n]") {
    const std::string build = "/work/b";
    const std::string catalogs = "/work/b/locale";
    CHECK(chooseLocaleDir("/work/b", build, catalogs) == catalogs);
    CHECK(chooseLocaleDir("/work/b/kiosk", build, catalogs) == catalogs);
    CHECK(chooseLocaleDir("/work/b/kiosk/", build, catalogs) == catalogs);
    CHECK(chooseLocaleDir("/usr/bin", build, catalogs) == "/usr/share/locale");
    CHECK(chooseLocaleDir("/tmp/root/usr/bin", build, catalogs) == "/tmp/root/usr/share/locale");
    CHECK(chooseLocaleDir("/work/b2/kiosk", build, catalogs) == "/work/b2/share/locale"); // a name, not a prefix
    CHECK(chooseLocaleDir("/usr/bin", "", catalogs) == "/usr/share/locale");
}

TEST_CASE("plural forms: English singular for 1 only, Chinese one form", "[i18n]") {
    CHECK(fillIn(trn("{0} item", "{0} items", 1), {"1"}) == "1 item");
    CHECK(fillIn(trn("{0} item", "{0} items", 2), {"2"}) == "2 items");
    CHECK(fillIn(trn("{0} item", "{0} items", 0), {"0"}) == "0 items");
    CHECK(std::string(tr("no such file")) == "no such file");
    const test::MessagesIn zh("zh_CN.UTF-8");
    REQUIRE(zh.ok());
    CHECK(fillIn(trn("{0} item", "{0} items", 1), {"1"}) == "1 项");
    CHECK(fillIn(trn("{0} item", "{0} items", 2), {"2"}) == "2 项");
    CHECK(std::string(tr("no such file")) == "文件不存在");
    CHECK(std::string(tr("a msgid no catalog has")) == "a msgid no catalog has");
}
