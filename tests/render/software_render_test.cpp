// The CPU renderer, through the window the program draws into (SDL's offscreen framebuffer):
// which pixels a shape covers, blending, clipping, textures, and drawing only the damaged boxes.
// Expected values are worked out here from the geometry, not taken from a rendering.
#include "render_support.h"

#include "kiosk/platform/screen_window.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cmath>
#include <cstdlib>
#include <cstring>

using namespace gk;

namespace {

const float kWhite[3] = {1.0f, 1.0f, 1.0f};

struct Rgb {
    int r, g, b;
};

Rgb at(const test::Image& img, int x, int y) {
    const std::uint8_t* p =
        img.rgba.data() +
        (static_cast<std::size_t>(y) * static_cast<std::size_t>(img.width) + static_cast<std::size_t>(x)) * 4;
    return {p[0], p[1], p[2]};
}

bool near(const Rgb& a, const Rgb& b, int tolerance = 1) {
    return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance && std::abs(a.b - b.b) <= tolerance;
}

bool isWhite(const Rgb& c) {
    return c.r == 255 && c.g == 255 && c.b == 255;
}

// Draws one frame with `draw` over a white background and returns what the framebuffer holds.
template <typename Draw>
test::Image frame(ScreenWindow& window, Draw draw, const std::vector<ScreenWindow::Damage>& damage = {}) {
    window.beginFrame();
    draw(ImGui::GetBackgroundDrawList());
    window.endFrame(kWhite, damage);
    window.present(damage);
    return test::Image{window.width(), window.height(), window.readPixels()};
}

// One triangle, not axis-aligned, so it takes the general path.
void triangle(ImDrawList* dl, ImVec2 a, ImVec2 b, ImVec2 c, ImU32 col) {
    dl->PrimReserve(3, 3);
    const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
    dl->PrimWriteIdx(static_cast<ImDrawIdx>(dl->_VtxCurrentIdx));
    dl->PrimWriteIdx(static_cast<ImDrawIdx>(dl->_VtxCurrentIdx + 1));
    dl->PrimWriteIdx(static_cast<ImDrawIdx>(dl->_VtxCurrentIdx + 2));
    dl->PrimWriteVtx(a, uv, col);
    dl->PrimWriteVtx(b, uv, col);
    dl->PrimWriteVtx(c, uv, col);
}

} // namespace

TEST_CASE("a rectangle covers the pixels whose centres lie inside it", "[render][software]") {
    test::HeadlessWindow headless(64, 48);
    const test::Image img = frame(headless.window, [](ImDrawList* dl) {
        dl->AddRectFilled(ImVec2(10.5f, 20.25f), ImVec2(20.5f, 30.75f), IM_COL32(0, 0, 255, 255));
    });
    int covered = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            // Pixel (x, y) has its centre at (x + 0.5, y + 0.5).
            const float cx = static_cast<float>(x) + 0.5f, cy = static_cast<float>(y) + 0.5f;
            const bool inside = cx >= 10.5f && cx < 20.5f && cy >= 20.25f && cy < 30.75f;
            const Rgb c = at(img, x, y);
            if (inside)
                CHECK(near(c, {0, 0, 255}, 0));
            else
                CHECK(isWhite(c));
            covered += inside ? 1 : 0;
        }
    CHECK(covered == 10 * 11);
}

TEST_CASE("translucent colour is blended over what lies beneath", "[render][software]") {
    test::HeadlessWindow headless(40, 40);
    const test::Image img = frame(headless.window, [](ImDrawList* dl) {
        dl->AddRectFilled(ImVec2(0, 0), ImVec2(20, 40), IM_COL32(0, 0, 0, 255));
        dl->AddRectFilled(ImVec2(10, 10), ImVec2(30, 30), IM_COL32(255, 0, 0, 128));
    });
    const double a = 128.0 / 255.0;
    auto mixed = [a](int src, int dst) { return static_cast<int>(std::lround(src * a + dst * (1.0 - a))); };
    CHECK(near(at(img, 15, 15), {mixed(255, 0), 0, 0}));               // over black
    CHECK(near(at(img, 25, 15), {255, mixed(0, 255), mixed(0, 255)})); // over white
    CHECK(near(at(img, 5, 5), {0, 0, 0}, 0));
    CHECK(isWhite(at(img, 35, 35)));
}

