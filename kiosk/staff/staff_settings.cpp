// The screen's staff overrides file (see staff_settings.h).
#include "kiosk/staff/staff_settings.h"

#include "config/i18n.h"
#include "config/json_reader.h"
#include "sync/fs_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

namespace gk {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::uint64_t kMaxOverridesBytes = 256 * 1024;

bool readIdList(const Json& doc, const char* key, std::vector<std::string>& out, std::string& error) {
    if (!doc.contains(key) || doc[key].is_null()) return true;
    const Json& list = doc[key];
    const bool strings =
        list.is_array() && std::all_of(list.begin(), list.end(), [](const Json& v) { return v.is_string(); });
    if (!strings) {
        error = std::string(key) + ": must be an array of notice ids";
        return false;
    }
    for (const Json& id : list) out.push_back(id.get<std::string>());
    return true;
}

bool parseOverrides(const Json& doc, StaffOverrides& out, std::string& error) {
    if (!doc.is_object()) {
        error = "must be a JSON object";
        return false;
    }
    if (doc.contains("mode") && !doc["mode"].is_null()) {
        const Json& mode = doc["mode"];
        if (mode == "display" || mode == "kiosk") {
            out.mode = mode == "kiosk" ? DeviceMode::Kiosk : DeviceMode::Display;
        } else {
            error = "mode: must be \"display\" or \"kiosk\", got " +
                    json_reader::describe(mode); // never dump(): it recurses
            return false;
        }
    }
    if (doc.contains("elder_default") && !doc["elder_default"].is_null()) {
        if (!doc["elder_default"].is_boolean()) {
            error = "elder_default: must be true or false, got " + json_reader::describe(doc["elder_default"]);
            return false;
        }
        out.elder_default = doc["elder_default"].get<bool>();
    }
    return readIdList(doc, "dismissed_urgent", out.dismissed_urgent, error) &&
           readIdList(doc, "raised_urgent", out.raised_urgent, error);
}

bool contains(const std::vector<std::string>& ids, const std::string& id) {
    return std::find(ids.begin(), ids.end(), id) != ids.end();
}

void removeId(std::vector<std::string>& ids, const std::string& id) {
    ids.erase(std::remove(ids.begin(), ids.end(), id), ids.end());
}

// Ids whose notice left the publish or expired have nothing left to do.
void prune(std::vector<std::string>& ids, const Content& content, std::int64_t now_s) {
    ids.erase(std::remove_if(ids.begin(), ids.end(),
                             [&](const std::string& id) {
                                 const Notice* n = content.findNotice(id);
                                 return n == nullptr || (n->valid_until && *n->valid_until <= now_s);
                             }),
              ids.end());
}

StaffEdit notInPublish(const std::string& notice_id) {
    return StaffEdit{false, false, fillIn(tr("{0} is not in the current publish"), {"notice:" + notice_id})};
}

std::string noticeText(const Notice& notice) {

    return "notice:" + notice.id + " (" + notice.title + ")";
}

} // namespace

bool readStaffOverrides(const fs::path& file, StaffOverrides& out, std::string& error) {
    out = StaffOverrides{};
    std::error_code ec;
    if (!fs::exists(file, ec)) return true;
    std::string read_error;
    const std::optional<std::string> text = readFileCapped(file, kMaxOverridesBytes, read_error);
    if (!text) {
        error = read_error;
        return false;
    }
    const Json doc = Json::parse(*text, nullptr, false);
    StaffOverrides parsed;
    std::string why = doc.is_discarded() ? "not valid JSON" : "";
    if (!why.empty() || !parseOverrides(doc, parsed, why)) {
        error = file.string() + ": " + why;
        return false;
    }
    out = std::move(parsed);
    return true;
}

