// Tests of the kiosk pages (display/kiosk/kiosk_pages, kiosk_item_pages, kiosk_search_page and
// the PageBuilder under them), laid out with the program's real CJK fonts in the bare ImGui
// context of ui_support (no window, no GL): what each page says and which taps open what, that
// lines wrap inside the page at the width the kiosk gives it, that elder mode is larger, and
// that every page of the demo portal stays inside its width in both orientations and modes.
#include "ui_support.h"

#include "config/civil_time.h"
#include "display/info/info_card.h"
#include "display/kiosk/kiosk_pages.h"
#include "display/kiosk/kiosk_screen.h"
#include "display/kiosk/kiosk_search_page.h"
#include "display/kiosk/onscreen_keyboard.h"
#include "display/text/text_layout.h"
#include "sync/html_text.h"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

using namespace gk;
namespace fs = std::filesystem;

namespace {

constexpr int kCst = 8 * 3600;
const std::int64_t kNow = epochFromCivil(2026, 11, 28, 10, 0, 0, kCst);

// A page as the kiosk lays it out for a screen: the viewport it gets is what layoutKioskScreen
// leaves for it (QR panel, ▲ ▼ rail), as KioskApp computes it.
struct Built {
    KioskPage page;
    KioskStyle style;
    Rect viewport;
    const Page& laid() const { return page.page; }
};

// typing: the on-screen keyboard is up (search).
Built build(const ScreenRef& ref, const Content& content, int width = 1920, int height = 1080, bool elder = false,
            const SearchResults* search = nullptr, bool typing = false) {
    const KioskStyle style = test::UiContext::get().kioskStyle(width, height, elder);
    const KioskLayout layout =
        layoutKioskScreen(style, ImVec2(static_cast<float>(width), static_cast<float>(height)),
                          {.panel = pageHasPanel(ref), .rail = ref.kind != ScreenKind::Home, .keyboard = typing});
    const Rect viewport = pageViewport(style, layout);
    const PageContext context{&content, kNow, kCst, search, typing};
    return {buildKioskPage(ref, context, style, viewport.width(), viewport.height()), style, viewport};
}

ImVec2 screenOf(int width, int height) {
    return ImVec2(static_cast<float>(width), static_cast<float>(height));
}

std::vector<KioskAction> actionsOf(const Page& page) {
    std::vector<KioskAction> actions;
    for (const PageButton& button : page.buttons) actions.push_back(button.action);
    return actions;
}

KioskAction opens(ScreenKind kind, std::string id = {}) {
    return openAction(ScreenRef{kind, std::move(id)});
}

// The page's lines that start inside the box, top to bottom then left to right, joined: what a
// tile, a cell or a row reads (a row's "›" is decoration, centred beside the lines: left out).
std::string textInside(const Page& page, ImVec2 min, ImVec2 max) {
    std::vector<const PageText*> inside;
    for (const PageText& line : page.texts)
        if (line.text != "›" && line.pos.x >= min.x && line.pos.x < max.x && line.pos.y >= min.y && line.pos.y < max.y)
            inside.push_back(&line);
    std::stable_sort(inside.begin(), inside.end(), [](const PageText* a, const PageText* b) {
        return a->pos.y != b->pos.y ? a->pos.y < b->pos.y : a->pos.x < b->pos.x;
    });
    std::string text;
    for (const PageText* line : inside) text += line->text;
    return text;
}

std::string textOfButton(const Page& page, const KioskAction& action) {
    for (const PageButton& button : page.buttons)
        if (button.action == action) return textInside(page, button.min, button.max);
    return "(no button for that action)";
}

// The first line that is exactly `text`, or nullptr.
const PageText* line(const Page& page, std::string_view text) {
    for (const PageText& l : page.texts)
        if (l.text == text) return &l;
    return nullptr;
}

bool says(const Page& page, std::string_view text) {
    std::string all;
    for (const PageText& l : page.texts) all += l.text; // a phrase may be wrapped over two lines
    return all.find(text) != std::string::npos;
}

std::vector<std::string> qrUrls(const Page& page) {
    std::vector<std::string> urls;
    for (const PageQr& qr : page.qrs) urls.push_back(qr.url);
    return urls;
}

std::size_t bodyLength(const DisclosureItem& item) {
    return plainText(item.body).size();
}

bool overlaps(const PageButton& a, const PageButton& b) {
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

ServiceGuide fullGuide() {
    ServiceGuide g;
    g.id = "g-full";
    g.code = "3501234567000";
    g.name = "高龄老人津贴申请";
    g.kind = "行政给付";
    g.department = "白沙镇社会事务办";
    g.basis = "《福建省老年人权益保障条例》";
    g.conditions = "年满80周岁的本镇户籍老人";
    g.handling = "承诺件";
    g.materials = {{"居民身份证", "原件", 1, true, "公安机关", "", std::nullopt},
                   {"委托书", "原件", 1, false, "", "代办时提供", std::nullopt}};
    g.steps = {{"受理", "窗口核对材料", 0}, {"审核", "", 3}, {"发放", "按月发放到社保卡", std::nullopt}};
    g.legal_days = 20;
    g.promised_days = 5;
    g.visits = 1;
    g.online = true;
    g.fees = {{"工本费", "10元", "闽价〔2020〕1号"}};
    g.location = "便民服务中心 3 号窗口";
    g.hours = "工作日 9:00–17:00";
    g.consult_phone = "0591-12345678";
    g.complaint_phone = "12345";
    g.online_url = "https://zwfw.example.gov.cn/g-full";
    g.mobile_url = "https://m.example.gov.cn/bszn/g-full";
    g.faq = {{"子女可以代办吗？", "可以，需带委托书。"}};
    return g;
}

DisclosureItem disclosure(std::string id, std::string category, std::string published, std::string title) {
    DisclosureItem d;
    d.id = std::move(id);
    d.category = std::move(category);
    d.published_date = std::move(published);
    d.title = std::move(title);
    return d;
}

Notice notice(std::string id, NoticeLevel level, std::string published, std::optional<std::int64_t> until) {
    Notice n;
    n.id = std::move(id);
    n.title = "通知 " + n.id;
    n.level = level;
    n.publisher = "白沙镇党政办公室";
    n.published_date = std::move(published);
    n.valid_until = until;
    n.body = htmlToBlocks("<p>请相互转告。</p>", {});
    n.mobile_url = "https://m.example.gov.cn/tzgg/" + n.id;
    return n;
}

// The item of that id in a publish's list, to change it for a test; nullptr when there is none.
template <typename Item> Item* byId(std::vector<Item>& items, std::string_view id) {
    for (Item& item : items)
        if (item.id == id) return &item;
    return nullptr;
}

// A small publish with one of everything the pages show.
Content hallContent() {
    Content c;
    c.generation = "g-test";
    c.base_url = "https://portal.example.gov.cn/feed/";
    c.site = {"白沙镇人民政府", "https://www.example.gov.cn",          "https://m.example.gov.cn",
              "12345",          "https://m.example.gov.cn/xxgk/guide", "https://m.example.gov.cn/xxgk/apply"};
    c.catalog = {{"01", "机构职能", {{"0101", "机构设置", {}}}},
                 {"02", "政策文件", {{"0201", "规范性文件", {}}, {"0203", "政策解读", {}}}}};

    DisclosureItem rich = disclosure("d-new", "0201", "2026-03-05", "白沙镇2026年政务公开工作要点");
    rich.index_no = "11350000-2026-00031";
    rich.publisher = "白沙镇人民政府";
    rich.doc_no = "白政〔2026〕3号";
    rich.written_date = "2026-03-02";
    rich.summary = "明确全年政务公开的重点任务。";
    rich.body =
        htmlToBlocks("<h2>一、总体要求</h2><p>详见<a href=\"https://www.example.gov.cn/plan\">年度计划</a>。</p>"
                     "<ol><li>主动公开</li><li>依申请公开</li></ol>",
                     {});
    rich.attachments = {Attachment{"工作要点.pdf", "att/d-new.pdf", std::string(64, 'a'), 1000, "application/pdf",
                                   "https://m.example.gov.cn/att/d-new.pdf"},
                        Attachment{"任务分工表.docx", "att/d-new.docx", std::string(64, 'b'), 1000,
                                   "application/vnd.openxmlformats-officedocument.wordprocessingml.document", ""}};
    rich.related = {"disclosure:d-old", "guide:g-full", "disclosure:gone", "not a ref"};
    rich.url = "https://www.example.gov.cn/zwgk/d-new";
    rich.mobile_url = "https://m.example.gov.cn/zwgk/d-new";
    c.disclosures = {disclosure("d-old", "0201", "2025-01-02", "白沙镇2025年防汛工作方案"), rich,
                     disclosure("d-int", "0203", "2026-04-01", "《白沙镇2026年政务公开工作要点》解读"),
                     disclosure("d-org", "0101", "2024-06-01", "白沙镇内设机构设置")};

    ServiceGuide bare;
    bare.id = "g-bare";
    bare.name = "临时救助申请";
    c.guides = {fullGuide(), bare};

    c.notices = {notice("n-old", NoticeLevel::Normal, "2025-12-01", epochFromCivil(2026, 1, 1, 0, 0, 0, kCst)),
                 notice("n-urgent", NoticeLevel::Urgent, "2026-11-20", epochFromCivil(2026, 12, 1, 0, 0, 0, kCst)),
                 notice("n-imp", NoticeLevel::Important, "2026-11-25", std::nullopt)};
    return c;
}

} // namespace

TEST_CASE("home: a search bar, then one tile per section that opens it, and the hotline", "[kiosk_pages]") {
    const Content content = hallContent();
    const auto [width, height] = GENERATE(std::make_tuple(1920, 1080), std::make_tuple(1080, 1920));
    INFO(width << "x" << height);
    test::UiFrame frame(screenOf(width, height));
    const Built home = build({ScreenKind::Home, {}}, content, width, height);
    const Page& page = home.laid();
    CHECK(home.page.title == "白沙镇人民政府");
    CHECK(home.page.panel.empty());
    CHECK(actionsOf(page) == std::vector<KioskAction>{opens(ScreenKind::Search), opens(ScreenKind::Catalog),
                                                      opens(ScreenKind::Guides), opens(ScreenKind::Notices),
                                                      opens(ScreenKind::Catalog, "0203"), opens(ScreenKind::Apply)});
    // The search bar runs across the page above everything else.
    CHECK(page.buttons.at(0).min.x == 0);
    CHECK(page.buttons.at(0).max.x == page.width);
    for (std::size_t i = 1; i < page.buttons.size(); ++i) CHECK(page.buttons[i].min.y > page.buttons[0].max.y);
    // Each tile reads its section and how much is in it, counted from the publish.
    CHECK(textOfButton(page, opens(ScreenKind::Catalog)) == "政府信息公开目录按类别查阅 4 条公开信息");
    CHECK(textOfButton(page, opens(ScreenKind::Guides)) == "办事指南2 项服务：材料、流程、时限、地点");
    CHECK(textOfButton(page, opens(ScreenKind::Notices)) == "通知公告3 条通知");
    CHECK(textOfButton(page, opens(ScreenKind::Catalog, "0203")) == "政策解读1 篇解读");
    // The hotline is told, not a button: a tap there opens nothing.
    const PageText* hotline = line(page, "12345");
    REQUIRE(hotline != nullptr);
    CHECK(hotline->color == home.style.accent);
    for (const PageButton& button : page.buttons) {
        const bool on_hotline = hotline->pos.x >= button.min.x && hotline->pos.x < button.max.x &&
                                hotline->pos.y >= button.min.y && hotline->pos.y < button.max.y;
        CHECK_FALSE(on_hotline);
    }
    // Home has no ▲ ▼ rail: at the normal size it fits on one screen.
    CHECK(page.height <= home.viewport.height());
}

TEST_CASE("home without a 政策解读 category or a hotline: no interpretation tile, the hall desk instead",
          "[kiosk_pages]") {
    Content content = hallContent();
    content.catalog[1].children.pop_back(); // 0203 政策解读
    content.site.hotline.clear();
    content.site.name.clear();
    test::UiFrame frame(screenOf(1920, 1080));
    const Built home = build({ScreenKind::Home, {}}, content);
    CHECK(home.page.title == "政务公开");
    CHECK(actionsOf(home.laid()) == std::vector<KioskAction>{opens(ScreenKind::Search), opens(ScreenKind::Catalog),
                                                             opens(ScreenKind::Guides), opens(ScreenKind::Notices),
                                                             opens(ScreenKind::Apply)});
    CHECK(says(home.laid(), "请咨询大厅工作人员"));
}

TEST_CASE("catalog: each top category a heading with its count, each child a cell that opens its list",
          "[kiosk_pages]") {
    const Content content = hallContent();
    test::UiFrame frame(screenOf(1920, 1080));
    const Built tree = build({ScreenKind::Catalog, {}}, content);
    const Page& page = tree.laid();
    CHECK(tree.page.title == "政府信息公开目录");
    for (const char* heading : {"机构职能（1 条）", "政策文件（3 条）"}) {
        INFO(heading);
        const PageText* l = line(page, heading);
        REQUIRE(l != nullptr);
        CHECK(l->font == tree.style.bold);
        CHECK(l->color == tree.style.accent);
    }
    CHECK(actionsOf(page) ==
          std::vector<KioskAction>{opens(ScreenKind::Catalog, "01"), opens(ScreenKind::Catalog, "0101"),
                                   opens(ScreenKind::Catalog, "02"), opens(ScreenKind::Catalog, "0201"),
                                   opens(ScreenKind::Catalog, "0203")});
    CHECK(textOfButton(page, opens(ScreenKind::Catalog, "02")) == "全部3 条");
    CHECK(textOfButton(page, opens(ScreenKind::Catalog, "0201")) == "规范性文件2 条");
}

TEST_CASE("items under a category the catalog lacks are browsed under 其他, and home counts what browsing reaches",
          "[kiosk_pages]") {
    Content content = hallContent();
    content.disclosures.push_back(disclosure("d-odd", "0999", "2026-05-01", "白沙镇农村饮水安全公示"));
    content.disclosures.push_back(disclosure("d-none", "", "2026-02-01", "白沙镇防汛物资清单"));
    const auto [width, height] = GENERATE(std::make_tuple(1920, 1080), std::make_tuple(1080, 1920));
    INFO(width << "x" << height);
    test::UiFrame frame(screenOf(width, height));
    const Built tree = build({ScreenKind::Catalog, {}}, content, width, height);
    CHECK(line(tree.laid(), "其他（2 条）") != nullptr);
    CHECK(textOfButton(tree.laid(), opens(ScreenKind::Catalog, std::string(kUncataloguedCode))) == "全部2 条");
    std::string error;
    CHECK(checkScreenRef(content, {ScreenKind::Catalog, std::string(kUncataloguedCode)}, error));
    const Built other = build({ScreenKind::Catalog, std::string(kUncataloguedCode)}, content, width, height);
    CHECK(other.page.title == "其他");
    CHECK(actionsOf(other.laid()) ==
          std::vector<KioskAction>{opens(ScreenKind::Disclosure, "d-odd"), opens(ScreenKind::Disclosure, "d-none")});

    // Home's count is the sum of what the catalog's groups reach: nothing only search can find.
    std::size_t browsable = itemsInCategory(content, std::string(kUncataloguedCode)).size();
    for (const Category& top : content.catalog) browsable += itemsInCategory(content, top.code).size();
    CHECK(browsable == content.disclosures.size());
    const Built home = build({ScreenKind::Home, {}}, content, width, height);
    CHECK(textOfButton(home.laid(), opens(ScreenKind::Catalog)) == "政府信息公开目录按类别查阅 6 条公开信息");

    // A catalog with its own 其他 keeps it; the group of uncatalogued items says what it holds.
    content.catalog.push_back({"99", "其他", {}});
    CHECK(line(build({ScreenKind::Catalog, {}}, content, width, height).laid(), "未归类信息（2 条）") != nullptr);
}

TEST_CASE("the 依申请公开 page points at its code where the layout puts it, and only when there is one",
          "[kiosk_pages]") {
    Content content = hallContent();
    for (const auto& [width, height, where] :
         {std::make_tuple(1920, 1080, "扫右侧二维码"), std::make_tuple(1080, 1920, "扫下方二维码")}) {
        INFO(width << "x" << height);
        test::UiFrame frame(screenOf(width, height));
        const Built apply = build({ScreenKind::Apply, {}}, content, width, height);
        CHECK(says(apply.laid(), where));
        // The code's panel really is there: right of the page in landscape, under it in portrait.
        const KioskLayout layout = layoutKioskScreen(apply.style, screenOf(width, height), {.panel = true});
        if (width > height)
            CHECK(layout.panel.min.x >= apply.viewport.max.x);
        else
            CHECK(layout.panel.min.y >= apply.viewport.max.y);
    }
    content.site.apply_url.clear();
    test::UiFrame frame(screenOf(1920, 1080));
    const Built apply = build({ScreenKind::Apply, {}}, content);
    CHECK_FALSE(says(apply.laid(), "二维码"));
    CHECK_FALSE(says(apply.laid(), "网上提交"));
    CHECK(says(apply.laid(), "也可以邮寄信件。"));
}

TEST_CASE("numbers in table cells are right-aligned, words left-aligned", "[kiosk_pages][table]") {
    Content content = hallContent();
    DisclosureItem* rich = byId(content.disclosures, "d-new");
    REQUIRE(rich != nullptr);
    rich->body = htmlToBlocks("<table><tr><th>项目</th><th>预算（万元）</th></tr>"
                              "<tr><td>社会保障和就业支出</td><td>588.27</td></tr>"
                              "<tr><td>卫生健康支出</td><td>1,279.9</td></tr>"
                              "<tr><td>节能环保支出</td><td>-4.5%</td></tr></table>",
                              {});
    test::UiFrame frame(screenOf(1920, 1080));
    const Built built = build({ScreenKind::Disclosure, "d-new"}, content);
    const Page& page = built.laid();
    std::vector<const PageText*> figures, words;
    for (const char* text : {"588.27", "1,279.9", "-4.5%"}) figures.push_back(line(page, text));
    for (const char* text : {"社会保障和就业支出", "卫生健康支出", "节能环保支出"}) words.push_back(line(page, text));
    for (const PageText* t : figures) REQUIRE(t != nullptr);
    for (const PageText* t : words) REQUIRE(t != nullptr);
    // The figures end at one right edge (their column's, less its padding), and start at different x.
    for (const PageText* t : figures) CHECK(test::lineRight(*t) == Approx(test::lineRight(*figures[0])).margin(0.5));
    CHECK(figures[0]->pos.x != Approx(figures[1]->pos.x).margin(1));
    CHECK(test::lineRight(*figures[0]) > line(page, "预算（万元）")->pos.x + built.style.px(40));
    // Words start at one left edge.
    for (const PageText* t : words) CHECK(t->pos.x == Approx(words[0]->pos.x));
    CHECK(isFigure("588.27"));
    CHECK(isFigure("+4.2"));
    CHECK_FALSE(isFigure("2026年"));
    CHECK_FALSE(isFigure("--"));
}

TEST_CASE("a catalog with no item outside it has no 其他 group", "[kiosk_pages]") {
    const Content content = hallContent();
    test::UiFrame frame(screenOf(1920, 1080));
    CHECK_FALSE(says(build({ScreenKind::Catalog, {}}, content).laid(), "其他"));
}

TEST_CASE("a catalog list: newest first, sub-categories included, each row opening its item", "[kiosk_pages]") {
    const Content content = hallContent();
    test::UiFrame frame(screenOf(1920, 1080));
    const Built list = build({ScreenKind::Catalog, "02"}, content);
    const Page& page = list.laid();
    CHECK(list.page.title == "政策文件");
    CHECK(says(page, "共 3 条，按发布日期从新到旧排列"));
    CHECK(actionsOf(page) == std::vector<KioskAction>{opens(ScreenKind::Disclosure, "d-int"),
                                                      opens(ScreenKind::Disclosure, "d-new"),
                                                      opens(ScreenKind::Disclosure, "d-old")});
    CHECK(textOfButton(page, opens(ScreenKind::Disclosure, "d-new")) ==
          "白沙镇2026年政务公开工作要点2026年3月5日  白沙镇人民政府  白政〔2026〕3号");
}

TEST_CASE("an unknown id: checkScreenRef refuses it, and an unknown category's list says it is empty",
          "[kiosk_pages]") {
    Content content = hallContent();
    // kiosk_app checks every ref before building its page (buildKioskPage requires it).
    std::string error;
    CHECK_FALSE(checkScreenRef(content, {ScreenKind::Catalog, "9999"}, error));
    CHECK(error == "catalog:9999: no catalog category has the code \"9999\"");
    CHECK_FALSE(checkScreenRef(content, {ScreenKind::Disclosure, "gone"}, error));
    CHECK(error == "disclosure:gone is not in the current publish (generation g-test)");
    CHECK_FALSE(checkScreenRef(content, {ScreenKind::Guide, "gone"}, error));
    CHECK_FALSE(checkScreenRef(content, {ScreenKind::Notice, "gone"}, error));
    content.skipped.push_back({"disclosures", "gone", "missing title"});
    CHECK_FALSE(checkScreenRef(content, {ScreenKind::Disclosure, "gone"}, error));
    CHECK(error == "disclosure:gone was skipped by the sync: missing title");
    CHECK(checkScreenRef(content, {ScreenKind::Disclosure, "d-new"}, error));

    test::UiFrame frame(screenOf(1920, 1080));
    const Built empty = build({ScreenKind::Catalog, "9999"}, content);
    CHECK(empty.page.title == "9999");
    CHECK(empty.laid().buttons.empty());
    CHECK(says(empty.laid(), "共 0 条"));
    CHECK(says(empty.laid(), "这个类别暂时没有公开信息。"));
}

TEST_CASE("a disclosure page: title, only the metadata it has, body, attachments and links as QR codes, related "
          "items as rows",
          "[kiosk_pages]") {
    Content content = hallContent();
    test::UiFrame frame(screenOf(1920, 1080));
    const Built item = build({ScreenKind::Disclosure, "d-new"}, content);
    const Page& page = item.laid();
    CHECK(item.page.title == "政府信息公开");
    REQUIRE_FALSE(page.texts.empty());
    CHECK(page.texts.front().text == "白沙镇2026年政务公开工作要点");
    CHECK(page.texts.front().font == item.style.bold);
    CHECK(page.texts.front().size == std::round(item.style.px(item.style.title_px)));
    for (const char* label : {"索引号", "发布机构", "文号", "成文日期", "发布日期"})
        CHECK(line(page, label) != nullptr);
    CHECK(line(page, "2026年3月2日") != nullptr);
    // The feed gave no 有效性 and no keywords: no row for them, not an empty one.
    CHECK(line(page, "有效性") == nullptr);
    CHECK(line(page, "主题词") == nullptr);
    for (const char* heading :
         {"内容概述", "正文", "一、总体要求", "文中链接（用手机扫码打开）", "附件（用手机扫码下载）", "相关信息"})
        CHECK(line(page, heading) != nullptr);
    CHECK(line(page, "1.") != nullptr);
    CHECK(line(page, "主动公开") != nullptr);
    // The link in the body, then the attachments: the one with a url, and the other at base URL + href.
    CHECK(qrUrls(page) == std::vector<std::string>{"https://www.example.gov.cn/plan",
                                                   "https://m.example.gov.cn/att/d-new.pdf",
                                                   "https://portal.example.gov.cn/feed/att/d-new.docx"});
    CHECK(line(page, "任务分工表.docx") != nullptr);
    // Related refs that resolve become rows; one that is gone and one that is no ref are left out.
    CHECK(actionsOf(page) ==
          std::vector<KioskAction>{opens(ScreenKind::Disclosure, "d-old"), opens(ScreenKind::Guide, "g-full")});
    CHECK(textOfButton(page, opens(ScreenKind::Guide, "g-full")) == "高龄老人津贴申请");
    // The fixed panel: the item on the phone, the mobile page before the desktop one.
    REQUIRE(item.page.panel.size() == 1);
    CHECK(item.page.panel[0].url == "https://m.example.gov.cn/zwgk/d-new");
    CHECK(item.page.panel[0].caption == "手机扫码查看全文");

    content.disclosures[1].mobile_url.clear();
    CHECK(build({ScreenKind::Disclosure, "d-new"}, content).page.panel.at(0).url ==
          "https://www.example.gov.cn/zwgk/d-new");
    content.disclosures[1].url.clear(); // no page of its own: the site's mobile page, said as such
    const std::vector<PanelQr> site = build({ScreenKind::Disclosure, "d-new"}, content).page.panel;
    REQUIRE(site.size() == 1);
    CHECK(site[0].url == content.site.mobile_url);
    CHECK(site[0].caption == "手机扫码访问政务公开网站");
    content.site.mobile_url.clear();
    CHECK(build({ScreenKind::Disclosure, "d-new"}, content).page.panel.empty());
}

TEST_CASE("a guide page: facts, materials table, numbered steps, fees, place and time, and both QR codes",
          "[kiosk_pages]") {
    const Content content = hallContent();
    test::UiFrame frame(screenOf(1920, 1080));
    const Built guide = build({ScreenKind::Guide, "g-full"}, content);
    const Page& page = guide.laid();
    CHECK(guide.page.title == "办事指南");
    CHECK(page.texts.front().text == "高龄老人津贴申请");
    CHECK(says(page, "法定 20 个工作日，承诺 5 个工作日"));
    CHECK(says(page, "可以网上办理（扫码）"));
    CHECK(line(page, "事项编码") != nullptr);
    for (const char* heading : {"受理条件", "申请材料", "办理流程", "收费", "地点和时间", "设定依据", "常见问题"})
        CHECK(line(page, heading) != nullptr);
    // The materials table: its header, then a row per material; an optional one says so.
    for (const char* cell :
         {"材料名称", "原件/复印件", "份数", "是否必需", "居民身份证", "来源：公安机关", "视情况提供"})
        CHECK(line(page, cell) != nullptr);
    // Steps are numbered, with their days: 0 days reads 即办.
    for (const char* text : {"1.", "2.", "3.", "受理（即办）", "审核（3 个工作日）", "发放"})
        CHECK(line(page, text) != nullptr);
    CHECK(line(page, "工本费") != nullptr);
    CHECK(line(page, "10元") != nullptr);
    CHECK(says(page, "答：可以，需带委托书。"));
    REQUIRE(guide.page.panel.size() == 2);
    CHECK(guide.page.panel[0].url == "https://m.example.gov.cn/bszn/g-full");
    CHECK(guide.page.panel[0].caption == "手机扫码查看指南");
    CHECK(guide.page.panel[1].url == "https://zwfw.example.gov.cn/g-full");
    CHECK(guide.page.panel[1].caption == "网上办理");
}

// A guide page says only what the feed says: with neither fees nor a fee note there is no 收费
// section (nothing says it is free), and with no place, hours or phones no 地点和时间 heading.
TEST_CASE("a guide page with no fees and no place shows no 收费 and no 地点和时间 section", "[kiosk_pages]") {
    const Content content = hallContent();
    test::UiFrame frame(screenOf(1920, 1080));
    const Built guide = build({ScreenKind::Guide, "g-bare"}, content);
    const Page& page = guide.laid();
    for (const char* absent : {"收费", "不收费", "地点和时间"}) CHECK(line(page, absent) == nullptr);
    for (const CardField& field : guideCard(*content.findGuide("g-bare")).fields) CHECK(field.label != "收费");
    // Nothing else is made up: no facts table rows, no steps; the only QR code is the site's.
    for (const char* absent : {"实施主体", "办理时限", "到现场次数", "网上办理", "申请材料", "办理流程", "办理地点"})
        CHECK(line(page, absent) == nullptr);
    REQUIRE(guide.page.panel.size() == 1);
    CHECK(guide.page.panel[0].caption == "手机扫码访问政务公开网站");
}

TEST_CASE("a guide page with only a fee note shows it under 收费", "[kiosk_pages]") {
    Content content = hallContent();
    ServiceGuide* bare = byId(content.guides, "g-bare");
    REQUIRE(bare != nullptr);
    bare->fee_note = "按物价部门核定标准收取";
    bare->consult_phone = "0591-1234567";
    test::UiFrame frame(screenOf(1920, 1080));
    const Built guide = build({ScreenKind::Guide, "g-bare"}, content);
    const Page& page = guide.laid();
    CHECK(line(page, "收费") != nullptr);
    CHECK(line(page, "按物价部门核定标准收取") != nullptr);
    CHECK(line(page, "不收费") == nullptr);
    CHECK(line(page, "地点和时间") != nullptr); // the phone is there
}

TEST_CASE("a body link's QR code says where it leads: its text on the portal's hosts, the domain elsewhere",
          "[kiosk_pages][qr]") {
    Content content = hallContent();
    DisclosureItem* rich = byId(content.disclosures, "d-new");
    REQUIRE(rich != nullptr);
    rich->attachments.clear(); // only the body's codes on the page
    rich->body = htmlToBlocks("<p><a href=\"https://www.example.gov.cn/plan\">年度计划</a>和"
                              "<a href=\"https://M.Example.gov.cn:8443/x\">手机版</a>。</p>",
                              {});
    test::UiFrame frame(screenOf(1920, 1080));
    const Built own_built = build({ScreenKind::Disclosure, "d-new"}, content);
    const Page& own = own_built.laid();
    CHECK(line(own, "年度计划") != nullptr); // the portal's own host: what the link is
    CHECK(line(own, "手机版") != nullptr);   // the site's mobile host, whatever its case and port
    CHECK_FALSE(says(own, "外部链接"));

    rich->body = htmlToBlocks("<p>请<a href=\"https://evil.example.com/win\">领取补贴</a>。</p>", {});
    const Built outside_built = build({ScreenKind::Disclosure, "d-new"}, content);
    const Page& outside = outside_built.laid();
    CHECK(says(outside, "外部链接：evil.example.com")); // (the caption may wrap under its code)
    // An outside link's own words do not vouch for it: they are only in the sentence that says them.
    CHECK(line(outside, "领取补贴") == nullptr);
}

TEST_CASE("notice pages: the level, the validity, an expired notice marked, the phone QR, and the list order",
          "[kiosk_pages]") {
    Content content = hallContent();
    // In force from next week: neither expired nor current.
    Notice next = notice("n-next", NoticeLevel::Normal, "2026-11-27", epochFromCivil(2026, 12, 31, 0, 0, 0, kCst));
    next.valid_from = epochFromCivil(2026, 12, 5, 9, 0, 0, kCst);
    content.notices.push_back(next);
    test::UiFrame frame(screenOf(1920, 1080));
    const Built urgent = build({ScreenKind::Notice, "n-urgent"}, content);
    CHECK(urgent.page.title == "通知公告");
    REQUIRE(urgent.laid().texts.size() > 2);
    CHECK(urgent.laid().texts[0].text == "紧急通知");
    CHECK(urgent.laid().texts[0].color == urgent.style.accent);
    CHECK(urgent.laid().texts[1].text == "通知 n-urgent");
    CHECK(line(urgent.laid(), "2026年11月20日　白沙镇党政办公室") != nullptr);
    CHECK(line(urgent.laid(), "有效期至 2026年12月1日 00:00") != nullptr);
    CHECK(line(urgent.laid(), "请相互转告。") != nullptr);
    REQUIRE(urgent.page.panel.size() == 1);
    CHECK(urgent.page.panel[0].url == "https://m.example.gov.cn/tzgg/n-urgent");

    const Built expired = build({ScreenKind::Notice, "n-old"}, content);
    const PageText* note = line(expired.laid(), "本通知已过有效期，仅供查阅。");
    REQUIRE(note != nullptr);
    CHECK(note->color == expired.style.warning);
    CHECK_FALSE(says(expired.laid(), "有效期至"));
    CHECK(build({ScreenKind::Notice, "n-imp"}, content).laid().texts.at(0).text == "重要通知");

    const Built not_yet = build({ScreenKind::Notice, "n-next"}, content);
    const PageText* starts = line(not_yet.laid(), "本通知尚未生效，自2026年12月5日 09:00起生效。");
    REQUIRE(starts != nullptr);
    CHECK(starts->color == not_yet.style.warning);
    CHECK_FALSE(says(not_yet.laid(), "已过有效期"));
    CHECK(says(not_yet.laid(), "有效期至 2026年12月31日 00:00"));

    // The list: notices in force first (newest first), then those not yet in force, then the
    // expired, each marked.
    const Built list = build({ScreenKind::Notices, {}}, content);
    CHECK(actionsOf(list.laid()) ==
          std::vector<KioskAction>{opens(ScreenKind::Notice, "n-imp"), opens(ScreenKind::Notice, "n-urgent"),
                                   opens(ScreenKind::Notice, "n-next"), opens(ScreenKind::Notice, "n-old")});
    CHECK(textOfButton(list.laid(), opens(ScreenKind::Notice, "n-next")) ==
          "通知 n-next【未生效】2026年12月5日起生效　2026年11月27日  白沙镇党政办公室");
    CHECK(textOfButton(list.laid(), opens(ScreenKind::Notice, "n-urgent")) ==
          "通知 n-urgent【紧急】2026年11月20日  白沙镇党政办公室");
    CHECK(textOfButton(list.laid(), opens(ScreenKind::Notice, "n-old")) ==
          "通知 n-old【已过期】2025年12月1日  白沙镇党政办公室");
}

TEST_CASE("the search page: what to type, waiting for the index, nothing found, results that open their items",
          "[kiosk_pages][search]") {
    const Content content = hallContent();
    test::UiFrame frame(screenOf(1920, 1080));
    const KioskAction edit{KioskActionKind::EditSearch, {}};

    SECTION("without a query it says what can be searched; the query line brings the keyboard back") {
        const Built page = build({ScreenKind::Search, {}}, content);
        CHECK(page.page.title == "搜索");
        CHECK(says(page.laid(), "点这里输入要找的内容"));
        CHECK(says(page.laid(), "拼音首字母"));
        CHECK(actionsOf(page.laid()) == std::vector<KioskAction>{edit});
    }
    SECTION("while the index is built it asks to wait") {
        const Built page = build({ScreenKind::Search, "高龄"}, content);
        CHECK(says(page.laid(), "搜索：高龄"));
        CHECK(says(page.laid(), "正在准备搜索，请稍候……"));
    }
    SECTION("nothing found: what to try, and the hotline") {
        SearchResults none;
        none.query = none.folded_query = "火星";
        const Built page = build({ScreenKind::Search, "火星"}, content, 1920, 1080, false, &none);
        CHECK(says(page.laid(), "没有找到与“火星”有关的信息。"));
        CHECK(says(page.laid(), "也可以拨打咨询电话 12345，或到服务窗口咨询工作人员。"));
        CHECK(actionsOf(page.laid()) == std::vector<KioskAction>{edit});
    }
    SECTION("results: how many, a row per hit that opens it, the match marked where it is") {
        SearchResults found;
        found.query = found.folded_query = "高龄";
        found.total = 5;
        SearchHit title_hit;
        title_hit.item = {SearchItemKind::Guide, 0};
        title_hit.ref = "guide:g-full";
        title_hit.title = "高龄老人津贴申请";
        title_hit.field = SearchField::Title;
        title_hit.snippet = title_hit.title;
        title_hit.match_start = 0;
        title_hit.match_length = std::string("高龄").size();
        SearchHit body_hit;
        body_hit.item = {SearchItemKind::Disclosure, 1};
        body_hit.ref = "disclosure:d-new";
        body_hit.title = "白沙镇2026年政务公开工作要点";
        body_hit.field = SearchField::Body;
        body_hit.date = "2026-03-05";
        body_hit.snippet = "为高龄老人上门办理";
        body_hit.match_start = std::string("为").size();
        body_hit.match_length = std::string("高龄").size();
        found.hits = {title_hit, body_hit};
        const Built built = build({ScreenKind::Search, "高龄"}, content, 1920, 1080, false, &found);
        const Page& page = built.laid();
        CHECK(says(page, "找到 5 条，显示最相关的 2 条"));
        CHECK(actionsOf(page) == std::vector<KioskAction>{edit, opens(ScreenKind::Guide, "g-full"),
                                                          opens(ScreenKind::Disclosure, "d-new")});
        CHECK(textOfButton(page, opens(ScreenKind::Disclosure, "d-new")) ==
              "【信息公开】白沙镇2026年政务公开工作要点匹配：正文　2026年3月5日为高龄老人上门办理");
        // One highlight per hit, each exactly under the two characters of 高龄 (with the style's
        // 2 px margin): in the title after 【办事指南】, in the body snippet after 为.
        std::vector<const PageRect*> marks;
        for (const PageRect& r : page.rects)
            if (r.fill == built.style.mark) marks.push_back(&r);
        REQUIRE(marks.size() == 2);
        const PageText* title = line(page, "【办事指南】高龄老人津贴申请");
        const PageText* snippet = line(page, "为高龄老人上门办理");
        REQUIRE(title != nullptr);
        REQUIRE(snippet != nullptr);
        const float match_w = measureLine(title->font, title->size, "高龄");
        for (const auto& [mark, on] : {std::pair{marks[0], title}, std::pair{marks[1], snippet}}) {
            const std::string_view before = on == title ? "【办事指南】" : "为";
            const float x0 = on->pos.x + measureLine(on->font, on->size, before);
            CHECK(mark->min.x == Approx(x0 - built.style.px(2)));
            CHECK(mark->max.x == Approx(x0 + match_w + built.style.px(2)));
            CHECK(mark->min.y <= on->pos.y);
            CHECK(mark->max.y >= on->pos.y + on->size);
        }
    }
}

TEST_CASE("elder search with the keyboard up: three whole results beside or above it, each match in sight",
          "[kiosk_pages][search]") {
    const auto [width, height] = GENERATE(std::make_pair(1920, 1080), std::make_pair(1080, 1920),
                                          std::make_pair(1366, 768), std::make_pair(720, 1280));
    INFO(width << "x" << height);
    const Content content = hallContent();
    test::UiFrame frame(screenOf(width, height));
    // Long titles matched near their end, and body matches deep in a long passage: the hardest
    // rows to keep short.
    SearchResults found;
    found.query = found.folded_query = "政务";
    for (int i = 0; i < 6; ++i) {
        SearchHit hit;
        hit.item = {i % 2 ? SearchItemKind::Disclosure : SearchItemKind::Guide, static_cast<std::size_t>(i)};
        hit.ref = "disclosure:d-new";
        hit.title = "青溪县白沙镇人民政府办公室关于印发白沙镇2026年政务公开工作要点的通知" + std::to_string(i);
        hit.field = i % 2 ? SearchField::Title : SearchField::Body;
        hit.snippet = i % 2 ? hit.title
                            : "各村（社区）、镇直各单位：现将《白沙镇2026年度重点工作安排》印发给你们，请结合政务服务实"
                              "际认真贯彻落实。";
        hit.match_start = hit.snippet.find("政务");
        hit.match_length = std::string("政务").size();
        hit.date = "2026-03-05";
        found.hits.push_back(hit);
    }
    found.total = found.hits.size();
    const Built built = build({ScreenKind::Search, "政务"}, content, width, height, true, &found, true);
    const Page& page = built.laid();
    const float target = built.style.px(kElderKeyMinPx);
    std::vector<const PageButton*> whole; // result rows entirely inside the viewport
    for (const PageButton& b : page.buttons) {
        CHECK(b.max.y - b.min.y >= target);
        if (b.action.kind == KioskActionKind::Open && b.max.y <= built.viewport.height()) whole.push_back(&b);
    }
    CHECK(whole.size() >= 3);
    CHECK_FALSE(says(page, "搜索：政务")); // the keyboard's input line shows the query
    // Each whole row shows its match: a highlight inside the row, as wide as the two characters
    // of the line it marks.
    for (const PageButton* row : whole) {
        const auto mark = std::find_if(page.rects.begin(), page.rects.end(), [&](const PageRect& r) {
            return r.fill == built.style.mark && r.min.y >= row->min.y && r.max.y <= row->max.y;
        });
        REQUIRE(mark != page.rects.end());
        const auto marked = std::find_if(page.texts.begin(), page.texts.end(), [&](const PageText& t) {
            return t.pos.y >= mark->min.y && t.pos.y < mark->max.y && t.text.find("政务") != std::string::npos;
        });
        REQUIRE(marked != page.texts.end());
        CHECK(mark->max.x - mark->min.x >= measureLine(marked->font, marked->size, "政务"));
        CHECK(mark->max.x <= built.viewport.width());
    }
}

TEST_CASE("a paragraph wraps greedily inside the width and keeps every character", "[kiosk_pages][wrap]") {
    test::UiFrame frame(screenOf(1920, 1080));
    const KioskStyle style = test::UiContext::get().kioskStyle(1920, 1080, false);
    const float width = 1000;
    std::string prose; // no punctuation: where each line ends is then up to the width alone
    for (int i = 0; i < 12; ++i) prose += "政府信息公开目录办事指南通知公告";
    const std::string url = "https://m.qingxi.example.gov.cn/bsz/att/xxgk/" + std::string(160, 'x') + ".pdf";
    // A URL breaks only where UAX #14 allows (after '/'), and a run too long for any line is cut
    // where it must: it stays inside the width but does not fill every line.
    for (const auto& [text, greedy] : {std::pair{prose, true}, std::pair{url, false}}) {
        INFO(text);
        PageBuilder builder(style, width);
        builder.text(text, TextRole::Body);
        const Page page = builder.finish();
        REQUIRE(page.texts.size() > 1);
        std::string joined;
        for (std::size_t i = 0; i < page.texts.size(); ++i) {
            const PageText& l = page.texts[i];
            joined += l.text;
            CHECK(test::lineRight(l) <= width + 0.5f);
            if (greedy && i + 1 < page.texts.size()) {
                // Greedy: the next line's first character would not have fitted on this one.
                char32_t next = 0;
                utf8Next(page.texts[i + 1].text, 0, next);
                std::string next_utf8;
                appendUtf8(next_utf8, next);
                CHECK(measureLine(l.font, l.size, l.text + next_utf8) > width);
                CHECK(page.texts[i + 1].pos.y > l.pos.y);
            }
        }
        CHECK(joined == text);
    }
}

TEST_CASE("elder mode: the same page in larger text, fewer characters a line, taller rows", "[kiosk_pages][elder]") {
    const auto content = test::demoPortal();
    test::UiFrame frame(screenOf(1920, 1080));
    // The demo's longest item: paragraphs that wrap over many lines.
    const DisclosureItem* longest = &content->disclosures.front();
    for (const DisclosureItem& d : content->disclosures)
        if (bodyLength(d) > bodyLength(*longest)) longest = &d;
    const ScreenRef ref{ScreenKind::Disclosure, longest->id};
    INFO(toString(ref));
    const Built normal = build(ref, *content, 1920, 1080, false);
    const Built elder = build(ref, *content, 1920, 1080, true);
    auto smallest = [](const Page& page) {
        float size = 1e9f;
        for (const PageText& l : page.texts) size = std::min(size, l.size);
        return size;
    };
    auto longest_line = [](const Page& page) {
        std::size_t chars = 0;
        for (const PageText& l : page.texts) chars = std::max(chars, decodeUtf8(l.text).size());
        return chars;
    };
    CHECK(smallest(normal.laid()) == 28);
    CHECK(smallest(elder.laid()) == 58);
    CHECK(longest_line(elder.laid()) < longest_line(normal.laid()));
    CHECK(elder.laid().height > normal.laid().height * 1.2f);
    CHECK(elder.laid().texts.size() > normal.laid().texts.size());
    // The viewport is narrower too (wider rail and panel), and nothing crosses it.
    CHECK(elder.viewport.width() < normal.viewport.width());
    for (const PageText& l : elder.laid().texts) CHECK(test::lineRight(l) <= elder.viewport.width() + 1.0f);
}

TEST_CASE("every demo page, both orientations, both modes: lines, boxes, codes and buttons stay inside the page",
          "[kiosk_pages][demo]") {
    const auto [width, height, elder] = GENERATE(std::make_tuple(1920, 1080, false), std::make_tuple(1080, 1920, false),
                                                 std::make_tuple(1920, 1080, true), std::make_tuple(1080, 1920, true));
    const auto content = test::demoPortal();
    std::vector<ScreenRef> refs{{ScreenKind::Home, {}},    {ScreenKind::Catalog, {}}, {ScreenKind::Guides, {}},
                                {ScreenKind::Notices, {}}, {ScreenKind::Apply, {}},   {ScreenKind::Search, {}}};
    for (const Category& top : content->catalog) {
        refs.push_back({ScreenKind::Catalog, top.code});
        for (const Category& child : top.children) refs.push_back({ScreenKind::Catalog, child.code});
    }
    for (const DisclosureItem& item : content->disclosures) refs.push_back({ScreenKind::Disclosure, item.id});
    for (const ServiceGuide& guide : content->guides) refs.push_back({ScreenKind::Guide, guide.id});
    for (const Notice& notice : content->notices) refs.push_back({ScreenKind::Notice, notice.id});
    REQUIRE(refs.size() > 90);
    // 适老化: text of a 19 px CJK em and more (elder: 40 px, measured from the font's advance of an
    // ideograph at the line's size) and targets ≥ 96 px (≥ 120 px) at 1080 px.
    const float min_em = elder ? 40.0f : 19.0f;
    const float min_target = elder ? 120.0f : 96.0f;
    for (const ScreenRef& ref : refs) {
        INFO(toString(ref) << " at " << width << "x" << height << (elder ? " elder" : ""));
        std::string error;
        REQUIRE(checkScreenRef(*content, ref, error));
        test::UiFrame frame(screenOf(width, height)); // a frame per page, as the kiosk lays out one per frame
        const Built built = build(ref, *content, width, height, elder);
        const Page& page = built.laid();
        CHECK(page.width == built.viewport.width());
        CHECK_FALSE(page.texts.empty());
        for (const PageText& l : page.texts) {
            CHECK(l.font->GetFontBaked(l.size)->GetCharAdvance(U'国') >= min_em - 0.01f);
            CHECK(l.pos.x >= 0);
            CHECK(test::lineRight(l) <= page.width + 1.0f);
            CHECK(l.pos.y + l.size <= page.height + 0.5f); // scrolling to the end shows the last line
        }
        for (const PageRect& r : page.rects) {
            CHECK(r.min.x >= 0);
            CHECK(r.max.x <= page.width + 0.5f);
        }
        for (const PageQr& qr : page.qrs) {
            CHECK(qr.pos.x >= 0);
            CHECK(qr.pos.x + static_cast<float>(qr.matrix.size * qr.module_px) <= page.width + 0.5f);
        }
        for (std::size_t i = 0; i < page.buttons.size(); ++i) {
            const PageButton& b = page.buttons[i];
            CHECK(b.max.y - b.min.y >= min_target - 0.01f);
            CHECK(b.min.x >= 0);
            CHECK(b.max.x <= page.width + 0.5f);
            for (std::size_t j = i + 1; j < page.buttons.size(); ++j) CHECK_FALSE(overlaps(b, page.buttons[j]));
        }
    }
}

TEST_CASE("a page shows half-width punctuation in Chinese as full-width, and the publish keeps the portal's text",
          "[kiosk_pages][cjk_punct]") {
    Content content = hallContent();
    Notice mixed = notice("n-mixed", NoticeLevel::Normal, "2026-11-27", std::nullopt);
    mixed.title = "关于办理居住证(2026年版)的通知";
    const std::string paragraph = "申请人应当提交以下材料,包括:身份证;户口簿.";
    mixed.body = htmlToBlocks("<h2>办理时间:</h2><p>" + paragraph +
                                  "</p><p>工作日08:00-17:00, 咨询 0571-88888888, 比例3.5%</p>"
                                  "<table><tr><th>材料</th><th>金额</th></tr>"
                                  "<tr><td>身份证(原件)</td><td>1,000</td></tr></table>",
                              {});
    content.notices.push_back(mixed);
    test::UiFrame frame(screenOf(1920, 1080));
    const Built built = build({ScreenKind::Notice, "n-mixed"}, content);
    const Page& page = built.laid();
    CHECK(says(page, "关于办理居住证（2026年版）的通知"));
    CHECK(says(page, "办理时间："));
    CHECK(says(page, "申请人应当提交以下材料，包括：身份证；户口簿。"));
    // Numbers, times and phone numbers stay, and so does a comma after a figure.
    CHECK(says(page, "工作日08:00-17:00,"));
    CHECK(says(page, "0571-88888888,"));
    CHECK(says(page, "比例3.5%"));
    CHECK(line(page, "身份证（原件）") != nullptr);
    CHECK(line(page, "1,000") != nullptr);
    // What is stored (and searched) is the portal's text.
    const Notice* stored = content.findNotice("n-mixed");
    REQUIRE(stored != nullptr);
    CHECK(stored->title == "关于办理居住证(2026年版)的通知");
    REQUIRE(stored->body.blocks.size() > 1);
    CHECK(stored->body.blocks[1].text == paragraph);
}

TEST_CASE("a search match is marked under its characters where the shown snippet's punctuation changed",
          "[kiosk_pages][search][cjk_punct]") {
    const Content content = hallContent();
    test::UiFrame frame(screenOf(1920, 1080));
    SearchResults found;
    found.query = found.folded_query = "身份证";
    found.total = 1;
    SearchHit hit;
    hit.item = {SearchItemKind::Disclosure, 1};
    hit.ref = "disclosure:d-new";
    hit.title = "白沙镇2026年政务公开工作要点";
    hit.field = SearchField::Body;
    hit.snippet = "材料, 包括:身份证;户口簿";
    hit.match_start = hit.snippet.find("身份证");
    hit.match_length = std::string("身份证").size();
    found.hits = {hit};
    const Built built = build({ScreenKind::Search, "身份证"}, content, 1920, 1080, false, &found);
    const Page& page = built.laid();
    const PageText* snippet = line(page, "材料，包括：身份证；户口簿");
    REQUIRE(snippet != nullptr);
    std::vector<const PageRect*> marks;
    for (const PageRect& r : page.rects)
        if (r.fill == built.style.mark) marks.push_back(&r);
    REQUIRE(marks.size() == 1);
    const float x0 = snippet->pos.x + measureLine(snippet->font, snippet->size, "材料，包括：");
    const float x1 = snippet->pos.x + measureLine(snippet->font, snippet->size, "材料，包括：身份证");
    CHECK(marks[0]->min.x == Approx(x0 - built.style.px(2)));
    CHECK(marks[0]->max.x == Approx(x1 + built.style.px(2)));
}

namespace {

// hallContent() with d-new's PDF (sha256 "aaaa…") present in a store of its own.
struct WithPdfInStore {
    WithPdfInStore()
        : content(hallContent()),
          store(fs::temp_directory_path() / ("gongkai-kiosk-pages-attachment-" + std::to_string(::getpid()))) {
        const std::string sha(64, 'a');
        fs::create_directories(store / sha.substr(0, 2));
        std::ofstream(store / sha.substr(0, 2) / sha) << "%PDF-1.4 (the page tests never render it)";
        content.objects_dir = store;
    }
    ~WithPdfInStore() { fs::remove_all(store); }
    Content content;
    fs::path store;
};

Built buildAttachment(const Content& content, const std::string& id, const AttachmentPageState& state, int width = 1920,
                      int height = 1080, bool elder = false) {
    const KioskStyle style = test::UiContext::get().kioskStyle(width, height, elder);
    const KioskLayout layout = layoutKioskScreen(style, screenOf(width, height), {.panel = true, .rail = true});
    const Rect viewport = pageViewport(style, layout);
    PageContext context{&content, kNow, kCst, nullptr, false, &state};
    const ScreenRef ref{ScreenKind::Attachment, id};
    return {buildKioskPage(ref, context, style, viewport.width(), viewport.height()), style, viewport};
}

KioskAction turnsTo(const std::string& id) {
    return {KioskActionKind::TurnPage, ScreenRef{ScreenKind::Attachment, id}};
}

} // namespace

TEST_CASE("attachment refs: ITEM:N and ITEM:N:PAGE, read from the right, checked against the store",
          "[nav][attachment]") {
    const std::optional<AttachmentRef> short_form = parseAttachmentRef("d-new:1");
    REQUIRE(short_form);
    CHECK(short_form->item_id == "d-new");
    CHECK(short_form->index == 1);
    CHECK(short_form->page == 1);
    const std::optional<AttachmentRef> colon_in_id = parseAttachmentRef("zw:2026:2:15");
    REQUIRE(colon_in_id);
    CHECK(colon_in_id->item_id == "zw:2026");
    CHECK(colon_in_id->index == 2);
    CHECK(colon_in_id->page == 15);
    for (const char* bad : {"d-new", "d-new:0", "d-new:1:0", "d-new:x", ":1", "d-new:-1", "d-new:1:9999999"}) {
        INFO(bad);
        CHECK_FALSE(parseAttachmentRef(bad));
    }
    CHECK(toString(attachmentScreen({"d-new", 1, 3})) == "attachment:d-new:1:3");
    CHECK(parseScreenRef("attachment:d-new:1") == ScreenRef{ScreenKind::Attachment, "d-new:1"});
    CHECK_FALSE(parseScreenRef("attachment"));

    WithPdfInStore store;
    std::string error;
    CHECK(checkScreenRef(store.content, {ScreenKind::Attachment, "d-new:1:2"}, error));
    // The .docx is offered by QR code only; the PDF's file gone from the store, too.
    CHECK_FALSE(checkScreenRef(store.content, {ScreenKind::Attachment, "d-new:2"}, error));
    CHECK(error.find("QR code only") != std::string::npos);
    CHECK_FALSE(checkScreenRef(store.content, {ScreenKind::Attachment, "d-new:3"}, error));
    CHECK(error.find("has no attachment 3") != std::string::npos);
    CHECK_FALSE(checkScreenRef(hallContent(), {ScreenKind::Attachment, "d-new:1"}, error));
    CHECK(error.find("not in the store") != std::string::npos);
}

TEST_CASE("a disclosure page opens its PDFs the kiosk holds, and still offers every file by QR code",
          "[kiosk_pages][attachment]") {
    WithPdfInStore store;
    test::UiFrame frame(screenOf(1920, 1080));
    const Built page_built = build({ScreenKind::Disclosure, "d-new"}, store.content);
    const Page& page = page_built.laid();
    CHECK(line(page, "附件（在本机阅读）") != nullptr);
    CHECK(textOfButton(page, openAction(attachmentScreen({"d-new", 1, 1}))) ==
          "工作要点.pdfPDF 文件，点击在本机逐页阅读");
    CHECK(qrUrls(page).size() == 3); // the link and both files, the PDF too
    // Without its file in the store the PDF is a QR code only.
    const Built without_built = build({ScreenKind::Disclosure, "d-new"}, hallContent());
    const Page& without = without_built.laid();
    CHECK(line(without, "附件（在本机阅读）") == nullptr);
}

TEST_CASE("an attachment's page: where the resident is, the pages before and after, the page fit to the width",
          "[kiosk_pages][attachment]") {
    WithPdfInStore store;
    test::UiFrame frame(screenOf(1920, 1080));
    AttachmentPageState shown;
    shown.status = AttachmentPageState::Status::Shown;
    shown.page_count = 3;
    shown.image_key = "pdf:page-2";
    shown.width = 900;
    shown.height = 1270;
    const Built middle = buildAttachment(store.content, "d-new:1:2", shown);
    const Page& page = middle.laid();
    CHECK(middle.page.title == "附件");
    CHECK(page.texts.front().text == "工作要点.pdf");
    CHECK(says(page, "第 2 页，共 3 页"));
    // Both ways, above the page and below it.
    CHECK(std::count_if(page.buttons.begin(), page.buttons.end(),
                        [](const PageButton& b) { return b.action == turnsTo("d-new:1:1"); }) == 2);
    CHECK(std::count_if(page.buttons.begin(), page.buttons.end(),
                        [](const PageButton& b) { return b.action == turnsTo("d-new:1:3"); }) == 2);
    REQUIRE(page.images.size() == 1);
    CHECK(page.images[0].attachment_key == "pdf:page-2");
    CHECK(page.images[0].size.x <= middle.viewport.width());
    CHECK(page.images[0].size.y / page.images[0].size.x == Approx(1270.0f / 900.0f).epsilon(0.005));
    // The panel offers the file itself.
    REQUIRE(middle.page.panel.size() == 1);
    CHECK(middle.page.panel[0].url == "https://m.example.gov.cn/att/d-new.pdf");
    CHECK(middle.page.panel[0].caption == "手机扫码下载此文件");

    shown.page_count = 2;
    const Built first_built = buildAttachment(store.content, "d-new:1:1", shown);
    const Page& first = first_built.laid();
    CHECK(actionsOf(first) ==
          std::vector<KioskAction>{turnsTo("d-new:1:2"), turnsTo("d-new:1:1@125"), turnsTo("d-new:1:2")});
    const Built last_built = buildAttachment(store.content, "d-new:1:2", shown);
    const Page& last = last_built.laid();
    CHECK(actionsOf(last) ==
          std::vector<KioskAction>{turnsTo("d-new:1:1"), turnsTo("d-new:1:2@125"), turnsTo("d-new:1:1")});
}

TEST_CASE("attachment refs carry the zoom after the page, one of the steps", "[nav][attachment]") {
    const std::optional<AttachmentRef> zoomed = parseAttachmentRef("zw:2026:2:15@150");
    REQUIRE(zoomed);
    CHECK(zoomed->item_id == "zw:2026");
    CHECK(zoomed->index == 2);
    CHECK(zoomed->page == 15);
    CHECK(zoomed->zoom == 150);
    CHECK(parseAttachmentRef("d-new:1:3")->zoom == 0); // the mode's own
    CHECK(toString(attachmentScreen({"d-new", 1, 3, 200})) == "attachment:d-new:1:3@200");
    CHECK(toString(attachmentScreen({"d-new", 1, 3, 0})) == "attachment:d-new:1:3");
    for (const char* bad :
         {"d-new:1:2@120", "d-new:1:2@", "d-new:1:2@0", "d-new:1@150", "d-new:1:2@1500", "d-new:1:@150"}) {
        INFO(bad);
        CHECK_FALSE(parseAttachmentRef(bad));
    }
    WithPdfInStore store;
    std::string error;
    CHECK(checkScreenRef(store.content, {ScreenKind::Attachment, "d-new:1:2@250"}, error));
    CHECK_FALSE(checkScreenRef(store.content, {ScreenKind::Attachment, "d-new:1:2@300"}, error));
    CHECK(error.find("ZOOM one of 100, 125, 150, 175, 200, 250") != std::string::npos);
}

TEST_CASE("zoom: normal mode fits the page, elder mode starts where 12 pt A4 text is the elder size, and it pans",
          "[kiosk_pages][attachment]") {
    WithPdfInStore store;
    for (const ImVec2 screen : {screenOf(1920, 1080), screenOf(1080, 1920)}) {
        const int w = static_cast<int>(screen.x), h = static_cast<int>(screen.y);
        INFO(w << "x" << h);
        test::UiFrame frame(screen);
        const KioskStyle normal = test::UiContext::get().kioskStyle(w, h, false);
        const KioskStyle elder = test::UiContext::get().kioskStyle(w, h, true);
        const Rect normal_area = pageViewport(normal, layoutKioskScreen(normal, screen, {.panel = true, .rail = true}));
        const Rect elder_area = pageViewport(elder, layoutKioskScreen(elder, screen, {.panel = true, .rail = true}));
        const AttachmentRef ref{"d-new", 1, 1};
        CHECK(attachmentRenderWidth(ref, normal, normal_area.width()) == static_cast<int>(normal_area.width()));
        // Elder: an A4 page (595.28 pt) wide enough that 12 pt is the elder em (58 px line box / 1.448).
        const float elder_em = 58.0f * elder.scale / 1.448f;
        const int elder_width = attachmentRenderWidth(ref, elder, elder_area.width());
        CHECK(elder_width >= 595.28f * elder_em / 12.0f);
        CHECK(elder_width <= kMaxAttachmentWidthPx);
        const int zoom = attachmentZoom(ref, elder, elder_area.width());
        CHECK(zoom > 100);
        // A zoom the resident chose is kept in elder mode too.
        CHECK(attachmentZoom({"d-new", 1, 1, 125}, elder, elder_area.width()) == 125);

        AttachmentPageState shown;
        shown.status = AttachmentPageState::Status::Shown;
        shown.page_count = 2;
        shown.image_key = "pdf:zoomed";
        shown.width = elder_width;
        shown.height = elder_width * 1414 / 1000;
        const Built built = buildAttachment(store.content, "d-new:1:1", shown, w, h, true);
        const Page& page = built.laid();
        // Drawn texel for texel from the left; it reaches past the page by what a drag can pan.
        REQUIRE(page.images.size() == 1);
        CHECK(page.images[0].size.x == static_cast<float>(elder_width));
        CHECK(page.images[0].pos.x == 0);
        CHECK(maxPan(page) == Approx(static_cast<float>(elder_width) - page.width));
        CHECK(says(page, "缩放 " + std::to_string(zoom) + "%，可左右拖动"));
        // 缩小 and 放大 go one step from where it is, on the same page.
        const auto step = std::find(std::begin(kAttachmentZooms), std::end(kAttachmentZooms), zoom);
        REQUIRE(step != std::end(kAttachmentZooms));
        CHECK(textOfButton(page, turnsTo("d-new:1:1@" + std::to_string(*(step - 1)))) == "缩小");
        // The page starts high on the first screen, under the title and the controls.
        CHECK(page.images[0].pos.y < built.viewport.height() * 0.6f);
        // Turning keeps the mode's zoom.
        CHECK(textOfButton(page, turnsTo("d-new:1:2")) == "下一页 ›");
        // The tiles are touch targets at the elder size.
        for (const PageButton& b : page.buttons) CHECK(b.max.y - b.min.y >= elder.px(120) - 0.5f);

        // Fit to the width: nothing to pan, 缩小 is not offered.
        shown.width = static_cast<int>(normal_area.width());
        const Built fit = buildAttachment(store.content, "d-new:1:1", shown, w, h, false);
        CHECK(maxPan(fit.laid()) == 0);
        CHECK(fit.laid().images.at(0).size.x == normal_area.width());
        CHECK(textOfButton(fit.laid(), turnsTo("d-new:1:1@125")) == "放大");
        CHECK(std::none_of(fit.laid().buttons.begin(), fit.laid().buttons.end(),
                           [](const PageButton& b) { return b.action.target.id.find("@100") != std::string::npos; }));
    }
}

TEST_CASE("a swipe turns to the page the 上一页 and 下一页 buttons lead to, and nowhere else",
          "[kiosk_pages][attachment]") {
    WithPdfInStore store;
    test::UiFrame frame(screenOf(1920, 1080));
    AttachmentPageState shown;
    shown.status = AttachmentPageState::Status::Shown;
    shown.page_count = 3;
    shown.image_key = "pdf:page";
    shown.width = 900;
    shown.height = 1270;
    const Built middle = buildAttachment(store.content, "d-new:1:2@150", shown);
    const ScreenRef here{ScreenKind::Attachment, "d-new:1:2@150"};
    CHECK(swipeTurn(middle.laid(), here, true) == turnsTo("d-new:1:3@150"));
    CHECK(swipeTurn(middle.laid(), here, false) == turnsTo("d-new:1:1@150"));
    const Built last = buildAttachment(store.content, "d-new:1:3", shown);
    CHECK_FALSE(swipeTurn(last.laid(), {ScreenKind::Attachment, "d-new:1:3"}, true)); // no page 4
    CHECK_FALSE(swipeTurn(middle.laid(), {ScreenKind::Notices, {}}, true));
}

TEST_CASE("a page past the document's end says how many pages it has and leads back to the first",
          "[kiosk_pages][attachment]") {
    WithPdfInStore store;
    test::UiFrame frame(screenOf(1920, 1080));
    AttachmentPageState past;
    past.status = AttachmentPageState::Status::PastEnd;
    past.page_count = 2;
    const Built built = buildAttachment(store.content, "d-new:1:9", past);
    CHECK(says(built.laid(), "此文件共 2 页，没有第 9 页"));
    CHECK_FALSE(says(built.laid(), "此文件无法在本机显示，请扫码在手机上查看"));
    CHECK(actionsOf(built.laid()) == std::vector<KioskAction>{turnsTo("d-new:1:1")});
    CHECK(built.page.panel.at(0).url == "https://m.example.gov.cn/att/d-new.pdf");
}

TEST_CASE("an attachment that is opening says so, one that cannot be shown sends the resident to the QR code",
          "[kiosk_pages][attachment]") {
    WithPdfInStore store;
    test::UiFrame frame(screenOf(1920, 1080));
    const Built opening_built = buildAttachment(store.content, "d-new:1:1", AttachmentPageState{});
    const Page& opening = opening_built.laid();
    CHECK(says(opening, "正在打开文件…"));
    CHECK(opening.images.empty());
    CHECK(opening.buttons.empty());
    AttachmentPageState refused;
    refused.status = AttachmentPageState::Status::Unreadable;
    const Built fallback = buildAttachment(store.content, "d-new:1:1", refused);
    CHECK(says(fallback.laid(), "此文件无法在本机显示，请扫码在手机上查看"));
    CHECK(fallback.laid().images.empty());
    CHECK(fallback.page.panel.at(0).url == "https://m.example.gov.cn/att/d-new.pdf");
}

TEST_CASE("a PDF the feed keeps off the kiosk is a QR code only, even with its file in the store",
          "[kiosk_pages][attachment]") {
    WithPdfInStore store;
    store.content.disclosures[1].attachments[0].offline = false;
    std::string error;
    CHECK_FALSE(checkScreenRef(store.content, {ScreenKind::Attachment, "d-new:1"}, error));
    CHECK(error.find("keeps it off the kiosk") != std::string::npos);
    test::UiFrame frame(screenOf(1920, 1080));
    const Built item = build({ScreenKind::Disclosure, "d-new"}, store.content);
    CHECK(line(item.laid(), "附件（在本机阅读）") == nullptr);
    CHECK(qrUrls(item.laid()).size() == 3);
}

TEST_CASE("a picture attachment opens full width with 放大 and 缩小, a picture too large to decode does not",
          "[kiosk_pages][attachment]") {
    WithPdfInStore store;
    // A real picture (the demo's flow chart) and a PNG that declares 20000 × 20000, in the store.
    const std::string picture_sha(64, 'c'), bomb_sha(64, 'd');
    fs::create_directories(store.store / "cc");
    fs::copy_file(fs::path(GONGKAI_SOURCE_DIR) / "assets/demo-portal/att/xxgk/bsz-2025-0030-ysq-liucheng.png",
                  store.store / "cc" / picture_sha);
    const auto big_endian = [](std::uint32_t v) {
        return std::string{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                           static_cast<char>(v)};
    };
    fs::create_directories(store.store / "dd");
    std::ofstream(store.store / "dd" / bomb_sha, std::ios::binary)
        << std::string("\x89PNG\r\n\x1a\n", 8) << big_endian(13) << "IHDR" << big_endian(20000) << big_endian(20000)
        << std::string{8, 2, 0, 0, 0} << big_endian(0);
    DisclosureItem& item = store.content.disclosures[1];
    REQUIRE(item.id == "d-new");
    item.attachments.push_back(Attachment{"流程图.png", "att/flow.png", picture_sha, 1000, "image/png", ""});
    item.attachments.push_back(Attachment{"炸弹.png", "att/bomb.png", bomb_sha, 1000, "image/png", ""});

    test::UiFrame frame(screenOf(1920, 1080));
    const Built listing = build({ScreenKind::Disclosure, "d-new"}, store.content);
    CHECK(textOfButton(listing.laid(), openAction(attachmentScreen({"d-new", 3, 1}))) ==
          "流程图.png图片，点击放大查看");

    const Built fit = buildAttachment(store.content, "d-new:3:1", AttachmentPageState{});
    const Page& page = fit.laid();
    CHECK(page.texts.front().text == "流程图.png");
    REQUIRE(page.images.size() == 1);
    const auto [w, h] = imageFileSize((store.store / "cc" / picture_sha).string());
    CHECK(page.images[0].path == (store.store / "cc" / picture_sha).string());
    CHECK(page.images[0].size.x == page.width);
    CHECK(page.images[0].size.y == std::floor(page.width * static_cast<float>(h) / static_cast<float>(w)));
    CHECK(says(page, "缩放 100%"));
    CHECK(textOfButton(page, turnsTo("d-new:3:1@125")) == "放大");
    CHECK_FALSE(says(page, "第 1 页，共 1 页")); // a picture has no pages
    const Built zoomed = buildAttachment(store.content, "d-new:3:1@200", AttachmentPageState{});
    CHECK(zoomed.laid().images.at(0).size.x == std::floor(zoomed.laid().width * 2));
    CHECK(maxPan(zoomed.laid()) == Approx(zoomed.laid().width));

    const Built bomb = buildAttachment(store.content, "d-new:4:1", AttachmentPageState{});
    CHECK(says(bomb.laid(), "此文件无法在本机显示，请扫码在手机上查看"));
    CHECK(bomb.laid().images.empty());
}
