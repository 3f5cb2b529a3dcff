// The heartbeat: every interval, while the current generation's manifest names a status_url, a
// JSON status of this screen is queued in the records file's outbox; then the outbox and the
// unsent plays go to the portal oldest first, in POSTs of up to kHeartbeatsPerPost heartbeats and
// kPlaysPerPost plays, each marked delivered only after a 2xx (docs/portal-feed.md, "Status").
// A portal that is down only delays delivery: the queue is in SQLite and survives restarts.
// Runs on its own thread with its own Records connection, so the frame loop never waits for the
// network. Owned by kiosk/; the POST itself is sync/status_post.h. Must not include SDL, ImGui or GL.
#pragma once

#include "config/settings.h"
#include "kiosk/services/records.h"
#include "kiosk/services/screenshot_slot.h"
#include "sync/status_post.h"
#include "sync/store.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace gk {

inline constexpr const char* kStatusFormat = "gongkai-status/1";
inline constexpr std::size_t kHeartbeatsPerPost = 100;
inline constexpr std::size_t kPlaysPerPost = 500;
inline constexpr std::size_t kMaxRecentErrors = 10;

// What one heartbeat says about this screen.
struct DeviceStatus {
    std::string device_id;
    std::string version; // PROJECT_VERSION
    DeviceMode mode = DeviceMode::Display;
    std::string screen_group;
    std::string generation; // empty when the store is empty
    StoreState sync;        // last attempt, last success, last error
    std::int64_t uptime_s = 0;
    std::optional<std::uint64_t> free_disk_bytes; // of the data dir; nullopt when statvfs failed
    std::vector<std::string> recent_errors;       // newest last, at most kMaxRecentErrors
    std::string store_damage;                     // empty when the current generation verifies
    std::vector<std::string> playlist_problems;   // as `status --json` reports them
};

// The status object queued in the outbox (id, seq and created_at are added when it is sent).
nlohmann::json deviceStatusJson(const DeviceStatus& status, int utc_offset_s);

// What the portal will never receive, carried in every POST.
struct DroppedCounts {
    std::int64_t heartbeats = 0;   // pushed out of the full outbox
    std::int64_t plays_unsent = 0; // plays dropped at the records cap (or lost in memory) before delivery
};

// The body of one POST: the envelope with the heartbeats and plays of one batch, and the screen's
// newest picture when there is one the portal does not have yet.
std::string deliveryBody(const std::string& device_id, const std::vector<QueuedHeartbeat>& heartbeats,
                         const std::vector<StoredPlay>& plays, const DroppedCounts& dropped, std::int64_t sent_at_s,
                         int utc_offset_s, const Screenshot* screenshot = nullptr);

// RFC 4648 base64, with padding.
std::string base64Encode(std::string_view bytes);

struct FlushResult {
    bool complete = false; // everything queued before the last batch was read is delivered
    int posts = 0;         // POSTs answered 2xx
    std::int64_t heartbeats_delivered = 0;
    std::int64_t plays_delivered = 0;
    std::string error; // why the flush stopped early; empty when complete
    std::int64_t retry_after_s = 0;
};

// Between two POSTs of a backlog the sender pauses this long: marking a batch holds the records
// file's write lock for a few milliseconds, and back to back they would keep the frame loop's
// plays waiting for it (docs/benchmarks.md, "Heartbeat backlog").
inline constexpr std::chrono::milliseconds kPauseBetweenPosts{50};

// Sends batches oldest first until a batch is not full (the queue as it was is delivered), a POST
// is not delivered, or stop is set.
// now_s gives sent_at and the delivery time; between_posts (when set) runs between two POSTs and
// returns false to stop. The first POST carries the undelivered screenshot of `screenshots`
// (when set), which a 2xx marks delivered.
FlushResult flushOutbox(Records& records, StatusPoster& poster, const std::string& status_url,
                        const std::string& device_id, int utc_offset_s, const std::function<std::int64_t()>& now_s,
                        const std::atomic<bool>& stop, const std::function<bool()>& between_posts = nullptr,
                        ScreenshotSlot* screenshots = nullptr);

// The configured device_id, else the UUID in <data_dir>/device-id, made (and written atomically)
// the first time. nullopt with error when the file can be neither read nor written.
std::optional<std::string> resolveDeviceId(const Settings& settings, const std::filesystem::path& data_dir,
                                           std::string& error);

// Recent errors for the heartbeat: the log's recent errors and warnings, then the sync state's last error when the log
// does not have it.
std::vector<std::string> recentErrorsForHeartbeat(const StoreState& sync, int utc_offset_s);

// A snapshot of this screen now: generation and sync state from the store, disk, uptime.
DeviceStatus deviceStatusNow(const std::string& device_id, DeviceMode mode, const std::string& screen_group,
                             const std::filesystem::path& data_dir, int utc_offset_s);

struct HeartbeatOptions {
    std::filesystem::path data_dir;
    std::string device_id;
    int utc_offset_s = kChinaUtcOffsetS;
    std::chrono::milliseconds interval{300 * 1000};    // the config's heartbeat_interval_s
    std::chrono::milliseconds backoff_base{15 * 1000}; // first retry after a failed POST: up to this
    StatusPosterOptions poster;                        // trust; cancel is set by the sender
    RecordsLimits limits;
    // Where to POST; empty = nothing is queued or sent. Default: the current generation's status_url.
    std::function<std::string()> status_url;
    // The status to queue. Default: deviceStatusNow for display mode and the default screen group.
    std::function<DeviceStatus()> status;
    // Pictures of the screen to send along (null: none).
    std::shared_ptr<ScreenshotSlot> screenshots;
};

// The options of `run` for this device (interval, trust, device id); nullopt with error when
// the device id cannot be settled.
std::optional<HeartbeatOptions> heartbeatOptionsFor(const Settings& settings, const std::filesystem::path& data_dir,
                                                    DeviceMode mode, std::string& error);

// The sender thread: queues a heartbeat at start and every interval (when there is a status_url),
// flushes after each, and after a failed POST retries with full-jitter backoff (never later
// than the next heartbeat). Stops promptly: a POST in flight is cancelled.
class HeartbeatSender {
public:
    explicit HeartbeatSender(HeartbeatOptions options);
    ~HeartbeatSender();
    HeartbeatSender(const HeartbeatSender&) = delete;
    HeartbeatSender& operator=(const HeartbeatSender&) = delete;

private:
    void run();
    bool waitUntil(std::chrono::steady_clock::time_point deadline); // false when stopping

    HeartbeatOptions m_options;
    std::atomic<bool> m_stop{false};
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::thread m_thread;
};

// The sender for `run`, or nullptr (the reason logged) when the device id cannot be settled.
std::unique_ptr<HeartbeatSender> startHeartbeat(const Settings& settings, const std::filesystem::path& data_dir,
                                                DeviceMode mode, std::shared_ptr<ScreenshotSlot> screenshots);

// The outbox for `status`: waiting, dropped, delivered, last delivery and the status_url.
nlohmann::json outboxStatusJson(const std::filesystem::path& data_dir, int utc_offset_s);
// The same as lines for people ("Status URL:   …", "Outbox:       …", …).
std::string outboxStatusText(const nlohmann::json& outbox);

} // namespace gk