TEST_CASE("two triangles sharing an edge draw each pixel on it once", "[render][software]") {
    test::HeadlessWindow headless(64, 64);
    // A quad split along a slanted diagonal, half transparent: a pixel drawn by both would be darker.
    const ImU32 half_black = IM_COL32(0, 0, 0, 128);
    const test::Image img = frame(headless.window, [&](ImDrawList* dl) {
        triangle(dl, ImVec2(4.3f, 3.7f), ImVec2(59.1f, 8.2f), ImVec2(9.6f, 60.4f), half_black);
        triangle(dl, ImVec2(59.1f, 8.2f), ImVec2(55.8f, 58.9f), ImVec2(9.6f, 60.4f), half_black);
    });
    const int once = static_cast<int>(std::lround(255.0 * (1.0 - 128.0 / 255.0)));
    int drawn = 0;
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const Rgb c = at(img, x, y);
            if (isWhite(c)) continue;
            ++drawn;
            INFO("pixel " << x << "," << y);
            CHECK(near(c, {once, once, once}));
        }
    CHECK(drawn > 2500); // the quad's area is about 2800 pixels
}

TEST_CASE("a triangle's vertex colours are interpolated across it", "[render][software]") {
    test::HeadlessWindow headless(100, 20);
    const test::Image img = frame(headless.window, [](ImDrawList* dl) {
        const ImVec2 uv = ImGui::GetFontTexUvWhitePixel();
        dl->PrimReserve(6, 4);
        const auto base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
        for (int i : {0, 1, 2, 0, 2, 3}) dl->PrimWriteIdx(static_cast<ImDrawIdx>(base + i));
        // Red on the left, blue on the right, as two triangles with the corners' colours.
        dl->PrimWriteVtx(ImVec2(0, 0), uv, IM_COL32(255, 0, 0, 255));
        dl->PrimWriteVtx(ImVec2(100, 0), uv, IM_COL32(0, 0, 255, 255));
        dl->PrimWriteVtx(ImVec2(100, 20), uv, IM_COL32(0, 0, 255, 255));
        dl->PrimWriteVtx(ImVec2(0, 20), uv, IM_COL32(255, 0, 0, 255));
    });
    for (int x : {0, 25, 50, 75, 99}) {
        const double t = (x + 0.5) / 100.0; // the pixel centre's share of the way from left to right
        const Rgb c = at(img, x, 10);
        CHECK(std::abs(c.r - 255.0 * (1 - t)) <= 1.5);
        CHECK(c.g == 0);
        CHECK(std::abs(c.b - 255.0 * t) <= 1.5);
    }
}

TEST_CASE("a clip rectangle keeps drawing inside it", "[render][software]") {
    test::HeadlessWindow headless(50, 50);
    const test::Image img = frame(headless.window, [](ImDrawList* dl) {
        dl->PushClipRect(ImVec2(10, 15), ImVec2(30, 35));
        dl->AddCircleFilled(ImVec2(25, 25), 20.0f, IM_COL32(0, 128, 0, 255));
        dl->PopClipRect();
    });
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const bool in_clip = x >= 10 && x < 30 && y >= 15 && y < 35;
            if (!in_clip)
                CHECK(isWhite(at(img, x, y)));
            else
                CHECK(near(at(img, x, y), {0, 128, 0}, 0)); // the clip lies well inside the circle
        }
}

