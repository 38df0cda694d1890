#include "app/sharing.h"

#include <boost/json.hpp>

#include "app/access.h"
#include "federation/shared_item.h"
#include "federation/sharing_codec.h"

namespace kin {
namespace {

namespace fed = kin::federation;
namespace json = boost::json;

// The item as it is published, with its hub. kNotFound for an unknown id or kind.
struct Source {
  Hub hub;
  fed::SharedItem item;
};

Result<Source> LoadSource(ReadTx& tx, const std::string& kind, const std::string& id, bool for_delete) {
  Result<fed::SharedItem> item = Status::NotFound("no such " + kind);
  std::optional<Hub> hub;
  if (kind == "offer") {
    Result<Offer> offer = tx.GetOffer(OfferId{id});
    if (!offer.ok()) return offer.status();
    Result<Hub> h = tx.GetHub(offer->hub);
    if (!h.ok()) return h.status();
    hub = *h;
    Offer o = *offer;
    if (for_delete) o.status = OfferStatus::kActive;  // a Delete needs only the ids, whatever the offer's state
    item = fed::ShareOffer(o, h->settings, {h->settings.share_description});
  } else if (kind == "need") {
    Result<Need> need = tx.GetNeed(NeedId{id});
    if (!need.ok()) return need.status();
    Result<Hub> h = tx.GetHub(need->hub);
    if (!h.ok()) return h.status();
    hub = *h;
    if (for_delete) {
      fed::SharedItem ids;  // a redacted or closed need can still be withdrawn: the Delete carries only ids
      ids.kind = fed::SharedKind::kNeed;
      ids.local_id = id;
      item = ids;
    } else {
      item = fed::ShareNeed(*need, h->settings, {h->settings.share_description});
    }
  } else {
    return Status::NotFound("only offers and needs are shared");
  }
  if (!item.ok()) return item.status();
  return Source{*hub, *item};
}

// An item of a hub the caller is not in is kNotFound, as if it did not exist: a coordinator of another hub on
// this server learns nothing about it. Members who are not coordinators get kForbidden.
Status RequireCoordinatorOf(ReadTx& tx, const Caller& caller, const HubId& hub, const std::string& kind) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to share");
  if (!tx.GetMembership(hub, *caller.member)) return Status::NotFound("no such " + kind);
  Result<Membership> m = RequireRole(tx, caller, hub, Role::kCoordinator);
  return m.ok() ? Status::Ok() : m.status();
}

fed::HubUrls UrlsOf(const Federation& federation, const std::string& slug) {
  std::string actor = federation.HubActorUrl(slug);
  return {actor, actor + "/followers", actor + "/shared"};
}

// Publishes `verb` of the Proposal and of the Note. Each activity gets a fresh id so sharing again after
// unsharing is a new Create, not a replay the followers would drop.
Status PublishBoth(WriteTx& tx, Federation& federation, const Hub& hub, const fed::SharedItem& item,
                   fed::SharingVerb verb, Timestamp now) {
  fed::HubUrls urls = UrlsOf(federation, hub.slug);
  const char* type = verb == fed::SharingVerb::kCreate   ? "Create"
                     : verb == fed::SharingVerb::kUpdate ? "Update"
                                                         : "Delete";
  for (json::object object : {fed::ProposalJson(item, urls), fed::NoteJson(item, urls)}) {
    // The outbox keeps only the object's latest state: an edited or withdrawn text (a phone number taken out, a
    // need redacted) must not stay readable in an older activity.
    Status s = tx.DeleteOutboxActivitiesOf(hub.id, std::string(object["id"].as_string()));
    if (!s.ok()) return s;
    json::object activity = fed::SharingActivityJson(verb, item, urls, object);
    std::string id = federation.NewHubActivityId(hub.slug);
    activity["id"] = id;
    Result<int> queued = federation.Publish(tx, hub, id, type, json::serialize(activity), now);
    if (!queued.ok()) return queued.status();
  }
  return Status::Ok();
}

}  // namespace

Sharing::Sharing(AppContext& ctx, Federation& federation) : ctx_(ctx), federation_(federation) {
  ctx_.shared_item_changed = [this](WriteTx& tx, const std::string& kind, const std::string& id, Timestamp now) {
    return ItemChanged(tx, kind, id, now);
  };
}

