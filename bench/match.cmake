# allocation_bench: the allocation engine against LEMON on the full graph and greedy (see the file's header).
add_executable(allocation_bench ${CMAKE_CURRENT_SOURCE_DIR}/allocation_bench.cc)
target_compile_options(allocation_bench PRIVATE ${KIN_WARNINGS})
target_link_libraries(allocation_bench PRIVATE kin_match)
