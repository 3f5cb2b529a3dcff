// Tests for kiosk/playlist_validation: the one rule for a flawed playlist — refs checked against a
// publish (unknown ids, ids the sync skipped and expired notices skip their item, a warning at
// items[i].ref / fallback.ref; a ref is reported exactly when the scheduler skips it), the whole
// check of a file's text (refused only when it is not a playlist at all), idle-window warnings,
// the summary of what is skipped, and reading files with the size limit.
#include "kiosk/playlist/playlist_validation.h"

#include "display/info/scheduler.h"
#include "kiosk/playlist/video_support.h"
#include "sync/sha256.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <future>
#include <string>
#include <thread>
#include <vector>

using namespace gk;
namespace fs = std::filesystem;

namespace {

constexpr int kCst = kChinaUtcOffsetS;
const std::int64_t kNow = epochFromCivil(2026, 11, 28, 10, 0, 0, kCst);

Content makeContent() {
    Content c;
    c.generation = "g1";
    Notice current;
    current.id = "n-1";
    current.title = "通知一";
    current.valid_from = epochFromCivil(2026, 11, 1, 0, 0, 0, kCst);
    Notice expired = current;
    expired.id = "n-old";
    expired.valid_until = epochFromCivil(2026, 10, 9, 0, 0, 0, kCst);
    c.notices = {current, expired};
    ServiceGuide guide;
    guide.id = "g-1";
    c.guides = {guide};
    DisclosureItem item;
    item.id = "d-1";
    c.disclosures = {item};
    c.skipped.push_back(SkippedItem{"disclosures", "d-bad", "missing title"});
    return c;
}

// The ref problems of a file whose items are otherwise fine (each one a warning that skips its entry).
std::vector<Problem> refs(const std::string& json) {
    const PlaylistResult r = checkPlaylistText(json, "hall.json", makeContent(), kNow, kCst);
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    for (const Problem& p : r.problems) {
        CHECK(p.warning);
        CHECK(r.isSkipped(p.path.substr(0, p.path.find('.'))));
    }
    return r.problems;
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gk-validation-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void writeFile(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

} // namespace

TEST_CASE("refs that resolve, including notices valid now, are fine", "[playlist_validation]") {
    CHECK(refs(R"({"items": [{"ref": "notice:n-1"}, {"ref": "guide:g-1"}, {"ref": "disclosure:d-1"},
                             {"text": {"title": "t"}}], "fallback": {"ref": "notice:n-1"}})")
              .empty());
}

TEST_CASE("unknown ids skip their item, at the exact ref path", "[playlist_validation]") {
    const std::vector<Problem> p = refs(R"({"items": [{"ref": "notice:n-1"}, {"ref": "notice:n-404"},
        {"ref": "guide:g-404"}, {"ref": "disclosure:d-404"}], "fallback": {"ref": "guide:nope"}})");
    REQUIRE(p.size() == 4);
    CHECK(p[0].path == "items[1].ref");
    CHECK(p[0].message == "notice:n-404 is not in the current publish");
    CHECK(p[1].path == "items[2].ref");
    CHECK(p[1].message == "guide:g-404 is not in the current publish");
    CHECK(p[2].path == "items[3].ref");
    CHECK(p[2].message == "disclosure:d-404 is not in the current publish");
    CHECK(p[3].path == "fallback.ref");
}

TEST_CASE("an id the sync skipped says why", "[playlist_validation]") {
    const std::vector<Problem> p = refs(R"({"items": [{"ref": "disclosure:d-bad"}]})");
    REQUIRE(p.size() == 1);
    CHECK(p[0].message == "disclosure:d-bad was skipped by the sync: missing title");
}

