// Kiosk mode rendered for real (offscreen GL, real fonts, zbar): every screen of the demo portal
// in both orientations and both modes, the 适老化 sizes, the item's QR code, scrolling the seed
// document to its last line, and taps and drags delivered as SDL finger events.
#include "render_support.h"

#include "config/civil_time.h"
#include "kiosk/input/staff_overlay.h"
#include "kiosk/shell/kiosk_app.h"
#include "kiosk/staff/staff_auth.h"
#include "sync/html_text.h"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace gk;

namespace {

const std::int64_t kAt = *parseIsoDateTime("2026-11-28T10:00:00+08:00", 8 * 3600);
const char* const kSeedId = "hbx-2018-0003";

KioskContext kioskContext(const std::string& group = "hall-main") {
    return KioskContext{HallContext{test::demoContent(), group, 8 * 3600}};
}

std::vector<ScreenRef> everyScreen(const Content& content) {
    std::vector<ScreenRef> refs{{ScreenKind::Attract, {}}, {ScreenKind::Home, {}},      {ScreenKind::Catalog, {}},
                                {ScreenKind::Guides, {}},  {ScreenKind::Notices, {}},   {ScreenKind::Apply, {}},
                                {ScreenKind::Search, {}},  {ScreenKind::Search, "高龄"}};
    for (const Category& top : content.catalog) refs.push_back({ScreenKind::Catalog, top.code});
    for (const DisclosureItem& item : content.disclosures) refs.push_back({ScreenKind::Disclosure, item.id});
    for (const ServiceGuide& guide : content.guides) refs.push_back({ScreenKind::Guide, guide.id});
    for (const Notice& notice : content.notices) refs.push_back({ScreenKind::Notice, notice.id});
    return refs;
}

float lineWidth(const PageText& t) {
    return t.font->CalcTextSizeA(t.size, FLT_MAX, 0.0f, t.text.data(), t.text.data() + t.text.size()).x;
}

test::Image grab(const ScreenWindow& window) {
    return test::Image{window.width(), window.height(), window.readPixels()};
}

// A touch screen's finger event as SDL delivers it: position normalised to the window.
SDL_Event finger(Uint32 type, float x, float y, const ScreenWindow& window, SDL_FingerID id = 0) {
    SDL_Event event{};
    event.type = type;
    event.tfinger.touchId = 1;
    event.tfinger.fingerId = id;
    event.tfinger.x = x / static_cast<float>(window.width());
    event.tfinger.y = y / static_cast<float>(window.height());
    return event;
}

void tap(KioskApp& app, const ScreenWindow& window, ImVec2 at, double now) {
    app.handleEvent(finger(SDL_FINGERDOWN, at.x, at.y, window), now);
    app.handleEvent(finger(SDL_FINGERUP, at.x, at.y, window), now + 0.08);
}

ImVec2 centre(const Rect& r) {
    return ImVec2((r.min.x + r.max.x) / 2, (r.min.y + r.max.y) / 2);
}

} // namespace

TEST_CASE("every kiosk screen renders in both orientations and both modes, nothing clipped", "[render][kiosk]") {
    const auto [width, height, elder] = GENERATE(std::make_tuple(1920, 1080, false), std::make_tuple(1080, 1920, false),
                                                 std::make_tuple(1920, 1080, true), std::make_tuple(1080, 1920, true));
    test::HeadlessWindow headless(width, height);
    const auto content = test::demoContent();
    KioskApp app(headless.window, kioskContext(width > height ? "hall-main" : "hall-portrait"));
    const float min_text = elder ? 40.0f : 28.0f;
    const float min_target = elder ? 120.0f : 96.0f;
    int pages = 0;
    for (const ScreenRef& ref : everyScreen(*content)) {
        INFO(toString(ref) << " at " << width << "x" << height << (elder ? " elder" : ""));
        std::string error;
        REQUIRE(checkScreenRef(*content, ref, error));
        app.show(ref);
        app.setElder(elder);
        app.renderFrame(kAt, true);
        CHECK(app.navigator().current() == ref); // nothing bounced the screen elsewhere
        if (ref.kind == ScreenKind::Attract) continue;
        const Page* page = app.page();
        REQUIRE(page != nullptr);
        CHECK(page->height > 0);
        CHECK_FALSE(page->texts.empty());
        for (const PageText& text : page->texts) {
            CHECK(text.size >= min_text);
            CHECK(text.pos.x >= 0);
            CHECK(text.pos.x + lineWidth(text) <= page->width + 1.0f); // wrapped, never cut at the edge
        }
        for (const PageButton& button : page->buttons) CHECK(button.max.y - button.min.y >= min_target - 0.01f);
        const KioskLayout layout = app.layout();
        CHECK(layout.back.height() >= min_target);
        CHECK(layout.elder_toggle.height() >= min_target);
        ++pages;
    }
    CHECK(pages > 70);
}

