// HTTP Signatures against the published draft-cavage test values (w3c-ccg/http-signatures, Appendix C; copied
// from ../shared/benchmarks/httpsig/cavage), and the checks an inbox makes.
#include "federation/http_signature.h"

#include <gtest/gtest.h>

#include <optional>

namespace kin::federation {
namespace {

// The draft's test key (1024-bit RSA).
constexpr const char* kPrivatePem = R"pem(-----BEGIN RSA PRIVATE KEY-----
MIICXgIBAAKBgQDCFENGw33yGihy92pDjZQhl0C36rPJj+CvfSC8+q28hxA161QF
NUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6Z4UMR7EOcpfdUE9Hf3m/hs+F
UR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJwoYi+1hqp1fIekaxsyQIDAQAB
AoGBAJR8ZkCUvx5kzv+utdl7T5MnordT1TvoXXJGXK7ZZ+UuvMNUCdN2QPc4sBiA
QWvLw1cSKt5DsKZ8UETpYPy8pPYnnDEz2dDYiaew9+xEpubyeW2oH4Zx71wqBtOK
kqwrXa/pzdpiucRRjk6vE6YY7EBBs/g7uanVpGibOVAEsqH1AkEA7DkjVH28WDUg
f1nqvfn2Kj6CT7nIcE3jGJsZZ7zlZmBmHFDONMLUrXR/Zm3pR5m0tCmBqa5RK95u
412jt1dPIwJBANJT3v8pnkth48bQo/fKel6uEYyboRtA5/uHuHkZ6FQF7OUkGogc
mSJluOdc5t6hI1VsLn0QZEjQZMEOWr+wKSMCQQCC4kXJEsHAve77oP6HtG/IiEn7
kpyUXRNvFsDE0czpJJBvL/aRFUJxuRK91jhjC68sA7NsKMGg5OXb5I5Jj36xAkEA
gIT7aFOYBFwGgQAQkWNKLvySgKbAZRTeLBacpHMuQdl1DfdntvAyqpAZ0lY0RKmW
G6aFKaqQfOXKCyWoUiVknQJAXrlgySFci/2ueKlIE1QqIiLSZ8V8OlpFLRnb1pzI
7U1yQXnTAEFYM560yJlzUpOb1V4cScGd365tiSMvxLOvTA==
-----END RSA PRIVATE KEY-----
)pem";
constexpr const char* kPublicPem = R"pem(-----BEGIN PUBLIC KEY-----
MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDCFENGw33yGihy92pDjZQhl0C3
6rPJj+CvfSC8+q28hxA161QFNUd13wuCTUcq0Qd2qsBe/2hFyc2DCJJg0h1L78+6
Z4UMR7EOcpfdUE9Hf3m/hs+FUR45uBJeDK1HSFHD8bHKD6kv8FPGfJTotc+2xjJw
oYi+1hqp1fIekaxsyQIDAQAB
-----END PUBLIC KEY-----
)pem";

struct Vector {
  const char* id;
  std::optional<const char*> headers_param;
  const char* signing_string;
  const char* signature;
};

const Vector kVectors[] = {
    {"default-test", std::nullopt,
     "date: Sun, 05 Jan 2014 21:31:40 GMT",
     "SjWJWbWN7i0wzBvtPl8rbASWz5xQW6mcJmn+ibttBqtifLN7Sazz6m79cNfwwb8DMJ5cou1s7uEGKKCs+FLEEaDV5lp7q25WqS+lavg7T8hc0GppauB6hbgEKTwblDHYGEtbGmtdHgVCk9SuS13F0hZ8FD0k/5OxEPXe5WozsbM="},
    {"basic-test", "(request-target) host date",
     "(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: Sun, 05 Jan 2014 21:31:40 GMT",
     "qdx+H7PHHDZgy4y/Ahn9Tny9V3GP6YgBPyUXMmoxWtLbHpUnXS2mg2+SbrQDMCJypxBLSPQR2aAjn7ndmw2iicw3HMbe8VfEdKFYRqzic+efkb3nndiv/x1xSHDJWeSWkx3ButlYSuBskLu6kd9Fswtemr3lgdDEmn04swr2Os0="},
    {"all-headers-test", "(request-target) host date content-type digest content-length",
     "(request-target): post /foo?param=value&pet=dog\nhost: example.com\ndate: Sun, 05 Jan 2014 21:31:40 GMT\ncontent-type: application/json\ndigest: SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=\ncontent-length: 18",
     "vSdrb+dS3EceC9bcwHSo4MlyKS59iFIrhgYkz8+oVLEEzmYZZvRs8rgOp+63LEM3v+MFHB32NfpB2bEKBIvB1q52LaEUHFv120V01IL+TAD48XaERZFukWgHoBTLMhYS2Gb51gWxpeIq8knRmPnYePbF5MOkR0Zkly4zKH7s1dE="},
};

