// Card building. See info_card.h.
#include "display/info/info_card.h"

#include "display/text/chinese_format.h"
#include "sync/html_text.h"

#include <algorithm>

namespace gk {
namespace {

void addField(InfoCard& card, const char* label, const std::string& value) {
    if (!value.empty()) card.fields.push_back({label, value});
}

// Plain lines (a playlist text, a summary) as paragraphs.
void addParagraphs(BodyDocument& body, std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t end = std::min(text.find('\n', start), text.size());
        std::string line(text.substr(start, end - start));
        if (line.find_first_not_of(" \t\r") != std::string::npos) {
            Block paragraph;
            paragraph.text = std::move(line);
            body.blocks.push_back(std::move(paragraph));
        }
        start = end + 1;
    }
}

std::string joinMeta(const std::string& a, const std::string& b) {
    if (a.empty()) return b;
    if (b.empty()) return a;
    return a + "  ·  " + b;
}

std::string materialsSummary(const ServiceGuide& g) {
    if (g.materials.empty()) return "";
    size_t required = 0;
    for (const GuideMaterial& m : g.materials) required += m.required ? 1 : 0;
    std::string text = std::to_string(g.materials.size()) + " 项";
    if (required != g.materials.size()) text += "（必须提供 " + std::to_string(required) + " 项）";
    return text;
}

std::string timeLimitSummary(const ServiceGuide& g) {
    if (g.promised_days && g.legal_days)
        return "承诺 " + std::to_string(*g.promised_days) + " 个工作日（法定 " + std::to_string(*g.legal_days) +
               " 个工作日）";
    if (g.promised_days) return "承诺 " + std::to_string(*g.promised_days) + " 个工作日";
    if (g.legal_days) return "法定 " + std::to_string(*g.legal_days) + " 个工作日";
    return g.handling == "即办件" ? "即时办结" : "";
}

// The guide offers an online service: it says so, or it links one.
bool handledOnline(const ServiceGuide& g) {
    return g.online.value_or(false) || !g.online_url.empty();
}

std::string visitsSummary(const ServiceGuide& g) {
    if (!g.visits) return "";
    // 全程网上办理 only when the guide has an online service, not because no visit is needed.
    if (*g.visits == 0) return handledOnline(g) ? "0 次（可全程网上办理）" : "0 次";
    return "最多跑 " + std::to_string(*g.visits) + " 次";
}

std::string feeSummary(const ServiceGuide& g) {
    if (!g.fee_note.empty()) return g.fee_note;
    std::string text;
    for (const GuideFee& fee : g.fees) text += (text.empty() ? "" : "；") + fee.name + " " + fee.amount;
    return text;
}

InfoCard itemCard(const Content& content, const PlaylistItem& item, int utc_offset_s) {
    if (const ContentRef* ref = item.ref()) {
        switch (ref->kind) {
        case RefKind::Notice:
            if (const Notice* n = content.findNotice(ref->id)) return noticeCard(*n, utc_offset_s);
            break;
        case RefKind::Guide:
            if (const ServiceGuide* g = content.findGuide(ref->id)) return guideCard(*g);
            break;
        case RefKind::Disclosure:
            if (const DisclosureItem* d = content.findDisclosure(ref->id)) return disclosureCard(*d);
            break;
        }
        return {};
    }
    InfoCard card;
    if (const PlaylistImage* image = item.image()) {
        card.kind = CardKind::Image;
        card.badge = "图解";
        card.title = normalizeCjkPunctuation(image->name);
        card.image_href = image->href;
    } else if (const PlaylistVideo* video = item.video()) {
        card.kind = CardKind::Video;
        card.badge = "视频";
        card.title = normalizeCjkPunctuation(video->name);
        card.image_href = video->href;
        card.video = CardVideo{content
                                   .attachmentPath(Attachment{video->name, video->href, video->sha256, video->bytes,
                                                              video->type, "", true})
                                   .string(),
                               video->muted,
                               video->loop,
                               video->duration_s,
                               video->zone == VideoZone::Full,
                               video->href};
    } else if (const PlaylistText* text = item.text()) {
        card.kind = CardKind::Text;
        card.badge = "温馨提示";
        card.title = normalizeCjkPunctuation(text->title);
        addParagraphs(card.body, text->body);
    }
    return card;
}

} // namespace

