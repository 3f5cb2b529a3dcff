// Tests of sync/html_blocks (and htmlToPlainText built on it): what each kind of government
// HTML becomes — headings, paragraphs, lists, tables, verified images, links — and what is
// dropped. Hostile input (deep nesting, 1 MB paragraphs, invalid UTF-8) is in
// html_blocks_hostile_test.cpp, the demo portal's bodies too.
#include "sync/html_blocks.h"
#include "sync/html_text.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using gk::BlockKind;
using gk::htmlToBlocks;

namespace {

gk::BodyDocument parse(std::string_view html) {
    return htmlToBlocks(html, [](std::string_view) { return false; });
}

std::vector<std::string> texts(const gk::BodyDocument& doc) {
    std::vector<std::string> out;
    for (const gk::Block& b : doc.blocks) out.push_back(b.text);
    return out;
}

} // namespace

TEST_CASE("headings keep their level and paragraphs their text", "[html]") {
    const auto doc = parse("<h1>黄埠乡2018年政务公开工作实施方案</h1>"
                           "<h2>一、指导思想</h2>"
                           "<p>以习近平新时代中国特色社会主义思想和党的十九大精神为指导，以服务为宗旨。</p>"
                           "<h3>（一）公开形式。</h3><h6>附注</h6>");
    REQUIRE(doc.blocks.size() == 5);
    CHECK(doc.blocks[0].kind == BlockKind::Heading);
    CHECK(doc.blocks[0].level == 1);
    CHECK(doc.blocks[0].text == "黄埠乡2018年政务公开工作实施方案");
    CHECK(doc.blocks[1].level == 2);
    CHECK(doc.blocks[2].kind == BlockKind::Paragraph);
    CHECK(doc.blocks[2].text == "以习近平新时代中国特色社会主义思想和党的十九大精神为指导，以服务为宗旨。");
    CHECK(doc.blocks[3].level == 3);
    CHECK(doc.blocks[4].level == 6);
}

TEST_CASE("white space collapses, and no space is kept next to a Chinese character", "[html]") {
    const auto doc = parse("<p>\n    属于主动公开范围的政府信息，\n    自该信息形成或者变更之日起\n"
                           "    20 个工作日内予以公开。\n</p>"
                           "<p>Please   call\n <b>12345</b>  today</p>"
                           "<p>　　各村（居）委会，镇直各单位：</p>"
                           "<p>&nbsp;&nbsp;&nbsp;&nbsp;为有效防范冬春季节各类安全事故</p>"
                           "<p>中共青溪县白沙镇委员会&nbsp;&nbsp;青溪县白沙镇人民政府</p>");
    CHECK(texts(doc) ==
          std::vector<std::string>{"属于主动公开范围的政府信息，自该信息形成或者变更之日起20个工作日内予以公开。",
                                   "Please call 12345 today", "各村（居）委会，镇直各单位：",
                                   "为有效防范冬春季节各类安全事故", "中共青溪县白沙镇委员会 青溪县白沙镇人民政府"});
}

TEST_CASE("<br> breaks a line inside its block, with at most one empty line — <pre> keeps its lines", "[html]") {
    const auto doc = parse("<p><br>青溪县白沙镇人民政府<br>2026年11月18日<br></p>"
                           "<li>第一行<br><br><br><br>第二行</li>"
                           "<pre>申请人：张三\n联系电话：0598-3627101</pre>");
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].text == "青溪县白沙镇人民政府\n2026年11月18日");
    CHECK(doc.blocks[1].text == "第一行\n\n第二行");
    CHECK(doc.blocks[2].kind == BlockKind::Paragraph);
    CHECK(doc.blocks[2].text == "申请人：张三\n联系电话：0598-3627101");
}

TEST_CASE("inline elements flatten to text and entities are decoded", "[html]") {
    const auto doc = parse("<p><strong>重要提示：</strong>请<span style=\"color:red\">携带<em>身份证</em>"
                           "<u>原件</u></span>，<font face=\"宋体\">H<sub>2</sub>O</font>&amp;m<sup>2</sup>"
                           "&ldquo;&lt;条例&gt;&rdquo;&hellip;&#x4E00;&#20108;</p>");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].text == "重要提示：请携带身份证原件，H2O&m2“<条例>”…一二");
}

TEST_CASE("p, div, section, blockquote and center are paragraphs — a div of paragraphs adds none", "[html]") {
    const auto doc = parse("<div class=\"TRS_Editor\"><div><p>第一段</p><p>第二段</p></div>附言"
                           "<section><article>第三段</article></section><blockquote>引文</blockquote>"
                           "<center>居中</center></div>");
    CHECK(texts(doc) == std::vector<std::string>{"第一段", "第二段", "附言", "第三段", "引文", "居中"});
    for (const auto& b : doc.blocks) CHECK(b.kind == BlockKind::Paragraph);
}

