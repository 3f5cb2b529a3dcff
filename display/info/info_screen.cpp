// Drawing of the information screen. See info_screen.h.
#include "display/info/info_screen.h"

#include "display/kiosk/page.h"
#include "display/widgets.h"

#include <algorithm>
#include <cmath>
#include <utility>

namespace gk {
namespace {

constexpr float kMinQrModulePx = 8.0f; // at 1080p: scannable from 1 m; scaled for other screens

// The urgent banner under the header and the ticker strip above the footer, when the view has
// them; returns the top and bottom left for the card and QR zones.
std::pair<float, float> bannerAndTicker(const Theme& t, ImVec2 s, const InfoScreenView& v, InfoLayout& l, float gap) {
    float top = l.header.max.y;
    l.banner = {{0, top}, {s.x, top}};
    if (!v.urgent_banner.empty()) {
        l.banner.max.y = top + t.px(76);
        top = l.banner.max.y;
    }
    float bottom = l.footer.min.y;
    l.ticker = {{0, bottom}, {s.x, bottom}};
    if (!v.ticker_text.empty()) {
        l.ticker.min.y = bottom - t.px(72);
        bottom = l.ticker.min.y;
    }
    return {top + gap, bottom - t.px(20)};
}

// The QR panel's two caption lines (手机扫码 and what the code opens), at 1080 lines.
constexpr float kQrCaptionPx = 34;
constexpr float kQrCaptionsHeight = kQrCaptionPx * 1.5f * 2 + 56; // with the panel's margins

InfoLayout layoutLandscape(const Theme& t, ImVec2 s, const InfoScreenView& v) {
    InfoLayout l;
    l.header = {{0, 0}, {s.x, t.px(124)}};
    l.clock = {{s.x - t.px(64 + 290), 0}, {s.x - t.px(64), t.px(124)}};
    l.footer = {{0, s.y - t.px(72)}, {s.x, s.y}};
    const auto [top, bottom] = bannerAndTicker(t, s, v, l, t.px(44));
    const float panel_w = t.px(500);
    l.qr_panel = {{s.x - t.px(72) - panel_w, top}, {s.x - t.px(72), bottom}};
    l.card = {{t.px(80), top}, {l.qr_panel.min.x - t.px(72), bottom}};
    // The code and its two caption lines (drawQrPanel) within the panel's height: short when an
    // urgent banner and the kiosk's 「点击屏幕开始」 band both take room.
    l.qr_max_px = static_cast<int>(std::min(panel_w - t.px(60), l.qr_panel.height() - t.px(kQrCaptionsHeight)));
    return l;
}

InfoLayout layoutPortrait(const Theme& t, ImVec2 s, const InfoScreenView& v) {
    InfoLayout l;
    l.header = {{0, 0}, {s.x, t.px(210)}};
    l.clock = {{s.x - t.px(64 + 290), t.px(112)}, {s.x - t.px(64), t.px(210)}};
    l.footer = {{0, s.y - t.px(72)}, {s.x, s.y}};
    const auto [top, bottom] = bannerAndTicker(t, s, v, l, t.px(48));
    const float qr_h = t.px(640);
    l.qr_panel = {{t.px(250), bottom - t.px(16) - qr_h}, {s.x - t.px(250), bottom - t.px(16)}};
    l.card = {{t.px(64), top}, {s.x - t.px(64), l.qr_panel.min.y - t.px(48)}};
    // Room for two caption lines below the code.
    l.qr_max_px = static_cast<int>(std::min(l.qr_panel.width() - t.px(80), qr_h - t.px(150)));
    return l;
}

struct Painter {
    ImDrawList* dl;
    const Theme& t;
    const Fonts& f;
    TextStyle style(bool bold, float ref_px, ImU32 colour, float alpha = 1.0f) const {
        return TextStyle{bold ? f.bold : f.regular, std::round(t.px(ref_px)), withAlpha(colour, alpha), 1.5f};
    }
};

// The clock sits in a fixed box (its digits are proportional) so that a clock-only redraw of that
// box is exact and nothing around it moves.
void drawClock(const Painter& p, const InfoLayout& l, const InfoScreenView& v) {
    p.dl->AddRectFilled(l.clock.min, l.clock.max, p.t.header_bg);
    const TextStyle clock = p.style(true, 60, p.t.header_text);
    const float clock_w = textWidth(clock, v.clock_text);
    drawTextLine(p.dl, clock, ImVec2(l.clock.max.x - clock_w, l.clock.min.y + p.t.px(p.t.portrait ? 6 : 28)),
                 v.clock_text);
}

void drawHeader(const Painter& p, const InfoLayout& l, const InfoScreenView& v) {
    p.dl->AddRectFilled(l.header.min, l.header.max, p.t.header_bg);
    drawClock(p, l, v);
    const TextStyle name = p.style(true, 48, p.t.header_text);
    const TextStyle date = p.style(false, 32, p.t.header_text);
    if (!p.t.portrait) {
        const float date_w = textWidth(date, v.date_text);
        const float date_x = l.clock.min.x - p.t.px(36) - date_w;
        drawTextLine(p.dl, date, ImVec2(date_x, p.t.px(44)), v.date_text);
        drawTextLine(p.dl, name, ImVec2(p.t.px(64), p.t.px(34)), v.site_name, date_x - p.t.px(124));
        return;
    }
    drawTextLine(p.dl, name, ImVec2(p.t.px(64), p.t.px(30)), v.site_name, l.header.width() - p.t.px(128));
    drawTextLine(p.dl, date, ImVec2(p.t.px(64), p.t.px(134)), v.date_text);
}

// The category chip's height: 30 px text (at 1080 lines) and its padding.
float badgeHeight(const Theme& t) {
    return std::round(t.px(30)) + t.px(14);
}

float drawBadges(const Painter& p, ImVec2 pos, const InfoCard& c, float alpha) {
    const float pad = p.t.px(14);
    float x = pos.x;
    if (c.urgent || c.important) {
        const TextStyle tag = p.style(true, 30, p.t.header_text, alpha);
        x += drawChip(p.dl, tag, ImVec2(x, pos.y), c.urgent ? "紧急" : "重要",
                      withAlpha(c.urgent ? p.t.urgent : p.t.important, alpha), pad) +
             p.t.px(16);
    }
    const TextStyle badge = p.style(false, 30, p.t.accent, alpha);
    const float w = textWidth(badge, c.badge) + 2 * pad;
    const float h = badgeHeight(p.t);
    p.dl->AddRect(ImVec2(x, pos.y), ImVec2(x + w, pos.y + h), withAlpha(p.t.accent, alpha), h * 0.2f, 0, p.t.px(2));
    drawTextLine(p.dl, badge, ImVec2(x + pad, pos.y + pad * 0.5f), c.badge);
    return h;
}

// The video's current frame, exactly in its box (the player rendered it that size).
void drawVideoFrame(const Painter& p, const InfoLayout& l, const InfoScreenView& v) {
    if (!v.video_frame) return;
    p.dl->AddImage(ImTextureRef(static_cast<ImTextureID>(v.video_frame->texture)), l.video.min, l.video.max);
}

// The badge row above a Video card's picture, and the caption line below it.
float badgeRowHeight(const Theme& t) {
    return badgeHeight(t) + t.px(24);
}
float captionHeight(const Theme& t) {
    return std::round(t.px(40)) * 1.6f + t.px(16);
}

// See InfoLayout::video. Before the video's size is known, 16:9.
Rect videoBox(const Theme& t, ImVec2 screen, const InfoLayout& l, const InfoScreenView& v) {
    const bool known = v.video_width > 0 && v.video_height > 0;
    const float aspect = known ? static_cast<float>(v.video_width) / static_cast<float>(v.video_height) : 16.0f / 9.0f;
    Rect area{{0, 0}, screen};
    if (!(v.card.video && v.card.video->full_screen))
        area = Rect{{l.card.min.x, l.card.min.y + badgeRowHeight(t)}, {l.card.max.x, l.card.max.y - captionHeight(t)}};
    float w = std::floor(std::min(area.width(), area.height() * aspect));
    const float h = std::floor(std::min(area.height(), w / aspect));
    // A width mpv scales the picture to exactly at this height (its own sum, truncated), so that it
    // draws no bar of black pixels beside a picture a pixel narrower than the box.
    if (known) w = std::min(w, std::floor(h / static_cast<float>(v.video_height) * static_cast<float>(v.video_width)));
    const ImVec2 min(std::floor(area.min.x + (area.width() - w) / 2), std::floor(area.min.y + (area.height() - h) / 2));
    return Rect{min, {min.x + w, min.y + h}};
}

// A Video card in the main zone: its badge, the picture (the card's own background until the
// first frame: no black flash) and its name under it.
void drawVideoCard(const Painter& p, const InfoLayout& l, const InfoScreenView& v, float alpha) {
    drawBadges(p, ImVec2(l.card.min.x, l.card.min.y), v.card, alpha);
    drawVideoFrame(p, l, v);
    const TextStyle caption = p.style(true, 40, p.t.text, alpha);
    const float cw = textWidth(caption, v.card.title);
    drawTextLine(p.dl, caption,
                 ImVec2(l.card.min.x + std::max(0.0f, (l.card.width() - cw) * 0.5f), l.video.max.y + p.t.px(16)),
                 v.card.title, l.card.width());
}

void drawImageCard(const Painter& p, const Rect& area, const InfoScreenView& v, float alpha) {
    const TextStyle caption = p.style(true, 40, p.t.text, alpha);
    const float caption_h = caption.size * 1.6f;
    if (!v.image || v.image->width <= 0 || v.image->height <= 0) {
        drawWrappedText(p.dl, caption, area.min, area.width(), v.card.title, 2);
        return;
    }
    const float avail_h = area.height() - caption_h;
    const float scale =
        std::min(area.width() / static_cast<float>(v.image->width), avail_h / static_cast<float>(v.image->height));
    const ImVec2 size(std::floor(static_cast<float>(v.image->width) * scale),
                      std::floor(static_cast<float>(v.image->height) * scale));
    const ImVec2 min(std::floor(area.min.x + (area.width() - size.x) * 0.5f), area.min.y);
    p.dl->AddImage(ImTextureRef(static_cast<ImTextureID>(v.image->texture)), min,
                   ImVec2(min.x + size.x, min.y + size.y), ImVec2(0, 0), ImVec2(1, 1),
                   withAlpha(IM_COL32_WHITE, alpha));
    const float cw = textWidth(caption, v.card.title);
    drawTextLine(p.dl, caption,
                 ImVec2(area.min.x + std::max(0.0f, (area.width() - cw) * 0.5f), min.y + size.y + p.t.px(16)),
                 v.card.title, area.width());
}

void drawIdleCard(const Painter& p, const Rect& area, const InfoScreenView& v) {
    const TextStyle big = p.style(true, 72, p.t.text);
    const TextStyle clock = p.style(true, 120, p.t.accent);
    const float nw = textWidth(big, v.site_name);
    const float cw = textWidth(clock, v.clock_text);
    const float cy = area.min.y + area.height() * 0.3f;
    drawTextLine(p.dl, big, ImVec2(area.min.x + std::max(0.0f, (area.width() - nw) * 0.5f), cy), v.site_name,
                 area.width());
    drawTextLine(p.dl, clock, ImVec2(area.min.x + (area.width() - cw) * 0.5f, cy + p.t.px(130)), v.clock_text);
}

// The title and the line under it, sized to be read from 3 m (a 44 px em at 1080 lines).
TextStyle titleStyle(const Painter& p, const InfoCard& c, float alpha) {
    TextStyle title = p.style(true, 66, c.urgent ? p.t.urgent : p.t.text, alpha);
    title.line_height = 1.3f;
    return title;
}
TextStyle metaStyle(const Painter& p, float alpha) {
    return p.style(false, 40, p.t.muted, alpha);
}
constexpr int kTitleLines = 3;

// The height of the card's head (badges, title, meta, rule) in a box of that width: where its
// text starts. drawCard draws exactly this.
float cardHeadHeight(const Painter& p, float width, const InfoCard& c) {
    const float badges = p.style(false, 30, p.t.accent).size + p.t.px(14);
    float h = badges + p.t.px(24);
    h += measureWrappedText(titleStyle(p, c, 1), width, c.title, kTitleLines) + p.t.px(12);
    if (!c.meta.empty()) h += metaStyle(p, 1).size * 1.5f + p.t.px(8);
    return h + p.t.px(24);
}

// The box of the card's fields and body, below its head.
Rect cardTextBox(const Painter& p, const InfoLayout& l, const InfoCard& c) {
    return Rect{{l.card.min.x, l.card.min.y + cardHeadHeight(p, l.card.width(), c)}, l.card.max};
}

// A page whose colours fade in with the card.
Page faded(const Page& page, float alpha) {
    Page out = page;
    for (PageText& line : out.texts) line.color = withAlpha(line.color, alpha);
    for (PageRect& rect : out.rects) {
        if (rect.fill != 0) rect.fill = withAlpha(rect.fill, alpha);
        if (rect.border != 0) rect.border = withAlpha(rect.border, alpha);
    }
    return out;
}

// One page of the card's text, with the pinned fields and the page number under it when it pages.
void drawCardText(const Painter& p, const Rect& box, const CardText& text, std::size_t page, std::size_t shown,
                  float alpha) {
    shown = std::clamp<std::size_t>(shown, 1, text.pages());
    page = std::min(page, shown - 1);
    const float top = text.page_tops[page];
    const float bottom = text.pageBottom(page);
    drawPage(p.dl, alpha >= 1.0f ? text.text : faded(text.text, alpha), box.min,
             ImVec2(box.max.x, box.min.y + (bottom - top)), top, nullptr, nullptr);
    if (text.pages() == 1) return;
    const TextStyle number = p.style(true, 34, p.t.accent, alpha);
    const bool more = text.more || shown < text.pages();
    const std::string label = std::to_string(page + 1) + "/" + std::to_string(shown) +
                              (more && page + 1 == shown ? "　余下内容请扫码查看" : "");
    const float y = box.min.y + text.page_height + p.t.px(8);
    drawTextLine(p.dl, number, ImVec2(box.max.x - textWidth(number, label), y), label);
    if (!text.pinned.texts.empty()) {
        const float pinned_top = box.max.y - text.pinned.height;
        drawPage(p.dl, alpha >= 1.0f ? text.pinned : faded(text.pinned, alpha), ImVec2(box.min.x, pinned_top), box.max,
                 0, nullptr, nullptr);
    }
}

void drawCard(const Painter& p, const InfoLayout& l, const InfoScreenView& v, CardTextCache& cache) {
    const InfoCard& c = v.card;
    const float alpha = v.reveal;
    Rect area = l.card;
    area.min.y += std::round((1.0f - v.reveal) * p.t.px(24)); // a short rise with the fade
    if (c.kind == CardKind::Idle) return drawIdleCard(p, area, v);
    if (c.kind == CardKind::Video) return drawVideoCard(p, l, v, alpha);
    float y = area.min.y;
    y += drawBadges(p, ImVec2(area.min.x, y), c, alpha) + p.t.px(24);
    if (c.kind == CardKind::Image) return drawImageCard(p, Rect{{area.min.x, y}, area.max}, v, alpha);
    y += drawWrappedText(p.dl, titleStyle(p, c, alpha), ImVec2(area.min.x, y), area.width(), c.title, kTitleLines) +
         p.t.px(12);
    if (!c.meta.empty()) {
        const TextStyle meta = metaStyle(p, alpha);
        drawTextLine(p.dl, meta, ImVec2(area.min.x, y), c.meta, area.width());
        y += meta.size * 1.5f + p.t.px(8);
    }
    p.dl->AddLine(ImVec2(area.min.x, y), ImVec2(area.max.x, y), withAlpha(p.t.rule, alpha), p.t.px(2));
    y += p.t.px(24);
    const Rect box = cardTextBox(p, l, c);
    const CardText& text = cache.get(c, p.t, p.f, box.width(), box.height());
    drawCardText(p, Rect{{area.min.x, y}, {area.max.x, y + box.height()}}, text, v.card_page, v.card_page_count, alpha);
}

void drawQrPanel(const Painter& p, const InfoLayout& l, const InfoScreenView& v) {
    if (!v.qr) return;
    const int min_module_px = std::max(2, static_cast<int>(std::floor(p.t.px(kMinQrModulePx))));
    const int module_px = qrModulePixels(v.qr->size, l.qr_max_px, min_module_px);
    if (module_px == 0) return; // too dense to scan: better no code than a code that fails
    const float side = static_cast<float>(module_px * v.qr->size);
    const TextStyle caption = p.style(true, kQrCaptionPx, p.t.text);
    const float panel_h = side + caption.size * 1.5f * 2 + p.t.px(40);
    const float top =
        std::floor(l.qr_panel.min.y + std::max(0.0f, (l.qr_panel.height() - panel_h) * (p.t.portrait ? 0.5f : 0.0f)));
    const ImVec2 qr_pos(std::floor(l.qr_panel.min.x + (l.qr_panel.width() - side) * 0.5f), top);
    p.dl->AddRectFilled(ImVec2(l.qr_panel.min.x, top - p.t.px(12)), ImVec2(l.qr_panel.max.x, top + panel_h), p.t.panel,
                        p.t.px(12));
    drawQr(p.dl, *v.qr, qr_pos, module_px, p.t.qr_dark, p.t.panel);
    float y = top + side + p.t.px(4);
    for (const std::string& line : {std::string("手机扫码"), v.card.qr_caption}) {
        const float w = textWidth(caption, line);
        drawTextLine(p.dl, caption, ImVec2(l.qr_panel.min.x + (l.qr_panel.width() - w) * 0.5f, y), line);
        y += caption.size * 1.5f;
    }
}

void drawBanner(const Painter& p, const InfoLayout& l, const InfoScreenView& v) {
    if (l.banner.height() <= 0) return;
    p.dl->AddRectFilled(l.banner.min, l.banner.max, p.t.urgent);
    const TextStyle text = p.style(true, 40, p.t.header_text);
    drawTextLine(p.dl, text, ImVec2(p.t.px(64), l.banner.min.y + (l.banner.height() - text.size) * 0.45f),
                 v.urgent_banner, l.banner.width() - p.t.px(128));
}

// The ticker text moves left at kTickerSpeedPx; copies follow each other with a gap, so the
// strip is never empty. Only the strip is touched, so it can be redrawn on its own.
void drawTicker(const Painter& p, const InfoLayout& l, const InfoScreenView& v) {
    if (l.ticker.height() <= 0) return;
    p.dl->AddRectFilled(l.ticker.min, l.ticker.max, p.t.header_bg);
    const TextStyle text = p.style(false, 34, p.t.header_text);
    const float cycle = textWidth(text, v.ticker_text) + p.t.px(160);
    const double travelled = static_cast<double>(v.ticker_elapsed_ms) * p.t.px(kTickerSpeedPx) / 1000.0;
    const float shift = static_cast<float>(std::fmod(travelled, static_cast<double>(cycle)));
    const float y = std::floor(l.ticker.min.y + (l.ticker.height() - text.size) * 0.42f);
    p.dl->PushClipRect(l.ticker.min, l.ticker.max, true);
    for (float x = l.ticker.max.x - shift - cycle * std::ceil((l.ticker.max.x - shift) / cycle); x < l.ticker.max.x;
         x += cycle)
        if (x + cycle > l.ticker.min.x) drawTextLine(p.dl, text, ImVec2(std::round(x), y), v.ticker_text);
    p.dl->PopClipRect();
}

void drawFooter(const Painter& p, const InfoLayout& l, const InfoScreenView& v) {
    const TextStyle small = p.style(false, 28, p.t.muted);
    const float y = l.footer.min.y + p.t.px(18);
    if (!v.offline_text.empty()) {
        const TextStyle warn = p.style(true, 28, p.t.header_text);
        const float w = textWidth(warn, v.offline_text) + p.t.px(40);
        p.dl->AddRectFilled(ImVec2(p.t.px(48), y - p.t.px(8)), ImVec2(p.t.px(48) + w, y + warn.size + p.t.px(10)),
                            p.t.important, p.t.px(8));
        drawTextLine(p.dl, warn, ImVec2(p.t.px(68), y), v.offline_text);
    } else {
        drawTextLine(p.dl, small, ImVec2(p.t.px(64), y), v.status_text, l.footer.width() * 0.6f);
    }
    const float pw = textWidth(small, v.position_text);
    drawTextLine(p.dl, small, ImVec2(l.footer.max.x - p.t.px(64) - pw, y), v.position_text);
    if (!v.staff_warning.empty()) {
        const TextStyle note = p.style(false, 22, p.t.urgent);
        drawTextLine(p.dl, note, ImVec2(l.footer.width() * 0.5f, y + p.t.px(4)), v.staff_warning,
                     l.footer.width() * 0.5f - p.t.px(64) - pw - p.t.px(32));
    }
}

} // namespace

InfoLayout layoutInfoScreen(const Theme& theme, ImVec2 screen, const InfoScreenView& view) {
    InfoLayout l = theme.portrait ? layoutPortrait(theme, screen, view) : layoutLandscape(theme, screen, view);
    // The boxes a partial frame clears and redraws on their own lie on whole pixels at every
    // scale: a box edge inside a pixel would be cleared there but not drawn again (a hairline).
    // The clock's box shrinks to whole pixels (it lies in the header, which must cover its
    // edges); the ticker's strip and the card's area grow to them.
    l.clock = Rect{{std::ceil(l.clock.min.x), std::ceil(l.clock.min.y)},
                   {std::floor(l.clock.max.x), std::floor(l.clock.max.y)}};
    for (Rect* box : {&l.ticker, &l.card}) {
        box->min = ImVec2(std::floor(box->min.x), std::floor(box->min.y));
        box->max = ImVec2(std::ceil(box->max.x), std::ceil(box->max.y));
    }
    if (view.card.kind == CardKind::Video) l.video = videoBox(theme, screen, l, view);
    return l;
}

std::size_t infoCardPages(const InfoScreenView& view, const Theme& theme, const Fonts& fonts, ImVec2 display,
                          CardTextCache& cache) {
    if (view.card.kind == CardKind::Idle || view.card.kind == CardKind::Image || view.card.kind == CardKind::Video)
        return 1;
    const ImVec2 screen(display.x, display.y - view.reserved_bottom);
    const InfoLayout layout = layoutInfoScreen(theme, screen, view);
    const Painter painter{nullptr, theme, fonts};
    const Rect box = cardTextBox(painter, layout, view.card);
    return cache.get(view.card, theme, fonts, box.width(), box.height()).pages();
}

std::size_t referenceCardPages(const InfoCard& card, bool portrait, const Fonts& fonts, CardTextCache& cache) {
    const ImVec2 display = portrait ? ImVec2(1080, 1920) : ImVec2(1920, 1080);
    InfoScreenView view;
    view.portrait = portrait;
    view.card = card;
    return infoCardPages(view, makeTheme(static_cast<int>(display.x), static_cast<int>(display.y)), fonts, display,
                         cache);
}

InfoScreenActions drawInfoScreen(const InfoScreenView& view, const Theme& theme, const Fonts& fonts,
                                 CardTextCache& cache, unsigned regions) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 screen(display.x, display.y - view.reserved_bottom);
    const InfoLayout layout = layoutInfoScreen(theme, screen, view);
    const Painter painter{ImGui::GetBackgroundDrawList(), theme, fonts};
    if (view.card.video && view.card.video->full_screen) { // the picture alone, on black
        if (regions == kInfoAll)
            painter.dl->AddRectFilled(ImVec2(0, 0), ImVec2(display.x, display.y), IM_COL32(0, 0, 0, 255));
        drawVideoFrame(painter, layout, view);
        InfoScreenActions actions;
        actions.tapped = ImGui::IsMouseReleased(ImGuiMouseButton_Left);
        return actions;
    }
    if (regions != kInfoAll) {
        if ((regions & kInfoVideo) != 0 && (regions & kInfoCard) == 0) drawVideoFrame(painter, layout, view);
        if ((regions & kInfoClock) != 0) drawClock(painter, layout, view);
        if ((regions & kInfoTicker) != 0) drawTicker(painter, layout, view);
        if ((regions & kInfoCard) != 0) {
            painter.dl->PushClipRect(layout.card.min, layout.card.max, true);
            drawCard(painter, layout, view, cache);
            painter.dl->PopClipRect();
        }
        return {};
    }
    drawHeader(painter, layout, view);
    drawBanner(painter, layout, view);
    drawCard(painter, layout, view, cache);
    drawQrPanel(painter, layout, view);
    drawTicker(painter, layout, view);
    drawFooter(painter, layout, view);
    InfoScreenActions actions;
    actions.tapped = ImGui::IsMouseReleased(ImGuiMouseButton_Left);
    return actions;
}

} // namespace gk
