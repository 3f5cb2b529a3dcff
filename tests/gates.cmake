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

# The fuzz tree: config/ + sync/ and the libFuzzer targets of tests/fuzz/, built with Debian's
# clang (installed by packaging/install-deps.sh) and -fsanitize=fuzzer,address,undefined. ctest
# runs each target for a bounded time from the committed seeds and the demo portal's documents;
# new corpus entries and crash artifacts are written only into the build tree.
find_program(GONGKAI_CLANG clang REQUIRED)
find_program(GONGKAI_CLANGXX clang++ REQUIRED)
set(GONGKAI_FUZZ_SECONDS 20 CACHE STRING "How long ctest fuzzes each libFuzzer target")
ExternalProject_Add(fuzz_targets
  SOURCE_DIR ${PROJECT_SOURCE_DIR}
  BINARY_DIR ${CMAKE_BINARY_DIR}/fuzz
  CMAKE_ARGS -DCMAKE_BUILD_TYPE=Debug -DGONGKAI_FUZZ=ON -DCMAKE_CXX_FLAGS=-O1
             -DCMAKE_C_COMPILER=${GONGKAI_CLANG} -DCMAKE_CXX_COMPILER=${GONGKAI_CLANGXX}
  BUILD_ALWAYS ON
  INSTALL_COMMAND ""
  TEST_COMMAND ""
  USES_TERMINAL_BUILD ON)
set(fuzz_dir ${CMAKE_BINARY_DIR}/fuzz/tests/fuzz)
math(EXPR fuzz_timeout "${GONGKAI_FUZZ_SECONDS} + 120")
foreach(target feed_fuzz)
  add_test(NAME ${target}
           COMMAND ${fuzz_dir}/${target} -max_total_time=${GONGKAI_FUZZ_SECONDS} -max_len=8192 -rss_limit_mb=2048
                   -timeout=10 -print_final_stats=1 -dict=${CMAKE_CURRENT_SOURCE_DIR}/fuzz/feed.dict
                   -artifact_prefix=${fuzz_dir}/artifacts/
                   ${fuzz_dir}/corpus ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus ${fuzz_dir}/demo-seeds
           WORKING_DIRECTORY ${fuzz_dir})
  set_tests_properties(${target} PROPERTIES LABELS fuzz TIMEOUT ${fuzz_timeout}
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endforeach()
