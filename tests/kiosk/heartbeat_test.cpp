// The heartbeat and the kiosk → portal status protocol (kiosk/services/heartbeat.h, sync/status_post.h)
// against a real HTTP server on 127.0.0.1 (tests/sync/fault_server.h), real records files and a
// real store: delivery, batches, the bound of the outbox, and a portal that is down (connection
// refused, then 503) while the kiosk restarts, without losing or duplicating anything.
#include "kiosk/services/heartbeat.h"
#include "kiosk/services/records.h"
#include "sync/status_post.h"

#include "fault_server.h"
#include "test_support.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <chrono>
#include <map>
#include <set>
#include <thread>

namespace gk {
namespace {

namespace fs = std::filesystem;
using test::FaultServer;
using test::Route;
using test::Served;
using test::TempDir;
using namespace std::chrono_literals;

constexpr std::int64_t kNow = 1795708800; // 2026-11-27T00:00:00+08:00

std::unique_ptr<Records> openRecords(const fs::path& data_dir, RecordsLimits limits = {}) {
    std::string error;
    std::unique_ptr<Records> records = Records::open(recordsPathIn(data_dir), error, limits);
    INFO(error);
    REQUIRE(records);
    return records;
}

Route status(int code) {
    Route route;
    route.status = code;
    route.body = code == 200 ? "{\"ok\":true}" : "down for maintenance";
    return route;
}

StatusPoster insecurePoster() {
    StatusPosterOptions options;
    options.allow_insecure_http = true; // the test server speaks plain http on 127.0.0.1
    options.connect_timeout_s = 5;
    options.transfer_timeout_s = 10;
    return StatusPoster(options);
}

// What the portal received in POSTs it answered 2xx, by id.
struct Acknowledged {
    std::map<std::string, int> heartbeat_ids; // id -> how many 2xx POSTs carried it
    std::map<std::string, int> play_ids;
    std::set<std::int64_t> seqs;
    int posts = 0;
    int refused_posts = 0; // answered, but not 2xx
    std::set<std::string> unacknowledged_heartbeat_ids;
    std::set<std::string> unacknowledged_play_ids;

    void add(const std::vector<Served>& log) {
        for (const Served& served : log) {
            if (served.method != "POST") continue;
            const nlohmann::json body = nlohmann::json::parse(served.body);
            const bool ok = served.status >= 200 && served.status < 300;
            (ok ? posts : refused_posts) += 1;
            for (const auto& beat : body["heartbeats"]) {
                if (ok) {
                    ++heartbeat_ids[beat["id"].get<std::string>()];
                    seqs.insert(beat["seq"].get<std::int64_t>());
                } else {
                    unacknowledged_heartbeat_ids.insert(beat["id"].get<std::string>());
                }
            }
            for (const auto& play : body["plays"]) {
                const std::string id = play["id"].get<std::string>();
                if (ok)
                    ++play_ids[id];
                else
                    unacknowledged_play_ids.insert(id);
            }
        }
    }
};

// Every play in the records file with its sent flag, read with plain SQLite.
std::map<std::string, bool> playsInFile(const fs::path& data_dir) {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open_v2(recordsPathIn(data_dir).c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    std::map<std::string, bool> plays;
    sqlite3_stmt* statement = nullptr;
    REQUIRE(sqlite3_prepare_v2(db, "SELECT id, sent FROM plays", -1, &statement, nullptr) == SQLITE_OK);
    while (sqlite3_step(statement) == SQLITE_ROW)
        plays[reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))] = sqlite3_column_int(statement, 1) == 1;
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return plays;
}

template <typename Condition> bool eventually(Condition condition, std::chrono::milliseconds limit = 15s) {
    const auto deadline = std::chrono::steady_clock::now() + limit;
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(20ms);
    }
    return condition();
}

PlayRecord play(std::int64_t start_s) {
    return PlayRecord{"notice:n-" + std::to_string(start_s), "hall-main", start_s, 15, "scheduled"};
}

