// Pinyin initials of Chinese text (高龄津贴 → gljt), from the Rime dictionary data that Debian
// ships (rime-data-luna-pinyin: luna_pinyin.dict.yaml, lines `字<TAB>pinyin<TAB>weight`). Each
// character takes its most frequent reading (pinyin_readings.h: weighted with Rime's essay.txt
// beside the dictionary when present); phrase entries of the dictionary choose the reading
// of a polyphone where it differs (银行 → yh, not yx). Works on folded text (text_fold.h), so the
// dictionary's traditional entries meet simplified titles. Owned by sync/; must not include SDL,
// ImGui, GL or curl.
#pragma once

#include "sync/search/text_fold.h"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace gk {

inline constexpr const char* kDefaultPinyinDict = "/usr/share/rime-data/luna_pinyin.dict.yaml";

struct InitialsText {
    // One lowercase letter per Chinese character with a reading; Latin letters and digits as they
    // are; kSearchSeparator kept; everything else (punctuation, unknown characters) left out.
    std::string letters;
    std::vector<std::uint32_t> char_index; // per letter: the code point of the folded text it stands for
};

class PinyinInitials {
public:
    // Reads the dictionary; nullptr with error ("… not found", "… has no entries") when unusable.
    static std::shared_ptr<const PinyinInitials> load(const std::filesystem::path& dict, const TextFolder& folder,
                                                      std::string& error);

    InitialsText initialsOf(std::string_view folded) const;
    // The initial of one folded character, 0 when it has no reading.
    char initialOf(char32_t c) const;

    std::size_t characterCount() const { return m_character_count; }
    std::size_t phraseCount() const { return m_phrase_initials.size(); }

private:
    void keepCharacters(const std::unordered_map<char32_t, char>& readings);
    void addPhraseIfItChangesReadings(const std::string& folded, const std::string& initials);
    // Length in code points of the phrase entry that starts at chars[i], 0 when none does.
    std::size_t phraseAt(const std::vector<char32_t>& chars, std::size_t i, std::string& initials) const;

    std::vector<char> m_bmp_initial;                                // per BMP code point, 0 = none
    std::unordered_map<char32_t, char> m_astral_initial;            // above U+FFFF
    std::unordered_map<std::string, std::string> m_phrase_initials; // folded phrase → initials, where
                                                                    // they differ from per-character
    std::unordered_map<char32_t, std::uint8_t> m_longest_phrase;    // first character → longest phrase
    std::size_t m_character_count = 0;
};

} // namespace gk
