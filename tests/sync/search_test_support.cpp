// The fixed search corpus. See search_test_support.h.
#include "search_test_support.h"

namespace gk::test {
namespace {

BodyDocument bodyOf(std::string_view html) {
    return htmlToBlocks(html, [](std::string_view) { return false; });
}

DisclosureItem disclosure(std::string id, std::string title, std::string published) {
    DisclosureItem item;
    item.id = std::move(id);
    item.title = std::move(title);
    item.published_date = std::move(published);
    item.publisher = "白沙镇人民政府";
    return item;
}

Notice notice(std::string id, std::string title, std::string published) {
    Notice item;
    item.id = std::move(id);
    item.title = std::move(title);
    item.published_date = std::move(published);
    return item;
}

std::vector<DisclosureItem> disclosures() {
    std::vector<DisclosureItem> items;
    DisclosureItem gljt = disclosure("d-gljt", "白沙镇2026年高龄津贴发放标准", "2026-03-18");
    gljt.publisher = "白沙镇社会事务办公室";
    gljt.index_no = "11350431004428613K/2026-00063";
    gljt.keywords = {"高龄津贴", "补贴标准"};
    gljt.summary = "公布高龄老人津贴标准。";
    gljt.body = bodyOf("<p>申请人年满80周岁的次月起享受高龄津贴。</p>");
    items.push_back(gljt);
    DisclosureItem gov = disclosure("d-gov", "国务院办公厅关于进一步做好养老服务工作的通知", "2026-02-01");
    gov.doc_no = "国办发〔2026〕3号";
    gov.index_no = "000014349/2026-00012";
    gov.publisher = "国务院办公厅";
    gov.body = bodyOf("<p>各地要按时足额发放养老补贴，&nbsp;不得截留。</p><script>var x = '养老';</script>");
    items.push_back(gov);
    items.push_back(disclosure("d-old-ylbt", "养老补贴发放办法", "2020-01-01"));
    items.push_back(disclosure("d-new-ylbt", "2026年养老补贴发放情况公示", "2026-05-01"));
    items.push_back(disclosure("d-exact", "养老补贴", "2019-01-01"));
    DisclosureItem summary = disclosure("d-summary", "老年人优待政策汇编", "2025-01-01");
    summary.summary = "汇编养老补贴、高龄老人津贴等优待政策。";
    summary.keywords = {"高龄津贴", "补领补贴"};
    items.push_back(summary);
    DisclosureItem body = disclosure("d-body-only", "白沙镇2025年工作总结", "2026-06-01");
    body.body = bodyOf("<h2>第一段：全年工作概况</h2><p>今年我镇坚持以人民为中心的发展思想，扎实推进各项民生工程，"
                       "落实养老补贴政策，困难群众基本生活得到有效保障。</p>");
    items.push_back(body);
    items.push_back(disclosure("d-trad", "醫療保險參保登記須知", "2024-01-01"));
    items.push_back(disclosure("d-rare", "关于表彰𠮷永福等10名优秀网格员的通报", "2026-11-20"));
    items.push_back(disclosure("d-rare2", "𠜎家村王頔同志先进事迹公示", "2025-03-01"));
    items.push_back(disclosure("d-ji", "吉祥村道路硬化工程公示", "2026-01-01"));
    items.push_back(disclosure("d-literal-gljt", "关于gljt编码规则的说明", "2021-01-01"));
    items.push_back(disclosure("d-open", "白沙镇政府信息公开指南", "2025-11-04"));
    items.push_back(disclosure("d-bank", "中国农业银行白沙支行营业时间调整", "2026-01-10"));
    return items;
}

std::vector<ServiceGuide> guides() {
    ServiceGuide gljt;
    gljt.id = "g-gljt-001";
    gljt.name = "高龄老人津贴申请";
    gljt.code = "11350431004428613K4000117003";
    gljt.department = "白沙镇民政办";
    gljt.conditions = "具有本县户籍、年满80周岁的老年人。";
    gljt.updated_at = "2026-03-18T09:00:00+08:00";
    ServiceGuide app;
    app.id = "g-app";
    app.name = "ＡＰＰ在线申请指南";
    app.department = "白沙镇便民服务中心";
    app.updated_at = "2026-01-01T09:00:00+08:00";
    return {gljt, app};
}

} // namespace

std::shared_ptr<const Content> searchCorpus() {
    auto content = std::make_shared<Content>();
    content->disclosures = disclosures();
    content->guides = guides();
    content->notices = {notice("n-rare", "关于表彰𠮷永福等10名优秀网格员的通报", "2026-11-26")};
    return content;
}

const SearchResources& sharedResources() {
    static const SearchResources resources = loadSearchResources();
    return resources;
}

std::vector<std::string> refs(const SearchResults& results) {
    std::vector<std::string> out;
    for (const SearchHit& hit : results.hits) out.push_back(hit.ref);
    return out;
}

std::string matchedText(const SearchHit& hit) {
    return hit.snippet.substr(hit.match_start, hit.match_length);
}

} // namespace gk::test
