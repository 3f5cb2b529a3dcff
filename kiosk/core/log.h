// The running program's log: one line per event on stderr, which systemd hands to journald
// (size-bounded there; this program never writes log files). Under journald each line starts
// with its syslog priority ("<3>" error, "<4>" warning, "<6>" info, "<7>" debug: sd-daemon(3)),
// elsewhere it reads "gongkai-kiosk run: warning: …". The config's log_level filters; a message
// repeated in a loop is rate limited (per key and overall) so that a fault cannot flood the
// journal, with one "(N similar messages suppressed)" line afterwards. The most recent errors and
// warnings are kept in memory for the heartbeat's "recent errors". Thread-safe: the sync worker's
// callback logs from its own thread. No SDL, ImGui, GL or curl.
#pragma once

#include "config/settings.h"

#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

struct LogRecord {
    std::int64_t time_s = 0; // wall clock, Unix seconds
    LogLevel level = LogLevel::Error;
    std::string text; // the message as given (no prefix)
};

struct LogPolicy {
    LogLevel threshold = LogLevel::Info;     // lines above this level are dropped
    int per_key_per_window = 5;              // the same message at most this often per window
    int total_per_window = 100;              // all messages together
    std::int64_t window_ms = 60000;          // one minute
    std::size_t key_bytes = 60;              // messages alike in their first bytes share a key
    std::size_t recent_capacity = 32;        // errors and warnings kept for recentErrors()
    std::string plain_tag = "gongkai-kiosk"; // "TAG: " starts each line when not under journald
    bool journal = false;                    // "<N>" priority prefixes instead of the tag
};

struct LogClockReading {
    std::int64_t steady_ms = 0; // for the rate windows: never jumps
    std::int64_t wall_s = 0;    // for the times in recentErrors()
};

class Logger {
public:
    using Sink = std::function<void(std::string_view line)>; // one whole line, ending in '\n'
    using Clock = std::function<LogClockReading()>;

    Logger(LogPolicy policy, Sink sink, Clock clock);

    void setThreshold(LogLevel threshold);
    void setTag(std::string tag);
    // key: what makes two messages "the same" for the rate limit; empty = the message's first
    // policy.key_bytes bytes. A message with newlines is written as several lines.
    void log(LogLevel level, std::string_view message, std::string_view key = {});
    // Writes the summary line of every rate window that has ended with messages suppressed
    // (log() does this too; call it when idle so that the summary is not held back).
    void flushSuppressed();
    // The newest first, at most max: errors and warnings that were written (or filtered out only
    // by the level threshold — they are still worth reporting), not the ones rate limited.
    std::vector<LogRecord> recentErrors(std::size_t max) const;

private:
    struct KeyWindow {
        std::int64_t start_ms = 0;
        int written = 0;
        int suppressed = 0;
        LogLevel level = LogLevel::Info; // of the suppressed messages, for the summary's priority
    };

    void write(LogLevel level, std::string_view text); // holds m_mutex
    void flushEnded(std::int64_t now_ms);              // holds m_mutex
    void remember(LogLevel level, std::string_view text, std::int64_t wall_s);

    LogPolicy m_policy;
    Sink m_sink;
    Clock m_clock;
    mutable std::mutex m_mutex;
    std::map<std::string, KeyWindow> m_keys;
    std::int64_t m_total_start_ms = 0;
    int m_total_written = 0;
    int m_total_suppressed = 0;
    bool m_total_started = false;
    std::deque<LogRecord> m_recent;
};

// True when stderr is connected to journald ($JOURNAL_STREAM names stderr's device and inode).
bool stderrIsJournal();

// The program's logger: stderr, the real clocks, journald prefixes when stderr is the journal.
Logger& programLog();
void logLine(LogLevel level, std::string_view message, std::string_view key = {});
std::vector<LogRecord> recentErrors(std::size_t max);

} // namespace gk
