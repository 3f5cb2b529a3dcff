// Staff panel drawing. See staff_panel.h.
#include "display/staff/staff_panel_view.h"

#include "config/i18n.h"
#include "display/info/info_screen.h"
#include "display/kiosk/touch_controls.h"
#include "display/widgets.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace gk {
namespace {

struct PanelLayout {
    Rect top_bar, close;
    std::array<Rect, 4> tabs;
    Rect content; // the section's area
    Rect message; // the last action's result
    float row_h = 0;
};

PanelLayout layoutPanel(const KioskStyle& s, ImVec2 screen) {
    PanelLayout l;
    const float m = s.px(32), gap = s.px(16), button_h = s.px(s.target_px);
    const float bar_h = s.px(128);
    l.top_bar = {{0, 0}, {screen.x, bar_h}};
    const float top = std::floor((bar_h - button_h) / 2);
    l.close = {{screen.x - m - s.px(200), top}, {screen.x - m, top + button_h}};
    const float message_h = s.px(88);
    l.message = {{m, screen.y - message_h}, {screen.x - m, screen.y}};
    Rect body{{m, bar_h + m}, {screen.x - m, l.message.min.y}};
    if (s.portrait) { // the tabs across, the section under them
        const float w = (body.width() - 3 * gap) / 4;
        for (std::size_t i = 0; i < l.tabs.size(); ++i) {
            const float x = body.min.x + static_cast<float>(i) * (w + gap);
            l.tabs[i] = {{x, body.min.y}, {x + w, body.min.y + button_h}};
        }
        body.min.y += button_h + m;
    } else { // the tabs down the left
        const float w = s.px(300);
        for (std::size_t i = 0; i < l.tabs.size(); ++i) {
            const float y = body.min.y + static_cast<float>(i) * (button_h + gap);
            l.tabs[i] = {{body.min.x, y}, {body.min.x + w, y + button_h}};
        }
        body.min.x += w + s.px(48);
    }
    l.content = body;
    l.row_h = button_h + s.px(20);
    return l;
}

// English msgids, translated where drawn (config/i18n.h).
constexpr std::array<const char*, 4> kSectionNames{trLater("Sync"), trLater("Playlist"), trLater("Urgent notices"),
                                                   trLater("This screen")};

// The list sections: a line about the list, the rows, then the pager. Rows that fit.
std::size_t rowsThatFit(const KioskStyle& s, const PanelLayout& l) {
    const float fixed = s.px(64) + s.px(s.target_px) + s.px(24); // source line + pager
    return static_cast<std::size_t>(std::max(1.0f, std::floor((l.content.height() - fixed) / l.row_h)));
}

// ◀ 上一页 · 第 a–b 项，共 n 项 · 下一页 ▶ along the bottom of the content. Returns -1, +1 or 0.
int drawPager(ImDrawList* dl, const KioskStyle& s, const PanelLayout& l, std::size_t first, std::size_t per_page,
              std::size_t total, const ImVec2* tap) {
    const float h = s.px(s.target_px), w = s.px(200);
    const Rect prev{{l.content.min.x, l.content.max.y - h}, {l.content.min.x + w, l.content.max.y}};
    const Rect next{{l.content.max.x - w, l.content.max.y - h}, {l.content.max.x, l.content.max.y}};
    const bool has_prev = first > 0, has_next = first + per_page < total;
    int step = 0;
    if (drawTouchButton(dl, s, prev, tr("Previous page"), has_prev ? ButtonLook::Secondary : ButtonLook::Disabled, tap))
        step = -1;
    if (drawTouchButton(dl, s, next, tr("Next page"), has_next ? ButtonLook::Secondary : ButtonLook::Disabled, tap))
        step = 1;
    const std::string where = total == 0
                                  ? std::string(tr("No items"))
                                  : fillIn(tr("items {0}–{1} of {2}"),

                                           {std::to_string(first + 1),
                                            std::to_string(std::min(total, first + per_page)), std::to_string(total)});
    drawCentredLabel(dl, kioskText(s, false, s.body_px, s.muted), {{prev.max.x, prev.min.y}, {next.min.x, next.max.y}},
                     where);
    return step;
}

// Two lines at the left of a row: the title (bold) and a detail line (muted).
void drawRowText(ImDrawList* dl, const KioskStyle& s, const Rect& r, const std::string& title,
                 const std::string& detail, bool dim) {
    const TextStyle t = kioskText(s, true, s.body_px, dim ? s.muted : s.text);
    const TextStyle d = kioskText(s, false, s.body_px * 0.86f, s.muted);
    const float y = r.min.y + (r.height() - t.size * 1.3f - d.size * 1.3f) / 2;
    drawTextLine(dl, t, ImVec2(r.min.x, std::floor(y)), title, r.width());
    drawTextLine(dl, d, ImVec2(r.min.x, std::floor(y + t.size * 1.3f)), detail, r.width());
}

StaffAction drawSync(ImDrawList* dl, const StaffPanelView& v, const KioskStyle& s, const PanelLayout& l,
                     const ImVec2* tap) {
    const TextStyle label = kioskText(s, false, s.body_px, s.muted);
    const TextStyle value = kioskText(s, true, s.body_px, s.text);
    const float label_w = s.px(260);
    float y = l.content.min.y;
    for (const auto& [name, text] : v.sync_rows) {
        drawTextLine(dl, label, ImVec2(l.content.min.x, y), name, label_w);
        y += drawWrappedText(dl, value, ImVec2(l.content.min.x + label_w, y), l.content.width() - label_w, text, 3) +
             s.px(14);
    }
    y += s.px(24);
    const Rect button{{l.content.min.x, y}, {l.content.min.x + s.px(360), y + s.px(s.target_px)}};
    const bool pressed = drawTouchButton(dl, s, button, v.sync_requested ? tr("Syncing…") : tr("Sync now"),
                                         v.sync_requested ? ButtonLook::Disabled : ButtonLook::Primary, tap);
    return pressed ? StaffAction{StaffActionKind::SyncNow} : StaffAction{};
}

StaffAction drawPlaylist(ImDrawList* dl, const StaffPanelView& v, const KioskStyle& s, const PanelLayout& l,
                         const ImVec2* tap) {
    drawTextLine(dl, kioskText(s, true, s.body_px, s.text), l.content.min, v.playlist_source, l.content.width());
    const std::size_t per_page = rowsThatFit(s, l);
    const float gap = s.px(12), bh = s.px(s.target_px);
    StaffAction action;
    float y = l.content.min.y + s.px(64);
    for (std::size_t i = v.first_item; i < std::min(v.items.size(), v.first_item + per_page); ++i, y += l.row_h) {
        const StaffItemRow& item = v.items[i];
        dl->AddRectFilled(ImVec2(l.content.min.x, y), ImVec2(l.content.max.x, y + l.row_h - s.px(8)), s.panel,
                          s.px(10));
        // From the right: ▼ ▲ | +5 秒 −5 秒 | 停用/启用.
        const float top = y + (l.row_h - s.px(8) - bh) / 2;
        float x = l.content.max.x - s.px(12);
        const auto next_box = [&](float w) {
            const Rect r{{x - w, top}, {x, top + bh}};
            x -= w + gap;
            return r;
        };
        const std::array<std::pair<const char*, StaffAction>, 5> buttons{{
            {"▼", {StaffActionKind::MoveItem, i, 1}},
            {"▲", {StaffActionKind::MoveItem, i, -1}},
            {tr("+5 s"), {StaffActionKind::AdjustItem, i, 5}},
            {tr("−5 s"), {StaffActionKind::AdjustItem, i, -5}},
            {item.enabled ? tr("Disable") : tr("Enable"), {StaffActionKind::ToggleItem, i, 0}},
        }};
        for (const auto& [label, act] : buttons) {
            const bool move = act.kind == StaffActionKind::MoveItem;
            const bool possible = !move || (act.value < 0 ? i > 0 : i + 1 < v.items.size());
            const Rect r = next_box(s.px(move ? s.target_px : 132));
            const ButtonLook look = !possible                                                 ? ButtonLook::Disabled
                                    : act.kind == StaffActionKind::ToggleItem && item.enabled ? ButtonLook::Secondary
                                    : act.kind == StaffActionKind::ToggleItem                 ? ButtonLook::Primary
                                                                                              : ButtonLook::Secondary;
            if (drawTouchButton(dl, s, r, label, look, tap)) action = act;
        }
        const std::string detail = fillIn(item.enabled ? tr("{0} s  {1}") : tr("{0} s  {1}  disabled"),
                                          {std::to_string(item.duration_s), item.kind});
        drawRowText(dl, s, {{l.content.min.x + s.px(20), y}, {x - gap, y + l.row_h - s.px(8)}},
                    std::to_string(i + 1) + ". " + item.title, detail, !item.enabled);
    }
    if (const int step = drawPager(dl, s, l, v.first_item, per_page, v.items.size(), tap); step != 0)
        action = {StaffActionKind::PageItems, 0, step};
    return action;
}

StaffAction drawUrgent(ImDrawList* dl, const StaffPanelView& v, const KioskStyle& s, const PanelLayout& l,
                       const ImVec2* tap) {
    drawTextLine(dl, kioskText(s, true, s.body_px, s.text), l.content.min,
                 v.notices.empty() ? tr("No notices are in force now")
                                   : tr("Notices in force now: an interrupting notice breaks into the rotation on "
                                        "this screen until it expires or is cancelled"),
                 l.content.width());
    const std::size_t per_page = rowsThatFit(s, l);
    StaffAction action;
    float y = l.content.min.y + s.px(64);
    for (std::size_t i = v.first_notice; i < std::min(v.notices.size(), v.first_notice + per_page); ++i, y += l.row_h) {
        const StaffNoticeRow& notice = v.notices[i];
        const float row_bottom = y + l.row_h - s.px(8);
        dl->AddRectFilled(ImVec2(l.content.min.x, y), ImVec2(l.content.max.x, row_bottom), s.panel, s.px(10));
        const float bh = s.px(s.target_px), top = y + (row_bottom - y - bh) / 2;
        const Rect button{{l.content.max.x - s.px(12) - s.px(240), top}, {l.content.max.x - s.px(12), top + bh}};
        if (drawTouchButton(dl, s, button, notice.interrupting ? tr("Stop interrupting") : tr("Interrupt"),
                            notice.interrupting ? ButtonLook::Secondary : ButtonLook::Primary, tap))
            action = {notice.interrupting ? StaffActionKind::DismissUrgent : StaffActionKind::RaiseUrgent, i, 0};
        drawRowText(dl, s, {{l.content.min.x + s.px(20), y}, {button.min.x - s.px(16), row_bottom}}, notice.title,
                    notice.state, false);
    }
    if (const int step = drawPager(dl, s, l, v.first_notice, per_page, v.notices.size(), tap); step != 0)
        action = {StaffActionKind::PageNotices, 0, step};
    return action;
}

StaffAction drawDevice(ImDrawList* dl, const StaffPanelView& v, const KioskStyle& s, const PanelLayout& l,
                       const ImVec2* tap) {
    const TextStyle label = kioskText(s, true, s.body_px, s.text);
    const TextStyle note = kioskText(s, false, s.body_px, s.muted);
    const float bh = s.px(s.target_px), w = std::min(s.px(300), (l.content.width() - s.px(16)) / 2);
    StaffAction action;
    float y = l.content.min.y;
    // A label, a note, and a pair of buttons of which one is selected.
    const auto choice = [&](const char* title, const char* explanation, const char* a, const char* b, bool b_on,
                            StaffActionKind kind) {
        drawTextLine(dl, label, ImVec2(l.content.min.x, y), title, l.content.width());
        y += label.size * 1.5f;
        y += drawWrappedText(dl, note, ImVec2(l.content.min.x, y), l.content.width(), explanation, 2) + s.px(12);
        const Rect left{{l.content.min.x, y}, {l.content.min.x + w, y + bh}};
        const Rect right{{left.max.x + s.px(16), y}, {left.max.x + s.px(16) + w, y + bh}};
        if (drawTouchButton(dl, s, left, a, b_on ? ButtonLook::Secondary : ButtonLook::Selected, tap))
            action = {kind, 0, 0};
        if (drawTouchButton(dl, s, right, b, b_on ? ButtonLook::Selected : ButtonLook::Secondary, tap))
            action = {kind, 0, 1};
        y += bh + s.px(40);
    };
    choice(tr("Mode"),
           tr("The information screen rotates notices and service guides; the touch kiosk lets people look things up "
              "themselves. After a switch the screen starts again in the new mode at once."),
           tr("Information screen"), tr("Touch kiosk"), v.kiosk_mode, StaffActionKind::SetKioskMode);
    choice(tr("Elder mode by default"),
           tr("The touch kiosk starts with large text and large buttons. People can still switch on every page."),
           tr("Off"), tr("On"), v.elder_default, StaffActionKind::SetElderDefault);
    drawTextLine(dl, label, ImVec2(l.content.min.x, y), tr("Quit the program"), l.content.width());
    y += label.size * 1.5f;
    y += drawWrappedText(dl, note, ImVec2(l.content.min.x, y), l.content.width(),
                         v.confirm_exit ? tr("Press again to quit. After quitting the screen shows nothing until the "
                                             "device restarts or the IT office starts the program.")
                                        : tr("For maintenance only."),
                         2) +
         s.px(12);
    const Rect exit{{l.content.min.x, y}, {l.content.min.x + std::max(w, s.px(300)), y + bh}};
    if (drawTouchButton(dl, s, exit, v.confirm_exit ? tr("Confirm quit") : tr("Quit the program"), ButtonLook::Primary,
                        tap))
        action = {StaffActionKind::Exit};
    return action;
}

} // namespace

