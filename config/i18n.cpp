// gettext for staff-facing messages. See i18n.h.
#include "config/i18n.h"

#include <algorithm>
#include <clocale>
#include <filesystem>
#include <libintl.h>
#include <system_error>

namespace gk {

const char* tr(const char* msgid) {
    return dgettext(kTextDomain, msgid);
}

const char* trn(const char* singular, const char* plural, unsigned long n) {
    return dngettext(kTextDomain, singular, plural, n);
}

std::string fillIn(std::string_view pattern, std::initializer_list<std::string_view> args) {
    std::string text;
    text.reserve(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        const char c = pattern[i];
        if (c == '{' && i + 1 < pattern.size() && pattern[i + 1] == '{') {
            text += '{';
            ++i;
            continue;
        }
        if (c == '{') {
            const std::size_t close = pattern.find('}', i);
            std::size_t index = 0;
            bool digits = close != std::string_view::npos && close > i + 1;
            for (std::size_t j = i + 1; digits && j < close; ++j) {
                if (pattern[j] < '0' || pattern[j] > '9')
                    digits = false;
                else
                    index = index * 10 + static_cast<std::size_t>(pattern[j] - '0');
            }
            if (digits && index < args.size()) {
                text += *(args.begin() + index);
                i = close;
                continue;
            }
        }
        text += c;
    }
    return text;
}

std::string chooseLocaleDir(const std::string& executable_dir, const std::string& build_dir,
                            const std::string& build_locale_dir) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path program = fs::weakly_canonical(executable_dir, ec);
    const fs::path build = fs::weakly_canonical(build_dir, ec);
    if (!build_dir.empty() && !ec) {
        // Inside the build tree: program's path starts with every component of build's.
        if (std::mismatch(build.begin(), build.end(), program.begin(), program.end()).first == build.end()) {
            return build_locale_dir;
        }
    }
    return (std::filesystem::path(executable_dir) / ".." / "share" / "locale").lexically_normal().string();
}

void initMessages() {
    // LC_MESSAGES only (see i18n.h): a zh_CN.UTF-8 LC_NUMERIC would not change JSON, but the rest
    // of the program was written for the "C" locale and must not find out otherwise.
    std::setlocale(LC_MESSAGES, "");
    std::error_code ec;
    const std::filesystem::path executable = std::filesystem::read_symlink("/proc/self/exe", ec);
    const std::string dir = chooseLocaleDir(ec ? std::string(".") : executable.parent_path().string(),
                                            GONGKAI_BUILD_DIR, GONGKAI_BUILD_LOCALE_DIR);
    bindtextdomain(kTextDomain, dir.c_str());
    // LC_CTYPE stays "C" (ASCII): without this, gettext would turn every Chinese character into '?'.
    bind_textdomain_codeset(kTextDomain, "UTF-8");
}

} // namespace gk
