// Tests for display/scheduler: eligibility (weekdays, overnight windows on both sides of
// midnight, inclusive date ranges, notice validity, unresolvable refs), the rotation (durations,
// skipping, fallback, idle, urgent preemption mid-slot and resumption, several urgent notices,
// dismissal, new publishes) and the timeline contracts (plan() equals successive at() calls;
// nextChangeAfter is never later than a real change). Content is built by hand.
#include "display/info/scheduler.h"

#include <catch2/catch.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

using namespace gk;

namespace {

constexpr int kCst = 8 * 3600;

std::int64_t cst(int y, int mo, int d, int h, int mi, int s = 0) {
    return epochFromCivil(y, mo, d, h, mi, s, kCst);
}

const std::int64_t kFri0900 = cst(2026, 11, 27, 9, 0); // Friday

Notice makeNotice(const std::string& id, NoticeLevel level, std::optional<std::int64_t> from,
                  std::optional<std::int64_t> until, const std::string& published = "2026-11-20") {
    Notice n;
    n.id = id;
    n.title = "通知 " + id;
    n.level = level;
    n.valid_from = from;
    n.valid_until = until;
    n.published_date = published;
    return n;
}

Content makeContent() {
    Content c;
    c.site.name = "建宁县黄埠乡人民政府";
    c.notices.push_back(makeNotice("n-1", NoticeLevel::Normal, cst(2026, 11, 20, 0, 0), cst(2027, 1, 4, 0, 0)));
    c.notices.push_back(makeNotice("n-old", NoticeLevel::Normal, cst(2025, 1, 1, 0, 0), cst(2025, 2, 1, 0, 0)));
    c.notices.push_back(makeNotice("n-fb", NoticeLevel::Normal, std::nullopt, std::nullopt));
    ServiceGuide g1;
    g1.id = "g-1";
    g1.name = "高龄老人津贴申请";
    ServiceGuide g2;
    g2.id = "g-2";
    g2.name = "临时救助";
    c.guides = {g1, g2};
    DisclosureItem d1;
    d1.id = "d-1";
    d1.title = "黄埠乡2018年政务公开工作实施方案";
    c.disclosures.push_back(d1);
    return c;
}

Playlist playlistFrom(const std::string& json) {
    const PlaylistResult r = parsePlaylist(json, "test.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    return r.playlist;
}

PlaylistItem itemFrom(const std::string& json) {
    return playlistFrom(R"({"items": [)" + json + "]}").items.at(0);
}

// Three items: 20 s, default 15 s, 10 s.
const char* const kThree = R"({"items": [{"ref": "notice:n-1", "duration_s": 20}, {"ref": "guide:g-1"},
                                         {"ref": "disclosure:d-1", "duration_s": 10}]})";

Slot slot(const std::string& ref, int index, SlotReason reason, std::int64_t start, std::int64_t end) {
    return Slot{ref, index, reason, start, end};
}

} // namespace

TEST_CASE("eligibility: weekday filter", "[scheduler]") {
    const Content c = makeContent();
    const PlaylistItem weekdays = itemFrom(R"({"ref": "guide:g-1", "schedule": {"weekdays": [1,2,3,4,5]}})");
    CHECK(itemEligibleAt(weekdays, c, kFri0900, kCst));
    CHECK_FALSE(itemEligibleAt(weekdays, c, kFri0900 + 86400, kCst));     // Saturday
    CHECK_FALSE(itemEligibleAt(weekdays, c, kFri0900 + 2 * 86400, kCst)); // Sunday
    CHECK(itemEligibleAt(weekdays, c, kFri0900 + 3 * 86400, kCst));       // Monday
    // Saturday 01:00 in Beijing is still Friday 17:00 UTC: the offset decides the weekday.
    CHECK_FALSE(itemEligibleAt(weekdays, c, cst(2026, 11, 28, 1, 0), kCst));
    CHECK(itemEligibleAt(weekdays, c, cst(2026, 11, 28, 1, 0), 0));
}

