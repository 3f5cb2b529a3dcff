// The clerk's 办事指南 text file (kiosk/publish/guide_text.h).
#include "kiosk/publish/guide_text.h"

#include "config/i18n.h"
#include "kiosk/publish/sheet_text.h"
#include "sync/url.h"

#include <cstring>
#include <map>
#include <optional>

namespace gk {
using nlohmann::json;

namespace {

enum class Kind { Text, Days, Count, YesNo, Url, Date, Materials, Steps, Fees, Faq, Id };

struct Heading {
    const char* name;
    const char* key; // the guides.json field
    Kind kind;
};

// The template's order. Every element of 办事指南 in ../shared/reference/domain-facts.md §2 that
// guides.json carries has a heading here.
const Heading kHeadings[] = {
    {"编号", "id", Kind::Id},
    {"事项名称", "name", Kind::Text},
    {"事项编码", "code", Kind::Text},
    {"事项类型", "kind", Kind::Text},
    {"实施部门", "department", Kind::Text},
    {"设定依据", "basis", Kind::Text},
    {"受理条件", "conditions", Kind::Text},
    {"办件类型", "handling", Kind::Text},
    {"法定办结时限", "legal_days", Kind::Days},
    {"承诺办结时限", "promised_days", Kind::Days},
    {"到现场次数", "visits", Kind::Count},
    {"是否网办", "online", Kind::YesNo},
    {"申请材料", "materials", Kind::Materials},
    {"办理流程", "steps", Kind::Steps},
    {"收费标准", "fees", Kind::Fees},
    {"收费说明", "fee_note", Kind::Text},
    {"办理地点", "location", Kind::Text},
    {"办理时间", "hours", Kind::Text},
    {"咨询电话", "consult_phone", Kind::Text},
    {"监督投诉电话", "complaint_phone", Kind::Text},
    {"网上办理地址", "online_url", Kind::Url},
    {"手机办理地址", "mobile_url", Kind::Url},
    {"常见问题", "faq", Kind::Faq},
    {"更新日期", "updated_at", Kind::Date},
};

const Heading* findHeading(std::string_view name) {
    for (const Heading& h : kHeadings)
        if (name == h.name) return &h;
    return nullptr;
}

// A section as written: its heading, the line of the heading and its lines (the text after 】
// on the heading's own line first).
struct Section {
    std::string name;
    int line = 0;
    std::vector<std::pair<int, std::string>> lines;
};

bool isComment(const std::string& line) {
    return line.rfind('#', 0) == 0 || line.rfind("＃", 0) == 0;
}

std::vector<Section> splitSections(std::string_view text, std::vector<GuideIssue>& issues) {
    std::vector<Section> sections;
    int number = 0;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        ++number;
        const std::string line = trimText(text.substr(start, end - start));
        start = end + 1;
        if (line.empty() || isComment(line)) continue;
        if (line.rfind("【", 0) == 0) {
            const std::size_t close = line.find("】");
            if (close == std::string::npos) {
                issues.push_back({number, "", tr("a heading has 【 but no 】"), false});
                continue;
            }
            Section section;
            section.name = trimText(std::string_view(line).substr(3, close - 3));
            section.line = number;
            const std::string rest = trimText(std::string_view(line).substr(close + 3));
            if (!rest.empty()) section.lines.emplace_back(number, rest);
            sections.push_back(std::move(section));
            continue;
        }
        if (sections.empty()) {
            issues.push_back({number, "", tr("text before the first 【heading】 is ignored"), true});
            continue;
        }
        sections.back().lines.emplace_back(number, line);
    }
    return sections;
}

// Cells of a list line, split at ｜, | or a tab, each trimmed.
std::vector<std::string> splitCells(const std::string& line) {
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 0; i < line.size(); ++i) {
        if (line[i] == '|' || line[i] == '\t') {
            cells.push_back(trimText(cell));
            cell.clear();
        } else if (line.compare(i, 3, "｜") == 0) {
            cells.push_back(trimText(cell));
            cell.clear();
            i += 2;
        } else {
            cell.push_back(line[i]);
        }
    }
    cells.push_back(trimText(cell));
    return cells;
}

