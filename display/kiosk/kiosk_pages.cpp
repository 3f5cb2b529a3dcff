// Home, lists and the how-to-apply page of kiosk mode. See kiosk_pages.h; item, notice and guide
// pages are in kiosk_item_pages.cpp.
#include "display/kiosk/kiosk_pages.h"

#include "display/kiosk/kiosk_search_page.h"

#include "display/kiosk/kiosk_item_pages.h"
#include "display/text/chinese_format.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace gk {
namespace {

std::string count(std::size_t n, const char* unit) {
    return std::to_string(n) + " " + unit;
}

void collectCodes(const Category& category, std::vector<std::string>& codes) {
    codes.push_back(category.code);
    for (const Category& child : category.children) collectCodes(child, codes);
}

// The name of the 其他 group; a catalog that has its own 其他 keeps it, and ours says what it holds.
std::string uncataloguedName(const Content& content) {
    for (const Category& top : content.catalog)
        if (top.name == "其他") return "未归类信息";
    return "其他";
}

bool newerFirst(const DisclosureItem* a, const DisclosureItem* b) {
    if (a->published_date != b->published_date) return a->published_date > b->published_date;
    return a->id < b->id;
}

// The home grid's last cell: the hotline, for whoever would rather ask a person. Returns the
// height it needs; draws it at pos when `place` (else only measures).
float hotlineCell(PageBuilder& b, ImVec2 pos, float width, const std::string& hotline, bool place) {
    const KioskStyle& s = b.style();
    const float pad = s.px(32);
    PageBuilder scratch(s, width);
    PageBuilder& into = place ? b : scratch;
    float y = pos.y + pad;
    y += into.textAt(ImVec2(pos.x + pad, y), width - 2 * pad, "咨询电话", TextRole::Heading);
    y += into.textAt(ImVec2(pos.x + pad, y), width - 2 * pad, hotline.empty() ? "请咨询大厅工作人员" : hotline,
                     TextRole::Title, s.accent);
    y += into.textAt(ImVec2(pos.x + pad, y), width - 2 * pad, "也可到服务窗口咨询工作人员", TextRole::Muted);
    return std::ceil(y - pos.y + pad);
}

KioskPage homePage(const PageContext& c, const KioskStyle& s, float width, float height) {
    PageBuilder b(s, width);
    const Content& content = *c.content;
    const std::string interpretation = interpretationCategory(content);
    struct Tile {
        std::string label, caption;
        KioskAction action;
        bool primary;
    };
    std::vector<Tile> tiles{
        {"政府信息公开目录", "按类别查阅 " + count(content.disclosures.size(), "条公开信息"),
         openAction({ScreenKind::Catalog, {}}), true},
        {"办事指南", count(content.guides.size(), "项服务") + "：材料、流程、时限、地点",
         openAction({ScreenKind::Guides, {}}), true},
        {"通知公告", count(content.notices.size(), "条通知"), openAction({ScreenKind::Notices, {}}), false},
    };
    if (!interpretation.empty())
        tiles.push_back({"政策解读", count(itemsInCategory(content, interpretation).size(), "篇解读"),
                         openAction({ScreenKind::Catalog, interpretation}), false});
    tiles.push_back({"依申请公开", "如何申请 · 不收费 · 20个工作日内答复", openAction({ScreenKind::Apply, {}}), false});
    const int columns = s.portrait ? 2 : 3;
    const int rows = static_cast<int>((tiles.size() + 1 + static_cast<std::size_t>(columns) - 1) / columns);
    const float gap = s.px(32);
    // Search across everything, above the tiles: for whoever does not know where a thing is filed.
    const std::string_view search_hint = "输入关键词、文号或拼音首字母";
    const float search_h = std::max(s.px(210), b.tileHeight(width, "搜索", search_hint));
    b.tile(ImVec2(0, 0), ImVec2(width, search_h), "搜索", search_hint, openAction({ScreenKind::Search, {}}), false);
    const float tiles_top = search_h + gap;
    const float tile_w = std::floor((width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns));
    // Every tile holds its text (the tallest sets the row height); they grow to fill the screen.
    float min_h = s.px(240);
    for (const Tile& tile : tiles) min_h = std::max(min_h, b.tileHeight(tile_w, tile.label, tile.caption));
    min_h = std::max(min_h, hotlineCell(b, ImVec2(0, 0), tile_w, content.site.hotline, false));
    const float room = height - tiles_top - s.px(s.margin); // a margin below the last row
    const float tile_h =
        std::max(min_h, std::floor((room - gap * static_cast<float>(rows - 1)) / static_cast<float>(rows)));
    for (std::size_t i = 0; i < tiles.size(); ++i) {
        const ImVec2 pos((tile_w + gap) * static_cast<float>(i % static_cast<std::size_t>(columns)),
                         tiles_top + (tile_h + gap) * static_cast<float>(i / static_cast<std::size_t>(columns)));
        b.tile(pos, ImVec2(tile_w, tile_h), tiles[i].label, tiles[i].caption, tiles[i].action, tiles[i].primary);
    }
    // The last cell: the hotline, for whoever would rather ask a person (not a button).
    const std::size_t i = tiles.size();
    const ImVec2 pos((tile_w + gap) * static_cast<float>(i % static_cast<std::size_t>(columns)),
                     tiles_top + (tile_h + gap) * static_cast<float>(i / static_cast<std::size_t>(columns)));
    b.addRect(PageRect{pos, ImVec2(pos.x + tile_w, pos.y + tile_h), s.table_header, 0, s.px(18), 1});
    hotlineCell(b, pos, tile_w, content.site.hotline, true);
    b.space(tiles_top + (tile_h + gap) * static_cast<float>(rows) - gap);
    return {content.site.name.empty() ? "政务公开" : content.site.name, b.finish(), {}};
}

KioskPage catalogTree(const PageContext& c, const KioskStyle& s, float width) {
    PageBuilder b(s, width);
    const int columns = s.portrait ? 2 : 3;
    const float gap = s.px(20);
    const float cell_w = std::floor((width - gap * static_cast<float>(columns - 1)) / static_cast<float>(columns));
    // The catalog's top categories, then 其他 for items filed under a category the catalog lacks.
    std::vector<const Category*> groups;
    for (const Category& top : c.content->catalog) groups.push_back(&top);
    const Category other{std::string(kUncataloguedCode), uncataloguedName(*c.content), {}};
    if (!itemsInCategory(*c.content, other.code).empty()) groups.push_back(&other);
    for (const Category* top : groups) {
        const std::size_t total = itemsInCategory(*c.content, top->code).size();
        b.heading(top->name + "（" + std::to_string(total) + " 条）");
        std::vector<std::pair<std::string, const Category*>> cells{{"全部", top}};
        for (const Category& child : top->children) cells.emplace_back(child.name, &child);
        float row_top = b.y(), row_bottom = b.y();
        for (std::size_t i = 0; i < cells.size(); ++i) {
            const int column = static_cast<int>(i % static_cast<std::size_t>(columns));
            if (column == 0 && i > 0) row_top = row_bottom + gap;
            const float x = (cell_w + gap) * static_cast<float>(column);
            const float pad = s.px(20);
            float h = b.textAt(ImVec2(x + pad, row_top + pad), cell_w - 2 * pad, cells[i].first, TextRole::Body);
            h += b.textAt(ImVec2(x + pad, row_top + pad + h), cell_w - 2 * pad,
                          count(itemsInCategory(*c.content, cells[i].second->code).size(), "条"), TextRole::Muted);
            const float bottom = row_top + std::max(h + 2 * pad, s.px(s.target_px));
            b.addRect(PageRect{ImVec2(x, row_top), ImVec2(x + cell_w, bottom), s.panel, s.rule, s.px(10), 1});
            b.addButton(PageButton{ImVec2(x, row_top), ImVec2(x + cell_w, bottom),
                                   openAction({ScreenKind::Catalog, cells[i].second->code})});
            row_bottom = std::max(row_bottom, bottom);
        }
        b.space(row_bottom - b.y() + gap);
    }
    return {"政府信息公开目录", b.finish(), {}};
}

KioskPage catalogList(const PageContext& c, const KioskStyle& s, float width, const std::string& code) {
    PageBuilder b(s, width);
    const Category* category = findCategory(c.content->catalog, code);
    const std::vector<const DisclosureItem*> items = itemsInCategory(*c.content, code);
    b.text("共 " + std::to_string(items.size()) + " 条，按发布日期从新到旧排列", TextRole::Muted);
    b.gap();
    if (items.empty()) b.text("这个类别暂时没有公开信息。", TextRole::Body);
    for (const DisclosureItem* item : items) {
        std::string detail = formatIsoDateChinese(item->published_date);
        if (!item->publisher.empty()) detail += "  " + item->publisher;
        if (!item->doc_no.empty()) detail += "  " + item->doc_no;
        b.rowButton(item->title, detail, openAction({ScreenKind::Disclosure, item->id}));
    }
    const std::string title = code == kUncataloguedCode ? uncataloguedName(*c.content)
                              : category != nullptr     ? category->name
                                                        : code;
    return {title, b.finish(), {}};
}

KioskPage guideList(const PageContext& c, const KioskStyle& s, float width) {
    PageBuilder b(s, width);
    std::map<std::string, std::vector<const ServiceGuide*>> by_department;
    for (const ServiceGuide& guide : c.content->guides)
        by_department[guide.department.empty() ? "其他" : guide.department].push_back(&guide);
    b.text("按办理部门排列。点击事项查看所需材料、办理流程、时限和地点。", TextRole::Muted);
    for (const auto& [department, guides] : by_department) {
        b.heading(department);
        for (const ServiceGuide* guide : guides) {
            std::string detail;
            if (guide->promised_days)
                detail = "承诺 " + std::to_string(*guide->promised_days) + " 个工作日办结";
            else if (guide->handling == "即办件")
                detail = "即办件，当场办结";
            if (guide->visits)
                detail +=
                    (detail.empty() ? "" : " · ") + std::string("到现场 ") + std::to_string(*guide->visits) + " 次";
            b.rowButton(guide->name, detail, openAction({ScreenKind::Guide, guide->id}));
        }
    }
    return {"办事指南", b.finish(), {}};
}

KioskPage noticeList(const PageContext& c, const KioskStyle& s, float width) {
    PageBuilder b(s, width);
    std::vector<const Notice*> notices;
    for (const Notice& notice : c.content->notices) notices.push_back(&notice);
    // Notices in force first, then those not yet in force, then the expired; newest first in each.
    const auto standing = [&c](const Notice* n) {
        switch (n->validityAt(c.now_s)) {
        case Validity::Valid: return 0;
        case Validity::NotYet: return 1;
        case Validity::Expired: return 2;
        }
        return 2;
    };
    std::stable_sort(notices.begin(), notices.end(), [&](const Notice* a, const Notice* b) {
        if (standing(a) != standing(b)) return standing(a) < standing(b);
        return a->published_date > b->published_date;
    });
    for (const Notice* notice : notices) {
        std::string detail;
        if (notice->level == NoticeLevel::Urgent) detail = "【紧急】";
        if (notice->level == NoticeLevel::Important) detail = "【重要】";
        const Validity validity = notice->validityAt(c.now_s);
        if (validity == Validity::NotYet)
            detail +=
                "【未生效】" + formatChineseDate(civilFromEpoch(*notice->valid_from, c.utc_offset_s)) + "起生效　";
        if (validity == Validity::Expired) detail += "【已过期】";
        detail += formatIsoDateChinese(notice->published_date);
        if (!notice->publisher.empty()) detail += "  " + notice->publisher;
        b.rowButton(notice->title, detail, openAction({ScreenKind::Notice, notice->id}));
    }
    if (notices.empty()) b.text("目前没有通知公告。", TextRole::Body);
    return {"通知公告", b.finish(), {}};
}

KioskPage applyPage(const PageContext& c, const KioskStyle& s, float width) {
    PageBuilder b(s, width);
    const Site& site = c.content->site;
    b.text("依申请公开", TextRole::Title);
    b.text("在主动公开的信息中找不到您需要的政府信息，可以向行政机关申请公开（《中华人民共和国政府信息公开条例》第二十"
           "七条）。",
           TextRole::Body);
    b.heading("怎么申请");
    // Online submission is offered only where the portal gives its address, and the code is then
    // beside the text in landscape and under it in portrait.
    const std::string online =
        site.apply_url.empty() ? "" : std::string("或在网上提交（扫") + (s.portrait ? "下方" : "右侧") + "二维码）";
    b.listItem("1.",
               "填写申请：可以当面到服务窗口提交，也可以邮寄信件" + online +
                   "。书写有困难的，可以口头提出，由工作人员代为填写。",
               0);
    b.listItem("2.",
               "写明：姓名或名称、身份证明、联系方式；所需信息的名称、文号或其他特征描述；获取信息的方式（纸质、电子邮"
               "件等）。",
               0);
    b.listItem("3.",
               "收到答复：能够当场答复的当场答复；不能当场答复的，自收到申请之日起 20 "
               "个工作日内答复，需要延长的最多延长 20 个工作日，并会告知您。",
               0);
    b.heading("费用");
    b.text("申请政府信息公开不收费。只有申请数量、频次明显超过合理范围时，行政机关才可以收取信息处理费（条例第四十二条"
           "）。",
           TextRole::Body);
    b.heading("需要帮助");
    b.text("有阅读困难或者视听障碍的，工作人员会提供必要的帮助（条例第四十三条）。", TextRole::Body);
    if (!site.hotline.empty()) b.text("咨询电话：" + site.hotline, TextRole::Heading, 0, s.accent);
    std::vector<PanelQr> panel;
    if (!site.apply_url.empty()) panel.push_back({site.apply_url, "网上申请"});
    if (!site.disclosure_guide_url.empty()) panel.push_back({site.disclosure_guide_url, "政府信息公开指南"});
    return {"依申请公开", b.finish(), panel};
}

} // namespace

