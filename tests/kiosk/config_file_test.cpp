// kiosk/config_file: the config on real files in a temporary directory — the last good copy is
// kept when the file is good, used when it is bad (newest valid copy first), the defaults when
// there never was one; the TLS files an installer gets wrong.
#include "kiosk/services/config_file.h"

#include "sync/store.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

class TempDir {
public:
    TempDir() {
        char dir_template[] = "/tmp/gk-config-XXXXXX";
        m_path = mkdtemp(dir_template);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

void writeText(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

std::string readText(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

const std::string kGood = R"({"portal": "https://gk.example.gov.cn/feed/", "screen_group": "hall-b", "mode": "kiosk"})";
const std::string kOtherGood = R"({"portal": "https://gk.example.gov.cn/feed/", "screen_group": "hall-c"})";
const std::string kBad = R"({"portal": "https://gk.example.gov.cn/feed/", "sync_interval_s": 5, "mode": "tv"})";

} // namespace

TEST_CASE("config: a good config is used and kept beside it as the last good copy", "[config-file]") {
    TempDir tmp;
    const fs::path config = tmp.path() / "kiosk.json";
    writeText(config, kGood);
    const gk::DeviceConfig loaded = gk::loadDeviceConfig(config.string(), tmp.path() / "data");
    CHECK(loaded.source == gk::ConfigSource::File);
    CHECK_FALSE(loaded.bad());
    CHECK(loaded.settings.screen_group == "hall-b");
    CHECK(loaded.staffNote().empty());
    REQUIRE(fs::exists(tmp.path() / "kiosk.json.last-good"));
    CHECK(readText(tmp.path() / "kiosk.json.last-good") == kGood);

    writeText(config, kOtherGood); // an edit that is good replaces the copy
    gk::loadDeviceConfig(config.string(), tmp.path() / "data");
    CHECK(readText(tmp.path() / "kiosk.json.last-good") == kOtherGood);
}

TEST_CASE("config: a bad config runs on the last good copy, with every problem and a staff note", "[config-file]") {
    TempDir tmp;
    const fs::path config = tmp.path() / "kiosk.json";
    writeText(config, kGood);
    gk::loadDeviceConfig(config.string(), {});
    writeText(config, kBad);
    const gk::DeviceConfig loaded = gk::loadDeviceConfig(config.string(), {});
    CHECK(loaded.source == gk::ConfigSource::LastGood);
    CHECK(loaded.last_good == tmp.path() / "kiosk.json.last-good");
    CHECK(loaded.settings.screen_group == "hall-b");
    CHECK(loaded.settings.mode == gk::DeviceMode::Kiosk);
    REQUIRE(loaded.problems.size() == 2);
    CHECK(loaded.problems[0] == config.string() + ": mode: must be \"display\" or \"kiosk\", got \"tv\"");
    CHECK(loaded.problems[1] == config.string() + ": sync_interval_s: must be a whole number ≥ 30, got 5");
    CHECK(loaded.staffNote() == "配置文件有误，正在使用上次的有效配置：" + loaded.problems[0]);
    CHECK(readText(tmp.path() / "kiosk.json.last-good") == kGood); // a bad file never becomes the copy
}

TEST_CASE("config: a config that cannot be read at all also runs on the last good copy", "[config-file]") {
    TempDir tmp;
    const fs::path config = tmp.path() / "kiosk.json";
    writeText(config, kGood);
    gk::loadDeviceConfig(config.string(), {});
    fs::remove(config);
    gk::DeviceConfig loaded = gk::loadDeviceConfig(config.string(), {});
    CHECK(loaded.source == gk::ConfigSource::LastGood);
    CHECK(loaded.problems == std::vector<std::string>{config.string() + ": no such file"});
    writeText(config, std::string(5 * 1024 * 1024, ' '));
    loaded = gk::loadDeviceConfig(config.string(), {});
    CHECK(loaded.source == gk::ConfigSource::LastGood);
    CHECK(loaded.problems ==
          std::vector<std::string>{config.string() + ": file is 5.0 MiB; a config may be at most 256 KiB"});
}

TEST_CASE("config: a bad config with no last good copy keeps its valid keys, defaults for the rest", "[config-file]") {
    TempDir tmp;
    const fs::path config = tmp.path() / "kiosk.json";
    writeText(config, kBad);
    const gk::DeviceConfig loaded = gk::loadDeviceConfig(config.string(), tmp.path());
    CHECK(loaded.source == gk::ConfigSource::DefaultsForErrors);
    CHECK(loaded.bad());
    CHECK(loaded.settings.portal == "https://gk.example.gov.cn/feed/");
    CHECK(loaded.settings.sync_interval_s == 300);
    CHECK(loaded.settings.mode == gk::DeviceMode::Display);
    CHECK(loaded.staffNote().rfind("配置文件有误，正在使用默认配置：", 0) == 0);
    CHECK_FALSE(fs::exists(tmp.path() / "kiosk.json.last-good"));
}

TEST_CASE("config: a config that lost its portal keeps syncing the portal the store came from", "[config-file]") {
    TempDir tmp;
    const fs::path data = tmp.path() / "data";
    gk::StoreState state;
    state.manifest_url = "https://gk.example.gov.cn/feed/manifest.json";
    std::string error;
    const gk::StorePaths store(data);
    REQUIRE(store.create(error));
    REQUIRE(gk::writeStoreState(store, state, error));
    const fs::path config = tmp.path() / "kiosk.json";
    writeText(config, "{\"portal\": \"https://gk.example.gov.cn/feed/\",\n \"mode\": kiosk}\n"); // a syntax error
    const gk::DeviceConfig loaded = gk::loadDeviceConfig(config.string(), data);
    CHECK(loaded.source == gk::ConfigSource::DefaultsForErrors);
    REQUIRE(loaded.problems.size() == 1);
    CHECK(loaded.problems[0].find(": line 2, column ") != std::string::npos);
    // Not the bundled demo portal: a typo must not swap the hall's content for the demo's.
    CHECK(loaded.settings.portal == "https://gk.example.gov.cn/feed/manifest.json");
}

TEST_CASE("config: of the two last good copies the newest valid one is used", "[config-file]") {
    TempDir tmp;
    const fs::path config = tmp.path() / "kiosk.json";
    const fs::path data = tmp.path() / "data";
    fs::create_directories(data);
    const fs::path beside = tmp.path() / "kiosk.json.last-good";
    const fs::path in_data = data / "kiosk.json.last-good";
    writeText(beside, kGood);
    writeText(in_data, kOtherGood);
    const auto now = fs::file_time_type::clock::now();
    fs::last_write_time(beside, now - std::chrono::hours(2));
    fs::last_write_time(in_data, now - std::chrono::hours(1));
    writeText(config, kBad);
    gk::DeviceConfig loaded = gk::loadDeviceConfig(config.string(), data);
    CHECK(loaded.last_good == in_data);
    CHECK(loaded.settings.screen_group == "hall-c");

    writeText(in_data, kBad); // newer, but not valid
    fs::last_write_time(in_data, now);
    loaded = gk::loadDeviceConfig(config.string(), data);
    CHECK(loaded.last_good == beside);
    CHECK(loaded.settings.screen_group == "hall-b");
}

TEST_CASE("config: the copy goes beside the config when its directory is writable, else into the data directory",
          "[config-file]") {
    const fs::path config = "/etc/gongkai/kiosk.json";
    CHECK(gk::chooseLastGoodPath(config, "/var/lib/gongkai", true, true) == "/etc/gongkai/kiosk.json.last-good");
    CHECK(gk::chooseLastGoodPath(config, "/var/lib/gongkai", false, true) == "/var/lib/gongkai/kiosk.json.last-good");
    CHECK(gk::chooseLastGoodPath(config, "/var/lib/gongkai", false, false).empty());
    CHECK(gk::chooseLastGoodPath(config, "", false, true).empty());
    CHECK(gk::lastGoodCandidates(config, "/var/lib/gongkai") ==
          std::vector<fs::path>{"/etc/gongkai/kiosk.json.last-good", "/var/lib/gongkai/kiosk.json.last-good"});
}

TEST_CASE("config: TLS files an installer gets wrong", "[config-file]") {
    TempDir tmp;
    const fs::path pem = tmp.path() / "ca.pem";
    writeText(pem, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
    const fs::path der = tmp.path() / "ca.der";
    writeText(der, "\x30\x82\x01\x0a");
    const auto problemsFor = [](const std::string& ca_file, const std::string& pin) {
        gk::TlsSettings tls;
        tls.ca_file = ca_file;
        tls.pinned_pubkey = pin;
        std::vector<std::string> lines;
        for (const gk::Problem& p : gk::checkTlsSettings(tls)) lines.push_back(p.path + ": " + p.message);
        return lines;
    };
    CHECK(problemsFor(pem.string(), "").empty());
    CHECK(problemsFor("", "").empty());
    CHECK(problemsFor("", "sha256//" + std::string(43, 'A') + "=").empty());
    CHECK(problemsFor("", "sha256//" + std::string(43, 'A') + "=;sha256//" + std::string(43, 'b') + "=").empty());
    CHECK(problemsFor((tmp.path() / "missing.pem").string(), "") ==
          std::vector<std::string>{"tls.ca_file: " + (tmp.path() / "missing.pem").string() + ": no such file"});
    CHECK(problemsFor("ca.pem", "") ==
          std::vector<std::string>{"tls.ca_file: must be an absolute path (the screen does not start in this "
                                   "directory), got \"ca.pem\""});
    CHECK(problemsFor(tmp.path().string(), "") ==
          std::vector<std::string>{"tls.ca_file: " + tmp.path().string() + ": is a directory, not a CA file"});
    CHECK(problemsFor(der.string(), "") ==
          std::vector<std::string>{"tls.ca_file: " + der.string() +
                                   ": has no PEM certificate (-----BEGIN CERTIFICATE-----)"});
    const std::vector<std::string> short_pin = problemsFor("", "sha256//AAAA");
    REQUIRE(short_pin.size() == 1);
    CHECK(short_pin[0].rfind("tls.pinned_pubkey: must be sha256// and the 44-character base64", 0) == 0);
    CHECK(problemsFor("", (tmp.path() / "key.pem").string()) ==
          std::vector<std::string>{"tls.pinned_pubkey: " + (tmp.path() / "key.pem").string() + ": no such file"});
}

TEST_CASE("config: a bad TLS file in an otherwise good config makes it bad", "[config-file]") {
    TempDir tmp;
    const fs::path config = tmp.path() / "kiosk.json";
    writeText(config, R"({"tls": {"ca_file": "/nonexistent/ca.pem"}})");
    const gk::ConfigFileCheck check = gk::checkConfigFile(config, "kiosk.json");
    REQUIRE(check.readable);
    CHECK_FALSE(check.result.ok());
    CHECK(check.result.formattedProblems() == "kiosk.json: tls.ca_file: /nonexistent/ca.pem: no such file\n");
}

TEST_CASE("config: only the screen and its preview carry on with a bad config", "[config-file]") {
    CHECK(gk::carriesOnWithBadConfig("run"));
    CHECK(gk::carriesOnWithBadConfig("screenshot"));
    for (const char* command : {"sync", "status", "search", "report", "playlist", "demo"})
        CHECK_FALSE(gk::carriesOnWithBadConfig(command));
}