TEST_CASE("list items carry order, number and depth", "[html]") {
    const auto doc = parse("<ol start=\"3\"><li>第三项</li><li value=\"7\">第七项</li><li>第八项</li></ol>"
                           "<ul><li>当面申请</li><li><p>信函申请</p></li></ul>");
    REQUIRE(doc.blocks.size() == 5);
    for (const auto& b : doc.blocks) {
        CHECK(b.kind == BlockKind::ListItem);
        CHECK(b.depth == 0);
        CHECK_FALSE(b.continues);
    }
    CHECK(doc.blocks[0].ordered);
    CHECK(doc.blocks[0].number == 3);
    CHECK(doc.blocks[1].number == 7);
    CHECK(doc.blocks[2].number == 8);
    CHECK_FALSE(doc.blocks[3].ordered);
    CHECK(doc.blocks[4].text == "信函申请");
}

TEST_CASE("an item holding a nested list splits into the item, the sub-items and its continuation", "[html]") {
    const auto doc = parse("<ol><li>围绕建设法治政府全面推进政务公开：<ul><li>推进政策执行阳光透明；</li>"
                           "<li>做好权责清单调整和公开工作。<ol><li>按季度更新</li></ol></li></ul>"
                           "以上工作由党政办牵头。</li><li>围绕重点领域加大主动公开力度。</li></ol>");
    REQUIRE(doc.blocks.size() == 6);
    const auto& b = doc.blocks;
    CHECK((b[0].text == "围绕建设法治政府全面推进政务公开：" && b[0].depth == 0 && b[0].number == 1));
    CHECK((b[1].text == "推进政策执行阳光透明；" && b[1].depth == 1 && !b[1].ordered));
    CHECK((b[2].text == "做好权责清单调整和公开工作。" && b[2].depth == 1));
    CHECK((b[3].text == "按季度更新" && b[3].depth == 2 && b[3].ordered && b[3].number == 1));
    CHECK((b[4].text == "以上工作由党政办牵头。" && b[4].depth == 0 && b[4].continues));
    CHECK((b[5].text == "围绕重点领域加大主动公开力度。" && b[5].number == 2 && !b[5].continues));
}

TEST_CASE("a table keeps header cells, clamped spans and ragged rows", "[html]") {
    const auto doc =
        parse("<table border=\"1\"><thead><tr><td>序号</td><th>科目名称</th><th colspan=\"2\">预算数</th>"
              "</tr></thead><tbody><tr><td>1</td><td>一般公共服务支出</td><td>1,052.30</td><td>+3.3</td></tr>"
              "<tr><td>2</td><td>公共安全支出</td></tr>"
              "<tr><th>合计</th><td colspan=\"999\">4,327.50</td><td rowspan=\"0\" colspan=\"x\">注</td></tr>"
              "</tbody></table>");
    REQUIRE(doc.blocks.size() == 1);
    const gk::Block& t = doc.blocks[0];
    CHECK(t.kind == BlockKind::Table);
    REQUIRE(t.rows.size() == 4);
    REQUIRE(t.rows[0].size() == 3);
    for (const auto& cell : t.rows[0]) CHECK(cell.header);
    CHECK(t.rows[0][2].colspan == 2);
    CHECK(t.rows[1][1].text == "一般公共服务支出");
    CHECK_FALSE(t.rows[1][1].header);
    CHECK(t.rows[2].size() == 2);
    CHECK(t.rows[3][0].header);
    CHECK(t.rows[3][1].colspan == gk::kMaxTableSpan);
    CHECK(t.rows[3][2].rowspan == 1);
    CHECK(t.rows[3][2].colspan == 1);
}

TEST_CASE("table cells read paragraphs, list items, headings and <br> as lines", "[html]") {
    const auto doc = parse("<table><tr><td><p>身份证原件</p><p>户口簿复印件</p></td>"
                           "<td><ol><li>申请</li><li>受理</li></ol><ul><li>免费</li></ul></td>"
                           "<td><h3>地点</h3>第一行<br>第二行</td></tr></table>");
    REQUIRE(doc.blocks.size() == 1);
    const auto& row = doc.blocks[0].rows.at(0);
    REQUIRE(row.size() == 3);
    CHECK(row[0].text == "身份证原件\n户口簿复印件");
    CHECK(row[1].text == "1. 申请\n2. 受理\n• 免费");
    CHECK(row[2].text == "地点\n第一行\n第二行");
}