TEST_CASE("eligibility: an overnight window on both sides of midnight", "[scheduler]") {
    const Content c = makeContent();
    const PlaylistItem night =
        itemFrom(R"({"ref": "guide:g-1", "schedule": {"weekdays": [5], "times": ["22:00-06:00"]}})");
    CHECK_FALSE(itemEligibleAt(night, c, cst(2026, 11, 27, 21, 59, 59), kCst));
    CHECK(itemEligibleAt(night, c, cst(2026, 11, 27, 22, 0), kCst)); // Friday before midnight
    CHECK(itemEligibleAt(night, c, cst(2026, 11, 28, 0, 0), kCst));  // Saturday after midnight
    CHECK(itemEligibleAt(night, c, cst(2026, 11, 28, 5, 59, 59), kCst));
    CHECK_FALSE(itemEligibleAt(night, c, cst(2026, 11, 28, 6, 0), kCst));
    CHECK_FALSE(itemEligibleAt(night, c, cst(2026, 11, 27, 2, 0), kCst));  // Thursday's window
    CHECK_FALSE(itemEligibleAt(night, c, cst(2026, 11, 28, 23, 0), kCst)); // Saturday's evening
}

TEST_CASE("eligibility: from/until are inclusive local dates", "[scheduler]") {
    const Content c = makeContent();
    const PlaylistItem range =
        itemFrom(R"({"ref": "guide:g-1", "schedule": {"from": "2026-11-01", "until": "2026-12-31"}})");
    CHECK_FALSE(itemEligibleAt(range, c, cst(2026, 10, 31, 23, 59, 59), kCst));
    CHECK(itemEligibleAt(range, c, cst(2026, 11, 1, 0, 0), kCst));
    CHECK(itemEligibleAt(range, c, cst(2026, 12, 31, 23, 59, 59), kCst));
    CHECK_FALSE(itemEligibleAt(range, c, cst(2027, 1, 1, 0, 0), kCst));
}

TEST_CASE("eligibility: notice validity and unresolvable refs", "[scheduler]") {
    const Content c = makeContent();
    const PlaylistItem n1 = itemFrom(R"({"ref": "notice:n-1"})");
    CHECK(itemEligibleAt(n1, c, kFri0900, kCst));
    CHECK_FALSE(itemEligibleAt(n1, c, cst(2026, 11, 19, 23, 59, 59), kCst));
    CHECK_FALSE(itemEligibleAt(n1, c, cst(2027, 1, 4, 0, 0), kCst)); // valid_until is exclusive
    CHECK_FALSE(itemEligibleAt(itemFrom(R"({"ref": "notice:n-old"})"), c, kFri0900, kCst));
    for (const char* missing :
         {R"({"ref": "notice:nope"})", R"({"ref": "guide:nope"})", R"({"ref": "disclosure:nope"})"}) {
        const PlaylistItem item = itemFrom(missing);
        CHECK_FALSE(resolves(c, *item.ref()));
        CHECK_FALSE(itemAvailableAt(item, c, kFri0900));
        CHECK_FALSE(itemEligibleAt(item, c, kFri0900, kCst));
    }
    for (const char* present :
         {R"({"ref": "notice:n-fb"})", R"({"ref": "guide:g-2"})", R"({"ref": "disclosure:d-1"})"}) {
        const PlaylistItem item = itemFrom(present);
        CHECK(resolves(c, *item.ref()));
        CHECK(itemEligibleAt(item, c, kFri0900, kCst));
    }
    // The kind is part of the ref: an id of another kind does not resolve.
    CHECK_FALSE(resolves(c, ContentRef{RefKind::Guide, "n-1"}));
    CHECK_FALSE(resolves(c, ContentRef{RefKind::Notice, "g-1"}));
    CHECK(itemEligibleAt(itemFrom(R"({"text": {"title": "温馨提示"}})"), c, kFri0900, kCst));
}

TEST_CASE("slot refs", "[scheduler]") {
    CHECK(slotRef(itemFrom(R"({"ref": "disclosure:d-1"})"), 3) == "disclosure:d-1");
    CHECK(slotRef(itemFrom(R"({"text": {"title": "t"}})"), 4) == "text:4");
    CHECK(slotRef(itemFrom(R"({"text": {"title": "t"}})"), -1) == "text:fallback");
    CHECK(slotRef(itemFrom(R"({"image": {"href": "att/a.png", "bytes": 1, "type": "image/png",
        "sha256": "0000000000000000000000000000000000000000000000000000000000000000"}})"),
                  0) == "image:att/a.png");
    CHECK(slotReasonName(SlotReason::Urgent) == "urgent");
}

