// Assemblies in SQLite: proposals, the frozen electorate, participation and ballots.
//
// Anonymity is held by the schema (migration 3): proposal_ballots has no voter column, no time and no rowid, and
// its key is a fresh random id, so neither its columns nor its storage order link a ballot to a row of
// proposal_participation (which has no time and no order of its own either).
#include <string>

#include "store/sqlite_codec.h"
#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

int64_t Secs(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp FromSecs(int64_t s) { return Timestamp{Seconds{s}}; }

std::string EncodeInts(const std::vector<int>& values) {
  std::vector<std::string> items;
  items.reserve(values.size());
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
      if (used != item.size()) return Status::Internal("stored number list is corrupt");
    } catch (const std::exception&) {
      return Status::Internal("stored number list is corrupt");
    }
  }
  return out;
}

// The outcome as nested length-prefixed lists; the first element is the format version.
std::string EncodeOutcome(const Outcome& o) {
  std::vector<std::string> totals;
  for (const OutcomeTotal& t : o.totals) {
    totals.push_back(t.label);
    totals.push_back(t.value);
  }
  std::vector<std::string> rounds;
  for (const OutcomeRound& r : o.rounds) {
    rounds.push_back(EncodeList({std::to_string(r.round), r.threshold, EncodeList(r.votes), EncodeInts(r.elected),
                                 EncodeInts(r.eliminated), r.inactive, EncodeList(r.notes)}));
  }
  return EncodeList({"1", std::to_string(o.electorate), std::to_string(o.participants),
                     std::to_string(o.quorum_required), o.quorum_reached ? "1" : "0", o.passes ? "1" : "0",
                     EncodeInts(o.winners), EncodeInts(o.ranking), EncodeList(totals), EncodeList(rounds),
                     EncodeList(o.notes), EncodeList(o.objections), EncodeList(o.blocks)});
}

Result<Outcome> DecodeOutcome(std::string_view text) {
  Status corrupt = Status::Internal("stored outcome is corrupt");
  Result<std::vector<std::string>> f = DecodeList(text);
  if (!f.ok() || f->size() != 13 || (*f)[0] != "1") return corrupt;
  Outcome o;
  try {
    o.electorate = std::stoi((*f)[1]);
    o.participants = std::stoi((*f)[2]);
    o.quorum_required = std::stoi((*f)[3]);
  } catch (const std::exception&) {
    return corrupt;
  }
  o.quorum_reached = (*f)[4] == "1";
  o.passes = (*f)[5] == "1";
  Result<std::vector<int>> winners = DecodeInts((*f)[6]);
  Result<std::vector<int>> ranking = DecodeInts((*f)[7]);
  Result<std::vector<std::string>> totals = DecodeList((*f)[8]);
  Result<std::vector<std::string>> rounds = DecodeList((*f)[9]);
  Result<std::vector<std::string>> notes = DecodeList((*f)[10]);
  Result<std::vector<std::string>> objections = DecodeList((*f)[11]);
  Result<std::vector<std::string>> blocks = DecodeList((*f)[12]);
  if (!winners.ok() || !ranking.ok() || !totals.ok() || !rounds.ok() || !notes.ok() || !objections.ok() ||
      !blocks.ok() || totals->size() % 2 != 0) {
    return corrupt;
  }
  o.winners = *winners;
  o.ranking = *ranking;
  for (size_t i = 0; i < totals->size(); i += 2) o.totals.push_back({(*totals)[i], (*totals)[i + 1]});
  for (const std::string& encoded : *rounds) {
    Result<std::vector<std::string>> r = DecodeList(encoded);
    if (!r.ok() || r->size() != 7) return corrupt;
    OutcomeRound round;
    try {
      round.round = std::stoi((*r)[0]);
    } catch (const std::exception&) {
      return corrupt;
    }
    round.threshold = (*r)[1];
    Result<std::vector<std::string>> votes = DecodeList((*r)[2]);
    Result<std::vector<int>> elected = DecodeInts((*r)[3]);
    Result<std::vector<int>> eliminated = DecodeInts((*r)[4]);
    Result<std::vector<std::string>> round_notes = DecodeList((*r)[6]);
    if (!votes.ok() || !elected.ok() || !eliminated.ok() || !round_notes.ok()) return corrupt;
    round.votes = *votes;
    round.elected = *elected;
    round.eliminated = *eliminated;
    round.inactive = (*r)[5];
    round.notes = *round_notes;
    o.rounds.push_back(std::move(round));
  }
  o.notes = *notes;
  o.objections = *objections;
  o.blocks = *blocks;
  return o;
}

