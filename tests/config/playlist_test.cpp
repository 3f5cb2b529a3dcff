// Tests for config/playlist: the spec's example parses into the model; every problem the
// validator knows is reported at its exact JSON path with its exact message; only a file that
// cannot be read as a playlist is refused, a bad entry is skipped (a warning) and the rest stays.
#include "config/playlist.h"

#include <catch2/catch.hpp>

#include <string>

using namespace gk;

namespace {

const char* const kSha = "aa01bb02cc03dd04ee05ff06aa01bb02cc03dd04ee05ff06aa01bb02cc03dd04";

// The example of portal-feed-v1 with a real-looking hash.
std::string examplePlaylist() {
    return std::string(R"({
  "name": "大厅主屏",
  "orientation": "landscape",
  "default_duration_s": 15,
  "items": [
    {"ref": "notice:n-2026-031", "duration_s": 20,
     "schedule": {"weekdays": [1,2,3,4,5], "times": ["08:30-12:00", "14:00-17:30"],
                  "from": "2026-11-01", "until": "2026-12-31"}},
    {"ref": "guide:g-gljt-001"},
    {"ref": "disclosure:hbx-2018-0003", "duration_s": 30},
    {"image": {"name": "办事流程图", "href": "att/aa/aa01.png", "sha256": ")") +
           kSha + R"(", "bytes": 88123,
               "type": "image/png"}, "duration_s": 10},
    {"text": {"title": "温馨提示", "body": "请按号排队，文明办事。"}, "duration_s": 10}
  ],
  "ticker": [{"text": "12345政务服务便民热线 7×24小时为您服务", "schedule": null}],
  "fallback": {"ref": "notice:n-2026-001"}
})";
}

// A playlist whose items are `items` (a JSON array body).
std::string withItems(const std::string& items) {
    return R"({"items": [)" + items + "]}";
}

enum class Outcome {
    Refused, // an error: the file is not usable
    Skipped, // a warning, and the entry the path lies in is skipped
    Warned,  // a warning only
};

// Parses and requires exactly one problem, at path, with message, with that outcome.
void requireOnly(const std::string& json, const std::string& path, const std::string& message,
                 Outcome outcome = Outcome::Skipped) {
    INFO(json);
    const PlaylistResult r = parsePlaylist(json, "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].path == path);
    CHECK(r.problems[0].message == message);
    CHECK(r.problems[0].warning == (outcome != Outcome::Refused));
    CHECK(r.usable() == (outcome != Outcome::Refused));
    if (outcome == Outcome::Skipped) {
        const std::string entry = path.substr(0, path.find('.'));
        CHECK(r.skipped == std::vector<std::string>{entry});
    } else {
        CHECK(r.skipped.empty());
    }
}

} // namespace

