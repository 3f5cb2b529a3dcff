// The heartbeat sender and the kiosk → portal status protocol. See heartbeat.h.
#include "kiosk/services/heartbeat.h"

#include "config/i18n.h"
#include "kiosk/core/log.h"

#include "kiosk/playlist/playlist_source.h"
#include "kiosk/playlist/playlist_validation.h"
#include "sync/loader.h"

#include "config/civil_time.h"
#include "sync/fs_util.h"

#include <openssl/evp.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <random>

namespace gk {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Initialised with the program's statics, so "uptime" is the time since the program started.
const Clock::time_point kProgramStart = Clock::now();

constexpr const char* kDeviceIdFile = "device-id";
constexpr std::int64_t kMaxRetryAfterS = 86400; // a mistaken header cannot silence a kiosk for longer

std::string isoOrEmpty(std::int64_t epoch_s, int utc_offset_s) {
    return epoch_s == 0 ? "" : formatIsoLocal(epoch_s, utc_offset_s);
}

std::int64_t systemNow() {
    return static_cast<std::int64_t>(std::time(nullptr));
}

// A random UUID (version 4).
std::string newUuid() {
    std::string hex = randomHex(16);
    hex[12] = '4';
    hex[16] = "89ab"[std::stoi(hex.substr(16, 1), nullptr, 16) & 3];
    return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
           hex.substr(20);
}

std::optional<std::uint64_t> freeDiskBytes(const fs::path& dir) {
    struct statvfs info {};
    if (statvfs(dir.c_str(), &info) != 0) return std::nullopt;
    return static_cast<std::uint64_t>(info.f_bavail) * info.f_frsize;
}

// Through the program log: levels, rate limits, the journal's priorities, and the ring of recent
// errors that the heartbeat itself reports.
void log(LogLevel level, const std::string& message) {
    logLine(level, "heartbeat: " + message);
}

} // namespace

nlohmann::json deviceStatusJson(const DeviceStatus& status, int utc_offset_s) {
    return {{"device_id", status.device_id},
            {"version", status.version},
            {"mode", std::string(deviceModeName(status.mode))},
            {"screen_group", status.screen_group},
            {"generation", status.generation},
            {"last_sync_attempt", isoOrEmpty(status.sync.last_attempt, utc_offset_s)},
            {"last_sync_success", isoOrEmpty(status.sync.last_success, utc_offset_s)},
            {"last_sync_error", status.sync.last_error},
            {"uptime_s", status.uptime_s},
            {"free_disk_bytes", status.free_disk_bytes ? nlohmann::json(*status.free_disk_bytes) : nlohmann::json()},
            {"recent_errors", status.recent_errors},
            {"store_damage", status.store_damage},
            {"playlist_problems", status.playlist_problems}};
}

std::string base64Encode(std::string_view bytes) {
    std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0'); // EVP_EncodeBlock adds a NUL
    const int written =
        EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                        reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
    out.resize(static_cast<std::size_t>(written));
    return out;
}

