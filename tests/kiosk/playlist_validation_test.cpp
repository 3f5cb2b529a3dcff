// Tests for kiosk/playlist_validation: refs checked against a publish (unknown and skipped ids are
// errors at items[i].ref / fallback.ref, or warnings for a running playlist; expired notices are
// warnings; a ref is reported exactly when the scheduler skips it), the whole check of a file's
// text, and reading files with the size limit.
#include "kiosk/playlist/playlist_validation.h"

#include "display/info/scheduler.h"

#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

using namespace gk;
namespace fs = std::filesystem;

namespace {

constexpr int kCst = kChinaUtcOffsetS;
const std::int64_t kNow = epochFromCivil(2026, 11, 28, 10, 0, 0, kCst);

Content makeContent() {
    Content c;
    c.generation = "g1";
    Notice current;
    current.id = "n-1";
    current.title = "通知一";
    current.valid_from = epochFromCivil(2026, 11, 1, 0, 0, 0, kCst);
    Notice expired = current;
    expired.id = "n-old";
    expired.valid_until = epochFromCivil(2026, 10, 9, 0, 0, 0, kCst);
    c.notices = {current, expired};
    ServiceGuide guide;
    guide.id = "g-1";
    c.guides = {guide};
    DisclosureItem item;
    item.id = "d-1";
    c.disclosures = {item};
    c.skipped.push_back(SkippedItem{"disclosures", "d-bad", "missing title"});
    return c;
}

std::vector<Problem> refs(const std::string& json, UnknownRefs unknown = UnknownRefs::Error) {
    const PlaylistResult r = parsePlaylist(json, "hall.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    return checkPlaylistRefs(r.playlist, makeContent(), kNow, kCst, unknown);
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "gk-validation-XXXXXX").string();
        path = ::mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

void writeFile(const fs::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
}

} // namespace

TEST_CASE("refs that resolve, including notices valid now, are fine", "[playlist_validation]") {
    CHECK(refs(R"({"items": [{"ref": "notice:n-1"}, {"ref": "guide:g-1"}, {"ref": "disclosure:d-1"},
                             {"text": {"title": "t"}}], "fallback": {"ref": "notice:n-1"}})")
              .empty());
}

TEST_CASE("unknown ids are errors at the exact ref path", "[playlist_validation]") {
    const std::vector<Problem> p = refs(R"({"items": [{"ref": "notice:n-1"}, {"ref": "notice:n-404"},
        {"ref": "guide:g-404"}, {"ref": "disclosure:d-404"}], "fallback": {"ref": "guide:nope"}})");
    REQUIRE(p.size() == 4);
    CHECK(p[0].path == "items[1].ref");
    CHECK(p[0].message == "notice:n-404 is not in the current publish");
    CHECK(p[1].path == "items[2].ref");
    CHECK(p[1].message == "guide:g-404 is not in the current publish");
    CHECK(p[2].path == "items[3].ref");
    CHECK(p[2].message == "disclosure:d-404 is not in the current publish");
    CHECK(p[3].path == "fallback.ref");
    for (const Problem& problem : p) CHECK_FALSE(problem.warning);
}

TEST_CASE("an id the sync skipped says why", "[playlist_validation]") {
    const std::vector<Problem> p = refs(R"({"items": [{"ref": "disclosure:d-bad"}]})");
    REQUIRE(p.size() == 1);
    CHECK(p[0].message == "disclosure:d-bad was skipped by the sync: missing title");
}

TEST_CASE("a notice that has expired is a warning", "[playlist_validation]") {
    const std::vector<Problem> p = refs(R"({"items": [{"ref": "notice:n-1"}, {"ref": "notice:n-old"}]})");
    REQUIRE(p.size() == 1);
    CHECK(p[0].path == "items[1].ref");
    CHECK(p[0].message == "notice:n-old expired at 2026-10-09 00:00 (valid_until), so the screen skips it");
    CHECK(p[0].warning);
}

TEST_CASE("for a running playlist, unknown ids are warnings", "[playlist_validation]") {
    const std::vector<Problem> p = refs(R"({"items": [{"ref": "notice:n-404"}]})", UnknownRefs::Warning);
    REQUIRE(p.size() == 1);
    CHECK(p[0].message == "notice:n-404 is not in the current publish; the screen skips it");
    CHECK(p[0].warning);
}