#define KIN_PROPOSAL_COLUMNS                                                                                     \
  "seq, id, hub, author, title, text, method, options, seats, majority, max_score, dots, electorate, "      \
  "electorate_role, opens_at, closes_at, quorum_count, quorum_percent, visibility, anonymous, review_at, "  \
  "status, electorate_size, ballots_cast, created_at, updated_at, opened_at, closed_at, outcome, kind, "      \
  "candidates, mandate, recall_delegate"

std::optional<Timestamp> OptionalTime(const Stmt& st, int col) {
  if (st.IsNull(col)) return std::nullopt;
  return FromSecs(st.Int64(col));
}

Result<Proposal> ReadProposal(const Stmt& st) {
  Status corrupt = Status::Internal("stored proposal is corrupt");
  Proposal p;
  p.id = ProposalId{st.Text(1)};
  p.hub = HubId{st.Text(2)};
  p.author = MemberId{st.Text(3)};
  ProposalDetails& d = p.details;
  d.title = st.Text(4);
  d.text = st.Text(5);
  std::optional<CountingMethod> method = ParseCountingMethod(st.Text(6));
  Result<std::vector<std::string>> options = DecodeList(st.Text(7));
  std::optional<MajorityRule> majority = ParseMajorityRule(st.Text(9));
  std::optional<ElectorateKind> electorate = ParseElectorateKind(st.Text(12));
  std::optional<ResultsVisibility> visibility = ParseResultsVisibility(st.Text(18));
  std::optional<ProposalStatus> status = ParseProposalStatus(st.Text(21));
  if (!method || !options.ok() || !majority || !electorate || !visibility || !status) return corrupt;
  d.method = *method;
  d.options = *options;
  d.seats = static_cast<int>(st.Int64(8));
  d.majority = *majority;
  d.max_score = static_cast<int>(st.Int64(10));
  d.dots = static_cast<int>(st.Int64(11));
  d.electorate = *electorate;
  d.electorate_role = static_cast<Role>(st.Int64(13));
  d.opens_at = OptionalTime(st, 14);
  d.closes_at = FromSecs(st.Int64(15));
  d.quorum.count = static_cast<int>(st.Int64(16));
  d.quorum.percent = static_cast<int>(st.Int64(17));
  d.visibility = *visibility;
  d.anonymous = st.Int64(19) != 0;
  d.review_at = OptionalTime(st, 20);
  p.status = *status;
  p.electorate_size = static_cast<int>(st.Int64(22));
  p.ballots_cast = static_cast<int>(st.Int64(23));
  p.created_at = FromSecs(st.Int64(24));
  p.updated_at = FromSecs(st.Int64(25));
  p.opened_at = OptionalTime(st, 26);
  p.closed_at = OptionalTime(st, 27);
  std::optional<ProposalKind> kind = ParseProposalKind(st.Text(29));
  Result<std::vector<std::string>> candidates = DecodeList(st.Text(30));
  if (!kind || !candidates.ok()) return corrupt;
  d.kind = *kind;
  for (const std::string& c : *candidates) d.candidates.push_back(MemberId{c});
  d.mandate = st.Text(31);
  d.recall_delegate = st.Text(32);
  if (!st.IsNull(28)) {
    Result<Outcome> outcome = DecodeOutcome(st.Text(28));
    if (!outcome.ok()) return outcome.status();
    p.outcome = std::move(outcome).value();
  }
  return p;
}

void BindOptionalTime(Stmt& st, int index, const std::optional<Timestamp>& t) {
  if (t) {
    st.BindInt64(index, Secs(*t));
  } else {
    st.BindNull(index);
  }
}

