// kiosk/log: the level filter, journald priorities, the per-message and overall rate limits and
// the recent-errors ring, with an injected clock and sink (no stderr, no sleeping).
#include "kiosk/core/log.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using gk::LogLevel;

// A logger whose lines land in `lines` and whose clock is `now`.
struct Harness {
    std::vector<std::string> lines;
    gk::LogClockReading now{1000, 1764300000};
    gk::Logger logger;

    explicit Harness(gk::LogPolicy policy = {})
        : logger(
              std::move(policy), [this](std::string_view line) { lines.emplace_back(line); }, [this] { return now; }) {}

    void advanceMs(std::int64_t ms) {
        now.steady_ms += ms;
        now.wall_s += ms / 1000;
    }
};

gk::LogPolicy journalPolicy() {
    gk::LogPolicy policy;
    policy.journal = true;
    return policy;
}

} // namespace

TEST_CASE("log: plain lines carry the tag and the level word", "[log]") {
    gk::LogPolicy policy;
    policy.plain_tag = "gongkai-kiosk run";
    Harness h(policy);
    h.logger.log(LogLevel::Error, "cannot open records");
    h.logger.log(LogLevel::Warn, "config has problems");
    h.logger.log(LogLevel::Info, "first frame shown");
    REQUIRE(h.lines == std::vector<std::string>{"gongkai-kiosk run: error: cannot open records\n",
                                                "gongkai-kiosk run: warning: config has problems\n",
                                                "gongkai-kiosk run: first frame shown\n"});
}

TEST_CASE("log: under journald each line starts with its syslog priority", "[log]") {
    gk::LogPolicy policy = journalPolicy();
    policy.threshold = LogLevel::Debug;
    Harness h(policy);
    h.logger.log(LogLevel::Error, "e");
    h.logger.log(LogLevel::Warn, "w");
    h.logger.log(LogLevel::Info, "i");
    h.logger.log(LogLevel::Debug, "d");
    REQUIRE(h.lines == std::vector<std::string>{"<3>e\n", "<4>w\n", "<6>i\n", "<7>d\n"});
}

TEST_CASE("log: a message with newlines becomes one prefixed line each", "[log]") {
    Harness h(journalPolicy());
    h.logger.log(LogLevel::Warn, "kiosk.json: mode: bad\nkiosk.json: tls: bad\n");
    REQUIRE(h.lines == std::vector<std::string>{"<4>kiosk.json: mode: bad\n", "<4>kiosk.json: tls: bad\n"});
}

TEST_CASE("log: log_level filters what is written", "[log]") {
    Harness h(journalPolicy());
    h.logger.log(LogLevel::Debug, "not by default");
    CHECK(h.lines.empty());
    h.logger.setThreshold(LogLevel::Warn);
    h.logger.log(LogLevel::Info, "info is now below the threshold");
    h.logger.log(LogLevel::Warn, "warnings pass");
    h.logger.log(LogLevel::Error, "errors pass");
    CHECK(h.lines == std::vector<std::string>{"<4>warnings pass\n", "<3>errors pass\n"});
    h.logger.setThreshold(LogLevel::Error);
    h.logger.log(LogLevel::Warn, "a warning filtered out");
    CHECK(h.lines.size() == 2);
    // Still a recent problem worth reporting, even though it was not written.
    const std::vector<gk::LogRecord> recent = h.logger.recentErrors(10);
    REQUIRE(recent.size() == 3);
    CHECK(recent[0].text == "a warning filtered out");
}

TEST_CASE("log: the same message at most N times a window, then one summary line", "[log]") {
    gk::LogPolicy policy = journalPolicy();
    policy.per_key_per_window = 3;
    Harness h(policy);
    for (int i = 0; i < 10; ++i) {
        h.logger.log(LogLevel::Warn, "portal unreachable: attempt " + std::to_string(i), "portal unreachable");
        h.advanceMs(1000);
    }
    REQUIRE(h.lines.size() == 3);
    CHECK(h.lines[2] == "<4>portal unreachable: attempt 2\n");
    h.logger.log(LogLevel::Info, "another message is not held back");
    CHECK(h.lines.size() == 4);

    h.advanceMs(60000); // the window has ended: the summary is written when asked, then lines flow again
    h.logger.flushSuppressed();
    REQUIRE(h.lines.size() == 5);
    CHECK(h.lines[4] == "<4>(7 similar messages suppressed: portal unreachable)\n");
    h.logger.flushSuppressed();
    CHECK(h.lines.size() == 5); // only once
    h.logger.log(LogLevel::Warn, "portal unreachable: attempt 10", "portal unreachable");
    CHECK(h.lines.back() == "<4>portal unreachable: attempt 10\n");
}

