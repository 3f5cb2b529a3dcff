// Tests for kiosk/staff_panel: the way in (the corner long-press, the PIN, the lockout, nothing
// without a PIN), what each panel action writes (the local playlist, staff-settings.json), what it
// asks of the screen (sync now, switch mode, exit) and the audit trail, on real files and a real
// SQLite audit log. No window: the panel's actions are fed in as the draw functions report them.
// The panel as installed speaks Chinese (the unit's LANG=zh_CN.UTF-8): the tests that read its
// words read them in zh_CN (test::MessagesIn); one test reads them in English.
#include "kiosk/services/records.h"
#include "kiosk/staff/staff_panel.h"

#include "config/playlist.h"
#include "tests/messages_in.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

using namespace gk;
namespace fs = std::filesystem;

namespace {

const std::int64_t kNow = epochFromCivil(2026, 11, 28, 10, 0, 0, kChinaUtcOffsetS);
constexpr const char* kPin = "24680";

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gk-panel-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

Content makeContent() {
    Content c;
    c.generation = "g1";
    const std::pair<const char*, NoticeLevel> notices[] = {{"n-normal", NoticeLevel::Normal},
                                                           {"n-urgent", NoticeLevel::Urgent}};
    for (const auto& [id, level] : notices) {
        Notice n;
        n.id = id;
        n.title = std::string("通知 ") + id;
        n.level = level;
        c.notices.push_back(n);
    }
    c.playlists["hall-main"] = R"({"name": "大厅", "default_duration_s": 15, "items": [
        {"ref": "notice:n-normal"}, {"ref": "notice:n-urgent", "duration_s": 20}]})";
    return c;
}

struct Fixture {
    TempDir dir;
    Content content = makeContent();
    std::unique_ptr<Records> records;
    StaffPanelContext context;

    explicit Fixture(std::string pin_hash = hashPin(kPin, kMinPinHashIterations)) {
        std::string error;
        records = Records::open(recordsPathIn(dir.path), error);
        REQUIRE(records);
        context = StaffPanelContext{dir.path,
                                    dir.path / "playlists" / "hall-main.json",
                                    "hall-main",
                                    pin_hash,
                                    DeviceMode::Display,
                                    false,
                                    kChinaUtcOffsetS,
                                    records.get()};
    }
    StaffRequest act(StaffPanel& panel, StaffActionKind kind, std::size_t index = 0, int value = 0) {
        return panel.apply(StaffAction{kind, index, value}, content, kNow);
    }
    void enter(StaffPanel& panel, std::string_view pin) {
        for (const char digit : pin) act(panel, StaffActionKind::PinDigit, 0, digit - '0');
        act(panel, StaffActionKind::PinSubmit);
    }
    StaffPanel openPanel() {
        StaffPanel panel(context, 1920, 1080);
        panel.openPinPad(kNow);
        enter(panel, kPin);
        REQUIRE(panel.phase() == StaffPanel::Phase::Open);
        return panel;
    }
};

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

// "action" per audit row, oldest first.
std::vector<std::string> auditActions(const fs::path& db) {
    sqlite3* handle = nullptr;
    REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    REQUIRE(sqlite3_prepare_v2(handle, "SELECT action, detail FROM audit ORDER BY id", -1, &stmt, nullptr) ==
            SQLITE_OK);
    std::vector<std::string> rows;
    while (sqlite3_step(stmt) == SQLITE_ROW) {
        rows.emplace_back(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)));
        // The PIN itself never reaches the log.
        CHECK(std::string(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 1))).find(kPin) == std::string::npos);
    }
    sqlite3_finalize(stmt);
    sqlite3_close(handle);
    return rows;
}

} // namespace

