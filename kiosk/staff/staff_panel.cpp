// Staff panel state and decisions. See staff_panel.h.
#include "kiosk/staff/staff_panel.h"

#include "config/i18n.h"
#include "display/text/chinese_format.h"
#include "kiosk/core/log.h"
#include "kiosk/playlist/playlist_editor.h"
#include "sync/iso_time.h"

#include <algorithm>

namespace gk {
namespace {

std::string timeText(std::int64_t epoch_s, int utc_offset_s, const char* never) {
    return epoch_s <= 0 ? never : formatChineseDateTime(civilFromEpoch(epoch_s, utc_offset_s));
}

std::string modeName(DeviceMode mode) {
    return mode == DeviceMode::Kiosk ? tr("touch kiosk mode") : tr("information screen mode");
}

std::string kindOfRef(const std::string& ref) {
    for (const auto& [prefix, name] : {std::pair{"notice:", trLater("notice")}, std::pair{"guide:", trLater("guide")},
                                       std::pair{"disclosure:", trLater("disclosure")},
                                       std::pair{"image:", trLater("image")}, std::pair{"video:", trLater("video")}})
        if (ref.rfind(prefix, 0) == 0) return tr(name);
    return tr("text card");
}

bool listed(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::string noticeState(const Notice& n, const StaffOverrides& o, int utc_offset_s) {
    std::string state;
    const bool dismissed = listed(o.dismissed_urgent, n.id);
    if (n.level == NoticeLevel::Urgent)
        state = dismissed ? tr("urgent from the portal, interruption cancelled on this screen")
                          : tr("urgent from the portal, interrupting");
    else if (listed(o.raised_urgent, n.id) && !dismissed)
        state = tr("interrupting on this screen (set by staff)");
    else
        state = n.level == NoticeLevel::Important ? tr("important notice") : tr("normal notice");
    if (n.valid_until) state += fillIn(tr("  valid until {0}"), {timeText(*n.valid_until, utc_offset_s, "")});
    return state;
}

bool interrupting(const Notice& n, const StaffOverrides& o) {
    if (listed(o.dismissed_urgent, n.id)) return false;
    return n.level == NoticeLevel::Urgent || listed(o.raised_urgent, n.id);
}

std::size_t pageStep(std::size_t first, int step, std::size_t per_page, std::size_t total) {
    if (step < 0) return first >= per_page ? first - per_page : 0;
    return first + per_page < total ? first + per_page : first;
}

} // namespace

std::vector<const Notice*> noticesForStaff(const Content& content, std::int64_t now_s) {
    std::vector<const Notice*> out;
    for (const Notice& n : content.notices)
        if (n.validAt(now_s)) out.push_back(&n);
    std::stable_sort(out.begin(), out.end(), [](const Notice* a, const Notice* b) {
        if (a->level != b->level) return a->level > b->level; // urgent, important, normal
        return a->published_date > b->published_date;         // newest first
    });
    return out;
}

StaffPanel::StaffPanel(StaffPanelContext context, int screen_w, int screen_h)
    : m_context(std::move(context)), m_long_press(screen_w, screen_h),
      m_gate(m_context.pin_hash, staffGatePathIn(m_context.data_dir)) {
    if (!m_gate.stateError().empty()) logLine(LogLevel::Warn, "staff panel: " + m_gate.stateError());
}

bool StaffPanel::press(float x, float y, std::int64_t now_ms, std::int64_t wall_s) {
    return !active() && m_long_press.press(x, y, now_ms) && (openPinPad(wall_s), true);
}

bool StaffPanel::move(float x, float y, std::int64_t now_ms, std::int64_t wall_s) {
    return !active() && m_long_press.move(x, y, now_ms) && (openPinPad(wall_s), true);
}

bool StaffPanel::release(std::int64_t now_ms, std::int64_t wall_s) {
    return !active() && m_long_press.release(now_ms) && (openPinPad(wall_s), true);
}

bool StaffPanel::poll(std::int64_t now_ms, std::int64_t wall_s) {
    return !active() && m_long_press.poll(now_ms) && (openPinPad(wall_s), true);
}

void StaffPanel::openPinPad(std::int64_t now_s) {
    m_long_press.cancel(); // its finger lifts on the pad, which takes it
    m_phase = Phase::Pin;
    m_pin.clear();
    m_pin_prompt.clear();
    m_pin_prompt_error = false;
    m_last_action_s = now_s;
    audit(now_s, "panel.pin-pad", "the PIN pad was opened");
}

void StaffPanel::openForPreview(StaffSection section, std::int64_t now_s) {
    m_phase = Phase::Open;
    m_section = section;
    m_last_action_s = now_s;
}

void StaffPanel::close() {
    m_phase = Phase::Closed;
    m_pin.clear();
    m_confirm_exit = false;
    m_message.clear();
}

bool StaffPanel::closeIfIdle(std::int64_t now_s) {
    if (!active() || now_s - m_last_action_s < kIdleCloseS) return false;
    audit(now_s, "panel.close", "closed after " + std::to_string(kIdleCloseS) + " s without a touch");
    close();
    return true;
}

void StaffPanel::audit(std::int64_t now_s, std::string_view action, const std::string& detail) {
    if (m_context.records != nullptr) m_context.records->recordAudit(now_s, kStaffActor, action, detail);
}

StaffRequest StaffPanel::apply(const StaffAction& action, const Content& content, std::int64_t now_s) {
    if (!active() || action.kind == StaffActionKind::None) return {};
    m_last_action_s = now_s;
    if (action.kind == StaffActionKind::Close) {
        if (m_phase == Phase::Open) audit(now_s, "panel.close", "closed by staff");
        close();
        return {};
    }
    return m_phase == Phase::Pin ? applyPin(action, now_s) : applyPanel(action, content, now_s);
}

StaffRequest StaffPanel::applyPin(const StaffAction& action, std::int64_t now_s) {
    if (action.kind == StaffActionKind::PinDigit && m_pin.size() < kMaxPinDigits && action.value >= 0 &&
        action.value <= 9)
        m_pin.push_back(static_cast<char>('0' + action.value));
    if (action.kind == StaffActionKind::PinErase && !m_pin.empty()) m_pin.pop_back();
    if (action.kind != StaffActionKind::PinSubmit) return {};
    const GateAnswer answer = m_gate.attempt(m_pin, now_s);
    m_pin.clear();
    audit(now_s, answer.outcome == GateOutcome::Accepted ? "panel.open" : "panel.pin-refused", answer.message);
    logLine(answer.outcome == GateOutcome::Accepted ? LogLevel::Info : LogLevel::Warn,
            "staff panel: " + answer.message);
    m_pin_prompt_error = answer.outcome != GateOutcome::Accepted;
    switch (answer.outcome) {
    case GateOutcome::Accepted:
        m_phase = Phase::Open;
        m_section = StaffSection::Sync;
        m_message.clear();
        break;
    case GateOutcome::Wrong:
        m_pin_prompt = answer.tries_left > 0 ? fillIn(trn("Wrong PIN, {0} try left", "Wrong PIN, {0} tries left",
                                                          static_cast<unsigned long>(answer.tries_left)),
                                                      {std::to_string(answer.tries_left)})
                                             : "";
        break;
    case GateOutcome::Locked:
    case GateOutcome::NoPin: m_pin_prompt.clear(); break; // pinView words the lock and the missing PIN
    }
    return {};
}

StaffOverrides StaffPanel::readOverrides() const {
    StaffOverrides overrides;
    std::string error;
    if (!readStaffOverrides(staffSettingsPathIn(m_context.data_dir), overrides, error))
        logLine(LogLevel::Warn, "staff panel: " + error);
    return overrides;
}

void StaffPanel::report(const StaffEdit& edit, const std::string& done) {
    m_message_error = !edit.ok;
    m_message = !edit.ok ? fillIn(tr("Not saved: {0}"), {edit.message}) : edit.changed ? done : tr("No change");
}

StaffRequest StaffPanel::applyPanel(const StaffAction& a, const Content& content, std::int64_t now_s) {
    if (a.kind != StaffActionKind::Exit) m_confirm_exit = false;
    PlaylistEditor playlist(m_context.local_playlist, m_context.screen_group, content, m_context.records,
                            m_context.utc_offset_s);
    StaffSettingsEditor settings(staffSettingsPathIn(m_context.data_dir), m_context.records);
    StaffRequest request;
    const std::string item = fillIn(tr("item {0}"), {std::to_string(a.index + 1)});
    switch (a.kind) {
    case StaffActionKind::ShowSection:
        m_section = static_cast<StaffSection>(std::clamp(a.value, 0, 3));
        m_message.clear();
        break;
    case StaffActionKind::SyncNow:
        m_sync_requested = request.sync_now = true;
        audit(now_s, "sync.now", "sync now requested");
        m_message_error = false;
        m_message = tr("Sync started; the result shows above");
        break;
    case StaffActionKind::ToggleItem:
    case StaffActionKind::MoveItem:
    case StaffActionKind::AdjustItem: {
        EditablePlaylist current;
        std::string error;
        if (!playlist.load(current, error) || a.index >= current.items.size()) {
            m_message_error = true;
            m_message = fillIn(tr("Could not read the playlist: {0}"), {error});
            break;
        }
        const EditableItem& row = current.items[a.index];
        StaffEdit edit;
        if (a.kind == StaffActionKind::ToggleItem) {
            edit = playlist.setEnabled(a.index, !row.enabled, now_s);
            report(edit, fillIn(row.enabled ? tr("Disabled {0}: {1}") : tr("Enabled {0}: {1}"), {item, row.title}));
        } else if (a.kind == StaffActionKind::MoveItem) {
            edit = playlist.move(a.index, a.value, now_s);
            report(edit, fillIn(a.value < 0 ? tr("Moved up {0}: {1}") : tr("Moved down {0}: {1}"), {item, row.title}));
        } else {
            edit = playlist.setDuration(a.index, row.duration_s + a.value, now_s);
            report(edit, fillIn(tr("{0} now plays for {1} s"),
                                {item, std::to_string(std::max(1, row.duration_s + a.value))}));
        }
        request.playlist_changed = edit.ok && edit.changed;
        break;
    }
    case StaffActionKind::PageItems: {
        EditablePlaylist current;
        std::string error;
        const std::size_t total = playlist.load(current, error) ? current.items.size() : 0;
        m_first_item = pageStep(m_first_item, a.value, m_rows_per_page, total);
        break;
    }
    case StaffActionKind::RaiseUrgent:
    case StaffActionKind::DismissUrgent:
    case StaffActionKind::PageNotices: return applyNotice(a, content, now_s);
    case StaffActionKind::SetKioskMode: {
        const DeviceMode mode = a.value != 0 ? DeviceMode::Kiosk : DeviceMode::Display;
        const StaffEdit edit = settings.setMode(mode, now_s);
        report(edit, fillIn(tr("Switched to {0}"), {modeName(mode)}));
        if (edit.ok && mode != m_context.mode) request.switch_to = mode;
        if (edit.ok) m_context.mode = mode;
        break;
    }
    case StaffActionKind::SetElderDefault: {
        const StaffEdit edit = settings.setElderDefault(a.value != 0, now_s);
        report(edit, a.value != 0 ? tr("The touch kiosk starts in elder mode")
                                  : tr("The touch kiosk starts in standard mode"));
        if (edit.ok) m_context.elder_default = a.value != 0;
        if (edit.ok && edit.changed) request.overrides = readOverrides();
        break;
    }
    case StaffActionKind::Exit:
        if (!m_confirm_exit) {
            m_confirm_exit = true;
            break;
        }
        audit(now_s, "program.exit", "the program was closed from the staff panel");
        request.exit = true;
        close();
        break;
    default: break;
    }
    return request;
}

StaffRequest StaffPanel::applyNotice(const StaffAction& a, const Content& content, std::int64_t now_s) {
    const std::vector<const Notice*> notices = noticesForStaff(content, now_s);
    StaffRequest request;
    if (a.kind == StaffActionKind::PageNotices) {
        m_first_notice = pageStep(m_first_notice, a.value, m_rows_per_page, notices.size());
        return request;
    }
    if (a.index >= notices.size()) return request; // the list changed under the finger
    const Notice& notice = *notices[a.index];
    StaffSettingsEditor settings(staffSettingsPathIn(m_context.data_dir), m_context.records);
    const bool raise = a.kind == StaffActionKind::RaiseUrgent;
    const StaffEdit edit =
        raise ? settings.raiseUrgent(content, notice.id, now_s) : settings.dismissUrgent(content, notice.id, now_s);
    report(edit,
           fillIn(raise ? tr("Interrupting on this screen: {0}") : tr("Interruption cancelled on this screen: {0}"),
                  {notice.title}));
    if (edit.ok && edit.changed) request.overrides = readOverrides();
    return request;
}

StaffPinView StaffPanel::pinView(std::int64_t now_s) const {
    StaffPinView v;
    v.digits_entered = static_cast<int>(m_pin.size());
    if (!m_gate.hasPin()) {
        v.prompt = tr("No staff PIN is set on this screen (config key staff_pin_hash), so the panel cannot be opened. "
                      "Please contact the IT office.");
        v.prompt_is_error = true;
        v.can_enter = false;
    } else if (const std::int64_t locked = m_gate.lockedFor(now_s); locked > 0) {
        v.prompt = fillIn(
            tr("Too many wrong PINs; locked. Try again in {0}"),
            {locked >= 3600
                 ? fillIn(tr("{0} h {1} min"), {std::to_string(locked / 3600), std::to_string(locked % 3600 / 60)})
                 : fillIn(tr("{0} min {1} s"), {std::to_string(locked / 60), std::to_string(locked % 60)})});
        v.prompt_is_error = true;
        v.can_enter = false;
    } else {
        v.prompt = m_pin_prompt.empty() ? std::string(tr("Enter the staff PIN")) : m_pin_prompt;
        v.prompt_is_error = m_pin_prompt_error && !m_pin_prompt.empty();
    }
    return v;
}

StaffPanelView StaffPanel::panelView(const Content& content, const StoreState& sync, std::int64_t now_s) const {
    StaffPanelView v;
    const int tz = m_context.utc_offset_s;
    v.section = m_section;
    v.heading = fillIn(tr("Staff panel  screen group {0}  {1}"), {m_context.screen_group, modeName(m_context.mode)});
    const std::optional<std::int64_t> generated = parseIsoDateTime(content.generated_at, tz);
    const char* not_yet = tr("not synced since the program started");
    v.sync_rows = {
        {tr("Portal"), content.base_url},
        {tr("Content version"),
         generated ? fillIn(tr("{0} (published by the portal {1})"), {content.generation, timeText(*generated, tz, "")})
                   : content.generation},
        {tr("Last successful sync"), timeText(sync.last_success, tz, not_yet)},
        {tr("Last attempt"), timeText(sync.last_attempt, tz, not_yet)},
        {tr("Latest error"), sync.last_error.empty() ? std::string(tr("none")) : sync.last_error},
        {tr("Next sync"), timeText(sync.next_attempt, tz, tr("not scheduled"))},
    };
    v.sync_requested = m_sync_requested;
    if (m_section == StaffSection::Playlist) {
        EditablePlaylist playlist;
        std::string error;
        PlaylistEditor editor(m_context.local_playlist, m_context.screen_group, content, nullptr, tz);
        if (editor.load(playlist, error)) {
            v.playlist_source = playlist.local
                                    ? tr("This screen's playlist (changed by staff; it comes before the portal's)")
                                    : tr("The portal's playlist (saved as this screen's playlist at the first change)");
            for (const EditableItem& item : playlist.items)
                v.items.push_back({item.title, kindOfRef(item.ref), item.duration_s, item.enabled});
        } else {
            v.playlist_source = fillIn(tr("No playlist to change: {0}"), {error});
        }
        v.first_item = std::min(m_first_item, v.items.empty() ? 0 : v.items.size() - 1);
    }
    if (m_section == StaffSection::Urgent) {
        StaffOverrides overrides;
        std::string error;
        readStaffOverrides(staffSettingsPathIn(m_context.data_dir), overrides, error);
        for (const Notice* n : noticesForStaff(content, now_s))
            v.notices.push_back({n->title, noticeState(*n, overrides, tz), interrupting(*n, overrides)});
        v.first_notice = std::min(m_first_notice, v.notices.empty() ? 0 : v.notices.size() - 1);
    }
    v.kiosk_mode = m_context.mode == DeviceMode::Kiosk;
    v.elder_default = m_context.elder_default;
    v.confirm_exit = m_confirm_exit;
    v.message = m_message;
    v.message_is_error = m_message_error;
    return v;
}

} // namespace gk
