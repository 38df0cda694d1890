#include "app/key_rotation.h"

#include <chrono>
#include <thread>

namespace kin {
namespace {

Result<std::map<uint32_t, int64_t>> CountByKey(Store& store) {
  std::map<uint32_t, int64_t> counts;
  Status s = store.Read([&](ReadTx& tx) {
    counts = tx.CountSealedValuesByKey();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return counts;
}

int64_t NotUnder(const std::map<uint32_t, int64_t>& counts, uint32_t key) {
  int64_t n = 0;
  for (const auto& [id, count] : counts) n += id == key ? 0 : count;
  return n;
}

}  // namespace

Result<RotationReport> RotateKey(Store& store, const SecretBox& box, const std::string& key_path,
                                 const RotationOptions& options) {
  Result<KeyRing> ring = ReadKeyRing(key_path);
  if (!ring.ok()) return ring.status();
  Result<std::map<uint32_t, int64_t>> counts = CountByKey(store);
  if (!counts.ok()) return counts.status();

  RotationReport report;
  const uint32_t newest = KeyIdOf(ring->keys.front());
  report.resumed = ring->keys.size() > 1 && NotUnder(*counts, newest) > 0;
  if (!report.resumed) {
    if (ring->keys.size() >= KeyRing::kMaxKeys) {
      return Status::Conflict("the key ring is full (" + std::to_string(KeyRing::kMaxKeys) +
                              " keys); run kin admin rotate-key --retire-old first");
    }
    ring->keys.insert(ring->keys.begin(), NewKeyFor(*ring));
    Status s = WriteKeyRing(key_path, *ring);
    if (!s.ok()) return s;
  }
  report.key_id = KeyIdOf(ring->keys.front());
  report.keys_in_ring = ring->keys.size();
  if (box.key_id() != report.key_id) {
    return Status::Internal("the store does not seal with the ring's newest key " + KeyIdHex(report.key_id) +
                            "; was it opened with another key file than " + key_path + "?");
  }

  // Passes over every sealed column, one short transaction per batch. A running server seals with the new key
  // from its next write on; a value it sealed just before noticing lands behind the cursor, so passes repeat
  // until none remains.
  for (int pass = 0;; ++pass) {
    ResealCursor cursor;
    for (bool done = false; !done;) {
      ResealProgress progress;
      Status s = store.Write([&](WriteTx& tx) -> Status {
        Result<ResealProgress> p = tx.ResealValues(cursor, options.batch);
        if (!p.ok()) return p.status();
        progress = *p;
        return Status::Ok();
      });
      if (!s.ok()) return s;
      report.resealed += progress.resealed;
      ++report.batches;
      cursor = progress.next;
      done = progress.done;
      if (options.on_batch) options.on_batch(static_cast<int>(report.resealed));
    }
    counts = CountByKey(store);
    if (!counts.ok()) return counts.status();
    int64_t left = NotUnder(*counts, report.key_id);
    if (left == 0) break;
    if (pass + 1 >= options.max_passes) {
      return Status::Unavailable(std::to_string(left) + " values are still sealed under older keys after " +
                                 std::to_string(options.max_passes) + " passes; run kin admin rotate-key again");
    }
  }

  // Old ciphertext may still sit in the WAL; moving it into the database (where the update overwrote it, and
  // secure_delete zeroes freed pages) and truncating the log leaves none behind. Readers can hold it up briefly.
  for (int i = 0; i < options.checkpoint_attempts && !report.checkpointed; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    report.checkpointed = store.Checkpoint().ok();
  }
  return report;
}

Result<RetireReport> RetireOldKeys(Store& store, const SecretBox& box, const std::string& key_path) {
  Result<KeyRing> ring = ReadKeyRing(key_path);
  if (!ring.ok()) return ring.status();
  RetireReport report;
  report.key_id = KeyIdOf(ring->keys.front());
  if (box.key_id() != report.key_id) {
    return Status::Internal("the store does not seal with the ring's newest key; was it opened with another key "
                            "file than " + key_path + "?");
  }
  Result<std::map<uint32_t, int64_t>> counts = CountByKey(store);
  if (!counts.ok()) return counts.status();
  int64_t left = NotUnder(*counts, report.key_id);
  if (left > 0) {
    return Status::Conflict(std::to_string(left) + (left == 1 ? " value is" : " values are") +
                            " still sealed under an older key; run kin admin rotate-key to finish re-sealing, "
                            "then retire");
  }
  if (ring->keys.size() == 1) return report;
  report.retired = ring->keys.size() - 1;
  ring->keys.resize(1);
  Status s = WriteKeyRing(key_path, *ring);
  if (!s.ok()) return s;
  return report;
}

}  // namespace kin
