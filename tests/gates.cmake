# Quality gates run by ctest: the source format, the layer rules of the include graph, and the
# unit tests rebuilt and run with AddressSanitizer + UndefinedBehaviorSanitizer.
find_program(CLANG_FORMAT clang-format REQUIRED)
add_test(NAME format_check COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check-format.sh ${CLANG_FORMAT}
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME layer_rules COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check-layers.sh WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(format_check layer_rules PROPERTIES LABELS gate)

# The sanitizer tree: the same sources, configured with GONGKAI_SANITIZE and only the unit tests,
# built as part of the normal build so that `ctest` runs them.
include(ExternalProject)
ExternalProject_Add(sanitized_unit_tests
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${CMAKE_BINARY_DIR}/sanitized
  CMAKE_ARGS -DCMAKE_BUILD_TYPE=Debug -DGONGKAI_SANITIZE=ON -DGONGKAI_UNIT_ONLY=ON
             -DCMAKE_CXX_FLAGS=-O1
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  TEST_COMMAND ""
  USES_TERMINAL_BUILD ON)
foreach(area config sync display)
  add_test(NAME ${area}_tests_asan_ubsan COMMAND ${CMAKE_BINARY_DIR}/sanitized/tests/${area}/${area}_tests --warn NoTests
           WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties(${area}_tests_asan_ubsan PROPERTIES LABELS sanitizer
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endforeach()
