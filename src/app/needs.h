// Needs: asking (as a member, through intake on someone's behalf, or publicly without an account), seeing,
// changing and cancelling them, and expiring the ones whose time has passed.
#ifndef KIN_APP_NEEDS_H_
#define KIN_APP_NEEDS_H_

#include <optional>
#include <string>

#include "app/caller.h"
#include "app/context.h"
#include "core/contact_access.h"
#include "core/match.h"
#include "core/need.h"

namespace kin {

struct NeedPatch {
  std::optional<std::string> category;
  std::optional<std::string> description;
  std::optional<int> quantity;
  std::optional<Urgency> urgency;
  std::optional<std::optional<TimeWindow>> window;
  std::optional<std::string> place;
  std::optional<std::optional<LatLon>> location;
  std::optional<std::string> language;
  std::optional<std::string> accessibility;
  std::optional<Contact> contact;

  void ApplyTo(NeedDetails& d) const;
};

// A need as one caller may see it: contact details and the exact location are removed unless the caller may
// see them (contact_visible).
struct NeedView {
  Need need;
  bool contact_visible = false;
  std::optional<Match> active_match;
};

struct IntakeReceipt {
  NeedView view;
  std::string status_token;  // shown once; lets the person see, change or cancel the need without an account
};

class Needs {
 public:
  explicit Needs(AppContext& ctx) : ctx_(ctx) {}

  // A member asks for themself, or (on_behalf) intake enters a need for someone without an account.
  Result<NeedView> Create(const Caller& caller, const std::string& hub_slug, const NeedDetails& details,
                          bool on_behalf);
  // Anyone asks through the public form; needs the hub's intake to be open.
  Result<IntakeReceipt> SubmitPublic(const std::string& hub_slug, const NeedDetails& details);

  Result<NeedView> Get(const Caller& caller, const NeedId& id);
  // Ok when the caller may list the hub's needs (a member). What List returns does not depend on who asks
  // beyond this, so callers may cache it per hub and filter.
  Status MayList(const Caller& caller, const std::string& hub_slug);
  // Lists never carry contact details, whoever asks.
  Result<Page<Need>> List(const Caller& caller, const std::string& hub_slug, const NeedFilter& filter,
                          const PageRequest& page);
  // The member who asked, intake and coordinators may change or cancel a need that is not closed.
  Result<NeedView> Update(const Caller& caller, const NeedId& id, const NeedPatch& patch);
  Result<NeedView> Cancel(const Caller& caller, const NeedId& id, const std::string& reason);

  // The same through a private status token.
  Result<NeedView> GetByToken(const std::string& token);
  Result<NeedView> UpdateByToken(const std::string& token, const NeedPatch& patch);
  Result<NeedView> CancelByToken(const std::string& token, const std::string& reason);

  // Who read the contact details of a need: the person who asked (signed in, or through the status token) and
  // the hub's coordinators may see it.
  Result<Page<ContactAccess>> AccessLog(const Caller& caller, const NeedId& id, const PageRequest& page);
  Result<Page<ContactAccess>> AccessLogByToken(const std::string& token, const PageRequest& page);
  // Every read of contact details in a hub, for its coordinators.
  Result<Page<ContactAccess>> HubAccessLog(const Caller& caller, const std::string& hub_slug,
                                           const PageRequest& page);

  // Moves open needs whose window has ended to expired; returns how many.
  Result<int> ExpireDue();

  // Redacts the personal data of needs closed longer than their hub's retention period; returns how many.
  Result<int> RedactDue();

 private:
  Result<NeedView> Insert(const std::string& hub_slug, const NeedDetails& details, NeedSource source,
                          const Caller& caller, const std::string& token_hash);
  Result<NeedView> ApplyUpdate(WriteTx& tx, Need need, const NeedPatch& patch, const std::string& actor);
  Result<NeedView> ApplyCancel(WriteTx& tx, Need need, const std::string& reason, const std::string& actor);
  // Records that `caller` was shown the contact details of `need`, unless it is their own.
  Status RecordContactRead(WriteTx& tx, const Caller& caller, const Need& need, const std::string& reason);

  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_NEEDS_H_
