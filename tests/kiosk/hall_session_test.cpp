// The hall core without a window: what the information screen shows and records as sync results,
// staff requests, a covering panel and time arrive. The session is driven exactly as the frame
// loop drives it (advance at each frame's time); nothing here opens a window or a GL context.
#include "config/civil_time.h"
#include "demo_content.h"
#include "kiosk/core/hall_session.h"
#include "kiosk/playlist/video_support.h"

#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <vector>

using namespace gk;
using gk::test::demoContent;

namespace {

HallContext demoContext(const std::string& group = "hall-main") {
    return HallContext{demoContent(), group, 8 * 3600, 300};
}

const std::int64_t kTen = *parseIsoDateTime("2026-11-27T10:00:00+08:00", 8 * 3600);

// A frame at wall second t, settled as a screenshot is.
const InfoScreenView& frameAt(HallSession& session, std::int64_t t) {
    session.advance(HallTime{t, 0}, true);
    return session.infoView();
}

struct RecordedPlays final : RecordSink {
    std::vector<PlayRecord> plays;
    bool recordPlay(const PlayRecord& play) override {
        plays.push_back(play);
        return true;
    }
    bool recordAudit(std::int64_t, std::string_view, std::string_view, std::string_view) override { return true; }
};

} // namespace

TEST_CASE("the offline banner appears after two intervals without a successful sync", "[hall][sync]") {
    HallSession session(demoContext());
    SyncReport report;
    report.state.last_success = kTen - 500; // less than two intervals ago
    report.state.last_error = "manifest.json: could not connect";
    session.applySyncReport(report, kTen);
    CHECK(frameAt(session, kTen).offline_text.empty());
    report.state.last_success = kTen - 601;
    session.applySyncReport(report, kTen);
    const InfoScreenView& view = frameAt(session, kTen);
    CHECK(view.offline_text.find("暂未取得最新内容") != std::string::npos);
    CHECK(view.offline_text.find("09:49") != std::string::npos); // the last good sync, local time
    CHECK_FALSE(view.card.title.empty());                        // the content stays
    report.state.last_error.clear();
    report.state.last_success = kTen;
    session.applySyncReport(report, kTen);
    CHECK(frameAt(session, kTen).offline_text.empty());
}

TEST_CASE("a new publish with a broken playlist keeps the last good one", "[hall][sync]") {
    HallSession session(demoContext());
    const std::string shown = frameAt(session, kTen).card.title;
    REQUIRE_FALSE(shown.empty());

    auto broken = std::make_shared<Content>(*demoContent());
    // Not a playlist at all (a bad item would only be skipped: see playlist_timeline_test.cpp).
    broken->playlists["hall-main"] = R"({"items": {"ref": "notice:x", "duration_s": -5}})";
    SyncReport report;
    report.outcome.result = SyncResult::Changed;
    report.outcome.content = broken;
    session.applySyncReport(report, kTen + 1);
    const InfoScreenView& view = frameAt(session, kTen + 1);
    CHECK(view.card.title == shown);
    CHECK(view.staff_warning.find("items: must be an array") != std::string::npos);
    CHECK(session.published() == broken); // the rest of the publish is taken
}

TEST_CASE("a report posted from another thread is applied by the next takePosted, and wakes the loop", "[hall][sync]") {
    HallSession session(demoContext());
    int wakes = 0;
    session.setWake([&wakes] { ++wakes; });
    CHECK_FALSE(session.takePosted(kTen));
    auto newer = std::make_shared<Content>(*demoContent());
    newer->generation = "newer";
    SyncReport with_content;
    with_content.outcome.content = newer;
    SyncReport without_content; // a later poll that found nothing new
    without_content.state.last_success = kTen;
    session.post(with_content);
    session.post(without_content);
    CHECK(wakes == 2);
    CHECK(session.content()->generation != "newer"); // nothing changes until the main thread takes it
    CHECK(session.takePosted(kTen));
    CHECK(session.content()->generation == "newer"); // the publish of the first report is not lost
    CHECK(session.syncState().last_success == kTen);
    CHECK_FALSE(session.takePosted(kTen));
}

