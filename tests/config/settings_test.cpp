// Tests for config/settings: defaults, every key read, wrong types and values as errors with
// the exact key path, unknown keys as warnings, syntax errors with line:column, formatting.
#include "config/settings.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>

using namespace gk;

namespace {

const Problem* findProblem(const SettingsResult& r, const std::string& path) {
    for (const Problem& p : r.problems) {
        if (p.path == path) return &p;
    }
    return nullptr;
}

} // namespace

TEST_CASE("an empty object gives every default", "[settings]") {
    const SettingsResult r = parseSettings("{}", "kiosk.json");
    REQUIRE(r.ok());
    CHECK(r.problems.empty());
    const Settings& s = r.settings;
    CHECK(s.portal.empty());
    CHECK(s.screen_group == "hall-main");
    CHECK(s.mode == DeviceMode::Display);
    CHECK(s.sync_interval_s == 300);
    CHECK(s.heartbeat_interval_s == 300);
    CHECK(s.heartbeat_screenshot);
    CHECK(s.device_id.empty());
    CHECK(s.idle_timeout_s == 120);
    CHECK_FALSE(s.elder_default);
    CHECK(s.staff_pin_hash.empty());
    CHECK(s.log_level == LogLevel::Info);
    CHECK(s.utc_offset_s == 8 * 3600);
    CHECK(s.rotation_deg == 0);
    CHECK(s.tls.ca_file.empty());
    CHECK(s.tls.pinned_pubkey.empty());
    CHECK_FALSE(s.tls.allow_insecure_http);
}

TEST_CASE("every key is read", "[settings]") {
    const SettingsResult r = parseSettings(R"({
        "portal": "http://10.0.0.5/feed/",
        "screen_group": "hall-2f",
        "mode": "kiosk",
        "sync_interval_s": 60,
        "heartbeat_interval_s": 120,
        "heartbeat_screenshot": false,
        "device_id": "qingxi-baisha_hall.2f",
        "idle_timeout_s": 90.0,
        "elder_default": true,
        "staff_pin_hash": "pbkdf2-sha256$300000$00112233445566778899aabbccddeeff$0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
        "log_level": "debug",
        "utc_offset": "+07:00",
        "rotation": 270,
        "tls": {"ca_file": "/etc/gongkai/ca.pem", "pinned_pubkey": "sha256//AAAA", "allow_insecure_http": true}
    })",
                                           "kiosk.json");
    INFO(r.formattedProblems());
    REQUIRE(r.ok());
    CHECK(r.problems.empty());
    const Settings& s = r.settings;
    CHECK(s.portal == "http://10.0.0.5/feed/");
    CHECK(s.screen_group == "hall-2f");
    CHECK(s.mode == DeviceMode::Kiosk);
    CHECK(s.sync_interval_s == 60);
    CHECK(s.heartbeat_interval_s == 120);
    CHECK_FALSE(s.heartbeat_screenshot);
    CHECK(s.device_id == "qingxi-baisha_hall.2f");
    CHECK(s.idle_timeout_s == 90);
    CHECK(s.rotation_deg == 270);
    CHECK(s.elder_default);
    CHECK(s.staff_pin_hash == "pbkdf2-sha256$300000$00112233445566778899aabbccddeeff$"
                              "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
    CHECK(s.log_level == LogLevel::Debug);
    CHECK(s.utc_offset_s == 7 * 3600);
    CHECK(s.tls.ca_file == "/etc/gongkai/ca.pem");
    CHECK(s.tls.pinned_pubkey == "sha256//AAAA");
    CHECK(s.tls.allow_insecure_http);
}

TEST_CASE("null means absent", "[settings]") {
    const SettingsResult r = parseSettings(R"({"portal": null, "mode": null, "tls": null})", "kiosk.json");
    CHECK(r.ok());
    CHECK(r.problems.empty());
    CHECK(r.settings.mode == DeviceMode::Display);
}

