// The item loop shared by disclosures, guides and notices: "items" array, per-collection limit,
// required id and title, duplicate ids, and the skip-with-reason rule. Internal to sync/. Must
// not include SDL, ImGui, GL or curl.
#pragma once

#include "sync/content.h"
#include "sync/json_fields.h"
#include "sync/limits.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

struct CollectionSpec {
    const char* name;      // "disclosures"
    const char* title_key; // "title", or "name" for guides
};

// Checks id and title of items[i]; false with error saying why the item is skipped.
bool checkItemIdentity(const nlohmann::json& item, std::size_t i, const CollectionSpec& spec,
                       const std::map<std::string, std::size_t>& first_seen, std::string& error);

// Parses the collection into items/index; unusable items are appended to skipped. Returns false
// with error ("guides.json: ...") when the collection as a whole is unusable.
template <class Item>
bool parseItems(std::string_view bytes, const CollectionSpec& spec, const FeedLimits& limits, std::vector<Item>& items,
                std::map<std::string, std::size_t>& index, std::vector<SkippedItem>& skipped,
                const std::function<void(FieldReader&, Item&)>& fill, std::string& error) {
    const std::string file = std::string(spec.name) + ".json: ";
    std::string problem;
    const std::optional<nlohmann::json> doc = parseJsonDocument(bytes, problem);
    if (!doc) {
        error = file + problem;
        return false;
    }
    const auto list = doc->is_object() ? doc->find("items") : doc->end();
    if (!doc->is_object() || list == doc->end() || !list->is_array()) {
        error = file + "has no \"items\" array";
        return false;
    }
    if (list->size() > limits.items_per_collection) {
        error = file + std::to_string(list->size()) + " items, more than the limit of " +
                std::to_string(limits.items_per_collection);
        return false;
    }
    std::map<std::string, std::size_t> first_seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
        if (limits.stop != nullptr && limits.stop->load()) {
            error = file + "reading stopped (cancelled)";
            return false;
        }
        const nlohmann::json& element = (*list)[i];
        if (std::string reason; !checkItemIdentity(element, i, spec, first_seen, reason)) {
            const auto id = element.is_object() ? element.find("id") : element.end();
            const bool has_id = element.is_object() && id != element.end() && id->is_string();
            skipped.push_back({spec.name, has_id ? id->template get<std::string>() : std::string(), reason});
            continue;
        }
        Item item{};
        item.id = element.find("id")->template get<std::string>();
        FieldReader reader(element, "");
        fill(reader, item);
        if (!reader.ok()) {
            skipped.push_back(
                {spec.name, item.id, "items[" + std::to_string(i) + "] (id \"" + item.id + "\"): " + reader.error()});
            continue;
        }
        first_seen.emplace(item.id, i);
        index[item.id] = items.size();
        items.push_back(std::move(item));
    }
    return true;
}

} // namespace gk
