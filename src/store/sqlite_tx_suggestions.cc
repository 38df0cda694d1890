// SqliteTx: the allocation engine's suggestions and the reasons needs went unmet.
#include <string>

#include "store/sqlite_codec.h"
#include "store/sqlite_query.h"
#include "store/sqlite_tx.h"

namespace kin::sqlite {
namespace {

#define KIN_SUGGESTION_COLUMNS                                                         \
  "seq, id, hub, need, offer, helper, status, distance_m, shared_languages, urgency, " \
  "waited_days, "                                                                      \
  "helper_load_after, helper_capacity, match, decided_by, reason, created_at, updated_at"

int64_t Secs(Timestamp t) { return t.time_since_epoch().count(); }
Timestamp Time(const Stmt& st, int col) { return Timestamp{Seconds{st.Int64(col)}}; }

Status Bad(const std::string& column, const std::string& value) {
  return Status::Internal("suggestions row has an unreadable " + column + " '" + value + "'");
}

Result<Suggestion> ReadSuggestion(const Stmt& st) {
  Suggestion s;
  s.id.value = st.Text(1);
  s.hub.value = st.Text(2);
  s.need.value = st.Text(3);
  s.offer.value = st.Text(4);
  s.helper.value = st.Text(5);
  std::string status = st.Text(6);
  std::optional<SuggestionStatus> parsed = ParseSuggestionStatus(status);
  if (!parsed) return Bad("status", status);
  s.status = *parsed;
  s.why.distance_m = st.Int64(7);
  Result<std::vector<std::string>> languages = DecodeList(st.Text(8));
  if (!languages.ok()) return Bad("shared_languages", st.Text(8));
  s.why.shared_languages = std::move(languages).value();
  std::string urgency = st.Text(9);
  std::optional<Urgency> u = ParseUrgency(urgency);
  if (!u) return Bad("urgency", urgency);
  s.why.urgency = *u;
  s.why.waited_days = st.Int64(10);
  s.why.helper_load_after = static_cast<int>(st.Int64(11));
  s.why.helper_capacity = static_cast<int>(st.Int64(12));
  if (!st.IsNull(13)) s.match = MatchId{st.Text(13)};
  if (!st.IsNull(14)) s.decided_by = MemberId{st.Text(14)};
  s.reason = st.Text(15);
  s.created_at = Time(st, 16);
  s.updated_at = Time(st, 17);
  return s;
}

void BindSuggestion(Stmt& st, const Suggestion& s) {
  st.BindText(1, s.id.value)
      .BindText(2, s.hub.value)
      .BindText(3, s.need.value)
      .BindText(4, s.offer.value)
      .BindText(5, s.helper.value)
      .BindText(6, SuggestionStatusName(s.status))
      .BindInt64(7, s.why.distance_m)
      .BindText(8, EncodeList(s.why.shared_languages))
      .BindText(9, UrgencyName(s.why.urgency))
      .BindInt64(10, s.why.waited_days)
      .BindInt64(11, s.why.helper_load_after)
      .BindInt64(12, s.why.helper_capacity)
      .BindTextOrNull(13, s.match ? s.match->value : "")
      .BindTextOrNull(14, s.decided_by ? s.decided_by->value : "")
      .BindText(15, s.reason)
      .BindInt64(16, Secs(s.created_at))
      .BindInt64(17, Secs(s.updated_at));
}

}  // namespace

Result<Suggestion> SqliteTx::GetSuggestion(const SuggestionId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "SELECT " KIN_SUGGESTION_COLUMNS " FROM suggestions WHERE id = ?1");
  st.BindText(1, id.value);
  return One<Suggestion>(conn_, st, ReadSuggestion, "suggestion not found");
}

Page<Suggestion> SqliteTx::ListSuggestions(const HubId& hub, const SuggestionFilter& filter, const PageRequest& page) {
  std::optional<int64_t> before = SeqBefore(page);
  if (!before) return {};
  KIN_PREPARE_OR_FAIL(st,
                      "SELECT " KIN_SUGGESTION_COLUMNS
                      " FROM suggestions WHERE hub = ?1 AND seq < ?2 "
                      "AND (?3 IS NULL OR need = ?3) AND (?4 IS NULL OR helper = ?4) "
                      "AND (?5 IS NULL OR status = ?5) ORDER BY seq DESC LIMIT ?6",
                      Page<Suggestion>{});
  int limit = PageLimit(page);
  st.BindText(1, hub.value).BindInt64(2, *before);
  if (filter.need) st.BindText(3, filter.need->value);
  if (filter.helper) st.BindText(4, filter.helper->value);
  if (filter.status) st.BindText(5, SuggestionStatusName(*filter.status));
  st.BindInt64(6, limit + 1);
  return Collect<Suggestion>(conn_, st, limit, ReadSuggestion, [this](Status s) { Fail(std::move(s)); });
}

