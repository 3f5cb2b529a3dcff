// Kiosk frame drawing. See kiosk_screen.h.
#include "display/kiosk/kiosk_screen.h"

#include "display/kiosk/onscreen_keyboard.h"
#include "display/kiosk/touch_controls.h"
#include "display/layout_record.h"
#include "display/widgets.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace gk {
namespace {

void barButton(ImDrawList* dl, const KioskStyle& s, const Rect& r, std::string_view label, bool on) {
    recordTarget(r.min, r.max, label);
    dl->AddRectFilled(r.min, r.max, on ? s.on_accent : IM_COL32(0, 0, 0, 0), s.px(12));
    dl->AddRect(r.min, r.max, s.on_accent, s.px(12), 0, s.px(2));
    drawCentredLabel(dl, kioskText(s, true, s.body_px, on ? s.accent : s.on_accent), r, label);
}

void drawTopBar(ImDrawList* dl, const KioskScreenView& v, const KioskStyle& s, const KioskLayout& l) {
    dl->AddRectFilled(l.top_bar.min, l.top_bar.max, s.accent);
    if (v.can_go_back) barButton(dl, s, l.back, "‹ 返回", false);
    if (v.show_home) barButton(dl, s, l.home, "首页", false);
    barButton(dl, s, l.elder_toggle, s.elder ? "长辈模式 开" : "长辈模式", s.elder);
    const TextStyle clock = kioskText(s, true, s.elder ? 44 : 40, s.on_accent);
    const float clock_w = textWidth(clock, v.clock_text);
    const float clock_x = l.elder_toggle.min.x - s.px(28) - clock_w;
    drawTextLine(dl, clock,
                 ImVec2(clock_x, std::floor(l.back.min.y + (l.back.height() - clock.size) / 2 - clock.size * 0.1f)),
                 v.clock_text);
    const TextStyle title = kioskText(s, true, s.elder ? s.body_px : 40, s.on_accent); // elder: a 40 px em
    // On Home (no Back, no Home button) the title starts at the left edge.
    const float title_x = v.show_home ? l.title.min.x : l.back.min.x;
    const float title_right = l.title.max.x > clock_x ? clock_x - s.px(28) : l.title.max.x;
    drawTextLine(dl, title,
                 ImVec2(title_x, std::floor(l.title.min.y + (l.title.height() - title.size) / 2 - title.size * 0.1f)),
                 v.title, title_right - title_x);
}

// The page's position and ▲ ▼ buttons for those who do not swipe. Returns the rail's action.
KioskAction drawRail(ImDrawList* dl, const KioskStyle& s, const Rect& rail, const Rect& viewport, const Page& page,
                     float offset, const ImVec2* tap) {
    const float max_offset = maxScroll(page, viewport.height());
    const float button_h = s.px(s.target_px);
    // Too short for both buttons (a large keyboard below it): the page is dragged instead.
    if (rail.width() <= 0 || max_offset <= 0 || rail.height() < 2 * button_h + s.px(32)) return {};
    const Rect up{rail.min, {rail.max.x, rail.min.y + button_h}};
    const Rect down{{rail.min.x, rail.max.y - button_h}, rail.max};
    const bool at_top = offset <= 0.5f, at_end = offset >= max_offset - 0.5f;
    for (const auto& [r, label, off] : {std::tuple{up, "▲", at_top}, std::tuple{down, "▼", at_end}}) {
        recordTarget(r.min, r.max, std::string_view(label) == "▲" ? "向上翻页" : "向下翻页", !off);
        dl->AddRectFilled(r.min, r.max, off ? s.table_header : s.accent, s.px(12));
        drawCentredLabel(dl, kioskText(s, true, s.heading_px, off ? s.muted : s.on_accent), r, label);
    }
    // The track between the buttons, with a thumb as tall as the visible share of the page.
    const Rect track{{rail.min.x + rail.width() * 0.35f, up.max.y + s.px(16)},
                     {rail.max.x - rail.width() * 0.35f, down.min.y - s.px(16)}};
    dl->AddRectFilled(track.min, track.max, s.table_header, s.px(8));
    const float share = std::clamp(viewport.height() / page.height, 0.08f, 1.0f);
    const float thumb_h = track.height() * share;
    const float thumb_y = track.min.y + (track.height() - thumb_h) * (offset / max_offset);
    dl->AddRectFilled(ImVec2(track.min.x, thumb_y), ImVec2(track.max.x, thumb_y + thumb_h), s.muted, s.px(8));
    if (contains(up, tap) && !at_top) return {KioskActionKind::PageUp, {}};
    if (contains(down, tap) && !at_end) return {KioskActionKind::PageDown, {}};
    return {};
}

void drawPanel(ImDrawList* dl, const KioskScreenView& v, const KioskStyle& s, const KioskLayout& l) {
    if (l.panel.width() <= 0 || v.panel.empty()) return;
    dl->AddRectFilled(l.panel.min, l.panel.max, s.panel);
    dl->AddLine(s.portrait ? l.panel.min : l.panel.min,
                s.portrait ? ImVec2(l.panel.max.x, l.panel.min.y) : ImVec2(l.panel.min.x, l.panel.max.y), s.rule,
                s.px(2));
    const TextStyle caption = kioskText(s, true, s.body_px, s.text);
    const float pad = s.px(28);
    const std::size_t n = std::min<std::size_t>(v.panel.size(), 2);
    // Landscape: codes stacked; portrait: side by side.
    for (std::size_t i = 0; i < n; ++i) {
        Rect cell = l.panel;
        if (s.portrait) {
            const float w = l.panel.width() / static_cast<float>(n);
            cell = {{l.panel.min.x + w * static_cast<float>(i), l.panel.min.y},
                    {l.panel.min.x + w * static_cast<float>(i + 1), l.panel.max.y}};
        } else {
            const float h = l.panel.height() / static_cast<float>(n);
            cell = {{l.panel.min.x, l.panel.min.y + h * static_cast<float>(i)},
                    {l.panel.max.x, l.panel.min.y + h * static_cast<float>(i + 1)}};
        }
        const float caption_h = caption.size * 1.4f * 2;
        const int avail = static_cast<int>(std::min(cell.width() - 2 * pad, cell.height() - 2 * pad - caption_h));
        const PanelCode& code = v.panel[i];
        const int module_px = qrModulePixels(code.matrix.size, avail, std::max(2, static_cast<int>(s.px(4))));
        float y = cell.min.y + pad;
        if (module_px > 0) {
            const float side = static_cast<float>(code.matrix.size * module_px);
            drawQr(dl, code.matrix, ImVec2(std::floor(cell.min.x + (cell.width() - side) / 2), y), module_px,
                   IM_COL32_BLACK, IM_COL32_WHITE);
            y += side + s.px(8);
        }
        const float caption_w = std::min(textWidth(caption, code.caption), cell.width() - 2 * pad);
        drawWrappedText(dl, caption, ImVec2(std::floor(cell.min.x + (cell.width() - caption_w) / 2), y),
                        cell.width() - 2 * pad, code.caption, 2);
    }
}

// The urgent notice's banner: what a resident must not miss, on every page; a tap opens it.
KioskAction drawUrgentBanner(ImDrawList* dl, const KioskScreenView& v, const KioskStyle& s, const KioskLayout& l,
                             const ImVec2* tap) {
    if (l.urgent.height() <= 0 || !v.urgent) return {};
    const Rect& r = l.urgent;
    dl->AddRectFilled(r.min, r.max, s.urgent);
    dl->AddLine(r.min, ImVec2(r.max.x, r.min.y), s.on_accent, s.px(2));
    const float pad = s.px(24);
    const TextStyle chip = kioskText(s, true, s.body_px, s.urgent);
    const TextStyle text = kioskText(s, true, s.body_px, s.on_accent);
    const float text_y = std::floor(r.min.y + (r.height() - text.size) / 2);
    const float chip_w = drawChip(dl, chip, ImVec2(r.min.x + pad, text_y - s.px(6)), "紧急通知", s.on_accent, s.px(10));
    const std::string more = v.urgent->others > 0 ? "（另有 " + std::to_string(v.urgent->others) + " 条）" : "";
    const std::string_view open_hint = "点击查看 ›";
    const float hint_w = textWidth(text, open_hint);
    const float x = r.min.x + pad + chip_w + s.px(20);
    drawTextLine(dl, text, ImVec2(x, text_y), v.urgent->title + more, r.max.x - pad - hint_w - s.px(24) - x);
    drawTextLine(dl, text, ImVec2(r.max.x - pad - hint_w, text_y), open_hint);
    recordTarget(r.min, r.max, "紧急通知：" + v.urgent->title);
    if (contains(r, tap)) return openAction({ScreenKind::Notice, v.urgent->notice_id});
    return {};
}

KioskAction drawIdleOverlay(ImDrawList* dl, const KioskStyle& s, ImVec2 screen, int seconds_left) {
    dl->AddRectFilled(ImVec2(0, 0), screen, IM_COL32(0, 0, 0, 150));
    const float w = std::min(screen.x - s.px(80), s.px(s.elder ? 960 : 820));
    const float h = s.px(s.elder ? 520 : 440);
    const Rect box{{std::floor((screen.x - w) / 2), std::floor((screen.y - h) / 2)},
                   {std::floor((screen.x + w) / 2), std::floor((screen.y + h) / 2)}};
    dl->AddRectFilled(box.min, box.max, s.panel, s.px(20));
    const float pad = s.px(48);
    const TextStyle big = kioskText(s, true, s.title_px, s.text);
    const TextStyle body = kioskText(s, false, s.body_px, s.text);
    float y = box.min.y + pad;
    y += drawWrappedText(dl, big, ImVec2(box.min.x + pad, y), w - 2 * pad, "您还在阅读吗？");
    y += s.px(12);
    drawWrappedText(dl, body, ImVec2(box.min.x + pad, y), w - 2 * pad,
                    std::to_string(seconds_left) + " 秒后回到首页。点击屏幕任意位置继续阅读。");
    const Rect button{{box.min.x + pad, box.max.y - pad - s.px(s.target_px)}, {box.max.x - pad, box.max.y - pad}};
    recordTarget(button.min, button.max, "继续阅读");
    dl->AddRectFilled(button.min, button.max, s.accent, s.px(14));
    drawCentredLabel(dl, kioskText(s, true, s.heading_px, s.on_accent), button, "继续阅读");
    return {KioskActionKind::ContinueReading, {}};
}

} // namespace