TEST_CASE("a ref is reported exactly when the screen can never schedule it", "[playlist_validation]") {
    // One rule (resolves(), sync/content.h) for both: what check calls missing (or expired), the
    // rotation skips, and what it lets through, the rotation shows. Kinds are not interchangeable.
    const Content content = makeContent();
    for (const char* ref : {"notice:n-1", "guide:g-1", "disclosure:d-1", "notice:n-404", "guide:n-1", "disclosure:g-1",
                            "disclosure:d-bad", "notice:n-old"}) {
        INFO(ref);
        const std::string json = std::string(R"({"items": [{"ref": ")") + ref + R"("}]})";
        const PlaylistResult parsed = parsePlaylist(json, "hall.json");
        REQUIRE(parsed.usable());
        const bool reported = !checkPlaylistRefs(parsed.playlist, content, kNow, kCst).empty();
        Rotation rotation(parsed.playlist, content, kCst, kNow);
        const bool scheduled = rotation.at(kNow).reason == SlotReason::Scheduled;
        CHECK(reported == !scheduled);
    }
}

TEST_CASE("checkPlaylistText: syntax, schedules and refs in one list", "[playlist_validation]") {
    const Content content = makeContent();
    const PlaylistResult bad_syntax = checkPlaylistText("{\"items\": [}", "hall.json", content, kNow, kCst);
    CHECK(bad_syntax.formattedProblems() ==
          "hall.json: line 1, column 12: syntax error: unexpected '}'; expected '[', '{', or a literal\n");
    const PlaylistResult r = checkPlaylistText(
        R"({"items": [{"ref": "notice:n-1"}, {"ref": "notice:n-404"},
                      {"ref": "guide:g-1", "schedule": {"weekdays": [6], "from": "2026-12-01", "until": "2026-12-02"}}]})",
        "hall.json", content, kNow, kCst);
    CHECK_FALSE(r.usable());
    CHECK(r.formattedProblems() ==
          "hall.json: items[2].schedule: never shows: no day from 2026-12-01 until 2026-12-02 falls on weekdays [6] "
          "(ISO: 1 = Monday … 7 = Sunday)\n"
          "hall.json: items[1].ref: notice:n-404 is not in the current publish\n");
    // Refs are checked only when the file itself is sound (then items[i] is the file's i-th item).
    const PlaylistResult broken =
        checkPlaylistText(R"({"items": [{"ref": "notice:n-404", "duration_s": 0}]})", "x.json", content, kNow, kCst);
    REQUIRE(broken.problems.size() == 1);
    CHECK(broken.problems[0].path == "items[0].duration_s");
}

TEST_CASE("firstProblemSummary: the first error, and how many more", "[playlist_validation]") {
    CHECK(firstProblemSummary({}).empty());
    CHECK(firstProblemSummary({Problem{"a", "warned", true}, Problem{"items[1].ref", "bad", false}}) ==
          "items[1].ref: bad (and 1 more problem)");
    CHECK(firstProblemSummary({Problem{"", "file is empty", false}}) == "file is empty");
}

TEST_CASE("readPlaylistFile: ok, missing, a directory, a FIFO, over 1 MiB", "[playlist_validation]") {
    TempDir dir;
    writeFile(dir.path / "ok.json", R"({"items": []})");
    const PlaylistFile ok = readPlaylistFile(dir.path / "ok.json");
    CHECK(ok.status == PlaylistFileStatus::Ok);
    CHECK(ok.text == R"({"items": []})");

    const PlaylistFile missing = readPlaylistFile(dir.path / "none.json");
    CHECK(missing.status == PlaylistFileStatus::Missing);
    CHECK(missing.error == "no such file");

    fs::create_directory(dir.path / "dir.json");
    const PlaylistFile directory = readPlaylistFile(dir.path / "dir.json");
    CHECK(directory.status == PlaylistFileStatus::NotRegular);
    CHECK(directory.error == "is a directory, not a playlist file");

    REQUIRE(::mkfifo((dir.path / "fifo.json").c_str(), 0600) == 0);
    CHECK(readPlaylistFile(dir.path / "fifo.json").status == PlaylistFileStatus::NotRegular); // never blocks

    writeFile(dir.path / "big.json", std::string(5 * 1024 * 1024, ' '));
    const PlaylistFile big = readPlaylistFile(dir.path / "big.json");
    CHECK(big.status == PlaylistFileStatus::TooLarge);
    CHECK(big.error == "file is 5.0 MiB; a playlist may be at most 1 MiB");
    CHECK(big.text.empty());

    writeFile(dir.path / "edge.json", std::string(kMaxPlaylistBytes, ' '));
    CHECK(readPlaylistFile(dir.path / "edge.json").status == PlaylistFileStatus::Ok);
}