TEST_CASE("kiosk colours meet the contrast rules: 4.5:1, and 7:1 in elder mode", "[kiosk]") {
    test::HeadlessWindow headless(1920, 1080);
    for (const bool elder : {false, true}) {
        const KioskStyle s = makeKioskStyle(1920, 1080, elder, headless.window.fonts());
        const double need = elder ? 7.0 : 4.5;
        INFO((elder ? "elder" : "normal"));
        for (const ImU32 ink : {s.text, s.muted, s.accent, s.link, s.warning}) {
            CHECK(contrastRatio(ink, s.background) >= need);
            CHECK(contrastRatio(ink, s.panel) >= need);
        }
        CHECK(contrastRatio(s.text, s.table_header) >= need);
        CHECK(contrastRatio(s.on_accent, s.accent) >= need);
        CHECK(contrastRatio(s.on_accent, s.warning) >= need);
        CHECK(s.scale == 1.0f);
    }
    CHECK(contrastRatio(IM_COL32(255, 255, 255, 255), IM_COL32(0, 0, 0, 255)) == Approx(21.0));
}

TEST_CASE("the item page's QR code decodes to its mobile_url in both orientations", "[render][kiosk][qr]") {
    const auto [width, height] = GENERATE(std::make_pair(1920, 1080), std::make_pair(1080, 1920));
    test::HeadlessWindow headless(width, height);
    KioskApp app(headless.window, kioskContext());
    const auto content = test::demoContent();
    const DisclosureItem* item = content->findDisclosure(kSeedId);
    REQUIRE(item != nullptr);
    REQUIRE_FALSE(item->mobile_url.empty());
    app.show({ScreenKind::Disclosure, kSeedId});
    app.renderFrame(kAt, true);
    app.renderFrame(kAt, true);
    const Rect panel = app.layout().panel;
    const auto png = test::testOutputDir() / ("kiosk-item-qr-" + std::to_string(width) + ".png");
    test::writePng(grab(headless.window), png, static_cast<int>(panel.min.x), static_cast<int>(panel.min.y),
                   static_cast<int>(panel.width()), static_cast<int>(panel.height()));
    CHECK(test::decodeQr(png) == item->mobile_url);

    // A guide shows two codes: the guide on the phone and where to apply online.
    const ServiceGuide& guide = content->guides.front();
    app.show({ScreenKind::Guide, guide.id});
    app.renderFrame(kAt, true);
    app.renderFrame(kAt, true);
    const Rect guide_panel = app.layout().panel;
    const bool portrait = height > width;
    const float half_w = portrait ? guide_panel.width() / 2 : guide_panel.width();
    const float half_h = portrait ? guide_panel.height() : guide_panel.height() / 2;
    const auto first = test::testOutputDir() / ("kiosk-guide-qr1-" + std::to_string(width) + ".png");
    const auto second = test::testOutputDir() / ("kiosk-guide-qr2-" + std::to_string(width) + ".png");
    const test::Image image = grab(headless.window);
    test::writePng(image, first, static_cast<int>(guide_panel.min.x), static_cast<int>(guide_panel.min.y),
                   static_cast<int>(half_w), static_cast<int>(half_h));
    test::writePng(image, second, static_cast<int>(portrait ? guide_panel.min.x + half_w : guide_panel.min.x),
                   static_cast<int>(portrait ? guide_panel.min.y : guide_panel.min.y + half_h),
                   static_cast<int>(half_w), static_cast<int>(half_h));
    CHECK(test::decodeQr(first) == guide.mobile_url);
    CHECK(test::decodeQr(second) == guide.online_url);
}