std::vector<UnmetNeed> SqliteTx::ListUnmetNeeds(const HubId& hub) {
  KIN_PREPARE_OR_FAIL(st, "SELECT need, cause, computed_at FROM unmet_needs WHERE hub = ?1 ORDER BY need",
                      std::vector<UnmetNeed>{});
  st.BindText(1, hub.value);
  std::vector<UnmetNeed> out;
  for (;;) {
    int rc = st.Step();
    if (rc == SQLITE_DONE) break;
    if (rc != SQLITE_ROW) {
      Fail(Error(conn_.db(), "list query failed"));
      break;
    }
    std::string cause = st.Text(1);
    std::optional<UnmetCause> parsed = ParseUnmetCause(cause);
    if (!parsed) {
      Fail(Status::Internal("unmet_needs row has an unreadable cause '" + cause + "'"));
      break;
    }
    out.push_back(UnmetNeed{hub, NeedId{st.Text(0)}, *parsed, Time(st, 2)});
  }
  return out;
}

Status SqliteTx::InsertSuggestion(const Suggestion& suggestion) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "INSERT INTO suggestions (id, hub, need, offer, helper, status, distance_m, "
                        "shared_languages, urgency, waited_days, helper_load_after, helper_capacity, match, "
                        "decided_by, reason, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, "
                        "?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)");
  BindSuggestion(st, suggestion);
  int rc = st.Step();
  if (rc == SQLITE_DONE) return Status::Ok();
  return WriteFailed(rc,
                     {{"suggestions.id", "a suggestion with this id already exists"},
                      {"suggestions.need, suggestions.offer", "this pairing is already suggested"}},
                     "the suggestion's hub, need, offer or helper does not exist");
}

Status SqliteTx::UpdateSuggestion(const Suggestion& suggestion) {
  KIN_PREPARE_OR_RETURN(st, conn_,
                        "UPDATE suggestions SET hub = ?2, need = ?3, offer = ?4, helper = ?5, status = ?6, "
                        "distance_m = ?7, shared_languages = ?8, urgency = ?9, waited_days = ?10, "
                        "helper_load_after = ?11, helper_capacity = ?12, match = ?13, decided_by = ?14, "
                        "reason = ?15, created_at = ?16, updated_at = ?17 WHERE id = ?1");
  BindSuggestion(st, suggestion);
  return Update(st, {{"suggestions.need, suggestions.offer", "this pairing is already suggested"}},
                "suggestion not found");
}

Status SqliteTx::DeleteSuggestion(const SuggestionId& id) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM suggestions WHERE id = ?1");
  st.BindText(1, id.value);
  return Update(st, {}, "suggestion not found");
}

Status SqliteTx::DeleteSuggestionsForNeed(const NeedId& need) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM suggestions WHERE need = ?1");
  st.BindText(1, need.value);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "cannot delete suggestions");
  KIN_PREPARE_OR_RETURN(unmet, conn_, "DELETE FROM unmet_needs WHERE need = ?1");
  unmet.BindText(1, need.value);
  if (unmet.Step() != SQLITE_DONE) return Error(conn_.db(), "cannot delete unmet needs");
  return Status::Ok();
}

Status SqliteTx::DeleteSuggestionsOfHelper(const MemberId& helper) {
  KIN_PREPARE_OR_RETURN(st, conn_, "DELETE FROM suggestions WHERE helper = ?1");
  st.BindText(1, helper.value);
  if (st.Step() != SQLITE_DONE) return Error(conn_.db(), "cannot delete suggestions");
  return Status::Ok();
}

Status SqliteTx::ReplaceUnmetNeeds(const HubId& hub, const std::vector<UnmetNeed>& unmet) {
  KIN_PREPARE_OR_RETURN(clear, conn_, "DELETE FROM unmet_needs WHERE hub = ?1");
  clear.BindText(1, hub.value);
  if (clear.Step() != SQLITE_DONE) return Error(conn_.db(), "cannot clear unmet needs");
  for (const UnmetNeed& u : unmet) {
    KIN_PREPARE_OR_RETURN(st, conn_, "INSERT INTO unmet_needs (need, hub, cause, computed_at) VALUES (?1, ?2, ?3, ?4)");
    st.BindText(1, u.need.value).BindText(2, hub.value).BindText(3, UnmetCauseName(u.cause));
    st.BindInt64(4, Secs(u.computed_at));
    int rc = st.Step();
    if (rc != SQLITE_DONE) return WriteFailed(rc, {{"unmet_needs.need", "a need is listed twice"}}, "need not found");
  }
  return Status::Ok();
}

}  // namespace kin::sqlite