TEST_CASE("staff raise a notice on this screen — it interrupts until they dismiss it", "[hall][staff]") {
    HallSession session(demoContext());
    REQUIRE(frameAt(session, kTen).urgent_banner.empty());
    const Notice* notice = nullptr;
    for (const Notice& n : demoContent()->notices)
        if (n.validAt(kTen) && n.level != NoticeLevel::Urgent && notice == nullptr) notice = &n;
    REQUIRE(notice != nullptr);

    StaffOverrides overrides;
    overrides.raised_urgent = {notice->id};
    session.applyStaffOverrides(overrides, kTen + 1);
    const InfoScreenView& raised = frameAt(session, kTen + 1);
    CHECK(raised.card.title == notice->title);
    CHECK(raised.urgent_banner.find(notice->title) != std::string::npos);
    CHECK(session.published()->findNotice(notice->id)->level == notice->level); // the publish is untouched

    overrides.raised_urgent.clear();
    overrides.dismissed_urgent = {notice->id};
    session.applyStaffOverrides(overrides, kTen + 2);
    const InfoScreenView& dismissed = frameAt(session, kTen + 2);
    CHECK(dismissed.urgent_banner.empty());
    CHECK(dismissed.card.title != notice->title);
}

TEST_CASE("an item under the staff panel counts as played only while it shows", "[hall][staff][plays]") {
    RecordedPlays records;
    {
        HallSession session(demoContext());
        session.setRecords(&records);
        const std::string title_before = frameAt(session, kTen).card.title;
        session.setCovered(true, kTen + 3);                               // staff open the panel
        session.setCovered(true, kTen + 4);                               // every loop turn says so again
        REQUIRE(frameAt(session, kTen + 120).card.title != title_before); // the rotation moves on under the panel
        session.setCovered(false, kTen + 130);
        frameAt(session, kTen + 130);
        session.setCovered(true, kTen + 134); // ends the last play before the session's end, which uses the real clock
    }
    REQUIRE(records.plays.size() == 2);
    CHECK(records.plays[0].start_s == kTen);
    CHECK(records.plays[0].duration_s == 3);
    CHECK(records.plays[1].start_s == kTen + 130);
    CHECK(records.plays[1].duration_s == 4);
}

namespace {

// The first notice in force at kTen, made urgent; null when there is none.
const Notice* makeFirstValidNoticeUrgent(Content& content) {
    for (Notice& n : content.notices)
        if (n.validAt(kTen)) {
            n.level = NoticeLevel::Urgent;
            return &n;
        }
    return nullptr;
}

} // namespace

TEST_CASE("a published urgent notice dismissed here stays away — taking the dismissal back restores it",
          "[hall][staff]") {
    auto content = std::make_shared<Content>(*demoContent());
    const Notice* urgent = makeFirstValidNoticeUrgent(*content);
    REQUIRE(urgent != nullptr);
    HallSession session(HallContext{content, "hall-main", 8 * 3600, 300});
    REQUIRE(frameAt(session, kTen).card.title == urgent->title);

    StaffOverrides overrides;
    overrides.dismissed_urgent = {urgent->id};
    session.applyStaffOverrides(overrides, kTen + 1);
    CHECK(frameAt(session, kTen + 1).urgent_banner.empty());
    CHECK(frameAt(session, kTen + 120).urgent_banner.empty()); // and it does not come back on its own

    session.applyStaffOverrides(StaffOverrides{}, kTen + 121);
    CHECK(frameAt(session, kTen + 121).urgent_banner.find(urgent->title) != std::string::npos);
}

// Cards of a fixed number of pages on this screen and on the reference screen, whatever they hold
// (the painter measures them with the fonts).
struct FixedPager : CardPager {
    explicit FixedPager(std::size_t pages, std::size_t reference = 1) : pages(pages), reference(reference) {}
    std::size_t pagesOf(const InfoScreenView&) override { return pages; }
    std::size_t referencePagesOf(const InfoCard&, bool) override {
        ++measured;
        return reference;
    }
    std::size_t pages;
    std::size_t reference;
    int measured = 0;
};

