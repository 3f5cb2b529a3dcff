// What the staff panel decides for this one screen outside its playlist: the mode (display or
// kiosk), the elder-mode default, and urgent notices raised or dismissed on this screen only. They
// live in <data dir>/staff-settings.json, not in the config under /etc (which the program does not
// write and which IT may manage centrally); when the file is there its keys override the config's
// `mode` and `elder_default` (a --mode flag still wins). Example:
//   {"mode": "kiosk", "elder_default": true, "dismissed_urgent": ["n-2026-040"], "raised_urgent": ["n-2026-031"]}
// Every change is written atomically and recorded in the audit log (actor "staff-panel").
//
// The screen applies the notices: withRaisedUrgent() makes raised notices urgent in the content
// it schedules, and each dismissed id goes to Rotation::dismissUrgent (display/info/scheduler.h).
// Ids that are no longer in the publish, or whose notice has expired, are dropped at the next write.
// Owned by kiosk/; logic and file I/O only, no drawing. Must not include SDL, ImGui, GL or curl.
#pragma once

#include "config/settings.h"
#include "kiosk/core/record_sink.h"
#include "kiosk/playlist/playlist_editor.h"
#include "sync/content.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gk {

struct StaffOverrides {
    std::optional<DeviceMode> mode;
    std::optional<bool> elder_default;
    std::vector<std::string> dismissed_urgent; // urgent notices that do not interrupt this screen
    std::vector<std::string> raised_urgent;    // notices that interrupt this screen as if urgent
};

inline std::filesystem::path staffSettingsPathIn(const std::filesystem::path& data_dir) {
    return data_dir / "staff-settings.json";
}

// A missing file is no overrides (true). false + error ("staff-settings.json: mode: must be …")
// when it cannot be read or a key has the wrong type; out is then left empty.
bool readStaffOverrides(const std::filesystem::path& file, StaffOverrides& out, std::string& error);
bool writeStaffOverrides(const std::filesystem::path& file, const StaffOverrides& overrides, std::string& error);
void applyStaffOverrides(const StaffOverrides& overrides, Settings& settings);

// The content with every raised notice made Urgent: a copy when one is raised and present, else
// the same pointer.
std::shared_ptr<const Content> withRaisedUrgent(const std::shared_ptr<const Content>& content,
                                                const StaffOverrides& overrides);

class StaffSettingsEditor {
public:
    // records may be null (then changes are made but not audited, and the result says so).
    StaffSettingsEditor(std::filesystem::path file, RecordSink* records);

    StaffEdit setMode(DeviceMode mode, std::int64_t now_s);
    StaffEdit setElderDefault(bool on, std::int64_t now_s);
    // The notice must be in content and not expired. A dismissed urgent notice comes back; a
    // normal or important one interrupts this screen as urgent while it is valid.
    StaffEdit raiseUrgent(const Content& content, const std::string& notice_id, std::int64_t now_s);
    // A notice that is urgent on this screen (by the publish or raised here) stops interrupting it.
    StaffEdit dismissUrgent(const Content& content, const std::string& notice_id, std::int64_t now_s);

private:
    StaffEdit change(std::string_view action, std::string detail, std::int64_t now_s, const Content* content,
                     StaffOverrides& overrides);

    std::filesystem::path m_file;
    RecordSink* m_records;
};

} // namespace gk
