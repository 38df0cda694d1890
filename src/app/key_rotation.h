// Key rotation (safety): re-sealing every stored secret under a new key while the server keeps serving, and
// dropping old keys once nothing uses them. The operator runs these through `kin admin rotate-key`.
//
// The server needs no restart: its SecretBox follows the key file (crypto/secret_box.h), so it opens values
// sealed under the new key as soon as it meets one and seals with the new key as soon as the file changes.
#ifndef KIN_APP_KEY_ROTATION_H_
#define KIN_APP_KEY_ROTATION_H_

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "crypto/secret_box.h"
#include "store/store.h"

namespace kin {

struct RotationOptions {
  int batch = 200;               // values re-sealed per write transaction: short, so serving is never held up
  int max_passes = 5;            // full passes before giving up on values that keep appearing under an old key
  int checkpoint_attempts = 50;  // tries, 100 ms apart, to empty the WAL while readers hold it
  std::function<void(int resealed_so_far)> on_batch;  // optional progress report
};

struct RotationReport {
  uint32_t key_id = 0;         // the key everything is sealed under now
  bool resumed = false;        // an earlier, interrupted rotation was finished instead of adding a key
  int64_t resealed = 0;        // values re-sealed
  int batches = 0;             // write transactions used
  size_t keys_in_ring = 0;     // old keys stay until RetireOldKeys
  bool checkpointed = false;   // the WAL was emptied, so it holds no ciphertext under old keys
};

// `box` must be the store's SecretBox, following `key_path` (SecretBox::FollowKeyFile). Adds a new key at the
// front of the ring, unless an earlier rotation was interrupted (some value is still under an older key of a ring
// of several): then it finishes that one. Safe to kill at any point and run again. kConflict when the ring is full.
Result<RotationReport> RotateKey(Store& store, const SecretBox& box, const std::string& key_path,
                                 const RotationOptions& options = {});

struct RetireReport {
  size_t retired = 0;  // keys dropped from the ring
  uint32_t key_id = 0;  // the one key left
};

// Drops every key but the newest from the ring at `key_path`. kConflict, changing nothing, while any stored value
// is still sealed under another key, saying how many.
Result<RetireReport> RetireOldKeys(Store& store, const SecretBox& box, const std::string& key_path);

}  // namespace kin

#endif  // KIN_APP_KEY_ROTATION_H_