TEST_CASE("an urgent notice pages through all of its card while it stays, an item as far as its slot gives",
          "[hall][pages]") {
    auto content = std::make_shared<Content>(*demoContent());
    const Notice* urgent = makeFirstValidNoticeUrgent(*content);
    REQUIRE(urgent != nullptr);
    HallSession session(HallContext{content, "hall-main", 8 * 3600, 300});
    FixedPager pager(3);
    session.setPager(&pager);
    REQUIRE(frameAt(session, kTen).card.title == urgent->title);
    CHECK(frameAt(session, kTen).card_page_count == 3); // not the one page a 15 s item gives
    std::set<std::size_t> seen;
    for (std::int64_t t = kTen; t < kTen + 45; t += 5) seen.insert(frameAt(session, t).card_page);
    CHECK(seen == std::set<std::size_t>{0, 1, 2}); // each page for the playlist's 15 s, in turn

    HallSession calm(demoContext()); // no urgent notice: items page within their own duration
    FixedPager long_cards(9);
    calm.setPager(&long_cards);
    for (std::int64_t t = kTen; t < kTen + 600; t += 7) {
        const InfoScreenView& view = frameAt(calm, t);
        CHECK(view.card_page_count <= 30 / 8); // the longest demo item: 30 s, pages of 8 s or more
    }
}

// The demo playlist with a stretch limit (the playlist's, and one item's own).
std::shared_ptr<Content> stretchingContent(int playlist_max, int item_max) {
    auto content = std::make_shared<Content>(*demoContent());
    nlohmann::json doc = nlohmann::json::parse(content->playlists.at("hall-main"));
    doc["max_duration_s"] = playlist_max;
    doc["items"][1]["max_duration_s"] = item_max;
    content->playlists["hall-main"] = doc.dump();
    return content;
}

// What a session shows second by second for an hour from kTen: each change of card and when.
std::vector<std::pair<std::int64_t, std::string>> timelineOf(HallSession& session) {
    std::vector<std::pair<std::int64_t, std::string>> changes;
    for (std::int64_t t = kTen; t < kTen + 3600; ++t) {
        session.advance(HallTime{t, 0}, true);
        const std::string& title = session.infoView().card.title;
        if (changes.empty() || changes.back().second != title) changes.emplace_back(t, title);
    }
    return changes;
}

TEST_CASE("a long card's slot stretches by its pages on the reference screen, within staff's limit, the same on "
          "every screen size",
          "[hall][pages][stretch]") {
    const std::shared_ptr<Content> content = stretchingContent(60, 40);
    const PlaylistResult parsed = parsePlaylist(content->playlists.at("hall-main"), "hall-main.json");
    REQUIRE(parsed.usable());
    const Playlist& playlist = parsed.playlist;
    FixedPager five(2, 5); // every card takes 5 screenfuls on the reference screen
    SlotStretcher stretcher(&five);
    const auto plan = [&](SlotSeconds seconds) {
        return rotationSinceMidnight(playlist, *content, 8 * 3600, kTen, std::move(seconds))->plan(kTen, kTen + 3600);
    };
    const std::vector<Slot> stretched = plan([&](const PlaylistItem& item, const Slot& slot) {
        return stretcher.secondsOf(playlist, *content, 8 * 3600, item, slot);
    });
    const std::vector<Slot> plain = plan({});
    const auto longest = [](const std::vector<Slot>& slots, int index) {
        std::int64_t most = 0;
        for (const Slot& slot : slots)
            if (slot.item_index == index) most = std::max(most, slot.end_s - slot.start_s);
        return most;
    };
    CHECK(longest(plain, 1) == 20);     // its duration_s
    CHECK(longest(stretched, 1) == 40); // 5 × 20 s, held to its own limit
    CHECK(longest(plain, 0) == 20);
    CHECK(longest(stretched, 0) == 60);                                  // the playlist's limit
    CHECK(five.measured <= static_cast<int>(playlist.items.size()) + 1); // each card measured once

    // Two screens of the group, of different sizes (their own page counts differ), play one
    // timeline; cards that fit one screenful do not stretch it.
    HallSession small(HallContext{content, "hall-main", 8 * 3600, 300});
    HallSession large(HallContext{content, "hall-main", 8 * 3600, 300});
    HallSession short_cards(HallContext{content, "hall-main", 8 * 3600, 300});
    FixedPager small_pages(7, 5), large_pages(2, 5), one_page(1, 1);
    small.setPager(&small_pages);
    large.setPager(&large_pages);
    short_cards.setPager(&one_page);
    const auto small_timeline = timelineOf(small);
    CHECK(small_timeline == timelineOf(large));
    CHECK(small_timeline != timelineOf(short_cards));
}