RequestToSign DraftRequest() {
  return RequestToSign{"POST", "/foo?param=value&pet=dog",
                       {{"Host", "example.com"},
                        {"Date", "Sun, 05 Jan 2014 21:31:40 GMT"},
                        {"Content-Type", "application/json"},
                        {"Digest", "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE="},
                        {"Content-Length", "18"}}};
}

constexpr const char* kBody = R"({"hello": "world"})";

Timestamp DraftNow() { return *ParseHttpDate("Sun, 05 Jan 2014 21:31:40 GMT"); }

}  // namespace
}  // namespace kin::federation

namespace kin::federation {
namespace {

std::vector<std::string> HeadersOf(const Vector& v) {
  if (!v.headers_param) return {"date"};
  Result<SignatureParams> p = ParseSignatureHeader(std::string("keyId=\"Test\",headers=\"") + *v.headers_param +
                                                   "\",signature=\"x\"");
  EXPECT_TRUE(p.ok());
  return p->headers;
}

TEST(HttpSignature, ReproducesThePublishedSigningStringsAndSignatures) {
  Result<RsaPrivateKey> key = RsaPrivateKey::FromPem(kPrivatePem);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  Result<RsaPublicKey> pub = RsaPublicKey::FromPem(kPublicPem);
  ASSERT_TRUE(pub.ok()) << pub.status().ToString();
  for (const Vector& v : kVectors) {
    SCOPED_TRACE(v.id);
    Result<std::string> text = SigningString(DraftRequest(), HeadersOf(v));
    ASSERT_TRUE(text.ok());
    EXPECT_EQ(*text, v.signing_string);
    Result<std::string> sig = key->SignSha256(*text);
    ASSERT_TRUE(sig.ok());
    EXPECT_EQ(*sig, v.signature);  // PKCS#1 v1.5 is deterministic
    EXPECT_TRUE(pub->VerifySha256(*text, v.signature));
    EXPECT_FALSE(pub->VerifySha256(*text + " ", v.signature));
  }
}

TEST(HttpSignature, ParsesAndFormatsTheSignatureHeader) {
  Result<SignatureParams> p = ParseSignatureHeader(
      "keyId=\"Test\",algorithm=\"rsa-sha256\",headers=\"(request-target) host date\",signature=\"abc=\"");
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->key_id, "Test");
  EXPECT_EQ(p->algorithm, "rsa-sha256");
  EXPECT_EQ(p->headers, (std::vector<std::string>{"(request-target)", "host", "date"}));
  EXPECT_EQ(p->signature, "abc=");
  Result<SignatureParams> again = ParseSignatureHeader(FormatSignatureHeader(*p));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->headers, p->headers);

  // No headers= means date only; bad headers say what is wrong.
  EXPECT_EQ(ParseSignatureHeader("keyId=\"k\",signature=\"s\"")->headers, std::vector<std::string>{"date"});
  EXPECT_EQ(ParseSignatureHeader("signature=\"s\"").status().message(), "the Signature header has no keyId");
  EXPECT_EQ(ParseSignatureHeader("keyId=\"k\"").status().message(), "the Signature header has no signature");
  EXPECT_FALSE(ParseSignatureHeader("keyId=k,signature=\"s\"").ok());
  EXPECT_FALSE(ParseSignatureHeader("keyId=\"k,signature=\"s").ok());
  EXPECT_FALSE(ParseSignatureHeader(std::string(9000, 'a')).ok());
}

