#include "federation/signed_request.h"

#include "federation/activity_json.h"
#include "federation/url.h"

namespace kin::federation {
namespace {

Result<OutboundRequest> Signed(const std::string& method, const std::string& url, std::string body,
                               const std::string& key_id, const RsaPrivateKey& key, Timestamp now) {
  Result<UrlParts> parts = ParseUrl(url);
  if (!parts.ok()) return parts.status();
  OutboundRequest out;
  out.method = method;
  out.url = url;
  out.headers = {{"Host", parts->host}, {"Date", HttpDate(now)}};
  std::vector<std::string> covered = {"(request-target)", "host", "date"};
  if (method == "POST") {
    out.headers.emplace_back("Digest", DigestHeader(body));
    out.headers.emplace_back("Content-Type", kActivityJson);
    covered.push_back("digest");
  }
  out.headers.emplace_back("Accept", std::string(kActivityJson) + ", " + kLdJson);
  Result<std::string> signature = SignRequest(RequestToSign{method, parts->target, out.headers}, covered, key_id, key);
  if (!signature.ok()) return signature.status();
  out.headers.emplace_back("Signature", *signature);
  out.body = std::move(body);
  return out;
}

}  // namespace

Result<OutboundRequest> SignedPost(const std::string& url, std::string body, const std::string& key_id,
                                   const RsaPrivateKey& key, Timestamp now) {
  return Signed("POST", url, std::move(body), key_id, key, now);
}

Result<OutboundRequest> SignedGet(const std::string& url, const std::string& key_id, const RsaPrivateKey& key,
                                  Timestamp now) {
  return Signed("GET", url, "", key_id, key, now);
}

}  // namespace kin::federation