TEST_CASE("the spec's example playlist parses", "[playlist]") {
    const PlaylistResult r = parsePlaylist(examplePlaylist(), "hall-main.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    CHECK(r.problems.empty());
    const Playlist& p = r.playlist;
    CHECK(p.name == "大厅主屏");
    CHECK(p.orientation == Orientation::Landscape);
    CHECK(p.default_duration_s == 15);
    REQUIRE(p.items.size() == 5);
    REQUIRE(p.items[0].ref());
    CHECK(p.items[0].ref()->kind == RefKind::Notice);
    CHECK(p.items[0].ref()->id == "n-2026-031");
    CHECK(p.items[0].ref()->str() == "notice:n-2026-031");
    CHECK(p.items[0].duration_s == 20);
    REQUIRE(p.items[0].schedule);
    CHECK(p.items[0].schedule->weekdays == std::vector<int>{1, 2, 3, 4, 5});
    REQUIRE(p.items[0].schedule->times.size() == 2);
    CHECK(p.items[0].schedule->times[0] == TimeWindow{510, 720});
    CHECK(p.items[0].schedule->times[1] == TimeWindow{840, 1050});
    CHECK(p.items[0].schedule->from == Date{2026, 11, 1});
    CHECK(p.items[0].schedule->until == Date{2026, 12, 31});
    CHECK(p.items[1].ref()->kind == RefKind::Guide);
    CHECK_FALSE(p.items[1].duration_s);
    CHECK_FALSE(p.items[1].schedule);
    CHECK(p.durationOf(p.items[1]) == 15);
    CHECK(p.items[2].ref()->kind == RefKind::Disclosure);
    REQUIRE(p.items[3].image());
    CHECK(p.items[3].image()->href == "att/aa/aa01.png");
    CHECK(p.items[3].image()->bytes == 88123);
    CHECK(p.items[3].image()->type == "image/png");
    REQUIRE(p.items[4].text());
    CHECK(p.items[4].text()->title == "温馨提示");
    REQUIRE(p.ticker.size() == 1);
    CHECK_FALSE(p.ticker[0].schedule);
    REQUIRE(p.fallback);
    CHECK(p.fallback->ref()->str() == "notice:n-2026-001");
}

TEST_CASE("syntax errors give line and column", "[playlist]") {
    requireOnly("{\n  \"items\": [\n    {\"ref\": \"notice:a\"},\n  ]\n}", "",
                "line 4, column 3: syntax error: unexpected ']'; expected '[', '{', or a literal", Outcome::Refused);
}

TEST_CASE("a file over 1 MiB is refused before parsing", "[playlist]") {
    requireOnly(std::string(5 * 1024 * 1024, ' '), "", "file is 5.0 MiB; a playlist may be at most 1 MiB",
                Outcome::Refused);
    requireOnly(std::string(kMaxPlaylistBytes + 1, ' '), "", "file is 1048577 bytes; a playlist may be at most 1 MiB",
                Outcome::Refused);
    // Just under the limit is fine.
    const PlaylistResult r =
        parsePlaylist(withItems(R"({"ref":"notice:a"})") + std::string(kMaxPlaylistBytes - 32, ' '), "x");
    CHECK(r.usable());
}

TEST_CASE("a long card stretches by its screenfuls up to the item's limit, else the playlist's", "[playlist]") {
    const PlaylistResult r = parsePlaylist(
        R"({"default_duration_s": 20, "max_duration_s": 60,
            "items": [{"ref": "notice:a"}, {"ref": "notice:b", "max_duration_s": 30},
                      {"ref": "notice:c", "duration_s": 70}]})",
        "hall.json");
    REQUIRE(r.usable());
    const Playlist& p = r.playlist;
    CHECK(p.stretchedDurationOf(p.items[0], 1) == 20); // one screenful: its duration
    CHECK(p.stretchedDurationOf(p.items[0], 2) == 40);
    CHECK(p.stretchedDurationOf(p.items[0], 5) == 60); // the playlist's limit
    CHECK(p.stretchedDurationOf(p.items[1], 5) == 30); // its own
    CHECK_FALSE(p.stretches(p.items[2]));              // already longer than the limit
    CHECK(p.stretchedDurationOf(p.items[2], 5) == 70);
    const PlaylistResult unlimited = parsePlaylist(R"({"items": [{"ref": "notice:a"}]})", "hall.json");
    CHECK_FALSE(unlimited.playlist.stretches(unlimited.playlist.items[0])); // without a limit, no stretching
}

TEST_CASE("wrong types are errors at the exact path", "[playlist]") {
    requireOnly("[]", "", "must be a JSON object ({ … }), got an array", Outcome::Refused);
    requireOnly(R"({"items": {}})", "items", "must be an array, got an object", Outcome::Refused);
    requireOnly(withItems(R"("notice:a")"), "items[0]",
                R"(must be an object such as {"ref": "notice:…"}, got "notice:a")");
    // A wrong header value: a warning, and the default is used.
    requireOnly(R"({"name": 5, "items": [{"ref": "notice:a"}]})", "name", "must be a string, got 5; ignored",
                Outcome::Warned);
    requireOnly(R"({"orientation": "sideways", "items": [{"ref": "notice:a"}]})", "orientation",
                R"(must be "landscape" or "portrait", got "sideways"; landscape is used)", Outcome::Warned);
    requireOnly(R"({"default_duration_s": "15", "items": [{"ref": "notice:a"}]})", "default_duration_s",
                R"(must be a whole number of seconds > 0, got "15"; 15 s is used)", Outcome::Warned);
    requireOnly(R"({"max_duration_s": 0, "items": [{"ref": "notice:a"}]})", "max_duration_s",
                "must be a whole number of seconds > 0, got 0; ignored", Outcome::Warned);
    requireOnly(withItems(R"({"ref": "notice:a", "max_duration_s": "1m"})"), "items[0].max_duration_s",
                R"(must be a whole number of seconds > 0, got "1m")");
    requireOnly(withItems(R"({"ref": 12})"), "items[0].ref", R"(must be a string such as "notice:n-2026-031", got 12)");
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": "weekdays"})"), "items[0].schedule",
                R"(must be an object (weekdays, times, from, until), got "weekdays")");
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"weekdays": 5}})"), "items[0].schedule.weekdays",
                "must be an array, got 5");
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"times": [830]}})"), "items[0].schedule.times[0]",
                R"(must be a string "HH:MM-HH:MM", got 830)");
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"from": "2026/11/01"}})"), "items[0].schedule.from",
                R"(must be a date "YYYY-MM-DD", got "2026/11/01")");
    requireOnly(withItems(R"({"text": "hello"})"), "items[0].text",
                R"(must be an object {"title": …, "body": …}, got "hello")");
    requireOnly(R"({"items": [{"ref": "notice:a"}], "ticker": "news"})", "ticker", R"(must be an array, got "news")");
    requireOnly(withItems(R"({"ref": "notice:a", "enabled": 1})"), "items[0].enabled", "must be true or false, got 1");
    requireOnly(R"({"items": [{"ref": "notice:a"}], "ticker": [{"text": 1}]})", "ticker[0].text",
                "must be a string, got 1");
}

