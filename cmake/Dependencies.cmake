# Every third-party library comes from Debian packages installed by packaging/install-deps.sh.
find_package(PkgConfig REQUIRED)
find_package(nlohmann_json 3.11 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(SDL2 REQUIRED)
find_package(Threads REQUIRED)
find_package(SQLite3 REQUIRED) # kiosk/services/records.cpp only: proof of play and the audit log
pkg_check_modules(FREETYPE REQUIRED IMPORTED_TARGET freetype2)
pkg_check_modules(FONTCONFIG REQUIRED IMPORTED_TARGET fontconfig)
pkg_check_modules(QRENCODE REQUIRED IMPORTED_TARGET libqrencode)
pkg_check_modules(GUMBO REQUIRED IMPORTED_TARGET gumbo)
pkg_check_modules(UNIBREAK REQUIRED IMPORTED_TARGET libunibreak)
pkg_check_modules(STB REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(POPPLER_CPP REQUIRED IMPORTED_TARGET poppler-cpp) # kiosk/pdf's confined helper only
pkg_check_modules(SECCOMP REQUIRED IMPORTED_TARGET libseccomp)
pkg_check_modules(MPV REQUIRED IMPORTED_TARGET mpv) # kiosk/video only: playback and the probe
