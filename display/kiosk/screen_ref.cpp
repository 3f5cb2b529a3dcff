// Screen refs. See screen_ref.h.
#include "display/kiosk/screen_ref.h"

#include <array>

namespace gk {
namespace {

struct KindName {
    ScreenKind kind;
    std::string_view name;
    bool id_required;
    bool id_allowed;
};

constexpr std::array<KindName, 10> kKinds{{
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
}};

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
