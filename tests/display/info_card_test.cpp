// Tests of display/info/info_card: which fields the information screen's card carries for a notice,
// a service guide and a disclosure item, that a field the feed left out is left out (no value is
// made up), which link the QR code encodes, and which card buildInfoCard makes for each kind of
// scheduler slot. Content is built in the test. Pure logic: no fonts needed.
#include "display/info/info_card.h"

#include "display/text/chinese_format.h"
#include "sync/html_text.h"

#include <catch2/catch.hpp>

#include <string>
#include <utility>
#include <vector>

using namespace gk;

namespace {

constexpr int kCst = 8 * 3600;

using FieldList = std::vector<std::pair<std::string, std::string>>;

FieldList fieldsOf(const InfoCard& card) {
    FieldList out;
    for (const CardField& field : card.fields) out.emplace_back(field.label, field.value);
    return out;
}

Notice fullNotice() {
    Notice n;
    n.id = "n-1";
    n.title = "关于春节期间便民服务中心办公时间调整的通知";
    n.level = NoticeLevel::Urgent;
    n.publisher = "白沙镇党政办公室";
    n.published_date = "2026-11-20";
    n.valid_until = epochFromCivil(2026, 12, 1, 0, 0, 0, kCst);
    n.body = htmlToBlocks(
        "<h2>调整安排</h2><p>二月十日至十七日<br>暂停对外办公。</p><ul><li>急事请拨值班电话</li></ul>", {});
    n.mobile_url = "https://m.example.gov.cn/tzgg/n-1";
    return n;
}

ServiceGuide fullGuide() {
    ServiceGuide g;
    g.id = "g-1";
    g.name = "高龄老人津贴申请";
    g.kind = "行政给付";
    g.department = "白沙镇社会事务办";
    g.conditions = "年满80周岁的本镇户籍老人";
    g.handling = "承诺件";
    g.materials = {{"居民身份证", "原件", 1, true, "", "", std::nullopt},
                   {"户口簿", "原件", 1, true, "", "", std::nullopt},
                   {"委托书", "原件", 1, false, "", "代办时提供", std::nullopt}};
    g.legal_days = 20;
    g.promised_days = 5;
    g.visits = 1;
    g.fees = {{"工本费", "10元", ""}, {"加急费", "20元", ""}};
    g.location = "便民服务中心 3 号窗口";
    g.hours = "工作日 9:00–17:00";
    g.consult_phone = "0591-12345678";
    g.complaint_phone = "12345";
    g.online_url = "https://zwfw.example.gov.cn/g-1";
    g.mobile_url = "https://m.example.gov.cn/bszn/g-1";
    return g;
}

DisclosureItem fullDisclosure() {
    DisclosureItem d;
    d.id = "d-1";
    d.index_no = "11350000-2026-00031";
    d.title = "白沙镇2026年政务公开工作要点";
    d.category = "0201";
    d.publisher = "白沙镇人民政府";
    d.doc_no = "白政〔2026〕3号";
    d.written_date = "2026-03-02";
    d.published_date = "2026-03-05";
    d.summary = "明确全年政务公开的重点任务";
    d.body = htmlToBlocks("<p>一、总体要求</p><table><tr><td>任务</td><td>责任单位</td></tr></table>", {});
    d.url = "https://www.example.gov.cn/zwgk/d-1";
    d.mobile_url = "https://m.example.gov.cn/zwgk/d-1";
    return d;
}

Content contentWithOneOfEach() {
    Content c;
    c.notices.push_back(fullNotice());
    c.guides.push_back(fullGuide());
    c.disclosures.push_back(fullDisclosure());
    return c;
}

Playlist playlistFrom(const std::string& json) {
    const PlaylistResult r = parsePlaylist(json, "test.json");
    INFO(r.formattedProblems());
    REQUIRE(r.usable());
    return r.playlist;
}

} // namespace

TEST_CASE("a notice card: badge, level, publisher and date, the end of validity, the body and the phone link",
          "[info_card]") {
    const InfoCard card = noticeCard(fullNotice(), kCst);
    CHECK(card.kind == CardKind::Notice);
    CHECK(card.badge == "通知公告");
    CHECK(card.urgent);
    CHECK_FALSE(card.important);
    CHECK(card.title == "关于春节期间便民服务中心办公时间调整的通知");
    CHECK(card.meta == "白沙镇党政办公室  ·  2026年11月20日");
    // The end of validity in the screen's local time (UTC+8): midnight, not 16:00 of the day before.
    CHECK(fieldsOf(card) == FieldList{{"有效期至", "2026年12月1日 00:00"}});
    // One line per block and per <br> line; no markup survives.
    CHECK(plainText(card.body) == "调整安排\n二月十日至十七日\n暂停对外办公。\n急事请拨值班电话");
    CHECK(card.qr_url == "https://m.example.gov.cn/tzgg/n-1");
    CHECK(card.qr_caption == "在手机上查看全文");
}

