// Proof of play and the audit log (kiosk/services/records.h) on real files in a temporary directory, and
// the CSV of `report plays` (kiosk/cli/report_commands.h). Raw SQLite only to hold a write lock.
#include "kiosk/cli/report_commands.h"
#include "kiosk/services/records.h"

#include <catch2/catch.hpp>

#include <limits>
#include <sqlite3.h>

#include <chrono>
#include <fstream>
#include <random>
#include <set>

namespace gk {
namespace {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        std::random_device device;
        m_path = fs::temp_directory_path() / ("gongkai-records-test-" + std::to_string(device()));
        fs::create_directories(m_path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    fs::path file() const { return recordsPathIn(m_path); }

private:
    fs::path m_path;
};

// 2026-11-27T00:00:00+08:00
constexpr std::int64_t kDay = 1795708800;
static_assert(kDay % 86400 == 86400 - 8 * 3600);

PlayRecord play(const std::string& ref, std::int64_t start_s, std::int64_t duration_s = 15,
                const std::string& group = "hall-main") {
    return PlayRecord{ref, group, start_s, duration_s, "scheduled"};
}

std::unique_ptr<Records> openOrFail(const fs::path& path, RecordsLimits limits = {}) {
    std::string error;
    std::unique_ptr<Records> records = Records::open(path, error, limits);
    INFO(error);
    REQUIRE(records);
    return records;
}

std::vector<PlayTotal> totals(Records& records, std::int64_t from_s, std::int64_t to_s,
                              std::optional<std::string> group = std::nullopt) {
    std::string error;
    const auto result = records.playTotals(from_s, to_s, group, error);
    INFO(error);
    REQUIRE(result);
    return *result;
}

} // namespace

TEST_CASE("plays are totalled per item and screen group over a time range", "[records]") {
    TempDir dir;
    auto records = openOrFail(dir.file());
    CHECK(records->recordPlay(play("notice:n-1", kDay + 100)));
    CHECK(records->recordPlay(play("guide:g-1", kDay + 115, 20)));
    CHECK(records->recordPlay(play("notice:n-1", kDay + 135, 10)));
    CHECK(records->recordPlay(play("notice:n-1", kDay + 200, 15, "hall-portrait")));
    CHECK(records->recordPlay(PlayRecord{"", "hall-main", kDay + 300, 60, "idle"}));
    CHECK(records->recordPlay(play("notice:n-1", kDay + 400, 0))); // less than a second: not a play
    CHECK(records->playCount() == 5);

    const std::vector<PlayTotal> all = totals(*records, kDay, kDay + 86400);
    REQUIRE(all.size() == 3); // idle is not an item
    CHECK(all[0].ref == "guide:g-1");
    CHECK(all[1].ref == "notice:n-1");
    CHECK(all[1].screen_group == "hall-main");
    CHECK(all[1].plays == 2);
    CHECK(all[1].total_s == 25);
    CHECK(all[1].first_s == kDay + 100);
    CHECK(all[1].last_s == kDay + 145);
    CHECK(all[2].screen_group == "hall-portrait");

    CHECK(totals(*records, kDay, kDay + 86400, "hall-portrait").size() == 1);
    CHECK(totals(*records, kDay + 101, kDay + 135).size() == 1); // starts in [from, to)
    CHECK(totals(*records, kDay + 1000, kDay + 2000).empty());
}

TEST_CASE("report dates are whole local days, both ends included", "[records][report]") {
    TempDir dir;
    auto records = openOrFail(dir.file());
    records->recordPlay(play("notice:before", kDay - 1));
    records->recordPlay(play("notice:first", kDay));
    records->recordPlay(play("notice:last", kDay + 86400 - 1));
    records->recordPlay(play("notice:after", kDay + 86400));
    const TimeRange day = localDaysRange(Date{2026, 11, 27}, Date{2026, 11, 27}, 8 * 3600);
    CHECK(day.from_s == kDay);
    const std::vector<PlayTotal> shown = totals(*records, day.from_s, day.to_s);
    REQUIRE(shown.size() == 2);
    CHECK(shown[0].ref == "notice:first");
    CHECK(shown[1].ref == "notice:last");
    const TimeRange two = localDaysRange(Date{2026, 11, 26}, Date{2026, 11, 28}, 8 * 3600);
    CHECK(totals(*records, two.from_s, two.to_s).size() == 4);
    // UTC days are eight hours later than China's.
    CHECK(localDaysRange(Date{2026, 11, 27}, Date{2026, 11, 27}, 0).from_s == kDay + 8 * 3600);
}

TEST_CASE("every play has its own id, kept until it is marked sent", "[records]") {
    TempDir dir;
    auto records = openOrFail(dir.file());
    for (int i = 0; i < 500; ++i) REQUIRE(records->recordPlay(play("notice:same", kDay + i * 15)));
    const std::vector<StoredPlay> unsent = records->unsentPlays(1000);
    REQUIRE(unsent.size() == 500);
    std::set<std::string> ids;
    for (const StoredPlay& p : unsent) {
        CHECK(p.id.size() == 36);
        CHECK(p.id[14] == '4'); // UUID version 4
        ids.insert(p.id);
    }
    CHECK(ids.size() == 500);
    CHECK(unsent.front().play.start_s == kDay); // oldest first
    CHECK(records->markSent({unsent[0].id, unsent[1].id}));
    CHECK(records->unsentPlays(1000).size() == 498);
    CHECK(records->unsentPlays(10).front().id == unsent[2].id);
}

TEST_CASE("the cap drops the oldest sent plays first, then the oldest, and counts them", "[records]") {
    TempDir dir;
    auto records = openOrFail(dir.file(), RecordsLimits{10, 3});
    for (int i = 0; i < 10; ++i) records->recordPlay(play("notice:" + std::to_string(i), kDay + i * 15));
    const std::vector<StoredPlay> unsent = records->unsentPlays(10);
    REQUIRE(records->markSent({unsent[4].id, unsent[7].id}));

    records->recordPlay(play("notice:10", kDay + 150));
    records->recordPlay(play("notice:11", kDay + 165));
    CHECK(records->playCount() == 10);
    CHECK(records->counter("plays_dropped") == 2);
    CHECK(records->counter("plays_dropped_unsent") == 0);
    CHECK(records->unsentPlays(1).front().play.ref == "notice:0"); // the sent ones went first

    records->recordPlay(play("notice:12", kDay + 180));
    CHECK(records->playCount() == 10);
    CHECK(records->counter("plays_dropped") == 3);
    CHECK(records->counter("plays_dropped_unsent") == 1);
    CHECK(records->unsentPlays(1).front().play.ref == "notice:1");
    CHECK(totals(*records, kDay, kDay + 86400).size() == 10);

    for (int i = 0; i < 5; ++i)
        CHECK(records->recordAudit(kDay + i, "staff-panel", "reorder", "item " + std::to_string(i)));
    CHECK(records->auditCount() == 3);
    CHECK(records->counter("audit_dropped") == 2);
}

TEST_CASE("plays, audit entries and counters survive reopening", "[records]") {
    TempDir dir;
    {
        auto records = openOrFail(dir.file(), RecordsLimits{2, 10});
        for (int i = 0; i < 3; ++i) records->recordPlay(play("guide:g-" + std::to_string(i), kDay + i * 20));
        records->recordAudit(kDay, "staff-panel", "dismiss-urgent", "notice:n-2026-041");
    }
    auto records = openOrFail(dir.file(), RecordsLimits{2, 10});
    CHECK(records->movedAside().empty());
    CHECK(records->playCount() == 2);
    CHECK(records->auditCount() == 1);
    CHECK(records->counter("plays_dropped") == 1);
    std::string error;
    auto reader = Records::openForReading(dir.file(), error);
    REQUIRE(reader);
    CHECK(totals(*reader, kDay, kDay + 86400).size() == 2);
    CHECK_FALSE(reader->recordPlay(play("guide:g-9", kDay)));
    CHECK_FALSE(Records::openForReading(dir.file().parent_path() / "none.sqlite", error));
    CHECK_FALSE(fs::exists(dir.file().parent_path() / "none.sqlite"));
}

TEST_CASE("the heartbeat outbox keeps the newest max_heartbeats, counts what it dropped, and numbers every one",
          "[records][outbox]") {
    TempDir dir;
    RecordsLimits limits;
    limits.max_heartbeats = 3;
    std::set<std::string> ids;
    {
        auto records = openOrFail(dir.file(), limits);
        for (int i = 1; i <= 5; ++i) {
            const std::optional<QueuedHeartbeat> queued =
                records->queueHeartbeat(kDay + i, "{\"n\":" + std::to_string(i) + "}");
            REQUIRE(queued);
            CHECK(queued->seq == i);
            CHECK(queued->id.size() == 36);
            ids.insert(queued->id);
        }
        CHECK(ids.size() == 5);
        CHECK(records->heartbeatCount() == 3);
        CHECK(records->counter("heartbeats_dropped") == 2);
    }
    auto records = openOrFail(dir.file(), limits); // across a restart: the same queue, seq goes on
    const std::vector<QueuedHeartbeat> oldest = records->oldestHeartbeats(10);
    REQUIRE(oldest.size() == 3);
    CHECK(oldest[0].seq == 3);
    CHECK(oldest[0].created_s == kDay + 3);
    CHECK(oldest[0].body == "{\"n\":3}");
    CHECK(oldest[2].seq == 5);
    CHECK(records->oldestHeartbeats(2).size() == 2);
    REQUIRE(records->queueHeartbeat(kDay + 6, "{}"));
    CHECK(records->oldestHeartbeats(1)[0].seq == 4);
    CHECK(records->counter("heartbeats_dropped") == 3);
    CHECK(records->counter("heartbeats_queued") == 6);
}

TEST_CASE("acknowledging removes exactly the delivered heartbeats and marks exactly the delivered plays",
          "[records][outbox]") {
    TempDir dir;
    auto records = openOrFail(dir.file());
    for (int i = 0; i < 3; ++i) REQUIRE(records->recordPlay(play("notice:n-" + std::to_string(i), kDay + 15 * i)));
    const auto first = records->queueHeartbeat(kDay, "{}");
    const auto second = records->queueHeartbeat(kDay + 300, "{}");
    REQUIRE((first && second));
    const std::vector<StoredPlay> unsent = records->unsentPlays(2);
    REQUIRE(unsent.size() == 2);
    CHECK(records->unsentPlayCount() == 3);
    REQUIRE(records->acknowledge({first->id}, {unsent[0].id, unsent[1].id}, kDay + 301));
    CHECK(records->unsentPlayCount() == 1);
    CHECK(records->unsentPlays(10).at(0).play.ref == "notice:n-2");
    REQUIRE(records->heartbeatCount() == 1);
    CHECK(records->oldestHeartbeats(10).at(0).id == second->id);
    CHECK(records->counter("heartbeats_delivered") == 1);
    CHECK(records->counter("plays_delivered") == 2);
    CHECK(records->counter("last_delivery_s") == kDay + 301);
    CHECK(records->playCount() == 3); // sent plays stay for reports
}

TEST_CASE("a version 1 records file gains the outbox and keeps its plays, audit entries and counters",
          "[records][outbox]") {
    TempDir dir;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.file().c_str(), &db) == SQLITE_OK);
        const char* version1 = R"sql(
