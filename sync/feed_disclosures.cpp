// catalog.json (主动公开目录) and disclosures.json (政府信息公开条目) into gk::Content.
// Must not include SDL, ImGui, GL or curl.
#include "sync/feed_items.h"
#include "sync/feed_parser.h"

#include <set>

namespace gk {
using nlohmann::json;

namespace {

constexpr int kMaxCatalogDepth = 8;

struct CatalogWalk {
    std::set<std::string> codes;
    std::vector<SkippedItem>& skipped;
};

// Whether one category object is usable; false with error saying what is wrong with it.
bool checkCategory(const json& node, int depth, const CatalogWalk& walk, std::string& error) {
    const auto fail = [&error](std::string message) {
        error = std::move(message);
        return false;
    };
    if (!node.is_object()) {
        return fail("is not an object");
    }
    if (depth > kMaxCatalogDepth) {
        return fail("is nested deeper than " + std::to_string(kMaxCatalogDepth) + " levels");
    }
    for (const char* key : {"code", "name"}) {
        const auto field = node.find(key);
        if (field == node.end() || field->is_null()) {
            return fail(std::string(key) + " is missing");
        }
        if (!field->is_string() || field->get_ref<const std::string&>().empty()) {
            return fail(std::string(key) + (field->is_string() ? " is empty" : " is not a string"));
        }
    }
    if (walk.codes.count(node["code"].get<std::string>()) > 0) {
        return fail("duplicate code");
    }
    const auto children = node.find("children");
    if (children != node.end() && !children->is_null() && !children->is_array()) {
        return fail("children is not an array");
    }
    return true;
}

void readCategories(const json& list, const std::string& path, int depth, CatalogWalk& walk,
                    std::vector<Category>& out) {
    for (std::size_t i = 0; i < list.size(); ++i) {
        const json& node = list[i];
        const std::string at = path + "[" + std::to_string(i) + "]";
        if (std::string problem; !checkCategory(node, depth, walk, problem)) {
            const auto code = node.is_object() ? node.find("code") : node.end();
            const bool has_code = node.is_object() && code != node.end() && code->is_string();
            const std::string code_text = has_code ? code->get<std::string>() : std::string();
            const std::string named = has_code ? at + " (code \"" + code_text + "\")" : at;
            walk.skipped.push_back({"catalog", code_text, named + ": " + problem});
            continue;
        }
        Category category;
        category.code = node["code"].get<std::string>();
        category.name = node["name"].get<std::string>();
        walk.codes.insert(category.code);
        const auto children = node.find("children");
        if (children != node.end() && children->is_array()) {
            readCategories(*children, at + ".children", depth + 1, walk, category.children);
        }
        out.push_back(std::move(category));
    }
}

void fillDisclosure(FieldReader& r, DisclosureItem& d) {
    r.text("title", d.title);
    const std::pair<const char*, std::string*> texts[] = {{"index_no", &d.index_no},
                                                          {"category", &d.category},
                                                          {"publisher", &d.publisher},
                                                          {"doc_no", &d.doc_no},
                                                          {"written_date", &d.written_date},
                                                          {"published_date", &d.published_date},
                                                          {"effective_date", &d.effective_date},
                                                          {"expiry_date", &d.expiry_date},
                                                          {"validity", &d.validity},
                                                          {"summary", &d.summary},
                                                          {"updated_at", &d.updated_at}};
    for (const auto& [key, target] : texts) {
        r.text(key, *target);
    }
    r.webUrl("url", d.url);
    r.webUrl("mobile_url", d.mobile_url);
    r.textList("keywords", d.keywords);
    r.attachmentList("attachments", d.attachments);
    r.body("body_html", d.attachments, d.body);
    r.textList("related", d.related);
}

} // namespace

bool parseCatalog(std::string_view bytes, Content& content, std::string& error) {
    std::string problem;
    const std::optional<json> doc = parseJsonDocument(bytes, problem);
    if (!doc) {
        error = "catalog.json: " + problem;
        return false;
    }
    const auto list = doc->is_object() ? doc->find("categories") : doc->end();
    if (!doc->is_object() || list == doc->end() || !list->is_array()) {
        error = "catalog.json: has no \"categories\" array";
        return false;
    }
    CatalogWalk walk{{}, content.skipped};
    readCategories(*list, "categories", 1, walk, content.catalog);
    return true;
}

bool parseDisclosures(std::string_view bytes, const FeedLimits& limits, Content& content, std::string& error) {
    static const CollectionSpec spec{"disclosures", "title"};
    return parseItems<DisclosureItem>(bytes, spec, limits, content.disclosures, content.disclosure_index,
                                      content.skipped, fillDisclosure, error);
}

} // namespace gk
