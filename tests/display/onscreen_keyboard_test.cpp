// The on-screen keyboard's layout, without a window: every key is a 适老化 touch target (≥ 60×60,
// larger in elder mode) inside the keyboard's band, no two overlap, every letter, digit and
// listed punctuation mark has its key, and the text colours meet 4.5:1 (7:1 in elder mode).
#include "display/kiosk/kiosk_screen.h"
#include "display/kiosk/onscreen_keyboard.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

using namespace gk;

namespace {

bool overlaps(const Rect& a, const Rect& b) {
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

bool within(const Rect& inner, const Rect& outer) {
    return inner.min.x >= outer.min.x && inner.min.y >= outer.min.y && inner.max.x <= outer.max.x &&
           inner.max.y <= outer.max.y;
}

std::set<std::string> typedTexts(const KeyboardLayout& l) {
    std::set<std::string> out;
    for (const KeyboardKey& k : l.keys)
        if (!k.action.text.empty()) out.insert(k.action.text);
    return out;
}

} // namespace

TEST_CASE("every key is a large touch target inside the keyboard, none overlapping", "[keyboard]") {
    const auto [width, height, elder] = GENERATE(std::make_tuple(1920, 1080, false), std::make_tuple(1080, 1920, false),
                                                 std::make_tuple(1920, 1080, true), std::make_tuple(1080, 1920, true),
                                                 std::make_tuple(3840, 2160, true), std::make_tuple(1280, 720, false),
                                                 std::make_tuple(1366, 768, true), std::make_tuple(720, 1280, true));
    const auto mode = GENERATE(KeyboardMode::Letters, KeyboardMode::Symbols);
    const bool urgent = GENERATE(false, true); // its banner takes a row under the top bar
    const float scale = static_cast<float>(std::min(width, height)) / 1080.0f;
    const float min_side = (elder ? kElderKeyMinPx : kKeyMinPx) * scale;
    const ImVec2 screen(static_cast<float>(width), static_cast<float>(height));
    // Where the kiosk puts it: under the top bar (and an urgent notice's banner), beside or above the page.
    const Fonts no_fonts;
    const KioskStyle style = makeKioskStyle(width, height, elder, no_fonts);
    const KioskLayout screen_layout = layoutKioskScreen(style, screen, {.urgent = urgent, .keyboard = true});
    const Rect area = screen_layout.keyboard;
    INFO(width << "x" << height << (elder ? " elder" : "") << (mode == KeyboardMode::Letters ? " letters" : " symbols")
               << (urgent ? " urgent" : ""));
    CHECK(area.max.y == screen.y);
    CHECK(area.max.x == screen.x);
    CHECK(area.min.y >= (urgent ? screen_layout.urgent.max.y : screen_layout.top_bar.max.y));
    if (elder && width > height) { // a column beside the page, which keeps 40 % of the width
        CHECK(area.min.x >= screen.x * 0.4f);
        CHECK(screen_layout.content.max.x <= area.min.x);
    } else { // a band under the page
        CHECK(area.min.x == 0);
        CHECK(area.height() <= screen.y * (elder ? 0.42f : 0.4f));
        CHECK(screen_layout.content.max.y <= area.min.y);
    }
    const KeyboardLayout l = layoutOnscreenKeyboard(area, elder, mode, scale);
    std::vector<Rect> targets{l.page_previous, l.page_next, l.hide};
    for (const KeyboardKey& k : l.keys) targets.push_back(k.rect);
    for (std::size_t i = 0; i < targets.size(); ++i) {
        INFO("target " << i << (i >= 3 ? " " + l.keys[i - 3].label : ""));
        CHECK(targets[i].width() >= min_side);
        CHECK(targets[i].height() >= min_side);
        CHECK(within(targets[i], area));
        CHECK_FALSE(overlaps(targets[i], l.field));
        CHECK_FALSE(overlaps(targets[i], l.candidates));
        for (std::size_t j = i + 1; j < targets.size(); ++j) CHECK_FALSE(overlaps(targets[i], targets[j]));
    }
    CHECK(within(l.field, area));
    CHECK(within(l.candidates, area));
    CHECK_FALSE(overlaps(l.field, l.candidates));
    // Candidate cells are touch targets too: the strip holds candidate_slots of at least min_side.
    CHECK(l.min_candidate_width >= min_side);
    CHECK(l.candidates.height() >= min_side);
    CHECK(static_cast<float>(l.candidate_slots) * l.min_candidate_width <= l.candidates.width());
    CHECK(l.candidate_slots >= 3);
    CHECK(l.label_px >= (elder ? 40.0f : 28.0f)); // KioskStyle's body text, at least
}

TEST_CASE("the letters and symbols the keyboard offers", "[keyboard]") {
    const bool elder = GENERATE(false, true);
    const Rect area = elder ? Rect{{866, 150}, {1920, 1080}} : Rect{{0, 648}, {1920, 1080}};
    const KeyboardLayout letters_layout = layoutOnscreenKeyboard(area, elder, KeyboardMode::Letters);
    const KeyboardLayout symbols_layout = layoutOnscreenKeyboard(area, elder, KeyboardMode::Symbols);
    const std::set<std::string> letters = typedTexts(letters_layout);
    for (char c = 'a'; c <= 'z'; ++c) CHECK(letters.count(std::string(1, c)) == 1);
    const std::set<std::string> symbols = typedTexts(symbols_layout);
    for (char c = '0'; c <= '9'; ++c) CHECK(symbols.count(std::string(1, c)) == 1);
    for (const char* p : {"，", "。", "、", "？", "（", "）", "-", "《", "》", "〔", "〕"})
        CHECK(symbols.count(p) == 1);
    if (elder) { // alphabetical, eight a row: a finger finds a letter by the alphabet
        auto key = [&](const char* text) {
            return std::find_if(letters_layout.keys.begin(), letters_layout.keys.end(),
                                [text](const KeyboardKey& k) { return k.action.text == text; })
                ->rect;
        };
        CHECK(key("a").min.y == key("h").min.y);
        CHECK(key("a").min.x < key("b").min.x);
        CHECK(key("i").min.y > key("h").min.y);
        CHECK(key("i").min.x == key("a").min.x);
    }
    // 空格, 删除, 清空, 搜索 and the mode switch are in both modes, at the same places.
    for (KeyboardActionKind kind : {KeyboardActionKind::Space, KeyboardActionKind::Backspace, KeyboardActionKind::Clear,
                                    KeyboardActionKind::Search, KeyboardActionKind::SwitchMode}) {
        auto find = [kind](const KeyboardLayout& l) {
            return std::find_if(l.keys.begin(), l.keys.end(),
                                [kind](const KeyboardKey& k) { return k.action.kind == kind; });
        };
        REQUIRE(find(letters_layout) != letters_layout.keys.end());
        REQUIRE(find(symbols_layout) != symbols_layout.keys.end());
        CHECK(find(letters_layout)->rect.min.x == find(symbols_layout)->rect.min.x);
        CHECK(find(letters_layout)->rect.min.y == find(symbols_layout)->rect.min.y);
    }
}

TEST_CASE("candidate cells share the strip without dropping below the minimum", "[keyboard]") {
    // Room for everyone: natural widths, at least the minimum.
    CHECK(candidateCellWidths({50, 200, 130}, 1000, 120, 0) == std::vector<float>{120, 200, 130});
    // Too wide: the long ones shrink, the short ones keep the minimum.
    const std::vector<float> squeezed = candidateCellWidths({600, 120, 400}, 700, 120, 0);
    CHECK(squeezed[1] == 120);
    CHECK(squeezed[0] > squeezed[2]);
    float total = 0;
    for (float w : squeezed) total += w;
    CHECK(total <= 700);
    // Hopeless: everything at the minimum.
    CHECK(candidateCellWidths({600, 600}, 100, 120, 0) == std::vector<float>{120, 120});
    CHECK(candidateCellWidths({}, 500, 120, 0).empty());
}

TEST_CASE("the keyboard's text colours meet the 适老化 contrast", "[keyboard]") {
    const bool elder = GENERATE(false, true);
    const Fonts no_fonts;
    const KioskStyle style = makeKioskStyle(1920, 1080, elder, no_fonts);
    for (const auto& [ink, background] : onscreenKeyboardInks(style)) {
        INFO(std::hex << ink << " on " << background);
        CHECK(contrastRatio(ink, background) >= (elder ? 7.0 : 4.5));
    }
}
