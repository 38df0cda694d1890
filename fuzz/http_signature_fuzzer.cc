// ParseSignatureHeader, ParseHttpDate and SigningString (src/federation/http_signature.h): what an inbox reads from
// any server on the internet before it trusts anything.
//
// Properties checked, beyond not crashing:
//  - an accepted Signature header has a keyId, a signature and at most 32 lower-case header names;
//  - formatting an accepted header and parsing it again gives the same parameters;
//  - an accepted Date formats back to the same text (so there is one spelling of each instant);
//  - the signing string over the accepted header names never contains a header value that was not given.
#include <string>

#include "federation/http_signature.h"
#include "fuzz_support.h"

namespace kin::fuzz {

int FuzzHttpSignature(const uint8_t* data, size_t size) {
  const std::string_view text = AsText(data, size);
  if (Result<Timestamp> t = federation::ParseHttpDate(text); t.ok()) {
    KIN_FUZZ_CHECK(federation::HttpDate(*t) == text, "a Date does not format back to itself");
  }
  Result<federation::SignatureParams> p = federation::ParseSignatureHeader(text);
  if (!p.ok()) return 0;
  KIN_FUZZ_CHECK(!p->key_id.empty() && !p->signature.empty(), "accepted a header without keyId or signature");
  KIN_FUZZ_CHECK(p->headers.size() <= 32, "accepted more than 32 signed headers");
  for (const std::string& h : p->headers) {
    for (char c : h) KIN_FUZZ_CHECK(!(c >= 'A' && c <= 'Z'), "a header name kept upper case: " + h);
  }
  Result<federation::SignatureParams> again = federation::ParseSignatureHeader(federation::FormatSignatureHeader(*p));
  KIN_FUZZ_CHECK(again.ok() && again->key_id == p->key_id && again->headers == p->headers &&
                     again->signature == p->signature && again->algorithm == p->algorithm,
                 "formatting and parsing again changed the parameters");
  federation::RequestToSign request{"POST", "/inbox", {{"Host", "a.example"}, {"Date", "x"}, {"Digest", "y"}}};
  Result<std::string> signing = federation::SigningString(request, p->headers);
  if (signing.ok()) {
    for (const std::string& h : p->headers) {
      KIN_FUZZ_CHECK(h == "(request-target)" || h == "host" || h == "date" || h == "digest",
                     "signed a header the request does not have: " + h);
    }
  }
  return 0;
}

}  // namespace kin::fuzz

KIN_FUZZ_ENTRY(FuzzHttpSignature)
