// `feed build`'s readers and builder (kiosk/publish/): encodings and CSV as WPS and Excel save
// them, dates, the 办事指南 text format, and whole builds in a scratch folder whose output is read
// back with the kiosk's own manifest and feed parsers.
#include "kiosk/publish/feed_build.h"
#include "kiosk/publish/guide_text.h"
#include "kiosk/publish/sheet_text.h"
#include "sync/content.h"
#include "sync/feed_parser.h"
#include "sync/fs_util.h"
#include "sync/manifest.h"
#include "sync/sha256.h"

#include <catch2/catch.hpp>
#include <iconv.h>

#include <fstream>
#include <sstream>

namespace fs = std::filesystem;
using gk::CsvDocument;

namespace {

// UTF-8 → GB18030 with iconv, as a Chinese Windows editor saves "ANSI" text.
std::string toGb18030(const std::string& utf8) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    REQUIRE(cd != reinterpret_cast<iconv_t>(-1));
    std::string out(utf8.size() * 2 + 8, '\0');
    char* src = const_cast<char*>(utf8.data());
    std::size_t src_left = utf8.size();
    char* dst = out.data();
    std::size_t dst_left = out.size();
    REQUIRE(iconv(cd, &src, &src_left, &dst, &dst_left) != static_cast<std::size_t>(-1));
    iconv_close(cd);
    out.resize(out.size() - dst_left);
    return out;
}

std::string readAll(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

void writeAll(const fs::path& path, const std::string& bytes) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << bytes;
}

struct Scratch {
    fs::path dir = fs::temp_directory_path() / ("publish-test-" + gk::randomHex(6));
    fs::path in = dir / "in";
    fs::path out = dir / "out";
    Scratch() { fs::create_directories(in); }
    ~Scratch() { fs::remove_all(dir); }
};

const char* const kHeader = "索引号,标题,文号,发布机构,成文日期,发布日期,分类,有效性,主题词,摘要,正文,附件,手机链接\n";

gk::FeedBuildResult build(const Scratch& s, bool keep_going = false) {
    gk::FeedBuildOptions options;
    options.from = s.in;
    options.out = s.out;
    options.generated_at = "2026-11-27T08:00:00+08:00";
    options.keep_going = keep_going;
    return gk::buildFeed(options);
}

bool hasProblem(const gk::FeedBuildResult& r, const std::string& path, const std::string& words) {
    for (const gk::Problem& p : r.problems)
        if (p.path == path && p.message.find(words) != std::string::npos) return true;
    return false;
}

std::string listProblems(const gk::FeedBuildResult& r) {
    std::string all;
    for (const gk::Problem& p : r.problems) all += gk::formatBuildProblem(p) + "\n";
    return all;
}

// The publish as a kiosk reads it: the manifest, every file checked against it, all parsed.
gk::Content loadBuilt(const fs::path& out) {
    std::string error;
    const gk::FeedLimits limits;
    const auto manifest = gk::parseManifest(readAll(out / "manifest.json"), limits, error);
    INFO(error);
    REQUIRE(manifest);
    gk::FeedTexts texts;
    for (const gk::FeedFile& f : manifest->files) {
        const std::string bytes = readAll(out / f.href);
        CHECK(gk::sha256Hex(bytes) == f.sha256);
        CHECK(bytes.size() == f.bytes);
        (f.playlist ? texts.playlists[f.key] : texts.collections[f.key]) = bytes;
    }
    gk::Content content;
    REQUIRE(gk::parseFeed(*manifest, texts, limits, content, error));
    return content;
}

} // namespace