TEST_CASE("an image is drawn texel for texel at its size and filtered when scaled", "[render][software]") {
    test::HeadlessWindow headless(40, 20);
    ScreenWindow& window = headless.window;
    // 2×1: black, then white (opaque).
    const std::uint8_t pixels[] = {0, 0, 0, 255, 255, 255, 255, 255};
    const std::uint64_t texture = window.createTexture(pixels, 2, 1);
    REQUIRE(texture != 0);
    const test::Image img = frame(window, [&](ImDrawList* dl) {
        dl->AddImage(static_cast<ImTextureID>(texture), ImVec2(0, 0), ImVec2(2, 1));    // as it is
        dl->AddImage(static_cast<ImTextureID>(texture), ImVec2(10, 0), ImVec2(30, 10)); // ten times wider
    });
    CHECK(near(at(img, 0, 0), {0, 0, 0}, 0));
    CHECK(isWhite(at(img, 1, 0)));
    // Scaled: black up to the first texel's centre (x = 15), white from the second's (x = 25),
    // a linear ramp between them, as GL_LINEAR with clamped edges gives.
    CHECK(near(at(img, 12, 5), {0, 0, 0}, 0));
    CHECK(isWhite(at(img, 27, 5)));
    const int middle = at(img, 19, 5).r; // centre 19.5: 45 % of the way from 15 to 25
    CHECK(std::abs(middle - 255.0 * 0.45) <= 2);
    window.destroyTexture(texture);
}

TEST_CASE("an opaque texture holds the framebuffer's own words and draws like any image", "[render][software]") {
    test::HeadlessWindow headless(40, 20);
    ScreenWindow& window = headless.window;
    const std::uint64_t texture = window.createOpaqueTexture(3, 2);
    REQUIRE(texture != 0);
    std::uint8_t* bytes = window.texturePixels(texture);
    REQUIRE(bytes != nullptr);
    // 3×2 words 0x00RRGGBB: red, green, blue, then white, black, a grey.
    const std::uint32_t words[] = {0xFF0000, 0x00FF00, 0x0000FF, 0xFFFFFF, 0x000000, 0x808080};
    std::memcpy(bytes, words, sizeof words);
    const test::Image img = frame(window, [&](ImDrawList* dl) {
        dl->AddImage(static_cast<ImTextureID>(texture), ImVec2(1, 1), ImVec2(4, 3)); // at its size
        // At its size but half of it clipped away: the visible texels stay where they were.
        dl->PushClipRect(ImVec2(12, 0), ImVec2(13, 20));
        dl->AddImage(static_cast<ImTextureID>(texture), ImVec2(11, 1), ImVec2(14, 3));
        dl->PopClipRect();
        // Tinted half transparent over the white background.
        dl->AddImage(static_cast<ImTextureID>(texture), ImVec2(20, 1), ImVec2(23, 3), ImVec2(0, 0), ImVec2(1, 1),
                     IM_COL32(255, 255, 255, 128));
        // Three times its size: filtered like any image.
        dl->AddImage(static_cast<ImTextureID>(texture), ImVec2(30, 0), ImVec2(39, 6));
    });
    CHECK(near(at(img, 1, 1), {255, 0, 0}, 0));
    CHECK(near(at(img, 2, 1), {0, 255, 0}, 0));
    CHECK(near(at(img, 3, 1), {0, 0, 255}, 0));
    CHECK(isWhite(at(img, 1, 2)));
    CHECK(near(at(img, 2, 2), {0, 0, 0}, 0));
    CHECK(near(at(img, 3, 2), {128, 128, 128}, 0));
    CHECK(isWhite(at(img, 4, 1))); // nothing drawn beside it
    CHECK(isWhite(at(img, 11, 1)));
    CHECK(near(at(img, 12, 1), {0, 255, 0}, 0));
    CHECK(isWhite(at(img, 13, 1)));
    // Half of red over white: (255 + 255) / 2 red, 255 / 2 green and blue.
    CHECK(near(at(img, 20, 1), {255, 127, 127}, 1));
    CHECK(near(at(img, 21, 2), {127, 127, 127}, 1));
    // Scaled: the centre pixel of each 3×3 block is its texel's centre, so it is that texel.
    CHECK(near(at(img, 31, 1), {255, 0, 0}, 0));
    CHECK(near(at(img, 34, 4), {0, 0, 0}, 0));
    CHECK(near(at(img, 37, 4), {128, 128, 128}, 0));
    // Between red (x 31) and green (x 34): both channels partly.
    const Rgb between = at(img, 32, 1);
    CHECK(between.r > 100);
    CHECK(between.g > 40);
    CHECK(between.b == 0);
    window.destroyTexture(texture);
}

