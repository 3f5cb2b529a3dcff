// Voting for the reading of each folded character. See pinyin_readings.h.
#include "sync/search/pinyin_readings.h"

#include <array>
#include <cstdlib>
#include <fstream>
#include <string>

namespace gk {

std::unordered_map<char32_t, double> readCharacterFrequencies(const std::filesystem::path& essay) {
    std::unordered_map<char32_t, double> frequencies;
    std::ifstream in(essay, std::ios::binary);
    std::string line;
    while (std::getline(in, line)) {
        const std::size_t tab = line.find('\t');
        if (tab == std::string::npos || tab == 0 || tab > 4) continue; // words of several characters
        const Utf8Char c = readUtf8Char(line, 0);
        if (c.bytes != tab) continue;
        frequencies[c.value] += std::strtod(line.c_str() + tab + 1, nullptr);
    }
    return frequencies;
}

void CharacterReadings::add(char32_t character, char initial, double percent) {
    m_entries.push_back({character, initial, percent});
}

std::unordered_map<char32_t, char>
CharacterReadings::decide(const TextFolder& folder, const std::unordered_map<char32_t, double>& frequencies) const {
    // Readings without a weight share what the weighted ones of the same character leave.
    std::unordered_map<char32_t, std::pair<double, int>> given; // character → (percent given, readings unweighted)
    for (const Entry& e : m_entries) {
        auto& [percent, unweighted] = given[e.character];
        if (e.percent >= 0)
            percent += e.percent;
        else
            ++unweighted;
    }
    std::unordered_map<char32_t, std::array<double, 26>> votes;
    std::unordered_map<char32_t, char> first_seen; // ties go to the reading listed first
    for (const Entry& e : m_entries) {
        const char32_t folded = folder.foldChar(e.character);
        if (folded == 0 || e.initial < 'a' || e.initial > 'z') continue;
        const auto& [percent_given, unweighted] = given[e.character];
        const double share = e.percent >= 0 ? e.percent : std::max(0.0, 100.0 - percent_given) / unweighted;
        const auto frequency = frequencies.find(e.character);
        const double count = 1.0 + (frequency == frequencies.end() ? 0.0 : frequency->second);
        auto [slot, inserted] = votes.try_emplace(folded);
        if (inserted) slot->second.fill(0.0);
        slot->second[static_cast<std::size_t>(e.initial - 'a')] += count * (share + 0.01);
        first_seen.try_emplace(folded, e.initial);
    }
    std::unordered_map<char32_t, char> initials;
    for (const auto& [c, tally] : votes) {
        char best = first_seen[c];
        for (std::size_t i = 0; i < tally.size(); ++i)
            if (tally[i] > tally[static_cast<std::size_t>(best - 'a')]) best = static_cast<char>('a' + i);
        initials.emplace(c, best);
    }
    return initials;
}

} // namespace gk