TEST_CASE("a notice that has expired is skipped", "[playlist_validation]") {
    const std::vector<Problem> p = refs(R"({"items": [{"ref": "notice:n-1"}, {"ref": "notice:n-old"}]})");
    REQUIRE(p.size() == 1);
    CHECK(p[0].path == "items[1].ref");
    CHECK(p[0].message == "notice:n-old expired at 2026-10-09 00:00 (valid_until), so it never shows again");
}

TEST_CASE("readScreenPlaylist needs no clock: it skips refs not in the publish, not expired notices",
          "[playlist_validation]") {
    const PlaylistResult r =
        readScreenPlaylist(R"({"items": [{"ref": "notice:n-old"}, {"ref": "notice:n-404"}, {"ref": "guide:g-1"}]})",
                           "hall.json", makeContent());
    REQUIRE(r.usable());
    CHECK(r.skipped == std::vector<std::string>{"items[1]"});
    CHECK(r.playlist.items.size() == 3); // skipped refs stay: a later publish may bring them
    CHECK(r.playingItems() == 2);
}

TEST_CASE("a ref is reported exactly when the screen can never schedule it", "[playlist_validation]") {
    // One rule (resolves(), sync/content.h) for both: what check calls missing (or expired), the
    // rotation skips, and what it lets through, the rotation shows. Kinds are not interchangeable.
    const Content content = makeContent();
    for (const char* ref : {"notice:n-1", "guide:g-1", "disclosure:d-1", "notice:n-404", "guide:n-1", "disclosure:g-1",
                            "disclosure:d-bad", "notice:n-old"}) {
        INFO(ref);
        const std::string json = std::string(R"({"items": [{"ref": ")") + ref + R"("}]})";
        const PlaylistResult checked = checkPlaylistText(json, "hall.json", content, kNow, kCst);
        REQUIRE(checked.usable());
        const bool reported = !checked.skipped.empty();
        Rotation rotation(checked.playlist, content, kCst, kNow);
        const bool scheduled = rotation.at(kNow).reason == SlotReason::Scheduled;
        CHECK(reported == !scheduled);
    }
}

TEST_CASE("checkPlaylistText: syntax refuses the file, schedules and refs skip items", "[playlist_validation]") {
    const Content content = makeContent();
    const PlaylistResult bad_syntax = checkPlaylistText("{\"items\": [}", "hall.json", content, kNow, kCst);
    CHECK_FALSE(bad_syntax.usable());
    CHECK(bad_syntax.formattedProblems() ==
          "hall.json: line 1, column 12: syntax error: unexpected '}'; expected '[', '{', or a literal\n");
    const PlaylistResult r = checkPlaylistText(
        R"({"items": [{"ref": "notice:n-1"}, {"ref": "notice:n-404"},
                      {"ref": "guide:g-1", "schedule": {"weekdays": [6], "from": "2026-12-01", "until": "2026-12-02"}},
                      {"ref": "notice:n-404", "duration_s": 0}]})",
        "hall.json", content, kNow, kCst);
    CHECK(r.usable());
    CHECK(r.formattedProblems() ==
          "hall.json: items[3].duration_s: must be a whole number of seconds > 0, got 0\n"
          "hall.json: items[1].ref: notice:n-404 is not in the current publish\n"
          "hall.json: items[2].schedule: never shows: no day from 2026-12-01 until 2026-12-02 falls on weekdays [6] "
          "(ISO: 1 = Monday … 7 = Sunday)\n");
    CHECK(r.skipped == std::vector<std::string>{"items[3]", "items[1]", "items[2]"});
    CHECK(skippedSummary(r) == "3 items are skipped (items[1], items[2], items[3]); the other 1 plays");
}