bool writeStaffOverrides(const fs::path& file, const StaffOverrides& overrides, std::string& error) {
    Json doc = Json::object();
    if (overrides.mode) doc["mode"] = std::string(deviceModeName(*overrides.mode));
    if (overrides.elder_default) doc["elder_default"] = *overrides.elder_default;
    if (!overrides.dismissed_urgent.empty()) doc["dismissed_urgent"] = overrides.dismissed_urgent;
    if (!overrides.raised_urgent.empty()) doc["raised_urgent"] = overrides.raised_urgent;
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    return writeFileAtomic(file, doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n", error);
}

void applyStaffOverrides(const StaffOverrides& overrides, Settings& settings) {
    if (overrides.mode) settings.mode = *overrides.mode;
    if (overrides.elder_default) settings.elder_default = *overrides.elder_default;
}

std::shared_ptr<const Content> withRaisedUrgent(const std::shared_ptr<const Content>& content,
                                                const StaffOverrides& overrides) {
    if (!content) return content;
    const bool any = std::any_of(overrides.raised_urgent.begin(), overrides.raised_urgent.end(),
                                 [&](const std::string& id) { return content->findNotice(id) != nullptr; });
    if (!any) return content;
    auto copy = std::make_shared<Content>(*content);
    for (Notice& notice : copy->notices)
        if (contains(overrides.raised_urgent, notice.id)) notice.level = NoticeLevel::Urgent;
    return copy;
}

StaffSettingsEditor::StaffSettingsEditor(fs::path file, RecordSink* records)
    : m_file(std::move(file)), m_records(records) {}

StaffEdit StaffSettingsEditor::change(std::string_view action, std::string detail, std::int64_t now_s,
                                      const Content* content, StaffOverrides& overrides) {
    if (content != nullptr) {
        prune(overrides.dismissed_urgent, *content, now_s);
        prune(overrides.raised_urgent, *content, now_s);
    }
    std::string error;
    if (!writeStaffOverrides(m_file, overrides, error))
        return StaffEdit{false, false, fillIn(tr("not changed: cannot write {0}: {1}"), {m_file.string(), error})};
    StaffEdit edit{true, true, detail};
    auditStaffEdit(m_records, now_s, action, detail, edit);
    return edit;
}

StaffEdit StaffSettingsEditor::setMode(DeviceMode mode, std::int64_t now_s) {
    StaffOverrides overrides;
    std::string error;
    const bool readable = readStaffOverrides(m_file, overrides, error);
    if (readable && overrides.mode == mode)
        return StaffEdit{true, false, fillIn(tr("the mode is already {0}"), {deviceModeName(mode)})};
    overrides.mode = mode;
    std::string detail = fillIn(tr("mode set to {0} (from the next start of the screen)"), {deviceModeName(mode)});
    if (!readable) detail += fillIn(tr("; replaced an unreadable {0}: {1}"), {m_file.filename().string(), error});
    return change("settings.mode", detail, now_s, nullptr, overrides);
}

StaffEdit StaffSettingsEditor::setElderDefault(bool on, std::int64_t now_s) {
    StaffOverrides overrides;
    std::string error;
    const bool readable = readStaffOverrides(m_file, overrides, error);
    if (readable && overrides.elder_default == on)
        return StaffEdit{true, false,
                         on ? tr("elder mode by default is already on") : tr("elder mode by default is already off")};
    overrides.elder_default = on;
    std::string detail = on ? tr("elder mode by default on") : tr("elder mode by default off");
    if (!readable) detail += fillIn(tr("; replaced an unreadable {0}: {1}"), {m_file.filename().string(), error});
    return change("settings.elder_default", detail, now_s, nullptr, overrides);
}

StaffEdit StaffSettingsEditor::raiseUrgent(const Content& content, const std::string& notice_id, std::int64_t now_s) {
    const Notice* notice = content.findNotice(notice_id);
    if (notice == nullptr) return notInPublish(notice_id);
    if (notice->valid_until && *notice->valid_until <= now_s)
        return StaffEdit{false, false,
                         fillIn(tr("{0} has expired (valid_until), so it cannot interrupt"), {noticeText(*notice)})};
    StaffOverrides overrides;
    std::string error;
    readStaffOverrides(m_file, overrides, error); // an unreadable file is replaced
    const bool was_dismissed = contains(overrides.dismissed_urgent, notice_id);
    const bool urgent_by_publish = notice->level == NoticeLevel::Urgent;
    if (!was_dismissed && (urgent_by_publish || contains(overrides.raised_urgent, notice_id)))
        return StaffEdit{true, false, fillIn(tr("{0} is already urgent on this screen"), {noticeText(*notice)})};
    removeId(overrides.dismissed_urgent, notice_id);
    if (!urgent_by_publish && !contains(overrides.raised_urgent, notice_id))
        overrides.raised_urgent.push_back(notice_id);
    return change("urgent.raise", fillIn(tr("{0} raised as urgent on this screen"), {noticeText(*notice)}), now_s,
                  &content, overrides);
}

StaffEdit StaffSettingsEditor::dismissUrgent(const Content& content, const std::string& notice_id, std::int64_t now_s) {
    const Notice* notice = content.findNotice(notice_id);
    if (notice == nullptr) return notInPublish(notice_id);
    StaffOverrides overrides;
    std::string error;
    readStaffOverrides(m_file, overrides, error); // an unreadable file is replaced
    const bool raised = contains(overrides.raised_urgent, notice_id);
    const bool urgent_by_publish = notice->level == NoticeLevel::Urgent;
    if (!raised && (!urgent_by_publish || contains(overrides.dismissed_urgent, notice_id)))
        return StaffEdit{false, false, fillIn(tr("{0} is not urgent on this screen"), {noticeText(*notice)})};
    removeId(overrides.raised_urgent, notice_id);
    if (urgent_by_publish && !contains(overrides.dismissed_urgent, notice_id))
        overrides.dismissed_urgent.push_back(notice_id);
    return change("urgent.dismiss", fillIn(tr("{0} dismissed on this screen"), {noticeText(*notice)}), now_s, &content,
                  overrides);
}

} // namespace gk
