// Screen refs. See screen_ref.h.
#include "display/kiosk/screen_ref.h"

#include "sync/json_fields.h"

#include <algorithm>
#include <array>
#include <iterator>

namespace gk {
namespace {

struct KindName {
    ScreenKind kind;
    std::string_view name;
    bool id_required;
    bool id_allowed;
};

constexpr std::array<KindName, 11> kKinds{{
    {ScreenKind::Attract, "attract", false, false},
    {ScreenKind::Home, "home", false, false},
    {ScreenKind::Catalog, "catalog", false, true},
    {ScreenKind::Disclosure, "disclosure", true, true},
    {ScreenKind::Guides, "guides", false, false},
    {ScreenKind::Guide, "guide", true, true},
    {ScreenKind::Notices, "notices", false, false},
    {ScreenKind::Notice, "notice", true, true},
    {ScreenKind::Apply, "apply", false, false},
    {ScreenKind::Search, "search", false, true},
    {ScreenKind::Attachment, "attachment", true, true},
}};

// A whole number ≥ 1 (at most six digits: no document has a million pages).
std::optional<int> positiveNumber(std::string_view text) {
    if (text.empty() || text.size() > 6) return std::nullopt;
    int value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9') return std::nullopt;
        value = value * 10 + (c - '0');
    }
    return value >= 1 ? std::optional<int>(value) : std::nullopt;
}

std::string skippedReason(const Content& content, std::string_view collection, const std::string& id) {
    for (const SkippedItem& skipped : content.skipped)
        if (skipped.collection == collection && skipped.id == id) return skipped.reason;
    return {};
}

std::string missing(const Content& content, std::string_view collection, const ScreenRef& ref) {
    const std::string reason = skippedReason(content, collection, ref.id);
    if (!reason.empty()) return toString(ref) + " was skipped by the sync: " + reason;
    return toString(ref) + " is not in the current publish (generation " + content.generation + ")";
}

} // namespace

std::optional<ScreenRef> parseScreenRef(std::string_view text) {
    const std::size_t colon = text.find(':');
    const std::string_view name = text.substr(0, colon);
    const bool has_id = colon != std::string_view::npos;
    const std::string_view id = has_id ? text.substr(colon + 1) : std::string_view{};
    for (const KindName& k : kKinds) {
        if (k.name != name) continue;
        if ((k.id_required && id.empty()) || (has_id && !k.id_allowed) || (has_id && id.empty())) return std::nullopt;
        return ScreenRef{k.kind, std::string(id)};
    }
    return std::nullopt;
}

std::string toString(const ScreenRef& ref) {
    for (const KindName& k : kKinds)
        if (k.kind == ref.kind) return std::string(k.name) + (ref.id.empty() ? "" : ":" + ref.id);
    return "?";
}

const Category* findCategory(const std::vector<Category>& tree, std::string_view code) {
    for (const Category& category : tree) {
        if (category.code == code) return &category;
        if (const Category* found = findCategory(category.children, code)) return found;
    }
    return nullptr;
}

std::optional<AttachmentRef> parseAttachmentRef(std::string_view id) {
    const std::size_t last = id.rfind(':');
    if (last == std::string_view::npos) return std::nullopt;
    std::string_view tail_text = id.substr(last + 1);
    int zoom = 0;
    if (const std::size_t at = tail_text.find('@'); at != std::string_view::npos) { // P@Z
        const std::optional<int> z = positiveNumber(tail_text.substr(at + 1));
        if (!z || std::find(std::begin(kAttachmentZooms), std::end(kAttachmentZooms), *z) == std::end(kAttachmentZooms))
            return std::nullopt;
        zoom = *z;
        tail_text = tail_text.substr(0, at);
    }
    const std::optional<int> tail = positiveNumber(tail_text);
    if (!tail) return std::nullopt;
    const std::string_view head = id.substr(0, last);
    const std::size_t before = head.rfind(':');
    if (before != std::string_view::npos) // ITEM:N:P
        if (const std::optional<int> index = positiveNumber(head.substr(before + 1)); index && before > 0)
            return AttachmentRef{std::string(head.substr(0, before)), *index, *tail, zoom};
    if (head.empty() || zoom != 0) return std::nullopt; // a zoom needs the page before it
    return AttachmentRef{std::string(head), *tail, 1};  // ITEM:N
}

