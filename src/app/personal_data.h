// A person's own data: everything kin holds about them as one download, their sign-ins, and deleting their
// account, which removes or anonymises their data everywhere.
#ifndef KIN_APP_PERSONAL_DATA_H_
#define KIN_APP_PERSONAL_DATA_H_

#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/assembly.h"
#include "app/caller.h"
#include "app/context.h"
#include "app/shift_personal_data.h"
#include "core/contact_access.h"
#include "core/credential.h"
#include "core/library.h"
#include "core/stock.h"
#include "core/match.h"
#include "core/need.h"
#include "core/offer.h"
#include "core/preferences.h"

namespace kin {

struct PersonalExport {
  Profile profile;
  std::vector<Session> sessions;   // without their token hashes
  std::vector<Need> needs;         // the ones they asked for, with their own contact details
  std::vector<Offer> offers;
  std::vector<Match> matches;      // as the helper
  std::vector<ContactAccess> reads;  // who read the contact details of their needs
  NotifyChoices notify;             // what they chose to be told about
  ShiftDataExport shifts;            // places, swaps, messages and reminder choices
  std::vector<Proposal> proposals;   // the ones they wrote
  std::vector<DelegateVote> open_ballot_votes;  // how they voted where ballots were not secret
  std::vector<ProposalId> took_part_in;        // every proposal they voted on, secret ballots included
  std::vector<Vouch> vouches;                  // given or received
  std::vector<Delegate> delegate_terms;
  std::vector<Loan> loans;           // what they borrowed or reserved
  std::vector<WaitlistEntry> waiting;  // things they wait for
  std::vector<StockMove> stock_moves;  // what they donated, gave out or counted
};

// A sign-in as its owner sees it: `id` is a short prefix of the stored hash, enough to name it for revocation.
struct SessionInfo {
  std::string id;
  Session session;
};

class PersonalData {
 public:
  explicit PersonalData(AppContext& ctx) : ctx_(ctx) {}

  Result<PersonalExport> Export(const Caller& caller);

  Result<std::vector<SessionInfo>> Sessions(const Caller& caller);
  Status RevokeSession(const Caller& caller, const std::string& id);

  // Needs the account's password. Cancels and redacts the needs they asked for, pauses and empties their offers,
  // hands back the tasks they held (open again for others, with a reason), leaves every hub, replaces their name
  // and handle, and ends every sign-in. The hubs' counts and event log stay, pointing at an anonymous member.
  Status DeleteAccount(const Caller& caller, const std::string& password);

 private:
  AppContext& ctx_;
};

}  // namespace kin

#endif  // KIN_APP_PERSONAL_DATA_H_