TEST_CASE("a 5 s press in the top-left corner opens the PIN pad — elsewhere or shorter does not", "[staff_panel]") {
    const test::MessagesIn zh("zh_CN.UTF-8");
    REQUIRE(zh.ok());
    Fixture f;
    StaffPanel panel(f.context, 1920, 1080);
    CHECK_FALSE(panel.press(900, 500, 0, kNow)); // the middle of the screen
    CHECK_FALSE(panel.poll(6000, kNow));
    panel.release(6000, kNow);
    CHECK_FALSE(panel.press(20, 20, 10000, kNow));
    CHECK_FALSE(panel.poll(14000, kNow));
    panel.release(14500, kNow); // lifted early
    CHECK_FALSE(panel.active());
    CHECK_FALSE(panel.press(20, 20, 20000, kNow));
    REQUIRE(panel.gestureFiresAt() == 25000);
    CHECK(panel.poll(25000, kNow));
    CHECK(panel.phase() == StaffPanel::Phase::Pin);
    CHECK(panel.pinView(kNow).prompt == "请输入工作人员密码");
    CHECK_FALSE(panel.closeIfIdle(kNow + 1)); // opened at wall time kNow, not at the monotonic 25 s
    // The finger lifts on the pad; closed again, the gesture works a second time.
    panel.apply({StaffActionKind::Close}, f.content, kNow);
    CHECK_FALSE(panel.press(20, 20, 30000, kNow));
    CHECK(panel.poll(35000, kNow));
}

TEST_CASE("the right PIN opens the panel — a wrong one says how many tries are left", "[staff_panel]") {
    const test::MessagesIn zh("zh_CN.UTF-8");
    REQUIRE(zh.ok());
    Fixture f;
    StaffPanel panel(f.context, 1920, 1080);
    panel.openPinPad(kNow);
    f.enter(panel, "1111");
    CHECK(panel.phase() == StaffPanel::Phase::Pin);
    const StaffPinView wrong = panel.pinView(kNow);
    CHECK(wrong.prompt == "密码错误，还可尝试 4 次");
    CHECK(wrong.prompt_is_error);
    CHECK(wrong.digits_entered == 0);
    f.act(panel, StaffActionKind::PinDigit, 0, 2);
    f.act(panel, StaffActionKind::PinDigit, 0, 9);
    f.act(panel, StaffActionKind::PinErase);
    CHECK(panel.pinView(kNow).digits_entered == 1);
    f.act(panel, StaffActionKind::PinErase);
    f.enter(panel, kPin);
    CHECK(panel.phase() == StaffPanel::Phase::Open);
    CHECK(auditActions(recordsPathIn(f.dir.path)) ==
          std::vector<std::string>{"panel.pin-pad", "panel.pin-refused", "panel.open"});
}

TEST_CASE("five wrong PINs lock the pad for 5 minutes, even against the right PIN and a restart", "[staff_panel]") {
    const test::MessagesIn zh("zh_CN.UTF-8");
    REQUIRE(zh.ok());
    Fixture f;
    {
        StaffPanel panel(f.context, 1920, 1080);
        panel.openPinPad(kNow);
        for (int i = 0; i < 5; ++i) f.enter(panel, "0000");
        const StaffPinView locked = panel.pinView(kNow);
        CHECK_FALSE(locked.can_enter);
        CHECK(locked.prompt == "密码错误次数过多，已锁定。请 5 分 0 秒后再试");
    }
    StaffPanel restarted(f.context, 1920, 1080);
    restarted.openPinPad(kNow + 10);
    f.enter(restarted, kPin);
    CHECK(restarted.phase() == StaffPanel::Phase::Pin);
    CHECK(restarted.pinView(kNow + 10).prompt == "密码错误次数过多，已锁定。请 4 分 50 秒后再试");
}

TEST_CASE("without a staff_pin_hash the pad says so and nothing opens the panel", "[staff_panel]") {
    Fixture f("");
    StaffPanel panel(f.context, 1920, 1080);
    panel.openPinPad(kNow);
    const StaffPinView view = panel.pinView(kNow);
    CHECK_FALSE(view.can_enter);
    CHECK(view.prompt.find("staff_pin_hash") != std::string::npos);
    f.enter(panel, kPin);
    CHECK(panel.phase() == StaffPanel::Phase::Pin);
    f.act(panel, StaffActionKind::Close);
    CHECK_FALSE(panel.active());
}

