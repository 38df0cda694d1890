// Federation: the persistent delivery queue. Rows are claimed (their next attempt pushed past the longest a send
// can take) before sending, so a crash or restart retries them later instead of losing them; each is signed by
// its hub's (or the instance's) key at send time. Deliveries to one inbox go in the order they were queued: the
// store lists runs of one inbox each (ListDueDeliveries), and a pool of threads takes runs one by one, sending a
// run's rows in order and stopping at the first that must be tried again, so a slow or dead peer holds one thread
// for at most the client's timeout while the others carry on.
#include <algorithm>
#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "app/federation.h"
#include "federation/http_signature.h"
#include "federation/signed_request.h"

namespace kin {

namespace fed = kin::federation;

namespace {

// Longer than any one send (curl_http_client.h caps it at 15 s by default).
constexpr Seconds kClaim = Seconds(120);
// How long a finished delivery keeps its body.
constexpr Seconds kFinishedBodyKept = Seconds(7 * 24 * 3600);

std::string Truncated(std::string s) {
  if (s.size() > 500) s.resize(500);
  return s;
}

}  // namespace

Status Federation::Enqueue(WriteTx& tx, const std::string& signer, const std::string& activity_id,
                           const std::string& body, const std::string& inbox, Timestamp now) {
  Delivery d;
  d.activity_id = activity_id;
  d.inbox = inbox;
  d.body = body;
  d.signer = signer;
  d.created_at = now;
  d.next_attempt_at = now;
  Result<int64_t> seq = tx.InsertDelivery(d);
  // The same activity queued twice for one inbox (a shared inbox of two followers) goes once.
  if (!seq.ok() && seq.status().kind() != StatusKind::kConflict) return seq.status();
  return Status::Ok();
}

Result<int> Federation::Publish(WriteTx& tx, const Hub& hub, const std::string& activity_id, const std::string& type,
                                const std::string& body, Timestamp now) {
  Status s = tx.InsertOutboxActivity({hub.id, activity_id, type, body, true, now});
  if (!s.ok()) return s;
  std::set<std::string> inboxes;
  for (const HubFollow& f : tx.ListHubFollows(hub.id)) {
    if (f.direction != FollowDirection::kFollower || f.state != FollowState::kAccepted) continue;
    std::optional<RemoteActor> actor = tx.GetRemoteActor(f.remote_actor);
    if (!actor) continue;  // never fetched (cannot happen for a follower whose Follow was verified)
    inboxes.insert(actor->shared_inbox.empty() ? actor->inbox : actor->shared_inbox);
  }
  for (const std::string& inbox : inboxes) {
    s = Enqueue(tx, hub.id.value, activity_id, body, inbox, now);
    if (!s.ok()) return s;
  }
  return static_cast<int>(inboxes.size());
}

Result<std::vector<Delivery>> Federation::DeliveriesOf(const std::string& activity_id) {
  return ReadValue<std::vector<Delivery>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<Delivery>> {
    return tx.ListDeliveriesOf(activity_id);
  });
}

Result<int> Federation::ForgetDeliveredBodies() {
  const Timestamp before = ctx_.clock.Now() - kFinishedBodyKept;
  return WriteValue<int>(ctx_.store, [&](WriteTx& tx) { return tx.ForgetDeliveryBodies(before); });
}

Result<std::vector<DeliveryQueueLine>> Federation::DeliveryQueue(int days) {
  const Timestamp since = ctx_.clock.Now() - Seconds(static_cast<int64_t>(days) * 24 * 3600);
  return ReadValue<std::vector<DeliveryQueueLine>>(
      ctx_.store, [&](ReadTx& tx) -> Result<std::vector<DeliveryQueueLine>> { return tx.SummarizeDeliveries(since); });
}

