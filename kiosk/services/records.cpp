// Proof of play and the audit log in SQLite. See records.h. The only file that includes sqlite3.h.
#include "kiosk/services/records.h"

#include "kiosk/core/log.h"

#include <sqlite3.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <functional>
#include <initializer_list>
#include <map>
#include <system_error>
#include <variant>

namespace gk {
namespace {

namespace fs = std::filesystem;

constexpr int kSchemaVersion = 2;
constexpr int kWriterBusyMs = 100; // the frame loop waits at most this for another writer
constexpr int kReaderBusyMs = 5000;

constexpr const char* kSchemaV1 = R"sql(
CREATE TABLE plays(id TEXT PRIMARY KEY, ref TEXT NOT NULL, screen_group TEXT NOT NULL, start_s INTEGER NOT NULL,
                   duration_s INTEGER NOT NULL, reason TEXT NOT NULL, sent INTEGER NOT NULL DEFAULT 0);
CREATE INDEX plays_start ON plays(start_s);
CREATE INDEX plays_unsent ON plays(sent, start_s);
CREATE TABLE audit(id INTEGER PRIMARY KEY, at_s INTEGER NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
                   detail TEXT NOT NULL);
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
PRAGMA user_version = 1;
)sql";

// Version 1 → 2: the heartbeat outbox. IF NOT EXISTS: two connections may race to migrate.
constexpr const char* kMigrateV1ToV2 = R"sql(
CREATE TABLE IF NOT EXISTS outbox(id TEXT PRIMARY KEY, seq INTEGER NOT NULL, created_s INTEGER NOT NULL,
                                  body TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS outbox_seq ON outbox(seq);
PRAGMA user_version = 2;
)sql";

constexpr const char* kInsertPlay =
    "INSERT INTO plays(id, ref, screen_group, start_s, duration_s, reason) VALUES(?, ?, ?, ?, ?, ?)";
constexpr const char* kDropSentPlays =
    "DELETE FROM plays WHERE rowid IN (SELECT rowid FROM plays WHERE sent = 1 ORDER BY start_s LIMIT ?)";
constexpr const char* kDropOldestPlays =
    "DELETE FROM plays WHERE rowid IN (SELECT rowid FROM plays ORDER BY start_s LIMIT ?)";
constexpr const char* kInsertAudit = "INSERT INTO audit(at_s, actor, action, detail) VALUES(?, ?, ?, ?)";
constexpr const char* kDropOldestAudit = "DELETE FROM audit WHERE id IN (SELECT id FROM audit ORDER BY id LIMIT ?)";
constexpr const char* kAddCounter =
    "INSERT INTO meta(key, value) VALUES(?, ?) ON CONFLICT(key) DO UPDATE SET value = value + excluded.value";
constexpr const char* kTotals =
    "SELECT ref, screen_group, COUNT(*), SUM(duration_s), MIN(start_s), MAX(start_s + duration_s) FROM plays "
    "WHERE start_s >= ? AND start_s < ? AND ref <> '' AND (?3 IS NULL OR screen_group = ?3) "
    "GROUP BY ref, screen_group ORDER BY ref, screen_group";
constexpr const char* kInsertHeartbeat = "INSERT INTO outbox(id, seq, created_s, body) VALUES(?, ?, ?, ?)";
constexpr const char* kDropOldestHeartbeats =
    "DELETE FROM outbox WHERE id IN (SELECT id FROM outbox ORDER BY seq LIMIT ?)";
constexpr const char* kOldestHeartbeats = "SELECT id, seq, created_s, body FROM outbox ORDER BY seq LIMIT ?";
constexpr const char* kSetCounter = "INSERT OR REPLACE INTO meta(key, value) VALUES(?, ?)";
constexpr const char* kUnsent = "SELECT id, ref, screen_group, start_s, duration_s, reason FROM plays "
                                "WHERE sent = 0 ORDER BY start_s, rowid LIMIT ?";

struct StatementDeleter {
    void operator()(sqlite3_stmt* s) const { sqlite3_finalize(s); }
};
struct DatabaseCloser {
    void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementDeleter>;
using Database = std::unique_ptr<sqlite3, DatabaseCloser>;
using Value = std::variant<std::nullptr_t, std::int64_t, std::string_view>;
using RowReader = std::function<void(sqlite3_stmt*)>;

bool isDamage(int rc) {
    return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB;
}

std::string describe(sqlite3* db, int rc) {
    std::string text = sqlite3_errstr(rc);
    const std::string detail = db != nullptr && sqlite3_errcode(db) == rc ? sqlite3_errmsg(db) : "";
    return detail.empty() || detail == text ? text : text + " (" + detail + ")";
}

std::string columnText(sqlite3_stmt* s, int column) {
    const unsigned char* text = sqlite3_column_text(s, column);
    return text == nullptr ? "" : reinterpret_cast<const char*>(text);
}

void log(const std::string& message) {
    logLine(LogLevel::Warn, "records: " + message);
}

// A random UUID (version 4) from SQLite's generator (ChaCha20, seeded by the OS).
std::string newRecordId() {
    unsigned char b[16];
    sqlite3_randomness(sizeof b, b);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    static constexpr char kHex[] = "0123456789abcdef";
    std::string id;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) id += '-';
        id += kHex[b[i] >> 4];
        id += kHex[b[i] & 0x0f];
    }
    return id;
}