TEST_CASE("playlist actions write the local playlist the screen reads", "[staff_panel]") {
    const test::MessagesIn zh("zh_CN.UTF-8");
    REQUIRE(zh.ok());
    Fixture f;
    StaffPanel panel = f.openPanel();
    f.act(panel, StaffActionKind::ShowSection, 0, static_cast<int>(StaffSection::Playlist));
    StaffPanelView view = panel.panelView(f.content, {}, kNow);
    REQUIRE(view.items.size() == 2);
    CHECK(view.playlist_source.rfind("门户下发", 0) == 0);
    CHECK(view.items[1].kind == "通知公告");

    CHECK(f.act(panel, StaffActionKind::ToggleItem, 0).playlist_changed);
    CHECK(f.act(panel, StaffActionKind::AdjustItem, 1, 5).playlist_changed);
    CHECK(f.act(panel, StaffActionKind::MoveItem, 1, -1).playlist_changed);
    const PlaylistResult file = parsePlaylist(readText(f.context.local_playlist), "hall-main.json");
    REQUIRE(file.usable());
    // n-urgent moved first and runs 25 s; n-normal, second in the file, is disabled: never scheduled.
    REQUIRE(file.playlist.items.size() == 1);
    CHECK(file.playlist.items[0].ref()->str() == "notice:n-urgent");
    CHECK(file.playlist.items[0].duration_s == 25);
    CHECK(file.playlist.disabled_items == 1);
    CHECK(readText(f.context.local_playlist).find("\"enabled\": false") != std::string::npos);

    view = panel.panelView(f.content, {}, kNow);
    CHECK(view.playlist_source.rfind("本机播放列表", 0) == 0);
    CHECK(view.message == "已上移 第 2 项：通知 n-urgent");
    // Moving the first item up is refused with a message, and nothing is written.
    const std::string before = readText(f.context.local_playlist);
    CHECK_FALSE(f.act(panel, StaffActionKind::MoveItem, 0, -1).playlist_changed);
    CHECK(panel.panelView(f.content, {}, kNow).message_is_error);
    // The editor's reason is in the panel's language too, not English inside Chinese.
    CHECK(panel.panelView(f.content, {}, kNow).message ==
          "未能保存：items[0] notice:n-urgent (通知 n-urgent) 无法上移：已经是第一项");
    CHECK(readText(f.context.local_playlist) == before);
}

TEST_CASE("under an English locale the panel speaks English, plurals included", "[staff_panel]") {
    Fixture f;
    StaffPanel panel(f.context, 1920, 1080);
    panel.openPinPad(kNow);
    CHECK(panel.pinView(kNow).prompt == "Enter the staff PIN");
    f.enter(panel, "1111");
    CHECK(panel.pinView(kNow).prompt == "Wrong PIN, 4 tries left");
    for (int i = 0; i < 3; ++i) f.enter(panel, "1111");
    CHECK(panel.pinView(kNow).prompt == "Wrong PIN, 1 try left");
    f.enter(panel, kPin);
    REQUIRE(panel.phase() == StaffPanel::Phase::Open);
    f.act(panel, StaffActionKind::ShowSection, 0, static_cast<int>(StaffSection::Playlist));
    const StaffPanelView view = panel.panelView(f.content, {}, kNow);
    CHECK(view.heading.rfind("Staff panel  screen group ", 0) == 0);
    CHECK(view.sync_rows.at(0).first == "Portal");
    REQUIRE(view.items.size() == 2);
    CHECK(view.items[1].kind == "notice");
    CHECK(view.playlist_source.rfind("The portal's playlist", 0) == 0);
    CHECK_FALSE(f.act(panel, StaffActionKind::MoveItem, 0, -1).playlist_changed);
    const std::string message = panel.panelView(f.content, {}, kNow).message;
    CHECK(message.rfind("Not saved: items[0] ", 0) == 0);
    CHECK(message.ends_with(" cannot move up: it is already first"));
}