TEST_CASE("refs: unknown kinds and malformed refs", "[playlist]") {
    requireOnly(withItems(R"({"ref": "notice:a"}, {"ref": "video:x"})"), "items[1].ref",
                R"(unknown ref kind "video" in "video:x" (expected notice, guide or disclosure))");
    requireOnly(withItems(R"({"ref": "n-2026-031"})"), "items[0].ref",
                R"("n-2026-031" is not KIND:ID (e.g. "notice:n-2026-031"))");
    requireOnly(withItems(R"({"ref": "notice:"})"), "items[0].ref",
                R"("notice:" is not KIND:ID (e.g. "notice:n-2026-031"))");
    requireOnly(withItems(R"({"ref": "Notice:a"})"), "items[0].ref",
                R"(unknown ref kind "Notice" in "Notice:a" (expected notice, guide or disclosure))");
    // An id may itself contain a colon.
    const PlaylistResult r = parsePlaylist(withItems(R"({"ref": "disclosure:004421234:2018-00003"})"), "x");
    REQUIRE(r.usable());
    CHECK(r.playlist.items[0].ref()->id == "004421234:2018-00003");
}

TEST_CASE("an item is exactly one of ref, image, video, text", "[playlist]") {
    requireOnly(withItems(R"({"duration_s": 10})"), "items[0]",
                R"(must have exactly one of "ref", "image", "video" or "text" (has none))");
    requireOnly(withItems(R"({"ref": "notice:a", "text": {"title": "t"}})"), "items[0]",
                R"(must have exactly one of "ref", "image", "video" or "text" (has "ref" and "text"))");
    requireOnly(withItems(R"({"ref": "notice:a", "image": {}, "text": {"title": "t"}})"), "items[0]",
                R"(must have exactly one of "ref", "image", "video" or "text" (has "ref", "image" and "text"))");
    requireOnly(withItems(R"({"video": {}, "image": {}})"), "items[0]",
                R"(must have exactly one of "ref", "image", "video" or "text" (has "image" and "video"))");
    requireOnly(withItems(R"({"text": {"title": "", "body": ""}})"), "items[0].text", "needs a title or a body");
}

TEST_CASE("image items are checked like attachments", "[playlist]") {
    const std::string good = std::string(R"("href": "att/aa/x.png", "sha256": ")") + kSha + R"(", "bytes": 10)";
    requireOnly(withItems(R"({"image": {)" + good + "}}"), "items[0].image.type", "is required");
    requireOnly(withItems(R"({"image": {)" + good + R"(, "type": "image/gif"}})"), "items[0].image.type",
                R"(must be "image/png" or "image/jpeg", got "image/gif")");
    requireOnly(withItems(std::string(R"({"image": {"href": "../x.png", "sha256": ")") + kSha +
                          R"(", "bytes": 10, "type": "image/png"}})"),
                "items[0].image.href",
                R"(must be a relative path inside the feed (no "..", no leading /, no scheme), got "../x.png")");
    requireOnly(
        withItems(std::string(R"({"image": {"href": "https://evil/x.png", "sha256": ")") + kSha +
                  R"(", "bytes": 10, "type": "image/png"}})"),
        "items[0].image.href",
        R"(must be a relative path inside the feed (no "..", no leading /, no scheme), got "https://evil/x.png")");
    requireOnly(
        withItems(std::string(R"({"image": {"href": "att/%2e%2e/x.png", "sha256": ")") + kSha +
                  R"(", "bytes": 10, "type": "image/png"}})"),
        "items[0].image.href",
        R"(must be a relative path inside the feed (no "..", no leading /, no scheme), got "att/%2e%2e/x.png")");
    requireOnly(withItems(R"({"image": {"href": "a.png", "sha256": "abc", "bytes": 10, "type": "image/png"}})"),
                "items[0].image.sha256", R"(must be 64 hex digits, got "abc")");
    requireOnly(withItems(std::string(R"({"image": {"href": "a.png", "sha256": ")") + kSha +
                          R"(", "bytes": 0, "type": "image/png"}})"),
                "items[0].image.bytes", "must be a whole number of bytes > 0, got 0");
    requireOnly(withItems(R"({"image": []})"), "items[0].image",
                "must be an object with href, sha256, bytes and type, got an array");
}