// Moves a damaged database (and its WAL) aside; returns the new name, empty on failure.
fs::path moveAside(const fs::path& path, std::string& error) {
    const std::string base = path.string() + ".corrupt-" + std::to_string(std::time(nullptr));
    fs::path target = base;
    for (int n = 2; fs::exists(target); ++n) target = base + "-" + std::to_string(n);
    std::error_code ec;
    fs::rename(path, target, ec);
    if (ec) {
        error = "cannot move the damaged file aside: " + ec.message();
        return {};
    }
    fs::rename(fs::path(path) += "-wal", fs::path(target) += "-wal", ec);
    fs::remove(fs::path(path) += "-shm", ec);
    return target;
}

} // namespace

struct Records::Impl {
    fs::path path;
    RecordsLimits limits;
    bool read_only = false;
    Database db;
    std::map<const char*, Statement> statements; // prepared once, by their SQL text
    fs::path moved_aside;
    std::int64_t play_count = 0;
    std::int64_t audit_count = 0;
    std::deque<StoredPlay> pending;  // plays not yet written
    std::int64_t lost_in_memory = 0; // pushed out of `pending`, not yet counted in meta
    std::int64_t failures = 0;       // failed writes in a row

    int exec(const char* sql) { return db ? sqlite3_exec(db.get(), sql, nullptr, nullptr, nullptr) : SQLITE_CANTOPEN; }

    // Runs one statement (prepared once) with values bound in order; `row` sees each result row.
    int run(const char* sql, std::initializer_list<Value> values, const RowReader& row = nullptr) {
        if (!db) return SQLITE_CANTOPEN; // a damaged file could not be replaced
        Statement& cached = statements[sql];
        if (!cached) {
            sqlite3_stmt* prepared = nullptr;
            const int rc = sqlite3_prepare_v3(db.get(), sql, -1, SQLITE_PREPARE_PERSISTENT, &prepared, nullptr);
            if (rc != SQLITE_OK) return rc;
            cached.reset(prepared);
        }
        sqlite3_stmt* s = cached.get();
        int index = 0;
        for (const Value& v : values) {
            ++index;
            if (const auto* n = std::get_if<std::int64_t>(&v)) sqlite3_bind_int64(s, index, *n);
            if (const auto* t = std::get_if<std::string_view>(&v))
                sqlite3_bind_text(s, index, t->data(), static_cast<int>(t->size()), SQLITE_TRANSIENT);
        }
        int rc = SQLITE_ROW;
        while ((rc = sqlite3_step(s)) == SQLITE_ROW)
            if (row) row(s);
        sqlite3_reset(s);
        sqlite3_clear_bindings(s);
        return rc == SQLITE_DONE ? SQLITE_OK : rc;
    }

    std::int64_t single(const char* sql, std::initializer_list<Value> values = {}) {
        std::int64_t result = 0;
        run(sql, values, [&](sqlite3_stmt* s) { result = sqlite3_column_int64(s, 0); });
        return result;
    }

    int transaction(const std::function<int()>& body) {
        int rc = exec("BEGIN IMMEDIATE");
        if (rc != SQLITE_OK) return rc;
        rc = body();
        if (rc == SQLITE_OK) rc = exec("COMMIT");
        if (rc != SQLITE_OK) exec("ROLLBACK");
        return rc;
    }