// ?1..?32 in the order of KIN_PROPOSAL_COLUMNS without seq.
void BindProposal(Stmt& st, const Proposal& p) {
  const ProposalDetails& d = p.details;
  st.BindText(1, p.id.value).BindText(2, p.hub.value).BindText(3, p.author.value).BindText(4, d.title);
  st.BindText(5, d.text).BindText(6, CountingMethodName(d.method)).BindText(7, EncodeList(d.options));
  st.BindInt64(8, d.seats).BindText(9, MajorityRuleName(d.majority)).BindInt64(10, d.max_score);
  st.BindInt64(11, d.dots).BindText(12, ElectorateKindName(d.electorate));
  st.BindInt64(13, static_cast<int64_t>(d.electorate_role));
  BindOptionalTime(st, 14, d.opens_at);
  st.BindInt64(15, Secs(d.closes_at)).BindInt64(16, d.quorum.count).BindInt64(17, d.quorum.percent);
  st.BindText(18, ResultsVisibilityName(d.visibility)).BindInt64(19, d.anonymous ? 1 : 0);
  BindOptionalTime(st, 20, d.review_at);
  st.BindText(21, ProposalStatusName(p.status)).BindInt64(22, p.electorate_size).BindInt64(23, p.ballots_cast);
  st.BindInt64(24, Secs(p.created_at)).BindInt64(25, Secs(p.updated_at));
  BindOptionalTime(st, 26, p.opened_at);
  BindOptionalTime(st, 27, p.closed_at);
  if (p.outcome) {
    st.BindText(28, EncodeOutcome(*p.outcome));
  } else {
    st.BindNull(28);
  }
  std::vector<std::string> candidates;
  for (const MemberId& c : d.candidates) candidates.push_back(c.value);
  st.BindText(29, ProposalKindName(d.kind)).BindText(30, EncodeList(candidates)).BindText(31, d.mandate);
  st.BindText(32, d.recall_delegate);
}

// Columns 0..5 of the ballot queries: position, reason, approve, ranking, scores, dots.
Result<Ballot> ReadBallot(const Stmt& st, int first) {
  Ballot b;
  b.position = st.Text(first);
  b.reason = st.Text(first + 1);
  Result<std::vector<int>> approve = DecodeInts(st.Text(first + 2));
  Result<std::vector<int>> ranking = DecodeInts(st.Text(first + 3));
  Result<std::vector<int>> scores = DecodeInts(st.Text(first + 4));
  Result<std::vector<int>> dots = DecodeInts(st.Text(first + 5));
  if (!approve.ok() || !ranking.ok() || !scores.ok() || !dots.ok()) {
    return Status::Internal("stored ballot is corrupt");
  }
  b.approve = *approve;
  b.ranking = *ranking;
  b.scores = *scores;
  b.dots = *dots;
  return b;
}

}  // namespace

Result<Proposal> SqliteTx::GetProposal(const ProposalId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_PROPOSAL_COLUMNS " FROM proposals WHERE id = ?1");
  st.BindText(1, id.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("proposal not found");
  if (rc != SQLITE_ROW) return Error(conn_.db(), "query failed");
  return ReadProposal(st);
}

Page<Proposal> SqliteTx::ListProposals(const HubId& hub, std::optional<ProposalStatus> status,
                                       const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_PROPOSAL_COLUMNS " FROM proposals WHERE hub = ?1 AND seq < ?2 "
                      "AND (?3 IS NULL OR status = ?3) AND " KIN_NOT_COUNCIL " ORDER BY seq DESC LIMIT ?4",
                      Page<Proposal>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before).BindInt64(4, limit + 1);
  if (status) {
    st.BindText(3, ProposalStatusName(*status));
  } else {
    st.BindNull(3);
  }
  return Collect<Proposal>(conn_, st, limit, [](const Stmt& row) { return ReadProposal(row); },
                           [this](Status s) { Fail(std::move(s)); });
}

std::vector<ProposalId> SqliteTx::ListProposalsDue(ProposalStatus status, Timestamp now, int limit) {
  std::vector<ProposalId> out;
  const char* sql = status == ProposalStatus::kDraft
                        ? "SELECT id FROM proposals WHERE status = 'draft' AND opens_at IS NOT NULL "
                          "AND opens_at <= ?1 AND closes_at > ?1 AND " KIN_NOT_COUNCIL " ORDER BY opens_at LIMIT ?2"
                        : "SELECT id FROM proposals WHERE status = 'open' AND closes_at <= ?1 AND " KIN_NOT_COUNCIL " "
                          "ORDER BY closes_at LIMIT ?2";
  if (status == ProposalStatus::kClosed) return out;
  KIN_PREPARE_OR_FAIL(st, sql, out);
  st.BindInt64(1, Secs(now)).BindInt64(2, limit);
  for (int rc = st.Step(); rc != SQLITE_DONE; rc = st.Step()) {
    if (rc != SQLITE_ROW) {
      Fail(Error(conn_.db(), "query failed"));
      break;
    }
    out.push_back(ProposalId{st.Text(0)});
  }
  return out;
}