KioskLayout layoutKioskScreen(const KioskStyle& s, ImVec2 screen, const KioskScreenParts& parts) {
    KioskLayout l;
    // Portrait has the height for a second row with the page title; landscape puts it between
    // the Home button and the clock.
    const float row_h = s.px(s.elder ? 150 : 128);
    const float bar_h = s.portrait ? row_h + s.px(s.elder ? 96 : 84) : row_h;
    l.top_bar = {{0, 0}, {screen.x, bar_h}};
    const float button_h = s.px(s.target_px);
    const float top = std::floor((row_h - button_h) / 2);
    const float m = s.px(24);
    l.back = {{m, top}, {m + s.px(s.elder ? 230 : 190), top + button_h}};
    l.home = {{l.back.max.x + s.px(16), top}, {l.back.max.x + s.px(16) + s.px(s.elder ? 170 : 140), top + button_h}};
    const float toggle_w = s.px(s.elder ? 330 : 260);
    l.elder_toggle = {{screen.x - m - toggle_w, top}, {screen.x - m, top + button_h}};
    l.title = s.portrait ? Rect{{m + s.px(8), row_h - s.px(12)}, {screen.x - m, bar_h - s.px(12)}}
                         : Rect{{l.home.max.x + s.px(32), top}, {l.elder_toggle.min.x, top + button_h}};
    const float margin = s.px(s.margin);
    float below_bar = bar_h;
    if (parts.urgent) {
        l.urgent = {{0, bar_h}, {screen.x, std::floor(bar_h + s.px(s.target_px))}};
        below_bar = l.urgent.max.y;
    }
    Rect body{{margin, below_bar}, {screen.x - margin, screen.y}};
    if (parts.keyboard) {
        l.keyboard = onscreenKeyboardArea(screen, s.elder, s.scale, below_bar);
        if (l.keyboard.min.y > below_bar)
            body.max.y = l.keyboard.min.y;
        else
            body.max.x = l.keyboard.min.x - margin;
    }
    if (parts.panel) {
        if (s.portrait) {
            const float panel_h = s.px(s.elder ? 560 : 500);
            l.panel = {{0, screen.y - panel_h}, {screen.x, screen.y}};
            body.max.y = l.panel.min.y;
        } else {
            const float panel_w = s.px(s.elder ? 520 : 460);
            l.panel = {{screen.x - panel_w, below_bar}, {screen.x, screen.y}};
            body.max.x = l.panel.min.x - margin;
        }
    }
    if (parts.rail) {
        const float rail_w = s.px(s.target_px);
        l.rail = {{body.max.x - rail_w, body.min.y + s.px(24)}, {body.max.x, body.max.y - s.px(24)}};
        body.max.x = l.rail.min.x - s.px(24);
    }
    l.content = body;
    return l;
}

