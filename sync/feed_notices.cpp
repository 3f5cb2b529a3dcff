// notices.json (通知公告) and the playlists' JSON text into gk::Content. Notice validity is read
// with sync/iso_time.h. Must not include SDL, ImGui, GL or curl.
#include "sync/feed_items.h"
#include "sync/feed_parser.h"
#include "sync/iso_time.h"

namespace gk {
using nlohmann::json;

namespace {

// "normal" / "important" / "urgent"; anything else (or absent) shows as normal rather than being
// dropped, so an unexpected value never hides a notice.
NoticeLevel levelFrom(const std::string& text) {
    if (text == "urgent") {
        return NoticeLevel::Urgent;
    }
    if (text == "important") {
        return NoticeLevel::Important;
    }
    return NoticeLevel::Normal;
}

void readInstant(FieldReader& r, const char* key, std::optional<std::int64_t>& out) {
    std::string text;
    r.text(key, text);
    if (!r.ok() || text.empty()) {
        return;
    }
    if (const auto seconds = parseIsoTime(text)) {
        out = *seconds;
    } else {
        r.fail(key, "\"" + text + "\" is not an ISO-8601 date or date-time");
    }
}

void fillNotice(FieldReader& r, Notice& n) {
    r.text("title", n.title);
    r.attachment("image", n.image);
    r.body("body_html", n.image ? std::vector<Attachment>{*n.image} : std::vector<Attachment>{}, n.body);
    std::string level;
    r.text("level", level);
    n.level = levelFrom(level);
    r.text("publisher", n.publisher);
    r.text("published_date", n.published_date);
    readInstant(r, "valid_from", n.valid_from);
    readInstant(r, "valid_until", n.valid_until);
    r.webUrl("mobile_url", n.mobile_url);
    r.text("updated_at", n.updated_at);
}

// Reports items[i].image and items[i].video objects that cannot be used (unsafe href, missing
// sha256, ...).
void reportPlaylistFiles(const std::string& group, const json& doc, Content& content) {
    const auto items = doc.find("items");
    if (items == doc.end() || !items->is_array()) {
        return;
    }
    for (std::size_t i = 0; i < items->size(); ++i) {
        const json& item = (*items)[i];
        for (const char* kind : {"image", "video"}) {
            const auto file = item.is_object() ? item.find(kind) : item.end();
            if (!item.is_object() || file == item.end() || file->is_null()) {
                continue;
            }
            Attachment a;
            std::string problem;
            if (!parseAttachment(*file, "items[" + std::to_string(i) + "]." + kind, a, problem)) {
                content.skipped.push_back({"playlists", group, group + ".json: " + problem});
            }
        }
    }
}

} // namespace

bool parseNotices(std::string_view bytes, const FeedLimits& limits, Content& content, std::string& error) {
    static const CollectionSpec spec{"notices", "title"};
    return parseItems<Notice>(bytes, spec, limits, content.notices, content.notice_index, content.skipped, fillNotice,
                              error);
}

void addPlaylist(const std::string& group, std::string text, Content& content) {
    std::string problem;
    const std::optional<json> doc = parseJsonDocument(text, problem);
    if (!doc || !doc->is_object()) {
        content.skipped.push_back(
            {"playlists", group, group + ".json: " + (doc ? std::string("is not a JSON object") : problem)});
        return;
    }
    reportPlaylistFiles(group, *doc, content);
    content.playlists[group] = std::move(text);
}

} // namespace gk