InfoCard noticeCard(const Notice& n, int utc_offset_s) {
    InfoCard card;
    card.kind = CardKind::Notice;
    card.badge = "通知公告";
    card.urgent = n.level == NoticeLevel::Urgent;
    card.important = n.level == NoticeLevel::Important;
    card.title = normalizeCjkPunctuation(n.title);
    card.meta = joinMeta(n.publisher, formatIsoDateChinese(n.published_date));
    if (n.valid_until) addField(card, "有效期至", formatChineseDateTime(civilFromEpoch(*n.valid_until, utc_offset_s)));
    card.body = n.body;
    card.qr_url = n.mobile_url;
    card.qr_caption = "在手机上查看全文";
    return card;
}

InfoCard guideCard(const ServiceGuide& g) {
    InfoCard card;
    card.kind = CardKind::Guide;
    card.badge = "办事指南";
    card.title = normalizeCjkPunctuation(g.name);
    card.meta = joinMeta(g.department, g.kind);
    addField(card, "办理地点", g.location);
    addField(card, "办公时间", g.hours);
    addField(card, "所需材料", materialsSummary(g));
    addField(card, "办理时限", timeLimitSummary(g));
    addField(card, "到现场次数", visitsSummary(g));
    addField(card, "收费", feeSummary(g));
    addField(card, "咨询电话", g.consult_phone);
    if (!g.consult_phone.empty()) card.fields.back().pinned = true; // what a visitor most needs
    if (!g.conditions.empty()) addParagraphs(card.body, "受理条件：" + g.conditions);
    card.qr_url = !g.mobile_url.empty() ? g.mobile_url : g.online_url;
    // 在线办理 only for a guide with an online service.
    card.qr_caption = handledOnline(g) ? "查看材料和在线办理" : "在手机上查看办事指南";
    return card;
}

InfoCard disclosureCard(const DisclosureItem& d) {
    InfoCard card;
    card.kind = CardKind::Disclosure;
    card.badge = "政府信息公开";
    card.title = normalizeCjkPunctuation(d.title);
    card.meta = joinMeta(d.publisher, formatIsoDateChinese(d.published_date));
    addField(card, "索引号", d.index_no);
    addField(card, "文号", d.doc_no);
    addField(card, "成文日期", formatIsoDateChinese(d.written_date));
    // The summary, then the document itself (the screen pages through it).
    if (!d.summary.empty()) addParagraphs(card.body, (d.body.blocks.empty() ? "" : "内容概述：") + d.summary);
    card.body.blocks.insert(card.body.blocks.end(), d.body.blocks.begin(), d.body.blocks.end());
    card.qr_url = !d.mobile_url.empty() ? d.mobile_url : d.url;
    card.qr_caption = "在手机上查看全文";
    return card;
}

InfoCard buildInfoCard(const Content& content, const Playlist& playlist, const Slot& slot, int utc_offset_s) {
    if (slot.reason == SlotReason::Urgent) {
        std::string error;
        const std::optional<ContentRef> ref = parseContentRef(slot.ref, error);
        const Notice* n = ref ? content.findNotice(ref->id) : nullptr;
        return n != nullptr ? noticeCard(*n, utc_offset_s) : InfoCard{};
    }
    if (slot.reason == SlotReason::Fallback && playlist.fallback)
        return itemCard(content, *playlist.fallback, utc_offset_s);
    if (slot.item_index >= 0 && static_cast<size_t>(slot.item_index) < playlist.items.size())
        return itemCard(content, playlist.items[static_cast<size_t>(slot.item_index)], utc_offset_s);
    return {};
}

} // namespace gk