TEST_CASE("rotation: durations and playlist order, wrapping", "[scheduler]") {
    const Content c = makeContent();
    const Rotation r(playlistFrom(kThree), c, kCst, kFri0900);
    const std::int64_t t = kFri0900;
    const std::vector<Slot> expected = {
        slot("notice:n-1", 0, SlotReason::Scheduled, t, t + 20),
        slot("guide:g-1", 1, SlotReason::Scheduled, t + 20, t + 35),
        slot("disclosure:d-1", 2, SlotReason::Scheduled, t + 35, t + 45),
        slot("notice:n-1", 0, SlotReason::Scheduled, t + 45, t + 65),
    };
    CHECK(r.plan(t, t + 60) == expected);
}

TEST_CASE("rotation: unresolvable and expired items are skipped", "[scheduler]") {
    const Content c = makeContent();
    Rotation r(playlistFrom(R"({"items": [{"ref": "guide:gone"}, {"ref": "notice:n-old"}, {"ref": "guide:g-1"},
                                          {"ref": "notice:n-1", "duration_s": 5}]})"),
               c, kCst, kFri0900);
    const std::vector<Slot> plan = r.plan(kFri0900, kFri0900 + 40);
    REQUIRE(plan.size() == 4);
    CHECK(plan[0].ref == "guide:g-1");
    CHECK(plan[0].item_index == 2);
    CHECK(plan[1].ref == "notice:n-1");
    CHECK(plan[1].end_s - plan[1].start_s == 5);
    CHECK(plan[2].ref == "guide:g-1");
    CHECK(plan[3].ref == "notice:n-1");
}

TEST_CASE("rotation: items leaving their window are skipped at the next boundary", "[scheduler]") {
    const Content c = makeContent();
    // g-2 only until 09:01; each slot 15 s.
    Rotation r(
        playlistFrom(
            R"({"items": [{"ref": "guide:g-1"}, {"ref": "guide:g-2", "schedule": {"times": ["08:00-09:01"]}}]})"),
        c, kCst, kFri0900);
    const std::vector<Slot> plan = r.plan(kFri0900, kFri0900 + 90);
    REQUIRE(plan.size() == 6);
    CHECK(plan[0].ref == "guide:g-1");
    CHECK(plan[1].ref == "guide:g-2");
    CHECK(plan[2].ref == "guide:g-1");
    CHECK(plan[3] == slot("guide:g-2", 1, SlotReason::Scheduled, kFri0900 + 45, kFri0900 + 60)); // starts 09:00:45
    CHECK(plan[4].ref == "guide:g-1");
    CHECK(plan[5] == slot("guide:g-1", 0, SlotReason::Scheduled, kFri0900 + 75, kFri0900 + 90)); // g-2 skipped
}

TEST_CASE("rotation: the fallback shows when nothing is eligible, until something is", "[scheduler]") {
    const Content c = makeContent();
    const std::int64_t saturday = cst(2026, 11, 28, 10, 0);
    Rotation r(playlistFrom(R"({"default_duration_s": 15,
                                "items": [{"ref": "guide:g-1", "schedule": {"weekdays": [1,2,3,4,5]}}],
                                "fallback": {"ref": "notice:n-fb", "duration_s": 60}})"),
               c, kCst, saturday);
    CHECK(r.at(saturday) == slot("notice:n-fb", -1, SlotReason::Fallback, saturday, saturday + 60));
    CHECK(r.at(saturday + 60).start_s == saturday + 60); // another fallback round
    CHECK(r.at(saturday + 60).reason == SlotReason::Fallback);
    // Sunday 23:59:30: the fallback is cut at Monday 00:00 when the guide becomes eligible.
    const std::int64_t monday = cst(2026, 11, 30, 0, 0);
    Rotation late(r.playlist(), c, kCst, monday - 30);
    CHECK(late.at(monday - 30) == slot("notice:n-fb", -1, SlotReason::Fallback, monday - 30, monday));
    CHECK(late.nextChangeAfter(monday - 1) == monday);
    CHECK(late.at(monday) == slot("guide:g-1", 0, SlotReason::Scheduled, monday, monday + 15));
}

