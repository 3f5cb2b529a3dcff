// The kiosk's on-screen keyboard, drawn: an input line (the query and the pinyin being composed),
// the candidate bar with paging, and large keys — QWERTY letters, or digits and common Chinese
// punctuation — laid out across the bottom of the screen; in 长辈模式 a grid of larger keys with
// the letters in alphabetical order, in a column beside the results on a landscape screen.
// layoutOnscreenKeyboard is a pure function (no fonts, no GL) so tests check every key's size;
// drawOnscreenKeyboard draws a view and reports what was tapped. Knows nothing of librime (the
// kiosk layer feeds the IME): must not include SDL, GL, curl or rime.
#pragma once

#include "display/info/info_screen.h"
#include "display/kiosk/kiosk_style.h"

#include <imgui.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace gk {

// 适老化: touch targets ≥ 60×60 px; elder mode's are ≥ 120×120, keys included. Pixels at 1080 on
// the short side (scaled like KioskStyle).
inline constexpr float kKeyMinPx = 60.0f;
inline constexpr float kElderKeyMinPx = 120.0f;

enum class KeyboardMode { Letters, Symbols }; // Symbols: digits and punctuation

enum class KeyboardActionKind {
    None,
    Letter,      // text: "a".."z" (pinyin, or the letter itself when pinyin is unavailable)
    Digit,       // text: "0".."9" (selects a candidate while composing)
    Punctuation, // text: "，" "。" "、" "？" "（" "）" "-" "·" …
    Backspace,
    Space,
    Clear,      // empties the query
    SwitchMode, // letters ⇄ digits and punctuation
    Candidate,  // candidate: index on the page
    PagePrevious,
    PageNext,
    Search, // done: search for the query
    Hide,
};

struct KeyboardAction {
    KeyboardActionKind kind = KeyboardActionKind::None;
    std::string text;
    int candidate = -1;
    bool operator==(const KeyboardAction&) const = default;
};

enum class KeyRole { Character, Function, Primary }; // Primary: 搜索

struct KeyboardKey {
    Rect rect;
    std::string label;
    KeyboardAction action;
    KeyRole role = KeyRole::Character;
};

struct KeyboardLayout {
    Rect area;
    Rect field;      // the query and the preedit (not a button)
    Rect candidates; // the strip the candidates of a page share
    Rect page_previous, page_next, hide;
    std::vector<KeyboardKey> keys;
    int candidate_slots = 1; // the page size that fits the strip: ask the IME for this many
    float min_candidate_width = 0;
    float label_px = 0; // key label size in reference pixels, like KioskStyle's sizes
};

// Where the keyboard goes: the bottom 40 % of a landscape screen, 30 % of a portrait one. In elder
// mode, as much as six rows of kElderKeyMinPx keys need: a band across the bottom of a portrait
// screen, a column at the right of a landscape one from `top` (under the top bar) down. `scale` is
// KioskStyle::scale (short side / 1080).
Rect onscreenKeyboardArea(ImVec2 screen, bool elder, float scale, float top);

// Where every key and strip goes inside `area`. `scale` is KioskStyle::scale (short side / 1080).
KeyboardLayout layoutOnscreenKeyboard(const Rect& area, bool elder, KeyboardMode mode, float scale = 1.0f);

struct KeyboardView {
    KeyboardMode mode = KeyboardMode::Letters;
    std::string query;                   // committed text so far: "政务公开"
    std::string preedit;                 // the pinyin being composed: "zheng wu"
    std::vector<std::string> candidates; // this page's, at most layout.candidate_slots
    bool has_previous_page = false;
    bool has_next_page = false;
    bool pinyin_available = true; // false: letters are typed as they are and the bar says why
    std::optional<ImVec2> held;   // where a finger rests now: that key is drawn pressed
};

// Widths of the candidate cells: each as wide as its text needs but at least `min_width`, shrunk
// (never below min_width) when they do not all fit `strip_width`; gaps not included.
std::vector<float> candidateCellWidths(const std::vector<float>& text_widths, float strip_width, float min_width,
                                       float gap);

// Every (text colour, background) pair the keyboard draws text with: tests hold them to 4.5:1
// (7:1 in elder mode).
std::vector<std::pair<ImU32, ImU32>> onscreenKeyboardInks(const KioskStyle& style);

// Draws the keyboard into `dl`. `tap` is where a tap landed this frame (screen pixels) or nullptr;
// returns the action under it.
KeyboardAction drawOnscreenKeyboard(ImDrawList* dl, const KeyboardView& view, const KeyboardLayout& layout,
                                    const KioskStyle& style, const ImVec2* tap);

} // namespace gk
