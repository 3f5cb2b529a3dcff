// For tests of translated text (config/i18n.h): while a MessagesIn lives, the program's messages
// are in that locale's language, from the build tree's catalogs; after it, in English again.
// Test binaries do not call initMessages(), so they are in English unless a test says otherwise.
#pragma once

#include "config/i18n.h"

#include <clocale>
#include <libintl.h>

namespace gk::test {

class MessagesIn {
public:
    explicit MessagesIn(const char* locale) {
        bindtextdomain(kTextDomain, GONGKAI_BUILD_LOCALE_DIR);
        bind_textdomain_codeset(kTextDomain, "UTF-8");
        m_ok = std::setlocale(LC_MESSAGES, locale) != nullptr;
    }
    ~MessagesIn() { std::setlocale(LC_MESSAGES, "C"); }
    MessagesIn(const MessagesIn&) = delete;
    MessagesIn& operator=(const MessagesIn&) = delete;

    // False when the locale is not installed (packaging/install-deps.sh generates zh_CN.UTF-8).
    bool ok() const { return m_ok; }

private:
    bool m_ok = false;
};

} // namespace gk::test
