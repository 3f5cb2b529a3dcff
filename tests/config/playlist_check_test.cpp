// Tests for config/playlist_check: schedules that can never show are errors at the schedule's
// path; schedules that have ended are warnings at their until; both for items and ticker lines.
#include "config/playlist_check.h"

#include <catch2/catch.hpp>

#include <string>

using namespace gk;

namespace {

constexpr int kCst = kChinaUtcOffsetS;
const std::int64_t kSat = epochFromCivil(2026, 11, 28, 10, 0, 0, kCst); // Saturday 2026-11-28 10:00

Playlist playlistFrom(const std::string& json) {
    const PlaylistResult r = parsePlaylist(json, "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    return r.playlist;
}

std::vector<Problem> check(const std::string& items, std::int64_t now_s = kSat) {
    return checkPlaylistSchedules(playlistFrom(R"({"items": [)" + items + "]}"), now_s, kCst);
}

} // namespace

TEST_CASE("weekdays that never fall between from and until: an error at the schedule", "[playlist_check]") {
    // 2026-12-01 is a Tuesday, 2026-12-02 a Wednesday.
    const std::vector<Problem> p = check(R"({"ref": "notice:a"},
        {"ref": "notice:b", "schedule": {"weekdays": [6, 7], "from": "2026-12-01", "until": "2026-12-02"}})");
    REQUIRE(p.size() == 1);
    CHECK(p[0].path == "items[1].schedule");
    CHECK(p[0].message == "never shows: no day from 2026-12-01 until 2026-12-02 falls on weekdays [6, 7] "
                          "(ISO: 1 = Monday … 7 = Sunday)");
    CHECK_FALSE(p[0].warning);
    CHECK(formatProblems("hall.json", p) ==
          "hall.json: items[1].schedule: never shows: no day from 2026-12-01 until 2026-12-02 falls on weekdays "
          "[6, 7] (ISO: 1 = Monday … 7 = Sunday)\n");
}

TEST_CASE("a range of a week or more has every weekday, and one matching day is enough", "[playlist_check]") {
    CHECK(check(R"({"ref": "notice:a", "schedule": {"weekdays": [3], "from": "2026-12-01", "until": "2026-12-07"}})")
              .empty());
    CHECK(check(R"({"ref": "notice:a", "schedule": {"weekdays": [2], "from": "2026-12-01", "until": "2026-12-01"}})")
              .empty());
    CHECK(check(R"({"ref": "notice:a", "schedule": {"weekdays": [6], "from": "2027-01-01"}})").empty());
    Schedule open_ended;
    open_ended.weekdays = {1};
    open_ended.until = Date{2026, 12, 1};
    CHECK_FALSE(scheduleNeverShows(open_ended));
}

TEST_CASE("an until that has passed is a warning at until", "[playlist_check]") {
    const std::vector<Problem> p = check(R"({"ref": "notice:a"},
        {"ref": "notice:b", "schedule": {"from": "2026-11-01", "until": "2026-11-27"}},
        {"ref": "notice:c", "schedule": {"until": "2026-11-28"}})");
    REQUIRE(p.size() == 1);
    CHECK(p[0].path == "items[1].schedule.until");
    CHECK(p[0].message == "2026-11-27 has passed (today is 2026-11-28), so it never shows again");
    CHECK(p[0].warning);
}

TEST_CASE("today's last window still to come, or an overnight window still running: no warning", "[playlist_check]") {
    // Until yesterday, but yesterday's 22:00-06:00 window runs until 06:00 today.
    const std::int64_t five = epochFromCivil(2026, 11, 28, 5, 0, 0, kCst);
    CHECK(check(R"({"ref": "notice:a", "schedule": {"times": ["22:00-06:00"], "until": "2026-11-27"}})", five).empty());
    // Later that morning it is over for good.
    const std::vector<Problem> p =
        check(R"({"ref": "notice:a", "schedule": {"times": ["22:00-06:00"], "until": "2026-11-27"}})");
    REQUIRE(p.size() == 1);
    CHECK(p[0].path == "items[0].schedule.until");
    // Today's afternoon window is still ahead.
    CHECK(check(R"({"ref": "notice:a", "schedule": {"times": ["14:00-15:00"], "until": "2026-11-28"}})").empty());
}

TEST_CASE("ticker lines are checked like items", "[playlist_check]") {
    const Playlist playlist = playlistFrom(R"({"items": [{"ref": "notice:a"}], "ticker": [
        {"text": "always"},
        {"text": "weekend only in a midweek range", "schedule": {"weekdays": [6], "from": "2026-12-01", "until": "2026-12-03"}},
        {"text": "last month", "schedule": {"until": "2026-10-31"}}]})");
    const std::vector<Problem> p = checkPlaylistSchedules(playlist, kSat, kCst);
    REQUIRE(p.size() == 2);
    CHECK(p[0].path == "ticker[1].schedule");
    CHECK_FALSE(p[0].warning);
    CHECK(p[1].path == "ticker[2].schedule.until");
    CHECK(p[1].warning);
}

TEST_CASE("enabled: false keeps an item in the file and out of the rotation — paths name the file",
          "[playlist_check]") {
    const PlaylistResult r = parsePlaylist(R"({"items": [
        {"ref": "notice:a", "enabled": false},
        {"ref": "notice:b", "enabled": true, "schedule": {"weekdays": [2], "from": "2026-12-02", "until": "2026-12-02"}},
        {"ref": "notice:a"}], "fallback": {"ref": "notice:c", "enabled": false}})",
                                           "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    REQUIRE(r.playlist.items.size() == 2);
    CHECK(r.playlist.items[0].ref()->id == "b");
    CHECK(r.playlist.items[1].ref()->id == "a"); // not a duplicate of the disabled items[0]
    CHECK(r.playlist.disabled_items == 1);
    CHECK(r.playlist.itemPath(0) == "items[1]");
    CHECK(r.playlist.itemPath(1) == "items[2]");
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].path == "fallback.enabled");
    CHECK(r.problems[0].warning);
    const std::vector<Problem> problems = checkPlaylistSchedules(r.playlist, kSat, kCst);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == "items[1].schedule"); // its place in the file, not in `items`
    // Disabled items are still checked; a wrong type is an error; all disabled is an error.
    const PlaylistResult bad = parsePlaylist(R"({"items": [{"ref": "poster:x", "enabled": false},
                                                            {"ref": "notice:a", "enabled": "no"}]})",
                                             "hall.json");
    CHECK_FALSE(bad.usable());
    REQUIRE(bad.problems.size() == 2);
    CHECK(bad.problems[0].path == "items[0].ref");
    CHECK(bad.problems[1].path == "items[1].enabled");
    CHECK(bad.problems[1].message == "must be true or false, got \"no\"");
    const PlaylistResult none = parsePlaylist(R"({"items": [{"ref": "notice:a", "enabled": false}]})", "hall.json");
    REQUIRE(none.problems.size() == 1);
    CHECK(none.problems[0].path == "items");
    CHECK(none.problems[0].message ==
          "every item is disabled (\"enabled\": false): a playlist needs at least one enabled item");
    CHECK(parsePlaylist(R"({"items": [{"ref": "notice:a"}]})", "x").playlist.file_positions.empty());
}