TEST_CASE("a damaged box under an opaque picture shows the picture and what is drawn over it", "[render][software]") {
    test::HeadlessWindow headless(60, 40);
    ScreenWindow& window = headless.window;
    const std::uint64_t texture = window.createOpaqueTexture(20, 10);
    REQUIRE(texture != 0);
    auto* words = reinterpret_cast<std::uint32_t*>(window.texturePixels(texture));
    std::fill(words, words + 200, 0x00FF00u); // green
    const ImU32 red = IM_COL32(255, 0, 0, 255);
    frame(window, [](ImDrawList* dl) { dl->AddRectFilled(ImVec2(0, 0), ImVec2(60, 40), IM_COL32(0, 0, 0, 255)); });
    auto picture_frame = [&](ImU32 tint) {
        return frame(window,
                     [&](ImDrawList* dl) {
                         dl->AddRectFilled(ImVec2(0, 0), ImVec2(60, 40), red); // beneath the picture
                         dl->AddImage(static_cast<ImTextureID>(texture), ImVec2(10, 5), ImVec2(30, 15), ImVec2(0, 0),
                                      ImVec2(1, 1), tint);
                         dl->AddRectFilled(ImVec2(12, 7), ImVec2(14, 9), IM_COL32(0, 0, 255, 255)); // over it
                     },
                     {ScreenWindow::Damage{10, 5, 20, 10}, ScreenWindow::Damage{40, 20, 10, 10}});
    };
    const test::Image opaque = picture_frame(IM_COL32_WHITE);
    for (int y = 0; y < opaque.height; ++y)
        for (int x = 0; x < opaque.width; ++x) {
            INFO(x << "," << y);
            const bool picture = x >= 10 && x < 30 && y >= 5 && y < 15;
            const bool over = x >= 12 && x < 14 && y >= 7 && y < 9;
            const bool other_box = x >= 40 && x < 50 && y >= 20 && y < 30; // nothing covers it: red
            const Rgb expected = over        ? Rgb{0, 0, 255}
                                 : picture   ? Rgb{0, 255, 0}
                                 : other_box ? Rgb{255, 0, 0}
                                             : Rgb{0, 0, 0};
            CHECK(near(at(opaque, x, y), expected, 0));
        }
    // A translucent picture is blended over what lies beneath it, not over the clear colour.
    const test::Image translucent = picture_frame(IM_COL32(255, 255, 255, 128));
    CHECK(near(at(translucent, 20, 12), {127, 128, 0}, 1));
    window.destroyTexture(texture);
}

TEST_CASE("a frame with damage draws nothing outside its boxes", "[render][software]") {
    test::HeadlessWindow headless(60, 40);
    ScreenWindow& window = headless.window;
    frame(window, [](ImDrawList* dl) { dl->AddRectFilled(ImVec2(0, 0), ImVec2(60, 40), IM_COL32(0, 0, 0, 255)); });
    CHECK(window.backBufferAge() == 1); // a whole frame is in the framebuffer
    const test::Image img =
        frame(window, [](ImDrawList* dl) { dl->AddRectFilled(ImVec2(0, 0), ImVec2(60, 40), IM_COL32(255, 0, 0, 255)); },
              {ScreenWindow::Damage{10, 5, 20, 10}});
    for (int y = 0; y < img.height; ++y)
        for (int x = 0; x < img.width; ++x) {
            const bool in_box = x >= 10 && x < 30 && y >= 5 && y < 15;
            CHECK(near(at(img, x, y), in_box ? Rgb{255, 0, 0} : Rgb{0, 0, 0}, 0));
        }
}