std::vector<const DisclosureItem*> itemsInCategory(const Content& content, const std::string& code) {
    const bool uncatalogued = code == kUncataloguedCode;
    std::vector<std::string> codes;
    if (uncatalogued)
        for (const Category& top : content.catalog) collectCodes(top, codes);
    else if (const Category* category = findCategory(content.catalog, code))
        collectCodes(*category, codes);
    std::sort(codes.begin(), codes.end());
    std::vector<const DisclosureItem*> items;
    for (const DisclosureItem& item : content.disclosures)
        if (std::binary_search(codes.begin(), codes.end(), item.category) != uncatalogued) items.push_back(&item);
    std::sort(items.begin(), items.end(), newerFirst);
    return items;
}

bool pageHasPanel(const ScreenRef& ref) {
    return ref.kind == ScreenKind::Disclosure || ref.kind == ScreenKind::Guide || ref.kind == ScreenKind::Notice ||
           ref.kind == ScreenKind::Apply || ref.kind == ScreenKind::Attachment;
}

KioskPage buildKioskPage(const ScreenRef& ref, const PageContext& context, const KioskStyle& style, float width,
                         float height) {
    switch (ref.kind) {
    case ScreenKind::Home: return homePage(context, style, width, height);
    case ScreenKind::Catalog:
        return ref.id.empty() ? catalogTree(context, style, width) : catalogList(context, style, width, ref.id);
    case ScreenKind::Guides: return guideList(context, style, width);
    case ScreenKind::Notices: return noticeList(context, style, width);
    case ScreenKind::Apply: return applyPage(context, style, width);
    case ScreenKind::Disclosure: return disclosurePage(*context.content->findDisclosure(ref.id), context, style, width);
    case ScreenKind::Guide: return guidePage(*context.content->findGuide(ref.id), context, style, width);
    case ScreenKind::Notice: return noticePage(*context.content->findNotice(ref.id), context, style, width);
    case ScreenKind::Search:
        return searchPage(ref.id, context.search, context.content->site.hotline, context.typing, style, width);
    case ScreenKind::Attachment: return attachmentPage(*parseAttachmentRef(ref.id), context, style, width);
    case ScreenKind::Attract: break;
    }
    return {};
}

} // namespace gk