TEST_CASE("skippedSummary: how many items, the rest, the fallback and ticker lines", "[playlist_validation]") {
    const Content content = makeContent();
    const auto summary = [&](const std::string& json) {
        return skippedSummary(checkPlaylistText(json, "hall.json", content, kNow, kCst));
    };
    CHECK(summary(R"({"items": [{"ref": "notice:n-1"}]})").empty());
    CHECK(summary(R"({"items": [{"ref": "notice:n-1"}, {"ref": "guide:g-1"}, {"ref": "guide:x"}]})") ==
          "1 item is skipped (items[2]); the other 2 play");
    CHECK(summary(R"({"items": [{"ref": "guide:x"}]})") == "1 item is skipped (items[0]); no other item plays");
    CHECK(summary(R"({"items": [{"ref": "guide:x"}], "fallback": {"ref": "guide:y"}, "ticker": [{"text": ""}]})") ==
          "1 item is skipped (items[0]); no other item plays; also skipped: the fallback, ticker[0]");
    CHECK(summary(R"({"items": [{"ref": "guide:g-1"}], "fallback": {"ref": "guide:y"}})") == "the fallback is skipped");
}

TEST_CASE("idle windows are warnings naming the span", "[playlist_validation]") {
    const Content content = makeContent();
    const PlaylistResult r =
        checkPlaylistText(R"({"items": [{"ref": "guide:g-1", "schedule": {"times": ["08:00-18:00"]}}]})", "hall.json",
                          content, kNow, kCst);
    REQUIRE(r.usable());
    const std::vector<Problem> idle = idleWindowWarnings(r.playlist, content, kNow, kNow + 2 * 86400, kCst);
    REQUIRE(idle.size() == 2);
    CHECK(idle[0].warning);
    CHECK(idle[0].message == "nothing plays 2026-11-28 18:00 – 2026-11-29 08:00 (14 h): no item is scheduled and "
                             "there is no fallback, so the screen shows only the site name and clock");
    CHECK(idle[1].message.rfind("nothing plays 2026-11-29 18:00 – 2026-11-30 08:00 (14 h)", 0) == 0);
    const std::vector<Problem> capped = idleWindowWarnings(r.playlist, content, kNow, kNow + 7 * 86400, kCst, 3);
    REQUIRE(capped.size() == 4);
    CHECK(capped[3].message == "and 4 more spans in which nothing plays (see `gongkai-kiosk playlist plan`)");
}

TEST_CASE("firstProblemSummary: the first error, and how many more", "[playlist_validation]") {
    CHECK(firstProblemSummary({}).empty());
    CHECK(firstProblemSummary({Problem{"a", "warned", true}, Problem{"items[1].ref", "bad", false}}) ==
          "items[1].ref: bad (and 1 more problem)");
    CHECK(firstProblemSummary({Problem{"", "file is empty", false}}) == "file is empty");
}

TEST_CASE("readPlaylistFile: ok, missing, a directory, a FIFO, over 1 MiB", "[playlist_validation]") {
    TempDir dir;
    writeFile(dir.path / "ok.json", R"({"items": []})");
    const PlaylistFile ok = readPlaylistFile(dir.path / "ok.json");
    CHECK(ok.status == PlaylistFileStatus::Ok);
    CHECK(ok.text == R"({"items": []})");

    const PlaylistFile missing = readPlaylistFile(dir.path / "none.json");
    CHECK(missing.status == PlaylistFileStatus::Missing);
    CHECK(missing.error == "no such file");

    fs::create_directory(dir.path / "dir.json");
    const PlaylistFile directory = readPlaylistFile(dir.path / "dir.json");
    CHECK(directory.status == PlaylistFileStatus::NotRegular);
    CHECK(directory.error == "is a directory, not a playlist file");

    REQUIRE(::mkfifo((dir.path / "fifo.json").c_str(), 0600) == 0);
    CHECK(readPlaylistFile(dir.path / "fifo.json").status == PlaylistFileStatus::NotRegular); // never blocks

    writeFile(dir.path / "big.json", std::string(5 * 1024 * 1024, ' '));
    const PlaylistFile big = readPlaylistFile(dir.path / "big.json");
    CHECK(big.status == PlaylistFileStatus::TooLarge);
    CHECK(big.error == "file is 5.0 MiB; a playlist may be at most 1 MiB");
    CHECK(big.text.empty());

    writeFile(dir.path / "edge.json", std::string(kMaxPlaylistBytes, ' '));
    CHECK(readPlaylistFile(dir.path / "edge.json").status == PlaylistFileStatus::Ok);
}

