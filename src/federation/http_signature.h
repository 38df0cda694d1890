// HTTP Signatures as ActivityPub servers use them (draft-cavage-http-signatures, rsa-sha256, the form Mastodon
// signs and checks): the signing string over chosen headers, the Signature header, the SHA-256 Digest of a body,
// and RSA keys to sign and verify with. The transport side of federation: the protocol state machine never sees
// any of this.
#ifndef KIN_FEDERATION_HTTP_SIGNATURE_H_
#define KIN_FEDERATION_HTTP_SIGNATURE_H_

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/status.h"
#include "core/time.h"

namespace kin::federation {

// What a signature covers of a request: its method and target (path and query, as sent) and its headers.
struct RequestToSign {
  std::string method;  // "POST"
  std::string target;  // "/foo?param=value&pet=dog"
  std::vector<std::pair<std::string, std::string>> headers;  // names in any case; the first of a name counts
};

// The parameters of a Signature header.
struct SignatureParams {
  std::string key_id;                // where to fetch the public key (an actor's key URL)
  std::string algorithm;             // "rsa-sha256" or "hs2019" (treated as rsa-sha256 for RSA keys), may be empty
  std::vector<std::string> headers;  // lower-case; "date" alone when the header has no headers= parameter
  std::string signature;             // base64
};

// The string that is signed: "name: value" for each of `headers`, joined by "\n"; "(request-target)" is the
// lower-case method, a space and the target. kInvalid naming a header the request lacks.
Result<std::string> SigningString(const RequestToSign& request, const std::vector<std::string>& headers);

// Parses the value of a Signature header (keyId="...",algorithm="...",headers="...",signature="...").
// kInvalid saying what is wrong: a missing keyId or signature, a malformed parameter, a header list too long.
Result<SignatureParams> ParseSignatureHeader(std::string_view value);
std::string FormatSignatureHeader(const SignatureParams& params);

// "SHA-256=<base64 of the SHA-256 of body>", the Digest header value Mastodon sends and expects.
std::string DigestHeader(std::string_view body);

// "Sun, 05 Jan 2014 21:31:40 GMT" (IMF-fixdate, as the Date header carries it) and back.
std::string HttpDate(Timestamp t);
Result<Timestamp> ParseHttpDate(std::string_view text);

class RsaPublicKey;

// An RSA key pair (a hub's or the instance actor's). Move-only; thread-compatible.
class RsaPrivateKey {
 public:
  static Result<RsaPrivateKey> FromPem(std::string_view pem);
  static Result<RsaPrivateKey> Generate(int bits = 2048);
  RsaPrivateKey(RsaPrivateKey&&) noexcept;
  RsaPrivateKey& operator=(RsaPrivateKey&&) noexcept;
  ~RsaPrivateKey();

  // RSASSA-PKCS1-v1_5 with SHA-256, base64: deterministic, so test vectors reproduce byte for byte.
  Result<std::string> SignSha256(std::string_view data) const;
  std::string PrivatePem() const;  // PKCS#8
  std::string PublicPem() const;   // SubjectPublicKeyInfo, as actor documents publish it

 private:
  struct Impl;
  explicit RsaPrivateKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

class RsaPublicKey {
 public:
  static Result<RsaPublicKey> FromPem(std::string_view pem);
  RsaPublicKey(RsaPublicKey&&) noexcept;
  RsaPublicKey& operator=(RsaPublicKey&&) noexcept;
  ~RsaPublicKey();

  // True when `signature_b64` is a valid rsa-sha256 signature of `data` under this key.
  bool VerifySha256(std::string_view data, std::string_view signature_b64) const;

 private:
  struct Impl;
  explicit RsaPublicKey(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Signs `request` over `headers` and returns the Signature header value.
Result<std::string> SignRequest(const RequestToSign& request, const std::vector<std::string>& headers,
                                const std::string& key_id, const RsaPrivateKey& key);

// What an inbox requires of a signature before it believes a POST: it covers (request-target), host, date and
// digest; the Digest matches the body; the Date is within `skew` of `now`; and the signature verifies.
// kUnauthenticated with the reason otherwise.
Status VerifyInboxRequest(const RequestToSign& request, std::string_view body, const SignatureParams& params,
                          const RsaPublicKey& key, Timestamp now, Seconds skew);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_HTTP_SIGNATURE_H_
