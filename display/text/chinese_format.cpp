// Chinese date and time formatting. See chinese_format.h.
#include "display/text/chinese_format.h"

#include <cstdio>

namespace gk {

std::string formatChineseDate(const CivilTime& t) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%d年%d月%d日", t.year, t.month, t.day);
    return buf;
}

std::string formatChineseWeekday(const CivilTime& t) {
    static constexpr const char* kNames[] = {"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"};
    return (t.weekday >= 1 && t.weekday <= 7) ? kNames[t.weekday - 1] : "";
}

std::string formatClock(const CivilTime& t) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", t.hour, t.minute, t.second);
    return buf;
}

std::string formatHourMinute(const CivilTime& t) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour, t.minute);
    return buf;
}

std::string formatChineseDateTime(const CivilTime& t) {
    return formatChineseDate(t) + " " + formatHourMinute(t);
}

std::string formatIsoDateChinese(const std::string& iso_date) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (iso_date.size() != 10 || std::sscanf(iso_date.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || m < 1 ||
        m > 12 || d < 1 || d > 31)
        return iso_date;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%d年%d月%d日", y, m, d);
    return buf;
}

} // namespace gk
