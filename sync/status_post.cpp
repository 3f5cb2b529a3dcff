// libcurl implementation of the status channel (sync/status_post.h).
#include "sync/status_post.h"

#include "sync/curl_init.h"
#include "sync/fs_util.h"
#include "sync/limits.h"
#include "sync/manifest.h"
#include "sync/store.h"

#include <curl/curl.h>

namespace gk {
namespace {

constexpr std::size_t kMaxResponseBytes = 64 * 1024; // the portal's answer is not used, only its status

std::size_t discardBody(char*, std::size_t size, std::size_t count, void* user) {
    auto* received = static_cast<std::size_t*>(user);
    *received += size * count;
    return *received > kMaxResponseBytes ? 0 : size * count;
}

int checkCancel(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* cancel = static_cast<const std::atomic<bool>*>(user);
    return cancel != nullptr && cancel->load() ? 1 : 0;
}

bool startsWithLower(std::string_view text, std::string_view prefix) {
    if (text.size() < prefix.size()) return false;
    for (std::size_t i = 0; i < prefix.size(); ++i) {
        const char c = text[i];
        if ((c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c) != prefix[i]) return false;
    }
    return true;
}

} // namespace

struct StatusPoster::Impl {
    StatusPosterOptions options;
    CURL* easy = nullptr;
    char error_buffer[CURL_ERROR_SIZE] = {};
};

StatusPoster::StatusPoster(StatusPosterOptions options) : m_impl(std::make_unique<Impl>()) {
    initCurlOnce();
    m_impl->options = std::move(options);
    m_impl->easy = curl_easy_init();
}

StatusPoster::~StatusPoster() {
    curl_easy_cleanup(m_impl->easy);
}

StatusPostResult StatusPoster::post(const std::string& url, std::string_view json_body) {
    StatusPostResult result;
    if (!checkStatusUrl(url, m_impl->options.allow_insecure_http, result.error)) return result;
    CURL* easy = m_impl->easy;
    if (easy == nullptr) {
        result.error = "libcurl could not be initialised";
        return result;
    }
    const StatusPosterOptions& options = m_impl->options;
    curl_easy_reset(easy); // keeps the connection cache and TLS sessions
    m_impl->error_buffer[0] = '\0';
    curl_slist* headers = curl_slist_append(nullptr, "Content-Type: application/json; charset=utf-8");
    headers = curl_slist_append(headers, "Expect:"); // no 100-continue round trip for a small body
    std::size_t received = 0;
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, options.allow_insecure_http ? "http,https" : "https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L); // a redirected POST is not delivered
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_s);
    curl_easy_setopt(easy, CURLOPT_TIMEOUT, options.transfer_timeout_s);
    setPortalTrust(easy, options.tls);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, m_impl->error_buffer);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_POST, 1L);
    curl_easy_setopt(easy, CURLOPT_POSTFIELDS, json_body.data());
    curl_easy_setopt(easy, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(json_body.size()));
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discardBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &received);
    if (options.cancel != nullptr) {
        curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, checkCancel);
        curl_easy_setopt(easy, CURLOPT_XFERINFODATA, options.cancel);
    }
    const CURLcode code = curl_easy_perform(easy);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
    curl_slist_free_all(headers);
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &result.http_code);
    if (code != CURLE_OK && !(code == CURLE_WRITE_ERROR && received > kMaxResponseBytes)) {
        result.error = curl_easy_strerror(code);
        if (m_impl->error_buffer[0] != '\0' && result.error != m_impl->error_buffer)
            result.error += " (" + std::string(m_impl->error_buffer) + ")";
        // The status line may have arrived before the failure; it decides nothing on its own.
        result.http_code = code == CURLE_WRITE_ERROR ? result.http_code : 0;
        return result;
    }
    if (result.http_code >= 200 && result.http_code < 300) {
        result.delivered = true;
        return result;
    }
    result.error = "HTTP " + std::to_string(result.http_code);
    if (result.http_code >= 300 && result.http_code < 400) result.error += " (redirects are not followed)";
    curl_off_t retry_after = 0;
    if ((result.http_code == 429 || result.http_code == 503) &&
        curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
        result.retry_after_s = static_cast<std::int64_t>(retry_after);
        result.error += " (retry after " + std::to_string(result.retry_after_s) + " s)";
    }
    return result;
}

bool checkStatusUrl(std::string_view url, bool allow_insecure_http, std::string& error) {
    const bool https = startsWithLower(url, "https://");
    const bool http = startsWithLower(url, "http://");
    const std::string quoted = "status_url \"" + std::string(url.substr(0, 200)) + "\"";
    const auto fail = [&](const char* what) {
        error = quoted + what;
        return false;
    };
    if (!https && !http) return fail(" is not an https:// URL");
    if (http && !allow_insecure_http) return fail(": plain http:// is refused unless tls.allow_insecure_http is true");
    const std::size_t scheme = https ? 8 : 7;
    if (url.size() == scheme) return fail(" has nothing after the scheme");
    for (const char c : url)
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7F) return fail(" contains spaces or control bytes");
    return true;
}

std::string currentStatusUrl(const std::filesystem::path& data_dir) {
    const StorePaths paths(data_dir);
    const std::string generation = readCurrentGeneration(paths);
    if (generation.empty()) return {};
    const FeedLimits limits;
    std::string error;
    const auto bytes = readFileCapped(paths.generation(generation) / "manifest.json", limits.manifest_bytes, error);
    if (!bytes) return {};
    const std::optional<Manifest> manifest = parseManifest(*bytes, limits, error);
    return manifest ? manifest->status_url : std::string();
}

} // namespace gk
