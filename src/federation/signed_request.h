// Builds the signed requests kin sends, the form Mastodon expects: a POST signs (request-target) host date digest
// with a SHA-256 Digest of the body; a GET (a signed fetch) signs (request-target) host date.
#ifndef KIN_FEDERATION_SIGNED_REQUEST_H_
#define KIN_FEDERATION_SIGNED_REQUEST_H_

#include <string>

#include "core/time.h"
#include "federation/http_client.h"
#include "federation/http_signature.h"

namespace kin::federation {

// kInvalid for a URL that is not http(s).
Result<OutboundRequest> SignedPost(const std::string& url, std::string body, const std::string& key_id,
                                   const RsaPrivateKey& key, Timestamp now);
Result<OutboundRequest> SignedGet(const std::string& url, const std::string& key_id, const RsaPrivateKey& key,
                                  Timestamp now);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_SIGNED_REQUEST_H_
