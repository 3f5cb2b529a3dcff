# The message catalogs (config/i18n.h): assets/locale/<lang>.po compiled by msgfmt into the build
# tree's locale/<lang>/LC_MESSAGES/gongkai-kiosk.mo, where a program run from the build tree finds
# them; cmake/Packaging.cmake installs them to share/locale.
find_program(GONGKAI_MSGFMT msgfmt REQUIRED) # Debian package gettext (packaging/install-deps.sh)
set(GONGKAI_LANGUAGES zh_CN)
set(GONGKAI_CATALOGS)
foreach(lang ${GONGKAI_LANGUAGES})
  set(po ${PROJECT_SOURCE_DIR}/assets/locale/${lang}.po)
  set(mo ${PROJECT_BINARY_DIR}/locale/${lang}/LC_MESSAGES/gongkai-kiosk.mo)
  add_custom_command(OUTPUT ${mo}
    COMMAND ${CMAKE_COMMAND} -E make_directory ${PROJECT_BINARY_DIR}/locale/${lang}/LC_MESSAGES
    COMMAND ${GONGKAI_MSGFMT} --check -o ${mo} ${po}
    DEPENDS ${po}
    COMMENT "msgfmt ${lang}.po")
  list(APPEND GONGKAI_CATALOGS ${mo})
endforeach()
add_custom_target(gongkai_catalogs ALL DEPENDS ${GONGKAI_CATALOGS})
# Building the program builds its catalogs: a program run from the build tree speaks the locale's
# language whichever target was asked for.
if(TARGET gongkai-kiosk)
  add_dependencies(gongkai-kiosk gongkai_catalogs)
endif()
