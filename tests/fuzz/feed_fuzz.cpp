// libFuzzer target for the feed parsers of sync/: every input is given to the manifest parser and
// to each collection parser (catalog, disclosures, guides, notices) and as a playlist, so one seed
// corpus of feed documents (the demo portal, small hand-made seeds) reaches all of them. Nothing
// may crash, leak or trip UBSan; results are checked for the invariants the store relies on.
// Built only in the clang fuzz tree (GONGKAI_FUZZ); must not include SDL, ImGui, GL or curl.
#include "sync/feed_parser.h"
#include "sync/href.h"
#include "sync/manifest.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

// Small limits so that the "too many items" and "too large" branches are reachable by the fuzzer.
gk::FeedLimits fuzzLimits() {
    gk::FeedLimits limits;
    limits.manifest_bytes = 64 * 1024;
    limits.collection_bytes = 1 * gk::kMiB;
    limits.items_per_collection = 64;
    return limits;
}

// A broken invariant is a finding: abort so that libFuzzer records the input.
void require(bool condition) {
    if (!condition) {
        std::abort();
    }
}

void checkManifest(std::string_view text, const gk::FeedLimits& limits) {
    std::string error;
    const auto manifest = gk::parseManifest(text, limits, error);
    require(manifest.has_value() == error.empty());
    if (!manifest) {
        return;
    }
    require(manifest->format == gk::kFeedFormat && !manifest->generated_at.empty());
    for (const gk::FeedFile& file : manifest->files) {
        require(gk::isSafeHref(file.href) && file.sha256.size() == 64 && file.bytes <= limits.collection_bytes);
        require(!file.playlist || gk::isSafeGroupName(file.key));
        require(manifest->find(file.key, file.playlist) != nullptr);
    }
}

void checkAttachment(const gk::Attachment& a) {
    require(gk::isSafeHref(a.href));
    require(a.sha256.empty() || a.sha256.size() == 64);
}

// The collection parsers either reject the document (error set) or accept it (no error).
void checkCollection(bool accepted, const std::string& error) {
    require(accepted == error.empty());
}

void checkContent(const gk::Content& content, const gk::FeedLimits& limits) {
    require(content.disclosures.size() <= limits.items_per_collection);
    require(content.disclosure_index.size() == content.disclosures.size());
    for (const gk::DisclosureItem& item : content.disclosures) {
        require(!item.id.empty() && !item.title.empty() && content.findDisclosure(item.id) == &item);
        for (const gk::Attachment& a : item.attachments) checkAttachment(a);
    }
    for (const gk::ServiceGuide& guide : content.guides) {
        require(!guide.id.empty() && !guide.name.empty() && content.findGuide(guide.id) == &guide);
        for (const gk::GuideMaterial& m : guide.materials) {
            if (m.template_file) checkAttachment(*m.template_file);
        }
    }
    for (const gk::Notice& notice : content.notices) {
        require(!notice.id.empty() && !notice.title.empty() && content.findNotice(notice.id) == &notice);
        if (notice.image) checkAttachment(*notice.image);
    }
    for (const gk::Attachment& image : gk::imageAttachments(content)) {
        checkAttachment(image);
        require(image.sha256.size() == 64);
    }
    for (const gk::SkippedItem& skipped : content.skipped) {
        require(!gk::describe(skipped).empty());
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const gk::FeedLimits limits = fuzzLimits();
    checkManifest(text, limits);

    gk::Content content;
    std::string error;
    checkCollection(gk::parseCatalog(text, content, error), error);
    error.clear();
    checkCollection(gk::parseDisclosures(text, limits, content, error), error);
    error.clear();
    checkCollection(gk::parseGuides(text, limits, content, error), error);
    error.clear();
    checkCollection(gk::parseNotices(text, limits, content, error), error);
    gk::addPlaylist("fuzz", std::string(text), content);
    checkContent(content, limits);
    return 0;
}