TEST_CASE("impossible time windows", "[playlist]") {
    auto times = [](const std::string& window) {
        return withItems(R"({"ref": "notice:a"}, {"ref": "guide:g", "schedule": {"times": ["08:00-09:00", ")" + window +
                         R"("]}})");
    };
    requireOnly(times("8:30-12"), "items[1].schedule.times[1]", R"("8:30-12" is not HH:MM-HH:MM)");
    requireOnly(times("24:00-06:00"), "items[1].schedule.times[1]",
                R"("24:00-06:00": hour 24 is not 00–23 (write midnight as 00:00))");
    requireOnly(times("08:00-08:61"), "items[1].schedule.times[1]", R"("08:00-08:61": minute 61 is not 00–59)");
    requireOnly(times("10:00-10:00"), "items[1].schedule.times[1]",
                R"("10:00-10:00": start equals end (for all day, leave out "times"))");
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"times": []}})"), "items[0].schedule.times",
                "is empty, so it would never show (leave it out to mean always)");
    // The formatted line reads as the design notes promise.
    const PlaylistResult r = parsePlaylist(
        withItems(R"({"ref": "notice:a"}, {"ref": "guide:g", "schedule": {"times": ["8:30-12"]}})"), "hall.json");
    CHECK(r.formattedProblems() == "hall.json: items[1].schedule.times[0]: \"8:30-12\" is not HH:MM-HH:MM\n");
}

TEST_CASE("weekdays outside 1-7", "[playlist]") {
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"weekdays": [1, 8]}})"), "items[0].schedule.weekdays[1]",
                "must be 1–7 (ISO: 1 = Monday … 7 = Sunday), got 8");
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"weekdays": [0]}})"), "items[0].schedule.weekdays[0]",
                "must be 1–7 (ISO: 1 = Monday … 7 = Sunday), got 0");
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"weekdays": ["Mon"]}})"), "items[0].schedule.weekdays[0]",
                R"(must be 1–7 (ISO: 1 = Monday … 7 = Sunday), got "Mon")");
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"weekdays": []}})"), "items[0].schedule.weekdays",
                "is empty, so it would never show (leave it out to mean always)");
    const PlaylistResult r =
        parsePlaylist(withItems(R"({"ref": "notice:a", "schedule": {"weekdays": [5, 1, 5]}})"), "x");
    REQUIRE(r.usable());
    CHECK(r.playlist.items[0].schedule->weekdays == std::vector<int>{1, 5});
}

TEST_CASE("from after until", "[playlist]") {
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"from": "2026-12-31", "until": "2026-11-01"}})"),
                "items[0].schedule.until", "2026-11-01 is before from (2026-12-31)");
    const PlaylistResult same_day = parsePlaylist(
        withItems(R"({"ref": "notice:a", "schedule": {"from": "2026-11-27", "until": "2026-11-27"}})"), "x");
    CHECK(same_day.usable());
}

TEST_CASE("zero and negative durations", "[playlist]") {
    requireOnly(withItems(R"({"ref": "notice:a", "duration_s": 0})"), "items[0].duration_s",
                "must be a whole number of seconds > 0, got 0");
    requireOnly(withItems(R"({"ref": "notice:a", "duration_s": -5})"), "items[0].duration_s",
                "must be a whole number of seconds > 0, got -5");
    requireOnly(withItems(R"({"ref": "notice:a", "duration_s": 2.5})"), "items[0].duration_s",
                "must be a whole number of seconds > 0, got 2.5");
    requireOnly(withItems(R"({"ref": "notice:a", "duration_s": 100000})"), "items[0].duration_s",
                "must be at most 86400, got 100000");
    requireOnly(R"({"default_duration_s": 0, "items": [{"ref": "notice:a"}]})", "default_duration_s",
                "must be a whole number of seconds > 0, got 0; 15 s is used", Outcome::Warned);
    requireOnly(R"({"items": [{"ref": "notice:a"}], "fallback": {"ref": "notice:b", "duration_s": -1}})",
                "fallback.duration_s", "must be a whole number of seconds > 0, got -1");
}

