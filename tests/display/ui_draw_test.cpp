// Draw functions run in the bare ImGui context of ui_support (no window, no GL) and their
// ImDrawList output inspected: the context measures with the program's fonts; drawPage draws only
// inside its viewport and only the rows that show, and reports taps; drawKioskScreen keeps the bar,
// the page, the rail and the QR panel in their rectangles; the information screen's partial
// redraws (clock, card, ticker) stay inside the boxes the frame loop clears; a page with an image
// draws without a texture.
#include "ui_support.h"

#include "config/civil_time.h"
#include "display/info/info_card.h"
#include "display/info/info_screen.h"
#include "display/kiosk/kiosk_pages.h"
#include "display/kiosk/kiosk_screen.h"
#include "display/theme.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <tuple>
#include <vector>

using namespace gk;

namespace {

constexpr int kCst = 8 * 3600;
const std::int64_t kNow = epochFromCivil(2026, 11, 28, 10, 0, 0, kCst);

ImVec2 screenOf(int width, int height) {
    return ImVec2(static_cast<float>(width), static_cast<float>(height));
}

// Inside the rectangle, give or take `slack` pixels (anti-aliased edges reach half a pixel out).
bool within(ImVec2 p, ImVec2 min, ImVec2 max, float slack = 0) {
    return p.x >= min.x - slack && p.x <= max.x + slack && p.y >= min.y - slack && p.y <= max.y + slack;
}

bool within(ImVec2 p, const Rect& r, float slack = 0) {
    return within(p, r.min, r.max, slack);
}

// The clip rectangle lies inside the box (ImGui intersects a pushed clip rect with the display).
bool clipWithin(const ImVec4& clip, const Rect& box) {
    return clip.x >= box.min.x && clip.y >= box.min.y && clip.z <= box.max.x && clip.w <= box.max.y;
}

// What a command can change on screen, where its vertices and its clip rectangle overlap, lies
// inside the box (an empty overlap changes nothing).
bool paintsWithin(const test::DrawnCommand& command, const Rect& box) {
    const float x0 = std::max(command.min.x, command.clip.x), y0 = std::max(command.min.y, command.clip.y);
    const float x1 = std::min(command.max.x, command.clip.z), y1 = std::min(command.max.y, command.clip.w);
    if (x1 <= x0 || y1 <= y0) return true;
    return x0 >= box.min.x && y0 >= box.min.y && x1 <= box.max.x && y1 <= box.max.y;
}

bool clipIs(const ImVec4& clip, const Rect& box) {
    return clip.x == box.min.x && clip.y == box.min.y && clip.z == box.max.x && clip.w == box.max.y;
}

// The vertices `allowed` refuses, told as "N vertices astray, the first at (x, y)"; "" when none,
// so that a failure is one line, not one per vertex.
template <class Allowed> std::string strays(const std::vector<test::DrawnVertex>& vertices, Allowed allowed) {
    std::size_t count = 0;
    ImVec2 first;
    for (const test::DrawnVertex& v : vertices)
        if (!allowed(v) && count++ == 0) first = v.pos;
    if (count == 0) return "";
    return std::to_string(count) + " vertices astray, the first at (" + std::to_string(first.x) + ", " +
           std::to_string(first.y) + ")";
}

std::size_t vertexCount(const ImDrawData& data) {
    return static_cast<std::size_t>(data.TotalVtxCount);
}

// A publish whose one category holds `items` disclosure items, for long lists.
Content listContent(int items) {
    Content c;
    c.generation = "g-list";
    c.catalog = {{"0201", "规范性文件", {}}};
    for (int i = 0; i < items; ++i) {
        DisclosureItem d;
        d.id = "d-" + std::to_string(100000 + i); // ids sort like the numbers: the list order is known
        d.category = "0201";
        d.published_date = "2026-01-01";
        d.publisher = "白沙镇人民政府";
        d.title = "白沙镇政务公开事项第 " + std::to_string(i) + " 号";
        c.disclosures.push_back(d);
    }
    return c;
}

// A directory of this process under /tmp, removed with everything in it when the test ends,
// failed or not.
struct TempDir {
    std::filesystem::path path = std::filesystem::temp_directory_path() / ("gk-ui-tests-" + std::to_string(::getpid()));
    TempDir() { std::filesystem::create_directories(path); }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

struct Screen {
    KioskStyle style;
    KioskLayout layout;
    Rect viewport;
    KioskPage page;
};

Screen kioskScreen(const ScreenRef& ref, const Content& content, int width, int height, bool elder = false) {
    Screen s;
    s.style = test::UiContext::get().kioskStyle(width, height, elder);
    s.layout = layoutKioskScreen(s.style, screenOf(width, height),
                                 {.panel = pageHasPanel(ref), .rail = ref.kind != ScreenKind::Home});
    s.viewport = pageViewport(s.style, s.layout);
    s.page = buildKioskPage(ref, PageContext{&content, kNow, kCst, nullptr}, s.style, s.viewport.width(),
                            s.viewport.height());
    return s;
}

} // namespace

TEST_CASE("the bare context has the program's fonts: Noto Sans CJK SC with HanaMinA and HanaMinB merged in",
          "[ui][fonts]") {
    test::UiFrame frame(screenOf(1920, 1080));
    const Fonts& fonts = test::UiContext::get().fonts();
    REQUIRE(fonts.regular != nullptr);
    REQUIRE(fonts.bold != nullptr);
    for (ImFont* font : {fonts.regular, fonts.bold}) {
        REQUIRE(font->Sources.Size == 3);
        CHECK(std::string(font->Sources[1]->Name) == "HanaMinA");
        CHECK(std::string(font->Sources[2]->Name) == "HanaMinB");
    }
    CHECK(std::string(fonts.regular->GetDebugName()) == "Noto Sans CJK SC");
    CHECK(std::string(fonts.bold->GetDebugName()) == "Noto Sans CJK SC Bold");
    ImFontBaked* baked = fonts.regular->GetFontBaked(28);
    // ImGui sizes a face by its ascender + descender (FreeType's REAL_DIM size request), not by
    // its em: Noto Sans CJK's are 1.160 + 0.288 em, so at "28 px" an ideograph is 28 / 1.448 ≈ 19 px
    // wide. Every CJK character and full-width mark has that one advance; Latin is proportional.
    const float ideograph = baked->GetCharAdvance(U'政');
    CHECK(ideograph == Approx(28.0 / 1.448).margin(0.5));
    CHECK(baked->GetCharAdvance(U'，') == ideograph);
    CHECK(baked->GetCharAdvance(U'i') < baked->GetCharAdvance(U'W'));
    // 𪚥 (U+2A6A5, GB 18030 Level 3, CJK Ext-B: not in Noto Sans CJK) is a real glyph from HanaMinB
    // in both faces, full width, not a narrow fallback box. (It is wider than Noto's: HanaMin is
    // sized by its own ascender + descender, which are a smaller share of its em. Reported.)
    for (ImFont* font : {fonts.regular, fonts.bold}) {
        const ImFontGlyph* glyph = font->GetFontBaked(28)->FindGlyphNoFallback(static_cast<ImWchar>(0x2A6A5));
        REQUIRE(glyph != nullptr);
        CHECK(glyph->Visible);
        CHECK(glyph->AdvanceX >= ideograph);
        CHECK(glyph->AdvanceX < 28);
    }
    // Glyphs are rasterized into the atlas's pixels on the CPU: there is no GPU behind this.
    const ImTextureData* atlas = ImGui::GetIO().Fonts->TexData;
    REQUIRE(atlas != nullptr);
    REQUIRE(atlas->Pixels != nullptr);
    CHECK(atlas->Format == ImTextureFormat_Alpha8);
}

TEST_CASE("drawPage draws a long list only inside its viewport and only the rows that show, and maps taps to rows",
          "[ui][draw]") {
    const Content short_list = listContent(20);
    const Content long_list = listContent(2000);
    const ImVec2 display = screenOf(1920, 1080);
    test::NullImages images;

    std::size_t short_vertices = 0;
    {
        test::UiFrame frame(display);
        const Screen s = kioskScreen({ScreenKind::Catalog, "0201"}, short_list, 1920, 1080);
        REQUIRE(s.page.page.height > s.viewport.height()); // 20 rows already fill the viewport
        drawPage(ImGui::GetBackgroundDrawList(), s.page.page, s.viewport.min, s.viewport.max, 0, nullptr, &images);
        short_vertices = vertexCount(frame.render());
    }

    test::UiFrame frame(display);
    const Screen s = kioskScreen({ScreenKind::Catalog, "0201"}, long_list, 1920, 1080);
    const Page& page = s.page.page;
    REQUIRE(page.buttons.size() == 2000);
    const float offset = std::floor(page.height / 2);
    const ImVec2 tap((s.viewport.min.x + s.viewport.max.x) / 2, s.viewport.min.y + 300);
    int last_line = -1;
    const KioskAction tapped = drawPage(ImGui::GetBackgroundDrawList(), page, s.viewport.min, s.viewport.max, offset,
                                        &tap, &images, &last_line);
    const ImDrawData& data = frame.render();

    // Everything is clipped to the viewport.
    const std::vector<test::DrawnCommand> commands = test::drawnCommands(data);
    REQUIRE_FALSE(commands.empty());
    for (const test::DrawnCommand& command : commands) CHECK(clipIs(command.clip, s.viewport));
    // Lines are drawn only where they show: each glyph of the body text ends up inside the
    // viewport, give or take the row that is cut at its top and bottom edge.
    const float row = s.style.px(s.style.target_px) * 2;
    CHECK(strays(test::verticesOfColour(data, s.style.text), [&](const test::DrawnVertex& v) {
              return within(v.pos, ImVec2(s.viewport.min.x, s.viewport.min.y - row),
                            ImVec2(s.viewport.max.x, s.viewport.max.y + row));
          }) == "");
    // A list of 2,000 rows draws what its visible rows draw: about what the 20-row list drew. (The
    // rows' boxes are culled by drawPage; lines outside the clip are dropped by AddText itself too,
    // so the culling of lines shows in the time a frame takes, not in what it draws.)
    INFO("vertices: 2000 rows " << vertexCount(data) << ", 20 rows " << short_vertices);
    CHECK(vertexCount(data) < short_vertices * 3 / 2);
    // The last line reported as drawn is on screen, and the one after it is not (fully).
    REQUIRE(last_line >= 0);
    REQUIRE(static_cast<std::size_t>(last_line) + 1 < page.texts.size());
    const float view_bottom = offset + s.viewport.height();
    CHECK(page.texts[static_cast<std::size_t>(last_line)].pos.y >= offset);
    CHECK(page.texts[static_cast<std::size_t>(last_line)].pos.y + page.texts[0].size <= view_bottom + 1);
    CHECK(page.texts[static_cast<std::size_t>(last_line) + 1].pos.y + page.texts[0].size > view_bottom);

    // The tap opens the row under it, found in page coordinates at the scroll offset.
    const float page_y = offset + (tap.y - s.viewport.min.y);
    const auto under = std::find_if(page.buttons.begin(), page.buttons.end(),
                                    [&](const PageButton& b) { return page_y >= b.min.y && page_y < b.max.y; });
    REQUIRE(under != page.buttons.end());
    CHECK(tapped == under->action);
    CHECK(tapped.target.id != "d-100000"); // not the first row: the offset was applied

    // A tap outside the viewport (on the top bar) opens nothing, and the press misses no frame.
    const ImVec2 outside(tap.x, s.viewport.min.y - 10);
    CHECK(drawPage(ImGui::GetBackgroundDrawList(), page, s.viewport.min, s.viewport.max, offset, &outside, &images)
              .kind == KioskActionKind::None);
    CHECK(images.lookups == 0); // no images on a list
}

TEST_CASE("drawKioskScreen: bar, page, rail and QR panel each draw inside their own rectangles, taps hit them",
          "[ui][draw][kiosk]") {
    const auto content = test::demoPortal();
    const auto [width, height] = GENERATE(std::make_tuple(1920, 1080), std::make_tuple(1080, 1920));
    INFO(width << "x" << height);
    // The demo's item with a spreadsheet and an image attachment: QR codes in the page too.
    const ScreenRef ref{ScreenKind::Disclosure, "bsz-2026-0004"};
    std::string error;
    REQUIRE(checkScreenRef(*content, ref, error));
    test::UiFrame frame(screenOf(width, height));
    const Screen s = kioskScreen(ref, *content, width, height);
    REQUIRE(s.page.page.height > s.viewport.height()); // the rail has something to do
    REQUIRE_FALSE(s.page.page.qrs.empty());
    KioskScreenView view;
    view.title = s.page.title;
    view.can_go_back = true;
    view.clock_text = "10:00";
    view.page = &s.page.page;
    view.panel = encodePanel(s.page.panel);
    REQUIRE(view.panel.size() == 1);
    test::NullImages images;
    const KioskScreenResult result = drawKioskScreen(view, s.style, s.layout, nullptr, &images);
    const ImDrawData& data = frame.render();
    CHECK(result.action.kind == KioskActionKind::None);
    CHECK(result.last_visible_line >= 0);

    const Rect screen{{0, 0}, screenOf(width, height)};
    for (const test::DrawnCommand& command : test::drawnCommands(data))
        CHECK((clipIs(command.clip, screen) || clipIs(command.clip, s.viewport)));
    // Body text is the page's, clipped to the viewport, or the panel's caption.
    CHECK(strays(test::verticesOfColour(data, s.style.text), [&](const test::DrawnVertex& v) {
              return clipIs(v.clip, s.viewport) || within(v.pos, s.layout.panel);
          }) == "");
    // Black is only ever a QR module: the page's codes inside the viewport, the panel's code in
    // the panel.
    const std::vector<test::DrawnVertex> dark = test::verticesOfColour(data, IM_COL32_BLACK);
    REQUIRE_FALSE(dark.empty());
    CHECK(strays(dark, [&](const test::DrawnVertex& v) {
              return clipIs(v.clip, s.viewport) || within(v.pos, s.layout.panel);
          }) == "");
    CHECK(
        std::any_of(dark.begin(), dark.end(), [&](const test::DrawnVertex& v) { return !clipIs(v.clip, s.viewport); }));
    // Outside the page, white is the top bar's (buttons, title, clock), the rail's ▼ label and the
    // QR panel's background: nothing strays elsewhere.
    REQUIRE(s.style.on_accent == s.style.panel);
    CHECK(strays(test::verticesOfColour(data, s.style.on_accent), [&](const test::DrawnVertex& v) {
              return clipIs(v.clip, s.viewport) || within(v.pos, s.layout.top_bar, 1) ||
                     within(v.pos, s.layout.rail, 1) || within(v.pos, s.layout.panel, 1);
          }) == "");
    // The red bar itself spans the screen's width at the top.
    bool bar_left = false, bar_right = false;
    for (const test::DrawnVertex& v : test::verticesOfColour(data, s.style.accent)) {
        bar_left = bar_left || (v.pos.x == 0 && v.pos.y == 0);
        bar_right = bar_right || (v.pos.x == s.layout.top_bar.max.x && v.pos.y == s.layout.top_bar.max.y);
    }
    CHECK(bar_left);
    CHECK(bar_right);

    // Taps: Back, the elder toggle, ▼ on the rail (not ▲ at the top), and nothing on the panel.
    auto tapAt = [&](ImVec2 at) { return drawKioskScreen(view, s.style, s.layout, &at, &images).action.kind; };
    auto centre = [](const Rect& r) { return ImVec2((r.min.x + r.max.x) / 2, (r.min.y + r.max.y) / 2); };
    CHECK(tapAt(centre(s.layout.back)) == KioskActionKind::Back);
    CHECK(tapAt(centre(s.layout.home)) == KioskActionKind::Home);
    CHECK(tapAt(centre(s.layout.elder_toggle)) == KioskActionKind::ToggleElder);
    CHECK(tapAt(ImVec2(centre(s.layout.rail).x, s.layout.rail.max.y - 10)) == KioskActionKind::PageDown);
    CHECK(tapAt(ImVec2(centre(s.layout.rail).x, s.layout.rail.min.y + 10)) == KioskActionKind::None);
    CHECK(tapAt(centre(s.layout.panel)) == KioskActionKind::None);
}

TEST_CASE("the information screen's urgent and important colours reach 7:1 with what is drawn on them",
          "[ui][info][contrast]") {
    const Theme theme = makeTheme(1920, 1080);
    // The chips and the urgent banner: white on the colour; an urgent title: the colour on the page.
    CHECK(contrastRatio(theme.header_text, theme.urgent) >= 7.0);
    CHECK(contrastRatio(theme.header_text, theme.important) >= 7.0);
    CHECK(contrastRatio(theme.urgent, theme.background) >= 7.0);
    CHECK(contrastRatio(theme.text, theme.background) >= 7.0);
    CHECK(contrastRatio(theme.muted, theme.background) >= 4.5);
}

TEST_CASE("an urgent notice's banner sits under the top bar on every page, above the page, and a tap opens it",
          "[ui][draw][kiosk][urgent]") {
    const auto content = test::demoPortal();
    const auto [width, height] = GENERATE(std::make_tuple(1920, 1080), std::make_tuple(1080, 1920));
    INFO(width << "x" << height);
    const ScreenRef ref{ScreenKind::Guides, {}};
    test::UiFrame frame(screenOf(width, height));
    Screen s = kioskScreen(ref, *content, width, height);
    s.layout = layoutKioskScreen(s.style, screenOf(width, height), {.urgent = true});
    s.viewport = pageViewport(s.style, s.layout);
    // A row under the bar, as wide as the screen and at least a touch target tall; the page
    // starts below it.
    CHECK(s.layout.urgent.min.y == s.layout.top_bar.max.y);
    CHECK(s.layout.urgent.width() == width);
    CHECK(s.layout.urgent.height() >= s.style.px(s.style.target_px) - 1);
    CHECK(s.viewport.min.y >= s.layout.urgent.max.y);
    KioskScreenView view;
    view.title = s.page.title;
    view.clock_text = "10:00";
    view.page = &s.page.page;
    view.urgent = UrgentBanner{"n-urgent", "关于暂停供水的紧急通知", 0};
    test::NullImages images;
    drawKioskScreen(view, s.style, s.layout, nullptr, &images);
    const ImDrawData& data = frame.render();
    // Its red fills the row and nothing else; white on it is readable at 7:1 and more.
    const std::vector<test::DrawnVertex> red = test::verticesOfColour(data, s.style.urgent);
    REQUIRE_FALSE(red.empty());
    CHECK(strays(red, [&](const test::DrawnVertex& v) { return within(v.pos, s.layout.urgent, 1); }) == "");
    CHECK(contrastRatio(s.style.urgent, s.style.on_accent) >= 7.0);
    const ImVec2 in_banner(s.layout.urgent.max.x - 40, (s.layout.urgent.min.y + s.layout.urgent.max.y) / 2);
    CHECK(drawKioskScreen(view, s.style, s.layout, &in_banner, &images).action ==
          openAction({ScreenKind::Notice, "n-urgent"}));
    // Without an urgent notice nothing is drawn there and the tap does nothing.
    view.urgent.reset();
    CHECK(drawKioskScreen(view, s.style, s.layout, &in_banner, &images).action.kind == KioskActionKind::None);
}

TEST_CASE("a page with an image lays it out from the file's header and draws without a texture", "[ui][draw][image]") {
    // The demo notice with a map, its image put where the store keeps verified attachments.
    Content content = *test::demoPortal();
    const Notice* notice = content.findNotice("n-2026-038");
    REQUIRE(notice != nullptr);
    REQUIRE(notice->image.has_value());
    const TempDir store;
    const std::filesystem::path objects = store.path / "objects";
    const std::string sha = notice->image->sha256;
    std::filesystem::create_directories(objects / sha.substr(0, 2));
    std::filesystem::copy_file(std::filesystem::path(GONGKAI_SOURCE_DIR) / "assets/demo-portal" / notice->image->href,
                               objects / sha.substr(0, 2) / sha, std::filesystem::copy_options::overwrite_existing);
    content.objects_dir = objects;

    test::UiFrame frame(screenOf(1920, 1080));
    const Screen s = kioskScreen({ScreenKind::Notice, "n-2026-038"}, content, 1920, 1080);
    const Page& page = s.page.page;
    REQUIRE(page.images.size() == 1);
    const PageImage& image = page.images[0];
    const auto [file_w, file_h] = imageFileSize(content.attachmentPath(*notice->image).string());
    REQUIRE(file_w > 0);
    CHECK(image.attachment_key == sha);
    CHECK(image.pos.x >= 0);
    CHECK(image.pos.x + image.size.x <= page.width);
    CHECK(image.size.x <= static_cast<float>(file_w) * 2 * s.style.scale); // never enlarged more than 2×
    CHECK(image.size.y / image.size.x == Approx(static_cast<float>(file_h) / static_cast<float>(file_w)).epsilon(0.01));

    test::NullImages images;
    drawPage(ImGui::GetBackgroundDrawList(), page, s.viewport.min, s.viewport.max, 0, nullptr, &images);
    const ImDrawData& data = frame.render();
    CHECK(images.lookups == 1); // the image was on screen and asked for
    // Without a texture nothing is drawn for it: an image would be a command of its own, with its
    // own texture, covering just its box; here the font atlas is the only texture.
    const ImVec2 box_min(s.viewport.min.x + image.pos.x + 1, s.viewport.min.y + image.pos.y + 1);
    const ImVec2 box_max(box_min.x + image.size.x - 2, box_min.y + image.size.y - 2);
    std::set<ImTextureID> textures;
    for (const test::DrawnCommand& command : test::drawnCommands(data)) {
        textures.insert(command.texture);
        const bool inside_box = command.min.x >= box_min.x && command.max.x <= box_max.x &&
                                command.min.y >= box_min.y && command.max.y <= box_max.y;
        CHECK_FALSE(inside_box);
    }
    CHECK(textures.size() == 1);
}

TEST_CASE("the information screen: clock, card and ticker redraws stay in the boxes the frame loop clears",
          "[ui][draw][info]") {
    const auto [width, height] = GENERATE(std::make_tuple(1920, 1080), std::make_tuple(1080, 1920));
    INFO(width << "x" << height);
    ServiceGuide guide;
    guide.id = "g-1";
    guide.name = "高龄老人津贴申请";
    guide.department = "白沙镇社会事务办";
    guide.location = "便民服务中心 3 号窗口";
    guide.hours = "工作日 9:00–17:00";
    guide.conditions = std::string("年满80周岁的本镇户籍老人，") + std::string(30, 'x') + "。";
    // Far more than the card has room for: the body must be cut to the lines that fit.
    for (int i = 0; i < 40; ++i) guide.conditions += "申请人应当如实提供材料并对材料的真实性负责。";
    guide.mobile_url = "https://m.example.gov.cn/bszn/g-1";
    InfoScreenView view;
    view.portrait = height > width;
    view.site_name = "青溪县白沙镇人民政府";
    view.date_text = "2026年11月28日 星期六";
    view.clock_text = "10:00:00";
    view.card = guideCard(guide);
    view.qr = encodeQr(view.card.qr_url);
    view.position_text = "3 / 12";
    view.status_text = "内容更新于 2026年11月27日 08:00";
    view.ticker_text = "12345政务服务便民热线 7×24小时为您服务";
    view.ticker_elapsed_ms = 12345;
    const Theme theme = makeTheme(width, height);
    const Fonts& fonts = test::UiContext::get().fonts();
    const ImVec2 display = screenOf(width, height);
    CardTextCache cache;

    InfoLayout layout;
    {
        test::UiFrame frame(display);
        layout = layoutInfoScreen(theme, display, view);
        drawInfoScreen(view, theme, fonts, cache, kInfoAll);
        const ImDrawData& data = frame.render();
        // The card's text stays in the card (the body is cut to the lines that fit); the QR
        // code's caption is the only other text in that colour, in its panel.
        const std::vector<test::DrawnVertex> text = test::verticesOfColour(data, theme.text);
        REQUIRE_FALSE(text.empty());
        CHECK(strays(text, [&](const test::DrawnVertex& v) {
                  return within(v.pos, layout.card) || within(v.pos, layout.qr_panel);
              }) == "");
        float lowest_in_card = 0;
        for (const test::DrawnVertex& v : text)
            if (within(v.pos, layout.card)) lowest_in_card = std::max(lowest_in_card, v.pos.y);
        // The body's first page did run to its last line (two line steps of body text), above the
        // line with the page number.
        CHECK(lowest_in_card > layout.card.max.y - theme.px(64) - theme.px(kInfoBodyPx) * 1.5f * 2);
        const std::vector<test::DrawnVertex> modules = test::verticesOfColour(data, theme.qr_dark);
        REQUIRE_FALSE(modules.empty());
        CHECK(strays(modules, [&](const test::DrawnVertex& v) { return within(v.pos, layout.qr_panel); }) == "");
    }
    SECTION("a clock second touches only the clock's box") {
        test::UiFrame frame(display);
        drawInfoScreen(view, theme, fonts, cache, kInfoClock);
        const std::vector<test::DrawnCommand> commands = test::drawnCommands(frame.render());
        REQUIRE_FALSE(commands.empty());
        for (const test::DrawnCommand& command : commands) CHECK(paintsWithin(command, layout.clock));
    }
    SECTION("a fade step touches only the card") {
        view.reveal = 0.5f;
        test::UiFrame frame(display);
        drawInfoScreen(view, theme, fonts, cache, kInfoCard);
        const std::vector<test::DrawnCommand> commands = test::drawnCommands(frame.render());
        REQUIRE_FALSE(commands.empty());
        for (const test::DrawnCommand& command : commands) {
            CHECK(clipWithin(command.clip, layout.card));
            CHECK(paintsWithin(command, layout.card));
        }
    }
    SECTION("a ticker step touches only the ticker's strip") {
        view.ticker_elapsed_ms += 40;
        test::UiFrame frame(display);
        drawInfoScreen(view, theme, fonts, cache, kInfoTicker);
        const std::vector<test::DrawnCommand> commands = test::drawnCommands(frame.render());
        REQUIRE_FALSE(commands.empty());
        // The strip's background, then the text clipped to the strip (it runs past both ends).
        for (const test::DrawnCommand& command : commands) CHECK(paintsWithin(command, layout.ticker));
    }
}