TEST_CASE("rotation: over a week, every fill slot ends exactly when the first item becomes eligible", "[scheduler]") {
    // Fallback rounds of 7 s through nights, weekends and a notice that becomes valid mid-week:
    // thousands of fill slots, each checked against itemEligibleAt directly.
    Content c = makeContent();
    const std::int64_t monday = cst(2026, 11, 30, 0, 0);
    c.notices.push_back(makeNotice("n-wed", NoticeLevel::Normal, cst(2026, 12, 2, 15, 17, 23), std::nullopt));
    Rotation r(playlistFrom(R"({"default_duration_s": 20, "items": [
                 {"ref": "guide:g-1", "schedule": {"weekdays": [1,2,3,4,5], "times": ["08:30-12:00"]}},
                 {"ref": "guide:g-2", "schedule": {"weekdays": [1,3], "times": ["14:00-17:30"]}},
                 {"ref": "disclosure:d-1", "schedule": {"weekdays": [6], "times": ["22:00-02:00"]}},
                 {"ref": "notice:n-wed", "schedule": {"times": ["19:00-19:45"]}}],
               "fallback": {"ref": "notice:n-fb", "duration_s": 7}})"),
               c, kCst, monday);
    const Playlist playlist = r.playlist();
    const auto anyEligible = [&](std::int64_t t) {
        for (const PlaylistItem& item : playlist.items)
            if (itemEligibleAt(item, c, t, kCst)) return true;
        return false;
    };
    int fill_slots = 0, ended_by_item = 0;
    for (std::int64_t t = monday; t < monday + 7 * 86400;) {
        const Slot s = r.at(t);
        REQUIRE(s.end_s > t);
        if (s.reason == SlotReason::Fallback) {
            ++fill_slots;
            INFO("fallback slot from " << s.start_s << " to " << s.end_s);
            // Eligibility changes only on minute boundaries and at n-wed's valid_from.
            CHECK_FALSE(anyEligible(s.start_s));
            for (std::int64_t m = (s.start_s / 60 + 1) * 60; m < s.end_s; m += 60) CHECK_FALSE(anyEligible(m));
            const std::int64_t valid_from = *c.notices.back().valid_from;
            if (valid_from > s.start_s && valid_from < s.end_s) CHECK_FALSE(anyEligible(valid_from));
            if (anyEligible(s.end_s))
                ++ended_by_item;
            else
                CHECK(s.end_s == s.start_s + 7); // a full round
        }
        t = s.end_s;
    }
    CHECK(fill_slots > 50000);
    CHECK(ended_by_item == 13); // every window's start: 5 + 2 + 1, and n-wed's 5 from Wednesday on
}

TEST_CASE("rotation: idle without a usable fallback", "[scheduler]") {
    const Content c = makeContent();
    const std::int64_t saturday = cst(2026, 11, 28, 10, 0);
    Rotation idle(playlistFrom(R"({"items": [{"ref": "guide:g-1", "schedule": {"weekdays": [1]}}]})"), c, kCst,
                  saturday);
    CHECK(idle.at(saturday) == slot("", -1, SlotReason::Idle, saturday, cst(2026, 11, 30, 0, 0)));
    // A fallback that does not resolve is no fallback.
    Rotation broken(playlistFrom(R"({"items": [{"ref": "guide:gone"}], "fallback": {"ref": "notice:gone"}})"), c, kCst,
                    saturday);
    CHECK(broken.at(saturday) == slot("", -1, SlotReason::Idle, saturday, kNever));
    CHECK(broken.nextChangeAfter(saturday + 1000) == kNever);
    // An empty playlist (no playlist for this screen group) is idle forever.
    Rotation empty(Playlist{}, c, kCst, saturday);
    CHECK(empty.at(saturday + 5).reason == SlotReason::Idle);
    // Idle ends when a notice fallback becomes valid.
    Content later = makeContent();
    later.notices.push_back(makeNotice("n-soon", NoticeLevel::Normal, saturday + 100, std::nullopt));
    Rotation soon(playlistFrom(R"({"items": [{"ref": "guide:gone"}], "fallback": {"ref": "notice:n-soon"}})"), later,
                  kCst, saturday);
    CHECK(soon.at(saturday).end_s == saturday + 100);
    CHECK(soon.at(saturday + 100).reason == SlotReason::Fallback);
}

