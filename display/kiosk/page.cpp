// Drawing a laid-out page with culling. See page.h.
#include "display/kiosk/page.h"

#include "display/layout_record.h"
#include "display/widgets.h"

#include <algorithm>

namespace gk {
namespace {

bool visible(float top, float bottom, float view_top, float view_bottom) {
    return bottom >= view_top && top <= view_bottom;
}

} // namespace

KioskAction drawPage(ImDrawList* dl, const Page& page, ImVec2 viewport_min, ImVec2 viewport_max, float offset,
                     const ImVec2* tap, ImageLookup* images, int* last_drawn_text, float pan) {
    const ImVec2 origin(viewport_min.x, viewport_min.y - offset);
    const float view_top = offset;
    const float view_bottom = offset + (viewport_max.y - viewport_min.y);
    dl->PushClipRect(viewport_min, viewport_max, true);
    for (const PageRect& r : page.rects) {
        if (!visible(r.min.y, r.max.y, view_top, view_bottom)) continue;
        const ImVec2 a(origin.x + r.min.x, origin.y + r.min.y), b(origin.x + r.max.x, origin.y + r.max.y);
        if (r.fill != 0) dl->AddRectFilled(a, b, r.fill, r.rounding);
        if (r.border != 0) dl->AddRect(a, b, r.border, r.rounding, 0, r.thickness);
    }
    // Texts are sorted by their top (PageBuilder::finish), so the visible ones are one range; a
    // line starting up to kTallestLine above the viewport may still reach into it.
    constexpr float kTallestLine = 160.0f;
    const auto first = std::lower_bound(page.texts.begin(), page.texts.end(), view_top - kTallestLine,
                                        [](const PageText& t, float top) { return t.pos.y < top; });
    int last = -1;
    for (auto it = first; it != page.texts.end() && it->pos.y <= view_bottom; ++it) {
        const PageText& t = *it;
        if (t.pos.y + t.size * 1.6f < view_top) continue;
        recordText(dl, t.font, t.size, ImVec2(origin.x + t.pos.x, origin.y + t.pos.y), t.text, t.color);
        dl->AddText(t.font, t.size, ImVec2(origin.x + t.pos.x, origin.y + t.pos.y), t.color, t.text.data(),
                    t.text.data() + t.text.size());
        if (t.pos.y + t.size <= view_bottom + 1.0f) last = static_cast<int>(it - page.texts.begin());
    }
    if (last_drawn_text != nullptr) *last_drawn_text = last;
    for (const PageQr& q : page.qrs) {
        const float side = static_cast<float>(q.matrix.size * q.module_px);
        if (!visible(q.pos.y, q.pos.y + side, view_top, view_bottom)) continue;
        drawQr(dl, q.matrix, ImVec2(origin.x + q.pos.x, origin.y + q.pos.y), q.module_px, IM_COL32_BLACK,
               IM_COL32_WHITE);
    }
    if (images != nullptr) {
        for (const PageImage& image : page.images) {
            if (!visible(image.pos.y, image.pos.y + image.size.y, view_top, view_bottom)) continue;
            if (const ImTextureID texture = images->texture(image)) {
                const float shift = image.size.x > page.width ? std::clamp(pan, 0.0f, image.size.x - page.width) : 0.0f;
                const ImVec2 a(origin.x + image.pos.x - shift, origin.y + image.pos.y);
                dl->AddImage(ImTextureRef(texture), a, ImVec2(a.x + image.size.x, a.y + image.size.y));
            }
        }
    }
    dl->PopClipRect();
    if (activeLayoutRecord() != nullptr) // what a tap on the viewport can reach, for the layout record
        for (const PageButton& b : page.buttons)
            recordTargetWithin(ImVec2(origin.x + b.min.x, origin.y + b.min.y),
                               ImVec2(origin.x + b.max.x, origin.y + b.max.y), viewport_min, viewport_max);
    const bool tapped_inside = tap != nullptr && tap->x >= viewport_min.x && tap->x < viewport_max.x &&
                               tap->y >= viewport_min.y && tap->y < viewport_max.y;
    if (!tapped_inside) return {};
    const ImVec2 at(tap->x - origin.x, tap->y - origin.y);
    for (const PageButton& button : page.buttons)
        if (at.x >= button.min.x && at.x < button.max.x && at.y >= button.min.y && at.y < button.max.y)
            return button.action;
    return {};
}

float maxPan(const Page& page) {
    float widest = page.width;
    for (const PageImage& image : page.images) widest = std::max(widest, image.pos.x + image.size.x);
    return widest - page.width;
}

} // namespace gk
