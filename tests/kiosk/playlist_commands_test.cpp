// Tests for kiosk/playlist_commands: the lines `playlist plan` prints — local time, ref, the
// title the screen shows, why — for scheduled, fallback, urgent and idle slots.
#include "kiosk/cli/playlist_commands.h"

#include <catch2/catch.hpp>

#include <string>

using namespace gk;

namespace {

constexpr int kCst = kChinaUtcOffsetS;
const std::int64_t k0830 = epochFromCivil(2026, 11, 30, 8, 30, 0, kCst);

Content makeContent() {
    Content c;
    c.site.name = "白沙镇便民服务中心";
    Notice notice;
    notice.id = "n-2026-031";
    notice.title = "关于元旦假期便民服务中心\n办公时间的通知";
    c.notices = {notice};
    ServiceGuide guide;
    guide.id = "g-1";
    guide.name = "高龄老人津贴申请";
    c.guides = {guide};
    return c;
}

Playlist playlistFrom(const std::string& json) {
    const PlaylistResult r = parsePlaylist(json, "x.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    return r.playlist;
}

} // namespace

TEST_CASE("plan lines: time, ref, title on one line, reason", "[playlist_commands]") {
    const Content content = makeContent();
    const Playlist playlist = playlistFrom(R"({"items": [{"ref": "notice:n-2026-031"},
        {"text": {"title": "", "body": "请按号排队，\n文明办事。"}}], "fallback": {"ref": "guide:g-1"}})");
    CHECK(planLine(Slot{"notice:n-2026-031", 0, SlotReason::Scheduled, k0830, k0830 + 15}, k0830, playlist, content,
                   kCst) ==
          "2026-11-30 08:30:00  notice:n-2026-031  关于元旦假期便民服务中心 办公时间的通知  scheduled");
    CHECK(planLine(Slot{"text:1", 1, SlotReason::Scheduled, k0830, k0830 + 15}, k0830 + 5, playlist, content, kCst) ==
          "2026-11-30 08:30:05  text:1  请按号排队， 文明办事。  scheduled");
    CHECK(planLine(Slot{"guide:g-1", -1, SlotReason::Fallback, k0830, kNever}, k0830, playlist, content, kCst) ==
          "2026-11-30 08:30:00  guide:g-1  高龄老人津贴申请  fallback");
    CHECK(planLine(Slot{"notice:n-2026-031", -1, SlotReason::Urgent, k0830, kNever}, k0830, playlist, content, kCst)
              .ends_with("  urgent"));
    CHECK(planLine(Slot{"", -1, SlotReason::Idle, k0830, kNever}, k0830, playlist, content, kCst) ==
          "2026-11-30 08:30:00  -  白沙镇便民服务中心  idle");
}

TEST_CASE("a plan is the screen's rotation run ahead", "[playlist_commands]") {
    const Content content = makeContent();
    const Playlist playlist =
        playlistFrom(R"({"items": [{"ref": "notice:n-2026-031", "duration_s": 20}, {"ref": "guide:g-1"}]})");
    Rotation rotation(playlist, content, kCst, k0830);
    const std::vector<Slot> slots = rotation.plan(k0830, k0830 + 3600);
    REQUIRE(slots.size() == 206); // 102 rounds of 35 s, then n-2026-031 at 59:30 and g-1 at 59:50
    CHECK(planLine(slots[1], slots[1].start_s, playlist, content, kCst) ==
          "2026-11-30 08:30:20  guide:g-1  高龄老人津贴申请  scheduled");
}