TEST_CASE("the whole seed document scrolls to its last line", "[render][kiosk]") {
    const auto [width, height, elder] = GENERATE(std::make_tuple(1920, 1080, false), std::make_tuple(1080, 1920, true));
    test::HeadlessWindow headless(width, height);
    KioskApp app(headless.window, kioskContext());
    app.show({ScreenKind::Disclosure, kSeedId});
    app.setElder(elder);
    app.renderFrame(kAt, true);
    const Page* page = app.page();
    REQUIRE(page != nullptr);
    // The last characters of the seed's text are on some line of the page.
    const std::string plain = plainText(test::demoContent()->findDisclosure(kSeedId)->body);
    const std::string tail = plain.substr(plain.rfind('\n') + 1);
    REQUIRE(tail.size() >= 6);
    int tail_line = -1;
    for (std::size_t i = 0; i < page->texts.size(); ++i)
        if (tail.find(page->texts[i].text) != std::string::npos && page->texts[i].text.size() >= 3)
            tail_line = static_cast<int>(i);
    REQUIRE(tail_line >= 0);
    const KioskScreenResult top = app.renderFrame(kAt, true);
    CHECK(top.last_visible_line < tail_line); // a long document: the end is not on the first screen
    app.setScroll(app.maxScrollOffset());
    const KioskScreenResult end = app.renderFrame(kAt, true);
    CHECK(end.last_visible_line == static_cast<int>(page->texts.size()) - 1);
    CHECK(end.last_visible_line >= tail_line);
}

TEST_CASE("taps open screens, Back returns, a drag scrolls without opening anything", "[render][kiosk][touch]") {
    test::HeadlessWindow headless(1920, 1080);
    ScreenWindow& window = headless.window;
    KioskApp app(window, kioskContext());
    double now = 100.0;
    app.frame(kAt, now);
    CHECK(app.navigator().attract());
    tap(app, window, ImVec2(960, 500), now += 1); // anywhere starts
    app.frame(kAt, now);
    CHECK(app.navigator().current().kind == ScreenKind::Home);
    app.frame(kAt, now); // Home laid out: its first tile is the catalog
    const Page* home = app.page();
    REQUIRE(home != nullptr);
    REQUIRE_FALSE(home->buttons.empty());
    const Rect content = pageViewport(makeKioskStyle(1920, 1080, false, window.fonts()), app.layout());
    const auto catalog = std::find_if(home->buttons.begin(), home->buttons.end(), [](const PageButton& b) {
        return b.action == openAction({ScreenKind::Catalog, {}});
    });
    REQUIRE(catalog != home->buttons.end());
    const PageButton& catalog_tile = *catalog;
    tap(app, window,
        ImVec2(content.min.x + (catalog_tile.min.x + catalog_tile.max.x) / 2,
               content.min.y + (catalog_tile.min.y + catalog_tile.max.y) / 2),
        now += 1);
    app.frame(kAt, now);
    CHECK(app.navigator().current() == ScreenRef{ScreenKind::Catalog, {}});
    app.frame(kAt, now);

    // A drag upwards over the tree scrolls it and opens nothing.
    const ImVec2 start(content.min.x + 200, content.max.y - 100);
    app.handleEvent(finger(SDL_FINGERDOWN, start.x, start.y, window), now += 1);
    for (int i = 1; i <= 10; ++i)
        app.handleEvent(finger(SDL_FINGERMOTION, start.x, start.y - 40.0f * static_cast<float>(i), window),
                        now + 0.016 * i);
    app.handleEvent(finger(SDL_FINGERUP, start.x, start.y - 400, window), now + 0.17);
    app.frame(kAt, now + 0.17);
    CHECK(app.navigator().current() == ScreenRef{ScreenKind::Catalog, {}});
    CHECK(app.scrollOffset() >= 390.0f);

    // ▼ pages down; Back returns to Home; the elder toggle works from any screen.
    const float before = app.scrollOffset();
    tap(app, window, centre(Rect{{app.layout().rail.min.x, app.layout().rail.max.y - 96}, app.layout().rail.max}),
        now += 1);
    app.frame(kAt, now);
    CHECK(app.scrollOffset() > before + 500);
    tap(app, window, centre(app.layout().elder_toggle), now += 1);
    app.frame(kAt, now);
    CHECK(app.navigator().elder());
    tap(app, window, centre(app.layout().back), now += 1);
    app.frame(kAt, now);
    CHECK(app.navigator().current().kind == ScreenKind::Home);
}