    int connect(std::string& error) {
        statements.clear();
        sqlite3* raw = nullptr;
        const int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
        db.reset(raw);
        if (rc == SQLITE_OK) rc = sqlite3_busy_timeout(raw, read_only ? kReaderBusyMs : kWriterBusyMs);
        if (rc == SQLITE_OK && !read_only)
            rc = exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA journal_size_limit=4194304");
        std::string check = "ok";
        if (rc == SQLITE_OK && !read_only)
            rc = run("PRAGMA quick_check(1)", {}, [&](sqlite3_stmt* s) { check = columnText(s, 0); });
        if (rc == SQLITE_OK && check != "ok") {
            std::replace(check.begin(), check.end(), '\n', ' ');
            error = "integrity check failed: " + check;
            return SQLITE_CORRUPT;
        }
        std::int64_t version = 0;
        const auto read = [](std::int64_t& to) { return [&to](sqlite3_stmt* s) { to = sqlite3_column_int64(s, 0); }; };
        if (rc == SQLITE_OK) rc = run("PRAGMA user_version", {}, read(version));
        if (rc == SQLITE_OK && (version > kSchemaVersion || (version == 0 && read_only))) {
            error = version == 0 ? "not a records database (no schema)"
                                 : "schema version " + std::to_string(version) + " is newer than this program's";
            return SQLITE_ERROR;
        }
        if (rc == SQLITE_OK && version == 0) { // new, or someone else's database: that is moved aside
            std::int64_t tables = 0;
            rc = run("SELECT COUNT(*) FROM sqlite_master", {}, read(tables));
            if (rc == SQLITE_OK && tables > 0) {
                error = "not a records database (it holds " + std::to_string(tables) + " tables of another schema)";
                return SQLITE_NOTADB;
            }
        }
        if (rc == SQLITE_OK && version == 0) rc = transaction([&] { return exec(kSchemaV1); });
        if (rc == SQLITE_OK && version < 2 && !read_only) rc = transaction([&] { return exec(kMigrateV1ToV2); });
        if (rc == SQLITE_OK) rc = run("SELECT COUNT(*) FROM plays", {}, read(play_count));
        if (rc == SQLITE_OK) rc = run("SELECT COUNT(*) FROM audit", {}, read(audit_count));
        if (rc != SQLITE_OK) error = describe(db.get(), rc);
        return rc;
    }

    // A damaged file at open or while running: moved aside, a fresh database in its place.
    bool replaceDamaged(std::string damage, std::string& error) {
        statements.clear();
        db.reset();
        moved_aside = moveAside(path, error);
        if (moved_aside.empty()) return false;
        log(path.string() + " is damaged (" + damage + "); moved to " + moved_aside.filename().string() +
            ", recording into a new file");
        return connect(error) == SQLITE_OK;
    }

    int addCounter(std::string_view key, std::int64_t amount) {
        return amount == 0 ? SQLITE_OK : run(kAddCounter, {key, amount});
    }

    // Inside a transaction: back under the cap, oldest sent plays first, then the oldest.
    int prunePlays(std::int64_t& dropped) {
        const std::int64_t cap = limits.max_plays;
        if (play_count <= cap) return SQLITE_OK;
        // A little below the cap, so that pruning is rare but short (~10 ms for 200 rows at 400,000).
        const std::int64_t excess = play_count - (cap - std::min<std::int64_t>(cap / 100, 200));
        int rc = run(kDropSentPlays, {excess});
        const std::int64_t sent = sqlite3_changes64(db.get());
        if (rc == SQLITE_OK && sent < excess) rc = run(kDropOldestPlays, {excess - sent});
        const std::int64_t unsent = rc == SQLITE_OK && sent < excess ? sqlite3_changes64(db.get()) : 0;
        dropped = sent + unsent;
        if (rc == SQLITE_OK) rc = addCounter("plays_dropped", dropped);
        if (rc == SQLITE_OK) rc = addCounter("plays_dropped_unsent", unsent);
        return rc;
    }

    int writePending() {
        std::int64_t dropped = 0;
        const std::int64_t count_before = play_count;
        const int rc = transaction([&] {
            for (const StoredPlay& p : pending) {
                const PlayRecord& play = p.play;
                const int inserted =
                    run(kInsertPlay, {p.id, play.ref, play.screen_group, play.start_s, play.duration_s, play.reason});
                if (inserted != SQLITE_OK) return inserted;
            }
            play_count += static_cast<std::int64_t>(pending.size());
            int rc = prunePlays(dropped);
            if (rc == SQLITE_OK) rc = addCounter("plays_dropped", lost_in_memory);
            if (rc == SQLITE_OK) rc = addCounter("plays_dropped_unsent", lost_in_memory);
            return rc;
        });
        if (rc != SQLITE_OK) {
            play_count = count_before;
            return rc;
        }
        play_count -= dropped;
        pending.clear();
        lost_in_memory = 0;
        return SQLITE_OK;
    }

