// Dates, times and punctuation as a Chinese reader expects them on a hall screen. Pure functions.
// Must not include SDL, ImGui, GL or curl.
#pragma once

#include "config/civil_time.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace gk {

std::string formatChineseDate(const CivilTime& t);     // 2026年11月27日
std::string formatChineseWeekday(const CivilTime& t);  // 星期五
std::string formatClock(const CivilTime& t);           // 09:05:07
std::string formatHourMinute(const CivilTime& t);      // 09:05
std::string formatChineseDateTime(const CivilTime& t); // 2026年11月27日 09:05
// "2026-11-20" → "2026年11月20日"; anything else is returned unchanged (messy data is shown as is).
std::string formatIsoDateChinese(const std::string& iso_date);

// Portal text mixes half-width punctuation into Chinese ("材料,包括:身份证;户口簿." or "你好， 世界").
// On a Chinese screen it reads as the full-width forms, without the Latin spacing around them:
// - A run of half-width , : ; ? ! . after a CJK character (Han, CJK or full-width punctuation,
//   “” ‘’ … —; spaces between are dropped) becomes ， ： ； ？ ！ 。 when what follows the run is
//   CJK, the end of the text or of a line, or spaces and then one of those; a run without "."
//   also when a Latin letter or digit follows ("时间:08:00" → "时间：08:00"). In a run, one "."
//   becomes 。, three or more become ……, two stay.
// - A half-width ( … ) pair on one line, enclosing more than spaces and no other bracket, becomes
//   （ … ） when CJK is next to it outside (before "(" or after ")", spaces between allowed); pairs
//   side by side convert together.
// - ASCII spaces are dropped right after a full-width mark (，。、；：？！（）《》「」『』【】〔〕),
//   right before a closing or pause mark, and between CJK and an opening mark.
// Everything else is kept byte for byte: numbers (3.5, 1,000, 08:00, 2026-03-05), Latin text,
// phone numbers, "..." not within CJK, U+3000, and URLs (from http://, https://, ftp:// or www.
// through the host, IDN included, and an ASCII path, to a space, a quote, CJK punctuation or
// non-ASCII text) are never touched; invalid UTF-8 is copied as it is. The result normalises to
// itself. Display only: the stored content and the search index keep the portal's text.
std::string normalizeCjkPunctuation(std::string_view utf8);
// The same, also giving where each input byte went: output_offsets[i] is the output offset of input
// byte i (of the next byte kept, for a dropped one), and output_offsets[utf8.size()] the output's
// size, so a byte range of the input (a search match) maps to the range it became.
std::string normalizeCjkPunctuation(std::string_view utf8, std::vector<std::size_t>& output_offsets);

} // namespace gk
