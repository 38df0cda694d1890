// Shared by the libFuzzer harnesses (fuzz/*_fuzzer.cc) and their GoogleTest replay (fuzz/regressions_test.cc).
//
// Each harness defines one entry point kin::fuzz::FuzzX(data, size). Built as a fuzzer (fuzz/CMakeLists.txt), the
// harness also defines LLVMFuzzerTestOneInput calling it; built with KIN_FUZZ_REPLAY (fuzz/replay.cmake), all
// entry points link into one test binary that replays fuzz/corpus/** and fuzz/regressions/**.
//
// Harnesses check properties, not only the absence of crashes: KIN_FUZZ_CHECK(cond, detail) reports a broken
// property. In a fuzzer it prints and aborts, so libFuzzer saves the input; in the replay it throws
// PropertyFailure, which the test reports with the input's file name.
#ifndef KIN_FUZZ_FUZZ_SUPPORT_H_
#define KIN_FUZZ_FUZZ_SUPPORT_H_

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>

namespace kin::fuzz {

struct PropertyFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

[[noreturn]] void PropertyFailed(const char* expr, const char* file, int line, const std::string& detail);

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

// The entry points, one per harness (named as the fuzzer binaries and the corpus folders).
int FuzzJsonCodec(const uint8_t* data, size_t size);    // json_codec: request decoders, ParseJsonObject
int FuzzRfc3339(const uint8_t* data, size_t size);      // rfc3339: ParseRfc3339
int FuzzBlt(const uint8_t* data, size_t size);          // blt: ParseBlt
int FuzzRankingCsv(const uint8_t* data, size_t size);   // ranking_csv: ParseRankingCsv
int FuzzTally(const uint8_t* data, size_t size);        // tally: IRV, STV, Meek, Schulze over a parsed file
int FuzzCityJson(const uint8_t* data, size_t size);     // city_json: ParseCity and the allocation engines
int FuzzRouter(const uint8_t* data, size_t size);       // router: Router::Find over arbitrary targets
int FuzzUtf8(const uint8_t* data, size_t size);         // utf8: IsValidUtf8 and the text checks
int FuzzForm(const uint8_t* data, size_t size);         // form: Form::Parse, FormDecode (HTML form bodies)
int FuzzCookie(const uint8_t* data, size_t size);       // cookie: CookieValue, CsrfFromCookie
int FuzzHttpSignature(const uint8_t* data, size_t size);  // http_signature: Signature and Date headers
int FuzzRrule(const uint8_t* data, size_t size);          // rrule: ParseRule, CheckRecurrence, Expand
int FuzzFederationActivity(const uint8_t* data, size_t size);  // federation_activity: sharing and escalation

}  // namespace kin::fuzz

#define KIN_FUZZ_CHECK(cond, detail)                                             \
  do {                                                                           \
    if (!(cond)) ::kin::fuzz::PropertyFailed(#cond, __FILE__, __LINE__, (detail)); \
  } while (0)

#ifdef KIN_FUZZ_REPLAY
#define KIN_FUZZ_ENTRY(fn)
#else
#define KIN_FUZZ_ENTRY(fn)                                                       \
  extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {      \
    return ::kin::fuzz::fn(data, size);                                          \
  }
#endif

#endif  // KIN_FUZZ_FUZZ_SUPPORT_H_
