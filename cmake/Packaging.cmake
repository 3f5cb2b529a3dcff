# Installation layout and CPack. The .deb, systemd unit and watchdog are completed in the
# packaging issue; what is here installs the program and its bundled demo content.
include(GNUInstallDirs)
install(TARGETS gongkai-kiosk RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/assets/demo-portal DESTINATION ${CMAKE_INSTALL_DATADIR}/gongkai)