Status Sharing::ItemChanged(WriteTx& tx, const std::string& kind, const std::string& id, Timestamp now) {
  // Cheap for the common case (the item is not shared), and never a reason to refuse the change itself beyond a
  // failing store: the change is what the member asked for.
  HubId hub_id;
  if (kind == "offer") {
    Result<Offer> offer = tx.GetOffer(OfferId{id});
    if (!offer.ok()) return offer.status();
    hub_id = offer->hub;
  } else {
    Result<Need> need = tx.GetNeed(NeedId{id});
    if (!need.ok()) return need.status();
    hub_id = need->hub;
  }
  if (!tx.GetSharedRecord(hub_id, kind, id)) return Status::Ok();
  Result<Source> src = LoadSource(tx, kind, id, false);
  if (src.ok()) {
    src->item.updated = now;
    return PublishBoth(tx, federation_, src->hub, src->item, fed::SharingVerb::kUpdate, now);
  }
  if (src.status().kind() != StatusKind::kInvalid) return src.status();
  // Paused, no longer open, or redacted: withdrawn from followers, and no longer shared here either. The Delete
  // carries only ids.
  Result<Hub> hub = tx.GetHub(hub_id);
  if (!hub.ok()) return hub.status();
  fed::SharedItem ids;
  ids.kind = kind == "offer" ? fed::SharedKind::kOffer : fed::SharedKind::kNeed;
  ids.local_id = id;
  Status s = tx.DeleteSharedRecord(hub_id, kind, id);
  if (s.ok()) s = PublishBoth(tx, federation_, *hub, ids, fed::SharingVerb::kDelete, now);
  if (s.ok()) s = RecordEvent(tx, hub_id, now, "system", "federation.unshared", id, kind);
  return s;
}

Result<std::vector<SharedRecord>> Sharing::SharedBy(const Caller& caller, const std::string& slug) {
  return ReadValue<std::vector<SharedRecord>>(ctx_.store, [&](ReadTx& tx) -> Result<std::vector<SharedRecord>> {
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status();
    Result<Membership> m = RequireRole(tx, caller, hub->id, Role::kCoordinator);
    if (!m.ok()) return m.status();
    return tx.ListSharedRecords(hub->id, 1000);
  });
}

Result<std::string> Sharing::PublicObject(const std::string& slug, const std::string& kind_path,
                                          const std::string& id, bool note) {
  const std::string kind = kind_path == "offers" ? "offer" : kind_path == "needs" ? "need" : "";
  if (kind.empty()) return Status::NotFound("only offers and needs are shared");
  return ReadValue<std::string>(ctx_.store, [&](ReadTx& tx) -> Result<std::string> {
    Result<Hub> hub = tx.GetHubBySlug(slug);
    if (!hub.ok()) return hub.status();
    // The same answer for "never shared", "no longer shared" and "no such item": nothing private leaks.
    Status not_shared = Status::NotFound("this hub does not share that " + kind);
    if (!tx.GetSharedRecord(hub->id, kind, id)) return not_shared;
    Result<Source> src = LoadSource(tx, kind, id, false);
    if (!src.ok() || src->hub.id != hub->id) return not_shared;
    fed::HubUrls urls = UrlsOf(federation_, slug);
    return json::serialize(note ? fed::NoteJson(src->item, urls) : fed::ProposalJson(src->item, urls));
  });
}

Result<ShareResult> Sharing::Share(const Caller& caller, const std::string& kind, const std::string& id) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<ShareResult>(ctx_.store, [&](WriteTx& tx) -> Result<ShareResult> {
    Result<Source> src = LoadSource(tx, kind, id, false);
    if (src.status().kind() == StatusKind::kNotFound) return src.status();
    // Role first for everything else, so a member learns nothing about the item's state.
    HubId hub_id;
    if (src.ok()) {
      hub_id = src->hub.id;
    } else {
      Result<Source> ids = LoadSource(tx, kind, id, true);
      if (!ids.ok()) return ids.status();
      hub_id = ids->hub.id;
    }
    Status allowed = RequireCoordinatorOf(tx, caller, hub_id, kind);
    if (!allowed.ok()) return allowed;
    if (!src.ok()) return src.status();
    if (std::optional<SharedRecord> existing = tx.GetSharedRecord(hub_id, kind, id)) {
      return ShareResult{*existing, false};
    }
    SharedRecord record{hub_id, kind, id, fed::ProposalId(src->item, UrlsOf(federation_, src->hub.slug)),
                        caller.actor(), now};
    Status s = tx.InsertSharedRecord(record);
    if (s.ok()) s = PublishBoth(tx, federation_, src->hub, src->item, fed::SharingVerb::kCreate, now);
    if (s.ok()) s = RecordEvent(tx, hub_id, now, caller.actor(), "federation.shared", id, kind);
    if (!s.ok()) return s;
    return ShareResult{record, true};
  });
}

Status Sharing::Unshare(const Caller& caller, const std::string& kind, const std::string& id) {
  Timestamp now = ctx_.clock.Now();
  return ctx_.store.Write([&](WriteTx& tx) -> Status {
    Result<Source> src = LoadSource(tx, kind, id, true);
    if (!src.ok()) return src.status();
    Status s = RequireCoordinatorOf(tx, caller, src->hub.id, kind);
    if (s.ok()) s = tx.DeleteSharedRecord(src->hub.id, kind, id);
    if (s.ok()) s = PublishBoth(tx, federation_, src->hub, src->item, fed::SharingVerb::kDelete, now);
    if (s.ok()) s = RecordEvent(tx, src->hub.id, now, caller.actor(), "federation.unshared", id, kind);
    return s;
  });
}

}  // namespace kin