TEST_CASE("CSV: quoted commas, doubled quotes, multi-line cells, CRLF and a BOM", "[publish]") {
    const std::string csv = "\xEF\xBB\xBF"
                            "a,b\r\n"
                            "\"x, y\",\"say \"\"hi\"\"\"\r\n"
                            "\"line one\r\nline two\",z\r\n"
                            ",\r\n"
                            "last,row";
    CsvDocument doc;
    std::string error;
    int row = 0;
    REQUIRE(gk::parseCsv(csv, doc, error, row));
    REQUIRE(doc.records.size() == 4); // the empty record is left out
    CHECK(doc.records[0].cells == std::vector<std::string>{"a", "b"});
    CHECK(doc.records[1].cells == std::vector<std::string>{"x, y", "say \"hi\""});
    CHECK(doc.records[2].cells[0] == "line one\nline two");
    CHECK(doc.records[2].row == 3);
    CHECK(doc.records[3].row == 5); // rows count as a spreadsheet shows them, empty ones included
    CHECK(doc.records[3].line == 6);
}

TEST_CASE("CSV: an unclosed quote names its row", "[publish]") {
    CsvDocument doc;
    std::string error;
    int row = 0;
    CHECK_FALSE(gk::parseCsv("a,b\nc,\"open\n", doc, error, row));
    CHECK(row == 2);
    CHECK(error.find("not closed") != std::string::npos);
}

TEST_CASE("CSV: GB18030 with a multi-line cell is read as UTF-8", "[publish]") {
    const std::string utf8 = "标题,正文\n白沙镇通知,\"第一行，含逗号\n第二行\"\n";
    CsvDocument doc;
    std::string error;
    int row = 0;
    REQUIRE(gk::parseCsv(toGb18030(utf8), doc, error, row));
    CHECK(doc.encoding == gk::TextEncoding::Gb18030);
    REQUIRE(doc.records.size() == 2);
    CHECK(doc.records[0].cells[0] == "标题");
    CHECK(doc.records[1].cells[1] == "第一行，含逗号\n第二行");
}

TEST_CASE("CSV: a file mixing UTF-8 and GB18030 rows is refused, naming the row", "[publish]") {
    const std::string mixed = "标题,摘要\n" + toGb18030("甲,乙\n") + "丙,丁\n";
    CsvDocument doc;
    std::string error;
    int row = 0;
    CHECK_FALSE(gk::parseCsv(mixed, doc, error, row));
    CHECK(row == 2);
    CHECK(error.find("mixes encodings") != std::string::npos);
}

TEST_CASE("decodeText: UTF-8 kept, GB18030 converted, UTF-8 BOM dropped", "[publish]") {
    std::string text;
    gk::TextEncoding encoding = gk::TextEncoding::Utf8;
    std::string error;
    REQUIRE(gk::decodeText("\xEF\xBB\xBF政务公开", text, encoding, error));
    CHECK(text == "政务公开");
    REQUIRE(gk::decodeText(toGb18030("政务公开"), text, encoding, error));
    CHECK(encoding == gk::TextEncoding::Gb18030);
    CHECK(text == "政务公开");
    CHECK_FALSE(gk::isValidUtf8("\xED\xA0\x80")); // a surrogate
    CHECK_FALSE(gk::isValidUtf8("\xC0\xAF"));     // an overlong '/'
}

TEST_CASE("dates in the three ways clerks write them", "[publish]") {
    CHECK(gk::normaliseDate("2026-11-20") == "2026-11-20");
    CHECK(gk::normaliseDate("2026/11/20") == "2026-11-20");
    CHECK(gk::normaliseDate("2026年11月20日") == "2026-11-20");
    CHECK(gk::normaliseDate(" 2026/1/5 ") == "2026-01-05");
    CHECK(gk::normaliseDate("2024-2-29") == "2024-02-29");
    for (const char* bad : {"2026-13-01", "2026-02-29", "2026-11-31", "2026-11", "2026/11-20", "26-11-20",
                            "2026年11月20", "2026-11-20x", "", "二〇二六年"}) {
        INFO(bad);
        CHECK_FALSE(gk::normaliseDate(bad));
    }
}

TEST_CASE("plain text bodies become escaped paragraphs", "[publish]") {
    CHECK(gk::textToHtml("　　第一段 <b>&\n\n第二段\r\n") == "<p>第一段 &lt;b&gt;&amp;</p><p>第二段</p>");
}