std::string deliveryBody(const std::string& device_id, const std::vector<QueuedHeartbeat>& heartbeats,
                         const std::vector<StoredPlay>& plays, const DroppedCounts& dropped, std::int64_t sent_at_s,
                         int utc_offset_s, const Screenshot* screenshot) {
    nlohmann::json beats = nlohmann::json::array();
    for (const QueuedHeartbeat& queued : heartbeats) {
        // A body that no longer parses (written by a damaged disk) still goes, as a string: the
        // portal learns of it, and the queue cannot jam on one bad row.
        nlohmann::json status = nlohmann::json::parse(queued.body, nullptr, false);
        nlohmann::json beat = {
            {"id", queued.id}, {"seq", queued.seq}, {"created_at", formatIsoLocal(queued.created_s, utc_offset_s)}};
        if (status.is_object())
            for (auto& [key, value] : status.items()) beat.emplace(key, value);
        else
            beat["unreadable_status"] = queued.body;
        beats.push_back(std::move(beat));
    }
    nlohmann::json items = nlohmann::json::array();
    for (const StoredPlay& stored : plays)
        items.push_back({{"id", stored.id},
                         {"ref", stored.play.ref},
                         {"screen_group", stored.play.screen_group},
                         {"start", formatIsoLocal(stored.play.start_s, utc_offset_s)},
                         {"duration_s", stored.play.duration_s},
                         {"reason", stored.play.reason}});
    nlohmann::json body = {{"format", kStatusFormat},
                           {"device_id", device_id},
                           {"sent_at", formatIsoLocal(sent_at_s, utc_offset_s)},
                           {"dropped", {{"heartbeats", dropped.heartbeats}, {"plays", dropped.plays_unsent}}},
                           {"heartbeats", std::move(beats)},
                           {"plays", std::move(items)}};
    if (screenshot != nullptr)
        body["screenshot"] = {{"taken_at", formatIsoLocal(screenshot->taken_at_s, utc_offset_s)},
                              {"type", "image/png"},
                              {"width", screenshot->width},
                              {"height", screenshot->height},
                              {"data", base64Encode(screenshot->png)}};
    return body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

FlushResult flushOutbox(Records& records, StatusPoster& poster, const std::string& status_url,
                        const std::string& device_id, int utc_offset_s, const std::function<std::int64_t()>& now_s,
                        const std::atomic<bool>& stop, const std::function<bool()>& between_posts,
                        ScreenshotSlot* screenshots) {
    FlushResult result;
    auto screenshot = screenshots != nullptr ? screenshots->undelivered() : std::nullopt;
    while (!stop) {
        if (result.posts > 0 && between_posts && !between_posts()) break;
        const std::vector<QueuedHeartbeat> heartbeats = records.oldestHeartbeats(kHeartbeatsPerPost);
        const std::vector<StoredPlay> plays = records.unsentPlays(kPlaysPerPost);
        if (heartbeats.empty() && plays.empty()) {
            result.complete = true;
            return result;
        }
        const DroppedCounts dropped{records.counter("heartbeats_dropped"), records.counter("plays_dropped_unsent")};
        const std::int64_t sent_at = now_s();
        const StatusPostResult posted =
            poster.post(status_url, deliveryBody(device_id, heartbeats, plays, dropped, sent_at, utc_offset_s,
                                                 screenshot ? &screenshot->second : nullptr));
        if (!posted.delivered) {
            result.error = posted.error;
            result.retry_after_s = posted.retry_after_s;
            return result;
        }
        ++result.posts;
        if (screenshot) {
            screenshots->delivered(screenshot->first);
            screenshot.reset();
        }
        std::vector<std::string> heartbeat_ids;
        for (const QueuedHeartbeat& queued : heartbeats) heartbeat_ids.push_back(queued.id);
        std::vector<std::string> play_ids;
        for (const StoredPlay& stored : plays) play_ids.push_back(stored.id);
        // Not marked means sent again next time: the portal deduplicates on the ids.
        if (!records.acknowledge(heartbeat_ids, play_ids, sent_at)) {
            result.error = "delivered, but the records file could not mark it so (it will be sent again)";
            return result;
        }
        result.heartbeats_delivered += static_cast<std::int64_t>(heartbeats.size());
        result.plays_delivered += static_cast<std::int64_t>(plays.size());
        // A batch that was not full emptied the queue: what was recorded since waits for the next
        // flush, so a screen recording plays faster than they go out cannot keep this loop busy.
        if (heartbeats.size() < kHeartbeatsPerPost && plays.size() < kPlaysPerPost) {
            result.complete = true;
            return result;
        }
    }
    result.error = "stopped";
    return result;
}

std::optional<std::string> resolveDeviceId(const Settings& settings, const fs::path& data_dir, std::string& error) {
    if (!settings.device_id.empty()) return settings.device_id;
    const fs::path path = data_dir / kDeviceIdFile;
    std::string read_error;
    if (const auto text = readFileCapped(path, 256, read_error)) {
        std::string id = *text;
        while (!id.empty() && (id.back() == '\n' || id.back() == '\r' || id.back() == ' ')) id.pop_back();
        if (isValidDeviceId(id)) return id;
        log(LogLevel::Warn, path.string() + " does not hold a device id; making a new one");
    }
    std::error_code ec;
    fs::create_directories(data_dir, ec);
    const std::string id = newUuid();
    if (!writeFileAtomic(path, id + "\n", error)) return std::nullopt;
    return id;
}

std::vector<std::string> recentErrorsForHeartbeat(const StoreState& sync, int utc_offset_s) {
    // The log's errors and warnings (kiosk/core/log.h keeps them, newest first), oldest first here.
    std::vector<std::string> lines;
    const std::vector<LogRecord> logged = recentErrors(kMaxRecentErrors);
    for (auto it = logged.rbegin(); it != logged.rend(); ++it)
        lines.push_back(isoOrEmpty(it->time_s, utc_offset_s) + " " + std::string(logLevelName(it->level)) + ": " +
                        it->text);
    // The sync state's error, which a worker in another process (or before this run) may have left.
    if (!sync.last_error.empty()) {
        std::string line = isoOrEmpty(sync.last_attempt, utc_offset_s) + " sync: " + sync.last_error;
        if (std::none_of(logged.begin(), logged.end(),
                         [&sync](const LogRecord& r) { return r.text.find(sync.last_error) != std::string::npos; }))
            lines.push_back(std::move(line));
    }
    return lines;
}

DeviceStatus deviceStatusNow(const std::string& device_id, DeviceMode mode, const std::string& screen_group,
                             const fs::path& data_dir, int utc_offset_s) {
    DeviceStatus status;
    status.device_id = device_id;
#ifdef GONGKAI_VERSION
    status.version = GONGKAI_VERSION;
#endif
    status.mode = mode;
    status.screen_group = screen_group;
    status.generation = readCurrentGeneration(StorePaths(data_dir));
    status.sync = readStoreState(data_dir);
    status.uptime_s = std::chrono::duration_cast<std::chrono::seconds>(Clock::now() - kProgramStart).count();
    status.free_disk_bytes = freeDiskBytes(data_dir);
    status.recent_errors = recentErrorsForHeartbeat(status.sync, utc_offset_s);
    if (status.recent_errors.size() > kMaxRecentErrors)
        status.recent_errors.erase(status.recent_errors.begin(),
                                   status.recent_errors.end() - static_cast<std::ptrdiff_t>(kMaxRecentErrors));
    return status;
}

namespace {

// Store damage and playlist problems, as `status --json` reports them. Loading a publish costs far
// more than a heartbeat, so they are worked out again only when the current generation, the local
// playlist file or the hour (notices expire) has changed.
class ContentHealth {
public:
    ContentHealth(fs::path data_dir, std::string group, fs::path local_playlist, int utc_offset_s)
        : m_data_dir(std::move(data_dir)), m_group(std::move(group)), m_local_playlist(std::move(local_playlist)),
          m_utc_offset_s(utc_offset_s) {}

    void fill(DeviceStatus& status) {
        const std::int64_t now_s = std::time(nullptr);
        std::error_code ec;
        const auto local_time = fs::last_write_time(m_local_playlist, ec);
        const std::string key = status.generation + "|" +
                                std::to_string(ec ? 0 : local_time.time_since_epoch().count()) + "|" +
                                std::to_string(now_s / 3600);
        if (key != m_key) {
            m_key = key;
            std::string damage;
            const std::shared_ptr<const Content> content = loadCurrentContent(m_data_dir, damage);
            m_store_damage = damage == "store is empty" ? "" : damage;
            m_playlist_problems = content ? playlistProblems(*content, m_group, m_local_playlist, now_s, m_utc_offset_s)
                                          : std::vector<std::string>{};
        }
        status.store_damage = m_store_damage;
        status.playlist_problems = m_playlist_problems;
    }

private:
    fs::path m_data_dir;
    std::string m_group;
    fs::path m_local_playlist;
    int m_utc_offset_s;
    std::string m_key;
    std::string m_store_damage;
    std::vector<std::string> m_playlist_problems;
};

} // namespace

std::optional<HeartbeatOptions> heartbeatOptionsFor(const Settings& settings, const fs::path& data_dir, DeviceMode mode,
                                                    std::string& error) {
    HeartbeatOptions options;
    options.data_dir = data_dir;
    const std::optional<std::string> device_id = resolveDeviceId(settings, data_dir, error);
    if (!device_id) return std::nullopt;
    options.device_id = *device_id;
    options.utc_offset_s = settings.utc_offset_s;
    options.interval = std::chrono::seconds(settings.heartbeat_interval_s);
    options.poster.allow_insecure_http = settings.tls.allow_insecure_http;
    options.poster.tls.ca_file = settings.tls.ca_file;
    options.poster.tls.pinned_pubkey = settings.tls.pinned_pubkey;
    const auto health = std::make_shared<ContentHealth>(
        data_dir, settings.screen_group, localPlaylistPath(data_dir, settings.playlist_dir, settings.screen_group),
        settings.utc_offset_s);
    options.status = [device_id = options.device_id, mode, group = settings.screen_group, data_dir,
                      offset = settings.utc_offset_s, health] {
        DeviceStatus status = deviceStatusNow(device_id, mode, group, data_dir, offset);
        health->fill(status);
        return status;
    };
    return options;
}

HeartbeatSender::HeartbeatSender(HeartbeatOptions options) : m_options(std::move(options)) {
    if (!m_options.status_url) m_options.status_url = [dir = m_options.data_dir] { return currentStatusUrl(dir); };
    if (!m_options.status)
        m_options.status = [o = m_options] {
            return deviceStatusNow(o.device_id, DeviceMode::Display, Settings{}.screen_group, o.data_dir,
                                   o.utc_offset_s);
        };
    m_options.poster.cancel = &m_stop;
    m_thread = std::thread([this] { run(); });
}

HeartbeatSender::~HeartbeatSender() {
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

bool HeartbeatSender::waitUntil(Clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(m_mutex);
    m_wake.wait_until(lock, deadline, [this] { return m_stop.load(); });
    return !m_stop;
}

void HeartbeatSender::run() {
    StatusPoster poster(m_options.poster);
    std::unique_ptr<Records> records;
    std::mt19937_64 random(std::random_device{}());
    std::uniform_real_distribution<double> uniform(0.0, 1.0);
    const auto interval = std::max(m_options.interval, std::chrono::milliseconds(1));
    Clock::time_point next_beat = Clock::now();
    Clock::time_point next_flush = next_beat;
    int failures = 0;
    std::string last_logged;
    while (!m_stop) {
        const Clock::time_point now = Clock::now();
        const std::string url = m_options.status_url();
        if (m_options.screenshots) m_options.screenshots->setWanted(!url.empty());
        if (!records && !url.empty()) { // opened lazily: a screen without status_url never touches the outbox
            std::string error;
            records = Records::open(recordsPathIn(m_options.data_dir), error, m_options.limits);
            if (!records && error != last_logged)
                log(LogLevel::Error, "cannot open the records file: " + (last_logged = error));
        }
        if (now >= next_beat) {
            if (records && !url.empty()) {
                const DeviceStatus status = m_options.status();
                records->queueHeartbeat(systemNow(), deviceStatusJson(status, m_options.utc_offset_s).dump());
            }
            next_beat = std::max(next_beat + interval, now);
            if (failures == 0) next_flush = now;
        }
        if (now >= next_flush) {
            next_flush = next_beat;
            if (records && !url.empty()) {
                const FlushResult flushed = flushOutbox(
                    *records, poster, url, m_options.device_id, m_options.utc_offset_s, systemNow, m_stop,
                    [this] { return waitUntil(Clock::now() + kPauseBetweenPosts); }, m_options.screenshots.get());
                if (m_stop) return;
                if (flushed.complete) {
                    if (failures > 0)
                        log(LogLevel::Info,
                            "the portal takes status again after " + std::to_string(failures) + " failures");
                    failures = 0;
                } else {
                    if (failures++ == 0)
                        log(LogLevel::Warn, "cannot deliver to " + url + ": " + flushed.error + " (kept, will retry)");
                    // Full jitter up to base · 2^(failures-1), never later than the next heartbeat.
                    const double ceiling = std::min<double>(static_cast<double>(interval.count()),
                                                            static_cast<double>(m_options.backoff_base.count()) *
                                                                std::ldexp(1.0, std::min(failures - 1, 20)));
                    auto wait =
                        std::chrono::milliseconds(std::max<std::int64_t>(1, std::llround(ceiling * uniform(random))));
                    const auto asked =
                        std::chrono::seconds(std::clamp<std::int64_t>(flushed.retry_after_s, 0, kMaxRetryAfterS));
                    wait = std::max<std::chrono::milliseconds>(wait, asked);
                    next_flush = now + wait;
                }
            }
        }
        if (!waitUntil(std::min(next_beat, next_flush))) return;
    }
}

std::unique_ptr<HeartbeatSender> startHeartbeat(const Settings& settings, const fs::path& data_dir, DeviceMode mode,
                                                std::shared_ptr<ScreenshotSlot> screenshots) {
    std::string error;
    std::optional<HeartbeatOptions> options = heartbeatOptionsFor(settings, data_dir, mode, error);
    if (!options) {
        log(LogLevel::Error, "no heartbeats: the device id cannot be kept: " + error);
        return nullptr;
    }
    options->screenshots = std::move(screenshots);
    return std::make_unique<HeartbeatSender>(std::move(*options));
}

nlohmann::json outboxStatusJson(const fs::path& data_dir, int utc_offset_s) {
    nlohmann::json outbox = {{"status_url", currentStatusUrl(data_dir)},
                             {"heartbeats_waiting", 0},
                             {"plays_unsent", 0},
                             {"heartbeats_dropped", 0},
                             {"plays_dropped_unsent", 0},
                             {"heartbeats_delivered", 0},
                             {"plays_delivered", 0},
                             {"last_delivery", ""}};
    const fs::path path = recordsPathIn(data_dir);
    std::error_code ec;
    if (!fs::exists(path, ec)) return outbox;
    std::string error;
    const std::unique_ptr<Records> records = Records::openForReading(path, error);
    if (!records) { // what waits is unknown, not nothing
        for (auto& [key, value] : outbox.items())
            if (key != "status_url") value = nullptr;
        outbox["error"] = error;
        return outbox;
    }
    outbox["heartbeats_waiting"] = records->heartbeatCount();
    outbox["plays_unsent"] = records->unsentPlayCount();
    outbox["heartbeats_dropped"] = records->counter("heartbeats_dropped");
    outbox["plays_dropped_unsent"] = records->counter("plays_dropped_unsent");
    outbox["heartbeats_delivered"] = records->counter("heartbeats_delivered");
    outbox["plays_delivered"] = records->counter("plays_delivered");
    outbox["last_delivery"] = isoOrEmpty(records->counter("last_delivery_s"), utc_offset_s);
    return outbox;
}

std::string outboxStatusText(const nlohmann::json& outbox) {
    const auto heartbeats = [&](const char* key) {
        const auto n = outbox[key].get<std::int64_t>();
        return fillIn(trn("{0} heartbeat", "{0} heartbeats", static_cast<unsigned long>(n)), {std::to_string(n)});
    };
    const auto plays = [&](const char* key) {
        const auto n = outbox[key].get<std::int64_t>();
        return fillIn(trn("{0} play", "{0} plays", static_cast<unsigned long>(n)), {std::to_string(n)});
    };
    const std::string url = outbox["status_url"].get<std::string>();
    std::string text =
        fillIn(tr("Status URL:   {0}"), {url.empty() ? tr("none (the manifest names none: no heartbeats)") : url}) +
        "\n";
    if (outbox.contains("error"))
        return text +
               fillIn(tr("Outbox:       unknown: the records file cannot be read ({0})"),
                      {outbox["error"].get<std::string>()}) +
               "\n";
    const std::string last = outbox["last_delivery"].get<std::string>();
    text += fillIn(tr("Outbox:       {0} and {1} waiting; dropped before delivery: {2}, {3}"),
                   {heartbeats("heartbeats_waiting"), plays("plays_unsent"), heartbeats("heartbeats_dropped"),
                    plays("plays_dropped_unsent")}) +
            "\n";
    text += fillIn(tr("Delivered:    {0} ({1}, {2} in all)"),
                   {last.empty() ? std::string(tr("never")) : fillIn(tr("last at {0}"), {last}),
                    heartbeats("heartbeats_delivered"), plays("plays_delivered")}) +
            "\n";
    return text;
}

} // namespace gk
