// Command-line options of the benchmark programs: `--name VALUE` and `--flag`, anywhere.
#pragma once

#include <cstring>
#include <string>

namespace gk::bench {

inline std::string argAfter(int argc, char** argv, const char* name, const char* fallback) {
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return argv[i + 1];
    return fallback;
}

inline bool hasFlag(int argc, char** argv, const char* name) {
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0) return true;
    return false;
}

} // namespace gk::bench
