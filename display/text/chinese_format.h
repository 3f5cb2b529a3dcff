// Dates and times as a Chinese reader expects them on a hall screen. Pure functions of civil time.
// Must not include SDL, ImGui, GL or curl.
#pragma once

#include "config/civil_time.h"

#include <string>

namespace gk {

std::string formatChineseDate(const CivilTime& t);     // 2026年11月27日
std::string formatChineseWeekday(const CivilTime& t);  // 星期五
std::string formatClock(const CivilTime& t);           // 09:05:07
std::string formatHourMinute(const CivilTime& t);      // 09:05
std::string formatChineseDateTime(const CivilTime& t); // 2026年11月27日 09:05
// "2026-11-20" → "2026年11月20日"; anything else is returned unchanged (messy data is shown as is).
std::string formatIsoDateChinese(const std::string& iso_date);

} // namespace gk