TEST_CASE("touch: a second finger never taps or drags, a flick keeps scrolling after release",
          "[render][kiosk][touch]") {
    test::HeadlessWindow headless(1920, 1080);
    ScreenWindow& window = headless.window;
    KioskApp app(window, kioskContext());
    double now = 100.0;
    app.show({ScreenKind::Catalog, {}});
    app.frame(kAt, now);
    const Rect content = pageViewport(makeKioskStyle(1920, 1080, false, window.fonts()), app.layout());
    const ImVec2 at(content.min.x + 300, content.max.y - 200);

    // A palm rests on the page (finger 1); a second finger taps a tile (finger 2) and lifts; then
    // the palm lifts where it was. Nothing opens: neither finger made a tap of its own.
    app.handleEvent(finger(SDL_FINGERDOWN, at.x, at.y, window, 1), now);
    app.handleEvent(finger(SDL_FINGERDOWN, at.x + 200, at.y - 600, window, 2), now + 0.05);
    app.handleEvent(finger(SDL_FINGERUP, at.x + 200, at.y - 600, window, 2), now + 0.1);
    app.handleEvent(finger(SDL_FINGERMOTION, at.x + 1, at.y - 1000, window, 2), now + 0.12); // a stray motion
    app.frame(kAt, now + 0.12);
    CHECK(app.navigator().current() == ScreenRef{ScreenKind::Catalog, {}});
    CHECK(app.scrollOffset() == 0.0f); // the second finger's motion dragged nothing
    app.handleEvent(finger(SDL_FINGERUP, at.x, at.y, window, 1), now + 0.4);
    app.frame(kAt, now + 0.4);
    // The palm's own down and up were a tap on whatever lay under it: that is the one tap allowed.
    const ScreenRef after_palm = app.navigator().current();

    // A quick upward flick with one finger while a second finger is down: the page follows the
    // first finger only, and keeps moving after it lifts.
    app.show({ScreenKind::Catalog, {}});
    app.frame(kAt, now += 2);
    REQUIRE(app.scrollOffset() == 0.0f);
    app.handleEvent(finger(SDL_FINGERDOWN, at.x, at.y, window, 3), now);
    app.handleEvent(finger(SDL_FINGERDOWN, at.x, at.y - 400, window, 4), now + 0.01);
    for (int i = 1; i <= 6; ++i) {
        const double t = now + 0.016 * i;
        app.handleEvent(finger(SDL_FINGERMOTION, at.x, at.y - 50.0f * static_cast<float>(i), window, 3), t);
        app.handleEvent(finger(SDL_FINGERMOTION, at.x, at.y + 50.0f * static_cast<float>(i), window, 4), t);
    }
    app.handleEvent(finger(SDL_FINGERUP, at.x, at.y - 300, window, 3), now + 0.1);
    app.frame(kAt, now + 0.1);
    const float released_at = app.scrollOffset();
    CHECK(released_at >= 290.0f); // followed finger 3 up by 300 px, not finger 4 down
    app.tick(now + 0.4);
    CHECK(app.scrollOffset() > released_at + 50.0f); // inertia
    CHECK(app.navigator().current() == ScreenRef{ScreenKind::Catalog, {}});
    app.handleEvent(finger(SDL_FINGERUP, at.x, at.y + 300, window, 4), now + 0.5);
    app.frame(kAt, now + 0.5);
    CHECK(app.navigator().current() == ScreenRef{ScreenKind::Catalog, {}}); // finger 4's lift is no tap
    INFO("the palm's tap went to " << toString(after_palm));

    // A finger whose lift never arrives does not leave the screen deaf: 3 s later a new finger is
    // followed. Back (a tap on it) works.
    SDL_Event stuck = finger(SDL_FINGERDOWN, at.x, at.y, window, 5);
    stuck.tfinger.timestamp = 10'000;
    app.handleEvent(stuck, now += 1);
    const ImVec2 back = centre(app.layout().back);
    SDL_Event down = finger(SDL_FINGERDOWN, back.x, back.y, window, 6),
              up = finger(SDL_FINGERUP, back.x, back.y, window, 6);
    down.tfinger.timestamp = 14'000;
    up.tfinger.timestamp = 14'080;
    app.handleEvent(down, now + 4);
    app.handleEvent(up, now + 4.08);
    app.frame(kAt, now + 4.1);
    CHECK(app.navigator().current() != ScreenRef{ScreenKind::Catalog, {}});
}

