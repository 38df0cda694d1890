#include "crypto/secret_box.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "crypto/sodium_init.h"

namespace kin {
namespace {

constexpr unsigned char kFormatVersion = 1;
constexpr size_t kHeader = 1 + 4 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

}  // namespace

SecretBox::SecretBox(const SecretKeyBytes& key) : key_(key) {
  EnsureSodium();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, key_.data(), key_.size(), nullptr, 0);
  key_id_ = (uint32_t{digest[0]} << 24) | (uint32_t{digest[1]} << 16) | (uint32_t{digest[2]} << 8) | digest[3];
}

SecretBox::~SecretBox() { sodium_memzero(key_.data(), key_.size()); }

std::string SecretBox::Seal(std::string_view plaintext, std::string_view associated) const {
  std::string out(kHeader + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  p[0] = kFormatVersion;
  p[1] = key_id_ >> 24;
  p[2] = key_id_ >> 16;
  p[3] = key_id_ >> 8;
  p[4] = key_id_;
  unsigned char* nonce = p + 5;
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      p + kHeader, &written, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), nullptr, nonce, key_.data());
  out.resize(kHeader + written);
  return out;
}

Result<std::string> SecretBox::Open(std::string_view sealed, std::string_view associated) const {
  if (sealed.size() < kHeader + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Status::Internal("sealed value is too short");
  }
  const auto* p = reinterpret_cast<const unsigned char*>(sealed.data());
  if (p[0] != kFormatVersion) return Status::Internal("sealed value has an unknown format version");
  uint32_t id = (uint32_t{p[1]} << 24) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 8) | p[4];
  if (id != key_id_) return Status::Internal("sealed value was made with another key");
  std::string out(sealed.size() - kHeader - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &written, nullptr, p + kHeader, sealed.size() - kHeader,
          reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), p + 5, key_.data()) != 0) {
    return Status::Internal("sealed value failed authentication (tampered, or moved from another record)");
  }
  out.resize(written);
  return out;
}

Result<SecretKeyBytes> LoadOrCreateKeyFile(const std::string& path) {
  EnsureSodium();
  SecretKeyBytes key;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) {
    randombytes_buf(key.data(), key.size());
    fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) return Status::Internal("cannot create key file " + path + ": " + std::strerror(errno));
    bool ok = ::write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok) {
      ::unlink(path.c_str());
      return Status::Internal("cannot write key file " + path);
    }
    return key;
  }
  if (fd < 0) return Status::Internal("cannot open key file " + path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::Internal("key file " + path + " can be read by others; run: chmod 600 " + path);
  }
  ssize_t n = ::read(fd, key.data(), key.size());
  char extra;
  ssize_t more = ::read(fd, &extra, 1);
  ::close(fd);
  if (n != static_cast<ssize_t>(key.size()) || more != 0) {
    return Status::Internal("key file " + path + " must hold exactly 32 bytes; it is damaged or not a kin key");
  }
  return key;
}

}  // namespace kin
