// PropertyFailed for the fuzzer binaries: print what broke and abort, so libFuzzer keeps the input.
#include <cstdio>
#include <cstdlib>

#include "fuzz_support.h"

namespace kin::fuzz {

void PropertyFailed(const char* expr, const char* file, int line, const std::string& detail) {
  std::fprintf(stderr, "\n*** kin fuzz property failed at %s:%d: %s\n*** %s\n", file, line, expr, detail.c_str());
  std::fflush(stderr);
  std::abort();
}

}  // namespace kin::fuzz
