// The searchable fields of feed items. See search_fields.h.
#include "sync/search/search_fields.h"

#include "sync/html_text.h"
#include "sync/search/text_fold.h"

#include <algorithm>
#include <array>
#include <vector>

namespace gk {
namespace {

// Appends a block, with a separator when something came before.
void addBlock(std::string& out, std::string_view block) {
    if (block.empty()) return;
    if (!out.empty()) out += kSearchSeparator;
    out += block;
}

// A body as read with the publish: each block, and each table row with its cells joined by spaces;
// the lines of a block joined by spaces.
std::string bodyText(const BodyDocument& body) {
    std::string out;
    const auto add = [&out](std::string text) {
        std::replace(text.begin(), text.end(), '\n', ' ');
        addBlock(out, text);
    };
    for (const Block& block : body.blocks) {
        if (block.kind != BlockKind::Table) add(block.text);
        for (const std::vector<TableCell>& row : block.rows) add(tableRowText(row));
    }
    return out;
}

// At least bodyText(body).size(), without building it.
std::size_t bodyTextBound(const BodyDocument& body) {
    std::size_t bytes = 0;
    for (const Block& block : body.blocks) {
        bytes += block.text.size() + 1;
        for (const std::vector<TableCell>& row : block.rows)
            for (const TableCell& cell : row) bytes += cell.text.size() + 1;
    }
    return bytes;
}

std::string joinBlocks(const std::vector<std::string>& blocks) {
    std::string out;
    for (const std::string& block : blocks) addBlock(out, block);
    return out;
}

// Everything a resident may look for in a guide besides its name, code and department.
std::string guideBody(const ServiceGuide& guide) {
    std::string out;
    for (const std::string_view part : {std::string_view(guide.kind), std::string_view(guide.conditions),
                                        std::string_view(guide.basis), std::string_view(guide.handling)})
        addBlock(out, part);
    for (const GuideMaterial& material : guide.materials) {
        addBlock(out, material.name);
        addBlock(out, material.note);
    }
    for (const GuideStep& step : guide.steps) {
        addBlock(out, step.name);
        addBlock(out, step.description);
    }
    for (const GuideFee& fee : guide.fees) addBlock(out, fee.name);
    addBlock(out, guide.fee_note);
    for (const QuestionAnswer& qa : guide.faq) {
        addBlock(out, qa.q);
        addBlock(out, qa.a);
    }
    addBlock(out, guide.location);
    addBlock(out, guide.hours);
    return out;
}

std::string disclosureField(const DisclosureItem& item, SearchField field) {
    switch (field) {
    case SearchField::Title:
    case SearchField::Initials: return item.title;
    case SearchField::DocNumber: return item.doc_no;
    case SearchField::IndexNumber: return item.index_no;
    case SearchField::Keywords:
    case SearchField::KeywordInitials: return joinBlocks(item.keywords);
    case SearchField::Publisher: return item.publisher;
    case SearchField::Summary: return item.summary;
    case SearchField::Body: return bodyText(item.body);
    case SearchField::Code: return "";
    }
    return "";
}

std::string guideField(const ServiceGuide& guide, SearchField field) {
    switch (field) {
    case SearchField::Title:
    case SearchField::Initials: return guide.name;
    case SearchField::Code: return guide.code;
    case SearchField::Publisher: return guide.department;
    case SearchField::Body: return guideBody(guide);
    default: return "";
    }
}

std::string noticeField(const Notice& notice, SearchField field) {
    switch (field) {
    case SearchField::Title:
    case SearchField::Initials: return notice.title;
    case SearchField::Publisher: return notice.publisher;
    case SearchField::Body: return bodyText(notice.body);
    default: return "";
    }
}

} // namespace

std::string_view searchFieldName(SearchField field) {
    static constexpr std::array<std::string_view, kSearchFieldCount> kNames = {
        "title",    "initials",         "doc_no",    "index_no", "code",
        "keywords", "keyword_initials", "publisher", "summary",  "body"};
    return kNames[static_cast<std::size_t>(field)];
}

std::string_view searchFieldLabel(SearchField field) {
    static constexpr std::array<std::string_view, kSearchFieldCount> kLabels = {
        "标题",   "标题拼音首字母",   "文号",     "索引号", "事项编码",
        "关键词", "关键词拼音首字母", "发布机构", "摘要",   "正文"};
    return kLabels[static_cast<std::size_t>(field)];
}

std::string_view searchItemKindName(SearchItemKind kind) {
    switch (kind) {
    case SearchItemKind::Disclosure: return "disclosure";
    case SearchItemKind::Guide: return "guide";
    case SearchItemKind::Notice: return "notice";
    }
    return "";
}

std::string_view searchItemId(const Content& content, SearchItem item) {
    switch (item.kind) {
    case SearchItemKind::Disclosure: return content.disclosures[item.index].id;
    case SearchItemKind::Guide: return content.guides[item.index].id;
    case SearchItemKind::Notice: return content.notices[item.index].id;
    }
    return "";
}

std::string_view searchItemTitle(const Content& content, SearchItem item) {
    switch (item.kind) {
    case SearchItemKind::Disclosure: return content.disclosures[item.index].title;
    case SearchItemKind::Guide: return content.guides[item.index].name;
    case SearchItemKind::Notice: return content.notices[item.index].title;
    }
    return "";
}

std::string searchItemRef(const Content& content, SearchItem item) {
    return std::string(searchItemKindName(item.kind)) + ":" + std::string(searchItemId(content, item));
}

std::string searchItemDate(const Content& content, SearchItem item) {
    const auto first = [](std::initializer_list<std::string_view> dates) {
        for (const std::string_view date : dates)
            if (searchDateKey(date) != 0) return std::string(date.substr(0, 10));
        return std::string();
    };
    switch (item.kind) {
    case SearchItemKind::Disclosure: {
        const DisclosureItem& d = content.disclosures[item.index];
        return first({d.published_date, d.written_date, d.updated_at});
    }
    case SearchItemKind::Guide: return first({content.guides[item.index].updated_at});
    case SearchItemKind::Notice: {
        const Notice& n = content.notices[item.index];
        return first({n.published_date, n.updated_at});
    }
    }
    return "";
}

std::uint32_t searchDateKey(std::string_view date) {
    if (date.size() < 10 || date[4] != '-' || date[7] != '-') return 0;
    static constexpr std::size_t kDigits[] = {0, 1, 2, 3, 5, 6, 8, 9};
    std::uint32_t key = 0;
    for (const std::size_t i : kDigits) {
        if (date[i] < '0' || date[i] > '9') return 0;
        key = key * 10 + static_cast<std::uint32_t>(date[i] - '0');
    }
    return key;
}

std::string searchFieldText(const Content& content, SearchItem item, SearchField field) {
    switch (item.kind) {
    case SearchItemKind::Disclosure: return disclosureField(content.disclosures[item.index], field);
    case SearchItemKind::Guide: return guideField(content.guides[item.index], field);
    case SearchItemKind::Notice: return noticeField(content.notices[item.index], field);
    }
    return "";
}

std::size_t searchFieldSizeBound(const Content& content, SearchItem item, SearchField field) {
    if (field == SearchField::Body && item.kind == SearchItemKind::Disclosure)
        return bodyTextBound(content.disclosures[item.index].body);
    if (field == SearchField::Body && item.kind == SearchItemKind::Notice)
        return bodyTextBound(content.notices[item.index].body);
    return searchFieldText(content, item, field).size();
}

} // namespace gk
