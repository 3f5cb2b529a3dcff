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

// 长辈模式: a grid of kElderColumns keys a row, letters in alphabetical order (found by the
// alphabet, not by typing practice, as on 适老 keyboards), every key at least kElderKeyMinPx
// square. Rows from the top: the input line with 清空 and 收起; the candidates with ‹ › and the
// mode switch; three rows of eight characters; the last two with 空格, 删除 and 搜索.
constexpr int kElderColumns = 8;
constexpr int kElderRows = 6;

std::vector<KeySpec> elderCharacters(KeyboardMode mode) {
    using K = KeyboardActionKind;
    std::vector<KeySpec> keys;
    if (mode == KeyboardMode::Letters) {
        for (const char* c : {"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m",
                              "n", "o", "p", "q", "r", "s", "t", "u", "v", "w", "x", "y", "z"})
            keys.push_back(typed(K::Letter, c));
    } else {
        for (const char* c : {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0"}) keys.push_back(typed(K::Digit, c));
        for (const char* c :
             {"，", "。", "、", "？", "！", "：", "；", "（", "）", "-", "《", "》", "〔", "〕", "“", "”"})
            keys.push_back(typed(K::Punctuation, c));
    }
    return keys; // 26 in both modes: three rows of eight, and two
}

void layoutElderGrid(KeyboardLayout& l, KeyboardMode mode, float left, float right, float top, float key_h, float gap) {
    using K = KeyboardActionKind;
    const float unit = std::min((right - left - (kElderColumns - 1) * gap) / kElderColumns, key_h * 1.7f);
    const float x0 = left + (right - left - kElderColumns * unit - (kElderColumns - 1) * gap) / 2;
    auto width = [&](float units) { return units * unit + (units - 1) * gap; };
    auto at = [&](float units_before) { return x0 + units_before * (unit + gap); };
    auto row_top = [&](int row) { return top + static_cast<float>(row) * (key_h + gap); };
    l.field = box(at(0), row_top(0), width(4.5f), key_h);
    l.keys.push_back({box(at(4.5f), row_top(0), width(1.5f), key_h), "清空", {K::Clear, "", -1}, KeyRole::Function});
    l.hide = box(at(6), row_top(0), width(2), key_h);
    l.candidates = box(at(0), row_top(1), width(4.5f), key_h);
    l.page_previous = box(at(4.5f), row_top(1), width(1), key_h);
    l.page_next = box(at(5.5f), row_top(1), width(1), key_h);
    l.keys.push_back({box(at(6.5f), row_top(1), width(1.5f), key_h),
                      mode == KeyboardMode::Letters ? "符号" : "拼音",
                      {K::SwitchMode, "", -1},
                      KeyRole::Function});
    const std::vector<KeySpec> characters = elderCharacters(mode);
    for (std::size_t i = 0; i < characters.size(); ++i) {
        const int row = 2 + static_cast<int>(i) / kElderColumns;
        const float column = static_cast<float>(i % kElderColumns);
        l.keys.push_back({box(at(column), row_top(row), unit, key_h), characters[i].label, characters[i].action,
                          KeyRole::Character});
    }
    const float after = static_cast<float>(characters.size() % kElderColumns);
    const int last = kElderRows - 1;
    l.keys.push_back({box(at(after), row_top(last), width(2), key_h), "空格", {K::Space, "", -1}, KeyRole::Function});
    l.keys.push_back(
        {box(at(after + 2), row_top(last), width(2), key_h), "删除", {K::Backspace, "", -1}, KeyRole::Function});
    l.keys.push_back(
        {box(at(after + 4), row_top(last), width(2), key_h), "搜索", {K::Search, "", -1}, KeyRole::Primary});
}

float elderPad(float scale) {
    return std::round(12 * scale);
}
float elderGap(float scale) {
    return std::round(10 * scale);
}

// How many candidates the strip holds: a cell holds its number (body text), a two-character word
// and padding without cutting it, and is at least a key wide.
void fitCandidates(KeyboardLayout& l, bool elder, float scale, float key_h) {
    const float number_px = elder ? 40.0f : 28.0f;
    l.min_candidate_width = std::max(std::ceil((2 * l.label_px + 0.6f * number_px + 40) * scale), key_h);
    l.candidate_slots = std::clamp(static_cast<int>(l.candidates.width() / l.min_candidate_width), 1, 9);
}

} // namespace

Rect onscreenKeyboardArea(ImVec2 screen, bool elder, float scale, float top) {
    const bool portrait = screen.y > screen.x;
    if (!elder) {
        const float h = std::round(screen.y * (portrait ? 0.30f : 0.40f));
        return Rect{{0, screen.y - h}, {screen.x, screen.y}};
    }
    const float pad = elderPad(scale), gap = elderGap(scale), key = std::ceil(kElderKeyMinPx * scale);
    if (portrait) { // a band across the bottom, as tall as six rows of keys need
        const float h = kElderRows * key + (kElderRows - 1) * gap + 2 * pad;
        return Rect{{0, screen.y - h}, {screen.x, screen.y}};
    }
    // Landscape: a column at the right, from under the top bar down. Beside it the results keep
    // whole lines of large text; a band across the bottom would leave room for one result.
    const float w = kElderColumns * key + (kElderColumns - 1) * gap + 2 * pad;
    return Rect{{screen.x - w, top}, {screen.x, screen.y}};
}

KeyboardLayout layoutOnscreenKeyboard(const Rect& area, bool elder, KeyboardMode mode, float scale) {
    KeyboardLayout l;
    l.area = area;
    if (elder) {
        const float pad = elderPad(scale), gap = elderGap(scale);
        const float row_h = std::floor((area.height() - 2 * pad - (kElderRows - 1) * gap) / kElderRows);
        const float column_w = std::floor((area.width() - 2 * pad - (kElderColumns - 1) * gap) / kElderColumns);
        // Square keys: a tall column keeps them square and sits at its top.
        const float key_h = std::min(row_h, column_w);
        // KioskStyle's elder body size (a CJK em of 40 px): the query, candidates and 空格 删除 搜索
        // read as large as the page's text.
        l.label_px = std::min(58.0f, std::floor(key_h * 0.49f / scale));
        layoutElderGrid(l, mode, area.min.x + pad, area.max.x - pad, area.min.y + pad, key_h, gap);
        fitCandidates(l, elder, scale, key_h);
        return l;
    }
    const float pad = std::round(12 * scale), gap = std::round(8 * scale);
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
    l.label_px = std::min(40.0f, std::floor(row_h * 0.55f / scale));
    fitCandidates(l, elder, scale, row_h);
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
