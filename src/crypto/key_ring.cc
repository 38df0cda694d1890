#include "crypto/key_ring.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "crypto/sodium_init.h"

namespace kin {
namespace {

constexpr char kMagic[8] = {'k', 'i', 'n', 'r', 'i', 'n', 'g', '1'};
constexpr size_t kKeySize = sizeof(SecretKeyBytes);

std::string Errno() { return std::strerror(errno); }

std::string DirectoryOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  if (slash == 0) return "/";
  return path.substr(0, slash);
}

bool WriteAll(int fd, const unsigned char* p, size_t n) {
  while (n > 0) {
    ssize_t w = ::write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return false;
    p += w;
    n -= static_cast<size_t>(w);
  }
  return true;
}

}  // namespace

uint32_t KeyIdOf(const SecretKeyBytes& key) {
  EnsureSodium();
  unsigned char digest[crypto_generichash_BYTES];
  crypto_generichash(digest, sizeof digest, key.data(), key.size(), nullptr, 0);
  return (uint32_t{digest[0]} << 24) | (uint32_t{digest[1]} << 16) | (uint32_t{digest[2]} << 8) | digest[3];
}

std::string KeyIdHex(uint32_t id) {
  char out[9];
  std::snprintf(out, sizeof out, "%08x", id);
  return out;
}

SecretKeyBytes NewKeyFor(const KeyRing& ring) {
  EnsureSodium();
  SecretKeyBytes key;
  for (;;) {
    randombytes_buf(key.data(), key.size());
    bool clash = false;
    for (const SecretKeyBytes& k : ring.keys) clash = clash || KeyIdOf(k) == KeyIdOf(key);
    if (!clash) return key;
  }
}

Result<KeyRing> ReadKeyRing(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0 && errno == ENOENT) return Status::NotFound("key file " + path + " does not exist");
  if (fd < 0) return Status::Internal("cannot open key file " + path + ": " + Errno());
  struct stat st;
  if (::fstat(fd, &st) != 0 || (st.st_mode & 077) != 0) {
    ::close(fd);
    return Status::Internal("key file " + path + " can be read by others; run: chmod 600 " + path);
  }
  // Read one byte more than the largest ring, to notice a file that is too long.
  std::string bytes(sizeof kMagic + KeyRing::kMaxKeys * kKeySize + 1, '\0');
  size_t got = 0;
  for (;;) {
    ssize_t n = ::read(fd, bytes.data() + got, bytes.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      ::close(fd);
      return Status::Internal("cannot read key file " + path + ": " + Errno());
    }
    if (n == 0 || got + static_cast<size_t>(n) == bytes.size()) {
      got += static_cast<size_t>(n);
      break;
    }
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  bytes.resize(got);
  KeyRing ring;
  size_t offset = 0;
  if (got == kKeySize) {
    offset = 0;  // a single key, written before kin had key rings
  } else if (got > sizeof kMagic && std::memcmp(bytes.data(), kMagic, sizeof kMagic) == 0 &&
             (got - sizeof kMagic) % kKeySize == 0 && (got - sizeof kMagic) / kKeySize <= KeyRing::kMaxKeys) {
    offset = sizeof kMagic;
  } else {
    sodium_memzero(bytes.data(), bytes.size());
    return Status::Internal("key file " + path + " is damaged or not a kin key file (expected 32 bytes, or \"kinring1\" and 1 to " +
                            std::to_string(KeyRing::kMaxKeys) + " keys of 32 bytes)");
  }
  for (size_t at = offset; at < got; at += kKeySize) {
    SecretKeyBytes key;
    std::memcpy(key.data(), bytes.data() + at, kKeySize);
    ring.keys.push_back(key);
  }
  sodium_memzero(bytes.data(), bytes.size());
  return ring;
}

Status WriteKeyRing(const std::string& path, const KeyRing& ring) {
  if (ring.keys.empty() || ring.keys.size() > KeyRing::kMaxKeys) {
    return Status::Invalid("a key ring holds 1 to " + std::to_string(KeyRing::kMaxKeys) + " keys");
  }
  std::string tmp = path + ".tmp-" + std::to_string(::getpid());
  ::unlink(tmp.c_str());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) return Status::Internal("cannot create " + tmp + ": " + Errno());
  bool ok = ::fchmod(fd, 0600) == 0 &&
            WriteAll(fd, reinterpret_cast<const unsigned char*>(kMagic), sizeof kMagic);
  for (const SecretKeyBytes& k : ring.keys) ok = ok && WriteAll(fd, k.data(), k.size());
  ok = ok && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    std::string why = Errno();
    ::unlink(tmp.c_str());
    return Status::Internal("cannot write key file " + path + ": " + why);
  }
  // The rename is durable only once the directory entry is.
  int dir = ::open(DirectoryOf(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    ::fsync(dir);
    ::close(dir);
  }
  return Status::Ok();
}

Result<KeyRing> LoadOrCreateKeyRing(const std::string& path) {
  Result<KeyRing> ring = ReadKeyRing(path);
  if (ring.ok() || ring.status().kind() != StatusKind::kNotFound) return ring;
  KeyRing fresh;
  fresh.keys.push_back(NewKeyFor(fresh));
  Status s = WriteKeyRing(path, fresh);
  if (!s.ok()) return s;
  return fresh;
}

}  // namespace kin
