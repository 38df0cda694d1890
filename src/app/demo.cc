#include "app/demo.h"

namespace kin {
namespace {

struct DemoNeed {
  const char* category;
  const char* description;
  int quantity;
  Urgency urgency;
  LatLon location;
  const char* place;
};

}  // namespace

Result<DemoSeed> SeedDemo(App& app) {
  DemoSeed seed;
  if (app.hubs.Get(kDemoHubSlug).ok()) return seed;

  HubSettings settings;
  settings.name = "[DEMO] Riverside Mutual Aid";
  settings.description =
      "DEMO DATA: a made-up hub to try kin. Names, needs and phone numbers here are invented.";
  settings.area_center = LatLon{40.4168, -3.7038};
  settings.area_radius_km = 5;
  settings.languages = {"en", "es"};
  settings.time_zone = "Europe/Madrid";
  Result<HubCreated> hub = app.hubs.CreateAsAdmin(kDemoHubSlug, settings);
  if (!hub.ok()) return hub.status();

  struct Person {
    const char* handle;
    const char* name;
    Role role;
  };
  std::vector<Caller> callers;
  for (Person p : {Person{"demo-coordinator", "Demo Coordinator", Role::kCoordinator},
                   Person{"demo-intake", "Demo Intake", Role::kIntake},
                   Person{"demo-helper", "Demo Helper", Role::kMember}}) {
    Result<InviteGrant> invite = app.hubs.InviteAsAdmin(kDemoHubSlug, p.role, 1, 1);
    if (!invite.ok()) return invite.status();
    JoinRequest join{invite->token, p.handle, p.name, kDemoPassword, {"en", "es"}};
    Result<JoinResult> joined = app.accounts.Join(Caller{}, join);
    if (!joined.ok()) return joined.status();
    callers.push_back(Caller{joined->membership.member});
    seed.handles.push_back(p.handle);
  }
  const Caller& intake = callers[1];
  const Caller& helper = callers[2];

  OfferDetails rides;
  rides.category = "rides";
  rides.description = "DEMO: I can drive to appointments on weekday mornings";
  rides.capacity = {3, "ride", CapacityPeriod::kWeek};
  rides.skills = {"car"};
  rides.languages = {"en", "es"};
  rides.area_center = LatLon{40.42, -3.70};
  Result<Offer> offer = app.offers.Create(helper, kDemoHubSlug, rides);
  if (!offer.ok()) return offer.status();
  OfferDetails food = rides;
  food.category = "groceries";
  food.description = "DEMO: I shop for neighbours on Saturdays";
  food.capacity = {4, "delivery", CapacityPeriod::kWeek};
  food.skills = {};
  if (Result<Offer> r = app.offers.Create(helper, kDemoHubSlug, food); !r.ok()) return r.status();

  for (DemoNeed n : {DemoNeed{"groceries", "DEMO: groceries for a family of 4", 4, Urgency::kHigh,
                              {40.4150, -3.7070}, "near the market"},
                     DemoNeed{"rides", "DEMO: a ride to the clinic on Tuesday", 1, Urgency::kNormal,
                              {40.4200, -3.6990}, "Calle Mayor and Calle Toledo"},
                     DemoNeed{"childcare", "DEMO: after-school care twice a week", 2, Urgency::kLow,
                              {40.4100, -3.7100}, "by the river park"}}) {
    NeedDetails d;
    d.category = n.category;
    d.description = n.description;
    d.quantity = n.quantity;
    d.urgency = n.urgency;
    d.location = n.location;
    d.place = n.place;
    d.language = "es";
    d.contact.preferred = ContactMethod::kPhone;
    d.contact.phone = "+34 600 000 000";  // an invented number
    if (Result<NeedView> r = app.needs.Create(intake, kDemoHubSlug, d, /*on_behalf=*/true); !r.ok()) {
      return r.status();
    }
  }
  seed.created = true;
  return seed;
}

}  // namespace kin
