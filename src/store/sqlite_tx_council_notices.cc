// Council reminders: which council proposals, hosted here or copied to a member hub here, close soon.
#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {

std::vector<ProposalId> SqliteTx::ListCouncilProposalsClosingBetween(Timestamp now, Timestamp by, int limit,
                                                                     int offset) {
  // Bounded below by now: a member hub's copy stays open until the host's outcome arrives, and one whose outcome
  // is late must not hold a place in every batch.
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT p.id FROM proposals p JOIN council_proposals cp ON cp.proposal = p.id "
                      "WHERE p.status = 'open' AND p.closes_at > ?1 AND p.closes_at <= ?2 "
                      "ORDER BY p.closes_at, p.seq LIMIT ?3 OFFSET ?4",
                      std::vector<ProposalId>{});
  st.BindInt64(1, now.time_since_epoch().count()).BindInt64(2, by.time_since_epoch().count()).BindInt64(3, limit).BindInt64(4, offset);
  return CollectAll<ProposalId>(
      conn_, st, [](const Stmt& row) -> Result<ProposalId> { return ProposalId{row.Text(0)}; },
      [this](Status s) { Fail(std::move(s)); });
}

}  // namespace kin::sqlite
