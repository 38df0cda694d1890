// Councils of hubs: councils, the hubs a host invited, council proposals' links, frozen electorates and per-hub
// ballots (migration 12). The proposals themselves are rows of `proposals` (sqlite_tx_govern.cc).
#include <string>
#include <utility>

#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

int64_t Secs(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp FromSecs(int64_t s) { return Timestamp{Seconds{s}}; }

std::string EncodeInts(const std::vector<int>& values) {
  std::vector<std::string> items;
  for (int v : values) items.push_back(std::to_string(v));
  return EncodeList(items);
}

Result<std::vector<int>> DecodeInts(std::string_view text) {
  Result<std::vector<std::string>> items = DecodeList(text);
  if (!items.ok()) return items.status();
  std::vector<int> out;
  for (const std::string& item : *items) {
    try {
      size_t used = 0;
      out.push_back(std::stoi(item, &used));
      if (used != item.size()) return Status::Internal("stored council ballot is corrupt");
    } catch (const std::exception&) {
      return Status::Internal("stored council ballot is corrupt");
    }
  }
  return out;
}

#define KIN_COUNCIL_COLUMNS \
  "id, hub, url, name, host_actor, host_inbox, standing, joined_by, created_at, updated_at"

Result<Council> ReadCouncil(const Stmt& st) {
  Council c;
  c.id = CouncilId{st.Text(0)};
  c.hub = HubId{st.Text(1)};
  c.url = st.Text(2);
  c.name = st.Text(3);
  c.host_actor = st.Text(4);
  c.host_inbox = st.Text(5);
  std::optional<CouncilStanding> standing = ParseCouncilStanding(st.Text(6));
  if (!standing) return Status::Internal("stored council standing is corrupt");
  c.standing = *standing;
  c.joined_by = st.Text(7);
  c.created_at = FromSecs(st.Int64(8));
  c.updated_at = FromSecs(st.Int64(9));
  return c;
}

Result<CouncilMember> ReadMember(const Stmt& st) {
  CouncilMember m;
  m.council = CouncilId{st.Text(0)};
  m.actor = st.Text(1);
  m.inbox = st.Text(2);
  m.name = st.Text(3);
  std::optional<CouncilMemberState> state = ParseCouncilMemberState(st.Text(4));
  if (!state) return Status::Internal("stored council member state is corrupt");
  m.state = *state;
  m.invited_at = FromSecs(st.Int64(5));
  if (!st.IsNull(6)) m.answered_at = FromSecs(st.Int64(6));
  return m;
}

#define KIN_VOTE_COLUMNS \
  "proposal, hub_actor, hub_name, delegate_name, delegate, position, reason, approve, ranking, scores, dots, cast_at"

Result<CouncilVote> ReadVote(const Stmt& st) {
  CouncilVote v;
  v.proposal = ProposalId{st.Text(0)};
  v.hub_actor = st.Text(1);
  v.hub_name = st.Text(2);
  v.delegate_name = st.Text(3);
  v.delegate = st.Text(4);
  v.ballot.position = st.Text(5);
  v.ballot.reason = st.Text(6);
  Result<std::vector<int>> approve = DecodeInts(st.Text(7));
  Result<std::vector<int>> ranking = DecodeInts(st.Text(8));
  Result<std::vector<int>> scores = DecodeInts(st.Text(9));
  Result<std::vector<int>> dots = DecodeInts(st.Text(10));
  if (!approve.ok() || !ranking.ok() || !scores.ok() || !dots.ok()) {
    return Status::Internal("stored council ballot is corrupt");
  }
  v.ballot.approve = *approve;
  v.ballot.ranking = *ranking;
  v.ballot.scores = *scores;
  v.ballot.dots = *dots;
  v.cast_at = FromSecs(st.Int64(11));
  return v;
}

}  // namespace

Result<Council> SqliteTx::GetCouncil(const CouncilId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_COUNCIL_COLUMNS " FROM councils WHERE id = ?1");
  st.BindText(1, id.value);
  return One<Council>(conn_, st, ReadCouncil, "council not found");
}

std::optional<Council> SqliteTx::GetCouncilByUrl(const HubId& hub, const std::string& url) {
  KIN_PREPARE_OR_FAIL(st, "SELECT " KIN_COUNCIL_COLUMNS " FROM councils WHERE hub = ?1 AND url = ?2", std::nullopt);
  st.BindText(1, hub.value).BindText(2, url);
  Result<Council> c = One<Council>(conn_, st, ReadCouncil, "council not found");
  if (c.status().kind() == StatusKind::kNotFound) return std::nullopt;
  if (!c.ok()) {
    Fail(c.status());
    return std::nullopt;
  }
  return *c;
}

std::vector<Council> SqliteTx::ListCouncilsByUrl(const std::string& url) {
  KIN_PREPARE_OR_FAIL(st, "SELECT " KIN_COUNCIL_COLUMNS " FROM councils WHERE url = ?1 ORDER BY seq",
                      std::vector<Council>{});
  st.BindText(1, url);
  return CollectAll<Council>(conn_, st, ReadCouncil, [this](Status s) { Fail(std::move(s)); });
}

