#include "crypto/secret_box.h"

#include <sodium.h>
#include <sys/stat.h>

#include <vector>

#include "crypto/sodium_init.h"

namespace kin {
namespace {

constexpr unsigned char kFormatVersion = 1;
constexpr size_t kHeader = 1 + 4 + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;

}  // namespace

struct SecretBox::Ring {
  struct Key {
    uint32_t id;
    SecretKeyBytes bytes;
  };
  std::vector<Key> keys;  // keys[0] seals

  explicit Ring(const KeyRing& ring) {
    for (const SecretKeyBytes& k : ring.keys) keys.push_back({KeyIdOf(k), k});
  }
  ~Ring() {
    for (Key& k : keys) sodium_memzero(k.bytes.data(), k.bytes.size());
  }
  const Key* Find(uint32_t id) const {
    for (const Key& k : keys) {
      if (k.id == id) return &k;
    }
    return nullptr;
  }
};

SecretBox::SecretBox(const SecretKeyBytes& key) : SecretBox(KeyRing{{key}}) {}

SecretBox::SecretBox(const KeyRing& ring) {
  EnsureSodium();
  ring_ = std::make_shared<const Ring>(ring);
}

Result<std::unique_ptr<SecretBox>> SecretBox::FollowKeyFile(const std::string& path) {
  EnsureSodium();
  Result<KeyRing> ring = LoadOrCreateKeyRing(path);
  if (!ring.ok()) return ring.status();
  std::unique_ptr<SecretBox> box(new SecretBox());
  box->path_ = path;
  box->ring_ = std::make_shared<const Ring>(*ring);
  sodium_memzero(ring->keys.data(), ring->keys.size() * sizeof(SecretKeyBytes));
  box->Refresh(false);  // records the file's stamp
  return box;
}

SecretBox::~SecretBox() = default;

std::shared_ptr<const SecretBox::Ring> SecretBox::Current() const {
  std::lock_guard<std::mutex> lock(mu_);
  return ring_;
}

void SecretBox::Refresh(bool force) const {
  if (path_.empty()) return;
  struct stat st;
  if (::stat(path_.c_str(), &st) != 0) return;
  FileStamp now{static_cast<uint64_t>(st.st_dev), static_cast<uint64_t>(st.st_ino),
                static_cast<uint64_t>(st.st_size), int64_t{st.st_mtim.tv_sec} * 1000000000 + st.st_mtim.tv_nsec};
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!force && now == stamp_) return;
  }
  Result<KeyRing> ring = ReadKeyRing(path_);
  if (!ring.ok()) return;  // keep the last good ring; Open reports the missing key
  auto fresh = std::make_shared<const Ring>(*ring);
  sodium_memzero(ring->keys.data(), ring->keys.size() * sizeof(SecretKeyBytes));
  std::lock_guard<std::mutex> lock(mu_);
  ring_ = std::move(fresh);
  stamp_ = now;
}

uint32_t SecretBox::key_id() const {
  Refresh(false);
  return Current()->keys.front().id;
}

bool SecretBox::SealedKeyId(std::string_view sealed, uint32_t* id) {
  if (sealed.size() < kHeader) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(sealed.data());
  *id = (uint32_t{p[1]} << 24) | (uint32_t{p[2]} << 16) | (uint32_t{p[3]} << 8) | p[4];
  return true;
}

std::string SecretBox::Seal(std::string_view plaintext, std::string_view associated) const {
  Refresh(false);
  std::shared_ptr<const Ring> ring = Current();
  const Ring::Key& key = ring->keys.front();
  std::string out(kHeader + plaintext.size() + crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  auto* p = reinterpret_cast<unsigned char*>(out.data());
  p[0] = kFormatVersion;
  p[1] = key.id >> 24;
  p[2] = key.id >> 16;
  p[3] = key.id >> 8;
  p[4] = key.id;
  unsigned char* nonce = p + 5;
  randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      p + kHeader, &written, reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), nullptr, nonce,
      key.bytes.data());
  out.resize(kHeader + written);
  return out;
}

Result<std::string> SecretBox::Open(std::string_view sealed, std::string_view associated) const {
  if (sealed.size() < kHeader + crypto_aead_xchacha20poly1305_ietf_ABYTES) {
    return Status::Internal("sealed value is too short");
  }
  const auto* p = reinterpret_cast<const unsigned char*>(sealed.data());
  if (p[0] != kFormatVersion) return Status::Internal("sealed value has an unknown format version");
  uint32_t id = 0;
  SealedKeyId(sealed, &id);
  std::shared_ptr<const Ring> ring = Current();
  const Ring::Key* key = ring->Find(id);
  if (key == nullptr && !path_.empty()) {
    // Sealed under a key added since we read the file (a rotation in progress): read it again.
    Refresh(true);
    ring = Current();
    key = ring->Find(id);
  }
  if (key == nullptr) {
    return Status::Internal("sealed value was made with key " + KeyIdHex(id) + ", which the key ring does not hold");
  }
  std::string out(sealed.size() - kHeader - crypto_aead_xchacha20poly1305_ietf_ABYTES, '\0');
  unsigned long long written = 0;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          reinterpret_cast<unsigned char*>(out.data()), &written, nullptr, p + kHeader, sealed.size() - kHeader,
          reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), p + 5,
          key->bytes.data()) != 0) {
    return Status::Internal("sealed value failed authentication (tampered, or moved from another record)");
  }
  out.resize(written);
  return out;
}

Result<SecretKeyBytes> LoadOrCreateKeyFile(const std::string& path) {
  Result<KeyRing> ring = LoadOrCreateKeyRing(path);
  if (!ring.ok()) return ring.status();
  return ring->keys.front();
}

}  // namespace kin