TEST_CASE("wrong types and values are errors at the exact key, keeping defaults", "[settings]") {
    struct Row {
        const char* json;
        const char* path;
        const char* message;
    };
    const Row rows[] = {
        {R"({"sync_interval_s": "5m"})", "sync_interval_s", R"(must be a whole number ≥ 30, got "5m")"},
        {R"({"sync_interval_s": 5})", "sync_interval_s", "must be a whole number ≥ 30, got 5"},
        {R"({"sync_interval_s": 45.5})", "sync_interval_s", "must be a whole number ≥ 30, got 45.5"},
        {R"({"sync_interval_s": 99999999999})", "sync_interval_s", "must be at most 604800, got 99999999999"},
        {R"({"idle_timeout_s": 3})", "idle_timeout_s", "must be a whole number ≥ 10, got 3"},
        {R"({"heartbeat_interval_s": 10})", "heartbeat_interval_s", "must be a whole number ≥ 30, got 10"},
        {R"({"heartbeat_interval_s": 90000})", "heartbeat_interval_s", "must be at most 86400, got 90000"},
        {R"({"device_id": "hall 2f"})", "device_id",
         R"(must be 1–64 letters, digits, '.', '_' or '-' (not starting with '.'), such as "hall-2f-east", got "hall 2f")"},
        {R"({"device_id": ""})", "device_id",
         R"(must be 1–64 letters, digits, '.', '_' or '-' (not starting with '.'), such as "hall-2f-east", got "")"},
        {R"({"device_id": "../x"})", "device_id",
         R"(must be 1–64 letters, digits, '.', '_' or '-' (not starting with '.'), such as "hall-2f-east", got "../x")"},
        {R"({"device_id": 7})", "device_id", "must be a string, got 7"},
        {R"({"mode": "kisok"})", "mode", R"(must be "display" or "kiosk", got "kisok")"},
        {R"({"mode": 1})", "mode", "must be a string, got 1"},
        {R"({"log_level": "verbose"})", "log_level", R"(must be "error", "warn", "info" or "debug", got "verbose")"},
        {R"({"elder_default": "yes"})", "elder_default", R"(must be true or false, got "yes")"},
        {R"({"heartbeat_screenshot": 1})", "heartbeat_screenshot", R"(must be true or false, got 1)"},
        {R"({"utc_offset": "8"})", "utc_offset", R"(must be an offset such as "+08:00", got "8")"},
        {R"({"utc_offset": 8})", "utc_offset", "must be a string, got 8"},
        {R"({"portal": "ftp://x/"})", "portal", R"(must start with https://, http:// or file://, got "ftp://x/")"},
        {R"({"portal": "http://x/"})", "portal",
         R"(plain http:// is refused unless tls.allow_insecure_http is true, got "http://x/")"},
        {R"({"portal": "https://"})", "portal",
         R"(is not a usable URL (nothing after the scheme, or spaces), got "https://")"},
        {R"({"portal": ["https://x/"]})", "portal", "must be a string, got an array"},
        {R"({"screen_group": "../etc"})", "screen_group",
         R"(must be a name such as "hall-main" (at most 64 bytes; no spaces, slashes or leading dot), got "../etc")"},
        {R"({"tls": true})", "tls", "must be an object, got true"},
        {R"({"tls": {"allow_insecure_http": "true"}})", "tls.allow_insecure_http",
         R"(must be true or false, got "true")"},
        {R"({"tls": {"ca_file": {}}})", "tls.ca_file", "must be a string, got an object"},
        {R"({"rotation": 45})", "rotation", "must be 0, 90, 180 or 270 (degrees clockwise), got 45"},
        {R"({"rotation": -90})", "rotation", "must be 0, 90, 180 or 270 (degrees clockwise), got -90"},
        {R"({"rotation": 360})", "rotation", "must be 0, 90, 180 or 270 (degrees clockwise), got 360"},
        {R"({"rotation": 90.5})", "rotation", "must be 0, 90, 180 or 270 (degrees clockwise), got 90.5"},
        {R"({"rotation": "90"})", "rotation", R"(must be 0, 90, 180 or 270 (degrees clockwise), got "90")"},
    };
    for (const Row& row : rows) {
        INFO(row.json);
        const SettingsResult r = parseSettings(row.json, "kiosk.json");
        CHECK_FALSE(r.ok());
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].path == row.path);
        CHECK(r.problems[0].message == row.message);
        CHECK_FALSE(r.problems[0].warning);
    }
    const SettingsResult r = parseSettings(R"({"sync_interval_s": "5m", "mode": "kiosk"})", "kiosk.json");
    CHECK(r.settings.sync_interval_s == 300); // the bad value keeps its default
    CHECK(r.settings.mode == DeviceMode::Kiosk);
}

TEST_CASE("https and file portals, Chinese screen groups", "[settings]") {
    CHECK(parseSettings(R"({"portal": "https://www.example.gov.cn/kiosk/"})", "k").ok());
    CHECK(parseSettings(R"({"portal": "file:///media/usb/feed/"})", "k").ok());
    CHECK(parseSettings(R"({"portal": ""})", "k").settings.portal.empty());
    const SettingsResult r = parseSettings(R"({"screen_group": "大厅主屏"})", "k");
    CHECK(r.ok());
    CHECK(r.settings.screen_group == "大厅主屏");
}

TEST_CASE("attachments: the PDF download limits, defaults 50 MiB a file and 1024 MiB a publish", "[settings]") {
    const SettingsResult defaults = parseSettings("{}", "kiosk.json");
    CHECK(defaults.settings.attachments.max_file_mib == 50);
    CHECK(defaults.settings.attachments.max_total_mib == 1024);

    const SettingsResult r =
        parseSettings(R"({"attachments": {"max_file_mib": 20, "max_total_mib": 4096.0}})", "kiosk.json");
    INFO(r.formattedProblems());
    CHECK(r.problems.empty());
    CHECK(r.settings.attachments.max_file_mib == 20);
    CHECK(r.settings.attachments.max_total_mib == 4096);

    struct Row {
        const char* json;
        const char* path;
        const char* message;
    };
    const Row rows[] = {
        {R"({"attachments": 50})", "attachments", "must be an object, got 50"},
        {R"({"attachments": {"max_file_mib": 0}})", "attachments.max_file_mib", "must be a whole number ≥ 1, got 0"},
        {R"({"attachments": {"max_file_mib": "50"}})", "attachments.max_file_mib",
         R"(must be a whole number ≥ 1, got "50")"},
        {R"({"attachments": {"max_file_mib": 2.5}})", "attachments.max_file_mib",
         "must be a whole number ≥ 1, got 2.5"},
        {R"({"attachments": {"max_file_mib": 2048}})", "attachments.max_file_mib", "must be at most 1024, got 2048"},
        {R"({"attachments": {"max_total_mib": -1}})", "attachments.max_total_mib",
         "must be a whole number ≥ 1, got -1"},
        {R"({"attachments": {"max_total_mib": 100000}})", "attachments.max_total_mib",
         "must be at most 65536, got 100000"},
    };
    for (const Row& row : rows) {
        INFO(row.json);
        const SettingsResult bad = parseSettings(row.json, "kiosk.json");
        CHECK_FALSE(bad.ok());
        REQUIRE(bad.problems.size() == 1);
        CHECK(bad.problems[0].path == row.path);
        CHECK(bad.problems[0].message == row.message);
        CHECK(bad.settings.attachments.max_file_mib == 50); // the default is kept
        CHECK(bad.settings.attachments.max_total_mib == 1024);
    }
    const SettingsResult typo = parseSettings(R"({"attachments": {"max_files_mib": 10}})", "kiosk.json");
    CHECK(typo.ok());
    REQUIRE(typo.problems.size() == 1);
    CHECK(typo.problems[0].warning);
    CHECK(typo.problems[0].path == "attachments.max_files_mib");
    CHECK(typo.settings.attachments.max_file_mib == 50);
}

TEST_CASE("unknown keys are warnings and keep the file usable", "[settings]") {
    const SettingsResult r = parseSettings(
        R"({"sync_intervall_s": 60, "colour": "red", "tls": {"ca": "x"}, "mode": "kiosk"})", "kiosk.json");
    CHECK(r.ok());
    REQUIRE(r.problems.size() == 3);
    for (const Problem& p : r.problems) CHECK(p.warning);
    const Problem* typo = findProblem(r, "sync_intervall_s");
    REQUIRE(typo);
    CHECK(typo->message == R"(unknown key, ignored (did you mean "sync_interval_s"?))");
    const Problem* colour = findProblem(r, "colour");
    REQUIRE(colour);
    CHECK(colour->message == "unknown key, ignored");
    CHECK(findProblem(r, "tls.ca"));
    CHECK(r.settings.mode == DeviceMode::Kiosk);
}

TEST_CASE("syntax errors report line and column", "[settings]") {
    const SettingsResult trailing = parseSettings("{\n  \"mode\": \"kiosk\",\n}", "kiosk.json");
    CHECK_FALSE(trailing.ok());
    REQUIRE(trailing.problems.size() == 1);
    CHECK(trailing.problems[0].path.empty());
    CHECK(trailing.problems[0].message == "line 3, column 1: syntax error: unexpected '}'; expected string literal");

    // Columns count characters, not bytes: "名字" is 2 columns, 6 bytes.
    const SettingsResult chinese = parseSettings("{\"名字\": x}", "kiosk.json");
    REQUIRE(chinese.problems.size() == 1);
    CHECK(chinese.problems[0].message == "line 1, column 8: syntax error: invalid literal");

    const SettingsResult truncated = parseSettings("{\"mode\":", "kiosk.json");
    REQUIRE(truncated.problems.size() == 1);
    CHECK(truncated.problems[0].message.rfind("line 1, column 9: syntax error: unexpected end of input", 0) == 0);

    const SettingsResult empty = parseSettings("  \n", "kiosk.json");
    REQUIRE(empty.problems.size() == 1);
    CHECK(empty.problems[0].message == "file is empty; expected a JSON object");

    const SettingsResult array = parseSettings("[1]", "kiosk.json");
    REQUIRE(array.problems.size() == 1);
    CHECK(array.problems[0].message == "must be a JSON object ({ … }), got an array");
}

TEST_CASE("a UTF-8 byte order mark is accepted", "[settings]") {
    const SettingsResult r = parseSettings("\xEF\xBB\xBF{\"mode\": \"kiosk\"}", "kiosk.json");
    CHECK(r.ok());
    CHECK(r.settings.mode == DeviceMode::Kiosk);
}

TEST_CASE("problems format as FILE: key: message, errors first", "[settings]") {
    const SettingsResult r = parseSettings(R"({"colour": 1, "sync_interval_s": "5m"})", "kiosk.json");
    CHECK(r.formattedProblems() == "kiosk.json: sync_interval_s: must be a whole number ≥ 30, got \"5m\"\n"
                                   "kiosk.json: colour: unknown key, ignored\n");
    const SettingsResult syntax = parseSettings("{", "kiosk.json");
    CHECK(syntax.formattedProblems().rfind("kiosk.json: line 1, column 2: syntax error: ", 0) == 0);
    CHECK(countErrors(r.problems) == 1);
    CHECK(countWarnings(r.problems) == 1);
}

TEST_CASE("names of modes and levels", "[settings]") {
    CHECK(deviceModeName(DeviceMode::Kiosk) == "kiosk");
    CHECK(deviceModeName(DeviceMode::Display) == "display");
    CHECK(logLevelName(LogLevel::Warn) == "warn");
    CHECK(logLevelName(LogLevel::Error) == "error");
}

TEST_CASE("playlist_dir: an absolute directory, else an error keeping the default", "[settings]") {
    CHECK(parseSettings("{}", "k").settings.playlist_dir.empty()); // <data dir>/playlists
    const SettingsResult r = parseSettings(R"({"playlist_dir": "/srv/gongkai/播放列表"})", "kiosk.json");
    INFO(r.formattedProblems());
    REQUIRE(r.ok());
    CHECK(r.problems.empty());
    CHECK(r.settings.playlist_dir == "/srv/gongkai/播放列表");
    const char* const rule = R"(must be an absolute directory path such as "/var/lib/gongkai/playlists", got )";
    for (const auto& [json, got] :
         {std::pair<std::string, std::string>{R"({"playlist_dir": "playlists"})", R"("playlists")"},
          {R"({"playlist_dir": ""})", R"("")"},
          {R"({"playlist_dir": "/tmp/a\nb"})", R"("/tmp/a\nb")"}}) {
        INFO(json);
        const SettingsResult bad = parseSettings(json, "kiosk.json");
        REQUIRE(bad.problems.size() == 1);
        CHECK_FALSE(bad.ok());
        CHECK(bad.problems[0].path == "playlist_dir");
        CHECK(bad.problems[0].message == rule + got);
        CHECK(bad.settings.playlist_dir.empty());
    }
    const SettingsResult wrong_type = parseSettings(R"({"playlist_dir": 5})", "kiosk.json");
    REQUIRE(wrong_type.problems.size() == 1);
    CHECK(wrong_type.problems[0].message == "must be a string, got 5");
}

TEST_CASE("staff_pin_hash: empty, or pbkdf2-sha256$iterations$salt$hash — an error names the format", "[settings]") {
    const std::string salt = "00112233445566778899aabbccddeeff";
    const std::string hash(64, 'a');
    const std::string good = "pbkdf2-sha256$300000$" + salt + "$" + hash;
    std::string error;
    const std::optional<PinHashFields> fields = parsePinHash(good, error);
    REQUIRE(fields);
    CHECK(fields->iterations == 300000);
    CHECK(fields->salt_hex == salt);
    CHECK(fields->hash_hex == hash);
    CHECK(parseSettings(R"({"staff_pin_hash": ""})", "k").ok());
    for (const auto& [text, why] : {
             std::pair<std::string, std::string>{"sha256:abcd", "it has 1 $-separated fields, not 4"},
             {"pbkdf2-sha1$300000$" + salt + "$" + hash, "the scheme is not pbkdf2-sha256"},
             {"pbkdf2-sha256$3e5$" + salt + "$" + hash, "the iterations are not a whole number"},
             {"pbkdf2-sha256$0300000$" + salt + "$" + hash, "the iterations are not a whole number"},
             {"pbkdf2-sha256$1000$" + salt + "$" + hash, "the iterations must be 100000–2000000"},
             {"pbkdf2-sha256$99999999$" + salt + "$" + hash, "the iterations must be 100000–2000000"},
             {"pbkdf2-sha256$300000$abcd$" + hash, "the salt is not 32–128 hex digits"},
             {"pbkdf2-sha256$300000$" + salt + "g$" + hash, "the salt is not 32–128 hex digits"},
             {"pbkdf2-sha256$300000$" + salt + "$" + hash + "00", "the hash is not 64 hex digits"},
             {"pbkdf2-sha256$300000$" + salt + "$" + hash + "$", "it has 5 $-separated fields, not 4"},
         }) {
        INFO(text);
        CHECK_FALSE(parsePinHash(text, error));
        CHECK(error == why);
        const SettingsResult r = parseSettings(R"({"staff_pin_hash": ")" + text + R"("})", "kiosk.json");
        CHECK_FALSE(r.ok());
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].path == "staff_pin_hash");
        CHECK(r.problems[0].message ==
              R"(must be "pbkdf2-sha256$<iterations>$<salt: 32–128 hex digits>$<hash: 64 hex digits>" as printed by )"
              "`gongkai-kiosk staff pin-hash` (or empty for no staff panel): " +
                  why);
        CHECK(r.settings.staff_pin_hash.empty());
    }
}

TEST_CASE("a key given twice in one object is an error at its path, wherever it is", "[settings]") {
    const SettingsResult r = parseSettings(
        R"({"mode": "kiosk", "tls": {"ca_file": "/a", "ca_file": "/b"}, "mode": "display"})", "kiosk.json");
    CHECK_FALSE(r.ok());
    std::vector<std::string> paths;
    for (const Problem& p : r.problems)
        if (p.message == "appears twice in the same object; say it once (the last one would win)")
            paths.push_back(p.path);
    CHECK(paths == std::vector<std::string>{"tls.ca_file", "mode"});
    // The same key in different objects is no duplicate.
    CHECK(parseSettings(R"({"tls": {"ca_file": "/a"}, "ca_file": 1})", "kiosk.json").problems.size() ==
          1); // unknown key
}

TEST_CASE("video: the video download caps, defaults 500 MiB a file and 4096 MiB a publish", "[settings]") {
    const SettingsResult defaults = parseSettings("{}", "kiosk.json");
    CHECK(defaults.settings.video.max_file_mib == 500);
    CHECK(defaults.settings.video.max_total_mib == 4096);

    const SettingsResult r = parseSettings(R"({"video": {"max_file_mib": 800, "max_total_mib": 10240}})", "kiosk.json");
    INFO(r.formattedProblems());
    CHECK(r.problems.empty());
    CHECK(r.settings.video.max_file_mib == 800);
    CHECK(r.settings.video.max_total_mib == 10240);
    CHECK(r.settings.attachments.max_file_mib == 50); // the PDF caps are their own

    struct Row {
        const char* json;
        const char* path;
        const char* message;
    };
    const Row rows[] = {
        {R"({"video": true})", "video", "must be an object, got true"},
        {R"({"video": {"max_file_mib": 0}})", "video.max_file_mib", "must be a whole number ≥ 1, got 0"},
        {R"({"video": {"max_file_mib": 20000}})", "video.max_file_mib", "must be at most 16384, got 20000"},
        {R"({"video": {"max_total_mib": "4096"}})", "video.max_total_mib", R"(must be a whole number ≥ 1, got "4096")"},
        {R"({"video": {"max_total_mib": 70000}})", "video.max_total_mib", "must be at most 65536, got 70000"},
    };
    for (const Row& row : rows) {
        INFO(row.json);
        const SettingsResult bad = parseSettings(row.json, "kiosk.json");
        CHECK_FALSE(bad.ok());
        REQUIRE(bad.problems.size() == 1);
        CHECK(bad.problems[0].path == row.path);
        CHECK(bad.problems[0].message == row.message);
        CHECK(bad.settings.video.max_file_mib == 500); // the default is kept
        CHECK(bad.settings.video.max_total_mib == 4096);
    }
    const SettingsResult typo = parseSettings(R"({"video": {"max_mib": 10}})", "kiosk.json");
    CHECK(typo.ok());
    REQUIRE(typo.problems.size() == 1);
    CHECK(typo.problems[0].path == "video.max_mib");
    CHECK(typo.problems[0].warning);
}