Result<int> Federation::DeliverDue(int limit) {
  Timestamp now = ctx_.clock.Now();
  std::vector<Delivery> due;
  std::map<std::string, std::string> key_ids;  // signer -> key id
  // Most ticks find nothing due: look before taking the writer.
  bool any = false;
  Status s = ctx_.store.Read([&](ReadTx& tx) {
    any = !tx.ListDueDeliveries(now, 1).empty();
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (!any) return 0;
  s = ctx_.store.Write([&](WriteTx& tx) -> Status {
    due = tx.ListDueDeliveries(now, limit);
    for (Delivery& d : due) {
      if (!key_ids.count(d.signer)) {
        if (d.signer == kInstanceKeyOwner) {
          key_ids[d.signer] = KeyIdOf(InstanceActorUrl());
        } else {
          Result<Hub> hub = tx.GetHub(HubId{d.signer});
          key_ids[d.signer] = hub.ok() ? KeyIdOf(HubActorUrl(hub->slug)) : "";
        }
      }
      Delivery claimed = d;
      claimed.next_attempt_at = now + kClaim;
      Status u = tx.UpdateDelivery(claimed);
      if (!u.ok()) return u;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  if (due.empty()) return 0;

  std::mutex keys_mu;
  std::map<std::string, std::shared_ptr<fed::RsaPrivateKey>> keys;
  auto key_for = [&](const std::string& signer) -> Result<std::shared_ptr<fed::RsaPrivateKey>> {
    {
      std::lock_guard lock(keys_mu);
      auto it = keys.find(signer);
      if (it != keys.end()) return it->second;
    }
    Result<FederationKey> k = KeyOf(signer);
    if (!k.ok()) return k.status();
    Result<fed::RsaPrivateKey> pk = fed::RsaPrivateKey::FromPem(k->private_pem);
    if (!pk.ok()) return pk.status();
    auto shared = std::make_shared<fed::RsaPrivateKey>(std::move(*pk));
    std::lock_guard lock(keys_mu);
    keys[signer] = shared;
    return shared;
  };

  // Outcome per row, filled by the threads; a row left unattempted (behind one to be tried again) keeps its state.
  std::vector<fed::AttemptOutcome> outcomes(due.size(), fed::AttemptOutcome::kRetry);
  std::vector<std::string> errors(due.size());
  std::vector<char> attempted(due.size(), 0);
  auto attempt = [&](size_t i) {
    const Delivery& d = due[i];
    attempted[i] = 1;
    if (!config_.http) {
      errors[i] = "this server has no outbound HTTP configured";
      return;
    }
    const std::string& key_id = key_ids.at(d.signer);  // filled for every signer above; read-only here
    if (key_id.empty()) {
      outcomes[i] = fed::AttemptOutcome::kPermanent;
      errors[i] = "the signing hub no longer exists";
      return;
    }
    Result<std::shared_ptr<fed::RsaPrivateKey>> key = key_for(d.signer);
    if (!key.ok()) {
      errors[i] = key.status().message();
      return;
    }
    Result<fed::OutboundRequest> request = fed::SignedPost(d.inbox, d.body, key_id, **key, ctx_.clock.Now());
    if (!request.ok()) {
      outcomes[i] = fed::AttemptOutcome::kPermanent;
      errors[i] = request.status().message();
      return;
    }
    Result<fed::InboundResponse> response = config_.http->Send(*request);
    if (!response.ok()) {
      errors[i] = response.status().message();
      return;
    }
    outcomes[i] = fed::ClassifyHttpStatus(response->status);
    if (outcomes[i] != fed::AttemptOutcome::kDelivered) {
      errors[i] = "HTTP " + std::to_string(response->status) + ": " + Truncated(response->body);
    }
  };
  // Runs: consecutive rows to one inbox, as the store lists them.
  std::vector<std::pair<size_t, size_t>> runs;
  for (size_t i = 0; i < due.size(); ++i) {
    if (runs.empty() || due[i].inbox != due[runs.back().first].inbox) runs.emplace_back(i, i);
    runs.back().second = i + 1;
  }
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t r = next++; r < runs.size(); r = next++) {
      for (size_t i = runs[r].first; i < runs[r].second; ++i) {
        attempt(i);
        // Delivered or given up, the next may go; one to be tried again keeps those behind it waiting.
        if (outcomes[i] == fed::AttemptOutcome::kRetry) break;
      }
    }
  };
  size_t threads = std::min<size_t>(runs.size(), static_cast<size_t>(std::max(1, config_.delivery_threads)));
  std::vector<std::thread> pool;
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();

  Timestamp done = ctx_.clock.Now();
  s = ctx_.store.Write([&](WriteTx& tx) -> Status {
    // Rows not attempted first, released as they were before the claim: each goes as soon as the row ahead of it is
    // delivered or given up (or is given up with it, below).
    for (size_t i = 0; i < due.size(); ++i) {
      if (attempted[i]) continue;
      Status u = tx.UpdateDelivery(due[i]);
      if (!u.ok()) return u;
    }
    for (size_t i = 0; i < due.size(); ++i) {
      if (!attempted[i]) continue;
      Delivery d = due[i];
      d.attempts += 1;
      d.last_error = errors[i];
      switch (outcomes[i]) {
        case fed::AttemptOutcome::kDelivered:
          d.delivered_at = done;
          d.last_error.clear();
          break;
        case fed::AttemptOutcome::kPermanent:
          d.gave_up_at = done;
          break;
        case fed::AttemptOutcome::kRetry: {
          std::optional<Timestamp> again = fed::NextAttempt(config_.delivery, d.attempts, d.created_at, done);
          if (again) {
            d.next_attempt_at = *again;
            break;
          }
          d.gave_up_at = done;
          // The inbox failed for as long as we try: what waited behind this row and is as old goes with it.
          Result<int> behind =
              tx.GiveUpDeliveriesBehind(d.inbox, d.seq, fed::GiveUpBehindQueuedBefore(config_.delivery, done), done,
                                        "not tried: the delivery ahead of it to this inbox was given up (" +
                                            d.last_error + ")");
          if (!behind.ok()) return behind.status();
          break;
        }
      }
      Status u = tx.UpdateDelivery(d);
      if (!u.ok()) return u;
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  return static_cast<int>(std::count(attempted.begin(), attempted.end(), 1));
}

}  // namespace kin
