# Installation layout and CPack: the program, its message catalogs and its bundled demo content here; the config,
# systemd unit, sysusers/tmpfiles entries and the .deb in packaging/cpack.cmake.
include(GNUInstallDirs)
install(TARGETS gongkai-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
# The confined PDF page renderer, started only by the program (kiosk/pdf/page_renderer.h).
install(TARGETS gongkai-pdf-page RUNTIME DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/gongkai-kiosk)
foreach(lang ${GONGKAI_LANGUAGES}) # cmake/Messages.cmake
  install(FILES ${PROJECT_BINARY_DIR}/locale/${lang}/LC_MESSAGES/gongkai-kiosk.mo
          DESTINATION ${CMAKE_INSTALL_LOCALEDIR}/${lang}/LC_MESSAGES)
endforeach()
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/demo-portal DESTINATION ${CMAKE_INSTALL_DATADIR}/gongkai)
include(${PROJECT_SOURCE_DIR}/packaging/cpack.cmake)