    bool succeeded(int rc, const char* what) {
        if (rc == SQLITE_OK) {
            if (failures > 0) log(std::string(what) + " works again after " + std::to_string(failures) + " failures");
            failures = 0;
            return true;
        }
        if (failures++ == 0)
            log(std::string(what) + " failed: " + describe(db.get(), rc) + "; the screen carries on (" +
                std::to_string(pending.size()) + " plays wait in memory)");
        return false;
    }
};

Records::Records(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Records::~Records() = default;

std::unique_ptr<Records> Records::open(const fs::path& path, std::string& error, RecordsLimits limits) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->limits = limits;
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
    int rc = impl->connect(error);
    if (isDamage(rc) && impl->replaceDamaged(error, error)) rc = SQLITE_OK;
    if (rc != SQLITE_OK) {
        error = path.string() + ": " + error;
        return nullptr;
    }
    return std::unique_ptr<Records>(new Records(std::move(impl)));
}

std::unique_ptr<Records> Records::openForReading(const fs::path& path, std::string& error) {
    auto impl = std::make_unique<Impl>();
    impl->path = path;
    impl->read_only = true;
    if (impl->connect(error) != SQLITE_OK) {
        error = path.string() + ": " + error;
        return nullptr;
    }
    return std::unique_ptr<Records>(new Records(std::move(impl)));
}

bool Records::recordPlay(const PlayRecord& play) {
    if (m_impl->read_only) return false;
    if (play.duration_s < 1) return true; // less than a second on screen: not a play
    Impl& m = *m_impl;
    m.pending.push_back(StoredPlay{newRecordId(), play});
    if (m.pending.size() > kMaxPendingPlays) {
        m.pending.pop_front();
        ++m.lost_in_memory;
    }
    std::string error;
    if (!m.db) m.connect(error); // a damaged file could not be replaced earlier: try again
    int rc = m.writePending();
    if (isDamage(rc) && m.replaceDamaged(describe(m.db.get(), rc), error)) rc = m.writePending();
    return m.succeeded(rc, "recording a play");
}

bool Records::recordAudit(std::int64_t at_s, std::string_view actor, std::string_view action, std::string_view detail) {
    Impl& m = *m_impl;
    std::int64_t dropped = 0;
    const int rc = m.transaction([&] {
        int rc = m.run(kInsertAudit, {at_s, actor, action, detail});
        dropped = std::max<std::int64_t>(0, m.audit_count + 1 - m.limits.max_audit);
        if (rc == SQLITE_OK && dropped > 0) rc = m.run(kDropOldestAudit, {dropped});
        if (rc == SQLITE_OK) rc = m.addCounter("audit_dropped", dropped);
        return rc;
    });
    if (rc == SQLITE_OK) m.audit_count += 1 - dropped;
    return m.succeeded(rc, "recording an audit entry");
}

std::optional<std::vector<PlayTotal>> Records::playTotals(std::int64_t from_s, std::int64_t to_s,
                                                          const std::optional<std::string>& screen_group,
                                                          std::string& error) {
    std::vector<PlayTotal> totals;
    const Value group = screen_group ? Value(std::string_view(*screen_group)) : Value(nullptr);
    const int rc = m_impl->run(kTotals, {from_s, to_s, group}, [&](sqlite3_stmt* s) {
        totals.push_back(PlayTotal{columnText(s, 0), columnText(s, 1), sqlite3_column_int64(s, 2),
                                   sqlite3_column_int64(s, 3), sqlite3_column_int64(s, 4), sqlite3_column_int64(s, 5)});
    });
    if (rc == SQLITE_OK) return totals;
    error = m_impl->path.string() + ": " + describe(m_impl->db.get(), rc);
    return std::nullopt;
}

std::vector<StoredPlay> Records::unsentPlays(std::size_t limit) {
    std::vector<StoredPlay> plays;
    m_impl->run(kUnsent, {static_cast<std::int64_t>(limit)}, [&](sqlite3_stmt* s) {
        plays.push_back(
            StoredPlay{columnText(s, 0), PlayRecord{columnText(s, 1), columnText(s, 2), sqlite3_column_int64(s, 3),
                                                    sqlite3_column_int64(s, 4), columnText(s, 5)}});
    });
    return plays;
}