TEST_CASE("a guide file maps onto guides.json's fields", "[publish]") {
    const std::string text = "# 说明\n"
                             "【事项名称】高龄老人津贴申请\n"
                             "【法定办结时限】20个工作日\n【承诺办结时限】10\n【到现场次数】1\n【是否网办】是\n"
                             "【受理条件】\n第一行\n第二行\n"
                             "【申请材料】\n居民身份证｜原件｜1｜必要｜申请人自备｜本人\n"
                             "申请表|原件|2|非必要|窗口领取||表格/申请表.docx\n"
                             "【办理流程】\n受理｜1｜当场审查\n"
                             "【收费标准】\n工本费｜10元｜依据\n"
                             "【常见问题】\n问：能代办吗？\n答：可以。\n需带身份证。\n"
                             "【更新日期】2026年3月18日\n"
                             "【颜色】红\n";
    const gk::GuideDraft draft = gk::parseGuideText(text, "gljt");
    const nlohmann::json& g = draft.item;
    CHECK(g["id"] == "gljt");
    CHECK(g["name"] == "高龄老人津贴申请");
    CHECK(g["legal_days"] == 20);
    CHECK(g["promised_days"] == 10);
    CHECK(g["visits"] == 1);
    CHECK(g["online"] == true);
    CHECK(g["conditions"] == "第一行\n第二行");
    REQUIRE(g["materials"].size() == 2);
    CHECK(g["materials"][0]["form"] == "原件");
    CHECK(g["materials"][0]["required"] == true);
    CHECK(g["materials"][1]["copies"] == 2);
    CHECK(g["materials"][1]["required"] == false);
    REQUIRE(draft.templates.size() == 1);
    CHECK(draft.templates[0].material == 1);
    CHECK(draft.templates[0].path == "表格/申请表.docx");
    CHECK(g["steps"][0]["days"] == 1);
    CHECK(g["fees"][0]["amount"] == "10元");
    CHECK(g["faq"][0]["a"] == "可以。\n需带身份证。");
    CHECK(g["updated_at"] == "2026-03-18");
    REQUIRE(draft.issues.size() == 1); // 【颜色】
    CHECK(draft.issues[0].warning);
    CHECK(draft.issues[0].heading == "颜色");
}

TEST_CASE("a guide file's mistakes name their line and heading", "[publish]") {
    const gk::GuideDraft draft =
        gk::parseGuideText("【承诺办结时限】十天\n【申请材料】\n身份证｜原件｜一份｜必要\n", "x");
    std::vector<std::string> where;
    for (const gk::GuideIssue& i : draft.issues) where.push_back(std::to_string(i.line) + ":" + i.heading);
    CHECK(where == std::vector<std::string>{"1:承诺办结时限", "3:申请材料", "0:事项名称"});
}

TEST_CASE("every heading of the template is one the reader knows", "[publish]") {
    const std::string tmpl = readAll(fs::path(GONGKAI_SOURCE_DIR) / "assets/publish-example/办事指南/_模板.txt");
    const gk::GuideDraft draft = gk::parseGuideText(tmpl, "t");
    for (const gk::GuideIssue& i : draft.issues) CHECK(i.heading == "事项名称"); // only: the name is empty
    for (const std::string& h : gk::guideHeadings()) CHECK(tmpl.find("【" + h + "】") != std::string::npos);
}