bool SqliteTx::InElectorate(const ProposalId& proposal, const MemberId& member) {
  KIN_PREPARE_OR_FAIL(st, "SELECT 1 FROM proposal_electorate WHERE proposal = ?1 AND member = ?2", false);
  st.BindText(1, proposal.value).BindText(2, member.value);
  int rc = st.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) Fail(Error(conn_.db(), "query failed"));
  return rc == SQLITE_ROW;
}

bool SqliteTx::HasVoted(const ProposalId& proposal, const MemberId& member) {
  KIN_PREPARE_OR_FAIL(st, "SELECT 1 FROM proposal_participation WHERE proposal = ?1 AND member = ?2", false);
  st.BindText(1, proposal.value).BindText(2, member.value);
  int rc = st.Step();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) Fail(Error(conn_.db(), "query failed"));
  return rc == SQLITE_ROW;
}

std::vector<Ballot> SqliteTx::ListBallots(const ProposalId& proposal) {
  std::vector<Ballot> out;
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT position, reason, approve, ranking, scores, dots FROM proposal_ballots "
                      "WHERE proposal = ?1 ORDER BY id",
                      out);
  st.BindText(1, proposal.value);
  out = CollectAll<Ballot>(conn_, st, [](const Stmt& row) { return ReadBallot(row, 0); },
                         [this](Status s) { Fail(std::move(s)); });
  return out;
}

std::vector<std::pair<MemberId, Ballot>> SqliteTx::ListRecordedVotes(const ProposalId& proposal) {
  std::vector<std::pair<MemberId, Ballot>> out;
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT v.member, b.position, b.reason, b.approve, b.ranking, b.scores, b.dots "
                      "FROM proposal_recorded_votes v JOIN proposal_ballots b "
                      "ON b.proposal = v.proposal AND b.id = v.ballot WHERE v.proposal = ?1 ORDER BY v.member",
                      out);
  st.BindText(1, proposal.value);
  using Row = decltype(out)::value_type;
  out = CollectAll<Row>(
      conn_, st,
      [](const Stmt& row) -> Result<Row> {
        Result<Ballot> b = ReadBallot(row, 1);
        if (!b.ok()) return b.status();
        return Row{MemberId{row.Text(0)}, std::move(b).value()};
      },
      [this](Status s) { Fail(std::move(s)); });
  return out;
}

Status SqliteTx::InsertProposal(const Proposal& proposal) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO proposals (id, hub, author, title, text, method, options, seats, majority, "
                        "max_score, dots, electorate, electorate_role, opens_at, closes_at, quorum_count, "
                        "quorum_percent, visibility, anonymous, review_at, status, electorate_size, ballots_cast, "
                        "created_at, updated_at, opened_at, closed_at, outcome, kind, candidates, mandate, "
                        "recall_delegate) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, "
                        "?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32)");
  BindProposal(st, proposal);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"proposals.id", "a proposal with this id already exists"}},
                     "the proposal's hub or author does not exist");
}

Status SqliteTx::UpdateProposal(const Proposal& proposal) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE proposals SET hub = ?2, author = ?3, title = ?4, text = ?5, method = ?6, "
                        "options = ?7, seats = ?8, majority = ?9, max_score = ?10, dots = ?11, electorate = ?12, "
                        "electorate_role = ?13, opens_at = ?14, closes_at = ?15, quorum_count = ?16, "
                        "quorum_percent = ?17, visibility = ?18, anonymous = ?19, review_at = ?20, status = ?21, "
                        "electorate_size = ?22, ballots_cast = ?23, created_at = ?24, updated_at = ?25, "
                        "opened_at = ?26, closed_at = ?27, outcome = ?28, kind = ?29, candidates = ?30, "
                        "mandate = ?31, recall_delegate = ?32 WHERE id = ?1");
  BindProposal(st, proposal);
  return Update(st, {}, "proposal not found");
}

AssemblySettings SqliteTx::GetAssemblySettings(const HubId& hub) {
  AssemblySettings out;
  KIN_PREPARE_OR_FAIL(st, "SELECT waiting_days, vouches_needed FROM assembly_settings WHERE hub = ?1", out);
  st.BindText(1, hub.value);
  int rc = st.Step();
  if (rc == SQLITE_ROW) {
    out.waiting_days = static_cast<int>(st.Int64(0));
    out.vouches_needed = static_cast<int>(st.Int64(1));
  } else if (rc != SQLITE_DONE) {
    Fail(Error(conn_.db(), "query failed"));
  }
  return out;
}

