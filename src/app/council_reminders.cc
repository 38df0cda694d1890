// Councils: the "closes soon" reminder to the delegates of local hubs that have not cast their hub's ballot. The
// opening and outcome messages are queued where the proposal opens or closes on each hub (councils.cc,
// council_inbox.cc); this one needs a clock, so the sweeper queues it.
#include <algorithm>

#include "app/assembly_notify.h"
#include "app/councils.h"
#include "core/proposal_notice.h"

namespace kin {

Result<int> Councils::RemindClosing(int batch) {
  Timestamp now = ctx_.clock.Now();
  int queued = 0;
  // Every proposal in the window, a batch per transaction: proposals reminded already stay in the window until
  // they close, and must not keep later ones out of a fixed-size batch.
  for (int offset = 0;; offset += batch) {
    int listed = 0;
    Status s = ctx_.store.Write([&](WriteTx& tx) -> Status {
      std::vector<ProposalId> ids = tx.ListCouncilProposalsClosingBetween(now, now + kClosingSoonLead, batch, offset);
      listed = static_cast<int>(ids.size());
      for (const ProposalId& id : ids) {
        Result<Proposal> p = tx.GetProposal(id);
        if (!p.ok()) return p.status();
        std::optional<std::pair<CouncilId, std::string>> link = tx.GetCouncilOfProposal(id);
        if (!link) continue;
        Result<Council> c = tx.GetCouncil(link->first);
        if (!c.ok()) return c.status();
        // A hub holds a copy only of proposals whose frozen electorate holds it, and keeps its place there after
        // leaving, removal or a new invitation (docs/assemblies.md, "Leaving and removal"): its delegates are
        // reminded whatever its standing now.
        // This hub's own ballot is the one stored with a local delegate's id (received ballots carry none), which
        // needs no public URL: `kin notify sweep` runs without federation configured.
        std::vector<CouncilVote> votes = tx.ListCouncilVotes(id);
        bool voted = std::any_of(votes.begin(), votes.end(), [](const CouncilVote& v) { return !v.delegate.empty(); });
        Status q = QueueCouncilProposalClosingSoon(tx, *p, c->name, voted, now, &queued);
        if (!q.ok()) return q;
      }
      return Status::Ok();
    });
    if (!s.ok()) return s;
    if (listed < batch) return queued;
  }
}

}  // namespace kin
