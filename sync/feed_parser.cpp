// Feed parsing entry points shared by all collections (sync/feed_parser.h): item identity
// checks, the whole-publish parse, the images, PDFs and videos a kiosk downloads. Must not include SDL, ImGui, GL or
// curl.
#include "sync/feed_parser.h"

#include "sync/feed_items.h"

#include <set>

namespace gk {
using nlohmann::json;

bool checkItemIdentity(const json& item, std::size_t i, const CollectionSpec& spec,
                       const std::map<std::string, std::size_t>& first_seen, std::string& error) {
    const auto fail = [&error](std::string message) {
        error = std::move(message);
        return false;
    };
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!item.is_object()) {
        return fail(at + " is not an object");
    }
    const auto id = item.find("id");
    if (id == item.end() || id->is_null()) {
        return fail(at + ": id is missing");
    }
    if (!id->is_string()) {
        return fail(at + ": id is not a string");
    }
    const std::string id_text = id->get<std::string>();
    if (id_text.empty()) {
        return fail(at + ": id is empty");
    }
    const std::string named = at + " (id \"" + id_text + "\"): ";
    const auto title = item.find(spec.title_key);
    if (title == item.end() || title->is_null()) {
        return fail(named + spec.title_key + " is missing");
    }
    if (!title->is_string()) {
        return fail(named + spec.title_key + " is not a string");
    }
    if (title->get_ref<const std::string&>().empty()) {
        return fail(named + spec.title_key + " is empty");
    }
    if (const auto seen = first_seen.find(id_text); seen != first_seen.end()) {
        return fail(named + "duplicate id (first at items[" + std::to_string(seen->second) + "])");
    }
    return true;
}

bool parseFeed(const Manifest& manifest, const FeedTexts& texts, const FeedLimits& limits, Content& content,
               std::string& error) {
    content.generated_at = manifest.generated_at;
    content.site = manifest.site;
    content.skipped = manifest.skipped;
    auto text = [&](const char* key) -> std::string_view {
        const auto it = texts.collections.find(key);
        return it == texts.collections.end() ? std::string_view() : std::string_view(it->second);
    };
    if (!parseCatalog(text("catalog"), content, error) ||
        !parseDisclosures(text("disclosures"), limits, content, error) ||
        !parseGuides(text("guides"), limits, content, error) ||
        !parseNotices(text("notices"), limits, content, error)) {
        return false;
    }
    for (const auto& [group, playlist] : texts.playlists) {
        addPlaylist(group, playlist, content);
    }
    return true;
}

namespace {

// The "video" objects of a playlist's items and fallback that name a video a screen can download:
// a video type, a sha256 and a size (an item without them is skipped by the playlist's reader, and
// its reason reported there).
void collectPlaylistVideos(const std::string& text, std::vector<Attachment>& out) {
    const json doc = json::parse(text, nullptr, false);
    if (!doc.is_object()) return;
    std::vector<const json*> entries;
    if (const auto items = doc.find("items"); items != doc.end() && items->is_array())
        for (const json& item : *items) entries.push_back(&item);
    if (const auto fallback = doc.find("fallback"); fallback != doc.end()) entries.push_back(&*fallback);
    for (const json* entry : entries) {
        const auto video = entry->is_object() ? entry->find("video") : entry->end();
        if (!entry->is_object() || video == entry->end() || video->is_null()) continue;
        Attachment a;
        std::string ignored; // reported by addPlaylist already
        if (parseAttachment(*video, "video", a, ignored) && isPlaylistVideo(a) && !a.sha256.empty() && a.bytes > 0)
            out.push_back(std::move(a));
    }
}

void collectPlaylistImages(const std::string& text, std::vector<Attachment>& out) {
    const json doc = json::parse(text, nullptr, false);
    const auto items = doc.is_object() ? doc.find("items") : doc.end();
    if (!doc.is_object() || items == doc.end() || !items->is_array()) {
        return;
    }
    for (const json& item : *items) {
        const auto image = item.is_object() ? item.find("image") : item.end();
        if (!item.is_object() || image == item.end() || image->is_null()) {
            continue;
        }
        Attachment a;
        std::string ignored; // reported by addPlaylist already
        if (parseAttachment(*image, "image", a, ignored) && isDownloadableImage(a)) {
            out.push_back(std::move(a));
        }
    }
}

} // namespace

namespace {

// Every attachment object the content names, in feed order (duplicates included).
std::vector<Attachment> allAttachments(const Content& content) {
    std::vector<Attachment> all;
    for (const DisclosureItem& item : content.disclosures) {
        all.insert(all.end(), item.attachments.begin(), item.attachments.end());
    }
    for (const ServiceGuide& guide : content.guides) {
        for (const GuideMaterial& material : guide.materials) {
            if (material.template_file) {
                all.push_back(*material.template_file);
            }
        }
    }
    for (const Notice& notice : content.notices) {
        if (notice.image) {
            all.push_back(*notice.image);
        }
    }
    for (const auto& [group, text] : content.playlists) {
        collectPlaylistImages(text, all);
    }
    return all;
}

// Those the kiosk keeps offline and that pass `wanted`, one per sha256. "offline": false on one
// reference does not keep the file off the kiosk when another reference wants it.
std::vector<Attachment> offlineAttachments(const Content& content, bool (*wanted)(const Attachment&)) {
    std::vector<Attachment> chosen;
    std::set<std::string> seen;
    for (Attachment& a : allAttachments(content)) {
        if (a.offline && wanted(a) && seen.insert(a.sha256).second) {
            chosen.push_back(std::move(a));
        }
    }
    return chosen;
}

} // namespace

std::vector<Attachment> imageAttachments(const Content& content) {
    return offlineAttachments(content, isDownloadableImage);
}

std::vector<Attachment> videoAttachments(const Content& content) {
    std::vector<Attachment> all;
    for (const auto& [group, text] : content.playlists) collectPlaylistVideos(text, all);
    std::vector<Attachment> chosen;
    std::set<std::string> seen;
    for (Attachment& a : all) {
        if (seen.insert(a.sha256).second) chosen.push_back(std::move(a));
    }
    return chosen;
}

std::vector<Attachment> pdfAttachments(const Content& content) {
    // Without a sha256 a PDF cannot be verified: it stays a QR code, as it always was.
    return offlineAttachments(content, [](const Attachment& a) { return isPdf(a) && !a.sha256.empty(); });
}

std::map<std::string, PdfOverCap> pdfsOverCaps(const Content& content, const FeedLimits& limits) {
    std::uint64_t total = 0;
    std::set<std::string> image_hashes;
    for (const Attachment& image : imageAttachments(content)) {
        total += image.bytes;
        image_hashes.insert(image.sha256);
    }
    std::map<std::string, PdfOverCap> over;
    for (const Attachment& pdf : pdfAttachments(content)) {
        if (image_hashes.count(pdf.sha256) != 0) continue; // the same bytes already come as an image
        if (pdf.bytes > limits.pdf_file_bytes)
            over[pdf.sha256] = PdfOverCap{true, total};
        else if (total + pdf.bytes > limits.attachments_total_bytes)
            over[pdf.sha256] = PdfOverCap{false, total + pdf.bytes};
        else
            total += pdf.bytes;
    }
    return over;
}

std::string describe(const SkippedItem& skipped) {
    return skipped.collection + ": " + skipped.reason;
}

} // namespace gk
