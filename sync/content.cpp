// Member functions of the content model (sync/content.h): id lookups, whether a playlist ref
// resolves, and where an attachment lives locally or online. Owns no I/O beyond an existence
// check; must not include SDL, ImGui, GL or curl.
#include "sync/content.h"

#include "config/playlist.h"

#include <system_error>

namespace gk {
namespace {

bool isLowerHex64(const std::string& s) {
    if (s.size() != 64) {
        return false;
    }
    for (char c : s) {
        const bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        if (!hex) {
            return false;
        }
    }
    return true;
}

// Index hit when it is still valid for the vector; otherwise a linear scan (hand-built content).
template <class Item>
const Item* findById(const std::vector<Item>& items, const std::map<std::string, std::size_t>& index,
                     const std::string& id) {
    if (id.empty()) {
        return nullptr;
    }
    if (const auto it = index.find(id); it != index.end()) {
        if (it->second < items.size() && items[it->second].id == id) {
            return &items[it->second];
        }
    }
    for (const Item& item : items) {
        if (item.id == id) {
            return &item;
        }
    }
    return nullptr;
}

} // namespace

const DisclosureItem* Content::findDisclosure(const std::string& id) const {
    return findById(disclosures, disclosure_index, id);
}

const ServiceGuide* Content::findGuide(const std::string& id) const {
    return findById(guides, guide_index, id);
}

const Notice* Content::findNotice(const std::string& id) const {
    return findById(notices, notice_index, id);
}

bool resolves(const Content& content, const ContentRef& ref) {
    switch (ref.kind) {
    case RefKind::Notice: return content.findNotice(ref.id) != nullptr;
    case RefKind::Guide: return content.findGuide(ref.id) != nullptr;
    case RefKind::Disclosure: return content.findDisclosure(ref.id) != nullptr;
    }
    return false;
}

std::filesystem::path Content::attachmentPath(const Attachment& a) const {
    if (objects_dir.empty() || !isLowerHex64(a.sha256)) {
        return {};
    }
    std::filesystem::path path = objects_dir / a.sha256.substr(0, 2) / a.sha256;
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) {
        return {};
    }
    return path;
}

std::string Content::attachmentUrl(const Attachment& a) const {
    if (!a.url.empty()) {
        return a.url;
    }
    if (a.href.empty() || base_url.empty()) {
        return {}; // a bare relative href is no address a phone could open
    }
    if (base_url.back() == '/') {
        return base_url + a.href;
    }
    return base_url + "/" + a.href;
}

} // namespace gk