TEST_CASE("an empty or missing item list", "[playlist]") {
    requireOnly(R"({"items": []})", "items", "is empty: a playlist needs at least one item", Outcome::Refused);
    requireOnly(R"({"name": "x"})", "items", "is required: a playlist needs at least one item", Outcome::Refused);
}

TEST_CASE("duplicate items are warnings", "[playlist]") {
    requireOnly(withItems(R"({"ref": "notice:a"}, {"ref": "guide:g"}, {"ref": "notice:a", "duration_s": 5})"),
                "items[2]", "same content and schedule as items[0]; it shows twice per round", Outcome::Warned);
    // Weekday order does not make a schedule different.
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"weekdays": [1, 2]}},
                             {"ref": "notice:a", "schedule": {"weekdays": [2, 1]}})"),
                "items[1]", "same content and schedule as items[0]; it shows twice per round", Outcome::Warned);
    // The same ref under a different schedule is not a duplicate.
    const PlaylistResult r = parsePlaylist(withItems(R"({"ref": "notice:a", "schedule": {"weekdays": [1]}},
                                                        {"ref": "notice:a", "schedule": {"weekdays": [2]}},
                                                        {"text": {"title": "a"}}, {"text": {"title": "b"}})"),
                                           "x");
    CHECK(r.problems.empty());
}

TEST_CASE("unknown keys are warnings with the exact path, the playlist stays usable", "[playlist]") {
    const PlaylistResult r = parsePlaylist(
        R"({"nmae": "x", "items": [{"ref": "notice:a", "durration_s": 5, "schedule": {"weekday": [1]}}],
            "ticker": [{"text": "t", "color": "red"}]})",
        "hall.json");
    CHECK(r.usable());
    REQUIRE(r.problems.size() == 4);
    CHECK(r.problems[0].path == "nmae");
    CHECK(r.problems[0].message == R"(unknown key, ignored (did you mean "name"?))");
    CHECK(r.problems[1].path == "items[0].durration_s");
    CHECK(r.problems[1].message == R"(unknown key, ignored (did you mean "duration_s"?))");
    CHECK(r.problems[2].path == "items[0].schedule.weekday");
    CHECK(r.problems[2].message == R"(unknown key, ignored (did you mean "weekdays"?))");
    CHECK(r.problems[3].path == "ticker[0].color");
    for (const Problem& p : r.problems) CHECK(p.warning);
    requireOnly(R"({"items": [{"ref": "notice:a"}], "a.b": 1})", R"(["a.b"])", "unknown key, ignored", Outcome::Warned);
}

TEST_CASE("fallback: parsed like an item, schedule ignored with a warning", "[playlist]") {
    requireOnly(R"({"items": [{"ref": "notice:a"}], "fallback": {"ref": "notice:b", "schedule": {"weekdays": [1]}}})",
                "fallback.schedule", "ignored: the fallback shows whenever nothing else is eligible", Outcome::Warned);
    requireOnly(R"({"items": [{"ref": "notice:a"}], "fallback": {"ref": "poster:b"}})", "fallback.ref",
                R"(unknown ref kind "poster" in "poster:b" (expected notice, guide or disclosure))");
    const PlaylistResult r =
        parsePlaylist(R"({"items": [{"ref": "notice:a"}], "fallback": {"text": {"body": "欢迎"}}})", "x");
    REQUIRE(r.usable());
    REQUIRE(r.playlist.fallback);
    CHECK(r.playlist.fallback->text()->body == "欢迎");
    CHECK_FALSE(parsePlaylist(R"({"items": [{"ref": "notice:a"}], "fallback": null})", "x").playlist.fallback);
}

