// Tests for kiosk/playlist_editor: each staff edit on real files in a temporary directory, checked
// through parsePlaylist of the file written; the first edit starts from the publish's playlist; an
// edit with items the screen skips is made and says so; a file that is not a playlist, disabling
// the last enabled item, and a write that fails leave the old file as it was; every change is one
// audit row (read back with raw SQLite).
#include "kiosk/playlist/playlist_editor.h"
#include "kiosk/services/records.h"

#include "config/playlist.h"
#include "kiosk/playlist/playlist_source.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <sys/resource.h>
#include <unistd.h>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

using namespace gk;
namespace fs = std::filesystem;

namespace {

const std::int64_t kNow = epochFromCivil(2026, 11, 28, 10, 0, 0, kChinaUtcOffsetS);

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gk-editor-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path / "playlists", fs::perms::owner_all, ec);
        fs::remove_all(path, ec);
    }
};

Content makeContent() {
    Content c;
    c.generation = "g1";
    for (const char* id : {"n-1", "n-2"}) {
        Notice n;
        n.id = id;
        n.title = std::string("通知 ") + id;
        c.notices.push_back(n);
    }
    ServiceGuide guide;
    guide.id = "g-1";
    guide.name = "户口迁移";
    c.guides = {guide};
    c.playlists["hall-main"] = R"({"name": "大厅主屏", "default_duration_s": 15, "items": [
        {"ref": "notice:n-1"}, {"ref": "guide:g-1", "duration_s": 20}, {"text": {"title": "温馨提示", "body": "排队"}}]})";
    return c;
}

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

Playlist parsedFile(const fs::path& path) {
    const PlaylistResult r = parsePlaylist(readText(path), path.filename().string());
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    return r.playlist;
}

std::vector<std::string> refsOf(const Playlist& playlist) {
    std::vector<std::string> refs;
    for (const PlaylistItem& item : playlist.items) refs.push_back(item.ref() ? item.ref()->str() : "text");
    return refs;
}

// "actor|action|detail" per audit row, oldest first.
std::vector<std::string> auditRows(const fs::path& db, std::int64_t* last_at = nullptr) {
    sqlite3* handle = nullptr;
    std::vector<std::string> rows;
    REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(handle, "SELECT at_s, actor, action, detail FROM audit ORDER BY id", -1, &stmt,
                               nullptr) == SQLITE_OK);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        if (last_at) *last_at = sqlite3_column_int64(stmt, 0);
        std::string row;
        for (int col = 1; col <= 3; ++col)
            row += std::string(col == 1 ? "" : "|") + reinterpret_cast<const char*>(sqlite3_column_text(stmt, col));
        rows.push_back(row);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    return rows;
}

struct Fixture {
    TempDir dir;
    Content content = makeContent();
    fs::path file = localPlaylistPath(dir.path, "", "hall-main");
    std::string error;
    std::unique_ptr<Records> records = Records::open(recordsPathIn(dir.path), error);
    PlaylistEditor editor{file, "hall-main", content, records.get(), kChinaUtcOffsetS};
};

} // namespace

TEST_CASE("the first edit starts from the publish's playlist and is audited", "[playlist_editor]") {
    Fixture f;
    REQUIRE(f.records);
    EditablePlaylist shown;
    std::string error;
    REQUIRE(f.editor.load(shown, error));
    CHECK_FALSE(shown.local);
    REQUIRE(shown.items.size() == 3);
    CHECK(shown.items[1].ref == "guide:g-1");
    CHECK(shown.items[1].title == "户口迁移");
    CHECK(shown.items[1].duration_s == 20);
    CHECK(shown.items[0].duration_s == 15);
    CHECK_FALSE(shown.items[0].own_duration);
    CHECK(shown.items[2].title == "温馨提示");

    const StaffEdit edit = f.editor.setDuration(0, 30, kNow);
    INFO(edit.message);
    CHECK(edit.ok);
    CHECK(edit.changed);
    CHECK(edit.message == "items[0] notice:n-1 (通知 n-1) duration 15 s → 30 s; new local playlist, copied from the "
                          "publish's");
    const Playlist written = parsedFile(f.file);
    CHECK(written.name == "大厅主屏");
    CHECK(refsOf(written) == std::vector<std::string>{"notice:n-1", "guide:g-1", "text"});
    CHECK(written.items[0].duration_s == 30);
    REQUIRE(f.editor.load(shown, error));
    CHECK(shown.local);
    std::int64_t at = 0;
    CHECK(auditRows(recordsPathIn(f.dir.path), &at) ==
          std::vector<std::string>{"staff-panel|playlist.duration|hall-main: " + edit.message});
    CHECK(at == kNow);
    // No temporary files are left beside it.
    CHECK(std::distance(fs::directory_iterator(f.file.parent_path()), fs::directory_iterator()) == 1);
}

