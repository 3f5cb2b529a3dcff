// Tests for kiosk/playlist/playlist_timeline: the spans in which nothing plays (and that they are
// exactly the rotation's idle slots), the ticker rule (an important or urgent notice shown by the
// playlist only under a schedule runs in the ticker only then) and the ticker's windows, the plan's
// per-item summary; and that the screen (HallSession) runs the same ticker and plays a publish's
// playlist whose bad items are skipped.
#include "kiosk/playlist/playlist_timeline.h"

#include "kiosk/core/hall_session.h"

#include <catch2/catch.hpp>

#include <memory>
#include <string>

using namespace gk;

namespace Catch {
template <> struct StringMaker<TimeSpan> {
    static std::string convert(const TimeSpan& span) {
        const CivilTime a = civilFromEpoch(span.start_s, kChinaUtcOffsetS);
        const CivilTime b = civilFromEpoch(span.end_s, kChinaUtcOffsetS);
        return std::to_string(a.day) + "d" + std::to_string(a.hour) + ":" + std::to_string(a.minute) + ":" +
               std::to_string(a.second) + "–" + std::to_string(b.day) + "d" + std::to_string(b.hour) + ":" +
               std::to_string(b.minute) + ":" + std::to_string(b.second);
    }
};
} // namespace Catch

namespace {

constexpr int kCst = kChinaUtcOffsetS;
const std::int64_t kMonday = epochFromCivil(2026, 11, 30, 0, 0, 0, kCst); // Monday 2026-11-30 00:00

std::int64_t at(int day, int hour, int minute = 0) {
    return kMonday + day * 86400 + hour * 3600 + minute * 60;
}

Notice notice(const std::string& id, NoticeLevel level, const std::string& title) {
    Notice n;
    n.id = id;
    n.title = title;
    n.level = level;
    return n;
}

Content makeContent() {
    Content c;
    c.generation = "g1";
    c.site.name = "白沙镇人民政府";
    c.notices = {notice("n-1", NoticeLevel::Normal, "普通通知"), notice("n-night", NoticeLevel::Important, "夜间施工"),
                 notice("n-all", NoticeLevel::Important, "全天提醒")};
    ServiceGuide guide;
    guide.id = "g-1";
    guide.name = "办事指南";
    c.guides = {guide};
    return c;
}

Playlist playlistFrom(const std::string& json) {
    const PlaylistResult r = parsePlaylist(json, "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    return r.playlist;
}

// Working hours on weekdays only, nothing at night or at the weekend.
const std::string kOfficeHours =
    R"({"items": [{"ref": "guide:g-1", "schedule": {"weekdays": [1, 2, 3, 4, 5], "times": ["08:00-12:00", "14:00-17:30"]}},
                  {"ref": "notice:n-1", "schedule": {"weekdays": [1, 2, 3, 4, 5], "times": ["09:00-13:00"]}},
                  {"ref": "notice:n-404"}]})";

} // namespace

TEST_CASE("idle windows: where no item can play and there is no fallback", "[timeline]") {
    const Content content = makeContent();
    const Playlist playlist = playlistFrom(kOfficeHours);
    const std::vector<TimeSpan> idle = idleWindows(playlist, content, at(0, 0), at(1, 0), kCst);
    // 08–13 (guide 08–12, notice 09–13) and 14–17:30 play; the ref not in the publish never does.
    CHECK(idle == std::vector<TimeSpan>{{at(0, 0), at(0, 8)}, {at(0, 13), at(0, 14)}, {at(0, 17, 30), at(1, 0)}});
    // Saturday and Sunday: nothing at all.
    CHECK(idleWindows(playlist, content, at(5, 0), at(7, 0), kCst) == std::vector<TimeSpan>{{at(5, 0), at(7, 0)}});

    // A fallback fills every gap.
    Playlist with_fallback = playlist;
    with_fallback.fallback = PlaylistItem{PlaylistText{"欢迎", ""}, std::nullopt, std::nullopt};
    CHECK(idleWindows(with_fallback, content, at(0, 0), at(7, 0), kCst).empty());
    // A fallback naming something not in the publish does not.
    with_fallback.fallback = PlaylistItem{ContentRef{RefKind::Notice, "n-404"}, std::nullopt, std::nullopt};
    CHECK(idleWindows(with_fallback, content, at(5, 0), at(7, 0), kCst).size() == 1);

    // An urgent notice holds the screen while it is valid.
    Content urgent = content;
    Notice water = notice("n-water", NoticeLevel::Urgent, "停水通告");
    water.valid_from = at(5, 10);
    water.valid_until = at(5, 12);
    urgent.notices.push_back(water);
    CHECK(idleWindows(playlist, urgent, at(5, 0), at(6, 0), kCst) ==
          std::vector<TimeSpan>{{at(5, 0), at(5, 10)}, {at(5, 12), at(6, 0)}});
}

