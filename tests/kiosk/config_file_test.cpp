// kiosk/config_file: the config on real files in a temporary directory — the TLS files an
// installer gets wrong.
#include "kiosk/config_file.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
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

} // namespace

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
