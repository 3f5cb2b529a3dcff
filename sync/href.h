// The href safety rule of portal-feed-v1: an href is a path relative to the manifest and may
// never leave the feed's directory. Pure string logic, no I/O. Must not include SDL, ImGui, GL
// or curl.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace gk {

// Why the href is unsafe ("contains a '..' segment", "is absolute (has a scheme)", ...), or
// nullopt when it is safe. Rejected: empty; absolute (a scheme such as "https:", a leading '/');
// a ".." segment; a backslash; NUL or other control characters; malformed percent-encoding; and
// any of these hidden behind percent-encoding at any depth (%2e%2e, %2f, %5c, %00, %252e, ...).
std::optional<std::string> hrefProblem(std::string_view href);

inline bool isSafeHref(std::string_view href) {
    return !hrefProblem(href).has_value();
}

} // namespace gk