CREATE TABLE plays(id TEXT PRIMARY KEY, ref TEXT NOT NULL, screen_group TEXT NOT NULL, start_s INTEGER NOT NULL,
                   duration_s INTEGER NOT NULL, reason TEXT NOT NULL, sent INTEGER NOT NULL DEFAULT 0);
CREATE INDEX plays_start ON plays(start_s);
CREATE INDEX plays_unsent ON plays(sent, start_s);
CREATE TABLE audit(id INTEGER PRIMARY KEY, at_s INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                   detail TEXT NOT NULL);
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO plays VALUES('6f1c2a8e-0000-4000-8000-000000000001', 'notice:n-1', 'hall-main', 1795708800, 15,
                         'scheduled', 0);
INSERT INTO audit(at_s, actor, action, detail) VALUES(1795708800, 'staff-panel', 'open', '');
INSERT INTO meta VALUES('plays_dropped', 7);
PRAGMA user_version = 1;
)sql";
        REQUIRE(sqlite3_exec(db, version1, nullptr, nullptr, nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    std::string error;
    auto reader = Records::openForReading(dir.file(), error); // a report never migrates
    REQUIRE(reader);
    CHECK(reader->heartbeatCount() == 0);
    CHECK(reader->unsentPlayCount() == 1);
    reader.reset();

    auto records = openOrFail(dir.file());
    CHECK(records->playCount() == 1);
    CHECK(records->auditCount() == 1);
    CHECK(records->counter("plays_dropped") == 7);
    const std::vector<StoredPlay> unsent = records->unsentPlays(10);
    REQUIRE(unsent.size() == 1);
    CHECK(unsent[0].id == "6f1c2a8e-0000-4000-8000-000000000001");
    REQUIRE(records->queueHeartbeat(kDay, "{}"));
    CHECK(records->heartbeatCount() == 1);
    records.reset();
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open(dir.file().c_str(), &db) == SQLITE_OK);
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &statement, nullptr) == SQLITE_OK);
    REQUIRE(sqlite3_step(statement) == SQLITE_ROW);
    CHECK(sqlite3_column_int(statement, 0) == 2);
    sqlite3_finalize(statement);
    sqlite3_close(db);
}