Result<int> SqliteTx::FreezeElectorate(const ProposalId& proposal, const HubId& hub, Role role, Timestamp joined_by,
                                       int vouches_needed) {
  // Vouches count only from members who are past the waiting period themselves, so newcomers cannot admit each
  // other.
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO proposal_electorate (proposal, member) SELECT ?1, m.member FROM memberships m "
                        "WHERE m.hub = ?2 AND (m.roles & ?3) != 0 AND (m.joined_at <= ?4 OR ("
                        "SELECT count(*) FROM vouches v JOIN memberships vm ON vm.hub = v.hub "
                        "AND vm.member = v.voucher WHERE v.hub = m.hub AND v.member = m.member "
                        "AND vm.joined_at <= ?4) >= ?5)");
  st.BindText(1, proposal.value).BindText(2, hub.value).BindInt64(3, static_cast<int64_t>(role));
  st.BindInt64(4, Secs(joined_by)).BindInt64(5, vouches_needed);
  int rc = st.Step();
  if (rc != SQLITE_DONE) return WriteFailed(rc, {}, "the proposal does not exist");
  return conn_.Changes();
}

Status SqliteTx::PutAssemblySettings(const HubId& hub, const AssemblySettings& settings) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO assembly_settings (hub, waiting_days, vouches_needed) VALUES (?1, ?2, ?3) "
                        "ON CONFLICT (hub) DO UPDATE SET waiting_days = excluded.waiting_days, "
                        "vouches_needed = excluded.vouches_needed");
  st.BindText(1, hub.value).BindInt64(2, settings.waiting_days).BindInt64(3, settings.vouches_needed);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "the hub does not exist");
}

Status SqliteTx::InsertVouch(const Vouch& vouch) {
  KIN_PREPARE_OR_RETURN(st, conn_, "INSERT INTO vouches (hub, member, voucher, at) VALUES (?1, ?2, ?3, ?4)");
  st.BindText(1, vouch.hub.value).BindText(2, vouch.member.value).BindText(3, vouch.voucher.value);
  st.BindInt64(4, Secs(vouch.at));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"vouches.hub, vouches.member, vouches.voucher", "you have already vouched for this member"}},
                     "the hub or member does not exist");
}

Status SqliteTx::RecordParticipation(const ProposalId& proposal, const MemberId& member) {
  KIN_PREPARE_OR_RETURN(st, conn_, "INSERT INTO proposal_participation (proposal, member) VALUES (?1, ?2)");
  st.BindText(1, proposal.value).BindText(2, member.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc,
                     {{"proposal_participation.proposal, proposal_participation.member",
                       "you have already voted on this proposal; each member has one ballot"}},
                     "the proposal does not exist");
}

Status SqliteTx::InsertBallot(const ProposalId& proposal, const BallotId& id, const Ballot& ballot) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO proposal_ballots (proposal, id, position, reason, approve, ranking, scores, "
                        "dots) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  st.BindText(1, proposal.value).BindText(2, id.value).BindText(3, ballot.position).BindText(4, ballot.reason);
  st.BindText(5, EncodeInts(ballot.approve)).BindText(6, EncodeInts(ballot.ranking));
  st.BindText(7, EncodeInts(ballot.scores)).BindText(8, EncodeInts(ballot.dots));
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "the proposal does not exist");
}

Status SqliteTx::RecordVote(const ProposalId& proposal, const MemberId& member, const BallotId& ballot) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO proposal_recorded_votes (proposal, member, ballot) VALUES (?1, ?2, ?3)");
  st.BindText(1, proposal.value).BindText(2, member.value).BindText(3, ballot.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {}, "the proposal does not exist");
}

#define KIN_DELEGATE_COLUMNS \
  "seq, id, hub, member, mandate, elected_by, elected_at, status, recalled_by, ended_at"

namespace {

Result<Delegate> ReadDelegate(const Stmt& st) {
  Delegate d;
  d.id = DelegateId{st.Text(1)};
  d.hub = HubId{st.Text(2)};
  d.member = MemberId{st.Text(3)};
  d.mandate = st.Text(4);
  d.elected_by = ProposalId{st.Text(5)};
  d.elected_at = FromSecs(st.Int64(6));
  std::optional<DelegateStatus> status = ParseDelegateStatus(st.Text(7));
  if (!status) return Status::Internal("stored delegate is corrupt");
  d.status = *status;
  if (!st.IsNull(8)) d.recalled_by = ProposalId{st.Text(8)};
  d.ended_at = OptionalTime(st, 9);
  return d;
}

void BindDelegate(Stmt& st, const Delegate& d) {
  st.BindText(1, d.id.value).BindText(2, d.hub.value).BindText(3, d.member.value).BindText(4, d.mandate);
  st.BindText(5, d.elected_by.value).BindInt64(6, Secs(d.elected_at)).BindText(7, DelegateStatusName(d.status));
  if (d.recalled_by) {
    st.BindText(8, d.recalled_by->value);
  } else {
    st.BindNull(8);
  }
  BindOptionalTime(st, 9, d.ended_at);
}

}  // namespace