namespace {

// A store's content with one video downloaded into its objects/ (a.mp4), one the sync left out
// over a cap (b.mp4, with its reason) and one no publish named (c.mp4).
struct VideoStore {
    TempDir temp;
    Content content = makeContent();
    std::string a_sha, b_sha, c_sha;

    VideoStore() {
        content.objects_dir = temp.path / "objects";
        a_sha = store("video a");
        b_sha = sha256Hex("video b");
        c_sha = sha256Hex("video c");
        content.videos_not_downloaded[b_sha] =
            "video over the 500 MiB per-file cap (video.max_file_mib): it has 600000000 bytes";
    }
    // Puts a video of these bytes in the store; returns its SHA-256.
    std::string store(const std::string& bytes) const {
        const std::string sha = sha256Hex(bytes);
        fs::create_directories(content.objects_dir / sha.substr(0, 2));
        writeFile(content.objects_dir / sha.substr(0, 2) / sha, bytes);
        return sha;
    }
    std::string item(const std::string& href, const std::string& sha, const std::string& extra = "") const {
        return R"({"video": {"name": "宣传片", "href": ")" + href + R"(", "sha256": ")" + sha +
               R"(", "bytes": 7, "type": "video/mp4"})" + extra + "}";
    }
};

const Problem* problemAt(const PlaylistResult& r, const std::string& path) {
    for (const Problem& p : r.problems)
        if (p.path == path) return &p;
    return nullptr;
}

} // namespace

TEST_CASE("video items a screen cannot play are skipped with their reason and taken out of the playlist",
          "[playlist_validation][video]") {
    VideoStore s;
    const std::string text = R"({"items": [{"ref": "notice:n-1"}, )" + s.item("att/vv/a.mp4", s.a_sha) + ", " +
                             s.item("att/vv/b.mp4", s.b_sha) + ", " + s.item("att/vv/c.mp4", s.c_sha) +
                             R"(, {"ref": "guide:g-1"}], "fallback": )" + s.item("att/vv/b.mp4", s.b_sha) + "}";
    const PlaylistResult r = readScreenPlaylist(text, "hall.json", s.content);
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    // Downloaded: whether it plays is the player's answer.
    const Problem* a = problemAt(r, "items[1].video");
    if (canPlayVideo()) {
        CHECK(a == nullptr);
    } else {
        REQUIRE(a != nullptr);
        CHECK(a->message == "video playback not available");
    }
    // Left out by the sync: its reason, as the sync kept it with the generation.
    const Problem* b = problemAt(r, "items[2].video");
    REQUIRE(b != nullptr);
    CHECK(b->message == "att/vv/b.mp4 was not downloaded by the sync: video over the 500 MiB per-file cap "
                        "(video.max_file_mib): it has 600000000 bytes");
    const Problem* c = problemAt(r, "items[3].video");
    REQUIRE(c != nullptr);
    CHECK(c->message == "att/vv/c.mp4 is not in the store: the sync downloads the videos the publish's playlists name");
    const Problem* fallback = problemAt(r, "fallback.video");
    REQUIRE(fallback != nullptr);
    CHECK(fallback->message == b->message);
    for (const Problem& p : r.problems) CHECK(p.warning);
    CHECK_FALSE(r.playlist.fallback);
    // Out of the playlist, so that no rotation schedules them; the others keep their paths.
    const std::size_t videos_left = canPlayVideo() ? 1 : 0;
    REQUIRE(r.playlist.items.size() == 2 + videos_left);
    CHECK(r.playlist.items.front().ref());
    CHECK(r.playlist.itemPath(0) == "items[0]");
    CHECK(r.playlist.itemPath(r.playlist.items.size() - 1) == "items[4]");
    CHECK(r.playingItems() == 2 + videos_left);
    CHECK(r.isSkipped("items[2]"));
    CHECK(r.isSkipped("items[3]"));
    CHECK(r.isSkipped("fallback"));
    Rotation rotation(r.playlist, s.content, kCst, kNow);
    for (const Slot& slot : rotation.plan(kNow, kNow + 3600)) {
        INFO(slot.ref);
        CHECK((slot.ref.rfind("video:", 0) != 0 || (canPlayVideo() && slot.ref == "video:att/vv/a.mp4")));
    }
}