TEST_CASE("a build is read by the kiosk's own parsers, with attachments hashed", "[publish]") {
    Scratch s;
    writeAll(s.in / "公开目录.csv",
             std::string(kHeader) +
                 "A/2026-001,通知一,,白沙镇,2026/11/18,2026年11月19日,机构职能/领导信息,有效,甲；乙,摘要,正文/"
                 "a.txt,附件/x.pdf,"
                 "https://m.example.gov.cn/a\n"
                 "A/2026-002,通知二,,白沙镇,,2026-11-20,机构职能/机构设置,,,,,附件/x.pdf;附件/x.pdf,\n");
    writeAll(s.in / "正文/a.txt", "第一段\n第二段 <不是标签>\n");
    writeAll(s.in / "附件/x.pdf", "%PDF-1.4 test");
    writeAll(s.in / "通知公告.csv",
             "编号,标题,生效日期,有效期至,级别,正文\nn1,停水,2026-12-02 18:00,2026/12/3,紧急,今天停水\n");
    const gk::FeedBuildResult r = build(s);
    INFO(listProblems(r));
    REQUIRE(r.written);
    const gk::Content content = loadBuilt(s.out);
    REQUIRE(content.disclosures.size() == 2);
    const gk::DisclosureItem& d = content.disclosures[0];
    CHECK(d.id == "A/2026-001");
    CHECK(d.written_date == "2026-11-18");
    CHECK(d.published_date == "2026-11-19");
    CHECK(d.keywords == std::vector<std::string>{"甲", "乙"});
    CHECK(d.mobile_url == "https://m.example.gov.cn/a");
    REQUIRE(d.attachments.size() == 1);
    CHECK(d.attachments[0].sha256 == gk::sha256Hex("%PDF-1.4 test"));
    CHECK(d.attachments[0].bytes == 13);
    CHECK(d.attachments[0].type == "application/pdf");
    CHECK(readAll(s.out / d.attachments[0].href) == "%PDF-1.4 test");
    // 分类 paths became a tree; both items sit under one 机构职能.
    REQUIRE(content.catalog.size() == 1);
    CHECK(content.catalog[0].name == "机构职能");
    REQUIRE(content.catalog[0].children.size() == 2);
    CHECK(d.category == content.catalog[0].children[0].code);
    CHECK(content.disclosures[1].category == content.catalog[0].children[1].code);
    REQUIRE(content.notices.size() == 1);
    CHECK(content.notices[0].level == gk::NoticeLevel::Urgent);
    REQUIRE(content.notices[0].valid_until);
    CHECK(*content.notices[0].valid_until - *content.notices[0].valid_from == 30 * 3600 - 1);
    const std::string body = readAll(s.out / "disclosures.json");
    CHECK(body.find("&lt;不是标签&gt;") != std::string::npos);
}

TEST_CASE("bad rows: every problem names file, row and column, and nothing is written", "[publish]") {
    Scratch s;
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,好的,,镇,,2026-11-20,其他,,,,,,\n"
                                                           "A-1,重复,,镇,,2026-11-20,其他,,,,,,\n"
                                                           "A-3,,,镇,,2026-13-01,其他,,,,,,\n"
                                                           "A-4,逃出,,镇,,2026-11-20,其他,,,,../secret.txt,,\n"
                                                           "A-5,绝对,,镇,,2026-11-20,其他,,,,/etc/passwd,,\n"
                                                           "A-6,缺失,,镇,,2026-11-20,其他,,,,正文/none.txt,,\n");
    writeAll(s.dir / "secret.txt", "outside");
    const gk::FeedBuildResult r = build(s);
    INFO(listProblems(r));
    CHECK_FALSE(r.written);
    CHECK_FALSE(fs::exists(s.out));
    CHECK(hasProblem(r, "公开目录.csv:3:索引号", "duplicate \"A-1\" (first on row 2)"));
    CHECK(hasProblem(r, "公开目录.csv:4:标题", "is empty"));
    CHECK(hasProblem(r, "公开目录.csv:4:发布日期", "\"2026-13-01\" is not a date"));
    CHECK(hasProblem(r, "公开目录.csv:5:正文", "leaves the folder"));
    CHECK(hasProblem(r, "公开目录.csv:6:正文", "absolute path"));
    CHECK(hasProblem(r, "公开目录.csv:7:正文", "no such file"));

    // --keep-going publishes the good row and reports the others as skipped.
    const gk::FeedBuildResult kept = build(s, true);
    INFO(listProblems(kept));
    REQUIRE(kept.written);
    CHECK(kept.skipped_rows == 5);
    CHECK(loadBuilt(s.out).disclosures.size() == 1);
}