TEST_CASE("idle windows are the rotation's idle slots, less the rest of the slot running out", "[timeline]") {
    Content content = makeContent();
    Notice week = notice("n-week", NoticeLevel::Normal, "本周通知");
    week.valid_from = at(1, 15);
    week.valid_until = at(3, 9, 30);
    content.notices.push_back(week);
    const Playlist playlist = playlistFrom(
        R"({"default_duration_s": 40, "items": [
              {"ref": "guide:g-1", "schedule": {"weekdays": [1, 3, 5], "times": ["08:00-12:00", "22:00-02:00"]}},
              {"ref": "notice:n-week", "duration_s": 25},
              {"text": {"title": "周末"}, "schedule": {"weekdays": [6], "times": ["10:00-10:07"]}}]})");
    const std::int64_t from = at(0, 6, 13);
    const std::int64_t to = at(7, 0);
    const std::vector<TimeSpan> shown = idleSpansOf(Rotation(playlist, content, kCst, from).plan(from, to), from, to);
    const std::vector<TimeSpan> idle = idleWindows(playlist, content, from, to, kCst);
    REQUIRE(shown.size() == 7);
    REQUIRE(idle.size() == shown.size());
    for (std::size_t i = 0; i < idle.size(); ++i) {
        INFO(i);
        CHECK(idle[i].end_s == shown[i].end_s); // something becomes eligible: the idle screen gives way at once
        CHECK(shown[i].start_s >= idle[i].start_s);
        CHECK(shown[i].start_s - idle[i].start_s < 40); // at most the rest of the slot on screen
    }
    // Where nothing ran out (the plan starts idle, the 02:00 end of a window falls on a slot end),
    // they agree to the second.
    CHECK(shown[0] == idle[0]);
    CHECK(shown[1] == idle[1]);
}

TEST_CASE("idleSpansOf merges the plan's idle slots within the span", "[timeline]") {
    const std::vector<Slot> slots = {Slot{"", -1, SlotReason::Idle, 0, 50}, Slot{"", -1, SlotReason::Idle, 50, 60},
                                     Slot{"text:0", 0, SlotReason::Scheduled, 60, 75},
                                     Slot{"", -1, SlotReason::Idle, 75, kNever}};
    CHECK(idleSpansOf(slots, 10, 100) == std::vector<TimeSpan>{{10, 60}, {75, 100}});
}

TEST_CASE("the ticker: an important notice the playlist schedules runs only under that schedule", "[timeline]") {
    const Content content = makeContent();
    const Playlist playlist = playlistFrom(
        R"({"items": [{"ref": "notice:n-night", "schedule": {"times": ["22:00-06:00"]}}, {"ref": "guide:g-1"}],
            "ticker": [{"text": "文明办事"}, {"text": "上午", "schedule": {"times": ["08:00-12:00"]}}]})");
    // Not referenced: whenever it is valid. Referenced under 22:00–06:00: only then.
    CHECK(tickerLinesAt(playlist, content, at(0, 9), kCst) ==
          std::vector<std::string>{"文明办事", "上午", "【重要】全天提醒"});
    CHECK(tickerLinesAt(playlist, content, at(0, 15), kCst) ==
          std::vector<std::string>{"文明办事", "【重要】全天提醒"});
    CHECK(tickerLinesAt(playlist, content, at(0, 23), kCst) ==
          std::vector<std::string>{"文明办事", "【重要】夜间施工", "【重要】全天提醒"});
    CHECK(tickerLinesAt(playlist, content, at(1, 5, 59), kCst) ==
          std::vector<std::string>{"文明办事", "【重要】夜间施工", "【重要】全天提醒"});

    // Also referenced by an item without a schedule: whenever it is valid, as before.
    const Playlist also_always = playlistFrom(
        R"({"items": [{"ref": "notice:n-night", "schedule": {"times": ["22:00-06:00"]}}, {"ref": "notice:n-night"}]})");
    CHECK(tickerLinesAt(also_always, content, at(0, 15), kCst) ==
          std::vector<std::string>{"【重要】夜间施工", "【重要】全天提醒"});

    // Urgent before important; expired notices never; normal notices never.
    Content more = content;
    Notice water = notice("n-water", NoticeLevel::Urgent, "停水通告");
    more.notices.push_back(water);
    Notice old = notice("n-old", NoticeLevel::Important, "旧通知");
    old.valid_until = at(0, 0);
    more.notices.push_back(old);
    CHECK(tickerLinesAt(playlist, more, at(0, 15), kCst) ==
          std::vector<std::string>{"文明办事", "【紧急】停水通告", "【重要】全天提醒"});
}

