// The on-screen keyboard rendered for real (offscreen GL, real fonts, the real IME): landscape and
// portrait, normal and elder mode, letters and symbols. Every label fits its key, a tap on a key
// reports that key, the keyboard covers its band, and PNGs are written for a person to look at.
#include "render_support.h"

#include "display/kiosk/kiosk_screen.h"
#include "display/kiosk/onscreen_keyboard.h"
#include "display/kiosk/touch_controls.h"
#include "kiosk/input/keyboard_input.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <unistd.h>

using namespace gk;
namespace fs = std::filesystem;

namespace {

std::shared_ptr<PinyinEngine> engine() {
    static const fs::path dir = test::testOutputDir() / ("rime-" + std::to_string(getpid()));
    static const struct Cleanup {
        ~Cleanup() { fs::remove_all(dir); }
    } cleanup;
    std::string error;
    auto started = PinyinEngine::start({"/usr/share/rime-data", dir}, error);
    INFO(error);
    REQUIRE(started);
    return started;
}

// A resident's input so far: 政务 chosen, "fuwu" being composed (or a 文号 in symbols mode).
KeyboardView sampleView(KeyboardInput& input, KeyboardMode mode, int slots) {
    input.setCandidateSlots(slots);
    for (char c : std::string("zhengwu")) input.apply({KeyboardActionKind::Letter, std::string(1, c), -1});
    input.apply({KeyboardActionKind::Space, "", -1});
    if (mode == KeyboardMode::Symbols) {
        input.apply({KeyboardActionKind::SwitchMode, "", -1});
        input.apply({KeyboardActionKind::Punctuation, "〔", -1});
        for (char d : std::string("2026")) input.apply({KeyboardActionKind::Digit, std::string(1, d), -1});
        input.apply({KeyboardActionKind::Punctuation, "〕", -1});
        return input.view();
    }
    for (char c : std::string("fuwu")) input.apply({KeyboardActionKind::Letter, std::string(1, c), -1});
    return input.view();
}

KeyboardAction drawFrame(test::HeadlessWindow& headless, const KioskStyle& style, const KeyboardView& view,
                         const KeyboardLayout& layout, const ImVec2* tap) {
    KeyboardAction action;
    for (int frame = 0; frame < 2; ++frame) { // the first frame rasterizes the glyphs
        headless.window.beginFrame();
        ImDrawList* dl = ImGui::GetBackgroundDrawList();
        drawTextLine(dl, kioskText(style, true, style.title_px, style.text), ImVec2(style.px(48), style.px(48)),
                     "搜索政府信息公开");
        action = drawOnscreenKeyboard(dl, view, layout, style, tap);
        headless.window.endFrame(style.background_rgb);
    }
    return action;
}

} // namespace

