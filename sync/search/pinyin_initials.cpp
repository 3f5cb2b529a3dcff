// Pinyin initials from luna_pinyin.dict.yaml. See pinyin_initials.h.
#include "sync/search/pinyin_initials.h"

#include "sync/search/pinyin_readings.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <unordered_set>

namespace gk {
namespace {

constexpr std::size_t kLongestPhraseKept = 8; // code points; longer dictionary phrases are ignored

struct DictLine {
    std::string_view text;
    std::string initials; // one letter per syllable
    double weight = -1;
};

// `字<TAB>pin yin<TAB>weight`; false for comments, blank lines and codes that are not pinyin.
bool parseDictLine(std::string_view line, DictLine& out) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') return false;
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos || tab == 0) return false;
    out.text = line.substr(0, tab);
    std::string_view rest = line.substr(tab + 1);
    const std::size_t tab2 = rest.find('\t');
    const std::string_view code = rest.substr(0, tab2);
    out.weight = -1;
    if (tab2 != std::string_view::npos) { // "8.22%", or an absolute weight
        const std::string weight(rest.substr(tab2 + 1));
        char* end = nullptr;
        const double value = std::strtod(weight.c_str(), &end);
        if (end != weight.c_str()) out.weight = value;
    }
    out.initials.clear();
    bool syllable_start = true;
    for (const char c : code) {
        if (c == ' ') {
            syllable_start = true;
        } else if (syllable_start) {
            if (c < 'a' || c > 'z') return false;
            out.initials += c;
            syllable_start = false;
        }
    }
    return !out.initials.empty();
}

std::vector<char32_t> codePoints(std::string_view text) {
    std::vector<char32_t> chars;
    for (std::size_t pos = 0; pos < text.size();) {
        const Utf8Char c = readUtf8Char(text, pos);
        chars.push_back(c.value);
        pos += c.bytes;
    }
    return chars;
}

} // namespace

std::shared_ptr<const PinyinInitials> PinyinInitials::load(const std::filesystem::path& dict, const TextFolder& folder,
                                                           std::string& error) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(dict, ec)) {
        error = dict.string() + " not found";
        return nullptr;
    }
    std::ifstream in(dict, std::ios::binary);
    if (!in) {
        error = dict.string() + " cannot be read";
        return nullptr;
    }
    auto result = std::make_shared<PinyinInitials>();
    CharacterReadings readings;
    std::vector<std::pair<std::string, std::string>> phrases; // folded text, initials; first entry wins
    std::unordered_set<std::string> phrases_seen;
    bool in_entries = false; // entries follow the YAML header's closing "..."
    std::string line;
    DictLine entry;
    while (std::getline(in, line)) {
        if (!in_entries) {
            in_entries = line.rfind("...", 0) == 0;
            continue;
        }
        if (!parseDictLine(line, entry)) continue;
        const Utf8Char first = readUtf8Char(entry.text, 0);
        if (first.bytes == entry.text.size() && entry.initials.size() == 1) {
            readings.add(first.value, entry.initials[0], entry.weight);
            continue;
        }
        const std::string folded = folder.fold(entry.text);
        const std::vector<char32_t> chars = codePoints(folded);
        if (chars.size() == entry.initials.size() && chars.size() >= 2 && chars.size() <= kLongestPhraseKept &&
            phrases_seen.insert(folded).second)
            phrases.emplace_back(folded, entry.initials);
    }
    if (readings.empty()) {
        error = dict.string() + " has no single-character entries after its \"...\" line";
        return nullptr;
    }
    result->keepCharacters(readings.decide(folder, readCharacterFrequencies(dict.parent_path() / "essay.txt")));
    for (const auto& [folded, initials] : phrases) result->addPhraseIfItChangesReadings(folded, initials);
    return result;
}

void PinyinInitials::keepCharacters(const std::unordered_map<char32_t, char>& readings) {
    m_bmp_initial.assign(0x10000, 0);
    for (const auto& [c, initial] : readings) {
        if (c < m_bmp_initial.size())
            m_bmp_initial[c] = initial;
        else
            m_astral_initial[c] = initial;
    }
    m_character_count = readings.size();
}

void PinyinInitials::addPhraseIfItChangesReadings(const std::string& folded, const std::string& initials) {
    const std::vector<char32_t> chars = codePoints(folded);
    bool changes = false;
    for (std::size_t i = 0; i < chars.size(); ++i) changes = changes || initialOf(chars[i]) != initials[i];
    if (!changes) return;
    m_phrase_initials.emplace(folded, initials);
    std::uint8_t& longest = m_longest_phrase[chars[0]];
    longest = std::max(longest, static_cast<std::uint8_t>(chars.size()));
}

char PinyinInitials::initialOf(char32_t c) const {
    if (c < m_bmp_initial.size()) return m_bmp_initial[c];
    const auto it = m_astral_initial.find(c);
    return it == m_astral_initial.end() ? 0 : it->second;
}

std::size_t PinyinInitials::phraseAt(const std::vector<char32_t>& chars, std::size_t i, std::string& initials) const {
    const auto longest = m_longest_phrase.find(chars[i]);
    if (longest == m_longest_phrase.end()) return 0;
    const std::size_t most = std::min<std::size_t>(longest->second, chars.size() - i);
    std::string key;
    std::vector<std::size_t> key_bytes; // key length after 1, 2, … characters
    for (std::size_t k = 0; k < most; ++k) {
        appendUtf8Char(key, chars[i + k]);
        key_bytes.push_back(key.size());
    }
    for (std::size_t length = most; length >= 2; --length) {
        const auto it = m_phrase_initials.find(key.substr(0, key_bytes[length - 1]));
        if (it == m_phrase_initials.end()) continue;
        initials = it->second;
        return length;
    }
    return 0;
}

InitialsText PinyinInitials::initialsOf(std::string_view folded) const {
    InitialsText out;
    const std::vector<char32_t> chars = codePoints(folded);
    const auto add = [&](char letter, std::size_t index) {
        out.letters += letter;
        out.char_index.push_back(static_cast<std::uint32_t>(index));
    };
    std::string phrase;
    for (std::size_t i = 0; i < chars.size();) {
        const char32_t c = chars[i];
        if (c == static_cast<char32_t>(kSearchSeparator) || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
            add(static_cast<char>(c), i++);
        } else if (const std::size_t length = phraseAt(chars, i, phrase); length > 0) {
            for (std::size_t k = 0; k < length; ++k) add(phrase[k], i + k);
            i += length;
        } else {
            if (const char letter = initialOf(c); letter != 0) add(letter, i);
            ++i;
        }
    }
    return out;
}

} // namespace gk
