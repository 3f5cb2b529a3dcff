// libcurl implementation of the portal client (sync/fetcher.h) and libcurl's global set-up
// (sync/curl_init.h). Must not include SDL, ImGui or GL.
#include "sync/fetcher.h"

#include "sync/curl_init.h"

#include <curl/curl.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <mutex>
#include <optional>
#include <signal.h> // sigaction
#include <sys/stat.h>
#include <unistd.h>

namespace gk {
namespace {

// Where the body goes, with the size cap enforced on the decoded bytes (CURLOPT_MAXFILESIZE is
// not enforced during a transfer in libcurl 7.88).
struct Sink {
    std::string* memory = nullptr;
    std::filesystem::path path;
    std::FILE* file = nullptr;
    std::uint64_t received = 0;
    std::uint64_t cap = 0;
    bool too_large = false;
    std::string write_error;

    bool restart() { // before every hop: a redirect's body is discarded
        received = 0;
        if (memory != nullptr) {
            memory->clear();
            return true;
        }
        if (file != nullptr) {
            std::fclose(file);
        }
        file = std::fopen(path.c_str(), "wb");
        if (file == nullptr) {
            write_error = "cannot create " + path.string() + ": " + std::strerror(errno);
        }
        return file != nullptr;
    }
    bool finish() {
        if (file == nullptr) {
            return write_error.empty();
        }
        const bool ok = std::fflush(file) == 0 && std::ferror(file) == 0;
        if (!ok && write_error.empty()) {
            write_error = "cannot write " + path.string() + ": " + std::strerror(errno);
        }
        std::fclose(file);
        file = nullptr;
        return ok && write_error.empty();
    }
    ~Sink() {
        if (file != nullptr) {
            std::fclose(file);
        }
    }
};

std::size_t writeBody(char* data, std::size_t size, std::size_t count, void* user) {
    auto* sink = static_cast<Sink*>(user);
    const std::size_t n = size * count;
    if (sink->cap > 0 && sink->received + n > sink->cap) {
        sink->too_large = true;
        return 0; // CURLE_WRITE_ERROR
    }
    if (sink->memory != nullptr) {
        sink->memory->append(data, n);
    } else if (std::fwrite(data, 1, n, sink->file) != n) {
        sink->write_error = "cannot write " + sink->path.string() + ": " + std::strerror(errno);
        return 0;
    }
    sink->received += n;
    return n;
}

using SteadyClock = std::chrono::steady_clock;

constexpr const char* kDeadlineError = "stopped at the sync's time limit";

// Why a transfer stops early: the owner's cancel flag (the program is stopping) or the deadline of
// the sync the request belongs to. Checked by curl's progress callback and by the file reader.
struct StopCheck {
    const std::atomic<bool>* cancel = nullptr;
    std::optional<SteadyClock::time_point> deadline;

