// `gongkai-kiosk feed check` (kiosk/publish/feed_check.h).
#include "kiosk/publish/feed_check.h"

#include "config/civil_time.h"
#include "config/i18n.h"
#include "kiosk/playlist/playlist_validation.h"
#include "sync/feed_parser.h"
#include "sync/feed_signature.h"
#include "sync/fs_util.h"
#include "sync/json_fields.h"
#include "sync/manifest.h"
#include "sync/store.h"
#include "sync/url.h"

#include <algorithm>
#include <map>
#include <set>
#include <sys/stat.h>

namespace gk {
namespace {

namespace fs = std::filesystem;

// A scratch directory for the files a check fetches, removed with the check.
class ScratchDir {
public:
    // A failure to create it shows as "cannot create …" on every file fetched into it.
    ScratchDir() : m_path(fs::temp_directory_path() / ("gongkai-feed-check-" + randomHex(8))) {
        std::error_code ignored;
        fs::create_directories(m_path / "files", ignored);
    }
    ~ScratchDir() { removeTreeQuietly(m_path); }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

std::string withoutPrefix(const std::string& text, const std::string& prefix) {
    return text.rfind(prefix, 0) == 0 ? text.substr(prefix.size()) : text;
}

// Names ([A-Za-z_][A-Za-z0-9_-]*) joined by '.', each followed by any number of [digits]:
// "items[3].materials[2].copies". (By hand: GCC 12's <regex> does not build warning-free with the
// sanitizers.)
bool isJsonPath(std::string_view token) {
    const auto letter = [](char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; };
    const auto digit = [](char c) { return c >= '0' && c <= '9'; };
    std::size_t i = 0;
    bool need_name = true;
    while (i < token.size()) {
        if (need_name) {
            if (!letter(token[i])) return false;
            while (++i < token.size() && (letter(token[i]) || digit(token[i]) || token[i] == '-')) {
            }
            need_name = false;
        } else if (token[i] == '[') {
            const std::size_t first = ++i;
            while (i < token.size() && digit(token[i])) ++i;
            if (i == first || i == token.size() || token[i] != ']') return false;
            ++i;
        } else if (token[i] == '.') {
            need_name = true;
            ++i;
        } else {
            return false;
        }
    }
    return !need_name;
}

// Whether text starts with a JSON path the parsers put first ("materials[2].copies is not an
// integer", "title is missing"): a path token with a '.' or '[', or one followed by " is ".
std::size_t leadingPathLength(const std::string& text) {
    const std::size_t end = text.find_first_of(" :");
    const std::string token = text.substr(0, end);
    if (end == std::string::npos || !isJsonPath(token)) return 0;
    const bool structured = token.find_first_of(".[") != std::string::npos;
    return structured || text.compare(end, 4, " is ") == 0 ? end : 0;
}

// A reason a parser skipped something for ("items[3] (id \"x\"): title is missing",
// "categories[0] (code \"c\"): name is missing", "site.mobile_url is not an http(s) URL; not
// shown") as a problem at its JSON path. The reasons are made by sync/'s FieldReader and item
// checks, which always put the path first and the words after it.
Problem skippedProblem(const std::string& reason) {
    Problem problem;
    std::string rest = reason;
    std::string note; // (id "x") or (code "c")
    if (const std::size_t length = leadingPathLength(rest)) {
        problem.path = rest.substr(0, length);
        rest = rest.substr(length);
        if (rest.rfind(" (", 0) == 0 && rest.find("): ") != std::string::npos) {
            const std::size_t close = rest.find("): ");
            note = rest.substr(1, close);
            rest = rest.substr(close + 3);
        } else if (rest.rfind(": ", 0) == 0) {
            rest = rest.substr(2);
        } else {
            rest = rest.substr(1);
        }
        if (const std::size_t field = leadingPathLength(rest)) {
            problem.path += "." + rest.substr(0, field);
            rest = rest.substr(field + 1);
        }
    }
    problem.message = fillIn(tr("{0}; a kiosk skips it"), {note.empty() ? rest : rest + " " + note});
    return problem;
}

struct Checker {
    const FeedCheckOptions& options;
    std::string argument; // the DIR or URL checked
    Fetcher fetcher;
    PortalLocation where;
    ScratchDir scratch;
    FeedCheckResult result;