TEST_CASE("a damaged file is moved aside and recording goes on in a new one", "[records]") {
    TempDir dir;
    const std::string garbage(8192, 'x');
    std::ofstream(dir.file(), std::ios::binary) << garbage;
    auto records = openOrFail(dir.file());
    REQUIRE_FALSE(records->movedAside().empty());
    CHECK(records->movedAside().filename().string().rfind("records.sqlite.corrupt-", 0) == 0);
    CHECK(fs::file_size(records->movedAside()) == garbage.size());
    CHECK(records->recordPlay(play("notice:n-1", kDay)));
    CHECK(totals(*records, kDay, kDay + 86400).size() == 1);
    records.reset();

    // Damage inside the tables (the header intact) is found by the integrity check at open.
    {
        auto filled = openOrFail(dir.file());
        for (int i = 0; i < 2000; ++i) filled->recordPlay(play("notice:n-" + std::to_string(i), kDay + i));
    }
    {
        std::fstream file(dir.file(), std::ios::in | std::ios::out | std::ios::binary);
        file.seekp(3 * 4096);
        file << std::string(4 * 4096, '\x5a');
    }
    auto reopened = openOrFail(dir.file());
    CHECK_FALSE(reopened->movedAside().empty());
    CHECK(reopened->playCount() == 0);
    CHECK(reopened->recordPlay(play("notice:n-2", kDay)));
}

