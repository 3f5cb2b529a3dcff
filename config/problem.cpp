// Counting and formatting configuration problems (see problem.h). Standard library only.
// The line's shape "FILE: path: message" is the same in every language: it is grep's and an
// editor's ("file:line: …"); only the message is translated, where it is made.

#include "config/problem.h"

#include <algorithm>

namespace gk {

bool hasErrors(const std::vector<Problem>& problems) {
    return std::any_of(problems.begin(), problems.end(), [](const Problem& p) { return !p.warning; });
}

int countErrors(const std::vector<Problem>& problems) {
    return static_cast<int>(
        std::count_if(problems.begin(), problems.end(), [](const Problem& p) { return !p.warning; }));
}

int countWarnings(const std::vector<Problem>& problems) {
    return static_cast<int>(problems.size()) - countErrors(problems);
}

std::string formatProblem(std::string_view file_label, const Problem& problem) {
    std::string line(file_label);
    line += ": ";
    if (!problem.path.empty()) {
        line += problem.path;
        line += ": ";
    }
    line += problem.message;
    return line;
}

std::string formatProblems(std::string_view file_label, const std::vector<Problem>& problems) {
    std::string text;
    for (bool warnings : {false, true}) {
        for (const Problem& p : problems) {
            if (p.warning != warnings) continue;
            text += formatProblem(file_label, p);
            text += '\n';
        }
    }
    return text;
}

} // namespace gk
