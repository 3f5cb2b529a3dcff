// Feed parsing into gk::Content (portal-feed-v1): catalog, disclosures, guides, notices and the
// playlists' JSON text; which image, PDF and video attachments the content references; the id indexes. Pure
// parsing, no I/O. Must not include SDL, ImGui, GL or curl.
#pragma once

#include "sync/content.h"
#include "sync/limits.h"
#include "sync/manifest.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

// The raw bytes of one publish, keyed like the manifest (collections by name, playlists by group).
struct FeedTexts {
    std::map<std::string, std::string> collections; // "catalog", "disclosures", "guides", "notices"
    std::map<std::string, std::string> playlists;   // screen group -> playlist JSON text
};

// Each returns false with a one-line error ("notices.json: has no \"items\" array") when the
// collection as a whole is unusable; single bad items are skipped into content.skipped.
bool parseCatalog(std::string_view bytes, Content& content, std::string& error);
bool parseDisclosures(std::string_view bytes, const FeedLimits& limits, Content& content, std::string& error);
bool parseGuides(std::string_view bytes, const FeedLimits& limits, Content& content, std::string& error);
bool parseNotices(std::string_view bytes, const FeedLimits& limits, Content& content, std::string& error);
// Keeps the playlist text when it is a JSON object (config/ parses it); otherwise skips it.
// Image and video objects of its items that are unusable are reported in content.skipped.
void addPlaylist(const std::string& group, std::string text, Content& content);

// The whole publish: manifest fields, all collections, playlists. false + error on the first
// unusable collection. content.generation / base_url / objects_dir are left to the caller.
bool parseFeed(const Manifest& manifest, const FeedTexts& texts, const FeedLimits& limits, Content& content,
               std::string& error);

// Every downloadable image (image/png, image/jpeg) the content references: disclosure
// attachments, guide material templates, notice images, playlist items' "image". One per sha256;
// none marked "offline": false.
std::vector<Attachment> imageAttachments(const Content& content);
// Every PDF attachment with a sha256 the content references, in feed order, one per sha256, none
// marked "offline": false: what a kiosk downloads when it fits the PDF limits.
std::vector<Attachment> pdfAttachments(const Content& content);
// A PDF the attachment caps keep off a kiosk: over the per-file limit, or one that would take the
// publish's downloaded attachments (`total_bytes`, with it) past the total limit.
struct PdfOverCap {
    bool per_file = false; // else the total
    std::uint64_t total_bytes = 0;
};
// The PDFs of pdfAttachments the caps keep off a kiosk, by sha256: in feed order, the images
// first (they are always downloaded), then each PDF that fits counted in the total. The sync applies
// this first, then the store limit and the free disk; `feed check` reports it.
std::map<std::string, PdfOverCap> pdfsOverCaps(const Content& content, const FeedLimits& limits);
// Every video the playlists' items and fallbacks name (config/playlist.h kVideoTypes, with sha256
// and bytes), in feed order (playlists by screen group), one per sha256: what a screen downloads
// when it fits the video caps. Videos are only ever playlist items: a video attached to a
// disclosure stays a QR code like any other document.
std::vector<Attachment> videoAttachments(const Content& content);

// "disclosures: items[7] (id \"x\"): title is not a string"
std::string describe(const SkippedItem& skipped);

} // namespace gk
