// Which reading a simplified character most likely has, from Rime's data: luna_pinyin.dict.yaml is
// keyed on traditional characters (it lists 开 as a variant of 幵, read jian, and 開 as kai), so
// every entry that folds to a character votes for its reading, weighted by the entry's share of
// readings and by how often its character occurs (essay.txt, Rime's word frequencies, beside the
// dictionary; without it every character counts the same). Internal to sync/ (pinyin_initials.cpp);
// must not include SDL, ImGui, GL or curl.
#pragma once

#include "sync/search/text_fold.h"

#include <filesystem>
#include <unordered_map>
#include <vector>

namespace gk {

// Single-character frequencies from essay.txt (`字<TAB>count` lines); empty when absent.
std::unordered_map<char32_t, double> readCharacterFrequencies(const std::filesystem::path& essay);

class CharacterReadings {
public:
    // One single-character dictionary entry: percent < 0 when the line gives no weight.
    void add(char32_t character, char initial, double percent);
    // Folded character → the initial with the most votes.
    std::unordered_map<char32_t, char> decide(const TextFolder& folder,
                                              const std::unordered_map<char32_t, double>& frequencies) const;
    bool empty() const { return m_entries.empty(); }

private:
    struct Entry {
        char32_t character;
        char initial;
        double percent;
    };
    std::vector<Entry> m_entries; // in dictionary order
};

} // namespace gk
