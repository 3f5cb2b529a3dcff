// Tests for kiosk/staff_settings: the screen's override file (mode, elder-mode default, urgent
// notices raised or dismissed here) on real files: written atomically, read back, applied over the
// config, pruned, audited; raised notices become urgent in the content the screen schedules.
#include "kiosk/services/records.h"
#include "kiosk/staff/staff_settings.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>

using namespace gk;
namespace fs = std::filesystem;

namespace {

const std::int64_t kNow = epochFromCivil(2026, 11, 28, 10, 0, 0, kChinaUtcOffsetS);

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gk-staffset-XXXXXX").string();
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
    const std::pair<const char*, NoticeLevel> notices[] = {
        {"n-normal", NoticeLevel::Normal}, {"n-urgent", NoticeLevel::Urgent}, {"n-old", NoticeLevel::Normal}};
    for (const auto& [id, level] : notices) {
        Notice n;
        n.id = id;
        n.title = std::string("通知 ") + id;
        n.level = level;
        c.notices.push_back(n);
    }
    c.notices[2].valid_until = kNow - 60;
    return c;
}

StaffOverrides readBack(const fs::path& file) {
    StaffOverrides out;
    std::string error;
    const bool ok = readStaffOverrides(file, out, error);
    INFO(error);
    REQUIRE(ok);
    return out;
}

} // namespace

TEST_CASE("no file: no overrides — mode and elder default override the config", "[staff_settings]") {
    TempDir dir;
    const fs::path file = staffSettingsPathIn(dir.path / "data");
    CHECK_FALSE(readBack(file).mode);
    std::string error;
    const std::unique_ptr<Records> records = Records::open(recordsPathIn(dir.path), error);
    REQUIRE(records);
    StaffSettingsEditor editor(file, records.get());
    StaffEdit edit = editor.setMode(DeviceMode::Kiosk, kNow);
    CHECK(edit.ok);
    CHECK(edit.message == "mode set to kiosk (from the next start of the screen)");
    CHECK(editor.setElderDefault(true, kNow).ok);
    CHECK_FALSE(editor.setElderDefault(true, kNow).changed);
    const StaffOverrides overrides = readBack(file);
    CHECK(overrides.mode == DeviceMode::Kiosk);
    CHECK(overrides.elder_default == true);
    Settings settings;
    applyStaffOverrides(overrides, settings);
    CHECK(settings.mode == DeviceMode::Kiosk);
    CHECK(settings.elder_default);
    Settings untouched;
    untouched.elder_default = true;
    applyStaffOverrides(StaffOverrides{}, untouched);
    CHECK(untouched.mode == DeviceMode::Display);
    CHECK(untouched.elder_default);
    CHECK(records->auditCount() == 2);
}

TEST_CASE("a broken override file is an error naming the key — the next change replaces it", "[staff_settings]") {
    TempDir dir;
    const fs::path file = staffSettingsPathIn(dir.path);
    std::ofstream(file) << R"({"mode": "tv"})";
    StaffOverrides out;
    std::string error;
    CHECK_FALSE(readStaffOverrides(file, out, error));
    CHECK(error == file.string() + ": mode: must be \"display\" or \"kiosk\", got \"tv\"");
    std::ofstream(file, std::ios::trunc) << R"({"dismissed_urgent": [1]})";
    CHECK_FALSE(readStaffOverrides(file, out, error));
    CHECK(error == file.string() + ": dismissed_urgent: must be an array of notice ids");
    std::ofstream(file, std::ios::trunc) << "{";
    CHECK_FALSE(readStaffOverrides(file, out, error));
    CHECK(error == file.string() + ": not valid JSON");
    StaffSettingsEditor editor(file, nullptr);
    const StaffEdit edit = editor.setElderDefault(false, kNow);
    CHECK(edit.ok);
    CHECK(edit.message.find("replaced an unreadable staff-settings.json") != std::string::npos);
    CHECK(edit.message.find("(not in the audit log: it is not open)") != std::string::npos);
    CHECK(readBack(file).elder_default == false);
}

TEST_CASE("raise and dismiss urgent notices on this screen", "[staff_settings]") {
    TempDir dir;
    const fs::path file = staffSettingsPathIn(dir.path);
    const Content content = makeContent();
    std::string error;
    const std::unique_ptr<Records> records = Records::open(recordsPathIn(dir.path), error);
    StaffSettingsEditor editor(file, records.get());

    // An urgent notice from the publish: dismissed here, then brought back.
    StaffEdit edit = editor.dismissUrgent(content, "n-urgent", kNow);
    CHECK(edit.message == "notice:n-urgent (通知 n-urgent) dismissed on this screen");
    CHECK(readBack(file).dismissed_urgent == std::vector<std::string>{"n-urgent"});
    CHECK_FALSE(editor.dismissUrgent(content, "n-urgent", kNow).ok); // no longer urgent here
    CHECK(editor.raiseUrgent(content, "n-urgent", kNow).ok);
    CHECK(readBack(file).dismissed_urgent.empty());
    CHECK(readBack(file).raised_urgent.empty()); // urgent by the publish already
    CHECK_FALSE(editor.raiseUrgent(content, "n-urgent", kNow).changed);

    // A normal notice raised here: urgent in the content the screen schedules.
    REQUIRE(editor.raiseUrgent(content, "n-normal", kNow).ok);
    const StaffOverrides overrides = readBack(file);
    CHECK(overrides.raised_urgent == std::vector<std::string>{"n-normal"});
    const auto shared = std::make_shared<const Content>(content);
    const std::shared_ptr<const Content> shown = withRaisedUrgent(shared, overrides);
    CHECK(shown != shared);
    CHECK(shown->findNotice("n-normal")->level == NoticeLevel::Urgent);
    CHECK(shared->findNotice("n-normal")->level == NoticeLevel::Normal);
    CHECK(withRaisedUrgent(shared, StaffOverrides{}) == shared);
    REQUIRE(editor.dismissUrgent(content, "n-normal", kNow).ok);
    CHECK(readBack(file).raised_urgent.empty());

    // Refused: unknown, expired, not urgent.
    CHECK(editor.raiseUrgent(content, "n-nope", kNow).message == "notice:n-nope is not in the current publish");
    CHECK(editor.raiseUrgent(content, "n-old", kNow).message ==
          "notice:n-old (通知 n-old) has expired (valid_until), so it cannot interrupt");
    CHECK(editor.dismissUrgent(content, "n-normal", kNow).message ==
          "notice:n-normal (通知 n-normal) is not urgent on this screen");
    CHECK(records->auditCount() == 4);
}

TEST_CASE("ids of notices gone from the publish are dropped at the next write", "[staff_settings]") {
    TempDir dir;
    const fs::path file = staffSettingsPathIn(dir.path);
    std::ofstream(file) << R"({"mode": "display", "dismissed_urgent": ["gone", "n-old"], "raised_urgent": ["gone2"]})";
    StaffSettingsEditor editor(file, nullptr);
    REQUIRE(editor.dismissUrgent(makeContent(), "n-urgent", kNow).ok);
    const StaffOverrides overrides = readBack(file);
    CHECK(overrides.dismissed_urgent == std::vector<std::string>{"n-urgent"});
    CHECK(overrides.raised_urgent.empty());
    CHECK(overrides.mode == DeviceMode::Display); // kept
}