    void error(const std::string& file, std::string path, std::string message) {
        result.problems.push_back({file, Problem{std::move(path), std::move(message), false}});
    }
    void warn(const std::string& file, std::string path, std::string message) {
        result.problems.push_back({file, Problem{std::move(path), std::move(message), true}});
    }

    FetchRequest request(const std::string& url, std::uint64_t max_bytes) const {
        FetchRequest request;
        request.url = url;
        request.max_bytes = max_bytes;
        request.allow_insecure_http = options.allow_insecure_http;
        request.file_root_url = where.base_url;
        return request;
    }

    // Fetches href into the scratch directory and checks size and SHA-256 as staging does; the
    // path on success, else a problem at file (the href itself when empty).
    // Fetches href into the scratch directory and checks size and SHA-256 as staging does (only
    // that it is there when sha256 is empty: a document the kiosk never downloads need not declare
    // them); the path on success, else a problem at the href — a warning when only_warn.
    std::optional<fs::path> fetchVerified(const std::string& href, std::uint64_t bytes, const std::string& sha256,
                                          const std::string& named_by, bool only_warn = false) {
        const fs::path target = scratch.path() / "files" / randomHex(8);
        const std::uint64_t cap = sha256.empty() ? 0 : (bytes == 0 ? 1 : bytes);
        const FetchResult fetched = fetcher.fetchToFile(request(joinUrl(where.base_url, href), cap), target);
        std::string problem;
        if (!fetched.ok()) {
            problem = fetched.too_large ? "size mismatch (expected " + std::to_string(bytes) + " bytes, got more)"
                                        : fetched.error;
        } else if (!sha256.empty() && !verifyFile(href, target, bytes, sha256, problem)) {
            problem = withoutPrefix(problem, href + ": ");
        } else {
            ++result.files_checked;
            return target;
        }
        if (!named_by.empty()) problem = fillIn(tr("{0} (named by {1})"), {problem, named_by});
        if (only_warn && !fetched.ok())
            warn(href, "", problem);
        else
            error(href, "", problem);
        return std::nullopt;
    }