TEST_CASE("a 正文 that is a symbolic link out of the folder is refused", "[publish]") {
    Scratch s;
    writeAll(s.dir / "elsewhere.txt", "secret");
    fs::create_directories(s.in / "正文");
    fs::create_symlink(s.dir / "elsewhere.txt", s.in / "正文/link.txt");
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,标题,,镇,,2026-11-20,其他,,,,正文/link.txt,,\n");
    const gk::FeedBuildResult r = build(s);
    CHECK(hasProblem(r, "公开目录.csv:2:正文", "points outside the folder"));
}

TEST_CASE("header problems: a missing column is an error, an unknown one a warning", "[publish]") {
    Scratch s;
    writeAll(s.in / "公开目录.csv", "索引号,发布机构,发布日期,分类,颜色\nA-1,镇,2026-11-20,其他,红\n");
    const gk::FeedBuildResult r = build(s);
    CHECK_FALSE(r.written);
    CHECK(hasProblem(r, "公开目录.csv:1:标题", "required column is missing"));
    const auto unknown = std::find_if(r.problems.begin(), r.problems.end(),
                                      [](const gk::Problem& p) { return p.path == "公开目录.csv:1:颜色"; });
    REQUIRE(unknown != r.problems.end());
    CHECK(unknown->warning);
}

TEST_CASE("an attachment over the kiosk's limit is refused, naming the limit", "[publish]") {
    Scratch s;
    const auto attach = [&s](const std::string& name, std::uint64_t bytes) {
        writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,标题,,镇,,2026-11-20,其他,,,,," + name + ",\n");
        { std::ofstream(s.in / name); }
        fs::resize_file(s.in / name, bytes); // sparse
        return build(s);
    };
    SECTION("an image: 32 MiB, past which a kiosk refuses the publish") {
        const gk::FeedBuildResult r = attach("big.png", 33 * gk::kMiB);
        CHECK(hasProblem(r, "公开目录.csv:2:附件", "more than the kiosk's attachment limit of 32.0 MiB"));
    }
    SECTION("a PDF: the kiosk's default PDF limit, 50 MiB") {
        const gk::FeedBuildResult r = attach("big.pdf", 51 * gk::kMiB);
        CHECK(hasProblem(r, "公开目录.csv:2:附件", "more than the kiosk's attachment limit of 50.0 MiB"));
    }
    SECTION("a 40 MiB PDF is built: a kiosk downloads it") {
        const gk::FeedBuildResult r = attach("plan.pdf", 40 * gk::kMiB);
        CHECK(r.written);
    }
}

TEST_CASE("a failing build leaves the earlier publish whole and a good one replaces it", "[publish]") {
    Scratch s;
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,标题一,,镇,,2026-11-20,其他,,,,,,\n");
    REQUIRE(build(s).written);
    const std::string first = readAll(s.out / "manifest.json");
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,,,镇,,2026-11-20,其他,,,,,,\n");
    CHECK_FALSE(build(s).written);
    CHECK(readAll(s.out / "manifest.json") == first);
    CHECK(loadBuilt(s.out).disclosures[0].title == "标题一");
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,标题二,,镇,,2026-11-20,其他,,,,,,\n");
    REQUIRE(build(s).written);
    CHECK(loadBuilt(s.out).disclosures[0].title == "标题二");
    // No staged or set-aside folder is left beside OUT.
    std::size_t beside = 0;
    for (const auto& e : fs::directory_iterator(s.dir))
        beside += e.path().filename() != "in" && e.path().filename() != "out";
    CHECK(beside == 0);
}

