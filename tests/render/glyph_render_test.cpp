// GB 18030 Level 3 characters (outside the BMP, and CJK Ext-A) render as real glyphs from the
// merged HanaMin fallback, not as the font's fallback glyph.
#include "render_support.h"

#include "display/text/fonts.h"
#include "kiosk/platform/screen_window.h"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace gk;

namespace {

constexpr float kGlyphPx = 96.0f;
const float kLight[3] = {1.0f, 1.0f, 1.0f};

// Draws `text` at x=20 and the replacement character at x=220; returns the frame.
test::Image drawSideBySide(ScreenWindow& window, const char* text) {
    for (int frame = 0; frame < 2; ++frame) {
        window.beginFrame();
        ImDrawList* dl = ImGui::GetBackgroundDrawList();
        dl->AddText(window.fonts().regular, kGlyphPx, ImVec2(20, 20), IM_COL32_BLACK, text);
        dl->AddText(window.fonts().regular, kGlyphPx, ImVec2(220, 20), IM_COL32_BLACK, "\xEF\xBF\xBD");
        window.endFrame(kLight);
    }
    return test::Image{window.width(), window.height(), window.readPixels()};
}

struct Comparison {
    int ink = 0;       // dark pixels in the character's box
    int different = 0; // pixels where the character and the replacement glyph differ
};

// Its own glyph: real ink, and not the replacement glyph's shape.
bool rendersOwnGlyph(const Comparison& c) {
    return c.ink > 400 && c.different > c.ink / 4;
}

Comparison compareBoxes(const test::Image& img) {
    Comparison c;
    for (int y = 20; y < 20 + static_cast<int>(kGlyphPx) + 20; ++y)
        for (int x = 0; x < 180; ++x) {
            const bool a = img.dark(20 + x, y);
            c.ink += a ? 1 : 0;
            c.different += a != img.dark(220 + x, y) ? 1 : 0;
        }
    return c;
}

} // namespace

TEST_CASE("rare characters render as their own glyphs", "[render][fonts]") {
    test::HeadlessWindow headless(420, 200);
    ScreenWindow& window = headless.window;

    const auto [text, codepoint] = GENERATE(std::make_pair("\xF0\xA0\xAE\xB7", 0x20BB7u), // 𠮷 (Ext-B)
                                            std::make_pair("\xF0\xAA\x9A\xA5", 0x2A6A5u), // 𪚥 (Ext-B)
                                            std::make_pair("\xE4\xB6\xAE", 0x4DAEu),      // 䶮 (Ext-A)
                                            std::make_pair("\xE6\x94\xBF", 0x653Fu));     // 政 (control)
    const test::Image img = drawSideBySide(window, text);
    test::writePng(img, test::testOutputDir() / ("glyph-" + std::to_string(codepoint) + ".png"));
    ImFontBaked* baked = window.fonts().regular->GetFontBaked(kGlyphPx);
    CHECK(baked->FindGlyphNoFallback(static_cast<ImWchar>(codepoint)) != nullptr);
    const Comparison c = compareBoxes(img);
    INFO("U+" << std::hex << codepoint << std::dec << ": ink " << c.ink << ", differing pixels " << c.different);
    CHECK(rendersOwnGlyph(c));
}

TEST_CASE("a character no font has is reported missing (the check above can fail)", "[render][fonts]") {
    test::HeadlessWindow headless(420, 200);
    ScreenWindow& window = headless.window;
    const test::Image img = drawSideBySide(window, "\xF4\x8F\xBF\xBD"); // U+10FFFD, private use
    ImFontBaked* baked = window.fonts().regular->GetFontBaked(kGlyphPx);
    CHECK(baked->FindGlyphNoFallback(static_cast<ImWchar>(0x10FFFD)) == nullptr);
    CHECK_FALSE(rendersOwnGlyph(compareBoxes(img)));
}
