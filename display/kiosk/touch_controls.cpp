// Touch controls. See touch_controls.h.
#include "display/kiosk/touch_controls.h"

#include "display/layout_record.h"

#include <cmath>

namespace gk {

TextStyle kioskText(const KioskStyle& s, bool bold, float px, ImU32 colour) {
    return TextStyle{bold ? s.bold : s.regular, std::round(s.px(px)), colour, 1.4f};
}

void drawCentredLabel(ImDrawList* dl, const TextStyle& t, const Rect& r, std::string_view label) {
    const float w = textWidth(t, label);
    drawTextLine(dl, t,
                 ImVec2(std::floor(r.min.x + std::max(0.0f, r.width() - w) / 2),
                        std::floor(r.min.y + (r.height() - t.size) / 2 - t.size * 0.1f)),
                 label, r.width());
}

bool drawTouchButton(ImDrawList* dl, const KioskStyle& s, const Rect& r, std::string_view label, ButtonLook look,
                     const ImVec2* tap, float label_px) {
    ImU32 fill = s.accent, border = 0, ink = s.on_accent;
    switch (look) {
    case ButtonLook::Primary: break;
    case ButtonLook::Secondary: fill = s.panel, border = s.accent, ink = s.accent; break;
    case ButtonLook::Selected: fill = s.text, ink = s.panel; break;
    case ButtonLook::Disabled: fill = s.table_header, ink = s.muted; break;
    }
    const float rounding = s.px(12);
    recordTarget(r.min, r.max, {}, look != ButtonLook::Disabled); // labelled by the text drawn in it
    dl->AddRectFilled(r.min, r.max, fill, rounding);
    if (border != 0) dl->AddRect(r.min, r.max, border, rounding, 0, s.px(3));
    drawCentredLabel(dl, kioskText(s, true, label_px > 0 ? label_px : s.body_px, ink), r, label);
    return look != ButtonLook::Disabled && contains(r, tap);
}

} // namespace gk