ScreenRef attachmentScreen(const AttachmentRef& ref) {
    std::string id = ref.item_id + ":" + std::to_string(ref.index) + ":" + std::to_string(ref.page);
    if (ref.zoom != 0) id += "@" + std::to_string(ref.zoom);
    return {ScreenKind::Attachment, std::move(id)};
}

const Attachment* findAttachment(const Content& content, const AttachmentRef& ref) {
    const DisclosureItem* item = content.findDisclosure(ref.item_id);
    if (item == nullptr || ref.index < 1 || static_cast<std::size_t>(ref.index) > item->attachments.size())
        return nullptr;
    return &item->attachments[static_cast<std::size_t>(ref.index - 1)];
}

bool readableOnKiosk(const Content& content, const Attachment& attachment) {
    // "offline": false keeps a file QR-only even when an older publish left it in the store.
    return (isPdf(attachment) || isDownloadableImage(attachment)) && attachment.offline &&
           !content.attachmentPath(attachment).empty();
}

namespace {
bool checkAttachmentScreen(const Content& content, const ScreenRef& ref, std::string& error) {
    const std::optional<AttachmentRef> parsed = parseAttachmentRef(ref.id);
    if (!parsed) {
        std::string zooms;
        for (const int zoom : kAttachmentZooms) zooms += (zooms.empty() ? "" : ", ") + std::to_string(zoom);
        error =
            toString(ref) + ": not ITEM_ID:N or ITEM_ID:N:PAGE[@ZOOM] (N and PAGE from 1, ZOOM one of " + zooms + ")";
        return false;
    }
    if (content.findDisclosure(parsed->item_id) == nullptr) {
        error = missing(content, "disclosures", ScreenRef{ScreenKind::Disclosure, parsed->item_id});
        return false;
    }
    const Attachment* attachment = findAttachment(content, *parsed);
    if (attachment == nullptr) {
        error =
            toString(ref) + ": disclosure " + parsed->item_id + " has no attachment " + std::to_string(parsed->index);
        return false;
    }
    if (!readableOnKiosk(content, *attachment)) {
        error = toString(ref) + ": " + attachment->name + " is offered by QR code only (" +
                (!isPdf(*attachment) && !isDownloadableImage(*attachment) ? attachment->type
                 : !attachment->offline                                   ? "the feed keeps it off the kiosk"
                                                                          : "its file is not in the store") +
                ")";
        return false;
    }
    return true;
}
} // namespace

bool checkScreenRef(const Content& content, const ScreenRef& ref, std::string& error) {
    switch (ref.kind) {
    case ScreenKind::Catalog:
        if (ref.id.empty() || ref.id == kUncataloguedCode || findCategory(content.catalog, ref.id) != nullptr)
            return true;
        error = toString(ref) + ": no catalog category has the code \"" + ref.id + "\"";
        return false;
    case ScreenKind::Disclosure:
        if (content.findDisclosure(ref.id) != nullptr) return true;
        error = missing(content, "disclosures", ref);
        return false;
    case ScreenKind::Guide:
        if (content.findGuide(ref.id) != nullptr) return true;
        error = missing(content, "guides", ref);
        return false;
    case ScreenKind::Notice:
        if (content.findNotice(ref.id) != nullptr) return true;
        error = missing(content, "notices", ref);
        return false;
    case ScreenKind::Attachment: return checkAttachmentScreen(content, ref, error);
    default: return true;
    }
}

namespace {
std::string findByName(const std::vector<Category>& tree, std::string_view name) {
    for (const Category& category : tree) {
        if (category.name == name) return category.code;
        if (std::string code = findByName(category.children, name); !code.empty()) return code;
    }
    return {};
}
} // namespace

std::string interpretationCategory(const Content& content) {
    return findByName(content.catalog, "政策解读");
}

} // namespace gk
