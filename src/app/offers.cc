#include "app/offers.h"

#include "app/access.h"
#include "crypto/tokens.h"

namespace kin {

void OfferPatch::ApplyTo(OfferDetails& d) const {
  if (category) d.category = *category;
  if (description) d.description = *description;
  if (capacity) d.capacity = *capacity;
  if (skills) d.skills = *skills;
  if (languages) d.languages = *languages;
  if (area_center) d.area_center = *area_center;
  if (area_radius_km) d.area_radius_km = *area_radius_km;
  if (availability) d.availability = *availability;
}

namespace {

// Offers show where a helper is roughly, never exactly.
void Approximate(OfferDetails& d) {
  if (d.area_center) d.area_center = kin::Approximate(*d.area_center);
}

Result<Offer> GetVisibleOffer(ReadTx& tx, const Caller& caller, const OfferId& id) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to see offers");
  Result<Offer> offer = tx.GetOffer(id);
  if (!offer.ok() || !tx.GetMembership(offer->hub, *caller.member)) return Status::NotFound("offer not found");
  return offer;
}

}  // namespace

Result<Offer> Offers::Create(const Caller& caller, const std::string& hub_slug, const OfferDetails& details) {
  if (caller.anonymous()) return Status::Unauthenticated("sign in to offer help");
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Offer>(ctx_.store, [&](WriteTx& tx) -> Result<Offer> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    Status s = ValidateOfferDetails(details, access->hub.settings);
    if (!s.ok()) return s;
    Offer offer;
    offer.id = OfferId{RandomId("offer")};
    offer.hub = access->hub.id;
    offer.member = *caller.member;
    offer.details = details;
    Approximate(offer.details);
    offer.created_at = offer.updated_at = now;
    s = tx.InsertOffer(offer);
    if (s.ok()) s = RecordEvent(tx, access->hub.id, now, caller.actor(), "offer.created", offer.id.value,
                                offer.details.category);
    if (!s.ok()) return s;
    return offer;
  });
}

Result<Offer> Offers::Get(const Caller& caller, const OfferId& id) {
  return ReadValue<Offer>(ctx_.store, [&](ReadTx& tx) { return GetVisibleOffer(tx, caller, id); });
}

Result<Page<Offer>> Offers::List(const Caller& caller, const std::string& hub_slug, const OfferFilter& filter,
                                 const PageRequest& page) {
  return ReadValue<Page<Offer>>(ctx_.store, [&](ReadTx& tx) -> Result<Page<Offer>> {
    Result<HubAccess> access = RequireMemberOf(tx, caller, hub_slug);
    if (!access.ok()) return access.status();
    return tx.ListOffers(access->hub.id, filter, page);
  });
}

Result<Offer> Offers::Update(const Caller& caller, const OfferId& id, const OfferPatch& patch) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Offer>(ctx_.store, [&](WriteTx& tx) -> Result<Offer> {
    Result<Offer> offer = GetVisibleOffer(tx, caller, id);
    if (!offer.ok()) return offer.status();
    if (offer->member != *caller.member) return Status::Forbidden("only the member who made this offer may change it");
    Result<Hub> hub = tx.GetHub(offer->hub);
    if (!hub.ok()) return hub.status();
    OfferDetails details = offer->details;
    patch.ApplyTo(details);
    Status s = ValidateOfferDetails(details, hub->settings);
    if (!s.ok()) return s;
    offer->details = std::move(details);
    Approximate(offer->details);
    offer->updated_at = now;
    s = tx.UpdateOffer(*offer);
    if (s.ok()) s = SharedItemChanged(ctx_, tx, "offer", offer->id.value, now);
    if (s.ok()) s = RecordEvent(tx, offer->hub, now, caller.actor(), "offer.updated", offer->id.value);
    if (!s.ok()) return s;
    return *offer;
  });
}

Result<Offer> Offers::SetStatus(const Caller& caller, const OfferId& id, OfferStatus status) {
  Timestamp now = ctx_.clock.Now();
  return WriteValue<Offer>(ctx_.store, [&](WriteTx& tx) -> Result<Offer> {
    Result<Offer> offer = GetVisibleOffer(tx, caller, id);
    if (!offer.ok()) return offer.status();
    if (offer->member != *caller.member) {
      bool coordinator_pausing = status == OfferStatus::kPaused &&
                                 RequireRole(tx, caller, offer->hub, Role::kCoordinator).ok();
      if (!coordinator_pausing) {
        return Status::Forbidden("only the member who made this offer may resume it; coordinators may pause it");
      }
    }
    Status s = CheckOfferTransition(offer->status, status);
    if (!s.ok()) return s;
    offer->status = status;
    offer->updated_at = now;
    s = tx.UpdateOffer(*offer);
    if (s.ok()) s = SharedItemChanged(ctx_, tx, "offer", offer->id.value, now);
    if (s.ok()) s = RecordEvent(tx, offer->hub, now, caller.actor(),
                                status == OfferStatus::kPaused ? "offer.paused" : "offer.resumed", offer->id.value);
    if (!s.ok()) return s;
    return *offer;
  });
}

}  // namespace kin
