// The program's log. See log.h.
#include "kiosk/core/log.h"

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sys/stat.h>
#include <unistd.h>

namespace gk {
namespace {

// Distinct keys tracked within one window; beyond that only the overall cap applies, so that a
// stream of ever-different messages cannot grow the table.
constexpr std::size_t kMaxTrackedKeys = 512;

bool isProblem(LogLevel level) {
    return level == LogLevel::Error || level == LogLevel::Warn;
}

// sd-daemon(3): SD_ERR, SD_WARNING, SD_INFO, SD_DEBUG.
const char* journalPriority(LogLevel level) {
    switch (level) {
    case LogLevel::Error: return "<3>";
    case LogLevel::Warn: return "<4>";
    case LogLevel::Info: return "<6>";
    case LogLevel::Debug: return "<7>";
    }
    return "<6>";
}

const char* plainLevel(LogLevel level) {
    switch (level) {
    case LogLevel::Error: return "error: ";
    case LogLevel::Warn: return "warning: ";
    case LogLevel::Info:
    case LogLevel::Debug: return "";
    }
    return "";
}

std::string_view keyOf(std::string_view message, std::string_view key, std::size_t key_bytes) {
    return key.empty() ? message.substr(0, key_bytes) : key;
}

std::string countText(int count, const char* one, const char* many) {
    return std::to_string(count) + " " + (count == 1 ? one : many);
}

// One write(2) per line, so that lines from the two threads and from libraries never interleave
// within a line; retried after a signal, given up on a broken stderr (nowhere else to report it).
void writeToStderr(std::string_view line) {
    while (!line.empty()) {
        const ssize_t n = ::write(STDERR_FILENO, line.data(), line.size());
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        line.remove_prefix(static_cast<std::size_t>(n));
    }
}

LogClockReading realClock() {
    using namespace std::chrono;
    return LogClockReading{duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count(),
                           duration_cast<seconds>(system_clock::now().time_since_epoch()).count()};
}

} // namespace

Logger::Logger(LogPolicy policy, Sink sink, Clock clock)
    : m_policy(std::move(policy)), m_sink(std::move(sink)), m_clock(std::move(clock)) {}

void Logger::setThreshold(LogLevel threshold) {
    const std::lock_guard lock(m_mutex);
    m_policy.threshold = threshold;
}

void Logger::setTag(std::string tag) {
    const std::lock_guard lock(m_mutex);
    m_policy.plain_tag = std::move(tag);
}

void Logger::log(LogLevel level, std::string_view message, std::string_view key) {
    const std::lock_guard lock(m_mutex);
    const bool shown = level <= m_policy.threshold;
    if (!shown && !isProblem(level)) return; // filtered debug and info lines leave no trace
    const LogClockReading now = m_clock();
    flushEnded(now.steady_ms);
    if (!m_total_started) {
        m_total_started = true;
        m_total_start_ms = now.steady_ms;
    }
    const std::string_view key_text = keyOf(message, key, m_policy.key_bytes);
    auto it = m_keys.find(std::string(key_text));
    if (it == m_keys.end() && m_keys.size() < kMaxTrackedKeys)
        it = m_keys.emplace(std::string(key_text), KeyWindow{now.steady_ms, 0, 0, level}).first;
    if (it != m_keys.end() && it->second.written >= m_policy.per_key_per_window) {
        KeyWindow& window = it->second;
        ++window.suppressed;
        if (level < window.level) window.level = level; // the summary goes out at the worst level
        return;
    }
    if (m_total_written >= m_policy.total_per_window) {
        ++m_total_suppressed;
        return;
    }
    if (it != m_keys.end()) {
        ++it->second.written;
        if (it->second.suppressed == 0) it->second.level = level;
    }
    ++m_total_written;
    if (isProblem(level)) remember(level, message, now.wall_s);
    if (shown) write(level, message);
}

void Logger::flushSuppressed() {
    const std::lock_guard lock(m_mutex);
    flushEnded(m_clock().steady_ms);
}

void Logger::flushEnded(std::int64_t now_ms) {
    for (auto it = m_keys.begin(); it != m_keys.end();) {
        const KeyWindow& window = it->second;
        if (now_ms - window.start_ms < m_policy.window_ms) {
            ++it;
            continue;
        }
        if (window.suppressed > 0 && window.level <= m_policy.threshold)
            write(window.level, "(" + countText(window.suppressed, "similar message", "similar messages") +
                                    " suppressed: " + it->first + ")");
        it = m_keys.erase(it);
    }
    if (m_total_started && now_ms - m_total_start_ms >= m_policy.window_ms) {
        if (m_total_suppressed > 0)
            write(LogLevel::Warn, "(" + countText(m_total_suppressed, "message", "messages") +
                                      " suppressed: more than " + std::to_string(m_policy.total_per_window) +
                                      " lines in " + std::to_string(m_policy.window_ms / 1000) + " s)");
        m_total_started = false;
        m_total_written = 0;
        m_total_suppressed = 0;
    }
}

void Logger::write(LogLevel level, std::string_view text) {
    std::string line;
    for (std::size_t start = 0; start <= text.size();) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view part = text.substr(start, end - start);
        if (!part.empty() || text.empty()) {
            line.clear();
            if (m_policy.journal)
                line += journalPriority(level);
            else
                line.append(m_policy.plain_tag).append(": ").append(plainLevel(level));
            line.append(part).push_back('\n');
            m_sink(line);
        }
        start = end + 1;
    }
}

void Logger::remember(LogLevel level, std::string_view text, std::int64_t wall_s) {
    if (m_policy.recent_capacity == 0) return;
    if (m_recent.size() >= m_policy.recent_capacity) m_recent.pop_front();
    m_recent.push_back(LogRecord{wall_s, level, std::string(text)});
}

std::vector<LogRecord> Logger::recentErrors(std::size_t max) const {
    const std::lock_guard lock(m_mutex);
    std::vector<LogRecord> newest_first;
    for (auto it = m_recent.rbegin(); it != m_recent.rend() && newest_first.size() < max; ++it)
        newest_first.push_back(*it);
    return newest_first;
}

bool stderrIsJournal() {
    const char* stream = std::getenv("JOURNAL_STREAM");
    if (stream == nullptr) return false;
    unsigned long long device = 0, inode = 0;
    char tail = 0;
    if (std::sscanf(stream, "%llu:%llu%c", &device, &inode, &tail) != 2) return false;
    struct stat st {};
    if (fstat(STDERR_FILENO, &st) != 0) return false;
    return static_cast<unsigned long long>(st.st_dev) == device && static_cast<unsigned long long>(st.st_ino) == inode;
}

Logger& programLog() {
    static Logger logger(
        [] {
            LogPolicy policy;
            policy.journal = stderrIsJournal();
            return policy;
        }(),
        writeToStderr, realClock);
    return logger;
}

void logLine(LogLevel level, std::string_view message, std::string_view key) {
    programLog().log(level, message, key);
}

std::vector<LogRecord> recentErrors(std::size_t max) {
    return programLog().recentErrors(max);
}

} // namespace gk
