// Load generator for the "how many kiosks can one portal serve" figure: N concurrent connections
// send conditional GETs (If-None-Match with the current ETag) of one URL, normally the feed's
// manifest.json, for T seconds, as polling kiosks would when nothing changed. Prints requests per
// second, the share of 304 answers and latency percentiles. A program that prints figures, not a
// test; driven by tests/bench/sync_bench.py. libcurl multi interface, one thread.
//
// Usage: poll_bench URL [--connections N] [--seconds T] [--fresh-connections]
//   --fresh-connections: a new TCP connection per request (as kiosks polling every few minutes
//   really arrive) instead of keep-alive reuse.
#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
    std::string url;
    int connections = 32;
    double seconds = 10;
    bool fresh_connections = false;
};

struct Totals {
    long requests = 0;
    long not_modified = 0;
    long ok = 0;
    long errors = 0;
    long long body_bytes = 0;
    std::vector<double> latency_ms;
};

std::size_t discardBody(char*, std::size_t size, std::size_t count, void* user) {
    *static_cast<long long*>(user) += static_cast<long long>(size * count);
    return size * count;
}

std::size_t keepEtag(char* data, std::size_t size, std::size_t count, void* user) {
    const std::string_view line(data, size * count);
    constexpr std::string_view kName = "etag:";
    if (line.size() > kName.size()) {
        std::string name(line.substr(0, kName.size()));
        std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
        if (name == kName) {
            std::string value(line.substr(kName.size()));
            value.erase(0, value.find_first_not_of(" \t"));
            value.erase(value.find_last_not_of(" \t\r\n") + 1);
            *static_cast<std::string*>(user) = value;
        }
    }
    return size * count;
}

// One unconditional GET for the ETag the kiosks would hold after their last sync.
bool currentEtag(const std::string& url, std::string& etag) {
    CURL* easy = curl_easy_init();
    long long ignored = 0;
    curl_easy_setopt(easy, CURLOPT_URL, url.c_str());
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discardBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, &ignored);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, keepEtag);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, &etag);
    const CURLcode rc = curl_easy_perform(easy);
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    curl_easy_cleanup(easy);
    if (rc != CURLE_OK || status != 200 || etag.empty()) {
        std::fprintf(stderr, "poll_bench: GET %s: %s, HTTP %ld, ETag \"%s\"\n", url.c_str(), curl_easy_strerror(rc),
                     status, etag.c_str());
        return false;
    }
    return true;
}

CURL* pollHandle(const Options& options, curl_slist* headers, long long* body_bytes) {
    CURL* easy = curl_easy_init();
    curl_easy_setopt(easy, CURLOPT_URL, options.url.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers);
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, discardBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, body_bytes);
    curl_easy_setopt(easy, CURLOPT_FORBID_REUSE, options.fresh_connections ? 1L : 0L);
    return easy;
}

void record(CURLMsg* msg, Totals& totals) {
    long status = 0;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_RESPONSE_CODE, &status);
    curl_off_t total_us = 0;
    curl_easy_getinfo(msg->easy_handle, CURLINFO_TOTAL_TIME_T, &total_us);
    ++totals.requests;
    if (msg->data.result != CURLE_OK) {
        ++totals.errors;
    } else if (status == 304) {
        ++totals.not_modified;
    } else if (status == 200) {
        ++totals.ok;
    } else {
        ++totals.errors;
    }
    totals.latency_ms.push_back(static_cast<double>(total_us) / 1000.0);
}

// Keeps every handle busy until the deadline; returns the measured seconds.
double run(const Options& options, const std::string& etag, Totals& totals) {
    const std::string header = "If-None-Match: " + etag;
    curl_slist* headers = curl_slist_append(nullptr, header.c_str());
    CURLM* multi = curl_multi_init();
    curl_multi_setopt(multi, CURLMOPT_MAXCONNECTS, static_cast<long>(options.connections));
    std::vector<CURL*> handles;
    for (int i = 0; i < options.connections; ++i) {
        handles.push_back(pollHandle(options, headers, &totals.body_bytes));
        curl_multi_add_handle(multi, handles.back());
    }
    const auto start = Clock::now();
    const auto deadline = start + std::chrono::duration<double>(options.seconds);
    int running = 0;
    do {
        curl_multi_perform(multi, &running);
        int queued = 0;
        while (CURLMsg* msg = curl_multi_info_read(multi, &queued)) {
            if (msg->msg != CURLMSG_DONE) continue;
            record(msg, totals);
            curl_multi_remove_handle(multi, msg->easy_handle);
            if (Clock::now() < deadline) curl_multi_add_handle(multi, msg->easy_handle); // the next poll
        }
        curl_multi_poll(multi, nullptr, 0, 100, nullptr);
    } while (running > 0 || Clock::now() < deadline);
    const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
    for (CURL* easy : handles) {
        curl_multi_remove_handle(multi, easy);
        curl_easy_cleanup(easy);
    }
    curl_multi_cleanup(multi);
    curl_slist_free_all(headers);
    return elapsed;
}

double percentile(std::vector<double> values, double p) {
    if (values.empty()) return 0;
    const auto k = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
    std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(k), values.end());
    return values[k];
}

bool parse(int argc, char** argv, Options& options) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool has_value = i + 1 < argc;
        if (arg == "--connections" && has_value) {
            options.connections = std::max(1, std::atoi(argv[++i]));
        } else if (arg == "--seconds" && has_value) {
            options.seconds = std::max(0.1, std::atof(argv[++i]));
        } else if (arg == "--fresh-connections") {
            options.fresh_connections = true;
        } else if (options.url.empty() && !arg.starts_with("--")) {
            options.url = arg;
        } else {
            return false;
        }
    }
    return !options.url.empty();
}

} // namespace

int main(int argc, char** argv) {
    Options options;
    if (!parse(argc, argv, options)) {
        std::fprintf(stderr, "usage: poll_bench URL [--connections N] [--seconds T] [--fresh-connections]\n");
        return 2;
    }
    curl_global_init(CURL_GLOBAL_DEFAULT);
    std::string etag;
    if (!currentEtag(options.url, etag)) return 1;
    Totals totals;
    const double elapsed = run(options, etag, totals);
    curl_global_cleanup();

    const double share = totals.requests > 0
                             ? 100.0 * static_cast<double>(totals.not_modified) / static_cast<double>(totals.requests)
                             : 0.0;
    std::printf("poll_bench: %s, %d %s connections, %.1f s, If-None-Match: %s\n", options.url.c_str(),
                options.connections, options.fresh_connections ? "fresh" : "keep-alive", elapsed, etag.c_str());
    std::printf("requests: %ld\n", totals.requests);
    std::printf("requests/s: %.0f\n", static_cast<double>(totals.requests) / elapsed);
    std::printf("304 share: %.2f%%\n", share);
    std::printf("200: %ld, errors: %ld, body bytes: %lld\n", totals.ok, totals.errors, totals.body_bytes);
    std::printf("latency ms p50/p99: %.2f / %.2f\n", percentile(totals.latency_ms, 0.5),
                percentile(totals.latency_ms, 0.99));
    return totals.errors > 0 ? 1 : 0;
}
