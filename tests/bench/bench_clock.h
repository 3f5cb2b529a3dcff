// Clocks for the benchmark programs: CPU time of the whole process (all threads, llvmpipe's
// included) and monotonic wall time, both in milliseconds.
#pragma once

#include <chrono>
#include <ctime>

namespace gk::bench {

inline double cpuMs() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e3 + static_cast<double>(ts.tv_nsec) / 1e6;
}

inline double wallMs() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

} // namespace gk::bench