TEST(HttpSignature, DigestAndDates) {
  EXPECT_EQ(DigestHeader(kBody), "SHA-256=X48E9qOokqqrvdts8nOJRJN3OWDUoyWxBf7kbu9DBPE=");
  Result<Timestamp> t = ParseHttpDate("Sun, 05 Jan 2014 21:31:40 GMT");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->time_since_epoch().count(), 1388957500);
  EXPECT_EQ(HttpDate(*t), "Sun, 05 Jan 2014 21:31:40 GMT");
  EXPECT_EQ(HttpDate(Timestamp{Seconds{0}}), "Thu, 01 Jan 1970 00:00:00 GMT");
  for (const char* bad : {"", "Sun, 5 Jan 2014 21:31:40 GMT", "Sun, 05 Foo 2014 21:31:40 GMT",
                          "Sun, 31 Feb 2014 21:31:40 GMT", "Sun, 05 Jan 2014 25:31:40 GMT", "2014-01-05T21:31:40Z",
                          "Mon, 05 Jan 2014 21:31:40 GMT", "Sun, 05 Jan 2014 21:31:60 GMT"}) {
    EXPECT_FALSE(ParseHttpDate(bad).ok()) << bad;
  }
}

class InboxTest : public ::testing::Test {
 protected:
  InboxTest()
      : key_(std::move(RsaPrivateKey::FromPem(kPrivatePem)).value()),
        pub_(std::move(RsaPublicKey::FromPem(kPublicPem)).value()) {}

  Status Check(const RequestToSign& request, std::string_view body, Timestamp now) {
    Result<std::string> header =
        SignRequest(request, {"(request-target)", "host", "date", "digest"}, "https://a.example/hub#key", key_);
    EXPECT_TRUE(header.ok());
    Result<SignatureParams> p = ParseSignatureHeader(*header);
    EXPECT_TRUE(p.ok());
    return VerifyInboxRequest(request, body, *p, pub_, now, Seconds(300));
  }

  RsaPrivateKey key_;
  RsaPublicKey pub_;
};

TEST_F(InboxTest, AcceptsASignedPostAndRefusesTampering) {
  EXPECT_TRUE(Check(DraftRequest(), kBody, DraftNow()).ok());
  EXPECT_TRUE(Check(DraftRequest(), kBody, DraftNow() + Seconds(299)).ok());

  Status changed_body = Check(DraftRequest(), R"({"hello": "world!"})", DraftNow());
  EXPECT_EQ(changed_body.kind(), StatusKind::kUnauthenticated);
  EXPECT_EQ(changed_body.message(), "the Digest does not match the body");
  EXPECT_EQ(Check(DraftRequest(), kBody, DraftNow() + Seconds(301)).message(), "the Date is too far from now");

  // A signature made for one target does not verify for another.
  Result<std::string> header =
      SignRequest(DraftRequest(), {"(request-target)", "host", "date", "digest"}, "k", key_);
  RequestToSign other = DraftRequest();
  other.target = "/inbox";
  Status moved = VerifyInboxRequest(other, kBody, *ParseSignatureHeader(*header), pub_, DraftNow(), Seconds(300));
  EXPECT_EQ(moved.message(), "the signature does not verify");

  // Signatures that leave out what an inbox needs are refused before any crypto.
  Result<std::string> date_only = SignRequest(DraftRequest(), {"date"}, "k", key_);
  Status weak = VerifyInboxRequest(DraftRequest(), kBody, *ParseSignatureHeader(*date_only), pub_, DraftNow(),
                                   Seconds(300));
  EXPECT_EQ(weak.message(), "the signature does not cover (request-target)");
}

TEST(HttpSignature, GeneratedKeysRoundTripThroughPem) {
  Result<RsaPrivateKey> key = RsaPrivateKey::Generate(2048);
  ASSERT_TRUE(key.ok());
  Result<RsaPrivateKey> reread = RsaPrivateKey::FromPem(key->PrivatePem());
  ASSERT_TRUE(reread.ok());
  Result<RsaPublicKey> pub = RsaPublicKey::FromPem(key->PublicPem());
  ASSERT_TRUE(pub.ok());
  Result<std::string> sig = reread->SignSha256("hello");
  ASSERT_TRUE(sig.ok());
  EXPECT_TRUE(pub->VerifySha256("hello", *sig));
  EXPECT_FALSE(pub->VerifySha256("hello", "not base64!"));
  EXPECT_FALSE(RsaPublicKey::FromPem("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n").ok());
  EXPECT_FALSE(RsaPrivateKey::FromPem("").ok());
}

}  // namespace
}  // namespace kin::federation
