// The information screen rendered for real (offscreen GL): its QR code decodes, with zbar, to the
// mobile_url of the item on screen, at a scannable size with its quiet zone, in both orientations.
#include "render_support.h"

#include "config/civil_time.h"
#include "display/text/fonts.h"
#include "kiosk/platform/screenshot.h"
#include "kiosk/shell/display_app.h"

#include <catch2/catch.hpp>
#include <stb_image.h>

#include <fstream>
#include <set>

using namespace gk;

namespace {

test::Image grab(const ScreenWindow& window) {
    return test::Image{window.width(), window.height(), window.readPixels()};
}

struct QrFinding {
    int x = -1, y = -1, module_px = 0;
};

// The QR code's top-left finder pattern is the first dark pixel of the panel in raster order (the
// caption is below the code); its top edge is 7 modules wide.
QrFinding findQr(const test::Image& img, const Rect& panel) {
    QrFinding f;
    for (int y = static_cast<int>(panel.min.y); y < static_cast<int>(panel.max.y) && f.x < 0; ++y)
        for (int x = static_cast<int>(panel.min.x); x < static_cast<int>(panel.max.x); ++x)
            if (img.dark(x, y)) {
                f.x = x;
                f.y = y;
                break;
            }
    if (f.x < 0) return f;
    int run = 0;
    while (img.dark(f.x + run, f.y)) ++run;
    f.module_px = run / 7;
    return f;
}

bool quietZoneIsLight(const test::Image& img, const QrFinding& f) {
    const int zone = 4 * f.module_px;
    for (int y = f.y - zone; y < f.y + 7 * f.module_px; ++y)
        for (int x = f.x - zone; x < f.x; ++x)
            if (img.dark(x, y)) return false;
    for (int y = f.y - zone; y < f.y; ++y)
        for (int x = f.x - zone; x < f.x + 7 * f.module_px; ++x)
            if (img.dark(x, y)) return false;
    return true;
}

} // namespace

TEST_CASE("the information screen's QR code decodes to the shown item's mobile_url", "[render][qr]") {
    const auto [width, height, group] =
        GENERATE(std::make_tuple(1920, 1080, "hall-main"), std::make_tuple(1080, 1920, "hall-portrait"));
    test::HeadlessWindow headless(width, height);
    ScreenWindow& window = headless.window;
    DisplayApp app(window, HallContext{test::demoContent(), group, 8 * 3600});
    const std::int64_t start = *parseIsoDateTime("2026-11-27T10:00:00+08:00", 8 * 3600);

    std::set<std::string> decoded_urls;
    for (std::int64_t t = start; t < start + 600; t += 20) {
        app.renderFrame(t, true);
        app.renderFrame(t, true);
        const std::string expected = app.view().card.qr_url;
        if (expected.empty() || decoded_urls.count(expected) != 0) continue;
        const test::Image img = grab(window);
        const InfoLayout layout = app.layout();
        const QrFinding qr = findQr(img, layout.qr_panel);
        INFO("size " << width << "x" << height << ", item " << app.view().card.title);
        REQUIRE(qr.x >= 0);
        CHECK(qr.module_px >= 8);
        CHECK(quietZoneIsLight(img, qr));
        const auto png = test::testOutputDir() / ("qr-" + std::to_string(width) + "-" + std::to_string(t) + ".png");
        test::writePng(img, png, static_cast<int>(layout.qr_panel.min.x), static_cast<int>(layout.qr_panel.min.y),
                       static_cast<int>(layout.qr_panel.width()), static_cast<int>(layout.qr_panel.height()));
        CHECK(test::decodeQr(png) == expected);
        decoded_urls.insert(expected);
    }
    // The rotation went through several items, each with its own code.
    CHECK(decoded_urls.size() >= 3);
}