TEST_CASE("several problems are all reported, in file order: bad items are skipped, the rest stays", "[playlist]") {
    const PlaylistResult r = parsePlaylist(
        withItems(R"({"ref": "video:x"}, {"ref": "notice:a", "duration_s": 0, "schedule": {"weekdays": [9]}},
                     {"ref": "guide:g", "duration_s": 30}, {"text": {"title": "t"}, "enabled": "no"})"),
        "x");
    CHECK(r.usable());
    REQUIRE(r.problems.size() == 4);
    CHECK(r.problems[0].path == "items[0].ref");
    CHECK(r.problems[1].path == "items[1].duration_s");
    CHECK(r.problems[2].path == "items[1].schedule.weekdays[0]");
    CHECK(r.problems[3].path == "items[3].enabled");
    CHECK(r.skipped == std::vector<std::string>{"items[0]", "items[1]", "items[3]"});
    CHECK(r.skippedItems() == 3);
    REQUIRE(r.playlist.items.size() == 1);
    CHECK(r.playlist.items[0].ref()->str() == "guide:g");
    CHECK(r.playlist.itemPath(0) == "items[2]"); // problems about it name its place in the file
    CHECK(r.playingItems() == 1);
}

TEST_CASE("every item skipped or disabled: usable, nothing of the items plays", "[playlist]") {
    const PlaylistResult skipped = parsePlaylist(withItems(R"({"ref": "video:x"}, {"duration_s": 3})"), "x");
    CHECK(skipped.usable());
    CHECK(skipped.playlist.items.empty());
    CHECK(skipped.skipped == std::vector<std::string>{"items[0]", "items[1]"});
    requireOnly(withItems(R"({"ref": "notice:a", "enabled": false})"), "items",
                "every item is disabled (\"enabled\": false): the screen shows only the fallback, or the site name "
                "and clock",
                Outcome::Warned);
}

TEST_CASE("times and dates typed with a Chinese input method get a hint", "[playlist]") {
    auto times = [](const std::string& window) {
        return withItems(R"({"ref": "notice:a", "schedule": {"times": [")" + window + R"("]}})");
    };
    requireOnly(times("08：00-12：00"), "items[0].schedule.times[0]",
                R"("08：00-12：00" is not HH:MM-HH:MM: use a half-width colon ":" (found "："))");
    requireOnly(times("０８:００-12:00"), "items[0].schedule.times[0]",
                R"("０８:００-12:00" is not HH:MM-HH:MM: use half-width digits 0-9 (found "０"))");
    requireOnly(times("08:00～12:00"), "items[0].schedule.times[0]",
                R"("08:00～12:00" is not HH:MM-HH:MM: use a half-width hyphen "-" (found "～"))");
    requireOnly(times("08:00 - 12:00"), "items[0].schedule.times[0]",
                R"("08:00 - 12:00" is not HH:MM-HH:MM: leave out the spaces (found " "))");
    requireOnly(times("８：３０-12:00"), "items[0].schedule.times[0]",
                R"("８：３０-12:00" is not HH:MM-HH:MM: use half-width digits 0-9 (found "８"); use a half-width )"
                R"(colon ":" (found "："))");
    requireOnly(withItems(R"({"ref": "notice:a", "schedule": {"from": "２０２６-12-01"}})"), "items[0].schedule.from",
                R"(must be a date "YYYY-MM-DD", got "２０２６-12-01": use half-width digits 0-9 (found "２"))");
    // ASCII mistakes get no hint.
    requireOnly(times("8:30-12"), "items[0].schedule.times[0]", R"("8:30-12" is not HH:MM-HH:MM)");
}

TEST_CASE("ticker lines follow their schedules", "[playlist]") {
    const PlaylistResult r = parsePlaylist(R"({"items": [{"ref": "notice:a"}], "ticker": [
        {"text": "always"}, {"text": "mornings", "schedule": {"times": ["08:00-12:00"]}}]})",
                                           "x");
    REQUIRE(r.usable());
    const std::int64_t nine = epochFromCivil(2026, 11, 27, 9, 0, 0, kChinaUtcOffsetS);
    CHECK(tickerTextsAt(r.playlist, nine, kChinaUtcOffsetS) == std::vector<std::string>{"always", "mornings"});
    CHECK(tickerTextsAt(r.playlist, nine + 4 * 3600, kChinaUtcOffsetS) == std::vector<std::string>{"always"});
    requireOnly(R"({"items": [{"ref": "notice:a"}], "ticker": [{"text": ""}]})", "ticker[0].text", "is empty");
}

