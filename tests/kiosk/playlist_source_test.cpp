// Tests for kiosk/playlist_source: hot reload with real files in a temporary directory — a usable
// file is used (its bad items skipped and logged), an edit that is not a playlist at all keeps the
// last good playlist and says why, a fix replaces it, a removal goes back to the publish's; edits
// within one second (same size, same mtime) are seen; refs follow the publish.
#include "kiosk/playlist/playlist_source.h"

#include "tests/messages_in.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace gk;
namespace fs = std::filesystem;

namespace {

constexpr int kCst = kChinaUtcOffsetS;
const std::int64_t kNow = epochFromCivil(2026, 11, 28, 10, 0, 0, kCst);

Content makeContent(const std::string& generation, bool with_n2 = false) {
    Content c;
    c.generation = generation;
    for (const char* id : {"n-1", "n-2"}) {
        if (std::string(id) == "n-2" && !with_n2) continue;
        Notice n;
        n.id = id;
        n.title = std::string("通知 ") + id;
        c.notices.push_back(n);
    }
    ServiceGuide guide;
    guide.id = "g-1";
    c.guides = {guide};
    return c;
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gk-source-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

// Replaced atomically, like the staff panel does (write a temporary file, rename it over).
void writeAtomically(const fs::path& path, const std::string& text) {
    const fs::path temp = path.string() + ".tmp";
    std::ofstream(temp, std::ios::binary) << text;
    fs::rename(temp, path);
}

const std::string kGood = R"({"items": [{"ref": "notice:n-1"}, {"ref": "guide:g-1", "duration_s": 20}]})";
const std::string kGood2 = R"({"items": [{"ref": "guide:g-1"}, {"ref": "notice:n-1", "duration_s": 30}]})";
const std::string kNotAList = R"({"items": {"ref": "notice:n-1"}})";
const std::string kBadTime =
    R"({"items": [{"ref": "notice:n-1", "schedule": {"times": ["8:30-12"]}}, {"ref": "guide:g-1"}]})";

} // namespace

TEST_CASE("local playlist path: <data dir>/playlists/<group>.json unless playlist_dir is set", "[playlist_source]") {
    CHECK(localPlaylistPath("/var/lib/gongkai", "", "hall-main") ==
          fs::path("/var/lib/gongkai/playlists/hall-main.json"));
    CHECK(localPlaylistPath("/var/lib/gongkai", "/srv/pl", "大厅") == fs::path("/srv/pl/大厅.json"));
}

TEST_CASE("no file: nothing to use, nothing to say", "[playlist_source]") {
    TempDir dir;
    PlaylistSource source(dir.path / "hall-main.json", kCst);
    const Content content = makeContent("g1");
    CHECK(source.poll(content, kNow) == LocalPlaylistChange::None);
    CHECK_FALSE(source.playlist());
    CHECK(source.note().empty());
}

TEST_CASE("valid, invalid edit, fix, removal", "[playlist_source]") {
    TempDir dir;
    const fs::path file = dir.path / "hall-main.json";
    PlaylistSource source(file, kCst);
    const Content content = makeContent("g1");

    writeAtomically(file, kGood);
    REQUIRE(source.poll(content, kNow) == LocalPlaylistChange::Loaded);
    REQUIRE(source.playlist());
    CHECK(source.playlist()->items.size() == 2);
    CHECK(source.note().empty());
    CHECK(source.logLine(LocalPlaylistChange::Loaded) == "playlist " + file.string() + ": in use, 2 items");
    CHECK(source.poll(content, kNow + 1) == LocalPlaylistChange::None); // unchanged

    writeAtomically(file, kNotAList);
    REQUIRE(source.poll(content, kNow + 2) == LocalPlaylistChange::Rejected);
    REQUIRE(source.playlist()); // the last good one keeps running
    CHECK(source.playlist()->items.size() == 2);
    CHECK(source.note() ==
          "The local playlist has errors; still playing the previous one: hall-main.json: items: must be an array, got "
          "an object");
    CHECK(source.logLine(LocalPlaylistChange::Rejected) ==
          "playlist " + file.string() + ": items: must be an array, got an object; keeping the last good playlist");
    CHECK(source.poll(content, kNow + 3) == LocalPlaylistChange::None); // reported once

    writeAtomically(file, kGood2);
    REQUIRE(source.poll(content, kNow + 4) == LocalPlaylistChange::Loaded);
    CHECK(source.playlist()->items[0].ref()->str() == "guide:g-1");
    CHECK(source.note().empty());

    fs::remove(file);
    REQUIRE(source.poll(content, kNow + 5) == LocalPlaylistChange::Removed);
    CHECK_FALSE(source.playlist()); // back to the publish's playlist
    CHECK(source.note().empty());
    CHECK(source.logLine(LocalPlaylistChange::Removed) ==
          "playlist " + file.string() + ": removed; showing the publish's playlist");
    CHECK(source.poll(content, kNow + 6) == LocalPlaylistChange::None);
}

TEST_CASE("an edit with a bad item is used: that item is skipped, the rest plays, the log says which",
          "[playlist_source]") {
    TempDir dir;
    const fs::path file = dir.path / "hall-main.json";
    PlaylistSource source(file, kCst);
    const Content content = makeContent("g1");
    writeAtomically(file, kGood);
    REQUIRE(source.poll(content, kNow) == LocalPlaylistChange::Loaded);
    writeAtomically(file, kBadTime);
    REQUIRE(source.poll(content, kNow + 1) == LocalPlaylistChange::Loaded);
    REQUIRE(source.playlist());
    REQUIRE(source.playlist()->items.size() == 1);
    CHECK(source.playlist()->items[0].ref()->str() == "guide:g-1");
    CHECK(source.note().empty());
    CHECK(source.logLine(LocalPlaylistChange::Loaded) ==
          "playlist " + file.string() +
              ": in use, 1 item; 1 item is skipped (items[0]); the other 1 plays; 1 warning, first: "
              "items[0].schedule.times[0]: \"8:30-12\" is not HH:MM-HH:MM");
}

TEST_CASE("two edits within one second, same size and same mtime, are both seen", "[playlist_source]") {
    TempDir dir;
    const fs::path file = dir.path / "hall-main.json";
    PlaylistSource source(file, kCst);
    const Content content = makeContent("g1");
    const std::string a = R"({"items": [{"ref": "notice:n-1", "duration_s": 10}]})";
    const std::string b = R"({"items": [{"ref": "notice:n-1", "duration_s": 20}]})";
    REQUIRE(a.size() == b.size());
    writeAtomically(file, a);
    const fs::file_time_type stamp = fs::last_write_time(file);
    REQUIRE(source.poll(content, kNow) == LocalPlaylistChange::Loaded);
    { std::ofstream(file, std::ios::binary | std::ios::trunc) << b; } // edited in place
    fs::last_write_time(file, stamp);
    REQUIRE(source.poll(content, kNow) == LocalPlaylistChange::Loaded);
    CHECK(source.playlist()->items[0].duration_s == 20);
}

TEST_CASE("invalid from the start: the publish's playlist runs, the note says so", "[playlist_source]") {
    TempDir dir;
    const fs::path file = dir.path / "hall-main.json";
    writeAtomically(file, "{\"items\": [\n  {\"ref\": \"notice:n-1\"},\n]}");
    PlaylistSource source(file, kCst);
    REQUIRE(source.poll(makeContent("g1"), kNow) == LocalPlaylistChange::Rejected);
    CHECK_FALSE(source.playlist());
    CHECK(source.note() == "The local playlist has errors; playing the portal's playlist: hall-main.json: line 3, "
                           "column 1: syntax error: unexpected ']'; expected '[', '{', or a literal");
    CHECK(source.logLine(LocalPlaylistChange::Rejected).ends_with("; showing the publish's playlist"));
}

TEST_CASE("the note on the staff panel is in the staff's language: zh_CN", "[playlist_source]") {
    const test::MessagesIn zh("zh_CN.UTF-8");
    REQUIRE(zh.ok());
    TempDir dir;
    const fs::path file = dir.path / "hall-main.json";
    writeAtomically(file, "{\"items\": {}}");
    PlaylistSource source(file, kCst);
    REQUIRE(source.poll(makeContent("g1"), kNow) == LocalPlaylistChange::Rejected);
    // The parser's problem is translated as well; the JSON path stays as written in the file.
    CHECK(source.note() ==
          "本地播放列表有误，正在播放门户的播放列表：hall-main.json: items: 必须是数组，实际为 一个对象");
}

TEST_CASE("a 5 MB file, a directory: rejected with the reason", "[playlist_source]") {
    TempDir dir;
    const fs::path file = dir.path / "hall-main.json";
    PlaylistSource source(file, kCst);
    const Content content = makeContent("g1");
    writeAtomically(file, kGood);
    REQUIRE(source.poll(content, kNow) == LocalPlaylistChange::Loaded);
    writeAtomically(file, kGood + std::string(5 * 1024 * 1024, ' '));
    REQUIRE(source.poll(content, kNow + 1) == LocalPlaylistChange::Rejected);
    CHECK(source.playlist());
    CHECK(source.note().ends_with("hall-main.json: file is 5.0 MiB; a playlist may be at most 1 MiB"));
    fs::remove(file);
    fs::create_directory(file);
    REQUIRE(source.poll(content, kNow + 2) == LocalPlaylistChange::Rejected);
    CHECK(source.note().ends_with("is a directory, not a playlist file"));
}

TEST_CASE("refs: an item naming something not in the publish is skipped until a publish brings it",
          "[playlist_source]") {
    TempDir dir;
    const fs::path file = dir.path / "hall-main.json";
    const std::string names_n2 = R"({"items": [{"ref": "notice:n-1"}, {"ref": "notice:n-2"}]})";
    const Content without = makeContent("g1");
    const Content with = makeContent("g2", true);

    SECTION("at start-up and in an edit alike: the rest plays") {
        PlaylistSource source(file, kCst);
        writeAtomically(file, kGood);
        REQUIRE(source.poll(without, kNow) == LocalPlaylistChange::Loaded);
        writeAtomically(file, names_n2);
        REQUIRE(source.poll(without, kNow + 1) == LocalPlaylistChange::Loaded);
        CHECK(source.playlist()->items.size() == 2);
        CHECK(source.note().empty());
        CHECK(source.logLine(LocalPlaylistChange::Loaded) ==
              "playlist " + file.string() +
                  ": in use, 2 items; 1 item is skipped (items[1]); the other 1 plays; 1 warning, first: "
                  "items[1].ref: notice:n-2 is not in the current publish");
        // The publish brings n-2: the same bytes are checked again, nothing is skipped now.
        REQUIRE(source.poll(with, kNow + 2) == LocalPlaylistChange::Loaded);
        CHECK(source.logLine(LocalPlaylistChange::Loaded) == "playlist " + file.string() + ": in use, 2 items");
        CHECK(source.poll(with, kNow + 3) == LocalPlaylistChange::None);
    }
    SECTION("a publish that drops a notice keeps the playlist, the items are skipped") {
        writeAtomically(file, names_n2);
        PlaylistSource source(file, kCst);
        REQUIRE(source.poll(with, kNow) == LocalPlaylistChange::Loaded);
        const Content dropped = makeContent("g3");
        REQUIRE(source.poll(dropped, kNow + 1) == LocalPlaylistChange::Loaded);
        CHECK(source.playlist()->items.size() == 2);
        CHECK(source.note().empty());
        // The same publish again, or another one with the same findings: nothing new.
        CHECK(source.poll(dropped, kNow + 2) == LocalPlaylistChange::None);
        CHECK(source.poll(makeContent("g4"), kNow + 3) == LocalPlaylistChange::None);
    }
}
