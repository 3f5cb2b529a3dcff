# The Debian package (cpack -G DEB in the build directory): the program, its demo portal, the
# default config (a conffile), the systemd unit that runs it under cage, the kiosk user
# (sysusers.d) and its state directory (tmpfiles.d). Included from cmake/Packaging.cmake after
# the program's own install rules. Runtime libraries come from dpkg-shlibdeps; what the program
# needs but does not link (fonts, cage, librime opened with dlopen, Rime data) is named here.
set(GONGKAI_PACKAGING_DIR ${CMAKE_CURRENT_LIST_DIR})

# Absolute destinations: these are where Debian and systemd look, whatever the prefix.
install(FILES ${GONGKAI_PACKAGING_DIR}/kiosk.json DESTINATION /etc/gongkai)
install(FILES ${GONGKAI_PACKAGING_DIR}/gongkai-kiosk.service ${GONGKAI_PACKAGING_DIR}/gongkai-kiosk-retry.timer
              ${GONGKAI_PACKAGING_DIR}/gongkai-kiosk-retry.service DESTINATION /lib/systemd/system)
install(FILES ${GONGKAI_PACKAGING_DIR}/gongkai-kiosk.sysusers.conf DESTINATION /usr/lib/sysusers.d
        RENAME gongkai-kiosk.conf)
install(FILES ${GONGKAI_PACKAGING_DIR}/gongkai-kiosk.tmpfiles.conf DESTINATION /usr/lib/tmpfiles.d
        RENAME gongkai-kiosk.conf)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/gongkai-kiosk)

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME gongkai-kiosk)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_VENDOR "Gongkai Kiosk")
set(CPACK_PACKAGE_CONTACT "Gongkai Kiosk maintainers <gongkai-kiosk@example.org>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "government service hall information screen and touch kiosk (政务公开)")
set(CPACK_PACKAGE_DESCRIPTION
    "Gongkai Kiosk runs the information screens and touch kiosks of a county or township\n"
    "government service hall. It keeps a verified offline copy of what the county portal\n"
    "publishes (disclosure catalogue, service guides, notices) and shows it full-screen under\n"
    "the cage Wayland compositor, started by systemd on tty1 as the user gongkai.")
string(JOIN "" CPACK_PACKAGE_DESCRIPTION ${CPACK_PACKAGE_DESCRIPTION})
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT) # gongkai-kiosk_<version>_<arch>.deb
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# cage 0.1.4 refuses to start without Xwayland; librime1 is opened with dlopen (search), so
# dpkg-shlibdeps cannot see it; rime-prelude holds the default.yaml our schema patch needs;
# rime-essay weighs pinyin readings (search); the fonts are found
# through fontconfig at run time; locales: the postinst generates zh_CN.UTF-8, the unit's LANG;
# poppler-data: the CJK CMaps with which the PDF page renderer reads Chinese text in fonts a
# document does not embed; libmpv2: video items (opened with dlopen when the first video plays,
# kiosk/video/mpv_library.cpp, so dpkg-shlibdeps cannot see it either).
set(CPACK_DEBIAN_PACKAGE_DEPENDS
    "cage, xwayland, fonts-noto-cjk, fonts-hanazono, librime1, rime-prelude, rime-data-luna-pinyin, rime-essay, libopencc-data, systemd, locales, poppler-data, libmpv2")
# `feed build` (the portal side, not the kiosk) converts .docx bodies with pandoc and .xlsx sheets
# with xlsx2csv when an office has them; a kiosk never needs either, so they are only suggested,
# and `feed build` names the package when one is missing.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "pandoc, xlsx2csv")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA
    ${GONGKAI_PACKAGING_DIR}/conffiles ${GONGKAI_PACKAGING_DIR}/postinst ${GONGKAI_PACKAGING_DIR}/prerm
    ${GONGKAI_PACKAGING_DIR}/postrm)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Installs land in /etc and /lib on purpose (above); nothing else may.
set(CPACK_WARN_ON_ABSOLUTE_INSTALL_DESTINATION OFF)
include(CPack)