TEST_CASE("a playlist item naming a key twice is skipped, a top-level key twice refuses the file", "[playlist]") {
    const PlaylistResult r = parsePlaylist(
        R"({"items": [{"ref": "notice:a"}, {"ref": "notice:x", "duration_s": 5, "ref": "notice:y"}]})", "hall.json");
    CHECK(r.usable());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].path == "items[1].ref");
    CHECK(r.problems[0].message == "appears twice in the same object; say it once (the last one would win)");
    CHECK(r.skipped == std::vector<std::string>{"items[1]"});
    REQUIRE(r.playlist.items.size() == 1);
    CHECK(r.playlist.items[0].ref()->id == "a");
    const PlaylistResult twice = parsePlaylist(R"({"items": [{"ref": "notice:a"}], "items": []})", "hall.json");
    CHECK_FALSE(twice.usable());
    CHECK(twice.problems[0].path == "items");
}

namespace {

// A video item: the file's fields with `file_extra` added to them, and `item_extra` added to the item.
std::string videoItem(const std::string& item_extra = "", const std::string& file_extra = "") {
    return std::string(R"({"video": {"name": "宣传片", "href": "att/vv/clip.mp4", "sha256": ")") + kSha +
           R"(", "bytes": 7340032, "type": "video/mp4")" + file_extra + "}" + item_extra + "}";
}

} // namespace