TEST_CASE("a folder that is not a publish is never replaced", "[publish]") {
    Scratch s;
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,标题,,镇,,2026-11-20,其他,,,,,,\n");
    writeAll(s.out / "notes.txt", "mine");
    const gk::FeedBuildResult r = build(s);
    CHECK_FALSE(r.written);
    CHECK(readAll(s.out / "notes.txt") == "mine");
}

TEST_CASE("the same input and generated_at give byte-identical files", "[publish]") {
    Scratch s;
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,标题,,镇,,2026-11-20,甲/乙,,a；b,,,x.pdf,\n");
    writeAll(s.in / "x.pdf", "pdf");
    REQUIRE(build(s).written);
    std::map<std::string, std::string> first;
    for (const auto& e : fs::recursive_directory_iterator(s.out))
        if (e.is_regular_file()) first[e.path().lexically_relative(s.out).string()] = readAll(e.path());
    REQUIRE(build(s).written);
    std::map<std::string, std::string> second;
    for (const auto& e : fs::recursive_directory_iterator(s.out))
        if (e.is_regular_file()) second[e.path().lexically_relative(s.out).string()] = readAll(e.path());
    CHECK(first == second);
}

TEST_CASE("the example office folder builds cleanly, its playlist checked", "[publish]") {
    Scratch s;
    gk::FeedBuildOptions options;
    options.from = fs::path(GONGKAI_SOURCE_DIR) / "assets/publish-example";
    options.out = s.out;
    options.generated_at = "2026-11-27T08:00:00+08:00";
    const gk::FeedBuildResult r = gk::buildFeed(options);
    INFO(listProblems(r));
    REQUIRE(r.written);
    CHECK(r.problems.empty());
    const gk::Content content = loadBuilt(s.out);
    CHECK(content.disclosures.size() == 3);
    CHECK(content.notices.size() == 2);
    CHECK(content.guides.size() == 2); // not the template
    CHECK(content.playlists.count("hall-main") == 1);
    CHECK(content.skipped.empty());
    CHECK(content.site.name == "青溪县白沙镇人民政府");
}

TEST_CASE("目录.csv: 分类 by 编码 or by name path and unknown ones are errors", "[publish]") {
    Scratch s;
    writeAll(s.in / "目录.csv", "编码,名称,上级编码\n01,机构职能,\n0102,领导信息,01\n05,财政资金,\n0501,预算,05\n");
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,一,,镇,,2026-11-20,0102,,,,,,\n"
                                                           "A-2,二,,镇,,2026-11-20,财政资金/预算,,,,,,\n");
    const gk::FeedBuildResult r = build(s);
    INFO(listProblems(r));
    REQUIRE(r.written);
    const gk::Content content = loadBuilt(s.out);
    REQUIRE(content.catalog.size() == 2);
    CHECK(content.catalog[1].children[0].code == "0501");
    CHECK(content.disclosures[0].category == "0102");
    CHECK(content.disclosures[1].category == "0501");

    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,一,,镇,,2026-11-20,机构职能/不存在,,,,,,\n");
    CHECK(hasProblem(build(s), "公开目录.csv:2:分类", "is neither a 编码 nor a name path of 目录.csv"));
}

TEST_CASE("a guide's blank form is published as the material's template", "[publish]") {
    Scratch s;
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,一,,镇,,2026-11-20,其他,,,,,,\n");
    writeAll(s.in / "办事指南/表格/申请表.docx", "docx bytes");
    writeAll(s.in / "办事指南/津贴.txt",
             toGb18030("【事项名称】津贴申请\n【申请材料】\n申请表｜原件｜1｜必要｜窗口｜｜表格/申请表.docx\n"));
    writeAll(s.in / "办事指南/_模板.txt", "【事项名称】\n");
    const gk::FeedBuildResult r = build(s);
    INFO(listProblems(r));
    REQUIRE(r.written);
    const gk::Content content = loadBuilt(s.out);
    REQUIRE(content.guides.size() == 1);
    const gk::ServiceGuide& g = content.guides[0];
    CHECK(g.id == "津贴");
    CHECK(g.name == "津贴申请");
    REQUIRE(g.materials.size() == 1);
    REQUIRE(g.materials[0].template_file);
    CHECK(g.materials[0].template_file->name == "申请表.docx");
    CHECK(readAll(s.out / g.materials[0].template_file->href) == "docx bytes");
}

