// Proof of play and the staff audit log: a small SQLite file, <data-dir>/records.sqlite (WAL,
// synchronous=NORMAL, schema versioned with PRAGMA user_version). Owns the schema, the caps and
// the recovery from a damaged file. SQLite stays inside records.cpp: this header must not include
// sqlite3.h or expose its types (nor SDL, ImGui or GL).
//
// Schema (version 2; a version 1 file gains the outbox table when opened for writing, rows kept):
//   plays(id TEXT PRIMARY KEY  -- random UUID (v4), unique across devices, for the portal
//         ref, screen_group, start_s (unix), duration_s, reason (scheduled|fallback|urgent|idle),
//         sent INTEGER DEFAULT 0) -- 1 once the portal answered 2xx to a POST carrying it
//   audit(id INTEGER PRIMARY KEY, at_s, actor, action, detail)
//   outbox(id TEXT PRIMARY KEY, seq, created_s, body) -- heartbeats not yet delivered (docs/portal-feed.md)
//   meta(key TEXT PRIMARY KEY, value INTEGER) -- plays_dropped, plays_dropped_unsent, audit_dropped,
//         heartbeats_queued (the last seq), heartbeats_dropped, heartbeats_delivered, plays_delivered,
//         last_delivery_s
//
// Bounds (RecordsLimits): at most 400,000 plays, ≈ 70 MB on disk: 69 days of 15 s slots around the
// clock on one screen, ≈ 5 months of 10-hour hall days. Beyond it the oldest sent rows go first, then
// the oldest, and meta counts what was dropped. The audit log keeps 100,000 rows, oldest dropped;
// the outbox 2,000 heartbeats (a week at the default 5-minute interval), oldest dropped.
// The WAL file is truncated to 4 MiB after checkpoints. Opening runs PRAGMA quick_check (~0.2 s at the cap).
//
// Never throws. Every failure is returned (false / nullopt + error) and logged on stderr once per
// run of failures: a full disk, a locked or damaged file never stops the screen. Plays that could
// not be written wait in memory (up to kMaxPendingPlays) and go in with the next one. A damaged file
// is moved aside to records.sqlite.corrupt-<unix time> and a fresh one is created. One thread per
// Records: the heartbeat sender opens its own (WAL lets the two work side by side).
#pragma once

#include "kiosk/core/record_sink.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

struct StoredPlay {
    std::string id; // "0f6c…-…": what the portal deduplicates on
    PlayRecord play;
};

// Per item and screen group, over a time range.
struct PlayTotal {
    std::string ref;
    std::string screen_group;
    std::int64_t plays = 0;
    std::int64_t total_s = 0;
    std::int64_t first_s = 0; // the earliest start
    std::int64_t last_s = 0;  // the latest end (start + duration)
};

struct RecordsLimits {
    std::int64_t max_plays = 400000;
    std::int64_t max_audit = 100000;
    std::int64_t max_heartbeats = 2000;
};

// A heartbeat waiting in the outbox. body is the status JSON object as queued.
struct QueuedHeartbeat {
    std::string id;       // random UUID (v4): what the portal deduplicates on
    std::int64_t seq = 0; // 1, 2, 3, … per records file: a gap tells the portal what was dropped
    std::int64_t created_s = 0;
    std::string body;
};

inline std::filesystem::path recordsPathIn(const std::filesystem::path& data_dir) {
    return data_dir / "records.sqlite";
}

class Records final : public RecordSink {
public:
    static constexpr std::size_t kMaxPendingPlays = 1000;

    // For the program: creates the file (and its directory) if needed; a damaged file is moved
    // aside and replaced. nullptr + error when it cannot be used at all (permissions, a file from
    // a newer version, a disk that cannot hold even an empty database).
    static std::unique_ptr<Records> open(const std::filesystem::path& path, std::string& error,
                                         RecordsLimits limits = {});
    // For reports: never creates, changes or moves anything. nullptr + error when the file is
    // missing, unreadable or from a newer version (damage shows as a read error).
    static std::unique_ptr<Records> openForReading(const std::filesystem::path& path, std::string& error);
    ~Records();
    Records(const Records&) = delete;
    Records& operator=(const Records&) = delete;

    // False when the play is only held in memory for now (see above). Plays shorter than one second
    // are not plays: ignored, true.
    bool recordPlay(const PlayRecord& play) override;
    bool recordAudit(std::int64_t at_s, std::string_view actor, std::string_view action,
                     std::string_view detail) override;

    // Plays that started in [from_s, to_s), idle slots left out, optionally one screen group;
    // ordered by ref, then screen group. nullopt + error on a read failure.
    std::optional<std::vector<PlayTotal>> playTotals(std::int64_t from_s, std::int64_t to_s,
                                                     const std::optional<std::string>& screen_group,
                                                     std::string& error);
    // For delivery to the portal: the oldest plays not yet sent, and marking them sent.
    std::vector<StoredPlay> unsentPlays(std::size_t limit);
    bool markSent(const std::vector<std::string>& ids);
    std::int64_t unsentPlayCount();

    // The outbox. Queuing beyond max_heartbeats drops the oldest and counts them in
    // heartbeats_dropped. nullopt when the heartbeat could not be written.
    std::optional<QueuedHeartbeat> queueHeartbeat(std::int64_t created_s, std::string_view body);
    std::vector<QueuedHeartbeat> oldestHeartbeats(std::size_t limit); // oldest first
    std::int64_t heartbeatCount();
    // After a 2xx from the portal, in one transaction: the heartbeats leave the outbox, the plays
    // are marked sent, heartbeats_delivered and plays_delivered grow and last_delivery_s = at_s.
    bool acknowledge(const std::vector<std::string>& heartbeat_ids, const std::vector<std::string>& play_ids,
                     std::int64_t at_s);

    std::int64_t playCount() const;
    std::int64_t auditCount() const;
    // A meta counter: "plays_dropped", "plays_dropped_unsent", "audit_dropped", "heartbeats_dropped",
    // "last_delivery_s", … (0 when absent).
    std::int64_t counter(std::string_view key) const;
    // Where a damaged file was moved at open; empty when none was.
    const std::filesystem::path& movedAside() const;

private:
    struct Impl;
    explicit Records(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

} // namespace gk
