// The staff panel's state and decisions, shared by display mode and kiosk mode: the hidden 5 s
// long-press in the top-left corner opens the PIN pad; the right PIN opens the panel; every
// action of the panel (display/staff/staff_panel_view.h) becomes an edit of the local playlist or of the
// screen's staff settings, written atomically and audited (kiosk/playlist/playlist_editor.h,
// kiosk/staff/staff_settings.h), or a request to the screen (sync now, switch mode, exit). PIN tries are
// audited too, never the digits. The panel closes itself after two minutes without a touch so a
// forgotten panel never keeps a hall screen from its content.
//
// Plain logic with time passed in, tested without a window. Must not include SDL, ImGui or GL.
#pragma once

#include "config/settings.h"
#include "display/staff/staff_panel_view.h"
#include "kiosk/core/record_sink.h"
#include "kiosk/staff/staff_auth.h"
#include "kiosk/staff/staff_settings.h"
#include "sync/content.h"
#include "sync/store.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace gk {

struct StaffPanelContext {
    std::filesystem::path data_dir; // staff-gate.json, staff-settings.json
    std::filesystem::path local_playlist;
    std::string screen_group;
    std::string pin_hash; // the config's staff_pin_hash ("" = the panel cannot be opened)
    DeviceMode mode = DeviceMode::Display;
    bool elder_default = false;
    int utc_offset_s = 8 * 3600;
    RecordSink* records = nullptr; // the audit log; may be null
};

// What the screen must do after an action.
struct StaffRequest {
    bool sync_now = false;
    std::optional<StaffOverrides> overrides; // staff-settings.json as just written (urgent notices, elder default)
    bool playlist_changed = false;           // the local playlist file was written
    std::optional<DeviceMode> switch_to;
    bool exit = false;
};

class StaffPanel {
public:
    enum class Phase { Closed, Pin, Open };
    static constexpr std::int64_t kIdleCloseS = 120;
    static constexpr int kDurationStepS = 5;

    StaffPanel(StaffPanelContext context, int screen_w, int screen_h);

    Phase phase() const { return m_phase; }
    bool active() const { return m_phase != Phase::Closed; }
    void setScreenSize(int w, int h) { m_long_press.setScreenSize(w, h); }

    // Pointer input while closed, at monotonic now_ms: true when the hidden gesture completed and
    // the PIN pad opened (at wall time wall_s).
    bool press(float x, float y, std::int64_t now_ms, std::int64_t wall_s);
    bool move(float x, float y, std::int64_t now_ms, std::int64_t wall_s);
    bool release(std::int64_t now_ms, std::int64_t wall_s);
    bool poll(std::int64_t now_ms, std::int64_t wall_s);
    std::optional<std::int64_t> gestureFiresAt() const { return m_long_press.fireAt(); }

    void openPinPad(std::int64_t now_s);
    // The panel without the PIN, at a section: for `screenshot --show staff:…` (someone at the
    // shell already holds the config) and tests. Never reachable by touch.
    void openForPreview(StaffSection section, std::int64_t now_s);
    // Closes after kIdleCloseS without an action; true when it closed now.
    bool closeIfIdle(std::int64_t now_s);

    // content: the publish on screen (as published: notices without staff's overrides).
    StaffRequest apply(const StaffAction& action, const Content& content, std::int64_t now_s);
    // A sync finished: 立即同步 can be pressed again.
    void syncReported() { m_sync_requested = false; }

    StaffPinView pinView(std::int64_t now_s) const;
    StaffPanelView panelView(const Content& content, const StoreState& sync, std::int64_t now_s) const;
    void setRowsPerPage(std::size_t rows) { m_rows_per_page = rows == 0 ? 1 : rows; }

private:
    StaffRequest applyPin(const StaffAction& action, std::int64_t now_s);
    StaffRequest applyPanel(const StaffAction& action, const Content& content, std::int64_t now_s);
    StaffRequest applyNotice(const StaffAction& action, const Content& content, std::int64_t now_s);
    StaffOverrides readOverrides() const;
    void report(const StaffEdit& edit, const std::string& done);
    void close();
    void audit(std::int64_t now_s, std::string_view action, const std::string& detail);

    StaffPanelContext m_context;
    LongPressDetector m_long_press;
    StaffGate m_gate;
    Phase m_phase = Phase::Closed;
    std::string m_pin;
    std::string m_pin_prompt;
    bool m_pin_prompt_error = false;
    StaffSection m_section = StaffSection::Sync;
    std::size_t m_first_item = 0;
    std::size_t m_first_notice = 0;
    std::size_t m_rows_per_page = 6;
    bool m_confirm_exit = false;
    bool m_sync_requested = false;
    std::string m_message;
    bool m_message_error = false;
    std::int64_t m_last_action_s = 0;
};

// The notices valid at now_s, urgent ones first, as the urgent section lists them.
std::vector<const Notice*> noticesForStaff(const Content& content, std::int64_t now_s);

} // namespace gk