std::vector<Council> SqliteTx::ListCouncils(const HubId& hub) {
  // Invitations after the councils the hub takes part in: however many strangers invite it, its own stay listed.
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_COUNCIL_COLUMNS " FROM councils WHERE hub = ?1 "
                      "ORDER BY standing NOT IN ('host', 'member', 'left', 'removed'), seq DESC LIMIT 500",
                      std::vector<Council>{});
  st.BindText(1, hub.value);
  return CollectAll<Council>(conn_, st, ReadCouncil, [this](Status s) { Fail(std::move(s)); });
}

int64_t SqliteTx::CountPendingCouncilInvitations(const HubId& hub, const std::string& host_actor) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT count(*) FROM councils WHERE hub = ?1 AND standing = 'invited' "
                      "AND (?2 = '' OR host_actor = ?2)",
                      0);
  st.BindText(1, hub.value).BindText(2, host_actor);
  if (st.Step() != SQLITE_ROW) {
    Fail(Error(conn_.db(), "counting council invitations"));
    return 0;
  }
  return st.Int64(0);
}

std::optional<CouncilMember> SqliteTx::GetCouncilMember(const CouncilId& council, const std::string& actor) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT council, actor, inbox, name, state, invited_at, answered_at FROM council_members "
                      "WHERE council = ?1 AND actor = ?2",
                      std::nullopt);
  st.BindText(1, council.value).BindText(2, actor);
  Result<CouncilMember> m = One<CouncilMember>(conn_, st, ReadMember, "not invited");
  if (m.status().kind() == StatusKind::kNotFound) return std::nullopt;
  if (!m.ok()) {
    Fail(m.status());
    return std::nullopt;
  }
  return *m;
}

std::vector<CouncilMember> SqliteTx::ListCouncilMembers(const CouncilId& council) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT council, actor, inbox, name, state, invited_at, answered_at FROM council_members "
                      "WHERE council = ?1 ORDER BY invited_at, actor",
                      std::vector<CouncilMember>{});
  st.BindText(1, council.value);
  return CollectAll<CouncilMember>(conn_, st, ReadMember, [this](Status s) { Fail(std::move(s)); });
}

std::optional<std::pair<CouncilId, std::string>> SqliteTx::GetCouncilOfProposal(const ProposalId& proposal) {
  KIN_PREPARE_OR_FAIL(st, "SELECT council, url FROM council_proposals WHERE proposal = ?1", std::nullopt);
  st.BindText(1, proposal.value);
  int rc = st.Step();
  if (rc == SQLITE_ROW) return std::make_pair(CouncilId{st.Text(0)}, st.Text(1));
  if (rc != SQLITE_DONE) Fail(Error(conn_.db(), "reading a council proposal"));
  return std::nullopt;
}

std::optional<ProposalId> SqliteTx::GetCouncilProposalByUrl(const CouncilId& council, const std::string& url) {
  KIN_PREPARE_OR_FAIL(st, "SELECT proposal FROM council_proposals WHERE council = ?1 AND url = ?2", std::nullopt);
  st.BindText(1, council.value).BindText(2, url);
  int rc = st.Step();
  if (rc == SQLITE_ROW) return ProposalId{st.Text(0)};
  if (rc != SQLITE_DONE) Fail(Error(conn_.db(), "reading a council proposal"));
  return std::nullopt;
}

std::vector<ProposalId> SqliteTx::ListCouncilProposals(const CouncilId& council) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT c.proposal FROM council_proposals c JOIN proposals p ON p.id = c.proposal "
                      "WHERE c.council = ?1 ORDER BY p.seq DESC LIMIT 500",
                      std::vector<ProposalId>{});
  st.BindText(1, council.value);
  return CollectAll<ProposalId>(
      conn_, st, [](const Stmt& row) -> Result<ProposalId> { return ProposalId{row.Text(0)}; },
      [this](Status s) { Fail(std::move(s)); });
}

bool SqliteTx::InCouncilElectorate(const ProposalId& proposal, const std::string& actor) {
  KIN_PREPARE_OR_FAIL(st, "SELECT 1 FROM council_electorate WHERE proposal = ?1 AND actor = ?2", false);
  st.BindText(1, proposal.value).BindText(2, actor);
  return st.Step() == SQLITE_ROW;
}

std::vector<CouncilVote> SqliteTx::ListCouncilVotes(const ProposalId& proposal) {
  KIN_PREPARE_OR_FAIL(st, "SELECT " KIN_VOTE_COLUMNS " FROM council_votes WHERE proposal = ?1 ORDER BY hub_actor",
                      std::vector<CouncilVote>{});
  st.BindText(1, proposal.value);
  return CollectAll<CouncilVote>(conn_, st, ReadVote, [this](Status s) { Fail(std::move(s)); });
}

