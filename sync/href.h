// The href safety rule of portal-feed-v1: an href is a path relative to the manifest and may
// never leave the feed's directory. Pure string logic, no I/O. Must not include SDL, ImGui, GL
// or curl.
#pragma once

#include <string>
#include <string_view>

namespace gk {

// Whether the href is safe; otherwise false with error saying why ("contains a '..' segment", "is
// absolute (has a scheme)", ...). Rejected: empty; absolute (a scheme such as "https:", a leading '/');
// a ".." segment; a backslash; NUL or other control characters; malformed percent-encoding; and
// any of these hidden behind percent-encoding at any depth (%2e%2e, %2f, %5c, %00, %252e, ...).
bool checkHref(std::string_view href, std::string& error);

inline bool isSafeHref(std::string_view href) {
    std::string error;
    return checkHref(href, error);
}

} // namespace gk
