// Kiosk navigation, the idle countdown and kinetic scrolling, without a window.
#include "kiosk/core/navigation.h"

#include <catch2/catch.hpp>

namespace gk {
namespace {

KioskAction open(ScreenKind kind, std::string id = {}) {
    return openAction(ScreenRef{kind, std::move(id)});
}
const KioskAction kBack{KioskActionKind::Back, {}};
const KioskAction kHome{KioskActionKind::Home, {}};
const KioskAction kStart{KioskActionKind::Start, {}};

} // namespace

TEST_CASE("screen refs parse and print the forms staff and tests use", "[nav]") {
    CHECK(parseScreenRef("home") == ScreenRef{ScreenKind::Home, ""});
    CHECK(parseScreenRef("catalog") == ScreenRef{ScreenKind::Catalog, ""});
    CHECK(parseScreenRef("catalog:0201") == ScreenRef{ScreenKind::Catalog, "0201"});
    CHECK(parseScreenRef("disclosure:hbx-2018-0003") == ScreenRef{ScreenKind::Disclosure, "hbx-2018-0003"});
    CHECK(parseScreenRef("guide:g-1") == ScreenRef{ScreenKind::Guide, "g-1"});
    CHECK(parseScreenRef("notice:n-2026-041") == ScreenRef{ScreenKind::Notice, "n-2026-041"});
    CHECK(toString(*parseScreenRef("notice:n-2026-041")) == "notice:n-2026-041");
    CHECK_FALSE(parseScreenRef("disclosure")); // an item needs its id
    CHECK_FALSE(parseScreenRef("disclosure:"));
    CHECK_FALSE(parseScreenRef("home:x"));
    CHECK_FALSE(parseScreenRef("catalogue"));
    CHECK_FALSE(parseScreenRef(""));
}

TEST_CASE("refs are checked against the publish — skipped items say why", "[nav]") {
    Content content;
    content.generation = "abc";
    content.catalog = {Category{"02", "政策文件", {Category{"0203", "政策解读", {}}}}};
    DisclosureItem item;
    item.id = "d-1";
    item.title = "标题";
    content.disclosures.push_back(item);
    content.skipped.push_back(SkippedItem{"disclosures", "d-2", "missing title"});
    std::string error;
    CHECK(checkScreenRef(content, {ScreenKind::Disclosure, "d-1"}, error));
    CHECK(checkScreenRef(content, {ScreenKind::Catalog, "0203"}, error));
    CHECK(error.empty());
    CHECK_FALSE(checkScreenRef(content, {ScreenKind::Disclosure, "d-2"}, error));
    CHECK(error == "disclosure:d-2 was skipped by the sync: missing title");
    CHECK_FALSE(checkScreenRef(content, {ScreenKind::Disclosure, "d-9"}, error));
    CHECK_THAT(error, Catch::Contains("not in the current publish"));
    CHECK_FALSE(checkScreenRef(content, {ScreenKind::Catalog, "99"}, error));
    CHECK_THAT(error, Catch::Contains("no catalog category"));
    CHECK_FALSE(checkScreenRef(content, {ScreenKind::Guide, "d-1"}, error));
    CHECK_THAT(error, Catch::Contains("guide:d-1"));
    CHECK(interpretationCategory(content) == "0203");
}

TEST_CASE("a visit starts at the attract loop, goes Home, and Back retraces the way", "[nav]") {
    Navigator nav;
    CHECK(nav.attract());
    CHECK_FALSE(nav.apply(kBack, 1));
    CHECK(nav.apply(kStart, 1));
    CHECK(nav.current().kind == ScreenKind::Home);
    CHECK_FALSE(nav.canGoBack()); // Home is the bottom: Back never falls into the attract loop
    CHECK_FALSE(nav.apply(kBack, 2));
    CHECK(nav.apply(open(ScreenKind::Catalog), 2));
    CHECK(nav.apply(open(ScreenKind::Catalog, "0201"), 3));
    nav.setScroll(840);
    CHECK(nav.apply(open(ScreenKind::Disclosure, "d-1"), 4));
    CHECK(nav.scroll() == 0); // a new page opens at its top
    CHECK(nav.apply(kBack, 5));
    CHECK(nav.current() == ScreenRef{ScreenKind::Catalog, "0201"});
    CHECK(nav.scroll() == 840);                                   // the list is where the resident left it
    CHECK_FALSE(nav.apply(open(ScreenKind::Catalog, "0201"), 6)); // already there
    CHECK(nav.apply(kHome, 6));
    CHECK(nav.current().kind == ScreenKind::Home);
    CHECK_FALSE(nav.canGoBack());
    CHECK(nav.apply(open(ScreenKind::Notices), 7));
    CHECK(nav.apply(open(ScreenKind::Home), 8)); // opening Home is the Home button
    CHECK_FALSE(nav.canGoBack());
}

TEST_CASE("elder mode toggles on every screen and is reset for the next resident", "[nav][idle]") {
    Navigator nav(false, 120);
    nav.apply(kStart, 0);
    nav.apply(open(ScreenKind::Guides), 1);
    CHECK(nav.apply({KioskActionKind::ToggleElder, {}}, 2));
    CHECK(nav.elder());
    CHECK(nav.current().kind == ScreenKind::Guides);
    CHECK(nav.tick(2 + 120 + 10 + 0.01).phase == IdlePhase::Expired);
    CHECK(nav.attract());
    CHECK_FALSE(nav.elder());

    Navigator elder_hall(true, 120);
    elder_hall.apply(kStart, 0);
    elder_hall.apply({KioskActionKind::ToggleElder, {}}, 1);
    CHECK_FALSE(elder_hall.elder());
    elder_hall.tick(500);
    CHECK(elder_hall.elder());
}

TEST_CASE("idle: a 10 s countdown after the timeout, then the attract loop — a touch keeps reading", "[idle]") {
    CHECK(idleStatusAt(100, 219.9, 120).phase == IdlePhase::Active);
    const IdleStatus warning = idleStatusAt(100, 220, 120);
    CHECK(warning.phase == IdlePhase::Warning);
    CHECK(warning.seconds_left == 10);
    CHECK(idleStatusAt(100, 229.2, 120).seconds_left == 1);
    CHECK(idleStatusAt(100, 230, 120).phase == IdlePhase::Expired);
    CHECK(idleStatusAt(100, 50, 120).phase == IdlePhase::Active); // clock went back

    Navigator nav(false, 120);
    CHECK(nav.tick(10000).phase == IdlePhase::Active); // the attract loop never times out
    nav.apply(kStart, 0);
    nav.apply(open(ScreenKind::Disclosure, "d-1"), 10);
    CHECK(nav.tick(129).phase == IdlePhase::Active);
    CHECK(nav.tick(131).phase == IdlePhase::Warning);
    CHECK(nav.current().kind == ScreenKind::Disclosure); // reading is not cut off during the warning
    CHECK_FALSE(nav.apply({KioskActionKind::ContinueReading, {}}, 135));
    CHECK(nav.tick(136).phase == IdlePhase::Active);
    CHECK(nav.current().kind == ScreenKind::Disclosure);
    nav.noteInput(200); // a drag also counts
    CHECK(nav.tick(325).phase == IdlePhase::Warning);
    CHECK(nav.tick(330).phase == IdlePhase::Expired);
    CHECK(nav.attract());
}

TEST_CASE("show() opens a screen with Home below it", "[nav]") {
    Navigator nav;
    nav.show({ScreenKind::Guide, "g-1"});
    CHECK(nav.current() == ScreenRef{ScreenKind::Guide, "g-1"});
    CHECK(nav.apply(kBack, 1));
    CHECK(nav.current().kind == ScreenKind::Home);
    nav.show({ScreenKind::Home, {}});
    CHECK_FALSE(nav.canGoBack());
}

TEST_CASE("opening a notice from the attract loop's urgent banner puts Home below it", "[nav]") {
    Navigator nav;
    REQUIRE(nav.attract());
    CHECK(nav.apply(open(ScreenKind::Notice, "n-urgent"), 1));
    CHECK(nav.current() == ScreenRef{ScreenKind::Notice, "n-urgent"});
    CHECK(nav.apply(kBack, 2));
    CHECK(nav.current().kind == ScreenKind::Home);
    CHECK_FALSE(nav.canGoBack());
}

TEST_CASE("kinetic scroll: the page follows the finger, a flick glides and stops at the ends", "[scroll]") {
    KineticScroll scroll;
    scroll.setBounds(5000);
    scroll.press(800, 0.0);
    scroll.drag(700, 0.016);
    CHECK(scroll.offset() == Approx(100));
    scroll.drag(600, 0.032);
    scroll.drag(500, 0.048);
    scroll.release(0.050);
    CHECK(scroll.moving());
    const float at_release = scroll.offset();
    double t = 0.050;
    while (scroll.moving() && t < 5) scroll.step(t += 0.016);
    CHECK(scroll.offset() > at_release + 200); // it glided on after the finger lifted
    CHECK_FALSE(scroll.moving());
    CHECK(t < 3); // and came to rest

    // A finger that rests before lifting does not flick.
    scroll.press(500, 10.0);
    scroll.drag(400, 10.016);
    scroll.release(10.5);
    CHECK_FALSE(scroll.moving());

    // Never beyond the ends.
    scroll.setOffset(4990);
    scroll.press(800, 20.0);
    scroll.drag(100, 20.016);
    CHECK(scroll.offset() == 5000);
    scroll.release(20.02);
    scroll.step(20.1);
    CHECK(scroll.offset() == 5000);
    scroll.setBounds(100); // a shorter page (elder mode off, new publish) clamps the offset
    CHECK(scroll.offset() == 100);
    scroll.setOffset(-50);
    CHECK(scroll.offset() == 0);
}

TEST_CASE("turning a document's page replaces the screen: Back leaves the document", "[nav][attachment]") {
    Navigator nav;
    CHECK(nav.apply(kStart, 1));
    CHECK(nav.apply(open(ScreenKind::Disclosure, "d-1"), 2));
    CHECK(nav.apply(open(ScreenKind::Attachment, "d-1:1:1"), 3));
    nav.setScroll(500);
    const KioskAction next{KioskActionKind::TurnPage, ScreenRef{ScreenKind::Attachment, "d-1:1:2"}};
    CHECK(nav.apply(next, 4));
    CHECK(nav.current() == ScreenRef{ScreenKind::Attachment, "d-1:1:2"});
    CHECK(nav.scroll() == 0);        // the new page from its top
    CHECK_FALSE(nav.apply(next, 5)); // already there
    // A turn to another kind of screen is no turn.
    CHECK_FALSE(nav.apply({KioskActionKind::TurnPage, ScreenRef{ScreenKind::Notice, "n-1"}}, 5));
    CHECK(nav.apply(kBack, 6));
    CHECK(nav.current() == ScreenRef{ScreenKind::Disclosure, "d-1"});
}

} // namespace gk
