// Clocks for the benchmark programs: CPU time of the whole process (all threads) and monotonic
// wall time, both in milliseconds; the median of a run's samples.
#pragma once

#include <algorithm>
#include <chrono>
#include <ctime>
#include <vector>

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

// The middle sample (the upper middle of an even count); 0 for none.
inline double median(std::vector<double> samples) {
    std::sort(samples.begin(), samples.end());
    return samples.empty() ? 0 : samples[samples.size() / 2];
}

} // namespace gk::bench
