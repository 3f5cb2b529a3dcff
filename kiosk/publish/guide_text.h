// The 办事指南 file a township clerk fills in with Notepad or WPS: one plain text file per service,
// each element under a 【heading】, lists one entry a line with cells separated by ｜ (or |), and
// 问：/答： pairs for the FAQ. Read into one item of guides.json (the fields sync/feed_guides.cpp
// reads). The format is documented in docs/publishing.md and shown by
// assets/publish-example/办事指南/_模板.txt. Pure parsing; no I/O. No SDL, GL or curl.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace gk {

// One problem of a guide file: the line it is on and the heading it is under ("申请材料").
struct GuideIssue {
    int line = 0;
    std::string heading;
    std::string message;
    bool warning = false;
};

// A 空白表格 (blank form) a material names: a path relative to the guide file, to be copied and
// hashed by the builder into item["materials"][material]["template"].
struct GuideTemplateRef {
    std::size_t material = 0;
    std::string path;
    int line = 0;
};

struct GuideDraft {
    nlohmann::json item = nlohmann::json::object(); // "id" is the 【编号】, or else the file's stem
    std::vector<GuideTemplateRef> templates;
    std::vector<GuideIssue> issues;
};

// text is the file's content in UTF-8; default_id is used when there is no 【编号】.
GuideDraft parseGuideText(std::string_view text, const std::string& default_id);

// The headings parseGuideText knows, in the order the template lists them.
const std::vector<std::string>& guideHeadings();

} // namespace gk