    bool cancelled() const { return cancel != nullptr && cancel->load(); }
    bool deadlinePassed() const { return deadline && SteadyClock::now() >= *deadline; }
    bool any() const { return cancel != nullptr || deadline; }
};

int checkStop(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
    const auto* stop = static_cast<const StopCheck*>(user);
    return stop->cancelled() || stop->deadlinePassed() ? 1 : 0;
}

// CURLOPT_TIMEOUT_MS: the per-file cap, cut to the time left before the deadline, so that even a
// transfer that never calls back (stuck in a DNS lookup, say) ends then. At least 1 ms, because 0
// would mean no timeout at all; 0 only when there is neither a cap nor a deadline.
struct TransferTimeout {
    long ms = 0;
    bool is_deadline = false; // the deadline cut it: a timeout then means the deadline passed
};

TransferTimeout transferTimeout(long transfer_timeout_s, const std::optional<SteadyClock::time_point>& deadline) {
    using std::chrono::milliseconds;
    constexpr long long kNone = std::numeric_limits<long>::max();
    const long long cap = transfer_timeout_s > 0 ? static_cast<long long>(transfer_timeout_s) * 1000 : kNone;
    TransferTimeout timeout{cap == kNone ? 0L : static_cast<long>(cap), false};
    if (deadline) {
        const long long left = std::chrono::ceil<milliseconds>(*deadline - SteadyClock::now()).count();
        if (left < cap) timeout = {static_cast<long>(std::max(left, 1LL)), true};
    }
    return timeout;
}

// "https://host:443" with the default port filled in; empty when the URL does not parse.
std::string originOf(const std::string& url) {
    CURLU* handle = curl_url();
    std::string origin;
    if (handle != nullptr && curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
        char* scheme = nullptr;
        char* host = nullptr;
        char* port = nullptr;
        curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0);
        curl_url_get(handle, CURLUPART_HOST, &host, 0);
        curl_url_get(handle, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT);
        origin = std::string(scheme ? scheme : "") + "://" + (host ? host : "") + ":" + (port ? port : "");
        for (char& c : origin) {
            c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
        }
        curl_free(scheme);
        curl_free(host);
        curl_free(port);
    }
    curl_url_cleanup(handle);
    return origin;
}

std::string headerValue(CURL* easy, const char* name) {
    curl_header* header = nullptr;
    if (curl_easy_header(easy, name, 0, CURLH_HEADER, -1, &header) == CURLHE_OK && header != nullptr) {
        return header->value;
    }
    return {};
}

struct HeaderList {
    curl_slist* list = nullptr;
    void add(const std::string& line) { list = curl_slist_append(list, line.c_str()); }
    ~HeaderList() { curl_slist_free_all(list); }
};

} // namespace

void initCurlOnce() {
    static std::once_flag global_init;
    std::call_once(global_init, [] {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        struct sigaction current {};
        if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
            std::signal(SIGPIPE, SIG_IGN);
        }
    });
}

void setPortalTrust(CURL* easy, const TlsTrust& tls) {
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L); // never off, whatever the config says
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (!tls.ca_file.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, tls.ca_file.c_str());
    if (!tls.pinned_pubkey.empty()) curl_easy_setopt(easy, CURLOPT_PINNEDPUBLICKEY, tls.pinned_pubkey.c_str());
}

struct Fetcher::Impl {
    FetcherOptions options;
    CURL* easy = nullptr;
    char error_buffer[CURL_ERROR_SIZE] = {};
    // curl's clock may call a timeout a millisecond before ours sees the deadline pass.
    bool timeout_is_deadline = false;

    CURLcode performOnce(const std::string& url, const FetchRequest& request, const StopCheck& stop, Sink& sink);
    FetchResult run(const FetchRequest& request, Sink& sink);
    std::string describe(CURLcode code, const Sink& sink) const;
};

CURLcode Fetcher::Impl::performOnce(const std::string& url, const FetchRequest& request, const StopCheck& stop,
                                    Sink& sink) {
    curl_easy_reset(easy); // keeps the connection cache, DNS cache and TLS sessions
    error_buffer[0] = '\0';
    HeaderList headers;
    if (!request.if_none_match.empty()) {
        headers.add("If-None-Match: " + request.if_none_match);
    }
    if (!request.if_modified_since.empty()) {
        headers.add("If-Modified-Since: " + request.if_modified_since);
    }
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, request.allow_insecure_http ? "file,http,https" : "file,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L); // redirects are followed by run(), same origin only
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT, options.connect_timeout_s);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, options.low_speed_limit_bytes);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, options.low_speed_time_s);
    const TransferTimeout timeout = transferTimeout(options.transfer_timeout_s, request.deadline);
    timeout_is_deadline = timeout.is_deadline;
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, timeout.ms);
    setPortalTrust(easy, options.tls);
    curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, error_buffer);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers.list);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, writeBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &sink);
    if (request.max_bytes > 0) {
        curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(request.max_bytes));
    }
    if (stop.any()) { // called at least once a second, also while no byte arrives
        curl_easy_setopt(easy, CURLOPT_NOPROGRESS, 0L);
        curl_easy_setopt(easy, CURLOPT_XFERINFOFUNCTION, checkStop);
        curl_easy_setopt(easy, CURLOPT_XFERINFODATA, &stop);
    }
    const CURLcode code = curl_easy_perform(easy);
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, nullptr);
    return code;
}