DeviceStatus sampleStatus() {
    DeviceStatus status;
    status.device_id = "hall-2f-east";
    status.version = "1.2.3";
    status.mode = DeviceMode::Kiosk;
    status.screen_group = "hall-2f";
    status.generation = "0123456789abcdef";
    status.sync.last_attempt = kNow + 60;
    status.sync.last_success = kNow;
    status.sync.last_error = "HTTP 503";
    status.uptime_s = 3600;
    status.free_disk_bytes = 5'000'000'000ULL;
    status.recent_errors = {"2026-11-27T00:01:00+08:00 sync: HTTP 503"};
    return status;
}

} // namespace

TEST_CASE("a POST body carries the envelope, each heartbeat with its id and seq, each play with its id",
          "[heartbeat]") {
    const std::string status = deviceStatusJson(sampleStatus(), 8 * 3600).dump();
    const std::vector<QueuedHeartbeat> beats = {{"a1", 7, kNow, status}, {"a2", 8, kNow + 300, "{broken"}};
    const std::vector<StoredPlay> plays = {{"p1", PlayRecord{"notice:n1", "hall-2f", kNow, 15, "urgent"}}};
    const nlohmann::json body =
        nlohmann::json::parse(deliveryBody("hall-2f-east", beats, plays, DroppedCounts{4, 9}, kNow + 301, 8 * 3600));
    CHECK(body["format"] == "gongkai-status/1");
    CHECK(body["device_id"] == "hall-2f-east");
    CHECK(body["sent_at"] == "2026-11-27T00:05:01+08:00");
    CHECK(body["dropped"] == nlohmann::json({{"heartbeats", 4}, {"plays", 9}}));
    REQUIRE(body["heartbeats"].size() == 2);
    const nlohmann::json& first = body["heartbeats"][0];
    CHECK(first["id"] == "a1");
    CHECK(first["seq"] == 7);
    CHECK(first["created_at"] == "2026-11-27T00:00:00+08:00");
    CHECK(first["mode"] == "kiosk");
    CHECK(first["version"] == "1.2.3");
    CHECK(first["screen_group"] == "hall-2f");
    CHECK(first["generation"] == "0123456789abcdef");
    CHECK(first["last_sync_success"] == "2026-11-27T00:00:00+08:00");
    CHECK(first["last_sync_error"] == "HTTP 503");
    CHECK(first["uptime_s"] == 3600);
    CHECK(first["free_disk_bytes"] == 5'000'000'000ULL);
    CHECK(first["recent_errors"].size() == 1);
    // A row whose body is damaged still goes, so the queue cannot jam on it.
    CHECK(body["heartbeats"][1]["id"] == "a2");
    CHECK(body["heartbeats"][1]["unreadable_status"] == "{broken");
    REQUIRE(body["plays"].size() == 1);
    CHECK(body["plays"][0] == nlohmann::json({{"id", "p1"},
                                              {"ref", "notice:n1"},
                                              {"screen_group", "hall-2f"},
                                              {"start", "2026-11-27T00:00:00+08:00"},
                                              {"duration_s", 15},
                                              {"reason", "urgent"}}));
}

TEST_CASE("the device id: the configured one, else a UUID made once and kept in the data dir", "[heartbeat]") {
    TempDir temp;
    Settings settings;
    std::string error;
    const std::string made = resolveDeviceId(settings, temp.path(), error).value_or("");
    INFO(error);
    CHECK(isValidDeviceId(made));
    CHECK(made.size() == 36);
    CHECK(made[14] == '4');
    CHECK(resolveDeviceId(settings, temp.path(), error) == made);
    CHECK(test::readFile(temp.path() / "device-id") == made + "\n");
    settings.device_id = "hall-2f-east";
    CHECK(resolveDeviceId(settings, temp.path(), error) == "hall-2f-east");
    settings.device_id.clear();
    test::writeFile(temp.path() / "device-id", "../../etc/passwd\n");
    const std::string replaced = resolveDeviceId(settings, temp.path(), error).value_or("");
    CHECK(isValidDeviceId(replaced));
    CHECK(replaced != made);
}

TEST_CASE("status_url must be https, or http when allowed", "[heartbeat]") {
    std::string error;
    CHECK(checkStatusUrl("https://portal.example/kiosk/status", false, error));
    CHECK(checkStatusUrl("http://10.0.0.5/status", true, error));
    CHECK(error.empty());
    CHECK_FALSE(checkStatusUrl("http://10.0.0.5/status", false, error));
    CHECK(error ==
          "status_url \"http://10.0.0.5/status\": plain http:// is refused unless tls.allow_insecure_http is true");
    CHECK_FALSE(checkStatusUrl("file:///tmp/status", true, error));
    CHECK(error == "status_url \"file:///tmp/status\" is not an https:// URL");
    CHECK_FALSE(checkStatusUrl("status", true, error));
    CHECK(error == "status_url \"status\" is not an https:// URL");
    CHECK_FALSE(checkStatusUrl("https://", false, error));
    CHECK(error == "status_url \"https://\" has nothing after the scheme");
    CHECK_FALSE(checkStatusUrl("https://x/a b", false, error));
    CHECK(error == "status_url \"https://x/a b\" contains spaces or control bytes");
    StatusPoster poster; // https only: the request never leaves the kiosk
    const StatusPostResult refused = poster.post("http://127.0.0.1:9/status", "{}");
    CHECK_FALSE(refused.delivered);
    CHECK(refused.error.find("plain http:// is refused") != std::string::npos);
}

TEST_CASE("status_url comes from the current generation's manifest", "[heartbeat]") {
    test::SyncFixture fixture;
    CHECK(currentStatusUrl(fixture.data).empty()); // no store yet
    fixture.feed.write(fixture.portal, [](nlohmann::json& m) { m["status_url"] = "https://portal.example/status"; });
    REQUIRE(syncOnce(fixture.request()).result == SyncResult::Changed);
    CHECK(currentStatusUrl(fixture.data) == "https://portal.example/status");
    fixture.feed.write(fixture.portal, [](nlohmann::json& m) { m["generated_at"] = "2026-11-28T08:00:00+08:00"; });
    REQUIRE(syncOnce(fixture.request(2000)).result == SyncResult::Changed);
    CHECK(currentStatusUrl(fixture.data).empty()); // the new publish names none: nothing is sent
}

TEST_CASE("only a 2xx from status_url itself delivers a POST", "[heartbeat]") {
    FaultServer server;
    const std::string url = server.baseUrl() + "status";
    StatusPoster poster = insecurePoster();
    server.setRoute("/status", status(204));
    StatusPostResult result = poster.post(url, R"({"format":"gongkai-status/1"})");
    CHECK(result.delivered);
    CHECK(result.http_code == 204);
    REQUIRE(server.log().size() == 1);
    CHECK(server.log()[0].method == "POST");
    CHECK(server.log()[0].body == R"({"format":"gongkai-status/1"})");

    Route unavailable = status(503);
    unavailable.headers = {{"Retry-After", "120"}};
    server.setRoute("/status", unavailable);
    result = poster.post(url, "{}");
    CHECK_FALSE(result.delivered);
    CHECK(result.error == "HTTP 503 (retry after 120 s)");
    CHECK(result.retry_after_s == 120);

    server.setRoute("/status", test::redirectTo(server.baseUrl() + "elsewhere", 307));
    server.setRoute("/elsewhere", status(200));
    result = poster.post(url, "{}");
    CHECK_FALSE(result.delivered);
    CHECK(result.error == "HTTP 307 (redirects are not followed)");
    CHECK(server.requests("/elsewhere") == 0);

    int free_port = 0;
    {
        FaultServer gone;
        free_port = gone.port();
    }
    result = poster.post("http://127.0.0.1:" + std::to_string(free_port) + "/status", "{}");
    CHECK_FALSE(result.delivered);
    CHECK(result.http_code == 0);
    CHECK(result.error.find("Couldn't connect") != std::string::npos);
}

TEST_CASE("a flush sends heartbeats and plays oldest first in batches and marks only what got a 2xx", "[heartbeat]") {
    TempDir temp;
    FaultServer server;
    const std::string url = server.baseUrl() + "status";
    const std::unique_ptr<Records> records = openRecords(temp.path());
    for (int i = 0; i < 1200; ++i) REQUIRE(records->recordPlay(play(kNow + 15 * i)));
    for (int i = 0; i < 3; ++i) REQUIRE(records->queueHeartbeat(kNow + i, "{\"n\":" + std::to_string(i) + "}"));
    StatusPoster poster = insecurePoster();
    const std::atomic<bool> stop{false};
    const auto clock = [] { return kNow + 5000; };

    server.setRoute("/status", status(503));
    FlushResult flushed = flushOutbox(*records, poster, url, "dev-1", 8 * 3600, clock, stop);
    CHECK_FALSE(flushed.complete);
    CHECK(flushed.error == "HTTP 503");
    CHECK(flushed.posts == 0);
    CHECK(records->unsentPlayCount() == 1200); // nothing marked that was not acknowledged
    CHECK(records->heartbeatCount() == 3);
    CHECK(records->counter("last_delivery_s") == 0);

    server.clearLog();
    server.setRoute("/status", status(200));
    flushed = flushOutbox(*records, poster, url, "dev-1", 8 * 3600, clock, stop);
    CHECK(flushed.complete);
    CHECK(flushed.error.empty());
    CHECK(flushed.posts == 3);
    CHECK(flushed.plays_delivered == 1200);
    CHECK(flushed.heartbeats_delivered == 3);
    const std::vector<Served> log = server.log();
    REQUIRE(log.size() == 3);
    std::vector<std::size_t> batch_sizes;
    std::int64_t previous_start = 0;
    for (const Served& served : log) {
        const nlohmann::json body = nlohmann::json::parse(served.body);
        batch_sizes.push_back(body["plays"].size());
        for (const auto& p : body["plays"]) { // oldest first across batches
            const std::int64_t start = *parseIsoDateTime(p["start"].get<std::string>());
            CHECK(start > previous_start);
            previous_start = start;
        }
    }
    CHECK(batch_sizes == std::vector<std::size_t>{500, 500, 200});
    const nlohmann::json first = nlohmann::json::parse(log[0].body);
    REQUIRE(first["heartbeats"].size() == 3);
    CHECK(first["heartbeats"][0]["seq"] == 1);
    CHECK(first["heartbeats"][0]["n"] == 0);
    CHECK(first["heartbeats"][2]["seq"] == 3);
    CHECK(nlohmann::json::parse(log[1].body)["heartbeats"].empty());
    CHECK(records->unsentPlayCount() == 0);
    CHECK(records->heartbeatCount() == 0);
    CHECK(records->counter("plays_delivered") == 1200);
    CHECK(records->counter("heartbeats_delivered") == 3);
    CHECK(records->counter("last_delivery_s") == kNow + 5000);

    server.clearLog();
    flushed = flushOutbox(*records, poster, url, "dev-1", 8 * 3600, clock, stop);
    CHECK(flushed.complete);
    CHECK(server.log().empty()); // nothing left: nothing sent twice
}

TEST_CASE("base64 follows RFC 4648", "[heartbeat]") {
    // The test vectors of RFC 4648 section 10, and bytes above 0x7f.
    CHECK(base64Encode("").empty());
    CHECK(base64Encode("f") == "Zg==");
    CHECK(base64Encode("fo") == "Zm8=");
    CHECK(base64Encode("foo") == "Zm9v");
    CHECK(base64Encode("foob") == "Zm9vYg==");
    CHECK(base64Encode("fooba") == "Zm9vYmE=");
    CHECK(base64Encode("foobar") == "Zm9vYmFy");
    CHECK(base64Encode(std::string("\x89PNG\r\n\x1a\n", 8)) == "iVBORw0KGgo=");
    CHECK(base64Encode(std::string("\xff\xfe\xfd", 3)) == "//79");
}

TEST_CASE("the newest screenshot goes with the next POST until one is answered 2xx, then not again",
          "[heartbeat][screenshot]") {
    TempDir temp;
    FaultServer server;
    const std::string url = server.baseUrl() + "status";
    const std::unique_ptr<Records> records = openRecords(temp.path());
    StatusPoster poster = insecurePoster();
    const std::atomic<bool> stop{false};
    const auto clock = [] { return kNow + 5000; };
    ScreenshotSlot shots(300);
    CHECK_FALSE(shots.due(kNow)); // nobody to send it to yet
    shots.setWanted(true);
    CHECK(shots.due(kNow));
    shots.put(Screenshot{kNow, 480, 270, "first picture"});
    CHECK_FALSE(shots.due(kNow + 299));
    CHECK(shots.due(kNow + 300));
    CHECK(shots.due(kNow - 1)); // the clock went back
    shots.put(Screenshot{kNow + 300, 480, 270, std::string("\x89PNG newest", 11)});

    REQUIRE(records->queueHeartbeat(kNow, "{}"));
    server.setRoute("/status", status(503));
    CHECK_FALSE(flushOutbox(*records, poster, url, "dev-1", 8 * 3600, clock, stop, nullptr, &shots).complete);
    server.setRoute("/status", status(200));
    CHECK(flushOutbox(*records, poster, url, "dev-1", 8 * 3600, clock, stop, nullptr, &shots).complete);
    REQUIRE(records->queueHeartbeat(kNow + 300, "{}"));
    CHECK(flushOutbox(*records, poster, url, "dev-1", 8 * 3600, clock, stop, nullptr, &shots).complete);

    const std::vector<Served> log = server.log();
    REQUIRE(log.size() == 3);
    for (std::size_t i = 0; i < 2; ++i) { // refused, then delivered: the same newest picture both times
        const nlohmann::json body = nlohmann::json::parse(log[i].body);
        REQUIRE(body.contains("screenshot"));
        CHECK(body["screenshot"]["type"] == "image/png");
        CHECK(body["screenshot"]["width"] == 480);
        CHECK(body["screenshot"]["height"] == 270);
        CHECK(body["screenshot"]["taken_at"] == "2026-11-27T00:05:00+08:00");
        CHECK(body["screenshot"]["data"] == "iVBORyBuZXdlc3Q=");
    }
    CHECK_FALSE(nlohmann::json::parse(log[2].body).contains("screenshot")); // delivered once is enough
    CHECK_FALSE(shots.undelivered());
}

TEST_CASE("a full outbox drops the oldest heartbeats and every POST says how many", "[heartbeat]") {
    TempDir temp;
    FaultServer server;
    server.setRoute("/status", status(200));
    RecordsLimits limits;
    limits.max_heartbeats = 3;
    const std::unique_ptr<Records> records = openRecords(temp.path(), limits);
    for (int i = 1; i <= 5; ++i) REQUIRE(records->queueHeartbeat(kNow + i, "{}"));
    StatusPoster poster = insecurePoster();
    const std::atomic<bool> stop{false};
    REQUIRE(flushOutbox(
                *records, poster, server.baseUrl() + "status", "dev-1", 8 * 3600, [] { return kNow; }, stop)
                .complete);
    REQUIRE(server.log().size() == 1);
    const nlohmann::json body = nlohmann::json::parse(server.log()[0].body);
    CHECK(body["dropped"]["heartbeats"] == 2);
    CHECK(body["dropped"]["plays"] == 0);
    std::vector<std::int64_t> seqs;
    for (const auto& beat : body["heartbeats"]) seqs.push_back(beat["seq"]);
    CHECK(seqs == std::vector<std::int64_t>{3, 4, 5}); // 1 and 2, the oldest, were dropped
}

TEST_CASE("heartbeats and plays survive a portal that is down and a kiosk restart: every id arrives once",
          "[heartbeat][integration]") {
    TempDir temp;
    const fs::path data = temp.path() / "data";
    auto server = std::make_unique<FaultServer>();
    const int port = server->port();
    const std::string url = server->baseUrl() + "status";
    server->setRoute("/status", status(200));
    const std::unique_ptr<Records> frame_loop = openRecords(data); // the screen's own connection
    HeartbeatOptions options;
    options.data_dir = data;
    options.device_id = "hall-2f-east";
    options.interval = 100ms;
    options.backoff_base = 20ms;
    options.poster.allow_insecure_http = true;
    options.poster.connect_timeout_s = 5;
    options.status_url = [url] { return url; };
    options.status = [] { return sampleStatus(); };
    const auto reader = [&] { return openRecords(data); };
    Acknowledged acknowledged;

    // Up: heartbeats and plays are delivered.
    auto sender = std::make_unique<HeartbeatSender>(options);
    for (int i = 0; i < 3; ++i) REQUIRE(frame_loop->recordPlay(play(kNow + 15 * i)));
    REQUIRE(eventually([&] {
        const auto r = reader();
        return r->unsentPlayCount() == 0 && r->counter("heartbeats_delivered") >= 2;
    }));

    // 503: POSTs reach the portal but are not acknowledged; records queue.
    server->setRoute("/status", status(503));
    for (int i = 3; i < 6; ++i) REQUIRE(frame_loop->recordPlay(play(kNow + 15 * i)));
    REQUIRE(eventually([&] {
        const std::vector<Served> log = server->log();
        return reader()->heartbeatCount() >= 3 && !log.empty() && log.back().status == 503;
    }));
    acknowledged.add(server->log());
    CHECK(acknowledged.refused_posts > 0);

    // Connection refused: the server is gone.
    server.reset();
    for (int i = 6; i < 9; ++i) REQUIRE(frame_loop->recordPlay(play(kNow + 15 * i)));
    std::this_thread::sleep_for(300ms);
    for (const auto& [id, sent] : playsInFile(data)) { // nothing marked sent that was not acknowledged
        INFO(id);
        CHECK(sent == (acknowledged.play_ids.count(id) == 1));
    }
    CHECK(reader()->unsentPlayCount() == 6);

    // The kiosk restarts while the portal is still down.
    const auto stop_started = std::chrono::steady_clock::now();
    sender.reset();
    CHECK(std::chrono::steady_clock::now() - stop_started < 2s); // stops promptly
    const std::int64_t waiting_at_restart = reader()->heartbeatCount();
    CHECK(waiting_at_restart >= 5);
    sender = std::make_unique<HeartbeatSender>(options);
    REQUIRE(frame_loop->recordPlay(play(kNow + 15 * 9)));
    std::this_thread::sleep_for(300ms);

    // The portal is back on the same address: the queue drains.
    server = std::make_unique<FaultServer>(test::IpFamily::V4, port);
    server->setRoute("/status", status(200));
    REQUIRE(eventually([&] {
        const auto r = reader();
        return r->unsentPlayCount() == 0 && r->heartbeatCount() == 0;
    }));
    sender.reset();
    acknowledged.add(server->log());

    const auto r = reader();
    // Every play arrived, exactly once after its 2xx, and each is marked sent.
    const std::map<std::string, bool> plays = playsInFile(data);
    CHECK(plays.size() == 10);
    for (const auto& [id, sent] : plays) {
        INFO(id);
        CHECK(sent);
        CHECK(acknowledged.play_ids[id] == 1);
    }
    CHECK(acknowledged.play_ids.size() == 10);
    // Every heartbeat ever queued arrived exactly once: seq 1…N without a gap, none dropped.
    const std::int64_t queued = r->counter("heartbeats_queued");
    CHECK(queued >= waiting_at_restart + 2);
    CHECK(r->counter("heartbeats_dropped") == 0);
    CHECK(static_cast<std::int64_t>(acknowledged.seqs.size()) == queued);
    CHECK(*acknowledged.seqs.begin() == 1);
    CHECK(*acknowledged.seqs.rbegin() == queued);
    CHECK(static_cast<std::int64_t>(acknowledged.heartbeat_ids.size()) == queued);
    for (const auto& [id, times] : acknowledged.heartbeat_ids) {
        INFO(id);
        CHECK(times == 1);
    }
    for (const std::string& id : acknowledged.unacknowledged_heartbeat_ids)
        CHECK(acknowledged.heartbeat_ids.count(id) == 1);
    for (const std::string& id : acknowledged.unacknowledged_play_ids) CHECK(acknowledged.play_ids.count(id) == 1);
    CHECK(r->counter("plays_delivered") == 10);
    CHECK(r->counter("heartbeats_delivered") == queued);
}

TEST_CASE("without a status_url nothing is queued or sent", "[heartbeat]") {
    TempDir temp;
    const fs::path data = temp.path() / "data";
    FaultServer server;
    server.setRoute("/status", status(200));
    {
        const std::unique_ptr<Records> frame_loop = openRecords(data);
        REQUIRE(frame_loop->recordPlay(play(kNow)));
    }
    HeartbeatOptions options;
    options.data_dir = data;
    options.device_id = "dev-1";
    options.interval = 20ms;
    options.poster.allow_insecure_http = true;
    options.status_url = [] { return std::string(); };
    {
        const HeartbeatSender sender(options);
        std::this_thread::sleep_for(200ms);
    }
    CHECK(server.log().empty());
    const auto r = openRecords(data);
    CHECK(r->heartbeatCount() == 0);
    CHECK(r->counter("heartbeats_queued") == 0);
    CHECK(r->unsentPlayCount() == 1);
}

} // namespace gk
