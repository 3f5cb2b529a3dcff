// The words staff read (the command line, config and playlist checks, the staff panel) in their
// language: gettext catalogs of the text domain "gongkai-kiosk" (glibc's libintl), Chinese under a
// zh_* locale and the English msgid otherwise. Owned by config/, the lowest layer, so every layer
// may translate. Standard library and libc only.
//
//   tr("no playlist file")                        → "没有播放列表文件" under LANG=zh_CN.UTF-8
//   trn("{0} item", "{0} items", n)               → the plural form for n (Chinese has one)
//   fillIn(tr("{0}: line {1}"), {file, line})     → positional placeholders, so a translation may
//                                                    put them in another order
//
// Until initMessages() has run (unit tests, fuzzers) every call returns the English msgid.
// The msgids are extracted by xgettext (--keyword=tr --keyword=trn:1,2 --keyword=trLater); the gate
// messages_translated (tests/check-messages.sh) fails when one of them has no translation in
// assets/locale/zh_CN.po.

#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace gk {

inline constexpr const char* kTextDomain = "gongkai-kiosk";

// The translation of msgid in the process's LC_MESSAGES language, in UTF-8.
const char* tr(const char* msgid);
// The plural form for n of singular/plural (English: singular when n == 1).
const char* trn(const char* singular, const char* plural, unsigned long n);
// Marks a msgid for extraction where it cannot be translated yet (a constant table): returns it
// unchanged; pass it to tr() where it is shown.
constexpr const char* trLater(const char* msgid) {
    return msgid;
}

// pattern with each "{i}" replaced by args[i] ("{{" is a literal '{'). A "{i}" with no argument is
// kept as it is, so a bad translation shows itself instead of crashing.
std::string fillIn(std::string_view pattern, std::initializer_list<std::string_view> args);

// Chooses the language of the messages and where their catalogs are. Called once, first thing in
// main. Only LC_MESSAGES follows the environment (LANG, LC_ALL, LC_MESSAGES, LANGUAGE): LC_NUMERIC,
// LC_CTYPE and the rest stay "C", so JSON, printf, strtod and <cctype> never change with the
// locale. Translations come out in UTF-8 whatever LC_CTYPE says.
//
// The catalogs (<dir>/<lang>/LC_MESSAGES/gongkai-kiosk.mo): when the program runs from the build
// tree (its executable is in the CMake build dir or below it), the build tree's locale/ that msgfmt
// fills;
// otherwise <executable's dir>/../share/locale — /usr/share/locale for the installed /usr/bin.
void initMessages();

// Where initMessages() looks for catalogs, for the rule above. executable_dir is the directory of
// the running program; build_dir and build_locale_dir are the ones CMake configured.
std::string chooseLocaleDir(const std::string& executable_dir, const std::string& build_dir,
                            const std::string& build_locale_dir);

} // namespace gk
