# Replays every checked-in fuzz input (fuzz/corpus/**, fuzz/regressions/**) through the fuzz harnesses' entry
# points with the normal compiler and no libFuzzer, so `make test` (release and ASan) keeps found crashes fixed.
# Included from the top CMakeLists.txt, after the src/ subdirectories: include(fuzz/replay.cmake)
set(KIN_FUZZ_DIR ${CMAKE_CURRENT_LIST_DIR})
kin_add_tests(kin_fuzz_replay_tests
  SOURCES
    ${KIN_FUZZ_DIR}/regressions_test.cc
    ${KIN_FUZZ_DIR}/json_codec_fuzzer.cc
    ${KIN_FUZZ_DIR}/rfc3339_fuzzer.cc
    ${KIN_FUZZ_DIR}/blt_fuzzer.cc
    ${KIN_FUZZ_DIR}/ranking_csv_fuzzer.cc
    ${KIN_FUZZ_DIR}/tally_fuzzer.cc
    ${KIN_FUZZ_DIR}/city_json_fuzzer.cc
    ${KIN_FUZZ_DIR}/router_fuzzer.cc
    ${KIN_FUZZ_DIR}/utf8_fuzzer.cc
    ${KIN_FUZZ_DIR}/form_fuzzer.cc
    ${KIN_FUZZ_DIR}/cookie_fuzzer.cc
    ${KIN_FUZZ_DIR}/http_signature_fuzzer.cc
    ${KIN_FUZZ_DIR}/rrule_fuzzer.cc
    ${KIN_FUZZ_DIR}/federation_activity_fuzzer.cc
    ${KIN_FUZZ_DIR}/../src/cli/allocation_json.cc
  LIBS kin_http kin_govern kin_match kin_web kin_federation_transport kin_schedule)
target_compile_definitions(kin_fuzz_replay_tests PRIVATE KIN_FUZZ_REPLAY KIN_FUZZ_DIR="${KIN_FUZZ_DIR}")
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${KIN_FUZZ_DIR}/replay.cmake)