Result<Delegate> SqliteTx::GetDelegate(const DelegateId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_DELEGATE_COLUMNS " FROM delegates WHERE id = ?1");
  st.BindText(1, id.value);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::NotFound("delegate not found");
  if (rc != SQLITE_ROW) return Error(conn_.db(), "query failed");
  return ReadDelegate(st);
}

std::vector<Delegate> SqliteTx::ListDelegates(const HubId& hub) {
  std::vector<Delegate> out;
  KIN_PREPARE_OR_FAIL(st, "SELECT " KIN_DELEGATE_COLUMNS " FROM delegates WHERE hub = ?1 ORDER BY seq DESC LIMIT 500",
                      out);
  st.BindText(1, hub.value);
  out = CollectAll<Delegate>(conn_, st, [](const Stmt& row) { return ReadDelegate(row); },
                         [this](Status s) { Fail(std::move(s)); });
  return out;
}

std::vector<std::pair<ProposalId, Ballot>> SqliteTx::ListRecordedVotesOf(const MemberId& member) {
  std::vector<std::pair<ProposalId, Ballot>> out;
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT v.proposal, b.position, b.reason, b.approve, b.ranking, b.scores, b.dots "
                      "FROM proposal_recorded_votes v JOIN proposal_ballots b "
                      "ON b.proposal = v.proposal AND b.id = v.ballot JOIN proposals p ON p.id = v.proposal "
                      "WHERE v.member = ?1 ORDER BY p.seq DESC LIMIT 500",
                      out);
  st.BindText(1, member.value);
  using Row = decltype(out)::value_type;
  out = CollectAll<Row>(
      conn_, st,
      [](const Stmt& row) -> Result<Row> {
        Result<Ballot> b = ReadBallot(row, 1);
        if (!b.ok()) return b.status();
        return Row{ProposalId{row.Text(0)}, std::move(b).value()};
      },
      [this](Status s) { Fail(std::move(s)); });
  return out;
}

std::vector<ProposalId> SqliteTx::ListParticipationOf(const MemberId& member) {
  std::vector<ProposalId> out;
  KIN_PREPARE_OR_FAIL(st, "SELECT proposal FROM proposal_participation WHERE member = ?1 ORDER BY proposal", out);
  st.BindText(1, member.value);
  for (int rc = st.Step(); rc != SQLITE_DONE; rc = st.Step()) {
    if (rc != SQLITE_ROW) {
      Fail(Error(conn_.db(), "query failed"));
      break;
    }
    out.push_back(ProposalId{st.Text(0)});
  }
  return out;
}

std::vector<Vouch> SqliteTx::ListVouchesOf(const MemberId& member) {
  std::vector<Vouch> out;
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT hub, member, voucher, at FROM vouches WHERE member = ?1 OR voucher = ?1 ORDER BY at",
                      out);
  st.BindText(1, member.value);
  for (int rc = st.Step(); rc != SQLITE_DONE; rc = st.Step()) {
    if (rc != SQLITE_ROW) {
      Fail(Error(conn_.db(), "query failed"));
      break;
    }
    out.push_back(Vouch{HubId{st.Text(0)}, MemberId{st.Text(1)}, MemberId{st.Text(2)}, Timestamp{Seconds{st.Int64(3)}}});
  }
  return out;
}

Status SqliteTx::InsertDelegate(const Delegate& delegate) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO delegates (id, hub, member, mandate, elected_by, elected_at, status, "
                        "recalled_by, ended_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  BindDelegate(st, delegate);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc, {{"delegates.id", "a delegate with this id already exists"}},
                     "the delegate's hub, member or election does not exist");
}

Status SqliteTx::UpdateDelegate(const Delegate& delegate) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE delegates SET hub = ?2, member = ?3, mandate = ?4, elected_by = ?5, "
                        "elected_at = ?6, status = ?7, recalled_by = ?8, ended_at = ?9 WHERE id = ?1");
  BindDelegate(st, delegate);
  return Update(st, {}, "delegate not found");
}

}  // namespace kin::sqlite
