// Tests for config/playlist_check: schedules that can never show, and schedules that have ended,
// are warnings at their path (the schedule, or its until) and skip the item or ticker line; both
// for items and ticker lines.
#include "config/playlist_check.h"

#include <catch2/catch.hpp>

#include <string>

using namespace gk;

namespace {

constexpr int kCst = kChinaUtcOffsetS;
const std::int64_t kSat = epochFromCivil(2026, 11, 28, 10, 0, 0, kCst); // Saturday 2026-11-28 10:00

PlaylistResult resultFrom(const std::string& json) {
    PlaylistResult r = parsePlaylist(json, "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    return r;
}

// The problems checkPlaylistSchedules adds (every one a warning that skips its entry).
std::vector<Problem> checkResult(PlaylistResult& r, std::int64_t now_s = kSat) {
    const std::size_t before = r.problems.size();
    checkPlaylistSchedules(r, now_s, kCst);
    const std::vector<Problem> added(r.problems.begin() + static_cast<std::ptrdiff_t>(before), r.problems.end());
    for (const Problem& p : added) {
        CHECK(p.warning);
        CHECK(r.isSkipped(p.path.substr(0, p.path.find('.'))));
    }
    return added;
}

std::vector<Problem> check(const std::string& items, std::int64_t now_s = kSat) {
    PlaylistResult r = resultFrom(R"({"items": [)" + items + "]}");
    return checkResult(r, now_s);
}

} // namespace

TEST_CASE("weekdays that never fall between from and until: the item is skipped", "[playlist_check]") {
    // 2026-12-01 is a Tuesday, 2026-12-02 a Wednesday.
    const std::vector<Problem> p = check(R"({"ref": "notice:a"},
        {"ref": "notice:b", "schedule": {"weekdays": [6, 7], "from": "2026-12-01", "until": "2026-12-02"}})");
    REQUIRE(p.size() == 1);
    CHECK(p[0].path == "items[1].schedule");
    CHECK(p[0].message == "never shows: no day from 2026-12-01 until 2026-12-02 falls on weekdays [6, 7] "
                          "(ISO: 1 = Monday … 7 = Sunday)");
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

TEST_CASE("an until that has passed skips the item, at until", "[playlist_check]") {
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
    PlaylistResult r = resultFrom(R"({"items": [{"ref": "notice:a"}], "ticker": [
        {"text": "always"},
        {"text": "weekend only in a midweek range", "schedule": {"weekdays": [6], "from": "2026-12-01", "until": "2026-12-03"}},
        {"text": "last month", "schedule": {"until": "2026-10-31"}}]})");
    const std::vector<Problem> p = checkResult(r);
    REQUIRE(p.size() == 2);
    CHECK(p[0].path == "ticker[1].schedule");
    CHECK(p[1].path == "ticker[2].schedule.until");
    CHECK(r.skipped == std::vector<std::string>{"ticker[1]", "ticker[2]"});
    CHECK(r.playingItems() == 1);
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
    PlaylistResult checked = r;
    const std::vector<Problem> problems = checkResult(checked);
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].path == "items[1].schedule"); // its place in the file, not in `items`
    CHECK(checked.skipped == std::vector<std::string>{"items[1]"});
    CHECK(checked.playingItems() == 1);
    // Disabled items are still checked (warnings: they are not shown anyway); a wrong type skips the
    // item; all disabled is a warning.
    const PlaylistResult bad = parsePlaylist(R"({"items": [{"ref": "poster:x", "enabled": false},
                                                            {"ref": "notice:a", "enabled": "no"}]})",
                                             "hall.json");
    CHECK(bad.usable());
    REQUIRE(bad.problems.size() == 2);
    CHECK(bad.problems[0].path == "items[0].ref");
    CHECK(bad.problems[1].path == "items[1].enabled");
    CHECK(bad.problems[1].message == "must be true or false, got \"no\"");
    CHECK(bad.skipped == std::vector<std::string>{"items[1]"});
    const PlaylistResult none = parsePlaylist(R"({"items": [{"ref": "notice:a", "enabled": false}]})", "hall.json");
    REQUIRE(none.problems.size() == 1);
    CHECK(none.problems[0].path == "items");
    CHECK(none.problems[0].warning);
    CHECK(parsePlaylist(R"({"items": [{"ref": "notice:a"}]})", "x").playlist.file_positions.empty());
}