TEST_CASE("touch: on a panel cage turned by 90°, a tap where the tile is seen opens it", "[render][kiosk][touch]") {
    test::HeadlessWindow headless(1080, 1920);
    ScreenWindow& window = headless.window;
    window.setTouchRotation(90);
    KioskApp app(window, kioskContext("hall-portrait"));
    double now = 100.0;
    app.show({ScreenKind::Home, {}});
    app.frame(kAt, now);
    const Page* home = app.page();
    REQUIRE(home != nullptr);
    const auto tile = std::find_if(home->buttons.begin(), home->buttons.end(), [](const PageButton& b) {
        return b.action == openAction({ScreenKind::Catalog, {}});
    });
    REQUIRE(tile != home->buttons.end());
    const Rect content = pageViewport(makeKioskStyle(1080, 1920, false, window.fonts()), app.layout());
    const ImVec2 seen(content.min.x + (tile->min.x + tile->max.x) / 2, content.min.y + (tile->min.y + tile->max.y) / 2);
    // The panel reports the finger in its own coordinates: the screen's top along its left edge,
    // the screen's left along its bottom (what cage -r does to the picture, not to touch).
    const float x = seen.x / 1080.0f, y = seen.y / 1920.0f;
    SDL_Event down{};
    down.type = SDL_FINGERDOWN;
    down.tfinger.touchId = 1;
    down.tfinger.x = y;
    down.tfinger.y = 1.0f - x;
    SDL_Event up = down;
    up.type = SDL_FINGERUP;
    app.handleEvent(down, now += 1);
    app.handleEvent(up, now + 0.08);
    app.frame(kAt, now + 0.1);
    CHECK(app.navigator().current() == ScreenRef{ScreenKind::Catalog, {}});
}

TEST_CASE("touch: the staff corner held 5 s with a finger asks for the PIN, a second finger does not cancel it",
          "[render][kiosk][touch][staff]") {
    test::HeadlessWindow headless(1080, 1920);
    ScreenWindow& window = headless.window;
    const std::filesystem::path dir = test::testOutputDir() / "staff-touch";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    StaffOverlay staff(window, StaffPanelContext{dir, dir / "playlists" / "hall-main.json", "hall-main",
                                                 hashPin("2468", kMinPinHashIterations), DeviceMode::Kiosk, false,
                                                 8 * 3600, nullptr});
    const std::int64_t t0 = 1'000'000;
    CHECK_FALSE(staff.handleEvent(finger(SDL_FINGERDOWN, 30, 30, window, 7), t0));
    CHECK_FALSE(staff.handleEvent(finger(SDL_FINGERDOWN, 600, 900, window, 8), t0 + 1000)); // another finger
    CHECK_FALSE(staff.handleEvent(finger(SDL_FINGERMOTION, 900, 1500, window, 8), t0 + 1200));
    CHECK_FALSE(staff.handleEvent(finger(SDL_FINGERUP, 900, 1500, window, 8), t0 + 1500));
    CHECK_FALSE(staff.poll(t0 + 4900));
    CHECK(staff.poll(t0 + 5100));
    CHECK(staff.active());
    CHECK(staff.panel().phase() == StaffPanel::Phase::Pin);
}

TEST_CASE("an idle kiosk warns for 10 s with 「继续阅读」, then returns to the attract loop", "[render][kiosk][idle]") {
    test::HeadlessWindow headless(1080, 1920);
    ScreenWindow& window = headless.window;
    KioskApp app(window, kioskContext("hall-portrait"));
    double now = 10.0;
    tap(app, window, ImVec2(500, 500), now);
    app.frame(kAt, now);
    REQUIRE(app.navigator().current().kind == ScreenKind::Home);
    CHECK(app.tick(now + 119).phase == IdlePhase::Active);
    CHECK(app.tick(now + 125).phase == IdlePhase::Warning);
    app.frame(kAt, now + 125);
    tap(app, window, ImVec2(540, 960), now + 126); // a tap anywhere keeps reading
    app.frame(kAt, now + 126);
    CHECK(app.navigator().current().kind == ScreenKind::Home);
    CHECK(app.tick(now + 127).phase == IdlePhase::Active);
    CHECK(app.tick(now + 126 + 120 + 10.5).phase == IdlePhase::Expired);
    CHECK(app.navigator().attract());
}

