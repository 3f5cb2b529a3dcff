// Drawing the on-screen keyboard with kiosk mode's one button look (display/touch_controls) and
// KioskStyle's text sizes and colours. See onscreen_keyboard.h.
#include "display/kiosk/onscreen_keyboard.h"

#include "display/kiosk/touch_controls.h"
#include "display/layout_record.h"
#include "display/widgets.h"

#include <cmath>

namespace gk {
namespace {

bool held(const KeyboardView& v, const Rect& r) {
    return v.held && contains(r, &*v.held);
}

// The line's top for text of that size centred in r (CJK glyphs sit a little low in their box).
float centredTop(const Rect& r, const TextStyle& t) {
    return std::floor(r.min.y + (r.height() - t.size) / 2 - t.size * 0.1f);
}

// Kiosk buttons (touch_controls): Secondary keys, the Primary 搜索, Selected while a finger rests.
bool drawKey(ImDrawList* dl, const KioskStyle& s, const KeyboardView& v, const Rect& r, std::string_view label,
             KeyRole role, float label_px, const ImVec2* tap, bool enabled = true) {
    ButtonLook look = role == KeyRole::Primary ? ButtonLook::Primary : ButtonLook::Secondary;
    if (held(v, r)) look = ButtonLook::Selected;
    if (!enabled) look = ButtonLook::Disabled;
    return drawTouchButton(dl, s, r, label, look, tap, label_px);
}

// The end of `text` that fits `width`: a long query keeps its newest characters in sight.
std::string_view tailThatFits(const TextStyle& t, std::string_view text, float width) {
    std::size_t start = 0;
    while (start < text.size() && textWidth(t, text.substr(start)) > width) {
        ++start;
        while (start < text.size() && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) ++start;
    }
    return text.substr(start);
}

void drawField(ImDrawList* dl, const KeyboardView& v, const KeyboardLayout& l, const KioskStyle& s) {
    const Rect& r = l.field;
    dl->AddRectFilled(r.min, r.max, s.panel, s.px(12));
    dl->AddRect(r.min, r.max, s.text, s.px(12), 0, s.px(3));
    const float pad = s.px(20);
    const TextStyle query = kioskText(s, false, l.label_px, s.text);
    const TextStyle pinyin = kioskText(s, false, l.label_px, s.accent);
    const float y = centredTop(r, query);
    if (v.query.empty() && v.preedit.empty()) {
        drawTextLine(dl, kioskText(s, false, l.label_px, s.muted), ImVec2(r.min.x + pad, y), "请输入关键词",
                     r.width() - 2 * pad);
        return;
    }
    const float room = r.width() - 2 * pad - s.px(12); // the caret and the gap before the pinyin
    const float pinyin_w = std::min(textWidth(pinyin, v.preedit), room);
    const std::string_view shown = tailThatFits(query, v.query, room - pinyin_w);
    float x = r.min.x + pad;
    drawTextLine(dl, query, ImVec2(x, y), shown);
    x += textWidth(query, shown);
    if (!v.preedit.empty()) {
        if (!shown.empty()) x += s.px(6);
        drawTextLine(dl, pinyin, ImVec2(x, y), v.preedit, pinyin_w);
        const float underline_y = std::round(y + pinyin.size * 1.3f);
        dl->AddRectFilled(ImVec2(x, underline_y), ImVec2(x + pinyin_w, underline_y + s.px(2)), s.accent);
        x += pinyin_w;
    }
    // The caret: where the next letter goes.
    dl->AddRectFilled(ImVec2(x + s.px(3), r.min.y + r.height() * 0.2f),
                      ImVec2(x + s.px(6), r.max.y - r.height() * 0.2f), s.text);
}

void drawStripHint(ImDrawList* dl, const KeyboardView& v, const KeyboardLayout& l, const KioskStyle& s, float pad) {
    const TextStyle hint = kioskText(s, false, s.body_px, s.muted);
    const char* text = !v.pinyin_available               ? "拼音输入暂不可用，可输入字母和数字"
                       : !v.preedit.empty()              ? "没有对应的汉字，请删除后重新输入"
                       : v.mode == KeyboardMode::Symbols ? "数字和标点直接输入，点“拼音”返回"
                                                         : "输入拼音，点选汉字";
    drawTextLine(dl, hint, ImVec2(l.candidates.min.x + pad, centredTop(l.candidates, hint)), text,
                 l.candidates.width() - 2 * pad);
}

// Candidates side by side in the strip, each with its number (a digit key picks it); the first is
// underlined because 空格 and 搜索 choose it.
KeyboardAction drawCandidates(ImDrawList* dl, const KeyboardView& v, const KeyboardLayout& l, const KioskStyle& s,
                              const ImVec2* tap) {
    const Rect& strip = l.candidates;
    dl->AddRectFilled(strip.min, strip.max, s.panel, s.px(12));
    const float pad = s.px(16);
    if (!v.pinyin_available || v.candidates.empty()) {
        drawStripHint(dl, v, l, s, pad);
        return {};
    }
    const TextStyle number = kioskText(s, false, s.body_px, s.muted);
    const float number_w = textWidth(number, "9") + s.px(8);
    std::vector<float> natural;
    for (std::size_t i = 0; i < v.candidates.size(); ++i)
        natural.push_back(number_w + textWidth(kioskText(s, i == 0, l.label_px, s.text), v.candidates[i]) + 2 * pad);
    const std::vector<float> widths = candidateCellWidths(natural, strip.width(), l.min_candidate_width, 0);
    KeyboardAction action;
    float x = strip.min.x;
    for (std::size_t i = 0; i < v.candidates.size(); ++i) {
        const Rect cell{{x, strip.min.y}, {std::min(x + widths[i], strip.max.x), strip.max.y}};
        const bool pressed = held(v, cell);
        recordTarget(cell.min, cell.max, v.candidates[i]);
        if (pressed) dl->AddRectFilled(cell.min, cell.max, s.text, s.px(12));
        const TextStyle text = kioskText(s, i == 0, l.label_px, pressed ? s.panel : s.text);
        const float y = centredTop(cell, text);
        drawTextLine(dl, kioskText(s, false, s.body_px, pressed ? s.panel : s.muted),
                     ImVec2(cell.min.x + pad, std::round(y + (text.size - number.size) * 0.6f)), std::to_string(i + 1));
        drawTextLine(dl, text, ImVec2(cell.min.x + pad + number_w, y), v.candidates[i],
                     cell.width() - 2 * pad - number_w);
        if (i == 0)
            dl->AddRectFilled(ImVec2(cell.min.x + pad, cell.max.y - s.px(12)),
                              ImVec2(cell.max.x - pad, cell.max.y - s.px(7)), s.accent);
        if (i + 1 < v.candidates.size())
            dl->AddRectFilled(ImVec2(cell.max.x - s.px(1), cell.min.y + s.px(14)),
                              ImVec2(cell.max.x + s.px(1), cell.max.y - s.px(14)), s.rule);
        if (contains(cell, tap)) action = {KeyboardActionKind::Candidate, "", static_cast<int>(i)};
        x += widths[i];
    }
    return action;
}

} // namespace

std::vector<std::pair<ImU32, ImU32>> onscreenKeyboardInks(const KioskStyle& s) {
    return {{s.accent, s.panel},       {s.on_accent, s.accent}, {s.panel, s.text},
            {s.muted, s.table_header}, {s.text, s.panel},       {s.muted, s.panel}};
}

KeyboardAction drawOnscreenKeyboard(ImDrawList* dl, const KeyboardView& v, const KeyboardLayout& l, const KioskStyle& s,
                                    const ImVec2* tap) {
    // The band behind the keys: the rule colour, so the white keys stand out in both modes.
    dl->AddRectFilled(l.area.min, l.area.max, s.rule);
    drawField(dl, v, l, s);
    KeyboardAction action = drawCandidates(dl, v, l, s, tap);
    const float function_px = std::min(s.body_px, l.label_px);
    if (drawKey(dl, s, v, l.page_previous, "‹", KeyRole::Function, l.label_px, tap, v.has_previous_page))
        action = {KeyboardActionKind::PagePrevious, "", -1};
    if (drawKey(dl, s, v, l.page_next, "›", KeyRole::Function, l.label_px, tap, v.has_next_page))
        action = {KeyboardActionKind::PageNext, "", -1};
    if (drawKey(dl, s, v, l.hide, "收起", KeyRole::Function, function_px, tap))
        action = {KeyboardActionKind::Hide, "", -1};
    for (const KeyboardKey& key : l.keys) {
        std::string_view label = key.label;
        if (key.action.kind == KeyboardActionKind::SwitchMode && !v.pinyin_available && label == "拼音") label = "字母";
        const float px = key.role == KeyRole::Character ? l.label_px : function_px;
        if (drawKey(dl, s, v, key.rect, label, key.role, px, tap)) action = key.action;
    }
    return action;
}

} // namespace gk
