// One sync of the portal feed into the store (sync/sync_once.h). Must not include SDL, ImGui, GL
// or curl.
#include "sync/sync_once.h"

#include "sync/feed_parser.h"
#include "sync/feed_signature.h"
#include "sync/fs_util.h"
#include "sync/loader.h"
#include "sync/sha256.h"
#include "sync/staging.h"
#include "sync/store.h"
#include "sync/url.h"

#include <algorithm>
#include <chrono>
#include <functional>
#include <limits>
#include <map>
#include <set>

namespace gk {
namespace fs = std::filesystem;

namespace {

// The name a generation keeps the verified signature under (the portal's may differ, e.g. a
// manifest URL ending in feed.json).
constexpr const char* kSignatureFile = "manifest.json.sig";

// The state of one run: what the store holds and what the portal said.
struct SyncRun {
    const SyncRequest& request;
    Fetcher& fetcher;
    StorePaths paths;
    PortalLocation where;
    StoreState state;
    std::string current;
    std::int64_t now = 0;
    SyncOutcome outcome;
    std::chrono::steady_clock::time_point deadline; // start + request.time_limit
    bool deadline_passed = false;                   // a fetch was stopped by it
};

SyncOutcome& fail(SyncRun& run, std::string error) {
    run.outcome.result = SyncResult::Failed;
    run.outcome.error = std::move(error);
    run.outcome.qr_only.clear(); // nothing of this publish was taken
    run.outcome.videos_not_downloaded.clear();
    return run.outcome;
}

bool currentIsIntact(const SyncRun& run) {
    std::string damage;
    if (run.current.empty() || !verifyGeneration(run.request.data_dir, run.current, damage, run.request.limits)) {
        return false;
    }
    const auto meta = readGenerationMeta(run.paths.generation(run.current));
    return meta && meta->base_url == run.where.base_url;
}

std::vector<fs::path> reuseSources(const SyncRun& run) {
    std::vector<fs::path> sources;
    if (!run.current.empty()) {
        sources.push_back(run.paths.generation(run.current));
    }
    for (const std::string& id : listGenerations(run.paths)) {
        if (id != run.current) {
            sources.push_back(run.paths.generation(id));
        }
    }
    return sources;
}

bool checkStoreLimit(const SyncRun& run, std::uint64_t declared, std::string& error) {
    if (declared <= run.request.limits.store_bytes) {
        return true;
    }
    error = "publish needs " + std::to_string(declared) + " bytes, more than the store limit of " +
            std::to_string(run.request.limits.store_bytes) + " bytes";
    return false;
}

// What a failed sync leaves on screen, said truthfully: there may be no publish to keep.
std::string whatStays(const SyncRun& run) {
    return run.current.empty() ? "the store holds no publish yet, so nothing from the portal is shown"
                               : "the current publish stays";
}

std::uint64_t diskAvailable(const SyncRun& run) {
    if (run.request.disk_available) return run.request.disk_available(run.paths.root);
    std::error_code ec;
    const fs::space_info space = fs::space(run.paths.root, ec);
    return ec ? std::numeric_limits<std::uint64_t>::max() : space.available; // unknown: do not block syncs
}

std::uint64_t diskSize(const SyncRun& run) {
    if (run.request.disk_size) return run.request.disk_size(run.paths.root);
    std::error_code ec;
    const fs::space_info space = fs::space(run.paths.root, ec);
    return ec ? std::numeric_limits<std::uint64_t>::max() : space.capacity; // unknown: the full reserve
}

std::string mebibytes(std::uint64_t bytes) {
    return std::to_string((bytes + kMiB - 1) / kMiB) + " MiB";
}

// Never less than this is left free: room for records.sqlite, its journal and the system's logs.
constexpr std::uint64_t kDiskReserveFloor = 64 * kMiB;
// The reserve is at most this fraction of the filesystem.
constexpr std::uint64_t kDiskReserveShare = 8;

// The free space a sync leaves. limits.disk_reserve_bytes (512 MiB) suits a disk of tens of GB; a
// kiosk with a 2 GB eMMC would never take a publish. So it is at most an eighth of the filesystem
// (256 MB there), never less than kDiskReserveFloor. And while the store holds no publish, only the
// floor is kept: the reserve protects a screen that shows something, and a first publish that fits
// beside the floor is better than a screen with nothing to show. (A later publish that does not fit
// the full reserve is refused, and the first one stays on screen.)
std::uint64_t diskReserve(const SyncRun& run) {
    const std::uint64_t configured = run.request.limits.disk_reserve_bytes;
    const std::uint64_t floor = std::min(configured, kDiskReserveFloor);
    if (run.current.empty()) return floor;
    return std::max(floor, std::min(configured, diskSize(run) / kDiskReserveShare));
}

// Leaves diskReserve() free after needed() more bytes are written: drops the previous generation
// when that makes the room, else refuses the publish.
bool makeRoom(SyncRun& run, const std::function<std::uint64_t()>& needed, std::string& error) {
    const std::uint64_t reserve = diskReserve(run);
    if (diskAvailable(run) >= needed() + reserve) return true;
    if (!run.current.empty()) collectGarbage(run.paths, {run.current});
    const std::uint64_t free = diskAvailable(run), want = needed();
    if (free >= want + reserve) return true;
    if (run.current.empty()) {
        error = "not enough disk space for the first publish: it needs " + mebibytes(want) + " and " +
                mebibytes(reserve) + " are kept free, but only " + mebibytes(free) + " are free in " +
                run.paths.root.string() + "; " + whatStays(run) + " until " + mebibytes(want + reserve - free) +
                " more are free";
        return false;
    }
    error = "not enough disk space for this publish: it needs " + mebibytes(want) + ", " + mebibytes(free) +
            " free in " + run.paths.root.string() + " and " + mebibytes(reserve) + " are kept free; " + whatStays(run);
    return false;
}

std::string durationText(std::chrono::milliseconds limit) {
    const auto ms = limit.count();
    if (ms > 0 && ms % 60000 == 0) return std::to_string(ms / 60000) + " min";
    if (ms > 0 && ms % 1000 == 0) return std::to_string(ms / 1000) + " s";
    return std::to_string(ms) + " ms";
}

// The one line for a sync stopped by its time limit; fetch_error ("notices.json: stopped at …")
// names the file it was on.
std::string deadlineMessage(const SyncRun& run, const std::string& fetch_error) {
    const std::size_t colon = fetch_error.find(": ");
    const std::string at = colon == std::string::npos ? "" : " (stopped at " + fetch_error.substr(0, colon) + ")";
    return "sync took longer than its limit of " + durationText(run.request.time_limit) + at + "; " + whatStays(run);
}

// The PDFs of a publish a kiosk downloads: in feed order, each the attachment caps allow
// (pdfsOverCaps: the per-file limit and the publish's total, images first), while it fits the
// store limit and the free disk; the others stay QR codes, each with one line saying why.
struct PdfPlan {
    std::vector<Attachment> download;
    std::uint64_t new_bytes = 0; // of those not yet in objects/
};

PdfPlan planPdfs(SyncRun& run, const Content& content, std::uint64_t& declared, std::uint64_t new_image_bytes) {
    const FeedLimits& limits = run.request.limits;
    const std::map<std::string, PdfOverCap> over_caps = pdfsOverCaps(content, limits);
    std::set<std::string> image_hashes;
    for (const Attachment& image : imageAttachments(content)) image_hashes.insert(image.sha256);
    const std::uint64_t reserve = diskReserve(run);
    const std::uint64_t available = diskAvailable(run);
    PdfPlan plan;
    for (const Attachment& pdf : pdfAttachments(content)) {
        if (image_hashes.count(pdf.sha256) != 0) continue; // the same bytes already come as an image
        std::error_code ec;
        const std::uint64_t new_bytes = fs::exists(run.paths.object(pdf.sha256), ec) ? 0 : pdf.bytes;
        std::string why;
        if (const auto over = over_caps.find(pdf.sha256); over != over_caps.end()) {
            why = over->second.per_file
                      ? std::to_string(pdf.bytes) + " bytes is more than the per-file limit of " +
                            std::to_string(limits.pdf_file_bytes) + " bytes (attachments.max_file_mib)"
                      : "it would take the publish's downloaded attachments to " +
                            std::to_string(over->second.total_bytes) + " bytes, more than the limit of " +
                            std::to_string(limits.attachments_total_bytes) + " bytes (attachments.max_total_mib)";
        } else if (declared + pdf.bytes > limits.store_bytes) {
            why = "the publish would need more than the store limit of " + mebibytes(limits.store_bytes);
        } else if (available < new_image_bytes + plan.new_bytes + new_bytes + reserve) {
            why = "not enough disk space (" + mebibytes(available) + " free, " + mebibytes(reserve) + " kept free)";
        }
        if (!why.empty()) {
            run.outcome.qr_only.push_back(pdf.href + ": not downloaded, offered by QR code only: " + why);
            continue;
        }
        declared += pdf.bytes;
        plan.new_bytes += new_bytes;
        plan.download.push_back(pdf);
    }
    return plan;
}

// "500 MiB", or "2000 bytes" for a cap that is not a whole number of MiB.
std::string capText(std::uint64_t bytes) {
    return bytes % kMiB == 0 ? std::to_string(bytes / kMiB) + " MiB" : std::to_string(bytes) + " bytes";
}

// The playlists' videos a screen downloads: in feed order, each while it fits the per-file cap,
// the publish's video total and the free disk. The others are not downloaded; each gets one line
// for the log and its reason in the generation (the screen skips its items with it). Videos have
// their own budget on top of the store limit (sync/limits.h): the collections, images and PDFs were
// held to store_bytes, the videos are held to video_total_bytes.
struct VideoPlan {
    std::vector<Attachment> download;
    std::map<std::string, std::string> not_downloaded; // sha256 -> why
};

VideoPlan planVideos(SyncRun& run, const std::vector<Attachment>& videos, const std::vector<std::string>& objects,
                     std::uint64_t& declared, std::uint64_t new_object_bytes) {
    const FeedLimits& limits = run.request.limits;
    const std::set<std::string> downloaded(objects.begin(), objects.end()); // as an image or a PDF
    const std::uint64_t reserve = diskReserve(run);
    const std::uint64_t available = diskAvailable(run);
    std::uint64_t total = 0, new_video_bytes = 0;
    VideoPlan plan;
    for (const Attachment& video : videos) {
        if (downloaded.count(video.sha256) != 0) continue;
        std::error_code ec;
        const std::uint64_t new_bytes = fs::exists(run.paths.object(video.sha256), ec) ? 0 : video.bytes;
        std::string why;
        if (video.bytes > limits.video_file_bytes) {
            why = "video over the " + capText(limits.video_file_bytes) + " per-file cap (video.max_file_mib): it has " +
                  std::to_string(video.bytes) + " bytes";
        } else if (total + video.bytes > limits.video_total_bytes) {
            why = "video over the " + capText(limits.video_total_bytes) +
                  " cap for all videos of a publish (video.max_total_mib): with it they would have " +
                  std::to_string(total + video.bytes) + " bytes";
        } else if (available < new_object_bytes + new_video_bytes + new_bytes + reserve) {
            why = "not enough disk space for the video (" + mebibytes(available) + " free, " + mebibytes(reserve) +
                  " kept free)";
        }
        if (!why.empty()) {
            run.outcome.videos_not_downloaded.push_back(video.href +
                                                        ": not downloaded, its playlist items are skipped: " + why);
            plan.not_downloaded[video.sha256] = why;
            continue;
        }
        total += video.bytes;
        declared += video.bytes;
        new_video_bytes += new_bytes;
        plan.download.push_back(video);
    }
    return plan;
}

// Stages, verifies, parses and commits the publish described by manifest_bytes.
bool buildGeneration(SyncRun& run, const std::string& id, const std::string& manifest_bytes,
                     const std::string& signature, std::string& error) {
    const auto manifest = parseManifest(manifest_bytes, run.request.limits, error);
    if (!manifest) {
        return false;
    }
    std::uint64_t declared = manifest_bytes.size();
    for (const FeedFile& file : manifest->files) {
        declared += file.bytes;
    }
    Staging staging(run.paths, run.fetcher, run.where, run.request.allow_insecure_http, run.deadline);
    if (!checkStoreLimit(run, declared, error) ||
        !makeRoom(
            run, [declared] { return declared; }, error) ||
        !staging.create(error) || !staging.writeManifest(manifest_bytes, error) ||
        (!signature.empty() && !writeFileSynced(staging.dir() / kSignatureFile, signature, error))) {
        return false;
    }
    const std::vector<fs::path> sources = reuseSources(run);
    for (const FeedFile& file : manifest->files) {
        if (!staging.stageFile(file, sources, error)) {
            run.outcome.retry_after_s = staging.retryAfterS(); // a 503 may come for any file
            run.deadline_passed = staging.deadlinePassed();
            return false;
        }
    }
    auto feed = readFeedDirectory(staging.dir(), run.request.limits, error);
    if (!feed) {
        return false;
    }
    GenerationMeta meta{run.where.base_url, run.where.manifest_url, run.now, {}};
    const std::vector<Attachment> images = imageAttachments(feed->content);
    for (const Attachment& image : images) {
        declared += image.bytes;
        meta.objects.push_back(image.sha256);
    }
    const auto new_image_bytes = [&run, &images] {
        std::uint64_t bytes = 0;
        std::error_code ec;
        for (const Attachment& image : images)
            if (!fs::exists(run.paths.object(image.sha256), ec)) bytes += image.bytes;
        return bytes;
    };
    if (!checkStoreLimit(run, declared, error) || !makeRoom(run, new_image_bytes, error)) {
        return false;
    }
    // After makeRoom: the room it made (dropping the previous generation) is room for PDFs too.
    const PdfPlan pdfs = planPdfs(run, feed->content, declared, new_image_bytes());
    for (const Attachment& pdf : pdfs.download) meta.objects.push_back(pdf.sha256);
    const VideoPlan videos =
        planVideos(run, videoAttachments(feed->content), meta.objects, declared, new_image_bytes() + pdfs.new_bytes);
    for (const Attachment& video : videos.download) {
        meta.objects.push_back(video.sha256);
        meta.videos.push_back(video.sha256);
    }
    meta.videos_not_downloaded = videos.not_downloaded;
    if (!staging.stageImages(images, run.request.limits.attachment_bytes, error) ||
        !staging.stagePdfs(pdfs.download, run.request.limits.pdf_file_bytes, error) ||
        !staging.stageVideos(videos.download, run.request.limits.video_file_bytes, error) ||
        !writeGenerationMeta(staging.dir(), meta, error) || !staging.commit(id, error)) {
        run.outcome.retry_after_s = staging.retryAfterS();
        run.deadline_passed = staging.deadlinePassed();
        return false;
    }
    auto content = std::make_shared<Content>(std::move(feed->content));
    content->generation = id;
    content->base_url = run.where.base_url;
    content->objects_dir = run.paths.objects;
    content->videos_not_downloaded = videos.not_downloaded;
    run.outcome.content = std::move(content);
    const StageStats& stats = staging.stats();
    run.outcome.files_fetched = stats.files_fetched;
    run.outcome.files_reused = stats.files_reused;
    run.outcome.images_fetched = stats.images_fetched;
    run.outcome.images_reused = stats.images_reused;
    run.outcome.pdfs_fetched = stats.pdfs_fetched;
    run.outcome.pdfs_reused = stats.pdfs_reused;
    run.outcome.videos_fetched = stats.videos_fetched;
    run.outcome.videos_reused = stats.videos_reused;
    run.outcome.bytes_fetched += stats.bytes_fetched;
    return true;
}

// Switches `current` to id, keeps the previous generation (unless the two together exceed
// limits.store_total_bytes plus their videos up to limits.video_total_bytes) and removes older ones.
bool switchCurrent(SyncRun& run, const std::string& id, std::string& error) {
    if (id != run.current && !writeCurrentGeneration(run.paths, id, error)) {
        return false;
    }
    std::error_code ec;
    std::string previous;
    if (run.current != id && fs::is_directory(run.paths.generation(run.current), ec)) {
        previous = run.current;
    }
    for (const std::string& other : listGenerations(run.paths)) {
        if (previous.empty() && other != id) {
            previous = other; // the newest other generation
        }
    }
    const FeedLimits& limits = run.request.limits;
    if (!previous.empty()) {
        const std::uint64_t videos =
            std::min(generationsVideoBytes(run.paths, {id, previous}), limits.video_total_bytes);
        if (generationsBytes(run.paths, {id, previous}) > limits.store_total_bytes + videos) previous.clear();
    }
    std::vector<std::string> keep{id};
    if (!previous.empty()) {
        keep.push_back(previous);
    }
    collectGarbage(run.paths, keep);
    return true;
}

FetchResult fetchManifest(SyncRun& run, bool conditional) {
    FetchRequest request;
    request.url = run.where.manifest_url;
    request.max_bytes = run.request.limits.manifest_bytes;
    request.allow_insecure_http = run.request.allow_insecure_http;
    request.file_root_url = run.where.base_url;
    request.deadline = run.deadline;
    if (conditional && run.state.manifest_url == run.where.manifest_url && !run.current.empty()) {
        request.if_none_match = run.state.etag;
        request.if_modified_since = run.state.last_modified;
    }
    FetchResult result = run.fetcher.fetchToMemory(request);
    run.outcome.bytes_fetched += result.bytes;
    return result;
}

// Whether the current generation carries a signature the device's keys accept. A generation synced
// before the keys were configured has none: then the manifest is fetched without validators, so
// that the publish on screen is checked too (a 304 would say nothing about it).
bool currentIsSigned(const SyncRun& run) {
    if (run.current.empty()) return false;
    const fs::path dir = run.paths.generation(run.current);
    std::string ignored;
    const auto manifest = readFileCapped(dir / "manifest.json", run.request.limits.manifest_bytes, ignored);
    const auto signature = readFileCapped(dir / kSignatureFile, kMaxSignatureBytes, ignored);
    return manifest && signature &&
           verifyManifestSignature(*manifest, *signature, run.request.trust.public_keys, ignored);
}

// Fetches the manifest's .sig and checks it over manifest_bytes; the text in signature, else false
// with the one-line error.
bool fetchSignature(SyncRun& run, const std::string& manifest_bytes, std::string& signature, std::string& error) {
    FetchRequest request;
    request.url = run.where.manifest_url + kSignatureSuffix;
    request.max_bytes = kMaxSignatureBytes;
    request.allow_insecure_http = run.request.allow_insecure_http;
    request.file_root_url = run.where.base_url;
    request.deadline = run.deadline;
    const FetchResult result = run.fetcher.fetchToMemory(request);
    run.outcome.bytes_fetched += result.bytes;
    const std::string label = "manifest signature " + request.url + ": ";
    if (!result.ok()) {
        run.outcome.retry_after_s = result.retry_after_s;
        run.deadline_passed = result.deadline_passed;
        error = label + result.error + " (the device accepts only signed manifests: feed_public_keys)";
        return false;
    }
    if (run.request.trust.public_keys.empty()) {
        error =
            label + "the config lists feed_public_keys, but none is a usable key (see `gongkai-kiosk config check`)";
        return false;
    }
    if (!verifyManifestSignature(manifest_bytes, result.body, run.request.trust.public_keys, error)) {
        error = label + error;
        return false;
    }
    signature = result.body;
    return true;
}

// After a failed sync: when the portal's manifest is no longer the one this sync read, the files
// did not match because the portal published again meanwhile — say so (the next sync takes the
// new publish). One extra request, and only after a failure.
std::string publishedMeanwhile(SyncRun& run, const std::string& manifest_read, const std::string& error) {
    // Only a file that is not what the manifest said (or is gone) can mean a new publish.
    const bool file_differs =
        error.find("mismatch") != std::string::npos || error.find("HTTP 404") != std::string::npos;
    if (!file_differs || run.outcome.retry_after_s != 0) return {};
    const FetchResult again = fetchManifest(run, false);
    if (!again.ok() || again.body == manifest_read) return {};
    return " (the portal published a new version during this sync; the next sync takes it)";
}

SyncOutcome& syncStore(SyncRun& run) {
    const bool signed_only = run.request.trust.required;
    const bool current_signed = signed_only && currentIsSigned(run);
    FetchResult manifest = fetchManifest(run, !signed_only || current_signed);
    if (manifest.status == FetchStatus::NotModified) {
        if (currentIsIntact(run)) {
            run.outcome.result = SyncResult::Unchanged;
            return run.outcome;
        }
        manifest = fetchManifest(run, false); // our copy is damaged: fetch everything again
    }
    if (!manifest.ok()) {
        run.outcome.retry_after_s = manifest.retry_after_s;
        const std::string error = "manifest " + run.where.manifest_url + ": " + manifest.error;
        return fail(run, manifest.deadline_passed ? deadlineMessage(run, error) : error);
    }
    const std::string id = generationIdFor(sha256Hex(manifest.body));
    std::string error;
    std::string signature;
    if (signed_only && !fetchSignature(run, manifest.body, signature, error)) {
        if (run.deadline_passed) return fail(run, deadlineMessage(run, error));
        return fail(run, error + "; " + whatStays(run) + publishedMeanwhile(run, manifest.body, error));
    }
    const bool unchanged = id == run.current && currentIsIntact(run);
    // The publish on screen, now known to be signed: keep the signature with it (see currentIsSigned).
    if (unchanged && !current_signed && !signature.empty() &&
        !writeFileAtomic(run.paths.generation(id) / kSignatureFile, signature, error)) {
        return fail(run, error);
    }
    if (!unchanged && (!buildGeneration(run, id, manifest.body, signature, error) || !switchCurrent(run, id, error))) {
        if (run.deadline_passed) return fail(run, deadlineMessage(run, error));
        return fail(run, error + publishedMeanwhile(run, manifest.body, error));
    }
    run.state.manifest_url = run.where.manifest_url;
    run.state.etag = manifest.etag;
    run.state.last_modified = manifest.last_modified;
    run.outcome.result = unchanged ? SyncResult::Unchanged : SyncResult::Changed;
    run.outcome.generation = id;
    return run.outcome;
}

std::int64_t unixNow() {
    using namespace std::chrono;
    return duration_cast<seconds>(system_clock::now().time_since_epoch()).count();
}

SyncOutcome syncGuarded(const SyncRequest& request, Fetcher& fetcher) {
    SyncRun run{request,
                fetcher,
                StorePaths(request.data_dir),
                {},
                {},
                {},
                request.now ? request.now : unixNow(),
                {},
                std::chrono::steady_clock::now() + request.time_limit,
                false};
    std::string error;
    FileLock lock;
    if (!run.paths.create(error) || !lock.tryLock(run.paths.lock, error)) {
        return fail(run, error); // no store to record the attempt in
    }
    run.state = readStoreState(request.data_dir);
    run.current = readCurrentGeneration(run.paths);
    run.outcome.generation = run.current;
    removeTreeQuietly(run.paths.staging); // leftovers of an interrupted sync
    if (!run.paths.create(error)) {
        fail(run, error);
    } else if (const auto where = resolvePortalUrl(request.portal_url, request.allow_insecure_http, error)) {
        run.where = *where;
        syncStore(run);
    } else {
        fail(run, error);
    }
    run.state.last_attempt = run.now;
    run.state.last_error = run.outcome.error;
    if (run.outcome.result != SyncResult::Failed) {
        run.state.last_success = run.now;
    }
    if (!writeStoreState(run.paths, run.state, error)) {
        // The sync itself stands; the note is added to (never replaces) a failure's own error.
        run.outcome.error += (run.outcome.error.empty() ? "" : "; ") + std::string("state not saved: ") + error;
    }
    return run.outcome;
}

} // namespace

SyncOutcome syncOnce(const SyncRequest& request) {
    FetcherOptions options;
    options.tls = request.tls;
    Fetcher fetcher(options);
    return syncOnce(request, fetcher);
}

SyncOutcome syncOnce(const SyncRequest& request, Fetcher& fetcher) {
    try {
        return syncGuarded(request, fetcher);
    } catch (const std::exception& e) { // e.g. out of memory: staging and lock are released by RAII
        SyncOutcome outcome;
        outcome.error = std::string("sync aborted: ") + e.what();
        return outcome;
    }
}

const char* toString(SyncResult result) {
    switch (result) {
    case SyncResult::Changed: return "changed";
    case SyncResult::Unchanged: return "unchanged";
    case SyncResult::Failed: return "failed";
    }
    return "failed";
}

} // namespace gk
