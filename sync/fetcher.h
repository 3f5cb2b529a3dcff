// The portal client: fetches one URL (https, file, and http only when allowed) into memory or
// into a file, with a size cap, timeouts, conditional requests and same-origin redirects. Backed
// by libcurl, which this header does not expose (upper layers never see curl). Must not include
// SDL, ImGui or GL.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

namespace gk {

enum class FetchStatus { Ok, NotModified, Failed };

struct FetchRequest {
    std::string url;
    std::uint64_t max_bytes = 0; // abort beyond this many (decoded) body bytes; 0 = no cap
    bool allow_insecure_http = false;
    std::string if_none_match;     // stored ETag, sent verbatim
    std::string if_modified_since; // stored Last-Modified, sent verbatim
    // For file:// URLs: the portal's directory (a file:// URL ending with '/'). Only a regular file
    // that resolves inside it is read, symlinks followed; a FIFO, a device or a path leading out
    // of it is refused at once. Empty: any regular file.
    std::string file_root_url;
    // The overall deadline of the sync this fetch belongs to (steady clock, so a stepped wall
    // clock neither hurries nor stalls it): the transfer stops when it passes, however steadily
    // bytes still arrive. Empty: only the Fetcher's own timeouts apply.
    std::optional<std::chrono::steady_clock::time_point> deadline;
};

struct FetchResult {
    FetchStatus status = FetchStatus::Failed;
    long http_code = 0;           // 0 for file://
    std::uint64_t bytes = 0;      // body bytes of the final response
    std::string error;            // one line when Failed ("HTTP 404", "larger than 1048576 bytes", ...)
    bool too_large = false;       // failed because the body exceeded max_bytes
    bool deadline_passed = false; // failed because request.deadline passed
    std::string etag;             // validators of the response, when the server sent them
    std::string last_modified;
    std::string body;               // fetchToMemory only
    std::string final_url;          // after redirects
    std::int64_t retry_after_s = 0; // the server's Retry-After on 429 or 503, in seconds; 0 = none

    bool ok() const { return status == FetchStatus::Ok; }
};

// How https servers are trusted. Verification of the certificate and host name is always on.
struct TlsTrust {
    std::string ca_file;       // PEM bundle used instead of the system store; empty = system store
    std::string pinned_pubkey; // CURLOPT_PINNEDPUBLICKEY: "sha256//<base64>[;sha256//…]" or a PEM/DER
                               // file; empty = no pin
};

struct FetcherOptions {
    long connect_timeout_s = 20;       // DNS + TCP + TLS
    long low_speed_limit_bytes = 1024; // abort when slower than this ...
    long low_speed_time_s = 30;        // ... for this many seconds
    long transfer_timeout_s = 900;     // overall cap per file, whatever the speed
    int max_redirects = 5;             // same origin only
    TlsTrust tls;
    std::string user_agent = "gongkai-kiosk/0.1";
    const std::atomic<bool>* cancel = nullptr; // when set and true, transfers abort promptly
};

// One reused libcurl easy handle (keeps connections and TLS sessions between requests). Use from
// one thread at a time. Never throws. The first Fetcher initialises libcurl globally and sets
// SIGPIPE to ignored if it was still at its default (libcurl runs with CURLOPT_NOSIGNAL).
class Fetcher {
public:
    explicit Fetcher(FetcherOptions options = {});
    ~Fetcher();
    Fetcher(const Fetcher&) = delete;
    Fetcher& operator=(const Fetcher&) = delete;

    FetchResult fetchToMemory(const FetchRequest& request);
    // Writes the body to destination (created or truncated); removed again on failure.
    FetchResult fetchToFile(const FetchRequest& request, const std::filesystem::path& destination);

private:
    struct Impl;
    std::unique_ptr<Impl> m_impl;
};

} // namespace gk