namespace {

SDL_Event key(SDL_Keycode code) {
    SDL_Event event{};
    event.type = SDL_KEYDOWN;
    event.key.keysym.sym = code;
    return event;
}

// The rects behind matched text on the page: the search highlight.
std::size_t marks(const Page& page, const KioskStyle& style) {
    return static_cast<std::size_t>(
        std::count_if(page.rects.begin(), page.rects.end(), [&](const PageRect& r) { return r.fill == style.mark; }));
}

} // namespace

TEST_CASE("pinyin typed on a keyboard finds 政务 — a result opens, Back returns to the query",
          "[render][kiosk][search]") {
    test::HeadlessWindow headless(1920, 1080);
    ScreenWindow& window = headless.window;
    KioskContext context = kioskContext();
    context.data_dir = test::testOutputDir() / "search-data";
    KioskApp app(window, context);
    double now = 100.0;
    app.show({ScreenKind::Home, {}});
    app.frame(kAt, now);
    // Typing on Home starts a search with what is typed; the IME composes pinyin.
    for (const char c : std::string("zhengwu")) app.handleEvent(key(c), now += 0.2);
    app.frame(kAt, now);
    REQUIRE(app.navigator().current().kind == ScreenKind::Search);
    const KioskStyle style = makeKioskStyle(1920, 1080, false, window.fonts());
    // Before a candidate is picked, the results are already what the first candidate 政务 finds
    // (the letters zhengwu find nothing).
    app.renderFrame(kAt, true); // waits for the index, built on a worker thread since the start
    REQUIRE(app.page() != nullptr);
    CHECK(marks(*app.page(), style) >= 3);
    app.handleEvent(key(SDLK_SPACE), now += 0.2); // the first candidate: 政务
    app.frame(kAt, now);
    app.renderFrame(kAt, true);
    CHECK(app.navigator().current() == ScreenRef{ScreenKind::Search, "政务"});
    const Page* page = app.page();
    REQUIRE(page != nullptr);
    CHECK(marks(*page, style) >= 3); // each result shows where 政务 matched
    const auto first_result = std::find_if(page->buttons.begin(), page->buttons.end(),
                                           [](const PageButton& b) { return b.action.kind == KioskActionKind::Open; });
    REQUIRE(first_result != page->buttons.end());
    CHECK(first_result->action.target == ScreenRef{ScreenKind::Disclosure, "bsz-2026-0010"}); // 政务 in its title
    // The keyboard takes the bottom of the screen: the results end above it.
    const Rect viewport = pageViewport(style, app.layout());
    CHECK(viewport.max.y <= app.layout().keyboard.min.y);

    // Enter searches and puts the keyboard away; the result opens; Back brings the query back.
    app.handleEvent(key(SDLK_RETURN), now += 0.2);
    app.frame(kAt, now);
    CHECK(pageViewport(style, app.layout()).max.y > viewport.max.y);
    app.frame(kAt, now);
    // The page was laid out again for the taller viewport: find the result on the new page.
    const Page* results = app.page();
    REQUIRE(results != nullptr);
    const auto result = std::find_if(results->buttons.begin(), results->buttons.end(),
                                     [](const PageButton& b) { return b.action.kind == KioskActionKind::Open; });
    REQUIRE(result != results->buttons.end());
    REQUIRE(result->action.target == ScreenRef{ScreenKind::Disclosure, "bsz-2026-0010"});
    const Rect area = pageViewport(style, app.layout());
    tap(app, window, ImVec2(area.min.x + 200, area.min.y + (result->min.y + result->max.y) / 2 - app.scrollOffset()),
        now += 1);
    app.frame(kAt, now);
    CHECK(app.navigator().current() == ScreenRef{ScreenKind::Disclosure, "bsz-2026-0010"});
    tap(app, window, centre(app.layout().back), now += 1);
    app.frame(kAt, now);
    CHECK(app.navigator().current() == ScreenRef{ScreenKind::Search, "政务"});
}

TEST_CASE("traditional characters and pinyin initials find what simplified text does", "[render][kiosk][search]") {
    test::HeadlessWindow headless(1080, 1920);
    KioskContext context = kioskContext("hall-portrait");
    context.data_dir = test::testOutputDir() / "search-data";
    KioskApp app(headless.window, context);
    const auto first_open = [&](const std::string& query) {
        app.show({ScreenKind::Search, query});
        app.renderFrame(kAt, true);
        app.renderFrame(kAt, true);
        REQUIRE(app.page() != nullptr);
        for (const PageButton& b : app.page()->buttons)
            if (b.action.kind == KioskActionKind::Open) return toString(b.action.target);
        return std::string("none");
    };
    const std::string simplified = first_open("政务公开");
    CHECK(simplified != "none");
    CHECK(first_open("政務公開") == simplified);
    CHECK(first_open("不存在的内容xyz") == "none");
    CHECK(first_open("gljt") == "disclosure:bsz-2026-0011"); // keyword 高龄津贴
}