    void checkSignature(const std::string& manifest_bytes);
    void checkFiles(const Manifest& manifest);
    void checkAttachments(const Content& content);
    void checkPrevious(const std::string& manifest_bytes, const FetchResult& fetched, const Manifest& manifest);
};

void Checker::checkSignature(const std::string& manifest_bytes) {
    const std::string label = std::string("manifest.json") + kSignatureSuffix;
    const FetchResult sig = fetcher.fetchToMemory(request(where.manifest_url + kSignatureSuffix, kMaxSignatureBytes));
    if (!sig.ok()) {
        if (!options.public_keys.empty())
            error(label, "",
                  fillIn(tr("{0}: a kiosk that lists feed_public_keys refuses this publish without a signature"),
                         {sig.error}));
        return;
    }
    ++result.files_checked;
    std::string problem;
    if (options.public_keys.empty()) {
        if (!parseSignatureFile(sig.body, problem))
            error(label, "", problem);
        else
            warn(label, "", tr("present but not verified: give --key (or a --config with feed_public_keys)"));
        return;
    }
    if (!verifyManifestSignature(manifest_bytes, sig.body, options.public_keys, problem))
        error(label, "", fillIn(tr("{0}; a kiosk with these keys refuses this publish"), {problem}));
}

void Checker::checkFiles(const Manifest& manifest) {
    Content content;
    content.generated_at = manifest.generated_at;
    content.site = manifest.site;
    content.skipped = manifest.skipped;
    std::map<std::string, std::string> collection_hrefs; // "disclosures" -> its href
    bool all_parsed = true;
    for (const FeedFile& file : manifest.files) {
        const std::optional<fs::path> path = fetchVerified(file.href, file.bytes, file.sha256, "");
        std::string text_error;
        const std::optional<std::string> text = path ? readFileCapped(*path, file.bytes, text_error) : std::nullopt;
        if (!text) {
            all_parsed = all_parsed && file.playlist;
            continue;
        }
        if (file.playlist) {
            addPlaylist(file.key, *text, content);
            continue;
        }
        collection_hrefs[file.key] = file.href;
        std::string problem;
        const bool parsed = file.key == "catalog"       ? parseCatalog(*text, content, problem)
                            : file.key == "disclosures" ? parseDisclosures(*text, options.limits, content, problem)
                            : file.key == "guides"      ? parseGuides(*text, options.limits, content, problem)
                                                        : parseNotices(*text, options.limits, content, problem);
        if (!parsed) {
            // The whole collection is unusable: a kiosk keeps the previous publish.
            error(file.href, "",
                  fillIn(tr("{0}; a kiosk refuses the whole publish"), {withoutPrefix(problem, file.key + ".json: ")}));
            all_parsed = false;
        }
    }
    for (const SkippedItem& skipped : content.skipped) {
        std::string file = "manifest.json";
        std::string reason = skipped.reason;
        if (const auto href = collection_hrefs.find(skipped.collection); href != collection_hrefs.end()) {
            file = href->second;
        } else if (const FeedFile* playlist = manifest.find(skipped.id, true);
                   playlist != nullptr && reason.rfind(skipped.id + ".json: ", 0) == 0) {
            file = playlist->href;
            reason = withoutPrefix(reason, skipped.id + ".json: ");
        }
        const Problem problem = skippedProblem(reason);
        error(file, problem.path, problem.message);
    }
    checkAttachments(content); // those of the usable collections
    if (!all_parsed) {
        warn("playlists", "", tr("not checked against the content: a collection above is unusable"));
        return;
    }
    for (const auto& [group, text] : content.playlists) {
        const std::string href = manifest.find(group, true)->href;
        // What the file itself gets wrong (bad entries, refs not in this publish) is the publisher's
        // to fix: an error. What only time does (an expired notice, a schedule that is over) stays
        // the warning it is for `playlist check`: every publish has items that expire.
        const PlaylistResult broken = readScreenPlaylist(text, href, content);
        const PlaylistResult checked = checkPlaylistText(text, href, content, options.now_s, options.utc_offset_s);
        for (Problem problem : checked.problems) {
            for (const std::string& entry : broken.skipped)
                if (problem.path == entry || problem.path.rfind(entry + ".", 0) == 0 ||
                    problem.path.rfind(entry + "[", 0) == 0)
                    problem.warning = false;
            result.problems.push_back({href, problem});
        }
        result.playlist_skips = result.playlist_skips || !broken.skipped.empty();
    }
}

void Checker::checkAttachments(const Content& content) {
    const std::map<std::string, PdfOverCap> over_caps = pdfsOverCaps(content, options.limits);
    std::set<std::string> seen; // href + sha256: each file once
    const auto check = [&](const Attachment& a, const std::string& named_by, bool playlist_video = false) {
        if (!seen.insert(a.href + "\n" + a.sha256).second) return;
        const bool image = a.offline && isDownloadableImage(a);
        if (image && a.bytes > options.limits.attachment_bytes) {
            error(a.href, "",
                  fillIn(tr("{0} bytes exceeds the attachment limit of {1} bytes (named by {2})"),
                         {std::to_string(a.bytes), std::to_string(options.limits.attachment_bytes), named_by}));
            return;
        }
        const bool pdf = a.offline && isPdf(a) && !a.sha256.empty();
        const auto over = pdf ? over_caps.find(a.sha256) : over_caps.end();
        const bool pdf_too_large = over != over_caps.end();
        if (pdf_too_large && over->second.per_file)
            warn(a.href, "",
                 fillIn(tr("{0} bytes is more than the PDF limit of {1} bytes (attachments.max_file_mib): a kiosk "
                           "offers it by QR code only (named by {2})"),
                        {std::to_string(a.bytes), std::to_string(options.limits.pdf_file_bytes), named_by}));
        else if (pdf_too_large)
            warn(a.href, "",
                 fillIn(tr("it would take the publish's downloaded attachments to {0} bytes, more than the limit of "
                           "{1} bytes (attachments.max_total_mib): a kiosk offers it by QR code only (named by {2})"),
                        {std::to_string(over->second.total_bytes),
                         std::to_string(options.limits.attachments_total_bytes), named_by}));
        const bool video = playlist_video && isPlaylistVideo(a);
        const bool video_too_large = video && a.bytes > options.limits.video_file_bytes;
        if (video_too_large)
            warn(a.href, "",
                 fillIn(tr("{0} bytes is more than the video cap of {1} bytes (video.max_file_mib): a screen does "
                           "not download it and skips its playlist items (named by {2})"),
                        {std::to_string(a.bytes), std::to_string(options.limits.video_file_bytes), named_by}));
        // An image, PDF or video a kiosk downloads: missing or wrong fails its whole sync. A document
        // it only offers by QR code with its own url may live elsewhere: missing is a warning then.
        const bool downloaded = image || (pdf && !pdf_too_large) || (video && !video_too_large);
        const std::string named =
            downloaded ? fillIn(tr("{0}; a kiosk refuses the whole publish"), {named_by}) : named_by;
        if (const std::optional<fs::path> path =
                fetchVerified(a.href, a.bytes, a.sha256, named, !downloaded && !a.url.empty())) {
            std::error_code ignored;
            fs::remove(*path, ignored); // checked; attachments can be large
        }
    };
    for (const DisclosureItem& item : content.disclosures)
        for (const Attachment& a : item.attachments) check(a, "disclosure \"" + item.id + "\"");
    for (const ServiceGuide& guide : content.guides)
        for (const GuideMaterial& material : guide.materials)
            if (material.template_file) check(*material.template_file, "guide \"" + guide.id + "\"");
    for (const Notice& notice : content.notices)
        if (notice.image) check(*notice.image, "notice \"" + notice.id + "\"");
    // What is left: the playlists' images.
    for (const Attachment& image : imageAttachments(content)) check(image, tr("an image of the publish"));
    for (const Attachment& video : videoAttachments(content)) check(video, tr("a playlist's video"), true);
}

// Whole seconds of the modification time of a local file; nullopt when it cannot be read.
std::optional<std::int64_t> mtimeSecond(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return static_cast<std::int64_t>(st.st_mtim.tv_sec);
}

// The manifest of a local argument (a directory, or the manifest file itself), for its
// modification second; nullopt for a URL.
std::optional<fs::path> localManifest(const std::string& argument) {
    if (argument.find("://") != std::string::npos) return std::nullopt;
    std::error_code ec;
    if (fs::is_regular_file(argument, ec)) return fs::path(argument);
    const fs::path path = fs::path(argument) / "manifest.json";
    return fs::is_regular_file(path, ec) ? std::optional<fs::path>(path) : std::nullopt;
}

} // namespace

bool FeedCheckResult::valid() const {
    return readable && !playlist_skips &&
           std::none_of(problems.begin(), problems.end(), [](const FeedCheckProblem& p) { return !p.problem.warning; });
}

std::string FeedCheckResult::lines() const {
    std::string text;
    for (bool warnings : {false, true})
        for (const FeedCheckProblem& p : problems)
            if (p.problem.warning == warnings) text += formatProblem(p.file, p.problem) + "\n";
    return text;
}

std::string feedUrlFromArgument(const std::string& argument) {
    for (const char* scheme : {"https://", "http://", "file://"})
        if (argument.rfind(scheme, 0) == 0) {
            const bool names_json = argument.size() > 5 && argument.compare(argument.size() - 5, 5, ".json") == 0;
            return names_json || argument.back() == '/' ? argument : argument + "/";
        }
    std::error_code ec;
    const fs::path path = fs::absolute(argument, ec).lexically_normal();
    const std::string url = fileUrlFromPath(path);
    if (fs::is_regular_file(path, ec)) return url; // the manifest itself
    return url.back() == '/' ? url : url + "/";
}

namespace {

FeedCheckResult checkFeedUnguarded(const std::string& argument, const FeedCheckOptions& options) {
    FetcherOptions fetcher_options;
    fetcher_options.tls = options.tls;
    Checker checker{options, argument, Fetcher(fetcher_options), {}, {}, {}};
    FeedCheckResult& result = checker.result;
    std::string error;
    const std::optional<PortalLocation> where =
        resolvePortalUrl(feedUrlFromArgument(argument), options.allow_insecure_http, error);
    if (!where) {
        result.unreadable = error;
        return result;
    }
    checker.where = *where;
    const FetchResult manifest_fetch =
        checker.fetcher.fetchToMemory(checker.request(where->manifest_url, options.limits.manifest_bytes));
    if (!manifest_fetch.ok() && !manifest_fetch.too_large) {
        result.unreadable = where->manifest_url + ": " + manifest_fetch.error;
        return result;
    }
    result.readable = true;
    if (manifest_fetch.too_large) {
        checker.error("manifest.json", "",
                      fillIn(tr("larger than the limit of {0} bytes; a kiosk refuses it"),
                             {std::to_string(options.limits.manifest_bytes)}));
        return result;
    }
    const std::string& bytes = manifest_fetch.body;
    if (!parseJsonDocument(bytes, error)) {
        result.readable = false;
        result.unreadable = "manifest.json: " + error;
        return result;
    }
    ++result.files_checked;
    const std::optional<Manifest> manifest = parseManifest(bytes, options.limits, error);
    if (!manifest) {
        checker.error("manifest.json", "",
                      fillIn(tr("{0}; a kiosk refuses the whole publish"), {withoutPrefix(error, "manifest.json: ")}));
        return result;
    }
    if (!parseIsoDateTime(manifest->generated_at))
        checker.warn(
            "manifest.json", "generated_at",
            fillIn(tr("\"{0}\" is not an ISO-8601 time such as 2026-11-27T08:00:00+08:00"), {manifest->generated_at}));
    checker.checkSignature(bytes);
    checker.checkFiles(*manifest);
    if (!options.previous.empty()) checker.checkPrevious(bytes, manifest_fetch, *manifest);
    return result;
}

} // namespace

void Checker::checkPrevious(const std::string& manifest_bytes, const FetchResult& fetched, const Manifest& manifest) {
    std::string problem;
    const std::optional<PortalLocation> location =
        resolvePortalUrl(feedUrlFromArgument(options.previous), options.allow_insecure_http, problem);
    FetchResult previous;
    if (location) {
        FetchRequest before = request(location->manifest_url, options.limits.manifest_bytes);
        before.file_root_url = location->base_url;
        previous = fetcher.fetchToMemory(before);
        problem = previous.error;
    }
    if (!location || !previous.ok()) {
        error(options.previous, "", fillIn(tr("cannot read the previous publish's manifest: {0}"), {problem}));
        return;
    }
    if (previous.body == manifest_bytes) {
        warn("manifest.json", "", tr("is the same as the previous publish's: kiosks see nothing new"));
        return;
    }
    const std::optional<Manifest> earlier = parseManifest(previous.body, options.limits, problem);
    const std::optional<std::int64_t> now = parseIsoDateTime(manifest.generated_at);
    const std::optional<std::int64_t> then = earlier ? parseIsoDateTime(earlier->generated_at) : std::nullopt;
    if (now && then && *now <= *then)
        warn("manifest.json", "generated_at",
             fillIn(tr("{0} is not later than the previous publish's {1}"),
                    {manifest.generated_at, earlier->generated_at}));
    // The validators a conditional request compares (docs/hosting.md): a changed manifest whose
    // validators stayed the same is answered 304, and kiosks keep the previous publish.
    const bool same_size = previous.body.size() == manifest_bytes.size();
    const std::optional<fs::path> now_file = localManifest(argument);
    const std::optional<fs::path> then_file = localManifest(options.previous);
    std::string same;
    if (!fetched.etag.empty() && fetched.etag == previous.etag) {
        same = "ETag " + fetched.etag;
    } else if (fetched.etag.empty() && same_size && !fetched.last_modified.empty() &&
               fetched.last_modified == previous.last_modified) {
        same = "Last-Modified " + fetched.last_modified;
    } else if (now_file && then_file && same_size && mtimeSecond(*now_file) &&
               mtimeSecond(*now_file) == mtimeSecond(*then_file)) {
        // Two directories: what nginx's default ETag (mtime in whole seconds, size) would be.
        same = tr("size and modification second (nginx's ETag)");
    }
    if (!same.empty())
        error("manifest.json", "",
              fillIn(tr("changed since the previous publish, but its {0} did not: a web server answers kiosks' "
                        "conditional requests with 304 and they keep the previous publish; publish again in a later "
                        "second (docs/hosting.md)"),
                     {same}));
}

FeedCheckResult checkFeed(const std::string& where, const FeedCheckOptions& options) {
    try {
        return checkFeedUnguarded(where, options);
    } catch (const std::exception& e) { // e.g. out of memory on a huge collection
        FeedCheckResult result;
        result.unreadable = std::string("check aborted: ") + e.what();
        return result;
    }
}

} // namespace gk