TEST_CASE(
    "with a player, a video it cannot play is skipped with its reason, one without duration_s gets its own length",
    "[playlist_validation][video]") {
    VideoStore s;
    const std::string d_sha = s.store("video d"); // which the (fake) player finds broken
    int examined = 0;
    setVideoExaminer([&](const fs::path& file) {
        ++examined;
        if (file.filename() == d_sha) return VideoFileFacts{std::string("unrecognized file format"), 0};
        return VideoFileFacts{std::nullopt, 42.3};
    });
    const std::string text = "{\"items\": [" + s.item("att/vv/a.mp4", s.a_sha) + ", " +
                             s.item("att/vv/a.mp4", s.a_sha, R"(, "duration_s": 7.5)") + ", " +
                             s.item("att/vv/d.mp4", d_sha) + "]}";
    const PlaylistResult r = readScreenPlaylist(text, "hall.json", s.content);
    const PlaylistResult again = readScreenPlaylist(text, "hall.json", s.content);
    setVideoExaminer({}); // the other tests run without a player
    INFO(r.formattedProblems());
    REQUIRE(r.playlist.items.size() == 2);
    CHECK(r.playlist.items[0].duration_s == 43); // the video's own length, rounded up
    CHECK(r.playlist.items[1].duration_s == 8);  // its own duration_s, rounded up
    const Problem* d = problemAt(r, "items[2].video");
    REQUIRE(d != nullptr);
    CHECK(d->message == "att/vv/d.mp4 cannot be played: unrecognized file format");
    CHECK(again.playlist.items[0].duration_s == 43);
    CHECK(examined == 2); // once per file, however often the playlist is read
}

TEST_CASE("the sync worker's examination answers for the screen: reading the playlist probes nothing",
          "[playlist_validation][video]") {
    VideoStore s;
    const std::string d_sha = s.store("video d");
    std::vector<std::string> examined;
    setVideoExaminer([&](const fs::path& file) {
        examined.push_back(file.filename().string());
        return VideoFileFacts{std::nullopt, 12.0};
    });
    // A video in two groups' playlists, one as the fallback; one the store does not hold (b).
    s.content.playlists["hall-main"] =
        "{\"items\": [" + s.item("att/vv/a.mp4", s.a_sha) + ", " + s.item("att/vv/b.mp4", s.b_sha) + "]}";
    s.content.playlists["lobby"] =
        "{\"items\": [" + s.item("att/vv/a.mp4", s.a_sha) + "], \"fallback\": " + s.item("att/vv/d.mp4", d_sha) + "}";
    s.content.playlists["broken"] = "{\"items\": ";
    examinePlaylistVideos(s.content);
    const std::vector<std::string> ahead = examined;
    const PlaylistResult main = readScreenPlaylist(s.content.playlists["hall-main"], "hall-main", s.content);
    const PlaylistResult lobby = readScreenPlaylist(s.content.playlists["lobby"], "lobby", s.content);
    setVideoExaminer({});
    CHECK(ahead == std::vector<std::string>{s.a_sha, d_sha}); // each stored file once
    CHECK(examined.size() == 2);                              // the screen's reads asked the cache only
    REQUIRE(main.playlist.items.size() == 1);
    CHECK(main.playlist.items[0].duration_s == 12);
    REQUIRE(lobby.playlist.fallback);
    CHECK(lobby.playlist.fallback->duration_s == 12);
}

