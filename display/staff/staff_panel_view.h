// The staff panel as drawn: the PIN pad that guards it, and the panel's four sections (同步,
// 播放列表, 紧急通知, 本机设置). Both cover the whole screen. The kiosk layer prepares the views
// (kiosk/staff/staff_panel.h) and applies the actions these functions return; nothing here changes a
// file or the screen's state. Sized for staff at normal kiosk sizes (touch targets 96 px at 1080).
// Must not include SDL, GL or curl.
#pragma once

#include "display/kiosk/kiosk_style.h"

#include <imgui.h>

#include <string>
#include <utility>
#include <vector>

namespace gk {

struct StaffPinView {
    int digits_entered = 0;
    std::string prompt; // "请输入工作人员密码", "密码错误，还可尝试 3 次", "已锁定，4 分 30 秒后再试"
    bool prompt_is_error = false;
    bool can_enter = true; // false while locked or when no PIN is configured: only 取消 works
};

enum class StaffSection { Sync, Playlist, Urgent, Device };

struct StaffItemRow {
    std::string title;
    std::string kind; // 通知公告, 办事指南, 信息公开, 图片, 文字卡片
    int duration_s = 0;
    bool enabled = true;
};

struct StaffNoticeRow {
    std::string title;
    std::string state; // "门户发布为紧急，正在插播", "本机已取消插播", "重要", …
    bool interrupting = false;
};

struct StaffPanelView {
    StaffSection section = StaffSection::Sync;
    std::string heading; // "工作人员面板　屏幕组 hall-main　信息屏模式"
    // 同步
    std::vector<std::pair<std::string, std::string>> sync_rows; // label, value
    bool sync_requested = false;                                // 立即同步 pressed, no result yet
    // 播放列表: rows [first_item, first_item + rows per page)
    std::string playlist_source; // "本机播放列表（工作人员修改过）" or "门户下发的播放列表"
    std::vector<StaffItemRow> items;
    std::size_t first_item = 0;
    // 紧急通知: the notices valid now
    std::vector<StaffNoticeRow> notices;
    std::size_t first_notice = 0;
    // 本机设置
    bool kiosk_mode = false;
    bool elder_default = false;
    bool confirm_exit = false; // 退出程序 was pressed once: the next press exits
    // The result of the last action, at the bottom.
    std::string message;
    bool message_is_error = false;
};

enum class StaffActionKind {
    None,
    PinDigit,    // value: 0–9
    PinErase,    // the last digit
    PinSubmit,   // 确定
    Close,       // 取消 on the PIN pad, 关闭 on the panel
    ShowSection, // value: StaffSection
    SyncNow,
    ToggleItem,  // index: position in the playlist
    MoveItem,    // index, value: -1 up, +1 down
    AdjustItem,  // index, value: seconds to add (negative: shorter)
    PageItems,   // value: -1, +1
    RaiseUrgent, // index: into notices
    DismissUrgent,
    PageNotices,     // value: -1, +1
    SetKioskMode,    // value: 1 kiosk, 0 display
    SetElderDefault, // value: 1 on, 0 off
    Exit,            // the first press asks again (confirm_exit), the second exits
};

struct StaffAction {
    StaffActionKind kind = StaffActionKind::None;
    std::size_t index = 0;
    int value = 0;
    bool operator==(const StaffAction&) const = default;
};

// Rows of the playlist and notice lists on one page of a screen of that size.
std::size_t staffRowsPerPage(const KioskStyle& style, ImVec2 screen);

StaffAction drawStaffPinPad(const StaffPinView& view, const KioskStyle& style, ImVec2 screen, const ImVec2* tap);
StaffAction drawStaffPanel(const StaffPanelView& view, const KioskStyle& style, ImVec2 screen, const ImVec2* tap);

} // namespace gk
