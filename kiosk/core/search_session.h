// The kiosk's search over the publish on screen: the index is built on a worker thread (0.24 s for
// 10,000 items) as soon as a resident starts, so typing never waits for it; a new publish gets a
// new index; the results of the current query are kept until the query or the index changes. The
// keyboard and the pinyin being typed are the input's (kiosk/input/keyboard_input.h). Main thread.
#pragma once

#include "sync/content.h"
#include "sync/search/search_index.h"

#include <cstddef>
#include <future>
#include <memory>
#include <string>

namespace gk {

class SearchSession {
public:
    // Starts building the index of `content`, unless it is built or being built.
    void prepare(const std::shared_ptr<const Content>& content);
    // The index of the last prepared publish is still being built.
    bool pending() const;
    // Waits for the index being built (a screenshot shows the results, not the wait for them).
    void waitReady();
    // The results for `text` over the publish last prepared; null while its index is being built.
    const SearchResults* resultsFor(const std::shared_ptr<const Content>& content, const std::string& text,
                                    std::size_t limit);
    // The results while pinyin is being composed after `committed`: for the letters as typed
    // (initials: gljt finds 高龄津贴), or, when those find nothing, for the input's first candidate,
    // so zhengwu shows what 政务 finds before the resident picks it. Null while the index is built.
    const SearchResults* resultsWhileComposing(const std::shared_ptr<const Content>& content,
                                               const std::string& committed, const std::string& letters,
                                               const std::string& first_candidate, std::size_t limit);

private:
    struct Built {
        std::shared_ptr<const SearchResources> resources;
        std::shared_ptr<const SearchIndex> index;
    };
    // The folding tables and pinyin readings: read from disk with the first index, then kept, so a
    // new publish costs only its own index.
    std::shared_ptr<const SearchResources> m_resources;
    std::future<Built> m_building;
    const Content* m_building_for = nullptr;
    std::shared_ptr<const SearchIndex> m_index;
    SearchResults m_results;
};

} // namespace gk