TEST_CASE("someone else's SQLite file is moved aside, not left to fail every play", "[records]") {
    TempDir dir;
    {
        sqlite3* db = nullptr;
        REQUIRE(sqlite3_open(dir.file().c_str(), &db) == SQLITE_OK);
        REQUIRE(sqlite3_exec(db, "CREATE TABLE plays(x); CREATE TABLE visitors(name TEXT);", nullptr, nullptr,
                             nullptr) == SQLITE_OK);
        sqlite3_close(db);
    }
    auto records = openOrFail(dir.file());
    REQUIRE_FALSE(records->movedAside().empty());
    CHECK(records->recordPlay(play("notice:n-1", kDay)));
    CHECK(totals(*records, kDay, kDay + 86400).size() == 1);
}

TEST_CASE("a locked database holds plays in memory and writes them later", "[records]") {
    TempDir dir;
    auto records = openOrFail(dir.file());
    sqlite3* other = nullptr;
    REQUIRE(sqlite3_open(dir.file().c_str(), &other) == SQLITE_OK);
    REQUIRE(sqlite3_exec(other, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) == SQLITE_OK);
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(records->recordPlay(play("notice:n-1", kDay)));
    CHECK(std::chrono::steady_clock::now() - start < std::chrono::milliseconds(1000)); // no stall
    sqlite3_exec(other, "COMMIT", nullptr, nullptr, nullptr);
    sqlite3_close(other);
    CHECK(records->recordPlay(play("notice:n-2", kDay + 15)));
    CHECK(records->playCount() == 2);
    CHECK(totals(*records, kDay, kDay + 86400).size() == 2);
}