TEST_CASE("the on-screen keyboard renders with fitting labels and taps that hit", "[render][keyboard]") {
    const auto [width, height, elder] = GENERATE(std::make_tuple(1920, 1080, false), std::make_tuple(1080, 1920, false),
                                                 std::make_tuple(1920, 1080, true), std::make_tuple(1080, 1920, true));
    const auto mode = GENERATE(KeyboardMode::Letters, KeyboardMode::Symbols);
    test::HeadlessWindow headless(width, height);
    const KioskStyle style = makeKioskStyle(width, height, elder, headless.window.fonts());
    const Rect area =
        layoutKioskScreen(style, ImVec2(static_cast<float>(width), static_cast<float>(height)), {.keyboard = true})
            .keyboard;
    const KeyboardLayout layout = layoutOnscreenKeyboard(area, elder, mode, style.scale);
    KeyboardInput input(engine());
    const KeyboardView view = sampleView(input, mode, layout.candidate_slots);
    const std::string name = std::to_string(width) + "x" + std::to_string(height) + (elder ? "-elder" : "") +
                             (mode == KeyboardMode::Letters ? "-letters" : "-symbols");
    INFO(name);
    if (mode == KeyboardMode::Letters) {
        CHECK(view.preedit == "fu wu");
        CHECK(static_cast<int>(view.candidates.size()) == layout.candidate_slots);
    }
    CHECK(view.query.rfind("政务", 0) == 0);

    for (const KeyboardKey& key : layout.keys) {
        const float px = key.role == KeyRole::Character ? layout.label_px : std::min(style.body_px, layout.label_px);
        INFO(key.label);
        CHECK(textWidth(kioskText(style, true, px, style.text), key.label) + style.px(16) <= key.rect.width());
    }
    drawFrame(headless, style, view, layout, nullptr);
    const test::Image image{width, height, headless.window.readPixels()};
    const fs::path png = test::testOutputDir() / ("keyboard-" + name + ".png");
    test::writePng(image, png);
    // The keyboard is drawn: its top-left corner has the rule colour, not the page background
    // (left of it in elder landscape's column, above it otherwise).
    const std::uint8_t band = image.luma(static_cast<int>(area.min.x) + 2, static_cast<int>(area.min.y) + 2);
    const std::uint8_t page = area.min.x > 0
                                  ? image.luma(static_cast<int>(area.min.x) - 4, static_cast<int>(area.min.y) + 2)
                                  : image.luma(2, static_cast<int>(area.min.y) - 4);
    CHECK(band < page);

    // A tap on the middle of each key reports that key's action.
    for (std::size_t i = 0; i < layout.keys.size(); i += 3) {
        const KeyboardKey& key = layout.keys[i];
        const ImVec2 at((key.rect.min.x + key.rect.max.x) / 2, (key.rect.min.y + key.rect.max.y) / 2);
        INFO(key.label);
        CHECK(drawFrame(headless, style, view, layout, &at) == key.action);
    }
    if (mode == KeyboardMode::Letters) {
        const ImVec2 first(layout.candidates.min.x + 10, (layout.candidates.min.y + layout.candidates.max.y) / 2);
        CHECK(drawFrame(headless, style, view, layout, &first) == KeyboardAction{KeyboardActionKind::Candidate, "", 0});
        const ImVec2 next((layout.page_next.min.x + layout.page_next.max.x) / 2, layout.page_next.min.y + 5);
        CHECK(drawFrame(headless, style, view, layout, &next).kind == KeyboardActionKind::PageNext);
    }
}

TEST_CASE("the keyboard without Rime data says so and keeps its letters", "[render][keyboard]") {
    test::HeadlessWindow headless(1080, 1920);
    const KioskStyle style = makeKioskStyle(1080, 1920, true, headless.window.fonts());
    const Rect area = layoutKioskScreen(style, ImVec2(1080, 1920), {.keyboard = true}).keyboard;
    const KeyboardLayout layout = layoutOnscreenKeyboard(area, true, KeyboardMode::Letters, style.scale);
    auto letter = [&](const char* text) {
        return std::find_if(layout.keys.begin(), layout.keys.end(),
                            [text](const KeyboardKey& k) { return k.action.text == text; })
            ->rect;
    };
    KeyboardInput input(nullptr);
    for (char c : std::string("abc")) input.apply({KeyboardActionKind::Letter, std::string(1, c), -1});
    KeyboardView view = input.view();
    const Rect held = letter("a"), other = letter("b");
    view.held = ImVec2((held.min.x + held.max.x) / 2, held.min.y + 10);
    drawFrame(headless, style, view, layout, nullptr);
    const test::Image image{1080, 1920, headless.window.readPixels()};
    test::writePng(image, test::testOutputDir() / "keyboard-1080x1920-elder-no-pinyin.png");
    // The held key is drawn pressed: dark fill where a white key would be.
    CHECK(image.dark(static_cast<int>(held.min.x) + 12, static_cast<int>(held.max.y) - 12));
    CHECK_FALSE(image.dark(static_cast<int>(other.min.x) + 12, static_cast<int>(other.max.y) - 12));
}