TEST_CASE("rotation: an urgent notice preempts mid-slot, then the cut item shows again", "[scheduler]") {
    Content c = makeContent();
    const std::int64_t t = kFri0900;
    c.notices.push_back(makeNotice("u-1", NoticeLevel::Urgent, t + 25, t + 100));
    Rotation r(playlistFrom(kThree), c, kCst, t);
    const std::vector<Slot> expected = {
        slot("notice:n-1", 0, SlotReason::Scheduled, t, t + 20),
        slot("guide:g-1", 1, SlotReason::Scheduled, t + 20, t + 25), // cut short
        slot("notice:u-1", -1, SlotReason::Urgent, t + 25, t + 100),
        slot("guide:g-1", 1, SlotReason::Scheduled, t + 100, t + 115), // resumed, in full
        slot("disclosure:d-1", 2, SlotReason::Scheduled, t + 115, t + 125),
    };
    CHECK(r.plan(t, t + 120) == expected);
    CHECK(r.at(t + 21).end_s == t + 25); // known in advance: the screen can sleep until then
    CHECK(r.at(t + 25).reason == SlotReason::Urgent);
}

TEST_CASE("rotation: an urgent notice valid at start comes first, normal notices never preempt", "[scheduler]") {
    Content c = makeContent();
    const std::int64_t t = kFri0900;
    c.notices.push_back(makeNotice("u-1", NoticeLevel::Urgent, t - 3600, std::nullopt));
    c.notices.push_back(makeNotice("i-1", NoticeLevel::Important, t + 5, std::nullopt));
    Rotation r(playlistFrom(kThree), c, kCst, t);
    CHECK(r.at(t) == slot("notice:u-1", -1, SlotReason::Urgent, t, kNever));
    CHECK(r.at(t + 86400 * 30).reason == SlotReason::Urgent);
}

TEST_CASE("rotation: several urgent notices rotate, most recent first, a new one cuts in", "[scheduler]") {
    Content c = makeContent();
    const std::int64_t t = kFri0900;
    c.notices.push_back(makeNotice("u-old", NoticeLevel::Urgent, t - 7200, t + 1000));
    c.notices.push_back(makeNotice("u-new", NoticeLevel::Urgent, t - 3600, t + 1000));
    c.notices.push_back(makeNotice("u-later", NoticeLevel::Urgent, t + 40, t + 50));
    Rotation r(playlistFrom(kThree), c, kCst, t); // default_duration_s 15
    const std::vector<Slot> plan = r.plan(t, t + 80);
    const std::vector<Slot> expected = {
        slot("notice:u-new", -1, SlotReason::Urgent, t, t + 15),
        slot("notice:u-old", -1, SlotReason::Urgent, t + 15, t + 30),
        slot("notice:u-new", -1, SlotReason::Urgent, t + 30, t + 40),   // cut by u-later's start
        slot("notice:u-later", -1, SlotReason::Urgent, t + 40, t + 50), // ends with its validity
        slot("notice:u-old", -1, SlotReason::Urgent, t + 50, t + 65),
        slot("notice:u-new", -1, SlotReason::Urgent, t + 65, t + 80),
    };
    CHECK(plan == expected);
    CHECK(r.plan(t + 1000, t + 1001).front().ref == "notice:n-1"); // after both expire
}

