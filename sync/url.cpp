// URL string helpers for the portal client (sync/url.h). Pure string logic; must not include
// SDL, ImGui, GL or curl.
#include "sync/url.h"

#include <cctype>

namespace gk {
namespace {

constexpr char kHex[] = "0123456789ABCDEF";

// ASCII only: <cctype> classification depends on the process locale.
bool isAsciiAlnum(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

void appendEncoded(std::string& out, unsigned char c) {
    out.push_back('%');
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 0x0f]);
}

// Encodes only what may not appear raw in a URL (space, controls, non-ASCII); keeps '%'.
std::string encodeUnsafeBytes(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if (c <= 0x20 || c >= 0x7f || ch == '"' || ch == '<' || ch == '>') {
            appendEncoded(out, c);
        } else {
            out.push_back(ch);
        }
    }
    return out;
}

std::string trim(std::string_view s) {
    std::size_t begin = 0;
    std::size_t end = s.size();
    while (begin < end && std::isspace(static_cast<unsigned char>(s[begin])) != 0) {
        ++begin;
    }
    while (end > begin && std::isspace(static_cast<unsigned char>(s[end - 1])) != 0) {
        --end;
    }
    return std::string(s.substr(begin, end - begin));
}

bool endsWith(std::string_view s, std::string_view suffix) {
    return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

} // namespace

std::string urlScheme(std::string_view url) {
    const std::size_t colon = url.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return {};
    }
    std::string scheme;
    for (char c : url.substr(0, colon)) {
        if (!isAsciiAlnum(c) && c != '+' && c != '-' && c != '.') {
            return {};
        }
        scheme.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    }
    return scheme;
}

std::optional<PortalLocation> resolvePortalUrl(std::string_view portal_url, bool allow_insecure_http,
                                               std::string& error) {
    const std::string url = encodeUnsafeBytes(trim(portal_url));
    PortalLocation where;
    where.scheme = urlScheme(url);
    if (url.empty()) {
        error = "portal URL is empty";
        return std::nullopt;
    }
    if (where.scheme == "http" && !allow_insecure_http) {
        error = "portal URL " + url + " uses http://, which is allowed only with insecure transport enabled";
        return std::nullopt;
    }
    if (where.scheme != "https" && where.scheme != "http" && where.scheme != "file") {
        error = "portal URL " + url + " must start with https://, http:// or file://";
        return std::nullopt;
    }
    const std::size_t after_scheme = where.scheme.size() + 1;
    if (url.compare(after_scheme, 2, "//") != 0) {
        error = "portal URL " + url + " is missing '//' after the scheme";
        return std::nullopt;
    }
    if (url.find_first_of("?#") != std::string::npos) {
        error = "portal URL " + url + " must not contain a query or fragment ('?', '#')";
        return std::nullopt;
    }
    const std::size_t path_start = url.find('/', after_scheme + 2);
    if (where.scheme == "file" && path_start != after_scheme + 2) {
        error = "portal URL " + url + " must be file:///absolute/path (no host)";
        return std::nullopt;
    }
    if (path_start == std::string::npos) {
        where.base_url = url + "/"; // https://host
    } else if (url.back() == '/') {
        where.base_url = url;
    } else if (endsWith(url, ".json")) {
        where.manifest_url = url;
        where.base_url = url.substr(0, url.rfind('/') + 1);
    } else {
        where.base_url = url + "/"; // a directory named without its trailing slash
    }
    if (where.manifest_url.empty()) {
        where.manifest_url = where.base_url + "manifest.json";
    }
    return where;
}

std::string joinUrl(std::string_view base_url, std::string_view href) {
    std::string url(base_url);
    if (!url.empty() && url.back() != '/') {
        url.push_back('/');
    }
    return url + encodeUnsafeBytes(href);
}

std::string fileUrlFromPath(const std::filesystem::path& path) {
    std::error_code ec;
    std::filesystem::path absolute = std::filesystem::absolute(path, ec);
    if (ec) {
        absolute = path;
    }
    std::string url = "file://";
    for (char ch : absolute.string()) {
        const auto c = static_cast<unsigned char>(ch);
        if (isAsciiAlnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '/') {
            url.push_back(ch);
        } else {
            appendEncoded(url, c);
        }
    }
    if (std::filesystem::is_directory(absolute, ec) && url.back() != '/') {
        url.push_back('/');
    }
    return url;
}

bool isWebUrl(std::string_view url) {
    if (url.size() > 2048) return false;
    for (const char c : url)
        if (static_cast<unsigned char>(c) <= ' ' || c == 0x7f) return false;
    const std::string scheme = urlScheme(url);
    return (scheme == "http" || scheme == "https") && !webUrlHost(url).empty();
}

std::string webUrlHost(std::string_view url) {
    const std::string scheme = urlScheme(url);
    if (scheme != "http" && scheme != "https") return {};
    std::string_view rest = url.substr(scheme.size() + 1);
    if (rest.substr(0, 2) != "//") return {};
    rest.remove_prefix(2);
    rest = rest.substr(0, rest.find_first_of("/?#"));
    if (const std::size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
    if (rest.empty() || rest.front() == '[') return std::string(rest.substr(0, rest.find(']') + 1)); // IPv6 literal
    rest = rest.substr(0, rest.find(':'));
    std::string host;
    for (const char c : rest) host.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
    return host;
}

} // namespace gk
