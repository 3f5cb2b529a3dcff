// What the benchmark programs read about their own process from /proc (Linux): resident set
// (VmRSS), its peak (VmHWM), open file descriptors, and the heap glibc has handed out (to tell
// heap growth from fragmentation or GL driver memory). Header-only; benchmark support only.
#pragma once

#include <malloc.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>

namespace gk::bench {

// A "Vm…:" field of /proc/self/status in KiB (0 when absent).
inline long procStatusKiB(const std::string& field) {
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
    return 0;
}

inline double rssMiB() {
    return static_cast<double>(procStatusKiB("VmRSS")) / 1024.0;
}
inline double peakRssMiB() {
    return static_cast<double>(procStatusKiB("VmHWM")) / 1024.0;
}

// Proportional set size: the process's share of the memory it maps (/proc/self/smaps_rollup).
inline double pssMiB() {
    std::ifstream rollup("/proc/self/smaps_rollup");
    std::string line;
    while (std::getline(rollup, line))
        if (line.rfind("Pss:", 0) == 0) return std::stod(line.substr(4)) / 1024.0;
    return 0;
}

// Open file descriptors, not counting the one that lists them.
inline int openFds() {
    std::error_code ec;
    const std::filesystem::directory_iterator dir("/proc/self/fd", ec);
    return ec ? -1 : static_cast<int>(std::distance(dir, std::filesystem::directory_iterator())) - 1;
}

// Bytes malloc has handed out and not taken back (all arenas).
inline double heapInUseMiB() {
    return static_cast<double>(mallinfo2().uordblks) / 1048576.0;
}

inline std::uint64_t fileBytes(const std::filesystem::path& path) {
    std::error_code ec;
    const std::uintmax_t size = std::filesystem::file_size(path, ec);
    return ec ? 0 : static_cast<std::uint64_t>(size);
}

} // namespace gk::bench
