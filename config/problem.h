// Problems found while reading a configuration file (settings, playlists), and how they are
// shown to a person: "kiosk.json: sync_interval_s: must be a whole number ≥ 30, got \"5m\"".
// Owned by config/. Standard library only: kiosk/ and sync/ include this without JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace gk {

struct Problem {
    std::string path;     // JSON path such as "items[1].schedule.times[0]"; empty = whole file
    std::string message;  // what is wrong, in words a person can act on
    bool warning = false; // warnings (e.g. unknown keys) leave the file usable; errors do not
};

bool hasErrors(const std::vector<Problem>& problems);
int countErrors(const std::vector<Problem>& problems);
int countWarnings(const std::vector<Problem>& problems);

// "FILE: path: message" (or "FILE: message" when the path is empty).
std::string formatProblem(std::string_view file_label, const Problem& problem);
// One formatted line per problem, each ending in '\n'; errors first, then warnings, each group
// in the order found.
std::string formatProblems(std::string_view file_label, const std::vector<Problem>& problems);

} // namespace gk