Rect pageViewport(const KioskStyle& s, const KioskLayout& l) {
    return Rect{{l.content.min.x, l.content.min.y + s.px(24)}, l.content.max};
}

std::vector<PanelCode> encodePanel(const std::vector<PanelQr>& panel) {
    std::vector<PanelCode> codes;
    for (const PanelQr& qr : panel)
        if (std::optional<QrMatrix> matrix = encodeQr(qr.url))
            codes.push_back({std::move(*matrix), qr.url, qr.caption});
    return codes;
}

KioskScreenResult drawKioskScreen(const KioskScreenView& v, const KioskStyle& s, const KioskLayout& l,
                                  const ImVec2* tap, ImageLookup* images) {
    ImDrawList* dl = ImGui::GetBackgroundDrawList();
    const ImVec2 screen = ImGui::GetIO().DisplaySize;
    KioskScreenResult result;
    const bool overlay = v.idle_seconds_left.has_value();
    const ImVec2* page_tap = overlay ? nullptr : tap;
    if (v.page != nullptr) {
        const Rect area = pageViewport(s, l);
        result.action =
            drawPage(dl, *v.page, area.min, area.max, v.scroll, page_tap, images, &result.last_visible_line, v.pan);
        const KioskAction rail = drawRail(dl, s, l.rail, area, *v.page, v.scroll, page_tap);
        if (rail.kind != KioskActionKind::None) result.action = rail;
    }
    drawPanel(dl, v, s, l);
    drawTopBar(dl, v, s, l);
    if (const KioskAction urgent = drawUrgentBanner(dl, v, s, l, page_tap); urgent.kind != KioskActionKind::None)
        result.action = urgent;
    if (!v.offline_text.empty()) {
        const TextStyle note = kioskText(s, false, s.small_px, s.on_accent);
        const float w = textWidth(note, v.offline_text) + s.px(32);
        const ImVec2 min(std::floor((screen.x - w) / 2), l.top_bar.max.y);
        dl->AddRectFilled(min, ImVec2(min.x + w, min.y + note.size * 1.6f), s.warning, s.px(8));
        drawTextLine(dl, note, ImVec2(min.x + s.px(16), min.y + note.size * 0.2f), v.offline_text);
    }
    if (overlay) {
        const KioskAction resume = drawIdleOverlay(dl, s, screen, *v.idle_seconds_left);
        if (tap != nullptr) result.action = resume; // any tap keeps reading
        return result;
    }
    if (page_tap != nullptr) {
        if (v.can_go_back && contains(l.back, tap)) result.action = {KioskActionKind::Back, {}};
        if (v.show_home && contains(l.home, tap)) result.action = {KioskActionKind::Home, {}};
        if (contains(l.elder_toggle, tap)) result.action = {KioskActionKind::ToggleElder, {}};
    }
    return result;
}

