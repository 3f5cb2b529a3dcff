# Dear ImGui 1.92.x, compiled from Debian's source package that packaging/install-deps.sh unpacks
# into third_party/imgui (never committed). 32-bit characters for GB 18030 Level 3 (U+20000+),
# FreeType rasterizer. Two targets: `imgui` (core, used by display/) and `imgui_backends`
# (the SDL2 platform backend, used only by kiosk/; the renderer is ours: kiosk/platform/software_renderer.h).
set(GONGKAI_IMGUI_DIR ${PROJECT_SOURCE_DIR}/third_party/imgui)
if(NOT EXISTS ${GONGKAI_IMGUI_DIR}/imgui.h)
  message(FATAL_ERROR "Dear ImGui source missing in ${GONGKAI_IMGUI_DIR}: run packaging/install-deps.sh")
endif()
file(READ ${GONGKAI_IMGUI_DIR}/.gongkai-version GONGKAI_IMGUI_PACKAGE_VERSION)
string(STRIP "${GONGKAI_IMGUI_PACKAGE_VERSION}" GONGKAI_IMGUI_PACKAGE_VERSION)

add_library(imgui STATIC
  ${GONGKAI_IMGUI_DIR}/imgui.cpp
  ${GONGKAI_IMGUI_DIR}/imgui_draw.cpp
  ${GONGKAI_IMGUI_DIR}/imgui_tables.cpp
  ${GONGKAI_IMGUI_DIR}/imgui_widgets.cpp
  ${GONGKAI_IMGUI_DIR}/misc/freetype/imgui_freetype.cpp)
target_include_directories(imgui SYSTEM PUBLIC ${GONGKAI_IMGUI_DIR} ${GONGKAI_IMGUI_DIR}/misc/freetype)
target_compile_definitions(imgui PUBLIC
  IMGUI_USE_WCHAR32 IMGUI_ENABLE_FREETYPE IMGUI_DISABLE_OBSOLETE_FUNCTIONS IMGUI_DISABLE_DEMO_WINDOWS
  IMGUI_DISABLE_DEFAULT_FONT)
target_link_libraries(imgui PUBLIC PkgConfig::FREETYPE)
set_target_properties(imgui PROPERTIES POSITION_INDEPENDENT_CODE ON)

if(NOT GONGKAI_UNIT_ONLY)
  add_library(imgui_backends STATIC
    ${GONGKAI_IMGUI_DIR}/backends/imgui_impl_sdl2.cpp)
  target_include_directories(imgui_backends SYSTEM PUBLIC ${GONGKAI_IMGUI_DIR}/backends)
  target_link_libraries(imgui_backends PUBLIC imgui SDL2::SDL2)
endif()
