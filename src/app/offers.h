// Offers: what members can give, at their own pace; they pause and resume them as life allows.
#ifndef KIN_APP_OFFERS_H_
#define KIN_APP_OFFERS_H_

#include <optional>
#include <string>

#include "app/caller.h"
#include "app/context.h"
#include "core/offer.h"

namespace kin {

struct OfferPatch {
  std::optional<std::string> category;
  std::optional<std::string> description;
  std::optional<Capacity> capacity;
  std::optional<std::vector<std::string>> skills;
  std::optional<std::vector<std::string>> languages;
  std::optional<std::optional<LatLon>> area_center;
  std::optional<double> area_radius_km;
  std::optional<std::string> availability;

  void ApplyTo(OfferDetails& d) const;
};

class Offers {
 public:
  explicit Offers(AppContext& ctx) : ctx_(ctx) {}

  Result<Offer> Create(const Caller& caller, const std::string& hub_slug, const OfferDetails& details);
  Result<Offer> Get(const Caller& caller, const OfferId& id);
  Result<Page<Offer>> List(const Caller& caller, const std::string& hub_slug, const OfferFilter& filter,
                           const PageRequest& page);
  // The member who made the offer may change, pause and resume it; coordinators may pause it too.
  Result<Offer> Update(const Caller& caller, const OfferId& id, const OfferPatch& patch);
  Result<Offer> SetStatus(const Caller& caller, const OfferId& id, OfferStatus status);

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_OFFERS_H_