std::vector<CouncilVote> SqliteTx::ListCouncilVotesOfDelegate(const DelegateId& delegate) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT v.proposal, v.hub_actor, v.hub_name, v.delegate_name, v.delegate, v.position, "
                      "v.reason, v.approve, v.ranking, v.scores, v.dots, v.cast_at FROM council_votes v "
                      "JOIN proposals p ON p.id = v.proposal WHERE v.delegate = ?1 ORDER BY p.seq DESC LIMIT 500",
                      std::vector<CouncilVote>{});
  st.BindText(1, delegate.value);
  return CollectAll<CouncilVote>(conn_, st, ReadVote, [this](Status s) { Fail(std::move(s)); });
}

std::vector<ProposalId> SqliteTx::ListCouncilProposalsDue(Timestamp now, int limit) {
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT p.id FROM proposals p JOIN council_proposals cp ON cp.proposal = p.id "
                      "JOIN councils c ON c.id = cp.council WHERE c.standing = 'host' AND p.status = 'open' "
                      "AND p.closes_at <= ?1 ORDER BY p.closes_at LIMIT ?2",
                      std::vector<ProposalId>{});
  st.BindInt64(1, Secs(now)).BindInt64(2, limit);
  return CollectAll<ProposalId>(
      conn_, st, [](const Stmt& row) -> Result<ProposalId> { return ProposalId{row.Text(0)}; },
      [this](Status s) { Fail(std::move(s)); });
}

Status SqliteTx::InsertCouncil(const Council& c) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO councils (" KIN_COUNCIL_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
  st.BindText(1, c.id.value)
      .BindText(2, c.hub.value)
      .BindText(3, c.url)
      .BindText(4, c.name)
      .BindText(5, c.host_actor)
      .BindText(6, c.host_inbox)
      .BindText(7, CouncilStandingName(c.standing))
      .BindText(8, c.joined_by)
      .BindInt64(9, Secs(c.created_at))
      .BindInt64(10, Secs(c.updated_at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"councils.hub, councils.url", "the hub already knows this council"}, {"councils.id", "duplicate council id"}},
                     "the hub does not exist");
}

Status SqliteTx::UpdateCouncil(const Council& c) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE councils SET name = ?2, host_inbox = ?3, standing = ?4, joined_by = ?5, "
                        "updated_at = ?6 WHERE id = ?1");
  st.BindText(1, c.id.value)
      .BindText(2, c.name)
      .BindText(3, c.host_inbox)
      .BindText(4, CouncilStandingName(c.standing))
      .BindText(5, c.joined_by)
      .BindInt64(6, Secs(c.updated_at));
  return Update(st, {}, "council not found");
}

Status SqliteTx::PutCouncilMember(const CouncilMember& m) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT OR REPLACE INTO council_members (council, actor, inbox, name, state, invited_at, "
                        "answered_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  st.BindText(1, m.council.value)
      .BindText(2, m.actor)
      .BindText(3, m.inbox)
      .BindText(4, m.name)
      .BindText(5, CouncilMemberStateName(m.state))
      .BindInt64(6, Secs(m.invited_at));
  if (m.answered_at) {
    st.BindInt64(7, Secs(*m.answered_at));
  } else {
    st.BindNull(7);
  }
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "the council does not exist");
}

Status SqliteTx::LinkCouncilProposal(const ProposalId& proposal, const CouncilId& council, const std::string& url) {
  KIN_PREPARE_OR_RETURN(st, conn_, "INSERT INTO council_proposals (proposal, council, url) VALUES (?1, ?2, ?3)");
  st.BindText(1, proposal.value).BindText(2, council.value).BindText(3, url);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"council_proposals.council, council_proposals.url", "the council already has this proposal"}},
                     "the proposal or council does not exist");
}

Status SqliteTx::AddToCouncilElectorate(const ProposalId& proposal, const std::string& actor) {
  KIN_PREPARE_OR_RETURN(st, conn_, "INSERT OR IGNORE INTO council_electorate (proposal, actor) VALUES (?1, ?2)");
  st.BindText(1, proposal.value).BindText(2, actor);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "the proposal does not exist");
}

Status SqliteTx::InsertCouncilVote(const CouncilVote& v) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO council_votes (" KIN_VOTE_COLUMNS ") "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)");
  st.BindText(1, v.proposal.value)
      .BindText(2, v.hub_actor)
      .BindText(3, v.hub_name)
      .BindText(4, v.delegate_name)
      .BindText(5, v.delegate)
      .BindText(6, v.ballot.position)
      .BindText(7, v.ballot.reason)
      .BindText(8, EncodeInts(v.ballot.approve))
      .BindText(9, EncodeInts(v.ballot.ranking))
      .BindText(10, EncodeInts(v.ballot.scores))
      .BindText(11, EncodeInts(v.ballot.dots))
      .BindInt64(12, Secs(v.cast_at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"council_votes.proposal, council_votes.hub_actor", "this hub has already voted on the proposal"}},
                     "the proposal does not exist");
}

Status SqliteTx::ReplaceCouncilVotes(const ProposalId& proposal, const std::vector<CouncilVote>& votes) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM council_votes WHERE proposal = ?1");
  st.BindText(1, proposal.value);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "replacing council ballots");
  for (CouncilVote v : votes) {
    v.proposal = proposal;
    Status s = InsertCouncilVote(v);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace kin::sqlite