TEST_CASE("a body the kiosk's reader would skip is an error of its row and column", "[publish]") {
    Scratch s;
    std::string deep;
    for (int i = 0; i < 2100; ++i) deep += "<div>";
    writeAll(s.in / "deep.html", deep + "正文");
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,一,,镇,,2026-11-20,其他,,,,,,\n"
                                                           "A-2,二,,镇,,2026-11-20,其他,,,,deep.html,,\n");
    const gk::FeedBuildResult r = build(s);
    INFO(listProblems(r));
    CHECK_FALSE(r.written);
    CHECK(hasProblem(r, "公开目录.csv:3:正文", "body_html"));
    const gk::FeedBuildResult kept = build(s, true);
    REQUIRE(kept.written);
    CHECK(kept.skipped_rows == 1);
    CHECK(loadBuilt(s.out).disclosures.size() == 1);
}

TEST_CASE("a playlist's videos are published at their hrefs, checked like its images", "[publish][video]") {
    Scratch s;
    writeAll(s.in / "公开目录.csv", std::string(kHeader) + "A-1,标题,,镇,,2026-11-20,甲/乙,,,,,,\n");
    const std::string clip = "bytes standing in for a video";
    const std::string other = "another video";
    writeAll(s.in / "media/clip.mp4", clip);
    writeAll(s.in / "media/other.webm", other);
    const auto video = [](const std::string& href, const std::string& bytes, const std::string& type) {
        return R"({"name": "宣传片", "href": ")" + href + R"(", "sha256": ")" + gk::sha256Hex(bytes) +
               R"(", "bytes": )" + std::to_string(bytes.size()) + R"(, "type": ")" + type + R"("})";
    };
    const std::string playlist =
        R"({"items": [{"ref": "disclosure:A-1"}, {"video": )" + video("media/clip.mp4", clip, "video/mp4") +
        R"(, "duration_s": 20}], "fallback": {"video": )" + video("media/other.webm", other, "video/webm") + "}}";
    writeAll(s.in / "playlists/hall-main.json", playlist);

    SECTION("each at its href, with the playlist's sha256 and bytes") {
        gk::FeedBuildOptions options;
        options.from = s.in;
        options.out = s.out;
        options.generated_at = "2026-11-27T08:00:00+08:00";
        options.limits.video_file_bytes = clip.size() - 1; // over the cap: a warning, still published
        const gk::FeedBuildResult r = gk::buildFeed(options);
        INFO(listProblems(r));
        REQUIRE(r.written);
        CHECK(readAll(s.out / "media/clip.mp4") == clip);
        CHECK(readAll(s.out / "media/other.webm") == other);
        REQUIRE(r.problems.size() == 1);
        CHECK(r.problems[0].warning);
        CHECK(hasProblem(r, "playlists/hall-main.json:items[1].video", "(video.max_file_mib)"));
        const gk::Content content = loadBuilt(s.out);
        const std::vector<gk::Attachment> videos = gk::videoAttachments(content);
        REQUIRE(videos.size() == 2);
        CHECK(videos[0].href == "media/clip.mp4");
        CHECK(videos[1].href == "media/other.webm");
    }
    SECTION("a file that is not what the playlist says is an error of its item") {
        writeAll(s.in / "media/clip.mp4", clip + " changed");
        const gk::FeedBuildResult r = build(s);
        INFO(listProblems(r));
        CHECK_FALSE(r.written);
        CHECK(hasProblem(r, "playlists/hall-main.json:items[1].video",
                         "\"media/clip.mp4\" does not match the sha256 and bytes the playlist gives"));
    }
}