TEST_CASE("a bad config shows in the staff note, before the playlist's trouble", "[hall][config]") {
    const std::string config_note = "配置文件有误，正在使用上次的有效配置：kiosk.json: mode: must be \"display\" or "
                                    "\"kiosk\", got \"tv\"";
    HallContext context = demoContext();
    context.config_warning = config_note;
    HallSession session(context);
    const InfoScreenView& view = frameAt(session, kTen);
    CHECK(view.staff_warning == config_note);
    CHECK_FALSE(view.card.title.empty()); // the screen runs on

    context.screen_group = "no-such-group"; // the portal has no playlist for it: both notes
    HallSession other(context);
    CHECK(frameAt(other, kTen).staff_warning.rfind(config_note + "　门户没有屏幕组", 0) == 0);
}

TEST_CASE("staff switching the mode or closing the program ends the run, other requests do not", "[hall][staff]") {
    HallSession session(demoContext());
    CHECK_FALSE(session.applyStaffRequest(StaffRequest{}, kTen).end_run);
    StaffRequest exit;
    exit.exit = true;
    CHECK(session.applyStaffRequest(exit, kTen).end_run);
    StaffRequest to_kiosk;
    to_kiosk.switch_to = DeviceMode::Kiosk;
    const StaffOutcome outcome = session.applyStaffRequest(to_kiosk, kTen);
    CHECK(outcome.end_run);
    CHECK(outcome.switch_to == DeviceMode::Kiosk);
}

TEST_CASE("between rotation steps a frame changes only the clock, and the card while it fades in", "[hall][frames]") {
    HallSession session(demoContext());
    CHECK(session.advance(HallTime{kTen, 1000}, false) == kInfoAll); // the first frame is whole
    CHECK(session.fading(1100));
    const unsigned fading = session.advance(HallTime{kTen, 1100}, false);
    CHECK((fading & kInfoCard) != 0);
    CHECK((fading & kInfoClock) == 0); // the same second
    CHECK_FALSE(session.fading(1400));
    CHECK((session.advance(HallTime{kTen, 1500}, false) & kInfoCard) != 0); // the fade's last step
    const unsigned next_second = session.advance(HallTime{kTen + 1, 2000}, false);
    CHECK((next_second & kInfoClock) != 0);
    CHECK((next_second & kInfoCard) == 0);
    session.rebuild(); // after a covering panel: whole again
    CHECK(session.advance(HallTime{kTen + 2, 3000}, false) == kInfoAll);
    CHECK(session.nextWake(kTen + 2) == kTen + 3);
}

