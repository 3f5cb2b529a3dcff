# Installation layout and CPack: the program and its bundled demo content here; the config,
# systemd unit, sysusers/tmpfiles entries and the .deb in packaging/cpack.cmake.
include(GNUInstallDirs)
install(TARGETS gongkai-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/demo-portal DESTINATION ${CMAKE_INSTALL_DATADIR}/gongkai)
include(${PROJECT_SOURCE_DIR}/packaging/cpack.cmake)