TEST_CASE("a table nested in a cell is flattened into the cell's text", "[html]") {
    const auto doc = parse("<table><tr><td>材料清单<table><tr><th>名称</th><th>份数</th></tr>"
                           "<tr><td>申请表</td><td>1</td></tr><tr><td></td><td>2</td></tr></table></td>"
                           "<td>备注</td></tr></table>");
    REQUIRE(doc.blocks.size() == 1);
    const auto& t = doc.blocks[0];
    REQUIRE(t.rows.size() == 1);
    REQUIRE(t.rows[0].size() == 2);
    CHECK(t.rows[0][0].text == "材料清单\n名称｜份数\n申请表｜1\n2");
    CHECK(t.rows[0][1].text == "备注");
}

TEST_CASE("a caption becomes a paragraph before its table", "[html]") {
    const auto doc = parse("<p>前言</p><table><caption>表1 2026年一般公共预算收入表（单位：万元）</caption>"
                           "<tr><td>收入</td></tr></table><p>后记</p>");
    REQUIRE(doc.blocks.size() == 4);
    CHECK(doc.blocks[1].kind == BlockKind::Paragraph);
    CHECK(doc.blocks[1].text == "表1 2026年一般公共预算收入表（单位：万元）");
    CHECK(doc.blocks[2].kind == BlockKind::Table);
    CHECK(doc.blocks[3].text == "后记");
}

TEST_CASE("cells are placed in grid columns around the cells spanning down", "[html]") {
    const auto doc = parse("<table><tr><td rowspan=\"2\">白沙村</td><td>第1网格</td><td rowspan=\"3\">李春华</td></tr>"
                           "<tr><td>第2网格</td></tr><tr><td colspan=\"2\">溪口村第3网格</td></tr>"
                           "<tr><td>a</td><td>b</td><td>c</td><td rowspan=\"9\">d</td></tr></table>");
    REQUIRE(doc.blocks.size() == 1);
    const auto& rows = doc.blocks[0].rows;
    REQUIRE(rows.size() == 4);
    CHECK(rows[0][2].column == 2);
    CHECK(rows[1][0].column == 1); // column 0 is 白沙村's
    CHECK(rows[2][0].column == 0);
    CHECK(rows[3][2].column == 2);
    CHECK(rows[3][3].column == 3);
    CHECK(rows[3][3].rowspan == 1); // the table ends there
    CHECK(doc.blocks[0].columns == 4);
}

TEST_CASE("only images that are verified attachments of the item are shown", "[html]") {
    std::vector<std::string> asked;
    const auto verified = [&](std::string_view src) {
        asked.emplace_back(src);
        return src == "att/xxgk/bsz-2026-0004-zhichu-jiegou.png";
    };
    const auto doc =
        htmlToBlocks("<p>见下图：<img src=\"att/xxgk/bsz-2026-0004-zhichu-jiegou.png\" "
                     "alt=\"支出结构 bar chart\" onerror=\"steal()\">图 1　说明</p>"
                     "<img src=\"https://evil.example.com/track.gif\"><img src=\"//cdn.example.com/a.png\">"
                     "<img src=\"data:image/png;base64,AAAA\"><img src=\"att/other.png\">"
                     "<img src=\"HTTP://X/Y.png\"><img alt=\"无源\">"
                     "<table><tr><td><img src=\"att/xxgk/bsz-2026-0004-zhichu-jiegou.png\">表</td></tr></table>"
                     "<ul><li><ul><li>图：<img src=\"att/xxgk/bsz-2026-0004-zhichu-jiegou.png\"></li></ul></li></ul>",
                     verified);
    REQUIRE(doc.blocks.size() == 6);
    CHECK(doc.blocks[0].text == "见下图：");
    CHECK(doc.blocks[1].kind == BlockKind::Image);
    CHECK(doc.blocks[1].image_href == "att/xxgk/bsz-2026-0004-zhichu-jiegou.png");
    CHECK(doc.blocks[1].text == "支出结构bar chart");
    CHECK(doc.blocks[2].text == "图1　说明");
    CHECK(doc.blocks[3].kind == BlockKind::Table);
    CHECK(doc.blocks[5].kind == BlockKind::Image);
    CHECK(doc.blocks[5].depth == 1);
    CHECK(doc.dropped_images == 7); // five remote or unknown, one without src, one in a table cell
    for (const std::string& src : asked) {
        CHECK(src.find(':') == std::string::npos);
        CHECK_FALSE(src.starts_with("//"));
    }
}

