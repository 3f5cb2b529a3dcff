// Staff edits of the local playlist file (see playlist_editor.h).
#include "kiosk/playlist/playlist_editor.h"

#include "config/i18n.h"
#include "config/playlist.h"
#include "kiosk/playlist/playlist_validation.h"
#include "sync/fs_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <utility>

namespace gk {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json; // keeps the keys in the order staff (or the portal) wrote them

std::string titleOf(const Json& item, const Content& content) {
    if (item.contains("ref") && item["ref"].is_string()) {
        std::string error;
        const std::optional<ContentRef> ref = parseContentRef(item["ref"].get<std::string>(), error);
        if (!ref) return "";
        switch (ref->kind) {
        case RefKind::Notice:
            if (const Notice* n = content.findNotice(ref->id)) return n->title;
            break;
        case RefKind::Guide:
            if (const ServiceGuide* g = content.findGuide(ref->id)) return g->name;
            break;
        case RefKind::Disclosure:
            if (const DisclosureItem* d = content.findDisclosure(ref->id)) return d->title;
            break;
        }
        return "";
    }
    const char* part = item.contains("image") ? "image" : item.contains("video") ? "video" : "text";
    const char* key = item.contains("image") || item.contains("video") ? "name" : "title";
    const Json& value = item.contains(part) ? item[part] : Json();
    return value.is_object() && value.contains(key) && value[key].is_string() ? value[key].get<std::string>() : "";
}

std::string refOf(const Json& item) {
    if (item.contains("ref") && item["ref"].is_string()) return item["ref"].get<std::string>();
    if (item.contains("image") && item["image"].is_object() && item["image"].contains("href") &&
        item["image"]["href"].is_string())
        return "image:" + item["image"]["href"].get<std::string>();
    if (item.contains("video") && item["video"].is_object() && item["video"].contains("href") &&
        item["video"]["href"].is_string())
        return "video:" + item["video"]["href"].get<std::string>();
    return "text";
}

bool enabledOf(const Json& item) {
    return !(item.contains("enabled") && item["enabled"].is_boolean() && !item["enabled"].get<bool>());
}

std::string stripBom(std::string text) {
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    return text;
}

StaffEdit noSuchItem(std::size_t position) {
    return StaffEdit{false, false, fillIn(tr("there is no items[{0}]"), {std::to_string(position)})};
}

} // namespace

struct PlaylistEditor::Base {
    Json doc;
    bool local = false;
    Json& items() { return doc["items"]; }
    // "items[2] notice:n-1 (关于…的通知)" for the audit log and the messages.
    std::string describe(std::size_t position, const Content& content) {
        const Json& item = items()[position];
        const std::string title = titleOf(item, content);
        return "items[" + std::to_string(position) + "] " + refOf(item) + (title.empty() ? "" : " (" + title + ")");
    }
};

void auditStaffEdit(RecordSink* records, std::int64_t now_s, std::string_view action, const std::string& detail,
                    StaffEdit& edit) {
    if (records == nullptr) {
        edit.message += tr(" (not in the audit log: it is not open)");
    } else if (!records->recordAudit(now_s, kStaffActor, action, detail)) {
        edit.message += tr(" (not in the audit log: it could not be written)");
    }
}

PlaylistEditor::PlaylistEditor(fs::path file, std::string screen_group, const Content& content, RecordSink* records,
                               int utc_offset_s)
    : m_file(std::move(file)), m_group(std::move(screen_group)), m_content(content), m_records(records),
      m_utc_offset_s(utc_offset_s) {}

// The local file when there is one, else the publish's playlist for the group. Either must be one
// the screen plays (skipped items are fine): the panel never builds on a file the screen refuses.
bool PlaylistEditor::readBase(Base& base, std::string& error) const {
    const PlaylistFile file = readPlaylistFile(m_file);
    std::string text;
    std::string label = m_file.filename().string();
    if (file.status == PlaylistFileStatus::Ok) {
        text = stripBom(file.text);
        base.local = true;
    } else if (file.status != PlaylistFileStatus::Missing) {
        error = m_file.string() + ": " + file.error;
        return false;
    } else if (const auto it = m_content.playlists.find(m_group); it != m_content.playlists.end()) {
        text = stripBom(it->second);
        label = fillIn(tr("the publish's playlist for {0}"), {m_group});
    } else {
        error = fillIn(tr("no local playlist ({0}) and the publish has none for screen group {1}"),
                       {m_file.string(), m_group});
        return false;
    }
    const PlaylistResult parsed = parsePlaylist(text, label);
    if (!parsed.usable()) {
        error = fillIn(tr("{0} cannot be read as a playlist, so the panel cannot edit it (fix it, or delete the "
                          "local file): {1}"),
                       {label, firstProblemSummary(parsed.problems)});
        return false;
    }
    base.doc = Json::parse(text, nullptr, false);
    if (!base.doc.is_object() || !base.doc.contains("items") || !base.doc["items"].is_array()) {
        error = fillIn(tr("{0}: not a playlist object"), {label}); // parsePlaylist accepted it: does not happen
        return false;
    }
    return true;
}