TEST_CASE("log: without a key, messages alike in their first bytes count as the same", "[log]") {
    gk::LogPolicy policy = journalPolicy();
    policy.per_key_per_window = 2;
    policy.key_bytes = 10;
    Harness h(policy);
    h.logger.log(LogLevel::Error, "0123456789 first");
    h.logger.log(LogLevel::Error, "0123456789 second");
    h.logger.log(LogLevel::Error, "0123456789 third");
    h.logger.log(LogLevel::Error, "different start");
    REQUIRE(h.lines ==
            std::vector<std::string>{"<3>0123456789 first\n", "<3>0123456789 second\n", "<3>different start\n"});
    h.advanceMs(60000);
    h.logger.log(LogLevel::Info, "next minute"); // a later line brings the summary out first
    REQUIRE(h.lines.size() == 5);
    CHECK(h.lines[3] == "<3>(1 similar message suppressed: 0123456789)\n");
    CHECK(h.lines[4] == "<6>next minute\n");
}

TEST_CASE("log: an overall cap per window, whatever the messages", "[log]") {
    gk::LogPolicy policy = journalPolicy();
    policy.total_per_window = 5;
    Harness h(policy);
    for (int i = 0; i < 12; ++i) h.logger.log(LogLevel::Info, "distinct message " + std::to_string(i));
    CHECK(h.lines.size() == 5);
    h.advanceMs(59999);
    h.logger.flushSuppressed();
    CHECK(h.lines.size() == 5); // the window has not ended yet
    h.advanceMs(1);
    h.logger.log(LogLevel::Info, "a new minute");
    REQUIRE(h.lines.size() == 7);
    CHECK(h.lines[5] == "<4>(7 messages suppressed: more than 5 lines in 60 s)\n");
    CHECK(h.lines[6] == "<6>a new minute\n");
}

TEST_CASE("log: recentErrors keeps the newest errors and warnings with their times", "[log]") {
    gk::LogPolicy policy = journalPolicy();
    policy.recent_capacity = 3;
    policy.per_key_per_window = 2;
    Harness h(policy);
    h.logger.log(LogLevel::Info, "info is not an error");
    h.logger.log(LogLevel::Error, "one");
    h.advanceMs(2000);
    h.logger.log(LogLevel::Warn, "two");
    h.advanceMs(2000);
    h.logger.log(LogLevel::Error, "three");
    h.advanceMs(2000);
    h.logger.log(LogLevel::Error, "four");
    std::vector<gk::LogRecord> recent = h.logger.recentErrors(10);
    REQUIRE(recent.size() == 3); // the capacity
    CHECK(recent[0].text == "four");
    CHECK(recent[0].time_s == 1764300006);
    CHECK(recent[1].text == "three");
    CHECK(recent[2].text == "two");
    CHECK(recent[2].level == LogLevel::Warn);
    CHECK(h.logger.recentErrors(1).size() == 1);
    // Rate-limited repeats do not push older errors out.
    for (int i = 0; i < 5; ++i) h.logger.log(LogLevel::Error, "loop");
    recent = h.logger.recentErrors(10);
    CHECK(recent[0].text == "loop");
    CHECK(recent[1].text == "loop");
    CHECK(recent[2].text == "four");
}

TEST_CASE("log: two threads logging at once never mix their lines", "[log]") {
    gk::LogPolicy policy = journalPolicy();
    policy.total_per_window = 100000;
    policy.per_key_per_window = 100000;
    Harness h(policy);
    const auto writer = [&h](const std::string& text) {
        for (int i = 0; i < 2000; ++i) h.logger.log(LogLevel::Info, text);
    };
    std::thread a(writer, "from the sync worker");
    std::thread b(writer, "from the frame loop");
    a.join();
    b.join();
    REQUIRE(h.lines.size() == 4000);
    for (const std::string& line : h.lines) {
        const bool whole = line == "<6>from the sync worker\n" || line == "<6>from the frame loop\n";
        if (!whole) FAIL("mixed line: " << line);
    }
}

TEST_CASE("log: stderr is the journal only when JOURNAL_STREAM names it", "[log]") {
    char dir_template[] = "/tmp/gk-log-XXXXXX";
    const std::string dir = mkdtemp(dir_template);
    const std::string path = dir + "/stderr";
    const int saved = dup(STDERR_FILENO);
    const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    REQUIRE(fd >= 0);
    dup2(fd, STDERR_FILENO);
    struct stat st {};
    fstat(fd, &st);
    const std::string matching = std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
    unsetenv("JOURNAL_STREAM");
    const bool without = gk::stderrIsJournal();
    setenv("JOURNAL_STREAM", matching.c_str(), 1);
    const bool with_match = gk::stderrIsJournal();
    setenv("JOURNAL_STREAM", (std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino + 1)).c_str(), 1);
    const bool inherited_elsewhere = gk::stderrIsJournal(); // e.g. a shell started from a unit
    unsetenv("JOURNAL_STREAM");
    dup2(saved, STDERR_FILENO);
    close(saved);
    close(fd);
    unlink(path.c_str());
    rmdir(dir.c_str());
    CHECK_FALSE(without);
    CHECK(with_match);
    CHECK_FALSE(inherited_elsewhere);
}
