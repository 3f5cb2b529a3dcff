// Where the on-screen keyboard's keys go: pure geometry, no fonts. See onscreen_keyboard.h.
#include "display/kiosk/onscreen_keyboard.h"

#include <algorithm>
#include <cmath>

namespace gk {
namespace {

struct KeySpec {
    const char* label;
    KeyboardAction action;
    float units = 1; // widths in key units; a row is 10 units
    KeyRole role = KeyRole::Character;
};

struct RowSpec {
    float indent_units = 0; // the stagger of a typewriter keyboard
    std::vector<KeySpec> keys;
};

KeySpec typed(KeyboardActionKind kind, const char* text) {
    return {text, {kind, text, -1}};
}

KeySpec function(const char* label, KeyboardActionKind kind, float units, KeyRole role = KeyRole::Function) {
    return {label, {kind, "", -1}, units, role};
}

RowSpec typedRow(KeyboardActionKind kind, std::initializer_list<const char*> texts, float indent) {
    RowSpec row{indent, {}};
    for (const char* t : texts) row.keys.push_back(typed(kind, t));
    return row;
}

// The same last row in both modes, so 空格, 清空 and 搜索 never move under a resident's finger.
RowSpec bottomRow(KeyboardMode mode) {
    return {0,
            {function(mode == KeyboardMode::Letters ? "符号" : "拼音", KeyboardActionKind::SwitchMode, 1.5f),
             typed(KeyboardActionKind::Punctuation, "，"), function("空格", KeyboardActionKind::Space, 3),
             typed(KeyboardActionKind::Punctuation, "。"), function("清空", KeyboardActionKind::Clear, 1.5f),
             function("搜索", KeyboardActionKind::Search, 2, KeyRole::Primary)}};
}

std::vector<RowSpec> rowsFor(KeyboardMode mode) {
    using K = KeyboardActionKind;
    std::vector<RowSpec> rows;
    if (mode == KeyboardMode::Letters) {
        rows.push_back(typedRow(K::Letter, {"q", "w", "e", "r", "t", "y", "u", "i", "o", "p"}, 0));
        rows.push_back(typedRow(K::Letter, {"a", "s", "d", "f", "g", "h", "j", "k", "l"}, 0.5f));
        rows.push_back(typedRow(K::Letter, {"z", "x", "c", "v", "b", "n", "m"}, 1));
    } else {
        rows.push_back(typedRow(K::Digit, {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}, 0));
        rows.push_back(typedRow(K::Punctuation, {"、", "？", "！", "：", "；", "（", "）", "-", "·"}, 0.5f));
        // 《》 for document titles, 〔〕 for 文号 such as 国办发〔2020〕45号.
        rows.push_back(typedRow(K::Punctuation, {"《", "》", "〔", "〕", "“", "”", "."}, 1));
    }
    rows.back().keys.push_back(function("删除", K::Backspace, 2));
    rows.push_back(bottomRow(mode));
    return rows;
}

Rect box(float x, float y, float w, float h) {
    return Rect{{std::round(x), std::round(y)}, {std::round(x + w), std::round(y + h)}};
}

// The key rows, centred: keys no wider than 1.7× their height, so a wide screen gets a keyboard
// of normal proportions instead of 190-pixel-wide letters.
void placeKeys(KeyboardLayout& l, KeyboardMode mode, float left, float right, float top, float row_h, float gap) {
    const float unit = std::min((right - left - 9 * gap) / 10, row_h * 1.7f);
    const float total = 10 * unit + 9 * gap;
    const float x0 = left + (right - left - total) / 2;
    float y = top;
    for (const RowSpec& row : rowsFor(mode)) {
        float x = x0 + row.indent_units * (unit + gap);
        for (const KeySpec& spec : row.keys) {
            const float w = spec.units * unit + (spec.units - 1) * gap;
            l.keys.push_back({box(x, y, w, row_h), spec.label, spec.action, spec.role});
            x += w + gap;
        }
        y += row_h + gap;
    }
}

} // namespace

Rect onscreenKeyboardArea(ImVec2 screen, bool elder) {
    const bool portrait = screen.y > screen.x;
    const float share = portrait ? (elder ? 0.36f : 0.30f) : (elder ? 0.50f : 0.40f);
    const float h = std::round(screen.y * share);
    return Rect{{0, screen.y - h}, {screen.x, screen.y}};
}

KeyboardLayout layoutOnscreenKeyboard(const Rect& area, bool elder, KeyboardMode mode, float scale) {
    KeyboardLayout l;
    l.area = area;
    const float pad = std::round(12 * scale), gap = std::round((elder ? 10 : 8) * scale);
    const float left = area.min.x + pad, right = area.max.x - pad;
    // Wide areas put the input line and the candidates side by side; narrow ones stack them.
    const bool one_strip = right - left >= 1400 * scale;
    const int rows = one_strip ? 5 : 6;
    const float row_h = std::floor((area.height() - 2 * pad - (rows - 1) * gap) / rows);
    const float top = area.min.y + pad;
    const float hide_w = std::round(row_h * 1.6f);
    const float page_w = row_h;
    float strip_y = top;
    if (one_strip) {
        const float field_w = std::round((right - left) * 0.3f);
        l.field = box(left, strip_y, field_w, row_h);
        l.hide = box(right - hide_w, strip_y, hide_w, row_h);
        l.page_next = box(l.hide.min.x - gap - page_w, strip_y, page_w, row_h);
    } else {
        l.hide = box(right - hide_w, strip_y, hide_w, row_h);
        l.field = box(left, strip_y, l.hide.min.x - gap - left, row_h);
        strip_y += row_h + gap;
        l.page_next = box(right - page_w, strip_y, page_w, row_h);
    }
    l.page_previous = box(l.page_next.min.x - gap - page_w, strip_y, page_w, row_h);
    const float strip_left = one_strip ? l.field.max.x + gap : left;
    l.candidates = box(strip_left, strip_y, l.page_previous.min.x - gap - strip_left, row_h);
    l.label_px = std::min(elder ? 50.0f : 40.0f, std::floor(row_h * 0.55f / scale));
    // A cell holds its number (body text), a two-character word and padding without cutting it.
    const float number_px = elder ? 40.0f : 28.0f;
    l.min_candidate_width = std::max(std::ceil((2 * l.label_px + 0.6f * number_px + 40) * scale), row_h);
    l.candidate_slots = std::clamp(static_cast<int>(l.candidates.width() / l.min_candidate_width), 1, 9);
    placeKeys(l, mode, left, right, strip_y + row_h + gap, row_h, gap);
    return l;
}

std::vector<float> candidateCellWidths(const std::vector<float>& text_widths, float strip_width, float min_width,
                                       float gap) {
    std::vector<float> widths;
    float total = 0, shrinkable = 0;
    for (float w : text_widths) {
        widths.push_back(std::max(min_width, std::ceil(w)));
        total += widths.back();
        shrinkable += widths.back() - min_width;
    }
    if (!widths.empty()) total += gap * static_cast<float>(widths.size() - 1);
    const float excess = total - strip_width;
    if (excess <= 0) return widths;
    // Too wide: the long candidates give up width in proportion to what they have above the minimum.
    for (float& w : widths)
        w = shrinkable <= excess ? min_width : std::floor(w - excess * (w - min_width) / shrinkable);
    return widths;
}

} // namespace gk