// "20", "20个工作日", "20 工作日", "20天", "20日": the whole number at the start, when what follows
// is one of those units or nothing.
std::optional<int> leadingNumber(const std::string& text) {
    std::size_t i = 0;
    long value = 0;
    while (i < text.size() && text[i] >= '0' && text[i] <= '9' && value < 1000000) {
        value = value * 10 + (text[i] - '0');
        ++i;
    }
    if (i == 0) return std::nullopt;
    const std::string unit = trimText(std::string_view(text).substr(i));
    for (const char* ok : {"", "个工作日", "工作日", "天", "日", "次", "份"})
        if (unit == ok) return static_cast<int>(value);
    return std::nullopt;
}

std::optional<bool> yesNo(const std::string& text) {
    for (const char* yes : {"是", "必要", "必须", "必需", "必交"})
        if (text == yes) return true;
    for (const char* no : {"否", "非必要", "可选", "选交", "容缺", "非必需"})
        if (text == no) return false;
    return std::nullopt;
}

std::string joinedText(const Section& section) {
    std::string out;
    for (const auto& [line, text] : section.lines) {
        if (!out.empty()) out += "\n";
        out += text;
    }
    return out;
}

class GuideReader {
public:
    GuideReader(GuideDraft& draft) : m_draft(draft) {}

    void read(const Section& section, const Heading& heading) {
        m_section = &section;
        json& item = m_draft.item;
        const std::string text = joinedText(section);
        const int line = section.lines.empty() ? section.line : section.lines.front().first;
        switch (heading.kind) {
        case Kind::Id:
        case Kind::Text: item[heading.key] = text; break;
        case Kind::Days:
        case Kind::Count:
            if (text.empty()) break;
            if (const auto n = leadingNumber(text)) {
                item[heading.key] = *n;
            } else {
                error(line, fillIn(tr("\"{0}\" is not a whole number"), {text}));
            }
            break;
        case Kind::YesNo:
            if (text.empty()) break;
            if (const auto b = yesNo(text)) {
                item[heading.key] = *b;
            } else {
                error(line, fillIn(tr("\"{0}\" is not 是 or 否"), {text}));
            }
            break;
        case Kind::Url:
            if (text.empty()) break;
            if (isWebUrl(text)) {
                item[heading.key] = text;
            } else {
                error(line, fillIn(tr("\"{0}\" is not an http:// or https:// address"), {text}));
            }
            break;
        case Kind::Date:
            if (text.empty()) break;
            if (const auto date = normaliseDate(text)) {
                item[heading.key] = *date;
            } else {
                error(line, fillIn(tr("\"{0}\" is not a date"), {text}));
            }
            break;
        case Kind::Materials: readMaterials(section); break;
        case Kind::Steps: readSteps(section); break;
        case Kind::Fees: readFees(section); break;
        case Kind::Faq: readFaq(section); break;
        }
    }

private:
    void error(int line, std::string message) {
        m_draft.issues.push_back({line, m_section->name, std::move(message), false});
    }

    // 材料名称｜原件/复印件｜份数｜必要性｜来源渠道｜备注｜空白表格
    void readMaterials(const Section& section) {
        json list = json::array();
        for (const auto& [line, text] : section.lines) {
            const std::vector<std::string> cells = splitCells(text);
            const auto cell = [&cells](std::size_t i) { return i < cells.size() ? cells[i] : std::string(); };
            if (cell(0).empty()) {
                error(line, tr("a material has no name (the first cell)"));
                continue;
            }
            if (cells.size() > 7) error(line, tr("more than 7 cells; a ｜ too many?"));
            json m = {{"name", cell(0)}, {"form", cell(1)}, {"copies", 1}, {"required", true}};
            if (!cell(2).empty()) {
                if (const auto n = leadingNumber(cell(2))) {
                    m["copies"] = *n;
                } else {
                    error(line, fillIn(tr("份数 \"{0}\" is not a whole number"), {cell(2)}));
                }
            }
            if (!cell(3).empty()) {
                if (const auto b = yesNo(cell(3))) {
                    m["required"] = *b;
                } else {
                    error(line, fillIn(tr("必要性 \"{0}\" is not 必要 or 非必要"), {cell(3)}));
                }
            }
            m["source"] = cell(4);
            m["note"] = cell(5);
            if (!cell(6).empty()) m_draft.templates.push_back({list.size(), cell(6), line});
            list.push_back(std::move(m));
        }
        m_draft.item["materials"] = std::move(list);
    }

