// One sync of the portal feed into the local store: conditional manifest fetch, validation,
// staging of changed files and referenced images, PDFs and videos (those within their limits), verification, parse,
// atomic commit. On any failure the previous generation stays current. Called by the sync worker (one at a time per
// data dir; a lock file enforces it). Must not include SDL, ImGui, GL or curl.
#pragma once

#include "config/feed_keys.h"
#include "sync/content.h"
#include "sync/fetcher.h"
#include "sync/limits.h"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace gk {

struct SyncRequest {
    std::string portal_url;           // base URL ending with '/', or the manifest URL
    std::filesystem::path data_dir;   // created when missing; the store is <data_dir>/store
    bool allow_insecure_http = false; // permit http:// (https and file are always allowed)
    TlsTrust tls;                     // for the Fetcher the sync (or the worker) makes
    // When trust.required, a manifest is taken only with a manifest.json.sig beside it (the
    // manifest URL + ".sig") that one of trust.public_keys verifies (sync/feed_signature.h), on
    // every transport; otherwise the sync fails and the current publish stays.
    FeedTrust trust;
    FeedLimits limits;
    std::int64_t now = 0; // Unix seconds recorded in the state file; 0 = system clock
    // Free bytes on the filesystem holding the store; empty = std::filesystem::space (tests
    // simulate a nearly full disk with it).
    std::function<std::uint64_t(const std::filesystem::path&)> disk_available;
    // Size of that filesystem (the free-space reserve scales down on a small disk); empty =
    // std::filesystem::space's capacity.
    std::function<std::uint64_t(const std::filesystem::path&)> disk_size;
    // The whole attempt (manifest, collections, images) must end within this, on the steady clock
    // from the call of syncOnce: a portal that trickles bytes just fast enough for the per-file
    // timeouts must not hold the sync (and the kiosk's updates) for hours. When it passes, the
    // fetch in flight stops, staging is removed and the current publish stays.
    std::chrono::milliseconds time_limit = std::chrono::minutes(30);
};

enum class SyncResult { Changed, Unchanged, Failed };

struct SyncOutcome {
    SyncResult result = SyncResult::Failed;
    std::string generation; // the current generation after this sync (may be empty on failure)
    std::string error;      // one line when Failed, e.g. "disclosures.json: sha256 mismatch (…)";
                            // otherwise empty (or "state not saved: …" if only state.json failed)
    std::size_t files_fetched = 0;
    std::size_t files_reused = 0; // unchanged files copied from an earlier generation
    std::size_t images_fetched = 0;
    std::size_t images_reused = 0; // already in objects/
    std::uint64_t bytes_fetched = 0;
    std::int64_t retry_after_s = 0; // the portal asked us to wait (429/503 Retry-After)
    // When Changed: the new generation, already verified and parsed (what loadCurrentContent
    // would return now). Otherwise nullptr: keep showing what you have.
    std::shared_ptr<const Content> content;
    std::size_t pdfs_fetched = 0;
    std::size_t pdfs_reused = 0; // already in objects/
    // When Changed: one line for each PDF the publish names that was not downloaded because of a
    // limit ("att/b2/plan.pdf: not downloaded, offered by QR code only: …"). The publish is taken
    // all the same; the caller logs them.
    std::vector<std::string> qr_only{};
    std::size_t videos_fetched = 0;
    std::size_t videos_reused = 0; // already in objects/
    // When Changed: one line for each playlist video that was not downloaded because of a cap or
    // the disk ("att/v/clip.mp4: not downloaded, its playlist items are skipped: video over the 500
    // MiB per-file cap (video.max_file_mib): …"). The publish is taken all the same; the caller logs them.
    std::vector<std::string> videos_not_downloaded{};
};

// Never throws. The first overload makes its own Fetcher; the worker passes a long-lived one so
// connections and TLS sessions are reused between syncs.
SyncOutcome syncOnce(const SyncRequest& request);
SyncOutcome syncOnce(const SyncRequest& request, Fetcher& fetcher);

const char* toString(SyncResult result); // "changed", "unchanged", "failed"

} // namespace gk