TEST_CASE("the ticker's windows change where a line or a notice starts or ends", "[timeline]") {
    const Content content = makeContent();
    const Playlist playlist = playlistFrom(
        R"({"items": [{"ref": "notice:n-night", "schedule": {"times": ["22:00-06:00"]}}],
            "ticker": [{"text": "上午", "schedule": {"times": ["08:00-12:00"]}}]})");
    const std::vector<TickerWindow> windows = tickerWindows(playlist, content, at(0, 0), at(1, 0), kCst);
    REQUIRE(windows.size() == 5);
    CHECK(windows[0].span == TimeSpan{at(0, 0), at(0, 6)});
    CHECK(windows[0].lines == std::vector<std::string>{"【重要】夜间施工", "【重要】全天提醒"});
    CHECK(windows[1].span == TimeSpan{at(0, 6), at(0, 8)});
    CHECK(windows[1].lines == std::vector<std::string>{"【重要】全天提醒"});
    CHECK(windows[2].span == TimeSpan{at(0, 8), at(0, 12)});
    CHECK(windows[2].lines == std::vector<std::string>{"上午", "【重要】全天提醒"});
    CHECK(windows[3].span == TimeSpan{at(0, 12), at(0, 22)});
    CHECK(windows[4].span == TimeSpan{at(0, 22), at(1, 0)});
    CHECK(windows[4].lines == windows[0].lines);
}

TEST_CASE("summarizeShowings: first, last, count and seconds per thing shown, clipped to the span", "[timeline]") {
    const std::vector<Slot> slots = {
        Slot{"guide:g-1", 0, SlotReason::Scheduled, 90, 120},   // starts before from: 10 s count
        Slot{"notice:n-1", 1, SlotReason::Scheduled, 120, 135}, //
        Slot{"", -1, SlotReason::Idle, 135, 200},               // left out
        Slot{"guide:g-1", 0, SlotReason::Scheduled, 200, 230},  //
        Slot{"notice:n-w", -1, SlotReason::Urgent, 230, 1000}}; // ends after to
    const std::vector<ShowingSummary> s = summarizeShowings(slots, 110, 300);
    REQUIRE(s.size() == 3);
    CHECK(s[0].ref == "guide:g-1");
    CHECK(s[0].first_s == 110);
    CHECK(s[0].last_s == 200);
    CHECK(s[0].count == 2);
    CHECK(s[0].seconds == 40);
    CHECK(s[1].ref == "notice:n-1");
    CHECK(s[1].seconds == 15);
    CHECK(s[2].reason == SlotReason::Urgent);
    CHECK(s[2].seconds == 70);
}

TEST_CASE("the screen's ticker follows the staff schedule, and a publish's bad item is only skipped", "[timeline]") {
    auto content = std::make_shared<Content>(makeContent());
    content->playlists["hall-main"] =
        R"({"items": [{"ref": "notice:n-night", "schedule": {"times": ["22：00-06：00"]}},
                      {"ref": "notice:n-night", "schedule": {"times": ["22:00-06:00"]}},
                      {"ref": "guide:g-1", "duration_s": 0}, {"ref": "notice:n-404"},
                      {"text": {"title": "欢迎"}}]})";
    HallSession session(HallContext{content, "hall-main", kCst, 300});
    const auto frame = [&](std::int64_t t) -> const InfoScreenView& {
        session.advance(HallTime{t, 0}, true);
        return session.infoView();
    };
    const InfoScreenView& day = frame(at(0, 15));
    CHECK(day.staff_warning.empty()); // the publish's playlist plays
    CHECK(day.card.title == "欢迎");  // the only good item that can play by day
    CHECK(day.ticker_text == "【重要】全天提醒");
    CHECK(frame(at(0, 23)).ticker_text == "【重要】夜间施工　　◆　　【重要】全天提醒");
}

TEST_CASE("the ticker's Chinese punctuation is shown full-width, as every text on screen", "[timeline]") {
    auto content = std::make_shared<Content>(makeContent());
    content->playlists["hall-main"] =
        R"({"items": [{"text": {"title": "欢迎"}}], "ticker": [{"text": "请带好身份证,户口簿. 咨询电话:12345"}]})";
    HallSession session(HallContext{content, "hall-main", kCst, 300});
    session.advance(HallTime{at(0, 15), 0}, true);
    const std::string& ticker = session.infoView().ticker_text;
    CHECK(ticker.find("请带好身份证，户口簿。咨询电话：12345") != std::string::npos);
    CHECK(content->playlists["hall-main"].find("身份证,户口簿") != std::string::npos); // the publish keeps its text
}