TEST_CASE("a card's title shows Chinese punctuation full-width, the item keeps the portal's",
          "[info_card][cjk_punct]") {
    Notice n = fullNotice();
    n.title = "关于春节期间办公时间调整的通知(第2次)";
    CHECK(noticeCard(n, kCst).title == "关于春节期间办公时间调整的通知（第2次）");
    CHECK(n.title == "关于春节期间办公时间调整的通知(第2次)");
    ServiceGuide g;
    g.name = "高龄津贴申请:本镇户籍";
    CHECK(guideCard(g).title == "高龄津贴申请：本镇户籍");
    DisclosureItem d;
    d.title = "2026年工作要点,第1.5版";
    CHECK(disclosureCard(d).title == "2026年工作要点，第1.5版");
}

TEST_CASE("a notice without publisher, end of validity or phone link leaves them out", "[info_card]") {
    Notice n = fullNotice();
    n.level = NoticeLevel::Important;
    n.publisher.clear();
    n.valid_until.reset();
    n.mobile_url.clear();
    const InfoCard card = noticeCard(n, kCst);
    CHECK(card.important);
    CHECK_FALSE(card.urgent);
    CHECK(card.meta == "2026年11月20日"); // no dangling separator
    CHECK(card.fields.empty());
    CHECK(card.qr_url.empty());
}

TEST_CASE("a guide card: where, when, what to bring, how long, how many visits, fees and the phone, in that order",
          "[info_card]") {
    const InfoCard card = guideCard(fullGuide());
    CHECK(card.kind == CardKind::Guide);
    CHECK(card.badge == "办事指南");
    CHECK(card.title == "高龄老人津贴申请");
    CHECK(card.meta == "白沙镇社会事务办  ·  行政给付");
    CHECK(fieldsOf(card) == FieldList{{"办理地点", "便民服务中心 3 号窗口"},
                                      {"办公时间", "工作日 9:00–17:00"},
                                      {"所需材料", "3 项（必须提供 2 项）"},
                                      {"办理时限", "承诺 5 个工作日（法定 20 个工作日）"},
                                      {"到现场次数", "最多跑 1 次"},
                                      {"收费", "工本费 10元；加急费 20元"},
                                      {"咨询电话", "0591-12345678"}});
    CHECK(plainText(card.body) == "受理条件：年满80周岁的本镇户籍老人");
    // The complaint line is for the guide page, not the card read from a few metres.
    for (const CardField& field : card.fields) CHECK(field.value != "12345");
}

TEST_CASE("a guide card's figures follow the feed: fee note over the fee list, 即办件, zero visits", "[info_card]") {
    ServiceGuide g = fullGuide();
    g.fee_note = "不收费";
    g.legal_days.reset();
    g.promised_days.reset();
    g.handling = "即办件";
    g.visits = 0;
    g.materials = {{"居民身份证", "原件", 1, true, "", "", std::nullopt}};
    const FieldList fields = fieldsOf(guideCard(g));
    CHECK(fields == FieldList{{"办理地点", "便民服务中心 3 号窗口"},
                              {"办公时间", "工作日 9:00–17:00"},
                              {"所需材料", "1 项"},
                              {"办理时限", "即时办结"},
                              {"到现场次数", "0 次（可全程网上办理）"},
                              {"收费", "不收费"},
                              {"咨询电话", "0591-12345678"}});
}

TEST_CASE("a guide with only a name shows no field, no body and no QR code: nothing is made up", "[info_card]") {
    ServiceGuide g;
    g.id = "g-bare";
    g.name = "临时救助申请";
    const InfoCard card = guideCard(g);
    CHECK(card.title == "临时救助申请");
    CHECK(card.meta.empty());
    // In particular no 收费 field (the feed did not say the service is free), no time limit and
    // no visit count.
    CHECK(fieldsOf(card).empty());
    CHECK(card.body.blocks.empty());
    CHECK(card.qr_url.empty());
}

TEST_CASE("a guide's QR code opens the mobile guide, else online handling, else there is none", "[info_card]") {
    ServiceGuide g = fullGuide();
    CHECK(guideCard(g).qr_url == "https://m.example.gov.cn/bszn/g-1");
    g.mobile_url.clear();
    CHECK(guideCard(g).qr_url == "https://zwfw.example.gov.cn/g-1");
    g.online_url.clear();
    CHECK(guideCard(g).qr_url.empty());
}

// 在线办理 is promised only by a guide with an online service (online = true or an online_url).
TEST_CASE("a guide card's QR caption says 在线办理 only when the guide can be handled online", "[info_card]") {
    ServiceGuide g = fullGuide();
    g.online = false;
    g.online_url.clear();
    InfoCard card = guideCard(g);
    CHECK(card.qr_url == "https://m.example.gov.cn/bszn/g-1");
    CHECK(card.qr_caption == "在手机上查看办事指南");
    g.online.reset(); // the feed does not say
    CHECK(guideCard(g).qr_caption == "在手机上查看办事指南");
    g.online_url = "https://zwfw.example.gov.cn/g-1";
    CHECK(guideCard(g).qr_caption == "查看材料和在线办理");
    g.online_url.clear();
    g.online = true;
    CHECK(guideCard(g).qr_caption == "查看材料和在线办理");
}

