// The kiosk's search. See search_session.h.
#include "kiosk/core/search_session.h"

#include "kiosk/core/log.h"

#include <chrono>

namespace gk {

void SearchSession::prepare(const std::shared_ptr<const Content>& content) {
    if ((m_index && &m_index->content() == content.get()) || m_building_for == content.get()) return;
    m_building_for = content.get();
    m_building = std::async(std::launch::async, [content, resources = m_resources] {
        std::shared_ptr<const SearchResources> loaded = resources;
        if (!loaded) {
            loaded = std::make_shared<const SearchResources>(loadSearchResources());
            for (const std::string& note : loaded->notes) logLine(LogLevel::Warn, note);
        }
        return Built{loaded, std::make_shared<const SearchIndex>(content, *loaded)};
    });
}

bool SearchSession::pending() const {
    return m_building.valid() && m_building.wait_for(std::chrono::seconds(0)) != std::future_status::ready;
}

void SearchSession::waitReady() {
    if (m_building.valid()) m_building.wait();
}

const SearchResults* SearchSession::resultsFor(const std::shared_ptr<const Content>& content, const std::string& text,
                                               std::size_t limit) {
    prepare(content);
    if (m_building.valid()) {
        if (pending()) return nullptr;
        Built built = m_building.get();
        m_resources = std::move(built.resources);
        m_index = std::move(built.index);
        m_building_for = nullptr;
        m_results = {};
        m_results.query = "\n"; // no query is this: search again with the new index
    }
    if (m_results.query != text) m_results = m_index->search(text, limit);
    return &m_results;
}

const SearchResults* SearchSession::resultsWhileComposing(const std::shared_ptr<const Content>& content,
                                                          const std::string& committed, const std::string& letters,
                                                          const std::string& first_candidate, std::size_t limit) {
    const SearchResults* as_typed = resultsFor(content, committed + letters, limit);
    if (!as_typed || as_typed->total > 0 || first_candidate.empty()) return as_typed;
    return resultsFor(content, committed + first_candidate, limit);
}

} // namespace gk
