#include "federation/http_signature.h"

#include <openssl/bio.h>
#include <openssl/decoder.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/sha.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <chrono>
#include <cstdio>

namespace kin::federation {
namespace {

constexpr size_t kMaxSignatureHeader = 8192;
constexpr size_t kMaxSignedHeaders = 32;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Base64(const unsigned char* data, size_t n) {
  std::string out(4 * ((n + 2) / 3), '\0');
  int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), data, static_cast<int>(n));
  out.resize(written < 0 ? 0 : static_cast<size_t>(written));
  return out;
}

// Standard alphabet with padding; nullopt for anything else.
std::optional<std::string> Unbase64(std::string_view text) {
  if (text.empty() || text.size() % 4 != 0) return std::nullopt;
  std::string out(3 * text.size() / 4, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return std::nullopt;
  size_t pad = (text.back() == '=') + (text.size() > 1 && text[text.size() - 2] == '=');
  out.resize(static_cast<size_t>(n) - pad);
  return out;
}

struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
using Bio = std::unique_ptr<BIO, BioDeleter>;

struct MdCtxDeleter {
  void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxDeleter>;

Bio ReadBio(std::string_view pem) { return Bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()))); }

std::string BioText(BIO* bio) {
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  return std::string(data, n > 0 ? static_cast<size_t>(n) : 0);
}

bool IsRsa(EVP_PKEY* key) { return EVP_PKEY_get_base_id(key) == EVP_PKEY_RSA; }