TEST_CASE("raising and dismissing a notice hands the screen the new overrides", "[staff_panel]") {
    const test::MessagesIn zh("zh_CN.UTF-8");
    REQUIRE(zh.ok());
    Fixture f;
    StaffPanel panel = f.openPanel();
    f.act(panel, StaffActionKind::ShowSection, 0, static_cast<int>(StaffSection::Urgent));
    StaffPanelView view = panel.panelView(f.content, {}, kNow);
    REQUIRE(view.notices.size() == 2);
    CHECK(view.notices[0].title == "通知 n-urgent"); // urgent first
    CHECK(view.notices[0].interrupting);
    CHECK_FALSE(view.notices[1].interrupting);

    const StaffRequest raised = f.act(panel, StaffActionKind::RaiseUrgent, 1);
    REQUIRE(raised.overrides);
    CHECK(raised.overrides->raised_urgent == std::vector<std::string>{"n-normal"});
    const StaffRequest dismissed = f.act(panel, StaffActionKind::DismissUrgent, 0);
    REQUIRE(dismissed.overrides);
    CHECK(dismissed.overrides->dismissed_urgent == std::vector<std::string>{"n-urgent"});
    view = panel.panelView(f.content, {}, kNow);
    CHECK_FALSE(view.notices[0].interrupting);
    CHECK(view.notices[0].state == "门户发布为紧急，本屏已取消插播");
    CHECK(view.notices[1].interrupting);
}

TEST_CASE("sync now, the mode switch and exit are requests to the screen", "[staff_panel]") {
    Fixture f;
    StaffPanel panel = f.openPanel();
    CHECK(f.act(panel, StaffActionKind::SyncNow).sync_now);
    CHECK(panel.panelView(f.content, {}, kNow).sync_requested);
    panel.syncReported();
    CHECK_FALSE(panel.panelView(f.content, {}, kNow).sync_requested);

    CHECK_FALSE(f.act(panel, StaffActionKind::SetKioskMode, 0, 0).switch_to); // already display
    const StaffRequest to_kiosk = f.act(panel, StaffActionKind::SetKioskMode, 0, 1);
    REQUIRE(to_kiosk.switch_to);
    CHECK(*to_kiosk.switch_to == DeviceMode::Kiosk);
    StaffOverrides saved;
    std::string error;
    REQUIRE(readStaffOverrides(staffSettingsPathIn(f.dir.path), saved, error));
    CHECK(saved.mode == DeviceMode::Kiosk);

    CHECK(f.act(panel, StaffActionKind::SetElderDefault, 0, 1).overrides->elder_default == true);
    CHECK_FALSE(f.act(panel, StaffActionKind::Exit).exit); // the first press asks again
    CHECK(panel.panelView(f.content, {}, kNow).confirm_exit);
    CHECK(f.act(panel, StaffActionKind::Exit).exit);
    CHECK_FALSE(panel.active());
    const std::vector<std::string> actions = auditActions(recordsPathIn(f.dir.path));
    CHECK(actions.back() == "program.exit");
    CHECK(std::count(actions.begin(), actions.end(), "sync.now") == 1);
}

TEST_CASE("a forgotten panel closes itself after two minutes without a touch", "[staff_panel]") {
    Fixture f;
    StaffPanel panel = f.openPanel();
    CHECK_FALSE(panel.closeIfIdle(kNow + StaffPanel::kIdleCloseS - 1));
    f.act(panel, StaffActionKind::ShowSection, 0, 1); // at kNow: the countdown starts again
    CHECK(panel.closeIfIdle(kNow + StaffPanel::kIdleCloseS));
    CHECK_FALSE(panel.active());
}
