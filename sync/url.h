// URL strings for the portal client: where the manifest and the feed's base are, joining an href
// to the base, and file:// URLs for local feeds (USB stick, the bundled demo). Pure string logic;
// must not include SDL, ImGui, GL or curl.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace gk {

struct PortalLocation {
    std::string scheme;       // "https", "http" or "file" (lowercase)
    std::string manifest_url; // e.g. https://portal/kiosk/manifest.json
    std::string base_url;     // the manifest's directory, ending with '/'
};

// Accepts a base URL ending with '/', a manifest URL (last segment ends with ".json"), or a
// directory URL without the trailing '/'. Schemes: https, file, and http only when
// allow_insecure_http. On a problem returns nullopt and a one-line reason in error.
std::optional<PortalLocation> resolvePortalUrl(std::string_view portal_url, bool allow_insecure_http,
                                               std::string& error);

// base_url (ending with '/') + href, with spaces, control and non-ASCII bytes percent-encoded.
// The href must already have passed checkHref().
std::string joinUrl(std::string_view base_url, std::string_view href);

// file:// URL of a local path (made absolute), every byte outside [A-Za-z0-9-._~/] encoded.
std::string fileUrlFromPath(const std::filesystem::path& path);

// An absolute http:// or https:// URL with a host, at most 2,048 bytes, without spaces or control
// characters: the only kind of link the screens turn into a QR code (never javascript:, data:,
// file: or a relative path).
bool isWebUrl(std::string_view url);

// The host of a web URL, lowercase, without port or user info ("www.example.gov.cn"); empty when
// it is not one.
std::string webUrlHost(std::string_view url);

// Lowercase scheme of a URL ("https"), or empty when it has none.
std::string urlScheme(std::string_view url);

} // namespace gk