TEST_CASE("http(s) links are listed once each in document order — their text stays inline", "[html]") {
    const auto doc = parse(
        "<p>详见<a href=\"https://www.qingxi.gov.cn/zwgk/1.html\" onclick=\"x()\">县政府门户网站</a>和"
        "<a href=\"http://m.example.gov.cn/a\">手机版</a>。</p>"
        "<p>再次：<a href=\" https://www.qingxi.gov.cn/zwgk/1.html \">门户</a>；<a "
        "href=\"javascript:alert(1)\">点我</a>；"
        "<a href=\"mailto:gk@example.gov.cn\">邮箱</a>；<a href=\"tel:0598-3627101\">0598-3627101</a>；"
        "<a href=\"/xxgk/rel.html\">相对</a>；<a href=\"data:text/html,x\">数据</a>；<a href=\"https://x.cn/\"></a></p>"
        "<table><tr><td><a href=\"https://zwfw.example.gov.cn/\">在线办理</a></td></tr></table>");
    REQUIRE(doc.links.size() == 3);
    CHECK(doc.links[0].url == "https://www.qingxi.gov.cn/zwgk/1.html");
    CHECK(doc.links[0].text == "县政府门户网站");
    CHECK(doc.links[1].url == "http://m.example.gov.cn/a");
    CHECK(doc.links[2].text == "在线办理");
    REQUIRE(doc.blocks.size() == 3);
    CHECK(doc.blocks[0].text == "详见县政府门户网站和手机版。");
    CHECK(doc.blocks[0].links == std::vector<int>{0, 1});
    CHECK(doc.blocks[1].text == "再次：门户；点我；邮箱；0598-3627101；相对；数据；");
    CHECK(doc.blocks[1].links == std::vector<int>{0});
    CHECK(doc.blocks[2].links == std::vector<int>{2});
}

TEST_CASE("a link around a verified image is named by the image's alt text", "[html]") {
    const auto doc =
        htmlToBlocks("<p><a href=\"https://m.example.gov.cn/map\"><img src=\"att/map.png\" alt=\"绕行示意图\">"
                     "</a></p>",
                     [](std::string_view src) { return src == "att/map.png"; });
    REQUIRE(doc.links.size() == 1);
    CHECK(doc.links[0].text == "绕行示意图");
    REQUIRE(doc.blocks.size() == 1);
    CHECK(doc.blocks[0].kind == BlockKind::Image);
    CHECK(doc.blocks[0].links == std::vector<int>{0});
}

TEST_CASE("script, style, iframe, forms, media, svg, comments and attributes are dropped", "[html]") {
    const auto doc = parse(
        "<head><title>标题</title><style>p{color:red}</style><script>var a=1;</script></head><body onload=\"evil()\">"
        "<p>正文第一段<script>document.write('<p onclick=x>注入</p>')</script></p><style>.x{}</style>"
        "<iframe src=\"https://evil.example.com\">框架</iframe><object data=\"x.swf\">对象</object><embed src=\"x\">"
        "<form action=\"/s\"><p>表单</p><input value=\"输入\"><button>提交</button><select><option>选项</option>"
        "</select><textarea>文本域</textarea></form><noscript>请启用脚本</noscript><template><p>模板</p></template>"
        "<svg><text>矢量</text></svg><math><mi>x</mi></math><video>视频</video><!-- 注释 -->"
        "<p onclick=\"steal()\" onmouseover=\"x()\" style=\"color:red\">正文第二段</p>"
        "<p hidden>隐藏</p><div style=\"DISPLAY: none\">不显示</div><span style=\"visibility:hidden\">看不见</span>");
    CHECK(texts(doc) == std::vector<std::string>{"正文第一段", "正文第二段"});
}

TEST_CASE("blocks without text are omitted", "[html]") {
    for (const char* html : {"", "   \n ", "<!-- 只有注释 -->", "<script>alert(1)</script>",
                             "<p>  </p><p>&nbsp;</p><p>　　</p><div><br><br></div><ul><li> </li></ul><h2></h2>"
                             "<table><tr><td> </td><td></td></tr></table><table></table>"}) {
        INFO(html);
        CHECK(parse(html).blocks.empty());
    }
}

TEST_CASE("htmlToPlainText: the blocks as lines, table rows with cells separated by spaces", "[html]") {
    CHECK(gk::htmlToPlainText("<h2>一、整治时间</h2><p>2026年11月20日至<br><br>2027年2月28日</p><ul><li>道路交通</li>"
                              "</ul><table><tr><th>姓名</th><th>所在网格</th></tr><tr><td>𠮷永福</td>"
                              "<td>白沙社区第2网格</td></tr></table><script>x()</script>"
                              "<img src=\"att/a.png\" alt=\"图\">") ==
          "一、整治时间\n2026年11月20日至\n2027年2月28日\n道路交通\n姓名 所在网格\n𠮷永福 白沙社区第2网格");
    CHECK(gk::htmlToPlainText("").empty());
}