TEST_CASE("boxDownscale averages whole blocks and drops a partial edge", "[screenshot]") {
    // 5×3 RGBA, factor 2: two blocks across, one down; column 4 and row 2 are dropped.
    std::vector<std::uint8_t> rgba(5 * 3 * 4, 0);
    const auto set = [&](int x, int y, std::uint8_t r, std::uint8_t g) {
        rgba[static_cast<std::size_t>((y * 5 + x) * 4)] = r;
        rgba[static_cast<std::size_t>((y * 5 + x) * 4 + 1)] = g;
    };
    set(0, 0, 100, 1);
    set(1, 0, 200, 2);
    set(0, 1, 0, 3);
    set(1, 1, 101, 4);
    set(2, 0, 255, 255);
    set(4, 0, 99, 99); // dropped
    set(0, 2, 99, 99); // dropped
    int w = 0, h = 0;
    const std::vector<std::uint8_t> out = boxDownscale(rgba, 5, 3, 2, w, h);
    REQUIRE(w == 2);
    REQUIRE(h == 1);
    REQUIRE(out.size() == 8);
    CHECK(out[0] == 100); // (100 + 200 + 0 + 101) / 4 = 100.25
    CHECK(out[1] == 3);   // (1 + 2 + 3 + 4) / 4 = 2.5, rounded half up
    CHECK(out[4] == 64);  // 255 / 4 = 63.75
    CHECK(out[5] == 64);
}

TEST_CASE("a heartbeat screenshot is the screen scaled down to 480 px, as PNG", "[render][screenshot]") {
    const auto [width, height, group] =
        GENERATE(std::make_tuple(1920, 1080, "hall-main"), std::make_tuple(1080, 1920, "hall-portrait"));
    test::HeadlessWindow headless(width, height);
    DisplayApp app(headless.window, HallContext{test::demoContent(), group, 8 * 3600});
    const std::int64_t now = *parseIsoDateTime("2026-11-27T10:00:00+08:00", 8 * 3600);
    app.renderFrame(now, true);
    const std::vector<std::uint8_t> full = headless.window.readPixels();
    const Screenshot shot = takeScreenshot(headless.window, now);
    CHECK(shot.taken_at_s == now);
    CHECK(shot.width == width / 4);
    CHECK(shot.height == height / 4);
    CHECK(shot.png.size() < 150 * 1024);
    std::ofstream(test::testOutputDir() / ("heartbeat-screenshot-" + std::to_string(width) + ".png"), std::ios::binary)
        << shot.png; // to look at
    int w = 0, h = 0, channels = 0;
    std::unique_ptr<stbi_uc, void (*)(void*)> png(
        stbi_load_from_memory(reinterpret_cast<const stbi_uc*>(shot.png.data()), static_cast<int>(shot.png.size()), &w,
                              &h, &channels, 3),
        stbi_image_free);
    REQUIRE(png != nullptr);
    CHECK(w == shot.width);
    CHECK(h == shot.height);
    CHECK(channels == 3);
    // Every pixel is the mean of its 4×4 block of the screen.
    int differing = 0;
    for (int y = 0; y < h; ++y)
        for (int x = 0; x < w; ++x)
            for (int c = 0; c < 3; ++c) {
                int sum = 0;
                for (int dy = 0; dy < 4; ++dy)
                    for (int dx = 0; dx < 4; ++dx)
                        sum += full[static_cast<std::size_t>(((y * 4 + dy) * width + x * 4 + dx) * 4 + c)];
                const int got = png.get()[(y * w + x) * 3 + c];
                if (std::abs(got - sum / 16.0) > 1.0) ++differing;
            }
    CHECK(differing == 0);
}

TEST_CASE("every item of the demo playlists renders in both orientations", "[render]") {
    const auto [width, height] = GENERATE(std::make_pair(1920, 1080), std::make_pair(1080, 1920));
    test::HeadlessWindow headless(width, height);
    ScreenWindow& window = headless.window;
    const auto content = test::demoContent();
    for (const auto& [group, text] : content->playlists) {
        std::string warning;
        const std::optional<Playlist> playlist = playlistForGroup(*content, group, warning);
        INFO(group << ": " << warning);
        REQUIRE(playlist.has_value());
        DisplayApp app(window, HallContext{content, group, 8 * 3600});
        std::int64_t t = *parseIsoDateTime("2026-11-27T10:00:00+08:00", 8 * 3600);
        // A week of rotation: each item the playlist shows in that week is drawn once.
        std::set<std::string> drawn;
        Rotation rotation(*playlist, *content, 8 * 3600, t);
        for (const Slot& slot : rotation.plan(t, t + 7 * 86400)) {
            if (!drawn.insert(slot.ref).second) continue;
            app.renderFrame(slot.start_s, true);
            INFO(slot.ref);
            CHECK_FALSE((app.view().card.title.empty() && app.view().card.kind != CardKind::Idle));
        }
        CHECK(drawn.size() >= 5);
    }
}