TEST_CASE("search builds its index off the main thread, answers from it, and a new publish gets a new one",
          "[hall][search]") {
    HallSession session(demoContext());
    SearchSession& search = session.search();
    const std::shared_ptr<const Content> content = session.published();
    search.prepare(content);
    search.waitReady();
    CHECK_FALSE(search.pending());
    const SearchResults* results = search.resultsFor(content, "高龄", 30);
    REQUIRE(results != nullptr);
    REQUIRE_FALSE(results->hits.empty());
    CHECK(results->query == "高龄");
    CHECK(search.resultsFor(content, "高龄", 30) == results); // the same query: the kept results

    auto newer = std::make_shared<Content>(*content);
    newer->notices.clear();
    newer->guides.clear();
    newer->disclosures.clear();
    search.prepare(newer); // a new publish: a new index, built while the old results stay
    search.waitReady();
    const SearchResults* after = search.resultsFor(newer, "高龄", 30);
    REQUIRE(after != nullptr);
    CHECK(after->hits.empty()); // searched again in the new publish, which has nothing
}

TEST_CASE("while pinyin is composed, letters that find nothing search for the first candidate", "[hall][search]") {
    HallSession session(demoContext());
    SearchSession& search = session.search();
    const std::shared_ptr<const Content> content = session.published();
    search.prepare(content);
    search.waitReady();
    // Full pinyin finds nothing as letters: the candidate 政务 is searched instead.
    const SearchResults* spelled = search.resultsWhileComposing(content, "", "zhengwu", "政务", 30);
    REQUIRE(spelled != nullptr);
    CHECK(spelled->query == "政务");
    CHECK(spelled->total > 0);
    CHECK(search.resultsFor(content, "zhengwu", 30)->total == 0); // what the page showed before
    // Initials find their item as typed, whatever the first candidate.
    const SearchResults* initials = search.resultsWhileComposing(content, "", "gljt", "格拉", 30);
    REQUIRE(initials != nullptr);
    CHECK(initials->query == "gljt");
    CHECK(initials->total > 0);
    // After committed text the candidate joins it; with no candidate the letters stand.
    CHECK(search.resultsWhileComposing(content, "高龄", "jt", "津贴", 30)->query == "高龄津贴");
    CHECK(search.resultsWhileComposing(content, "", "zhengwu", "", 30)->query == "zhengwu");
}

TEST_CASE("the kiosk's urgent banner: urgent notices in force, raised ones included, dismissed ones not",
          "[hall][kiosk]") {
    auto content = std::make_shared<Content>(*demoContent());
    content->notices.clear();
    const auto notice = [](std::string id, NoticeLevel level, std::string published) {
        Notice n;
        n.id = std::move(id);
        n.title = "通知 " + n.id;
        n.level = level;
        n.published_date = std::move(published);
        return n;
    };
    content->notices.push_back(notice("u-old", NoticeLevel::Urgent, "2026-11-01"));
    content->notices.push_back(notice("u-new", NoticeLevel::Urgent, "2026-11-20"));
    content->notices.push_back(notice("u-over", NoticeLevel::Urgent, "2026-11-25"));
    content->notices.back().valid_until = kTen - 1;
    content->notices.push_back(notice("u-next", NoticeLevel::Urgent, "2026-11-26"));
    content->notices.back().valid_from = kTen + 3600;
    content->notices.push_back(notice("i-1", NoticeLevel::Important, "2026-11-26"));
    HallSession session(HallContext{content, "hall-main", 8 * 3600, 300});
    const auto ids = [&](std::int64_t t) {
        std::vector<std::string> out;
        for (const Notice* n : session.urgentNotices(t)) out.push_back(n->id);
        return out;
    };
    CHECK(ids(kTen) == std::vector<std::string>{"u-new", "u-old"});
    CHECK(ids(kTen + 3600) == std::vector<std::string>{"u-next", "u-new", "u-old"});
    StaffOverrides overrides;
    overrides.dismissed_urgent = {"u-new"};
    overrides.raised_urgent = {"i-1"};
    session.applyStaffOverrides(overrides, kTen);
    CHECK(ids(kTen) == std::vector<std::string>{"i-1", "u-old"});
}