TEST_CASE("a known video's answer does not wait for another file's probe", "[playlist_validation][video]") {
    std::promise<void> probing;
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    setVideoExaminer([&probing, released](const fs::path& file) {
        if (file.filename() == "slow.mp4") {
            probing.set_value();
            released.wait(); // a hostile file, probed for up to 3 s
        }
        return VideoFileFacts{std::nullopt, 5.0};
    });
    CHECK(videoFileFacts("/store/known.mp4").seconds == 5.0);
    std::thread worker([] { videoFileFacts("/store/slow.mp4"); });
    probing.get_future().wait();
    // Asked while the slow probe runs; it answers long before the probe is let go.
    auto answer = std::async(std::launch::async, [] { return videoFileFacts("/store/known.mp4").seconds; });
    const bool answered = answer.wait_for(std::chrono::seconds(5)) == std::future_status::ready;
    release.set_value();
    worker.join();
    setVideoExaminer({});
    CHECK(answered);
    CHECK(answer.get() == 5.0);
}

TEST_CASE("checks after the video checks name the items by their place in the file", "[playlist_validation][video]") {
    VideoStore s;
    const std::string text = "{\"items\": [" + s.item("att/vv/c.mp4", s.c_sha) +
                             R"(, {"ref": "notice:n-1", "schedule": {"until": "2026-01-01"}}, {"ref": "guide:g-1"}]})";
    const PlaylistResult r = checkPlaylistText(text, "hall.json", s.content, kNow, kCst);
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    CHECK(problemAt(r, "items[0].video") != nullptr);
    const Problem* until = problemAt(r, "items[1].schedule.until");
    REQUIRE(until != nullptr);
    CHECK(until->message == "2026-01-01 has passed (today is 2026-11-28), so it never shows again");
    CHECK(skippedSummary(r) == "2 items are skipped (items[0], items[1]); the other 1 plays");
}

TEST_CASE("a feed being built or checked has no store: its video items are not checked against one",
          "[playlist_validation][video]") {
    VideoStore s;
    Content feed = s.content;
    feed.objects_dir.clear(); // what feed build and feed check parse: no objects directory
    const PlaylistResult r = readScreenPlaylist(
        "{\"items\": [" + s.item("att/vv/c.mp4", s.c_sha, R"(, "duration_s": 20)") + "]}", "hall.json", feed);
    INFO(r.formattedProblems());
    CHECK(r.problems.empty());
    REQUIRE(r.playlist.items.size() == 1);
    REQUIRE(r.playlist.items[0].video());
    CHECK(slotRef(r.playlist.items[0], 0) == "video:att/vv/c.mp4");
}

TEST_CASE("a store's playlist without video items is left as it was read", "[playlist_validation][video]") {
    VideoStore s;
    const std::string text = R"({"items": [{"ref": "notice:n-1"}, {"ref": "guide:g-1", "enabled": false},
                                            {"text": {"title": "t"}}], "fallback": {"ref": "notice:n-1"}})";
    const PlaylistResult parsed = parsePlaylist(text, "hall.json");
    const PlaylistResult r = readScreenPlaylist(text, "hall.json", s.content);
    INFO(r.formattedProblems());
    CHECK(r.problems.empty());
    REQUIRE(r.playlist.items.size() == parsed.playlist.items.size());
    for (std::size_t i = 0; i < r.playlist.items.size(); ++i) {
        CHECK(r.playlist.items[i].content == parsed.playlist.items[i].content);
        CHECK(r.playlist.itemPath(i) == parsed.playlist.itemPath(i));
    }
    REQUIRE(r.playlist.fallback);
    CHECK(r.playlist.fallback->content == parsed.playlist.fallback->content);
}
