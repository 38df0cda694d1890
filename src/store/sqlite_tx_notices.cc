// Notifications in SQLite, beyond the outbox itself: what the assembly notices and the qualified empty-slot
// alerts read (migration 9 adds nothing here; these read tables of migrations 3 and 5).
#include <string>
#include <utility>

#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {

bool SqliteTx::OutboxHasKey(const std::string& dedupe_key) {
  KIN_PREPARE_OR_FAIL(st, "SELECT 1 FROM outbox WHERE dedupe_key = ?1", false);
  st.BindText(1, dedupe_key);
  int rc = st.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) Fail(Error(conn_.db(), "looking up a queued message failed"));
  return rc == SQLITE_ROW;
}

std::vector<MemberId> SqliteTx::ListElectorate(const ProposalId& proposal) {
  KIN_PREPARE_OR_FAIL(st, "SELECT member FROM proposal_electorate WHERE proposal = ?1 ORDER BY member",
                      std::vector<MemberId>{});
  st.BindText(1, proposal.value);
  return CollectAll<MemberId>(conn_, st, [](const Stmt& s) -> Result<MemberId> { return MemberId{s.Text(0)}; },
                              [this](Status s) { Fail(std::move(s)); });
}

std::vector<Proposal> SqliteTx::ListOpenProposalsClosingBefore(Timestamp by, int limit) {
  // Reads ids, then each proposal through GetProposal so there is one mapping of proposal rows (there are few).
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT id FROM proposals WHERE status = 'open' AND closes_at < ?1 AND " KIN_NOT_COUNCIL " "
                      "ORDER BY closes_at, seq "
                      "LIMIT ?2",
                      std::vector<Proposal>{});
  st.BindInt64(1, by.time_since_epoch().count()).BindInt64(2, limit);
  std::vector<ProposalId> ids = CollectAll<ProposalId>(
      conn_, st, [](const Stmt& s) -> Result<ProposalId> { return ProposalId{s.Text(0)}; },
      [this](Status s) { Fail(std::move(s)); });
  std::vector<Proposal> out;
  for (const ProposalId& id : ids) {
    Result<Proposal> p = GetProposal(id);
    if (!p.ok()) {
      Fail(p.status());
      break;
    }
    out.push_back(std::move(p).value());
  }
  return out;
}

std::vector<std::pair<MemberId, std::string>> SqliteTx::ListConfirmedQualifications(const HubId& hub) {
  using Row = std::pair<MemberId, std::string>;
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT DISTINCT su.member, sl.qualification FROM shift_signups su "
                      "JOIN shift_slots sl ON sl.shift = su.shift AND sl.role = su.role "
                      "WHERE su.hub = ?1 AND sl.qualification != '' ORDER BY su.member",
                      std::vector<Row>{});
  st.BindText(1, hub.value);
  return CollectAll<Row>(conn_, st, [](const Stmt& s) -> Result<Row> { return Row{MemberId{s.Text(0)}, s.Text(1)}; },
                         [this](Status s) { Fail(std::move(s)); });
}

}  // namespace kin::sqlite