TEST_CASE("the plays CSV quotes titles and names items that are gone with an empty title", "[report]") {
    CHECK(csvField("plain") == "plain");
    CHECK(csvField("a,b") == "\"a,b\"");
    CHECK(csvField("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(csvField("two\nlines") == "\"two\nlines\"");

    Content content;
    Notice notice;
    notice.id = "n-1";
    notice.title = "关于“停水”的通告, \"紧急\"";
    content.notices.push_back(notice);
    content.playlists["hall-main"] =
        R"({"name": "主屏", "items": [{"ref": "notice:n-1"}, {"text": {"title": "学习, 榜样", "body": "…"}}]})";
    CHECK(titleForRef(content, "hall-main", "text:1") == "学习, 榜样");
    CHECK(titleForRef(content, "hall-main", "text:7").empty());
    CHECK(titleForRef(content, "elsewhere", "text:1").empty());

    const std::vector<PlayTotal> rows{{"notice:n-1", "hall-main", 3, 45, kDay, kDay + 100},
                                      {"notice:gone", "hall-main", 1, 15, kDay + 3600, kDay + 3615}};
    const std::string csv = playsCsv(rows, &content, 8 * 3600);
    CHECK(csv == std::string(kPlaysCsvHeader) + "\n" +
                     "notice:n-1,\"关于“停水”的通告, \"\"紧急\"\"\",hall-main,3,45,2026-11-27T00:00:00+08:00,"
                     "2026-11-27T00:01:40+08:00\n"
                     "notice:gone,,hall-main,1,15,2026-11-27T01:00:00+08:00,2026-11-27T01:00:15+08:00\n");
    CHECK(playsCsv({}, nullptr, 8 * 3600) == std::string(kPlaysCsvHeader) + "\n");
}

} // namespace gk

TEST_CASE("a play lasts from its start to now, within its slot, whatever the wall clock did", "[records]") {
    constexpr std::int64_t kYear = 365 * 86400;
    constexpr std::int64_t kNoEnd = std::numeric_limits<std::int64_t>::max();
    const std::int64_t start = 1'795'000'000;
    CHECK(gk::playedSeconds(start, start + 12, start + 15) == 12);
    CHECK(gk::playedSeconds(start, start + 15, start + 15) == 15);
    // The clock jumped 6 years forward during the play (NTP after a reset RTC): at most its slot.
    CHECK(gk::playedSeconds(start, start + 6 * kYear, start + 15) == 15);
    // ... or back: nothing was shown for negative time.
    CHECK(gk::playedSeconds(start, start - 6 * kYear, start + 15) == 0);
    // A slot without an end (an urgent notice, the idle screen) is bounded by now only.
    CHECK(gk::playedSeconds(start, start + 40, kNoEnd) == 40);
    CHECK(gk::playedSeconds(start, start - 40, kNoEnd) == 0);
}

TEST_CASE("a video's plays are titled with the video's name, an image's with the image's", "[report][video]") {
    const std::string sha(64, 'a');
    gk::Content content;
    content.playlists["hall-main"] =
        R"({"items": [{"image": {"name": "流程图", "href": "att/same", "sha256": ")" + sha +
        R"(", "bytes": 10, "type": "image/png"}}, {"video": {"name": "宣传片", "href": "att/same", "sha256": ")" + sha +
        R"(", "bytes": 10, "type": "video/mp4"}}], "fallback": {"video": {"name": "片尾", "href": "att/end.mp4",
        "sha256": ")" +
        sha + R"(", "bytes": 10, "type": "video/mp4"}}})";
    CHECK(gk::titleForRef(content, "hall-main", "video:att/same") == "宣传片");
    CHECK(gk::titleForRef(content, "hall-main", "image:att/same") == "流程图");
    CHECK(gk::titleForRef(content, "hall-main", "video:att/end.mp4") == "片尾");
    CHECK(gk::titleForRef(content, "hall-main", "image:att/end.mp4").empty());
    CHECK(gk::titleForRef(content, "hall-main", "video:att/none.mp4").empty());
}
