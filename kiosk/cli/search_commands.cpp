// `gongkai-kiosk search`. See search_commands.h.
#include "kiosk/cli/search_commands.h"

#include "config/i18n.h"
#include "config/settings.h"
#include "kiosk/services/paths.h"
#include "sync/loader.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <iostream>
#include <optional>

namespace gk {
namespace {

namespace fs = std::filesystem;

constexpr int kExitNoResults = 1;
constexpr int kExitUsage = 2;

int fail(const std::string& message) {
    std::cerr << "gongkai-kiosk search: " << message << "\n";
    return kExitUsage;
}

std::optional<std::size_t> parseLimit(const ParsedCommand& cmd) {
    if (!cmd.has("--limit")) return kDefaultSearchLimit;
    const std::string text = cmd.get("--limit");
    if (text.empty() || text.size() > 4 || text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const int limit = std::stoi(text);
    if (limit < 1 || limit > kMaxSearchLimit) return std::nullopt;
    return static_cast<std::size_t>(limit);
}

std::string oneLine(std::string text) {
    for (char& c : text)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return text;
}

} // namespace

std::string searchResultsText(const SearchResults& results) {
    std::string out;
    for (const SearchHit& hit : results.hits)
        out += hit.ref + "\t" + std::string(searchFieldName(hit.field)) + "\t" + oneLine(hit.title) + "\n";
    return out;
}

std::string searchResultsJson(const SearchResults& results) {
    nlohmann::json list = nlohmann::json::array();
    for (const SearchHit& hit : results.hits) {
        list.push_back({{"ref", hit.ref},
                        {"title", hit.title},
                        {"field", searchFieldName(hit.field)},
                        {"date", hit.date},
                        {"snippet", hit.snippet},
                        {"match", {hit.match_start, hit.match_length}}});
    }
    const nlohmann::json doc = {{"query", results.query}, {"total", results.total}, {"results", std::move(list)}};
    return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

int commandSearch(const ParsedCommand& cmd) {
    if (cmd.positional.empty()) return fail(tr("what to search for? (gongkai-kiosk search QUERY)"));
    const std::optional<std::size_t> limit = parseLimit(cmd);
    if (!limit)
        return fail(fillIn(tr("--limit \"{0}\" is not a number from 1 to {1}"),
                           {cmd.get("--limit"), std::to_string(kMaxSearchLimit)}));
    Settings settings; // only checked: a broken config is reported as for every other command
    std::string error;
    if (!loadSettingsFile(cmd.get("--config"), settings, error)) return fail(error);
    const fs::path data_dir = cmd.has("--data-dir") ? fs::path(cmd.get("--data-dir")) : defaultDataDir();
    const std::shared_ptr<const Content> content = loadCurrentContent(data_dir, error);
    if (!content) return fail(fillIn(tr("no content to search in {0}: {1}"), {data_dir.string(), error}));

    if (!error.empty()) std::cerr << "gongkai-kiosk search: " << error << "\n"; // an older publish is searched

    SearchSetup setup;
    if (cmd.has("--pinyin-dict")) setup.pinyin_dict = cmd.get("--pinyin-dict");
    const SearchResources resources = loadSearchResources(setup);
    for (const std::string& note : resources.notes) std::cerr << "gongkai-kiosk search: " << note << "\n";
    const SearchIndex index(content, resources);
    const SearchResults results = index.search(cmd.positional[0], *limit);
    std::cout << (cmd.has("--json") ? searchResultsJson(results) : searchResultsText(results));
    return results.hits.empty() ? kExitNoResults : 0;
}

} // namespace gk