float attractPromptHeight(const KioskStyle& s) {
    return std::round(s.px(200));
}

void drawAttractPrompt(const KioskStyle& s, ImVec2 screen) {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const float strip = attractPromptHeight(s);
    const float h = s.px(160);
    const float w = std::min(screen.x - s.px(80), s.px(1000));
    const Rect band{{std::floor((screen.x - w) / 2), screen.y - strip + std::floor((strip - h) / 2)},
                    {std::floor((screen.x + w) / 2), screen.y - strip + std::floor((strip + h) / 2)}};
    dl->AddRectFilled(ImVec2(0, screen.y - strip), screen, s.accent);
    dl->AddRectFilled(band.min, band.max, s.on_accent, h / 2);
    const TextStyle big = kioskText(s, true, 60, s.accent);
    const TextStyle small = kioskText(s, false, 28, s.text);
    const std::string_view label = "点击屏幕开始";
    const std::string_view hint = "查阅政府信息公开目录、办事指南、通知公告";
    const float y = band.min.y + s.px(16);
    recordTarget(ImVec2(0, 0), screen, label); // a tap anywhere starts
    drawTextLine(dl, big, ImVec2(std::floor(band.min.x + (w - textWidth(big, label)) / 2), y), label);
    drawTextLine(dl, small, ImVec2(std::floor(band.min.x + (w - textWidth(small, hint)) / 2), y + big.size * 1.35f),
                 hint);
}

} // namespace gk