TEST_CASE("rotation: dismissed urgent notices end at once and never return", "[scheduler]") {
    Content c = makeContent();
    const std::int64_t t = kFri0900;
    c.notices.push_back(makeNotice("u-1", NoticeLevel::Urgent, t + 25, t + 1000));
    c.notices.push_back(makeNotice("u-2", NoticeLevel::Urgent, t + 500, t + 1000));
    Rotation r(playlistFrom(kThree), c, kCst, t);
    CHECK(r.at(t + 30).ref == "notice:u-1");
    r.dismissUrgent("u-1");
    CHECK(r.dismissedUrgent().count("u-1") == 1);
    const Slot resumed = r.at(t + 40);
    CHECK(resumed == slot("guide:g-1", 1, SlotReason::Scheduled, t + 40, t + 55)); // the cut item again
    for (const Slot& s : r.plan(t + 40, t + 499)) CHECK(s.reason == SlotReason::Scheduled);
    // Dismissing u-2 before it starts removes the cut at its valid_from from the running slot.
    r.at(t + 490);
    const std::int64_t cut = r.at(t + 490).end_s;
    CHECK(cut == t + 500);
    r.dismissUrgent("u-2");
    CHECK(r.at(t + 495).end_s > t + 500);
    for (const Slot& s : r.plan(t + 495, t + 2000)) CHECK(s.reason == SlotReason::Scheduled);
}

TEST_CASE("rotation: a notice expiring mid-slot still runs its full duration", "[scheduler]") {
    Content c = makeContent();
    const std::int64_t t = kFri0900;
    c.notices.push_back(makeNotice("n-short", NoticeLevel::Normal, std::nullopt, t + 5));
    Rotation r(playlistFrom(R"({"items": [{"ref": "notice:n-short", "duration_s": 30}, {"ref": "guide:g-1"}]})"), c,
               kCst, t);
    CHECK(r.at(t) == slot("notice:n-short", 0, SlotReason::Scheduled, t, t + 30));
    CHECK(r.at(t + 30).ref == "guide:g-1");
    CHECK(r.at(t + 45).ref == "guide:g-1"); // n-short is skipped from now on
}

TEST_CASE("rotation: plan() equals successive at() calls", "[scheduler]") {
    Content c = makeContent();
    const std::int64_t t = cst(2026, 11, 26, 20, 0);
    c.notices.push_back(makeNotice("u-1", NoticeLevel::Urgent, t + 7000, t + 7400));
    c.notices.push_back(makeNotice("u-2", NoticeLevel::Urgent, t + 7100, t + 7200));
    const Playlist p = playlistFrom(R"({"default_duration_s": 17, "items": [
        {"ref": "notice:n-1", "duration_s": 20, "schedule": {"times": ["08:30-12:00", "14:00-17:30"]}},
        {"ref": "guide:g-1", "schedule": {"times": ["22:00-06:00"], "weekdays": [4]}},
        {"ref": "guide:gone"},
        {"text": {"title": "温馨提示"}, "duration_s": 7, "schedule": {"weekdays": [5]}}],
        "fallback": {"ref": "notice:n-fb", "duration_s": 600}})");
    Rotation fresh(p, c, kCst, t);
    const std::vector<Slot> plan = fresh.plan(t, t + 2 * 86400);
    REQUIRE(plan.size() > 100);
    Rotation stepping(p, c, kCst, t);
    std::int64_t previous_end = t;
    for (const Slot& expected : plan) {
        CHECK(expected.start_s == previous_end); // contiguous
        CHECK(stepping.at(expected.start_s) == expected);
        previous_end = expected.end_s;
    }
    // plan() is const and starts from the rotation's own state.
    CHECK(stepping.plan(t + 2 * 86400, t + 2 * 86400 + 1).front().start_s <= t + 2 * 86400);
}

TEST_CASE("rotation: nextChangeAfter is never later than a real change", "[scheduler]") {
    Content c = makeContent();
    const std::int64_t t = cst(2026, 11, 27, 11, 58);
    c.notices.push_back(makeNotice("u-1", NoticeLevel::Urgent, t + 333, t + 401));
    const Playlist p = playlistFrom(R"({"items": [
        {"ref": "notice:n-1", "duration_s": 20, "schedule": {"times": ["08:30-12:00"]}},
        {"ref": "guide:g-1", "duration_s": 13, "schedule": {"times": ["12:03-12:04"]}}],
        "fallback": {"ref": "notice:n-fb", "duration_s": 45}})");
    Rotation watcher(p, c, kCst, t);
    Rotation sleeper(p, c, kCst, t);
    std::vector<Slot> seen;
    const std::int64_t horizon = t + 900;
    for (std::int64_t now = t; now < horizon; ++now) seen.push_back(watcher.at(now));
    for (std::int64_t now = t; now < horizon; ++now) {
        std::int64_t real_change = kNever;
        for (std::int64_t later = now + 1; later < horizon; ++later) {
            if (!(seen[later - t] == seen[now - t])) {
                real_change = later;
                break;
            }
        }
        const std::int64_t wake = sleeper.nextChangeAfter(now);
        INFO("now = t + " << (now - t));
        CHECK(wake > now);
        CHECK(wake <= real_change);
        if (real_change != kNever) CHECK(wake == real_change); // and never needlessly early
    }
}

