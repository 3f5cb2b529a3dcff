# Quality gates run by ctest: the source format, the naming rules (clang-tidy's
# readability-identifier-naming with the root .clang-tidy, over this build's compile_commands.json:
# about 2 min on 2 cores), the layer rules of the include graph, and the unit tests rebuilt and run
# with AddressSanitizer + UndefinedBehaviorSanitizer.
find_program(CLANG_FORMAT clang-format REQUIRED)
find_program(CLANG_TIDY NAMES clang-tidy clang-tidy-14 REQUIRED)
add_test(NAME format_check COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check-format.sh ${CLANG_FORMAT}
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME naming_check COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check-naming.sh ${CMAKE_BINARY_DIR} ${CLANG_TIDY} 2
         WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
set_tests_properties(naming_check PROPERTIES TIMEOUT 900)
add_test(NAME layer_rules COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check-layers.sh WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
add_test(NAME messages_translated COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/check-messages.sh)
set_tests_properties(format_check naming_check layer_rules messages_translated PROPERTIES LABELS gate)

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
foreach(tests config/config_tests sync/sync_tests display/display_tests display/ui_tests kiosk/core_tests)
  get_filename_component(area ${tests} NAME)
  add_test(NAME ${area}_asan_ubsan COMMAND ${CMAKE_BINARY_DIR}/sanitized/tests/${tests} --warn NoTests
           WORKING_DIRECTORY ${CMAKE_BINARY_DIR})
  set_tests_properties(${area}_asan_ubsan PROPERTIES LABELS sanitizer
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1:abort_on_error=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endforeach()

# The fuzz tree: config/ + sync/ and the libFuzzer targets of tests/fuzz/ (one per kind of outside
# input: feed documents, HTML bodies, the config, playlists and schedules, times, the JSON state
# files), built with Debian's clang (installed by packaging/install-deps.sh) and
# -fsanitize=fuzzer,address,undefined. ctest runs each target through tests/fuzz/run-target.sh:
# first the large hostile inputs made at build time (up to 4 MB), once each, then fuzzing for
# GONGKAI_FUZZ_SECONDS (html_fuzz for twice that) from the committed seeds
# (tests/fuzz/corpus/<target>/) and those made at build time (the demo portal's documents, small
# hostile shapes). New corpus entries and crash artifacts are written only into the build tree.
# With ctest -j2 (two at a time) the six take about 2 min 15 s of wall time.
find_program(GONGKAI_CLANG clang REQUIRED)
find_program(GONGKAI_CLANGXX clang++ REQUIRED)
set(GONGKAI_FUZZ_SECONDS 30 CACHE STRING "How long ctest fuzzes each libFuzzer target")
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
# target | dictionary | -max_len | runs for this many times GONGKAI_FUZZ_SECONDS | the build-time
# seed directory (besides the committed tests/fuzz/corpus/<target>/). Inputs may be up to 4 MB; feed
# documents are fuzzed small (the target tests the feed limits with small FeedLimits), times too.
set(fuzz_targets
  "feed_fuzz|feed.dict|8192|1|${fuzz_dir}/demo-seeds"
  "html_fuzz|html.dict|4194304|2|${fuzz_dir}/seeds/html_fuzz"
  "config_fuzz|config.dict|4194304|1|${fuzz_dir}/seeds/config_fuzz"
  "playlist_fuzz|playlist.dict|4194304|1|${fuzz_dir}/seeds/playlist_fuzz"
  "time_fuzz|time.dict|256|1|${fuzz_dir}/seeds/time_fuzz"
  "state_fuzz|state.dict|4194304|1|${fuzz_dir}/seeds/state_fuzz"
  "page_output_fuzz|page.dict|262144|1|${fuzz_dir}/seeds/page_output_fuzz")
foreach(spec ${fuzz_targets})
  string(REPLACE "|" ";" spec "${spec}")
  list(GET spec 0 target)
  list(GET spec 1 dict)
  list(GET spec 2 max_len)
  list(GET spec 3 factor)
  list(GET spec 4 seeds)
  math(EXPR seconds "${GONGKAI_FUZZ_SECONDS} * ${factor}")
  math(EXPR fuzz_timeout "${seconds} + 120")
  add_test(NAME ${target}
           COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/run-target.sh ${fuzz_dir}/${target} ${fuzz_dir}/hostile/${target}
                   -max_total_time=${seconds} -max_len=${max_len}
                   -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
                   -dict=${CMAKE_CURRENT_SOURCE_DIR}/fuzz/${dict} -artifact_prefix=${fuzz_dir}/artifacts/${target}-
                   ${fuzz_dir}/corpus/${target} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${target} ${seeds}
           WORKING_DIRECTORY ${fuzz_dir})
  set_tests_properties(${target} PROPERTIES LABELS fuzz TIMEOUT ${fuzz_timeout}
    ENVIRONMENT "ASAN_OPTIONS=detect_leaks=1;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
endforeach()