TEST_CASE("disable keeps the item in the file and out of the rotation — enable brings it back", "[playlist_editor]") {
    Fixture f;
    StaffEdit edit = f.editor.setEnabled(1, false, kNow);
    INFO(edit.message);
    REQUIRE(edit.ok);
    Playlist written = parsedFile(f.file);
    CHECK(refsOf(written) == std::vector<std::string>{"notice:n-1", "text"});
    CHECK(written.disabled_items == 1);
    CHECK(readText(f.file).find("\"enabled\": false") != std::string::npos);
    EditablePlaylist shown;
    std::string error;
    REQUIRE(f.editor.load(shown, error));
    REQUIRE(shown.items.size() == 3);
    CHECK_FALSE(shown.items[1].enabled);
    // Again: nothing to do, nothing written, nothing audited.
    edit = f.editor.setEnabled(1, false, kNow);
    CHECK(edit.ok);
    CHECK_FALSE(edit.changed);
    CHECK(edit.message == "items[1] guide:g-1 (户口迁移) is already disabled");
    edit = f.editor.setEnabled(1, true, kNow + 60);
    REQUIRE(edit.ok);
    written = parsedFile(f.file);
    CHECK(refsOf(written) == std::vector<std::string>{"notice:n-1", "guide:g-1", "text"});
    CHECK(readText(f.file).find("enabled") == std::string::npos); // absent means enabled
    const std::vector<std::string> rows = auditRows(recordsPathIn(f.dir.path));
    REQUIRE(rows.size() == 2);
    CHECK(rows[0].rfind("staff-panel|playlist.disable|hall-main: items[1] guide:g-1", 0) == 0);
    CHECK(rows[1].rfind("staff-panel|playlist.enable|hall-main: items[1] guide:g-1", 0) == 0);
}

TEST_CASE("the last enabled item cannot be disabled", "[playlist_editor]") {
    Fixture f;
    REQUIRE(f.editor.setEnabled(0, false, kNow).ok);
    REQUIRE(f.editor.setEnabled(1, false, kNow).ok);
    const std::string before = readText(f.file);
    const StaffEdit edit = f.editor.setEnabled(2, false, kNow);
    CHECK_FALSE(edit.ok);
    CHECK(edit.message.rfind("not changed: items[2] ", 0) == 0);
    CHECK(edit.message.ends_with(" is the last enabled item; enable another first"));
    CHECK(readText(f.file) == before);
    CHECK(auditRows(recordsPathIn(f.dir.path)).size() == 2);
}

TEST_CASE("move up and down, within the list", "[playlist_editor]") {
    Fixture f;
    REQUIRE(f.editor.move(2, -1, kNow).ok);
    CHECK(refsOf(parsedFile(f.file)) == std::vector<std::string>{"notice:n-1", "text", "guide:g-1"});
    const StaffEdit down = f.editor.move(0, +1, kNow);
    CHECK(down.message == "items[0] notice:n-1 (通知 n-1) moved to items[1]");
    CHECK(refsOf(parsedFile(f.file)) == std::vector<std::string>{"text", "notice:n-1", "guide:g-1"});
    const StaffEdit first = f.editor.move(0, -1, kNow);
    CHECK_FALSE(first.ok);
    CHECK(first.message == "items[0] text (温馨提示) cannot move up: it is already first");
    CHECK_FALSE(f.editor.move(2, +1, kNow).ok);
    CHECK_FALSE(f.editor.move(7, -1, kNow).ok);
    CHECK(parsedFile(f.file).items[2].duration_s == 20); // the item moves with its fields
    CHECK(auditRows(recordsPathIn(f.dir.path)).size() == 2);
}

TEST_CASE("durations are clamped to the playlist format's limits", "[playlist_editor]") {
    Fixture f;
    StaffEdit edit = f.editor.setDuration(1, 0, kNow);
    CHECK(edit.message ==
          "items[1] guide:g-1 (户口迁移) duration 20 s → 1 s (asked 0 s; the limits are 1–86400 s); new "
          "local playlist, copied from the publish's");
    CHECK(parsedFile(f.file).items[1].duration_s == 1);
    edit = f.editor.setDuration(1, 100000, kNow);
    CHECK(parsedFile(f.file).items[1].duration_s == 86400);
    edit = f.editor.setDuration(1, 86400, kNow);
    CHECK(edit.ok);
    CHECK_FALSE(edit.changed);
    CHECK_FALSE(f.editor.setDuration(3, 10, kNow).ok);
}