constexpr std::array<const char*, 7> kDays{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

Result<std::string> SigningString(const RequestToSign& request, const std::vector<std::string>& headers) {
  std::string out;
  for (const std::string& raw : headers) {
    std::string name = Lower(raw);
    if (!out.empty()) out += '\n';
    if (name == "(request-target)") {
      out += "(request-target): " + Lower(request.method) + " " + request.target;
      continue;
    }
    auto it = std::find_if(request.headers.begin(), request.headers.end(),
                           [&](const auto& h) { return Lower(h.first) == name; });
    if (it == request.headers.end()) return Status::Invalid("the signed header '" + name + "' is missing");
    out += name + ": " + it->second;
  }
  return out;
}

Result<SignatureParams> ParseSignatureHeader(std::string_view value) {
  if (value.size() > kMaxSignatureHeader) return Status::Invalid("the Signature header is too long");
  SignatureParams p;
  bool has_headers = false;
  size_t i = 0;
  while (i < value.size()) {
    while (i < value.size() && (value[i] == ' ' || value[i] == ',')) ++i;
    if (i >= value.size()) break;
    size_t eq = value.find('=', i);
    if (eq == std::string_view::npos) return Status::Invalid("a Signature parameter has no value");
    std::string name = Lower(value.substr(i, eq - i));
    if (eq + 1 >= value.size() || value[eq + 1] != '"') {
      return Status::Invalid("the Signature parameter '" + name + "' is not quoted");
    }
    size_t close = value.find('"', eq + 2);
    if (close == std::string_view::npos) return Status::Invalid("the Signature parameter '" + name + "' is unclosed");
    std::string v(value.substr(eq + 2, close - eq - 2));
    if (name == "keyid") {
      p.key_id = v;
    } else if (name == "algorithm") {
      p.algorithm = Lower(v);
    } else if (name == "headers") {
      has_headers = true;
      size_t start = 0;
      while (start <= v.size()) {
        size_t space = v.find(' ', start);
        if (space == std::string::npos) space = v.size();
        if (space > start) p.headers.push_back(Lower(v.substr(start, space - start)));
        start = space + 1;
      }
      if (p.headers.size() > kMaxSignedHeaders) return Status::Invalid("the Signature covers too many headers");
    } else if (name == "signature") {
      p.signature = v;
    }  // created, expires and unknown parameters are ignored, as Mastodon does
    i = close + 1;
  }
  if (p.key_id.empty()) return Status::Invalid("the Signature header has no keyId");
  if (p.signature.empty()) return Status::Invalid("the Signature header has no signature");
  if (!has_headers) p.headers = {"date"};
  if (p.headers.empty()) return Status::Invalid("the Signature header covers no headers");
  return p;
}

std::string FormatSignatureHeader(const SignatureParams& p) {
  std::string headers;
  for (const std::string& h : p.headers) headers += (headers.empty() ? "" : " ") + h;
  std::string out = "keyId=\"" + p.key_id + "\"";
  if (!p.algorithm.empty()) out += ",algorithm=\"" + p.algorithm + "\"";
  out += ",headers=\"" + headers + "\",signature=\"" + p.signature + "\"";
  return out;
}

std::string DigestHeader(std::string_view body) {
  unsigned char hash[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(body.data()), body.size(), hash);
  return "SHA-256=" + Base64(hash, sizeof hash);
}

std::string HttpDate(Timestamp t) {
  auto days = std::chrono::floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd{days};
  std::chrono::hh_mm_ss hms{t - days};
  std::chrono::weekday wd{days};
  char buf[40];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d GMT", kDays[wd.c_encoding()],
                static_cast<unsigned>(ymd.day()), kMonths[static_cast<unsigned>(ymd.month()) - 1],
                static_cast<int>(ymd.year()), static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
  return buf;
}

Result<Timestamp> ParseHttpDate(std::string_view text) {
  // "Sun, 05 Jan 2014 21:31:40 GMT": fixed width, so check each piece in place.
  auto bad = [] { return Status::Invalid("the Date is not like 'Sun, 05 Jan 2014 21:31:40 GMT'"); };
  if (text.size() != 29 || text.substr(3, 2) != ", " || text.substr(25) != " GMT") return bad();
  auto num = [&](size_t at, size_t n, int& out) {
    out = 0;
    for (size_t i = at; i < at + n; ++i) {
      if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
      out = out * 10 + (text[i] - '0');
    }
    return true;
  };
  int day, year, hour, minute, second;
  if (!num(5, 2, day) || text[7] != ' ' || text[11] != ' ' || !num(12, 4, year) || text[16] != ' ' ||
      !num(17, 2, hour) || text[19] != ':' || !num(20, 2, minute) || text[22] != ':' || !num(23, 2, second)) {
    return bad();
  }
  auto month = std::find(kMonths.begin(), kMonths.end(), text.substr(8, 3));
  if (month == kMonths.end()) return bad();
  std::chrono::year_month_day ymd{std::chrono::year{year},
                                  std::chrono::month{static_cast<unsigned>(month - kMonths.begin() + 1)},
                                  std::chrono::day{static_cast<unsigned>(day)}};
  if (!ymd.ok() || hour > 23 || minute > 59 || second > 59) return bad();
  // One spelling per instant: the weekday must be the date's.
  if (text.substr(0, 3) != kDays[std::chrono::weekday{std::chrono::sys_days{ymd}}.c_encoding()]) return bad();
  return Timestamp{std::chrono::sys_days{ymd}} + std::chrono::hours(hour) + std::chrono::minutes(minute) +
         Seconds(second);
}

struct RsaPrivateKey::Impl {
  Pkey key;
};

RsaPrivateKey::RsaPrivateKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RsaPrivateKey::RsaPrivateKey(RsaPrivateKey&&) noexcept = default;
RsaPrivateKey& RsaPrivateKey::operator=(RsaPrivateKey&&) noexcept = default;
RsaPrivateKey::~RsaPrivateKey() = default;

Result<RsaPrivateKey> RsaPrivateKey::FromPem(std::string_view pem) {
  Bio bio = ReadBio(pem);
  Pkey key(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr, nullptr));
  if (!key || !IsRsa(key.get())) return Status::Invalid("not an RSA private key in PEM form");
  return RsaPrivateKey(std::make_unique<Impl>(Impl{std::move(key)}));
}

Result<RsaPrivateKey> RsaPrivateKey::Generate(int bits) {
  Pkey key(EVP_RSA_gen(static_cast<unsigned>(bits)));
  if (!key) return Status::Internal("cannot generate an RSA key");
  return RsaPrivateKey(std::make_unique<Impl>(Impl{std::move(key)}));
}

Result<std::string> RsaPrivateKey::SignSha256(std::string_view data) const {
  MdCtx ctx(EVP_MD_CTX_new());
  size_t n = 0;
  if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key.get()) != 1 ||
      EVP_DigestSign(ctx.get(), nullptr, &n, reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return Status::Internal("cannot sign");
  }
  std::string sig(n, '\0');
  if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(sig.data()), &n,
                     reinterpret_cast<const unsigned char*>(data.data()), data.size()) != 1) {
    return Status::Internal("cannot sign");
  }
  return Base64(reinterpret_cast<const unsigned char*>(sig.data()), n);
}