TEST_CASE("a video item parses with its file and options", "[playlist][video]") {
    const PlaylistResult r = parsePlaylist(
        withItems(videoItem(R"(, "duration_s": 12.5, "loop": true, "muted": false, "zone": "full")")), "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    CHECK(r.problems.empty());
    REQUIRE(r.playlist.items.size() == 1);
    const PlaylistItem& item = r.playlist.items[0];
    REQUIRE(item.video());
    CHECK_FALSE(item.image());
    const PlaylistVideo& video = *item.video();
    CHECK(video.name == "宣传片");
    CHECK(video.href == "att/vv/clip.mp4");
    CHECK(video.sha256 == kSha);
    CHECK(video.bytes == 7340032);
    CHECK(video.type == "video/mp4");
    REQUIRE(video.duration_s);
    CHECK(*video.duration_s == 12.5);
    CHECK(video.loop);
    CHECK_FALSE(video.muted);
    CHECK(video.zone == VideoZone::Full);
    // The rotation runs in whole seconds: the slot holds the whole 12.5 s.
    CHECK(item.duration_s == 13);
    CHECK(r.playlist.durationOf(item) == 13);
}

TEST_CASE("a video item's defaults: its own length, once, muted, in the main zone", "[playlist][video]") {
    const PlaylistResult r = parsePlaylist(
        R"({"default_duration_s": 20, "max_duration_s": 90, "items": [)" + videoItem() + "]}", "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    CHECK(r.problems.empty());
    const PlaylistItem& item = r.playlist.items.at(0);
    REQUIRE(item.video());
    CHECK_FALSE(item.video()->duration_s);
    CHECK_FALSE(item.duration_s); // no slot length of its own in the file
    CHECK_FALSE(item.video()->loop);
    CHECK(item.video()->muted);
    CHECK(item.video()->zone == VideoZone::Main);
    CHECK(item.video()->name == "宣传片");
    // A video's slot never stretches like a long card's, even under the playlist's max_duration_s.
    CHECK_FALSE(r.playlist.stretches(item));
    CHECK(r.playlist.stretchedDurationOf(item, 5) == r.playlist.durationOf(item));
}

TEST_CASE("each video type is taken, other types are not", "[playlist][video]") {
    for (const char* type : {"video/webm", "video/x-matroska"}) {
        std::string item = videoItem();
        item.replace(item.find("video/mp4"), 9, type);
        const PlaylistResult r = parsePlaylist(withItems(item), "hall.json");
        INFO(type << ": " << r.formattedProblems());
        CHECK(r.problems.empty());
        REQUIRE(r.playlist.items.size() == 1);
        CHECK(r.playlist.items[0].video()->type == type);
    }
    for (const char* type : {"video/quicktime", "image/png", "VIDEO/MP4", "video/mp4; codecs=avc1"}) {
        std::string item = videoItem();
        item.replace(item.find("video/mp4"), 9, type);
        requireOnly(withItems(item), "items[0].video.type",
                    std::string(R"(must be "video/mp4", "video/webm" or "video/x-matroska", got ")") + type + "\"");
    }
}

TEST_CASE("a video item's bad fields skip it with the reason at their path", "[playlist][video]") {
    // The file: checked like an image's.
    std::string item = videoItem();
    item.replace(item.find("att/vv/clip.mp4"), 15, "../clip.mp4");
    requireOnly(withItems(item), "items[0].video.href",
                R"(must be a relative path inside the feed (no "..", no leading /, no scheme), got "../clip.mp4")");
    item = videoItem();
    item.replace(item.find(kSha), 64, "abc");
    requireOnly(withItems(item), "items[0].video.sha256", R"(must be 64 hex digits, got "abc")");
    item = videoItem();
    item.replace(item.find("7340032"), 7, "0");
    requireOnly(withItems(item), "items[0].video.bytes", "must be a whole number of bytes > 0, got 0");
    item = videoItem();
    const std::string type_field = R"(, "type": "video/mp4")";
    item.replace(item.find(type_field), type_field.size(), "");
    requireOnly(withItems(item), "items[0].video.type", "is required");
    requireOnly(withItems(R"({"video": "att/vv/clip.mp4"})"), "items[0].video",
                R"(must be an object with href, sha256, bytes and type, got "att/vv/clip.mp4")");
    // The options.
    requireOnly(withItems(videoItem(R"(, "duration_s": 0)")), "items[0].duration_s",
                "must be a number of seconds > 0, got 0");
    requireOnly(withItems(videoItem(R"(, "duration_s": "30")")), "items[0].duration_s",
                R"(must be a number of seconds > 0, got "30")");
    requireOnly(withItems(videoItem(R"(, "duration_s": 86400.5)")), "items[0].duration_s",
                "must be at most 86400, got 86400.5");
    requireOnly(withItems(videoItem(R"(, "loop": "yes", "duration_s": 30)")), "items[0].loop",
                R"(must be true or false, got "yes")");
    requireOnly(withItems(videoItem(R"(, "muted": 0)")), "items[0].muted", "must be true or false, got 0");
    requireOnly(withItems(videoItem(R"(, "zone": "side")")), "items[0].zone",
                R"(must be "full" or "main", got "side")");
    requireOnly(withItems(videoItem(R"(, "loop": true)")), "items[0].loop",
                "needs duration_s: a video that starts again at its end has no length of its own");
    // What does not apply to a video is a warning, and the item plays.
    requireOnly(withItems(videoItem(R"(, "max_duration_s": 60)")), "items[0].max_duration_s",
                "ignored: a video's slot is its duration_s or its own length", Outcome::Warned);
}

TEST_CASE("a video item's bad file and bad option are both reported", "[playlist][video]") {
    std::string item = videoItem(R"(, "zone": "side")");
    item.replace(item.find("video/mp4"), 9, "video/avi");
    const PlaylistResult r = parsePlaylist(withItems(R"({"ref": "notice:a"}, )" + item), "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    REQUIRE(r.problems.size() == 2);
    CHECK(r.problems[0].path == "items[1].video.type");
    CHECK(r.problems[1].path == "items[1].zone");
    CHECK(r.skipped == std::vector<std::string>{"items[1]"});
    REQUIRE(r.playlist.items.size() == 1); // the rest plays
    CHECK(r.playlist.items[0].ref());
}

TEST_CASE("video options are unknown keys on other items", "[playlist][video]") {
    requireOnly(withItems(R"({"ref": "notice:a", "muted": false})"), "items[0].muted", "unknown key, ignored",
                Outcome::Warned);
    requireOnly(withItems(R"({"text": {"title": "t"}, "zone": "full"})"), "items[0].zone", "unknown key, ignored",
                Outcome::Warned);
}

TEST_CASE("video items: whole-second durations, duplicates and a video fallback", "[playlist][video]") {
    const PlaylistResult r =
        parsePlaylist(R"({"items": [)" + videoItem(R"(, "duration_s": 30)") + ", " +
                          videoItem(R"(, "duration_s": 30)") + R"(], "fallback": )" + videoItem() + "}",
                      "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    REQUIRE(r.problems.size() == 1);
    CHECK(r.problems[0].path == "items[1]");
    CHECK(r.problems[0].message == "same content and schedule as items[0]; it shows twice per round");
    CHECK(r.playlist.items[0].duration_s == 30);
    CHECK(*r.playlist.items[0].video()->duration_s == 30.0);
    REQUIRE(r.playlist.fallback);
    REQUIRE(r.playlist.fallback->video());
    CHECK(r.playlist.fallback->video()->href == "att/vv/clip.mp4");
}