bool Records::markSent(const std::vector<std::string>& ids) {
    const int rc = m_impl->transaction([&] {
        for (const std::string& id : ids)
            if (const int updated = m_impl->run("UPDATE plays SET sent = 1 WHERE id = ?", {id}); updated != SQLITE_OK)
                return updated;
        return SQLITE_OK;
    });
    return m_impl->succeeded(rc, "marking plays sent");
}

std::int64_t Records::unsentPlayCount() {
    return m_impl->single("SELECT COUNT(*) FROM plays WHERE sent = 0");
}

std::optional<QueuedHeartbeat> Records::queueHeartbeat(std::int64_t created_s, std::string_view body) {
    if (m_impl->read_only) return std::nullopt;
    Impl& m = *m_impl;
    QueuedHeartbeat queued{newRecordId(), 0, created_s, std::string(body)};
    const int rc = m.transaction([&] {
        queued.seq = m.single("SELECT value FROM meta WHERE key = 'heartbeats_queued'") + 1;
        int rc = m.run(kInsertHeartbeat, {queued.id, queued.seq, created_s, body});
        if (rc == SQLITE_OK) rc = m.run(kSetCounter, {std::string_view("heartbeats_queued"), queued.seq});
        const std::int64_t excess =
            std::max<std::int64_t>(0, m.single("SELECT COUNT(*) FROM outbox") - m.limits.max_heartbeats);
        if (rc == SQLITE_OK && excess > 0) rc = m.run(kDropOldestHeartbeats, {excess});
        if (rc == SQLITE_OK) rc = m.addCounter("heartbeats_dropped", excess);
        return rc;
    });
    if (!m.succeeded(rc, "queuing a heartbeat")) return std::nullopt;
    return queued;
}

std::vector<QueuedHeartbeat> Records::oldestHeartbeats(std::size_t limit) {
    std::vector<QueuedHeartbeat> heartbeats;
    m_impl->run(kOldestHeartbeats, {static_cast<std::int64_t>(limit)}, [&](sqlite3_stmt* s) {
        heartbeats.push_back(QueuedHeartbeat{columnText(s, 0), sqlite3_column_int64(s, 1), sqlite3_column_int64(s, 2),
                                             columnText(s, 3)});
    });
    return heartbeats;
}

std::int64_t Records::heartbeatCount() {
    return m_impl->single("SELECT COUNT(*) FROM outbox");
}

bool Records::acknowledge(const std::vector<std::string>& heartbeat_ids, const std::vector<std::string>& play_ids,
                          std::int64_t at_s) {
    if (m_impl->read_only) return false;
    Impl& m = *m_impl;
    const int rc = m.transaction([&] {
        for (const std::string& id : heartbeat_ids)
            if (const int removed = m.run("DELETE FROM outbox WHERE id = ?", {id}); removed != SQLITE_OK)
                return removed;
        for (const std::string& id : play_ids)
            if (const int updated = m.run("UPDATE plays SET sent = 1 WHERE id = ?", {id}); updated != SQLITE_OK)
                return updated;
        int rc = m.addCounter("heartbeats_delivered", static_cast<std::int64_t>(heartbeat_ids.size()));
        if (rc == SQLITE_OK) rc = m.addCounter("plays_delivered", static_cast<std::int64_t>(play_ids.size()));
        if (rc == SQLITE_OK) rc = m.run(kSetCounter, {std::string_view("last_delivery_s"), at_s});
        return rc;
    });
    // Marking a batch dirties many pages. Checkpoint them here, on the sender's thread, so that the
    // frame loop's next play does not find the WAL past the auto-checkpoint mark and pay for the
    // checkpoint (and its fsync) itself. Passive: it never waits for, nor blocks, the other connection.
    if (rc == SQLITE_OK) sqlite3_wal_checkpoint_v2(m.db.get(), nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    return m.succeeded(rc, "marking records delivered");
}

std::int64_t Records::playCount() const {
    return m_impl->play_count;
}

std::int64_t Records::auditCount() const {
    return m_impl->audit_count;
}

std::int64_t Records::counter(std::string_view key) const {
    return m_impl->single("SELECT value FROM meta WHERE key = ?", {key});
}

const fs::path& Records::movedAside() const {
    return m_impl->moved_aside;
}

} // namespace gk
