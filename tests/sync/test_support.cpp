// Test helpers for sync/ (test_support.h).
#include "test_support.h"

#include "sync/sha256.h"
#include "sync/url.h"

#include <fstream>
#include <random>
#include <sstream>

namespace gk::test {
namespace fs = std::filesystem;
using nlohmann::json;

TempDir::TempDir() {
    std::random_device device;
    m_path = fs::temp_directory_path() / ("gongkai-sync-test-" + std::to_string(device()) + std::to_string(device()));
    fs::create_directories(m_path);
}

TempDir::~TempDir() {
    std::error_code ec;
    fs::remove_all(m_path, ec);
}

void writeFile(const fs::path& path, std::string_view bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

std::string readFile(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

json fileEntry(const fs::path& dir, const std::string& href) {
    const std::string bytes = readFile(dir / href);
    return {{"href", href}, {"sha256", sha256Hex(bytes)}, {"bytes", bytes.size()}};
}

json TestFeed::image(const std::string& href, const std::string& bytes) {
    binaries[href] = bytes;
    return {
        {"name", href}, {"href", href}, {"sha256", sha256Hex(bytes)}, {"bytes", bytes.size()}, {"type", "image/png"}};
}

TestFeed::TestFeed() {
    catalog = json::parse(R"({"categories": [
        {"code": "01", "name": "政策文件", "children": [{"code": "0101", "name": "规范性文件"}]},
        {"code": "08", "name": "财政资金"}]})");
    disclosures = json::parse(R"({"items": [
        {"id": "hbx-2018-0003", "title": "黄埠乡2018年政务公开工作实施方案", "category": "0101",
         "keywords": ["政务公开"], "attachments": [], "related": ["disclosure:hbx-2018-0004"]},
        {"id": "hbx-2018-0004", "title": "2018年预算公开", "category": "0801",
         "attachments": [{"name": "预算表.pdf", "href": "att/b2/budget.pdf", "type": "application/pdf",
                          "url": "https://m.example.gov.cn/att/budget.pdf"}]}]})");
    disclosures["items"][0]["attachments"].push_back(image("att/aa/logo.png", kLogoPng));
    guides = json::parse(R"({"items": [{"id": "g-gljt-001", "name": "高龄老人津贴申请",
        "materials": [{"name": "居民身份证", "form": "原件", "copies": 1, "required": true, "template": null}],
        "steps": [{"name": "受理", "days": 1}], "promised_days": 5, "online": true}]})");
    notices = json::parse(R"({"items": [
        {"id": "n-2026-031", "title": "元旦假期办公时间", "level": "urgent",
         "valid_from": "2026-11-20T00:00:00+08:00", "valid_until": "2027-01-04", "image": null},
        {"id": "n-2026-001", "title": "欢迎", "level": "normal"}]})");
    json playlist = json::parse(R"({"name": "大厅主屏", "items": [{"ref": "notice:n-2026-031"}]})");
    playlist["items"].push_back({{"image", image("att/cc/flow.png", kFlowPng)}, {"duration_s", 10}});
    playlists["hall-main"] = playlist;
}

std::string TestFeed::write(const fs::path& dir, const std::function<void(json&)>& manifest_edit) const {
    json manifest = {{"format", "gongkai-feed/1"},
                     {"generated_at", "2026-11-27T08:00:00+08:00"},
                     {"site", {{"name", "建宁县黄埠乡人民政府"}, {"hotline", "12345"}}},
                     {"unknown_future_field", {1, 2, 3}}};
    const std::pair<const char*, const json*> collections[] = {
        {"catalog", &catalog}, {"disclosures", &disclosures}, {"guides", &guides}, {"notices", &notices}};
    for (const auto& [name, doc] : collections) {
        writeFile(dir / (std::string(name) + ".json"), doc->dump());
        manifest["files"][name] = fileEntry(dir, std::string(name) + ".json");
    }
    for (const auto& [group, doc] : playlists) {
        writeFile(dir / "playlists" / (group + ".json"), doc.dump());
        manifest["playlists"][group] = fileEntry(dir, "playlists/" + group + ".json");
    }
    for (const auto& [href, bytes] : binaries) {
        writeFile(dir / href, bytes);
    }
    if (manifest_edit) {
        manifest_edit(manifest);
    }
    const std::string text = manifest.dump(2);
    writeFile(dir / "manifest.json", text);
    return text;
}

SyncRequest SyncFixture::request(std::int64_t now) const {
    SyncRequest r;
    r.portal_url = fileUrlFromPath(portal) + "/";
    r.data_dir = data;
    r.now = now;
    return r;
}

std::size_t SyncFixture::generationCount() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(store("generations")), {}));
}

bool SyncFixture::stagingEmpty() const {
    return fs::is_empty(store("staging"));
}

std::string generationIdOf(const std::string& manifest_text) {
    return sha256Hex(manifest_text).substr(0, 16);
}

} // namespace gk::test
