# Included from src/http/CMakeLists.txt: the OpenAPI document checked against the real route table.
kin_add_tests(kin_http_tests SOURCES ${CMAKE_CURRENT_SOURCE_DIR}/openapi_test.cc LIBS kin_http kin_store)
