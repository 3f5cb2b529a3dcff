// href safety check (sync/href.h). Pure string logic; must not include SDL, ImGui, GL or curl.
#include "sync/href.h"

#include <algorithm>
#include <optional>

namespace gk {
namespace {

constexpr int kMaxDecodeRounds = 8;

int hexValue(char c) {
    if (c >= '0' && c <= '9') {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
        return c - 'A' + 10;
    }
    return -1;
}

// One round of percent-decoding; nullopt when a '%' is not followed by two hex digits.
std::optional<std::string> percentDecodeOnce(std::string_view s) {
    std::string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '%') {
            out.push_back(s[i]);
            continue;
        }
        if (i + 2 >= s.size()) {
            return std::nullopt;
        }
        const int hi = hexValue(s[i + 1]);
        const int lo = hexValue(s[i + 2]);
        if (hi < 0 || lo < 0) {
            return std::nullopt;
        }
        out.push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
    }
    return out;
}

bool hasScheme(std::string_view s) {
    const std::size_t colon = s.find(':');
    if (colon == std::string_view::npos || colon == 0) {
        return false;
    }
    const std::size_t slash = s.find('/');
    if (slash != std::string_view::npos && slash < colon) {
        return false; // "att/a:b.png": the colon is inside a path segment
    }
    return true; // "https:", "c:", "javascript:" ... anything before the first '/' with a colon
}

bool hasDotDotSegment(std::string_view s) {
    std::size_t start = 0;
    while (start <= s.size()) {
        std::size_t end = s.find_first_of("/?#", start);
        if (end == std::string_view::npos) {
            end = s.size();
        }
        if (s.substr(start, end - start) == "..") {
            return true;
        }
        start = end + 1;
    }
    return false;
}

// Checks one decoding level of the href; the same rules apply to every level.
bool checkLevel(std::string_view s, std::string& error) {
    const auto fail = [&error](std::string message) {
        error = std::move(message);
        return false;
    };
    if (s.find('\0') != std::string_view::npos) {
        return fail("contains a NUL character");
    }
    const bool control = std::any_of(s.begin(), s.end(), [](char c) {
        const auto u = static_cast<unsigned char>(c);
        return u < 0x20 || u == 0x7f;
    });
    if (control) {
        return fail("contains a control character");
    }
    if (s.find('\\') != std::string_view::npos) {
        return fail("contains a backslash");
    }
    if (!s.empty() && s.front() == '/') {
        return fail("is absolute (starts with '/')");
    }
    if (hasScheme(s)) {
        return fail("is absolute (has a scheme)");
    }
    if (hasDotDotSegment(s)) {
        return fail("contains a '..' segment");
    }
    return true;
}

} // namespace

bool checkHref(std::string_view href, std::string& error) {
    const auto fail = [&error](std::string message) {
        error = std::move(message);
        return false;
    };
    if (href.empty()) {
        return fail("is empty");
    }
    std::string level(href);
    const auto raw_slashes = std::count(level.begin(), level.end(), '/');
    for (int round = 0; round <= kMaxDecodeRounds; ++round) {
        if (std::string problem; !checkLevel(level, problem)) {
            return fail(round == 0 ? problem : problem + " after percent-decoding");
        }
        if (std::count(level.begin(), level.end(), '/') != raw_slashes) {
            return fail("contains a percent-encoded '/'");
        }
        if (level.find('%') == std::string::npos) {
            return true;
        }
        auto decoded = percentDecodeOnce(level);
        if (!decoded) {
            // The href as published must be well-formed. A deeper level that no longer decodes
            // ("50%25.png" -> "50%.png") is a literal '%' that no decoder can turn into anything.
            if (round == 0) {
                return fail("has malformed percent-encoding");
            }
            return true;
        }
        level = std::move(*decoded);
    }
    return fail("is percent-encoded too many times");
}

} // namespace gk
