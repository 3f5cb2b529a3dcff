// Disclosure, guide and notice pages. See kiosk_item_pages.h.
#include "display/kiosk/kiosk_item_pages.h"

#include "display/text/chinese_format.h"
#include "sync/html_blocks.h"
#include "sync/json_fields.h"
#include "sync/url.h"

#include <algorithm>
#include <cmath>

namespace gk {
namespace {

std::string joined(const std::vector<std::string>& parts, const char* separator) {
    std::string out;
    for (const std::string& part : parts) out += (out.empty() ? "" : separator) + part;
    return out;
}

std::string days(const std::optional<int>& n) {
    return n ? (*n == 0 ? std::string("即办") : std::to_string(*n) + " 个工作日") : std::string();
}

// QR codes beside each other, wrapping to the next row when the page is narrow.
void qrGrid(PageBuilder& b, const std::vector<PanelQr>& codes) {
    const KioskStyle& s = b.style();
    const float side = s.px(s.elder ? 300 : 260);
    const float gap = s.px(40);
    const int per_row = std::max(1, static_cast<int>((b.width() + gap) / (side + gap)));
    for (std::size_t i = 0; i < codes.size(); i += static_cast<std::size_t>(per_row)) {
        const float top = b.y();
        float bottom = top;
        for (std::size_t j = i; j < std::min(codes.size(), i + static_cast<std::size_t>(per_row)); ++j) {
            b.space(top - b.y());
            b.qr(codes[j].url, codes[j].caption, (side + gap) * static_cast<float>(j - i), side);
            bottom = std::max(bottom, b.y());
        }
        b.space(bottom - b.y() + gap / 2);
    }
}

// What a body link's QR code is captioned with: its text when it leads to one of the portal's own
// hosts (the feed's, or a page the manifest's site names), else the host it leads to, so that
// nobody scans a code to an outside site without knowing.
std::string bodyLinkCaption(const BodyLink& link, const Content& content) {
    const std::string host = webUrlHost(link.url);
    for (const std::string* own : {&content.base_url, &content.site.portal_url, &content.site.mobile_url,
                                   &content.site.disclosure_guide_url, &content.site.apply_url})
        if (!host.empty() && webUrlHost(*own) == host) return link.text.empty() ? link.url : link.text;
    return "外部链接：" + host;
}

// The page's QR panel: the item's own mobile page; without a usable one, the site's mobile page,
// captioned as what it is (the portal, not the item), so a visitor can still continue on the phone.
std::vector<PanelQr> phonePanel(const std::string& url, std::string caption, const Content& content) {
    if (!url.empty()) return {{url, std::move(caption)}};
    if (!content.site.mobile_url.empty()) return {{content.site.mobile_url, "手机扫码访问政务公开网站"}};
    return {};
}

// The body of an item or notice, as read with the publish: its blocks; images only when they are
// attachments of the item that were downloaded and verified; links as QR codes after the text.
void addBody(PageBuilder& b, const BodyDocument& body, const std::vector<Attachment>& attachments,
             const Content& content) {
    b.bodyBlocks(body.blocks, [&](const Block& block) {
        for (const Attachment& a : attachments) {
            if (a.href != block.image_href) continue;
            const std::string path = content.attachmentPath(a).string();
            if (path.empty()) return; // not downloaded (or damaged): nothing to show
            const auto [w, h] = imageFileSize(path);
            b.image(a.sha256, path, w, h);
            if (!block.text.empty()) b.text(block.text, TextRole::Muted);
            return;
        }
    });
    if (body.links.empty()) return;
    b.heading("文中链接（用手机扫码打开）");
    std::vector<PanelQr> codes;
    for (const BodyLink& link : body.links) codes.push_back({link.url, bodyLinkCaption(link, content)});
    qrGrid(b, codes);
}

void relatedItems(PageBuilder& b, const std::vector<std::string>& related, const Content& content) {
    bool any = false;
    for (const std::string& text : related) {
        const std::optional<ScreenRef> ref = parseScreenRef(text);
        std::string error;
        if (!ref || !checkScreenRef(content, *ref, error)) continue;
        std::string title;
        if (ref->kind == ScreenKind::Disclosure)
            title = content.findDisclosure(ref->id)->title;
        else if (ref->kind == ScreenKind::Guide)
            title = content.findGuide(ref->id)->name;
        else if (ref->kind == ScreenKind::Notice)
            title = content.findNotice(ref->id)->title;
        else
            continue;
        if (!any) b.heading("相关信息");
        any = true;
        b.rowButton(title, "", openAction(*ref));
    }
}

} // namespace

KioskPage disclosurePage(const DisclosureItem& item, const PageContext& c, const KioskStyle& s, float width) {
    PageBuilder b(s, width);
    b.text(item.title, TextRole::Title);
    b.gap();
    b.fields({{"索引号", item.index_no},
              {"发布机构", item.publisher},
              {"文号", item.doc_no},
              {"成文日期", formatIsoDateChinese(item.written_date)},
              {"发布日期", formatIsoDateChinese(item.published_date)},
              {"有效性", item.validity},
              {"主题词", joined(item.keywords, "　")}});
    if (!item.summary.empty()) {
        b.heading("内容概述");
        b.text(item.summary, TextRole::Body);
    }
    b.heading("正文");
    addBody(b, item.body, item.attachments, *c.content);
    // PDFs the kiosk holds open here, page by page; their QR codes stay below.
    bool reading_heading = false;
    for (std::size_t i = 0; i < item.attachments.size(); ++i) {
        if (!readableOnKiosk(*c.content, item.attachments[i])) continue;
        if (!reading_heading) b.heading("附件（在本机阅读）");
        reading_heading = true;
        b.rowButton(item.attachments[i].name,
                    isPdf(item.attachments[i]) ? "PDF 文件，点击在本机逐页阅读" : "图片，点击放大查看",
                    openAction(attachmentScreen({item.id, static_cast<int>(i) + 1, 1})));
    }
    std::vector<PanelQr> files;
    for (const Attachment& a : item.attachments)
        if (a.type.rfind("image/", 0) != 0 || c.content->attachmentPath(a).empty())
            files.push_back({c.content->attachmentUrl(a), a.name});
    if (!files.empty()) {
        b.heading("附件（用手机扫码下载）");
        qrGrid(b, files);
    }
    relatedItems(b, item.related, *c.content);
    b.gap();
    const std::string phone = item.mobile_url.empty() ? item.url : item.mobile_url;
    return {"政府信息公开", b.finish(), phonePanel(phone, "手机扫码查看全文", *c.content)};
}

int attachmentZoom(const AttachmentRef& ref, const KioskStyle& style, float fit_width) {
    if (ref.zoom != 0 || !style.elder) return ref.zoom != 0 ? ref.zoom : 100;
    constexpr float kA4WidthPt = 595.28f, kTypicalBodyPt = 12.0f, kLineBoxPerEm = 1.448f;
    const float elder_em_px = style.px(style.body_px) / kLineBoxPerEm;
    const float wanted_width = kA4WidthPt * elder_em_px / kTypicalBodyPt;
    int zoom = 100;
    for (const int step : kAttachmentZooms) {
        if (fit_width * static_cast<float>(step) / 100.0f > kMaxAttachmentWidthPx) break;
        zoom = step;
        if (fit_width * static_cast<float>(step) / 100.0f >= wanted_width) break;
    }
    return zoom;
}

int attachmentRenderWidth(const AttachmentRef& ref, const KioskStyle& style, float fit_width) {
    return static_cast<int>(std::floor(fit_width * static_cast<float>(attachmentZoom(ref, style, fit_width)) / 100.0f));
}

std::optional<KioskAction> swipeTurn(const Page& page, const ScreenRef& current, bool forward) {
    if (current.kind != ScreenKind::Attachment) return std::nullopt;
    const std::optional<AttachmentRef> at = parseAttachmentRef(current.id);
    if (!at) return std::nullopt;
    for (const PageButton& button : page.buttons) {
        if (button.action.kind != KioskActionKind::TurnPage) continue;
        const std::optional<AttachmentRef> to = parseAttachmentRef(button.action.target.id);
        if (to && to->zoom == at->zoom && to->page == at->page + (forward ? 1 : -1)) return button.action;
    }
    return std::nullopt;
}

KioskPage attachmentPage(const AttachmentRef& ref, const PageContext& c, const KioskStyle& s, float width) {
    const Attachment& file = *findAttachment(*c.content, ref);
    const std::string url = c.content->attachmentUrl(file);
    const std::vector<PanelQr> panel = phonePanel(url, "手机扫码下载此文件", *c.content);
    PageBuilder b(s, width);
    b.text(file.name, TextRole::Title);
    const auto cannot_show = [&] {
        b.gap();
        // The file's QR code is the panel's, beside the page (below it in portrait).
        b.text("此文件无法在本机显示，请扫码在手机上查看", TextRole::Heading, 0, s.accent);
        return KioskPage{"附件", b.finish(), panel};
    };
    const float gap = s.px(s.gap);
    const ImVec2 half{(b.width() - gap) / 2,
                      std::max(s.px(s.target_px), b.tileHeight((b.width() - gap) / 2, "下一页", ""))};
    const auto turn_to = [&](int page, int zoom) {
        return KioskAction{KioskActionKind::TurnPage, attachmentScreen({ref.item_id, ref.index, page, zoom})};
    };
    // The way to the pages before and after (a PDF's), in a row of tiles `size` big.
    const auto pager = [&](int page_count, ImVec2 size) {
        if (ref.page > 1) b.tile({0, b.y()}, size, "‹ 上一页", "", turn_to(ref.page - 1, ref.zoom), false);
        if (ref.page < page_count)
            b.tile({b.width() - size.x, b.y()}, size, "下一页 ›", "", turn_to(ref.page + 1, ref.zoom), true);
    };
    // Where the resident is (`where`: the page of a PDF, else empty) and the zoom, with 缩小 and 放大
    // tiles that go one step either way while the picture stays within kMaxAttachmentWidthPx, and
    // the pager: one row of tiles when they fit (landscape), so that the page itself starts high.
    const auto controls = [&](const std::string& where, int page_count, int zoom) {
        const auto step = std::find(std::begin(kAttachmentZooms), std::end(kAttachmentZooms), zoom);
        const bool can_shrink = step != std::begin(kAttachmentZooms);
        const bool can_enlarge = step + 1 != std::end(kAttachmentZooms) &&
                                 width * static_cast<float>(*(step + 1)) / 100.0f <= kMaxAttachmentWidthPx;
        const bool zooms = can_shrink || can_enlarge;
        const bool pages = page_count > 1;
        const std::string zoom_text =
            zooms ? "缩放 " + std::to_string(zoom) + "%" + (zoom > 100 ? "，可左右拖动" : "") : "";
        const auto joined_by = [&](const char* separator) {
            return where.empty() || zoom_text.empty() ? where + zoom_text : where + separator + zoom_text;
        };
        const float zoom_width = s.px(s.target_px) * 1.6f; // two characters and the tile's padding
        const float row_height = std::max(s.px(s.target_px), b.tileHeight(b.width(), "下一页 ›", ""));
        const float turn_width = (b.width() - 2 * (zoom_width + gap) - gap) / 2;
        const auto zoom_tiles = [&](float right) { // the tiles, ending at x = right
            if (can_enlarge)
                b.tile({right - zoom_width, b.y()}, {zoom_width, row_height}, "放大", "",
                       turn_to(ref.page, *(step + 1)), false);
            if (can_shrink)
                b.tile({right - (can_enlarge ? 2 * zoom_width + gap : zoom_width), b.y()}, {zoom_width, row_height},
                       "缩小", "", turn_to(ref.page, *(step - 1)), false);
        };
        if (pages && b.tileHeight(turn_width, "‹ 上一页", "") <= row_height) { // one row
            b.text(joined_by("　"), TextRole::Body);
            b.space(gap / 2);
            pager(page_count, {turn_width, row_height});
            if (zooms) zoom_tiles(b.width() - turn_width - gap);
            b.space(row_height + gap);
            return;
        }
        // The text beside the zoom tiles, then the pager across.
        const float top = b.y();
        const float text_height = b.textAt({0, top}, b.width() - (can_shrink + can_enlarge) * (zoom_width + gap),
                                           joined_by("\n"), TextRole::Body);
        if (zooms) zoom_tiles(b.width());
        b.space(std::max(text_height, zooms ? row_height : 0.0f) + gap);
        if (!pages) return;
        pager(page_count, {(b.width() - gap) / 2, row_height});
        b.space(row_height + gap);
    };

    if (isDownloadableImage(file)) { // a picture, full width at its zoom (no pages)
        const std::string path = c.content->attachmentPath(file).string();
        const auto [w, h] = imageFileSize(path);
        if (w <= 0 || h <= 0 || w > kMaxImageSidePx || h > kMaxImageSidePx) return cannot_show();
        const int zoom = ref.zoom != 0 ? ref.zoom : 100;
        controls("", 0, zoom);
        const float shown_width = std::floor(width * static_cast<float>(zoom) / 100.0f);
        b.imageAt(file.sha256, path,
                  ImVec2(shown_width, std::floor(shown_width * static_cast<float>(h) / static_cast<float>(w))));
        b.gap();
        return {"附件", b.finish(), panel};
    }

    const AttachmentPageState opening;
    const AttachmentPageState& state = c.attachment != nullptr ? *c.attachment : opening;
    if (state.status == AttachmentPageState::Status::Unreadable) return cannot_show();
    if (state.status == AttachmentPageState::Status::PastEnd) {
        b.gap();
        b.text("此文件共 " + std::to_string(state.page_count) + " 页，没有第 " + std::to_string(ref.page) + " 页",
               TextRole::Heading);
        b.space(gap / 2);
        b.tile({0, b.y()}, half, "回到第 1 页", "", turn_to(1, ref.zoom), true);
        return {"附件", b.finish(), panel};
    }
    if (state.status == AttachmentPageState::Status::Opening) {
        b.text(ref.page > 1 ? "正在打开第 " + std::to_string(ref.page) + " 页…" : "正在打开文件…", TextRole::Muted);
        return {"附件", b.finish(), panel};
    }
    const std::string where = "第 " + std::to_string(ref.page) + " 页，共 " + std::to_string(state.page_count) + " 页";
    controls(where, state.page_count, attachmentZoom(ref, s, width));
    // Rendered for this width and zoom: texel for texel.
    b.imageAt(state.image_key, "", ImVec2(static_cast<float>(state.width), static_cast<float>(state.height)));
    b.gap();
    if (state.page_count > 1) { // and again below the page
        b.text(where, TextRole::Body);
        b.space(gap / 2);
        pager(state.page_count, half);
        b.space(half.y + gap);
    }
    return {"附件", b.finish(), panel};
}

KioskPage noticePage(const Notice& notice, const PageContext& c, const KioskStyle& s, float width) {
    PageBuilder b(s, width);
    if (notice.level != NoticeLevel::Normal)
        b.text(notice.level == NoticeLevel::Urgent ? "紧急通知" : "重要通知", TextRole::Heading, 0, s.accent);
    b.text(notice.title, TextRole::Title);
    std::string meta = formatIsoDateChinese(notice.published_date);
    if (!notice.publisher.empty()) meta += "　" + notice.publisher;
    b.text(meta, TextRole::Muted);
    const Validity validity = notice.validityAt(c.now_s);
    if (validity == Validity::NotYet)
        b.text("本通知尚未生效，自" + formatChineseDateTime(civilFromEpoch(*notice.valid_from, c.utc_offset_s)) +
                   "起生效。",
               TextRole::Body, 0, s.warning);
    else if (validity == Validity::Expired)
        b.text("本通知已过有效期，仅供查阅。", TextRole::Body, 0, s.warning);
    if (validity != Validity::Expired && notice.valid_until)
        b.text("有效期至 " + formatChineseDateTime(civilFromEpoch(*notice.valid_until, c.utc_offset_s)),
               TextRole::Muted);
    b.gap();
    if (notice.image && !c.content->attachmentPath(*notice.image).empty()) {
        const std::string path = c.content->attachmentPath(*notice.image).string();
        const auto [w, h] = imageFileSize(path);
        b.image(notice.image->sha256, path, w, h);
    }
    addBody(b, notice.body, notice.image ? std::vector<Attachment>{*notice.image} : std::vector<Attachment>{},
            *c.content);
    b.gap();
    return {"通知公告", b.finish(), phonePanel(notice.mobile_url, "手机扫码查看", *c.content)};
}

KioskPage guidePage(const ServiceGuide& g, const PageContext& c, const KioskStyle& s, float width) {
    PageBuilder b(s, width);
    b.text(g.name, TextRole::Title);
    b.gap();
    std::string time_limit;
    if (g.legal_days) time_limit = "法定 " + days(g.legal_days);
    if (g.promised_days) time_limit += (time_limit.empty() ? "" : "，") + std::string("承诺 ") + days(g.promised_days);
    b.fields({{"实施主体", g.department},
              {"事项类型", g.kind},
              {"办件类型", g.handling},
              {"办理时限", time_limit},
              {"到现场次数", g.visits ? std::to_string(*g.visits) + " 次" : ""},
              {"网上办理", g.online ? (*g.online ? "可以网上办理（扫码）" : "需到现场办理") : ""},
              {"事项编码", g.code}});
    if (!g.conditions.empty()) {
        b.heading("受理条件");
        b.text(g.conditions, TextRole::Body);
    }
    if (!g.materials.empty()) {
        b.heading("申请材料");
        std::vector<TableRowText> rows{{{"材料名称", true}, {"原件/复印件", true}, {"份数", true}, {"是否必需", true}}};
        for (const GuideMaterial& m : g.materials) {
            std::string name = m.name;
            if (!m.source.empty()) name += "\n来源：" + m.source;
            if (!m.note.empty()) name += "\n" + m.note;
            rows.push_back({{name},
                            {m.form},
                            {m.copies > 0 ? std::to_string(m.copies) : ""},
                            {m.required ? "必需" : "视情况提供"}});
        }
        b.table(rows);
    }
    if (!g.steps.empty()) {
        b.heading("办理流程");
        int n = 0;
        for (const GuideStep& step : g.steps) {
            std::string text = step.name;
            if (step.days) text += "（" + days(step.days) + "）";
            if (!step.description.empty()) text += "\n" + step.description;
            b.listItem(std::to_string(++n) + ".", text, 0);
        }
    }
    // A section the source says nothing about is not shown: no fees listed is not 不收费.
    if (!g.fees.empty()) {
        b.heading("收费");
        std::vector<TableRowText> rows{{{"收费项目", true}, {"标准", true}, {"依据", true}}};
        for (const GuideFee& fee : g.fees) rows.push_back({{fee.name}, {fee.amount}, {fee.basis}});
        b.table(rows);
        if (!g.fee_note.empty()) b.text(g.fee_note, TextRole::Muted);
    } else if (!g.fee_note.empty()) {
        b.heading("收费");
        b.text(g.fee_note, TextRole::Body);
    }
    if (!(g.location.empty() && g.hours.empty() && g.consult_phone.empty() && g.complaint_phone.empty())) {
        b.heading("地点和时间");
        b.fields({{"办理地点", g.location},
                  {"办理时间", g.hours},
                  {"咨询电话", g.consult_phone},
                  {"投诉电话", g.complaint_phone}});
    }
    if (!g.basis.empty()) {
        b.heading("设定依据");
        b.text(g.basis, TextRole::Body);
    }
    if (!g.faq.empty()) {
        b.heading("常见问题");
        for (const QuestionAnswer& qa : g.faq) {
            b.text("问：" + qa.q, TextRole::Body, 0, s.accent);
            b.text("答：" + qa.a, TextRole::Body);
            b.gap();
        }
    }
    b.gap();
    std::vector<PanelQr> panel;
    if (!g.mobile_url.empty()) panel.push_back({g.mobile_url, "手机扫码查看指南"});
    if (!g.online_url.empty()) panel.push_back({g.online_url, "网上办理"});
    if (panel.empty()) panel = phonePanel({}, {}, *c.content);
    return {"办事指南", b.finish(), panel};
}

} // namespace gk
