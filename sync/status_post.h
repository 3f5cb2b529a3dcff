// The kiosk → portal status channel: one HTTP POST of a JSON body to the manifest's status_url,
// with the same trust rules as the Fetcher (https only unless allow_insecure_http, the configured
// CA file and pinned key, timeouts) and no redirects followed: a POST is delivered only when the
// status_url itself answers 2xx. Backed by libcurl, which this header does not expose. Must not
// include SDL, ImGui or GL.
#pragma once

#include "sync/fetcher.h"

#include <atomic>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>

namespace gk {

struct StatusPostResult {
    bool delivered = false;         // 2xx from status_url: the portal has the body
    long http_code = 0;             // 0 when no response came (refused, timeout, TLS failure)
    std::string error;              // one line when not delivered ("HTTP 503", "Couldn't connect …")
    std::int64_t retry_after_s = 0; // the portal's Retry-After on 429 or 503, in seconds; 0 = none
};

struct StatusPosterOptions {
    long connect_timeout_s = 20;
    long transfer_timeout_s = 60; // one POST, whatever the speed: the next attempt retries it
    bool allow_insecure_http = false;
    TlsTrust tls;
    std::string user_agent = "gongkai-kiosk/0.1";
    const std::atomic<bool>* cancel = nullptr; // when set and true, a POST in flight aborts promptly
};

// One reused libcurl easy handle. Use from one thread at a time. Never throws.
class StatusPoster {
public:
    explicit StatusPoster(StatusPosterOptions options = {});
    ~StatusPoster();
    StatusPoster(const StatusPoster&) = delete;
    StatusPoster& operator=(const StatusPoster&) = delete;

    // POSTs json_body with Content-Type: application/json. The response body is read (up to
    // 64 KiB) and ignored.
    StatusPostResult post(const std::string& url, std::string_view json_body);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

// Whether a status_url can be used, else false with error saying why: it must be an absolute
// https:// URL (http:// only with allow_insecure_http) without spaces or control bytes.
bool checkStatusUrl(std::string_view url, bool allow_insecure_http, std::string& error);

// The status_url of the store's current generation in data_dir (its manifest.json as fetched);
// empty when there is no current generation or its manifest names none.
std::string currentStatusUrl(const std::filesystem::path& data_dir);

} // namespace gk