TEST_CASE("a document: a swipe turns its page, a zoomed page follows a drag sideways", "[render][kiosk][attachment]") {
    test::HeadlessWindow headless(1920, 1080);
    ScreenWindow& window = headless.window;
    KioskContext context = kioskContext();
    context.pdf_helper = GONGKAI_PDF_HELPER;
    KioskApp app(window, context);
    // The demo's budget table: two pages, its second attachment.
    app.show(attachmentScreen({"bsz-2026-0004", 2, 1}));
    app.renderFrame(kAt, true); // settled: waits for the page
    REQUIRE(app.page() != nullptr);
    REQUIRE(app.page()->images.size() == 1);
    CHECK(maxPan(*app.page()) == 0); // normal mode fits the width
    const Rect area = pageViewport(makeKioskStyle(1920, 1080, false, window.fonts()), app.layout());
    double now = 100.0;
    const auto drag = [&](ImVec2 from, ImVec2 by) {
        app.handleEvent(finger(SDL_FINGERDOWN, from.x, from.y, window), now += 1);
        for (int i = 1; i <= 10; ++i)
            app.handleEvent(finger(SDL_FINGERMOTION, from.x + by.x * static_cast<float>(i) / 10,
                                   from.y + by.y * static_cast<float>(i) / 10, window),
                            now + 0.016 * i);
        app.handleEvent(finger(SDL_FINGERUP, from.x + by.x, from.y + by.y, window), now + 0.17);
    };
    const ImVec2 middle = centre(area);
    drag(middle, ImVec2(-400, 20)); // right to left: the next page
    CHECK(app.navigator().current() == attachmentScreen({"bsz-2026-0004", 2, 2}));
    app.renderFrame(kAt, true);
    drag(middle, ImVec2(-400, 0)); // there is no page 3
    CHECK(app.navigator().current() == attachmentScreen({"bsz-2026-0004", 2, 2}));
    drag(middle, ImVec2(400, -10)); // left to right: back
    CHECK(app.navigator().current() == attachmentScreen({"bsz-2026-0004", 2, 1}));
    drag(middle, ImVec2(-60, -300)); // mostly up: a scroll, not a turn
    CHECK(app.navigator().current() == attachmentScreen({"bsz-2026-0004", 2, 1}));

    // Elder mode starts zoomed: the page is wider than the screen and a drag moves it, not the page number.
    app.setElder(true);
    app.renderFrame(kAt, true);
    REQUIRE(app.page() != nullptr);
    REQUIRE(app.page()->images.size() == 1);
    REQUIRE(maxPan(*app.page()) > 300);
    const Rect elder_area = pageViewport(makeKioskStyle(1920, 1080, true, window.fonts()), app.layout());
    app.setScroll(app.page()->images[0].pos.y); // the page's top at the viewport's
    app.renderFrame(kAt, true);
    const test::Image before = grab(window);
    drag(centre(elder_area), ImVec2(-300, 0));
    CHECK(app.navigator().current() == attachmentScreen({"bsz-2026-0004", 2, 1}));
    app.renderFrame(kAt, true);
    const test::Image after = grab(window);
    // What was 300 px to the right is now here, row for row; and the page has ink to compare.
    const int x0 = static_cast<int>(elder_area.min.x), x1 = static_cast<int>(elder_area.max.x) - 300;
    const int y0 = static_cast<int>(elder_area.min.y) + 10, y1 = static_cast<int>(elder_area.max.y) - 10;
    int moved_same = 0, differs = 0, dark = 0;
    for (int y = y0; y < y1; y += 7)
        for (int x = x0; x < x1; ++x) {
            moved_same += after.luma(x, y) == before.luma(x + 300, y);
            differs += after.luma(x, y) != before.luma(x, y);
            dark += before.dark(x + 300, y);
        }
    const int samples = ((y1 - y0 + 6) / 7) * (x1 - x0);
    CHECK(dark > samples / 200);
    CHECK(moved_same == samples);
    CHECK(differs > 0);
}