std::string Fetcher::Impl::describe(CURLcode code, const Sink& sink) const {
    if (sink.too_large || code == CURLE_FILESIZE_EXCEEDED) {
        return "larger than " + std::to_string(sink.cap) + " bytes";
    }
    if (!sink.write_error.empty()) {
        return sink.write_error;
    }
    std::string text = curl_easy_strerror(code);
    if (error_buffer[0] != '\0' && text != error_buffer) {
        text += " (" + std::string(error_buffer) + ")";
    }
    return text;
}

namespace {

// The path of a file:// URL, %-escapes decoded; nullopt for other schemes.
std::optional<std::filesystem::path> localPath(const std::string& url) {
    CURLU* handle = curl_url();
    std::optional<std::filesystem::path> path;
    char* scheme = nullptr;
    char* decoded = nullptr;
    if (handle != nullptr && curl_url_set(handle, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK &&
        curl_url_get(handle, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK && std::string_view(scheme) == "file" &&
        curl_url_get(handle, CURLUPART_PATH, &decoded, CURLU_URLDECODE) == CURLUE_OK)
        path = std::filesystem::path(decoded);
    curl_free(decoded);
    curl_free(scheme);
    curl_url_cleanup(handle);
    return path;
}

// A portal on a directory or a USB stick, read without libcurl: libcurl opens a FIFO and blocks in
// it for good (no timeout applies), and follows a symlink anywhere. Opened without blocking, the
// file must be a regular one inside the portal's directory; reading stops on a cancel and at the
// deadline (a slow USB stick can take longer than the sync may).
FetchResult readLocalFile(const std::filesystem::path& path, const FetchRequest& request, const StopCheck& stop,
                          Sink& sink) {
    FetchResult result;
    result.final_url = request.url;
    std::error_code ec;
    const std::filesystem::path real = std::filesystem::canonical(path, ec);
    if (ec) {
        result.error = path.string() + ": " + ec.message();
        return result;
    }
    if (const std::optional<std::filesystem::path> root = localPath(request.file_root_url)) {
        const std::string inside = std::filesystem::canonical(*root, ec).string() + "/";
        if (ec || real.string().rfind(inside, 0) != 0) {
            result.error = path.string() + ": leads out of the portal directory (to " + real.string() + ")";
            return result;
        }
    }
    const int fd = ::open(real.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        result.error = path.string() + ": " + (fd < 0 ? std::strerror(errno) : "not a regular file");
        if (fd >= 0) ::close(fd);
        return result;
    }
    if (!sink.restart()) {
        result.error = sink.write_error;
        ::close(fd);
        return result;
    }
    char buffer[64 * 1024];
    ssize_t got = 0;
    for (;;) {
        if (stop.cancelled()) {
            result.error = "cancelled";
            break;
        }
        if (stop.deadlinePassed()) {
            result.error = kDeadlineError;
            result.deadline_passed = true;
            break;
        }
        if ((got = ::read(fd, buffer, sizeof buffer)) <= 0) break;
        if (writeBody(buffer, 1, static_cast<size_t>(got), &sink) != static_cast<size_t>(got)) break;
    }
    if (got < 0) result.error = path.string() + ": " + std::strerror(errno);
    ::close(fd);
    const bool finished = sink.finish();
    if (sink.too_large) {
        result.too_large = true;
        result.error = "larger than " + std::to_string(sink.cap) + " bytes";
    } else if (!finished && result.error.empty()) {
        result.error = sink.write_error;
    }
    if (result.error.empty()) {
        result.status = FetchStatus::Ok;
        result.bytes = sink.received;
    }
    return result;
}

} // namespace

FetchResult Fetcher::Impl::run(const FetchRequest& request, Sink& sink) {
    sink.cap = request.max_bytes;
    const StopCheck stop{options.cancel, request.deadline};
    if (const std::optional<std::filesystem::path> path = localPath(request.url))
        return readLocalFile(*path, request, stop, sink);
    FetchResult result;
    std::string url = request.url;
    const std::string origin = originOf(url);
    for (int hop = 0;; ++hop) {
        if (stop.deadlinePassed()) { // before every hop: a redirect chain must not outlast it either
            result.error = kDeadlineError;
            result.deadline_passed = true;
            return result;
        }
        if (!sink.restart()) {
            result.error = sink.write_error;
            return result;
        }
        const CURLcode code = performOnce(url, request, stop, sink);
        const bool finished = sink.finish();
        curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &result.http_code);
        result.final_url = url;
        if (code != CURLE_OK || !finished) {
            result.too_large = sink.too_large || code == CURLE_FILESIZE_EXCEEDED;
            // Cut off by CURLOPT_TIMEOUT_MS or by the progress callback: either way, the deadline.
            result.deadline_passed =
                !result.too_large && !stop.cancelled() &&
                (stop.deadlinePassed() || (code == CURLE_OPERATION_TIMEDOUT && timeout_is_deadline));
            result.error = result.deadline_passed ? kDeadlineError : describe(code, sink);
            return result;
        }
        char* location = nullptr;
        curl_easy_getinfo(easy, CURLINFO_REDIRECT_URL, &location);
        if (result.http_code >= 300 && result.http_code < 400 && location != nullptr) {
            if (hop >= options.max_redirects) {
                result.error = "more than " + std::to_string(options.max_redirects) + " redirects";
                return result;
            }
            if (originOf(location) != origin || origin.empty()) {
                result.error = std::string("redirect to another origin refused: ") + location;
                return result;
            }
            url = location;
            continue;
        }
        break;
    }
    result.bytes = sink.received;
    result.etag = headerValue(easy, "ETag");
    result.last_modified = headerValue(easy, "Last-Modified");
    const bool conditional = !request.if_none_match.empty() || !request.if_modified_since.empty();
    if (result.http_code == 304 && conditional) {
        result.status = FetchStatus::NotModified;
    } else if (result.http_code == 0 || (result.http_code >= 200 && result.http_code < 300)) {
        result.status = FetchStatus::Ok;
    } else {
        result.error = "HTTP " + std::to_string(result.http_code);
        curl_off_t retry_after = 0;
        if ((result.http_code == 429 || result.http_code == 503) &&
            curl_easy_getinfo(easy, CURLINFO_RETRY_AFTER, &retry_after) == CURLE_OK && retry_after > 0) {
            result.retry_after_s = static_cast<std::int64_t>(retry_after);
            result.error += " (retry after " + std::to_string(result.retry_after_s) + " s)";
        }
    }
    return result;
}

Fetcher::Fetcher(FetcherOptions options) : m_impl(std::make_unique<Impl>()) {
    initCurlOnce();
    m_impl->options = std::move(options);
    m_impl->easy = curl_easy_init();
}

Fetcher::~Fetcher() {
    curl_easy_cleanup(m_impl->easy);
}

FetchResult Fetcher::fetchToMemory(const FetchRequest& request) {
    if (m_impl->easy == nullptr) {
        FetchResult failed;
        failed.error = "libcurl could not be initialised";
        return failed;
    }
    std::string body;
    Sink sink;
    sink.memory = &body;
    FetchResult result = m_impl->run(request, sink);
    result.body = std::move(body);
    return result;
}

FetchResult Fetcher::fetchToFile(const FetchRequest& request, const std::filesystem::path& destination) {
    if (m_impl->easy == nullptr) {
        FetchResult failed;
        failed.error = "libcurl could not be initialised";
        return failed;
    }
    Sink sink;
    sink.path = destination;
    FetchResult result = m_impl->run(request, sink);
    if (!result.ok()) {
        std::error_code ignored;
        std::filesystem::remove(destination, ignored);
    }
    return result;
}

} // namespace gk