std::size_t staffRowsPerPage(const KioskStyle& style, ImVec2 screen) {
    return rowsThatFit(style, layoutPanel(style, screen));
}

StaffAction drawStaffPinPad(const StaffPinView& v, const KioskStyle& s, ImVec2 screen, const ImVec2* tap) {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    dl->AddRectFilled(ImVec2(0, 0), screen, s.background);
    const float key_w = s.px(170), key_h = s.px(s.target_px), gap = s.px(20);
    const float pad_w = 3 * key_w + 2 * gap;
    const float x0 = std::floor((screen.x - pad_w) / 2);
    const TextStyle title = kioskText(s, true, s.title_px, s.text);
    const TextStyle prompt = kioskText(s, true, s.body_px, v.prompt_is_error ? s.accent : s.muted);
    const float total_h = title.size * 1.6f + prompt.size * 1.6f * 2 + s.px(90) + 5 * key_h + 5 * gap;
    float y = std::max(s.px(24), std::floor((screen.y - total_h) / 2));
    drawCentredLabel(dl, title, {{0, y}, {screen.x, y + title.size * 1.6f}}, tr("Staff sign-in"));
    y += title.size * 1.6f;
    const float prompt_w = std::min(screen.x - s.px(64), std::max(pad_w, textWidth(prompt, v.prompt)));
    drawWrappedText(dl, prompt, ImVec2(std::floor((screen.x - prompt_w) / 2), y), prompt_w, v.prompt, 2);
    y += prompt.size * 1.6f * 2;
    // One dot per digit entered, never the digits.
    const float dot = s.px(18);
    for (int i = 0; i < v.digits_entered; ++i)
        dl->AddCircleFilled(
            ImVec2(screen.x / 2 + (static_cast<float>(i) - (v.digits_entered - 1) / 2.0f) * dot * 3, y + s.px(40)), dot,
            s.text);
    y += s.px(90);
    StaffAction action;
    const auto key = [&](int row, int col, const char* label, StaffAction act, ButtonLook look) {
        const Rect r{{x0 + static_cast<float>(col) * (key_w + gap), y + static_cast<float>(row) * (key_h + gap)},
                     {x0 + static_cast<float>(col) * (key_w + gap) + key_w,
                      y + static_cast<float>(row) * (key_h + gap) + key_h}};
        if (drawTouchButton(dl, s, r, label, look, tap, s.heading_px)) action = act;
    };
    const ButtonLook digit_look = v.can_enter ? ButtonLook::Secondary : ButtonLook::Disabled;
    static constexpr std::array<const char*, 10> kDigits{"0", "1", "2", "3", "4", "5", "6", "7", "8", "9"};
    for (int d = 1; d <= 9; ++d)
        key((d - 1) / 3, (d - 1) % 3, kDigits[static_cast<std::size_t>(d)], {StaffActionKind::PinDigit, 0, d},
            digit_look);
    key(3, 1, "0", {StaffActionKind::PinDigit, 0, 0}, digit_look);
    key(3, 2, tr("Delete"), {StaffActionKind::PinErase},
        v.can_enter && v.digits_entered > 0 ? ButtonLook::Secondary : ButtonLook::Disabled);
    key(4, 0, tr("Cancel"), {StaffActionKind::Close}, ButtonLook::Secondary);
    const Rect ok{{x0 + key_w + gap, y + 4 * (key_h + gap)}, {x0 + pad_w, y + 4 * (key_h + gap) + key_h}};
    if (drawTouchButton(dl, s, ok, tr("OK"),
                        v.can_enter && v.digits_entered > 0 ? ButtonLook::Primary : ButtonLook::Disabled, tap,
                        s.heading_px))
        action = {StaffActionKind::PinSubmit};
    return action;
}

