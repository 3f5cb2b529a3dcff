// Test helpers for search: the fixed corpus (disclosures, guides and notices built in code, with
// the dates that decide "newer first"), the search resources loaded once per test program, and
// small accessors for asserting on results.
#pragma once

#include "sync/content.h"
#include "sync/search/search_index.h"

#include <memory>
#include <string>
#include <vector>

namespace gk::test {

std::shared_ptr<const Content> searchCorpus();
// OpenCC t2s and the real Rime dictionary (initials are off when it is not installed).
const SearchResources& sharedResources();

std::vector<std::string> refs(const SearchResults& results);
// The highlighted part of the hit's snippet.
std::string matchedText(const SearchHit& hit);

} // namespace gk::test