TEST_CASE("zero visits says 可全程网上办理 only when the guide has an online service", "[info_card]") {
    ServiceGuide g = fullGuide();
    g.visits = 0;
    g.online_url.clear();
    g.online = true;
    const auto visits = [](const InfoCard& card) {
        for (const CardField& field : card.fields)
            if (field.label == "到现场次数") return field.value;
        return std::string("(none)");
    };
    CHECK(visits(guideCard(g)) == "0 次（可全程网上办理）");
    g.online = false;
    CHECK(visits(guideCard(g)) == "0 次");
    g.online.reset();
    CHECK(visits(guideCard(g)) == "0 次");
    g.online_url = "https://zwfw.example.gov.cn/g-1";
    CHECK(visits(guideCard(g)) == "0 次（可全程网上办理）");
}

TEST_CASE("a disclosure card: 索引号, 文号 and 成文日期, the summary before the text, the phone link", "[info_card]") {
    DisclosureItem d = fullDisclosure();
    const InfoCard card = disclosureCard(d);
    CHECK(card.kind == CardKind::Disclosure);
    CHECK(card.badge == "政府信息公开");
    CHECK(card.meta == "白沙镇人民政府  ·  2026年3月5日");
    CHECK(fieldsOf(card) ==
          FieldList{{"索引号", "11350000-2026-00031"}, {"文号", "白政〔2026〕3号"}, {"成文日期", "2026年3月2日"}});
    CHECK(plainText(card.body) == "内容概述：明确全年政务公开的重点任务\n一、总体要求\n任务 责任单位");
    CHECK(card.qr_url == "https://m.example.gov.cn/zwgk/d-1");

    d.mobile_url.clear(); // the desktop page is better than no code at all
    CHECK(disclosureCard(d).qr_url == "https://www.example.gov.cn/zwgk/d-1");
    d.summary.clear();
    d.doc_no.clear();
    const InfoCard plain = disclosureCard(d);
    CHECK(plainText(plain.body) == "一、总体要求\n任务 责任单位");
    CHECK(fieldsOf(plain) == FieldList{{"索引号", "11350000-2026-00031"}, {"成文日期", "2026年3月2日"}});
}

TEST_CASE("a disclosure date that is not YYYY-MM-DD is shown as published, not reinterpreted", "[info_card]") {
    DisclosureItem d = fullDisclosure();
    d.written_date = "2026年3月";
    CHECK(fieldsOf(disclosureCard(d)).at(2) == std::pair<std::string, std::string>{"成文日期", "2026年3月"});
}

TEST_CASE("buildInfoCard: the card of each kind of slot", "[info_card]") {
    const Content content = contentWithOneOfEach();
    const Playlist playlist = playlistFrom(R"({"items": [
        {"ref": "guide:g-1"}, {"ref": "disclosure:d-1"}, {"ref": "notice:gone"},
        {"text": {"title": "温馨提示", "body": "请保管好随身物品"}}],
        "fallback": {"ref": "notice:n-1"}})");

    SECTION("a scheduled item resolves to its content") {
        CHECK(buildInfoCard(content, playlist, Slot{"guide:g-1", 0, SlotReason::Scheduled}, kCst).title ==
              "高龄老人津贴申请");
        CHECK(buildInfoCard(content, playlist, Slot{"disclosure:d-1", 1, SlotReason::Scheduled}, kCst).kind ==
              CardKind::Disclosure);
    }
    SECTION("a ref the publish does not have gives the idle card, never another item") {
        const InfoCard card = buildInfoCard(content, playlist, Slot{"notice:gone", 2, SlotReason::Scheduled}, kCst);
        CHECK(card.kind == CardKind::Idle);
        CHECK(card.title.empty());
    }
    SECTION("a text item is a 温馨提示 card with its body") {
        const InfoCard card = buildInfoCard(content, playlist, Slot{"text:3", 3, SlotReason::Scheduled}, kCst);
        CHECK(card.kind == CardKind::Text);
        CHECK(card.badge == "温馨提示");
        CHECK(plainText(card.body) == "请保管好随身物品");
        CHECK(card.qr_url.empty());
    }
    SECTION("the fallback slot shows the playlist's fallback") {
        CHECK(buildInfoCard(content, playlist, Slot{"notice:n-1", -1, SlotReason::Fallback}, kCst).kind ==
              CardKind::Notice);
    }
    SECTION("an urgent slot shows the notice its ref names, whatever the item index") {
        const InfoCard card = buildInfoCard(content, playlist, Slot{"notice:n-1", -1, SlotReason::Urgent}, kCst);
        CHECK(card.kind == CardKind::Notice);
        CHECK(card.urgent);
        CHECK(buildInfoCard(content, playlist, Slot{"notice:gone", -1, SlotReason::Urgent}, kCst).kind ==
              CardKind::Idle);
    }
    SECTION("an item index past the playlist, and the idle slot, give the idle card") {
        CHECK(buildInfoCard(content, playlist, Slot{"guide:g-1", 9, SlotReason::Scheduled}, kCst).kind ==
              CardKind::Idle);
        CHECK(buildInfoCard(content, playlist, Slot{}, kCst).kind == CardKind::Idle);
    }
}