    // 环节名称｜时限（工作日）｜说明
    void readSteps(const Section& section) {
        json list = json::array();
        for (const auto& [line, text] : section.lines) {
            const std::vector<std::string> cells = splitCells(text);
            const auto cell = [&cells](std::size_t i) { return i < cells.size() ? cells[i] : std::string(); };
            if (cell(0).empty()) {
                error(line, tr("a step has no name (the first cell)"));
                continue;
            }
            json s = {{"name", cell(0)}, {"description", cell(2)}};
            if (!cell(1).empty()) {
                if (const auto n = leadingNumber(cell(1))) {
                    s["days"] = *n;
                } else {
                    error(line, fillIn(tr("时限 \"{0}\" is not a whole number of days"), {cell(1)}));
                }
            }
            list.push_back(std::move(s));
        }
        m_draft.item["steps"] = std::move(list);
    }

    // 收费项目｜金额｜收费依据
    void readFees(const Section& section) {
        json list = json::array();
        for (const auto& [line, text] : section.lines) {
            const std::vector<std::string> cells = splitCells(text);
            const auto cell = [&cells](std::size_t i) { return i < cells.size() ? cells[i] : std::string(); };
            if (cell(0).empty()) {
                error(line, tr("a fee has no name (the first cell)"));
                continue;
            }
            list.push_back({{"name", cell(0)}, {"amount", cell(1)}, {"basis", cell(2)}});
        }
        m_draft.item["fees"] = std::move(list);
    }

    // 问：… then 答：… (an answer may go on over the following lines).
    void readFaq(const Section& section) {
        json list = json::array();
        const auto after = [](const std::string& text, std::initializer_list<const char*> marks) {
            for (const char* mark : marks)
                if (text.rfind(mark, 0) == 0)
                    return std::optional<std::string>(trimText(text.substr(std::strlen(mark))));
            return std::optional<std::string>();
        };
        bool answering = false;
        for (const auto& [line, text] : section.lines) {
            if (const auto q = after(text, {"问：", "问:", "Q："})) {
                list.push_back({{"q", *q}, {"a", ""}});
                answering = false;
            } else if (const auto a = after(text, {"答：", "答:", "A："})) {
                if (list.empty() || answering) {
                    error(line, tr("an answer (答：) without its question (问：)"));
                    continue;
                }
                list.back()["a"] = *a;
                answering = true;
            } else if (answering) {
                list.back()["a"] = list.back()["a"].get<std::string>() + "\n" + text;
            } else {
                error(line, tr("FAQ lines start with 问： or 答："));
            }
        }
        for (const json& qa : list)
            if (qa["a"].get<std::string>().empty())
                error(section.line,
                      fillIn(tr("the question \"{0}\" has no answer (答：)"), {qa["q"].get<std::string>()}));
        m_draft.item["faq"] = std::move(list);
    }

    GuideDraft& m_draft;
    const Section* m_section = nullptr;
};

} // namespace

const std::vector<std::string>& guideHeadings() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> out;
        for (const Heading& h : kHeadings) out.emplace_back(h.name);
        return out;
    }();
    return names;
}

GuideDraft parseGuideText(std::string_view text, const std::string& default_id) {
    GuideDraft draft;
    const std::vector<Section> sections = splitSections(text, draft.issues);
    GuideReader reader(draft);
    std::map<std::string, int> seen;
    for (const Section& section : sections) {
        const Heading* heading = findHeading(section.name);
        if (heading == nullptr) {
            draft.issues.push_back({section.line, section.name, tr("unknown heading, ignored"), true});
            continue;
        }
        if (const auto [it, fresh] = seen.emplace(section.name, section.line); !fresh) {
            draft.issues.push_back(
                {section.line, section.name,
                 fillIn(tr("appears a second time (first on line {0})"), {std::to_string(it->second)}), false});
            continue;
        }
        reader.read(section, *heading);
    }
    json& item = draft.item;
    if (!item.contains("id") || item["id"].get<std::string>().empty()) item["id"] = default_id;
    if (!item.contains("name") || item["name"].get<std::string>().empty())
        draft.issues.push_back(
            {0, "事项名称", tr("is missing or empty (every guide needs its service's name)"), false});
    return draft;
}

} // namespace gk