TEST_CASE("rotation: a new publish continues the rotation and keeps dismissals", "[scheduler]") {
    const Content first = makeContent();
    const std::int64_t t = kFri0900;
    Rotation r(playlistFrom(kThree), first, kCst, t);
    CHECK(r.at(t + 25).ref == "guide:g-1"); // [t+20, t+35)
    r.dismissUrgent("u-9");

    // Same item still there (at another index): keeps running to its end.
    Content second = makeContent();
    r.update(playlistFrom(R"({"items": [{"ref": "disclosure:d-1"}, {"ref": "guide:g-1"}, {"ref": "notice:n-1"}]})"),
             second, t + 26);
    CHECK(r.at(t + 26) == slot("guide:g-1", 1, SlotReason::Scheduled, t + 20, t + 35));
    CHECK(r.at(t + 35).ref == "notice:n-1");

    // A publish with a valid urgent notice preempts at once; a dismissed one does not.
    Content third = makeContent();
    third.notices.push_back(makeNotice("u-9", NoticeLevel::Urgent, t, t + 1000));
    r.update(r.playlist(), third, t + 40);
    CHECK(r.at(t + 40).ref == "notice:n-1");
    Content fourth = third;
    fourth.notices.push_back(makeNotice("u-10", NoticeLevel::Urgent, t + 30, t + 1000));
    r.update(r.playlist(), fourth, t + 41);
    CHECK(r.at(t + 41) == slot("notice:u-10", -1, SlotReason::Urgent, t + 41, t + 1000));
    CHECK(r.dismissedUrgent().count("u-9") == 1);

    // The item on screen disappears: the next one starts now.
    Content fifth = makeContent();
    Rotation s(playlistFrom(kThree), fifth, kCst, t);
    s.update(playlistFrom(R"({"items": [{"ref": "guide:g-2"}]})"), fifth, t + 5);
    CHECK(s.at(t + 5) == slot("guide:g-2", 0, SlotReason::Scheduled, t + 5, t + 20));
}

TEST_CASE("rotation: clock steps backwards or far forwards", "[scheduler]") {
    const Content c = makeContent();
    const std::int64_t t = kFri0900;
    Rotation r(playlistFrom(kThree), c, kCst, t);
    CHECK(r.at(t + 100).start_s <= t + 100);
    const Slot& back = r.at(t - 50); // NTP stepped the clock back
    CHECK(back.start_s == t - 50);
    CHECK(back.reason == SlotReason::Scheduled);
    const std::int64_t far = t + 30 * 86400 + 7;
    const Slot& jump = r.at(far); // a month later: restart there, not replay
    CHECK(jump.start_s == far);
    CHECK(jump.end_s > far);
}

TEST_CASE("a slot the screen ends early (its video failed) gives way to the next item, not to itself again",
          "[scheduler][video]") {
    const Content content = makeContent();
    Rotation r(
        playlistFrom(R"({"items": [{"ref": "guide:g-1", "duration_s": 30}, {"ref": "guide:g-2", "duration_s": 10}]})"),
        content, kCst, kFri0900);
    REQUIRE(r.at(kFri0900).ref == "guide:g-1");
    r.endCurrentSlot();
    const Slot& next = r.at(kFri0900 + 4);
    CHECK(next.ref == "guide:g-2");
    CHECK(next.start_s == kFri0900 + 4);
    CHECK(next.end_s == kFri0900 + 14);
    CHECK(r.at(kFri0900 + 14).ref == "guide:g-1"); // and the rotation goes round as before
}