std::string RsaPrivateKey::PrivatePem() const {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PrivateKey(bio.get(), impl_->key.get(), nullptr, nullptr, 0, nullptr, nullptr);
  return BioText(bio.get());
}

std::string RsaPrivateKey::PublicPem() const {
  Bio bio(BIO_new(BIO_s_mem()));
  PEM_write_bio_PUBKEY(bio.get(), impl_->key.get());
  return BioText(bio.get());
}

struct RsaPublicKey::Impl {
  Pkey key;
};

RsaPublicKey::RsaPublicKey(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
RsaPublicKey::RsaPublicKey(RsaPublicKey&&) noexcept = default;
RsaPublicKey& RsaPublicKey::operator=(RsaPublicKey&&) noexcept = default;
RsaPublicKey::~RsaPublicKey() = default;

Result<RsaPublicKey> RsaPublicKey::FromPem(std::string_view pem) {
  // The decoder reads both SubjectPublicKeyInfo ("PUBLIC KEY") and PKCS#1 ("RSA PUBLIC KEY"): servers publish either.
  EVP_PKEY* raw = nullptr;
  OSSL_DECODER_CTX* dctx =
      OSSL_DECODER_CTX_new_for_pkey(&raw, "PEM", nullptr, "RSA", EVP_PKEY_PUBLIC_KEY, nullptr, nullptr);
  if (dctx == nullptr) return Status::Internal("cannot read public keys");
  const unsigned char* data = reinterpret_cast<const unsigned char*>(pem.data());
  size_t left = pem.size();
  int ok = OSSL_DECODER_from_data(dctx, &data, &left);
  OSSL_DECODER_CTX_free(dctx);
  Pkey key(raw);
  if (ok != 1 || !key || !IsRsa(key.get())) return Status::Invalid("not an RSA public key in PEM form");
  return RsaPublicKey(std::make_unique<Impl>(Impl{std::move(key)}));
}

bool RsaPublicKey::VerifySha256(std::string_view data, std::string_view signature_b64) const {
  std::optional<std::string> sig = Unbase64(signature_b64);
  if (!sig) return false;
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx || EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, impl_->key.get()) != 1) return false;
  return EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(sig->data()), sig->size(),
                          reinterpret_cast<const unsigned char*>(data.data()), data.size()) == 1;
}

Result<std::string> SignRequest(const RequestToSign& request, const std::vector<std::string>& headers,
                                const std::string& key_id, const RsaPrivateKey& key) {
  Result<std::string> text = SigningString(request, headers);
  if (!text.ok()) return text.status();
  Result<std::string> sig = key.SignSha256(*text);
  if (!sig.ok()) return sig.status();
  SignatureParams p;
  p.key_id = key_id;
  p.algorithm = "rsa-sha256";
  for (const std::string& h : headers) p.headers.push_back(Lower(h));
  p.signature = *sig;
  return FormatSignatureHeader(p);
}

Status VerifyInboxRequest(const RequestToSign& request, std::string_view body, const SignatureParams& params,
                          const RsaPublicKey& key, Timestamp now, Seconds skew) {
  if (!params.algorithm.empty() && params.algorithm != "rsa-sha256" && params.algorithm != "hs2019") {
    return Status::Unauthenticated("the signature algorithm '" + params.algorithm + "' is not supported");
  }
  for (const char* required : {"(request-target)", "host", "date", "digest"}) {
    if (std::find(params.headers.begin(), params.headers.end(), required) == params.headers.end()) {
      return Status::Unauthenticated(std::string("the signature does not cover ") + required);
    }
  }
  auto header = [&](const char* name) -> std::string {
    for (const auto& [n, v] : request.headers) {
      if (Lower(n) == name) return v;
    }
    return "";
  };
  if (header("digest") != DigestHeader(body)) return Status::Unauthenticated("the Digest does not match the body");
  Result<Timestamp> date = ParseHttpDate(header("date"));
  if (!date.ok()) return Status::Unauthenticated(date.status().message());
  if (*date > now + skew || *date < now - skew) return Status::Unauthenticated("the Date is too far from now");
  Result<std::string> text = SigningString(request, params.headers);
  if (!text.ok()) return Status::Unauthenticated(text.status().message());
  if (!key.VerifySha256(*text, params.signature)) return Status::Unauthenticated("the signature does not verify");
  return Status::Ok();
}

}  // namespace kin::federation