bool PlaylistEditor::load(EditablePlaylist& out, std::string& error) const {
    Base base;
    if (!readBase(base, error)) return false;
    out = EditablePlaylist{};
    out.local = base.local;
    if (base.doc.contains("default_duration_s") && base.doc["default_duration_s"].is_number())
        out.default_duration_s = base.doc["default_duration_s"].get<int>();
    const Json& items = base.items();
    for (std::size_t i = 0; i < items.size(); ++i) {
        const Json& item = items[i];
        const bool own = item.contains("duration_s") && item["duration_s"].is_number();
        out.items.push_back(EditableItem{i, refOf(item), titleOf(item, m_content),
                                         own ? item["duration_s"].get<int>() : out.default_duration_s, own,
                                         enabledOf(item)});
    }
    return true;
}

StaffEdit PlaylistEditor::write(Base& base, std::string_view action, std::string detail, std::int64_t now_s) {
    // Replaces bytes that are not UTF-8 instead of throwing (the parse before let none through).
    const std::string text = base.doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    const PlaylistResult checked =
        checkPlaylistText(text, m_file.filename().string(), m_content, now_s, m_utc_offset_s);
    if (!checked.usable()) {
        return StaffEdit{false, false,
                         fillIn(tr("not changed: the screen would refuse the result: {0}"),
                                {firstProblemSummary(checked.problems)})};
    }
    std::error_code ec;
    fs::create_directories(m_file.parent_path(), ec);
    std::string error;
    if (!writeFileAtomic(m_file, text, error)) {
        return StaffEdit{false, false, fillIn(tr("not changed: cannot write {0}: {1}"), {m_file.string(), error})};
    }
    if (!base.local) detail += tr("; new local playlist, copied from the publish's");
    StaffEdit edit{true, true, detail};
    // Bad items stay in the file and the screen skips them, as it does everywhere: say which.
    if (const std::string skipped = skippedSummary(checked); !skipped.empty()) edit.message += tr("; ") + skipped;
    auditStaffEdit(m_records, now_s, action, m_group + ": " + detail, edit);
    return edit;
}

StaffEdit PlaylistEditor::setEnabled(std::size_t position, bool enabled, std::int64_t now_s) {
    Base base;
    std::string error;
    if (!readBase(base, error)) return StaffEdit{false, false, error};
    if (position >= base.items().size()) return noSuchItem(position);
    Json& item = base.items()[position];
    const std::string what = base.describe(position, m_content);
    if (enabledOf(item) == enabled)
        return StaffEdit{true, false,
                         fillIn(enabled ? tr("{0} is already enabled") : tr("{0} is already disabled"), {what})};
    const auto enabled_items = std::count_if(base.items().begin(), base.items().end(), enabledOf);
    if (!enabled && enabled_items == 1) {
        // The screen would show only the fallback or the site name: staff delete the local file or
        // enable another item instead.
        return StaffEdit{false, false,
                         fillIn(tr("not changed: {0} is the last enabled item; enable another first"), {what})};
    }
    if (enabled)
        item.erase("enabled"); // absent means enabled
    else
        item["enabled"] = false;
    return write(base, enabled ? "playlist.enable" : "playlist.disable",
                 fillIn(enabled ? tr("{0} enabled") : tr("{0} disabled"), {what}), now_s);
}

StaffEdit PlaylistEditor::move(std::size_t position, int steps, std::int64_t now_s) {
    Base base;
    std::string error;
    if (!readBase(base, error)) return StaffEdit{false, false, error};
    Json& items = base.items();
    if (position >= items.size()) return noSuchItem(position);
    const auto target = static_cast<std::int64_t>(position) + steps;
    if (steps == 0 || target < 0 || target >= static_cast<std::int64_t>(items.size())) {
        return StaffEdit{false, false,
                         fillIn(steps < 0 ? tr("{0} cannot move up: it is already first")
                                          : tr("{0} cannot move down: it is already last"),
                                {base.describe(position, m_content)})};
    }
    const std::string what = base.describe(position, m_content);
    Json moved = std::move(items[position]);
    items.erase(items.begin() + static_cast<std::ptrdiff_t>(position));
    items.insert(items.begin() + static_cast<std::ptrdiff_t>(target), std::move(moved));
    return write(base, "playlist.move", fillIn(tr("{0} moved to items[{1}]"), {what, std::to_string(target)}), now_s);
}

StaffEdit PlaylistEditor::setDuration(std::size_t position, int seconds, std::int64_t now_s) {
    Base base;
    std::string error;
    if (!readBase(base, error)) return StaffEdit{false, false, error};
    if (position >= base.items().size()) return noSuchItem(position);
    const int clamped = std::clamp(seconds, 1, kMaxDurationS);
    Json& item = base.items()[position];
    const std::string what = base.describe(position, m_content);
    const bool own = item.contains("duration_s") && item["duration_s"].is_number();
    const int before = own ? item["duration_s"].get<int>() : base.doc.value("default_duration_s", 15);
    if (own && before == clamped)
        return StaffEdit{true, false, fillIn(tr("{0} already runs {1} s"), {what, std::to_string(clamped)})};
    item["duration_s"] = clamped;
    std::string detail =
        fillIn(tr("{0} duration {1} s → {2} s"), {what, std::to_string(before), std::to_string(clamped)});
    if (clamped != seconds) detail += fillIn(tr(" (asked {0} s; the limits are 1–86400 s)"), {std::to_string(seconds)});
    return write(base, "playlist.duration", detail, now_s);
}

} // namespace gk
