# tally_bench: IRV of 1,000,000 ballots over 20 candidates; target <= 0.5 s per count (issue 8).
# Included by bench/CMakeLists.txt; needs Debian's libbenchmark-dev.
find_package(benchmark REQUIRED)
add_executable(tally_bench ${CMAKE_CURRENT_LIST_DIR}/tally_bench.cc)
target_compile_options(tally_bench PRIVATE ${KIN_WARNINGS})
target_link_libraries(tally_bench PRIVATE kin_govern benchmark::benchmark)