TEST_CASE("the position counter counts only the items that can play now", "[hall][frames]") {
    // Four items: one not in the publish and one out of its schedule at 10:00. A visitor sees
    // 1 / 2 and 2 / 2, not 1 and 4 of 4.
    auto content = std::make_shared<Content>(*demoContent());
    content->playlists["counted"] = R"({"default_duration_s": 10, "items": [
        {"text": {"title": "第一条", "body": "a"}},
        {"ref": "notice:gone"},
        {"text": {"title": "晚间", "body": "b"}, "schedule": {"times": ["22:00-06:00"]}},
        {"text": {"title": "第四条", "body": "c"}}]})";
    HallSession session(HallContext{content, "counted", 8 * 3600, 300});
    std::vector<std::pair<std::string, std::string>> seen;
    for (std::int64_t t = kTen; t < kTen + 40; ++t) {
        const InfoScreenView& view = frameAt(session, t);
        const std::pair<std::string, std::string> shown{view.card.title, view.position_text};
        if (seen.empty() || seen.back() != shown) seen.push_back(shown);
    }
    REQUIRE(seen.size() >= 3);
    for (const auto& [title, position] : seen) {
        INFO(title);
        CHECK(position == (title == "第一条" ? "1 / 2" : "2 / 2"));
        CHECK(title != "晚间");
    }
}

TEST_CASE("the kiosk's navigation starts as the hall's context says", "[hall][kiosk]") {
    HallContext context = demoContext();
    context.elder_default = true;
    HallSession session(context);
    CHECK(session.navigator().attract());
    session.navigator().apply({KioskActionKind::Start, {}}, 0.0);
    CHECK(session.navigator().elder()); // a resident's visit starts in 长辈模式
}

TEST_CASE("a video's slot lasts the video's own length, and one ended early is recorded as played that long",
          "[hall][plays][video]") {
    // A stored "video" the (fake) player says is 12 s of 640×360; a text after it (8 s): the
    // rotation since midnight starts the video at 10:00:00.
    Content content = *demoContent();
    content.objects_dir = std::filesystem::temp_directory_path() / ("gongkai-hall-video-" + std::to_string(::getpid()));
    const std::string sha(64, 'e');
    std::filesystem::create_directories(content.objects_dir / "ee");
    std::ofstream(content.objects_dir / "ee" / sha) << "a video";
    content.playlists["hall-main"] =
        R"({"items": [{"video": {"name": "宣传片", "href": "att/v/a.mp4", "sha256": ")" + sha +
        R"(", "bytes": 7, "type": "video/mp4"}}, {"text": {"title": "温馨提示", "body": "请保管好随身物品"}, "duration_s": 8}]})";
    setVideoExaminer([](const std::filesystem::path&) { return VideoFileFacts{std::nullopt, 11.2, 640, 360}; });
    HallContext context = demoContext();
    context.content = std::make_shared<const Content>(content);
    RecordedPlays records;
    {
        HallSession session(context);
        session.setRecords(&records);
        const InfoScreenView& view = frameAt(session, kTen);
        REQUIRE(view.card.kind == CardKind::Video);
        CHECK(view.card.video->file == (content.objects_dir / "ee" / sha).string());
        CHECK(view.card.video->muted);
        CHECK_FALSE(view.card.video->max_seconds); // plays to its own end
        CHECK(view.video_width == 640);
        CHECK(frameAt(session, kTen + 11).card.kind == CardKind::Video); // 11.2 s: a 12 s slot
        CHECK(frameAt(session, kTen + 12).card.kind == CardKind::Text);
        CHECK(frameAt(session, kTen + 20).card.kind == CardKind::Video);
        session.endSlot(kTen + 24); // its decoder failed 4 s in
        CHECK(frameAt(session, kTen + 24).card.kind == CardKind::Text);
        session.setCovered(true, kTen + 25);
    }
    setVideoExaminer({});
    std::filesystem::remove_all(content.objects_dir);
    REQUIRE(records.plays.size() == 4);
    CHECK(records.plays[0].ref == "video:att/v/a.mp4");
    CHECK(records.plays[0].duration_s == 12);
    CHECK(records.plays[2].ref == "video:att/v/a.mp4");
    CHECK(records.plays[2].start_s == kTen + 20);
    CHECK(records.plays[2].duration_s == 4);
}