StaffAction drawStaffPanel(const StaffPanelView& v, const KioskStyle& s, ImVec2 screen, const ImVec2* tap) {
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    const PanelLayout l = layoutPanel(s, screen);
    dl->AddRectFilled(ImVec2(0, 0), screen, s.background);
    dl->AddRectFilled(l.top_bar.min, l.top_bar.max, s.accent);
    drawTextLine(dl, kioskText(s, true, s.heading_px, s.on_accent),
                 ImVec2(s.px(32), std::floor((l.top_bar.height() - s.px(s.heading_px)) / 2)), v.heading,
                 l.close.min.x - s.px(64));
    StaffAction action;
    if (drawTouchButton(dl, s, l.close, tr("Close"), ButtonLook::Secondary, tap)) action = {StaffActionKind::Close};
    for (std::size_t i = 0; i < l.tabs.size(); ++i) {
        const bool on = static_cast<std::size_t>(v.section) == i;
        if (drawTouchButton(dl, s, l.tabs[i], tr(kSectionNames[i]), on ? ButtonLook::Selected : ButtonLook::Secondary,
                            tap))

            action = {StaffActionKind::ShowSection, 0, static_cast<int>(i)};
    }
    StaffAction section;
    switch (v.section) {
    case StaffSection::Sync: section = drawSync(dl, v, s, l, tap); break;
    case StaffSection::Playlist: section = drawPlaylist(dl, v, s, l, tap); break;
    case StaffSection::Urgent: section = drawUrgent(dl, v, s, l, tap); break;
    case StaffSection::Device: section = drawDevice(dl, v, s, l, tap); break;
    }
    if (section.kind != StaffActionKind::None) action = section;
    if (!v.message.empty())
        drawWrappedText(dl, kioskText(s, true, s.body_px, v.message_is_error ? s.accent : s.text),
                        ImVec2(l.message.min.x, l.message.min.y + s.px(12)), l.message.width(), v.message, 2);
    return action;
}

} // namespace gk