TEST_CASE("an edit is checked by the screen's rule: skipped items are said, a non-playlist is not edited",
          "[playlist_editor]") {
    Fixture f;
    fs::create_directories(f.file.parent_path());
    const std::string stale = R"({"items": [{"ref": "notice:n-1"}, {"ref": "notice:gone"}]})";
    std::ofstream(f.file) << stale;
    StaffEdit edit = f.editor.move(0, +1, kNow);
    INFO(edit.message);
    CHECK(edit.ok);
    CHECK(edit.message.ends_with("; 1 item is skipped (items[0]); the other 1 plays"));
    CHECK(refsOf(parsedFile(f.file)) == std::vector<std::string>{"notice:gone", "notice:n-1"});
    // Disabling the item that names it: nothing is skipped any more.
    edit = f.editor.setEnabled(0, false, kNow);
    CHECK(edit.ok);
    CHECK(edit.message.find("skipped") == std::string::npos);
    CHECK(refsOf(parsedFile(f.file)) == std::vector<std::string>{"notice:n-1"});
    // A local file that is not a playlist at all is not edited.
    std::ofstream(f.file, std::ios::trunc) << R"({"items": {"ref": "notice:n-1", "duration_s": -5}})";
    edit = f.editor.setDuration(0, 10, kNow);
    CHECK_FALSE(edit.ok);
    CHECK(edit.message.find("hall-main.json cannot be read as a playlist, so the panel cannot edit it") == 0);
    // No local file and no playlist for the group in the publish.
    PlaylistEditor other(localPlaylistPath(f.dir.path, "", "lobby"), "lobby", f.content, nullptr, kChinaUtcOffsetS);
    CHECK(other.setDuration(0, 10, kNow).message.find("the publish has none for screen group lobby") !=
          std::string::npos);
}

TEST_CASE("a failed write leaves the old file intact and nothing audited", "[playlist_editor]") {
    Fixture f;
    REQUIRE(f.editor.setDuration(0, 30, kNow).ok);
    const std::string before = readText(f.file);
    SECTION("read-only directory") {
        if (::geteuid() == 0) {
            WARN("running as root: permissions do not stop root, see the next section");
            return;
        }
        fs::permissions(f.file.parent_path(), fs::perms::owner_read | fs::perms::owner_exec);
        const StaffEdit edit = f.editor.setDuration(0, 45, kNow);
        fs::permissions(f.file.parent_path(), fs::perms::owner_all);
        CHECK_FALSE(edit.ok);
        CHECK(edit.message.find("not changed: cannot write") == 0);
    }
    SECTION("the disk refuses the bytes (file size limit: works for root too)") {
        std::signal(SIGXFSZ, SIG_IGN);
        rlimit saved{};
        REQUIRE(::getrlimit(RLIMIT_FSIZE, &saved) == 0);
        rlimit tiny = saved;
        tiny.rlim_cur = 16;
        REQUIRE(::setrlimit(RLIMIT_FSIZE, &tiny) == 0);
        const StaffEdit edit = f.editor.setDuration(0, 45, kNow);
        ::setrlimit(RLIMIT_FSIZE, &saved);
        CHECK_FALSE(edit.ok);
        CHECK(edit.message.find("not changed: cannot write " + f.file.string()) == 0);
    }
    CHECK(readText(f.file) == before);
    CHECK(std::distance(fs::directory_iterator(f.file.parent_path()), fs::directory_iterator()) == 1);
    CHECK(auditRows(recordsPathIn(f.dir.path)).size() == 1);
}

TEST_CASE("without the audit log the edit is made and the message says it is not logged", "[playlist_editor]") {
    Fixture f;
    PlaylistEditor editor(f.file, "hall-main", f.content, nullptr, kChinaUtcOffsetS);
    const StaffEdit edit = editor.move(0, 1, kNow);
    CHECK(edit.ok);
    CHECK(edit.message.find("(not in the audit log: it is not open)") != std::string::npos);
}

TEST_CASE("a video item is listed by its href and name, and its duration is staff's to set",
          "[playlist_editor][video]") {
    Fixture f;
    REQUIRE(f.records);
    f.content.playlists["hall-main"] =
        R"({"default_duration_s": 15, "items": [{"ref": "notice:n-1"}, {"video": {"name": "宣传片",
            "href": "att/vv/clip.mp4", "sha256": ")" +
        std::string(64, 'c') + R"(", "bytes": 100, "type": "video/mp4"}, "muted": false}]})";
    EditablePlaylist shown;
    std::string error;
    REQUIRE(f.editor.load(shown, error));
    REQUIRE(shown.items.size() == 2);
    CHECK(shown.items[1].ref == "video:att/vv/clip.mp4");
    CHECK(shown.items[1].title == "宣传片");
    const StaffEdit edit = f.editor.setDuration(1, 45, kNow);
    INFO(edit.message);
    CHECK(edit.ok);
    const Playlist written = parsedFile(f.file);
    REQUIRE(written.items.size() == 2);
    REQUIRE(written.items[1].video());
    CHECK(written.items[1].video()->duration_s == 45.0);
    CHECK_FALSE(written.items[1].video()->muted); // the rest of the item is kept
}
