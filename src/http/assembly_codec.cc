#include "http/assembly_codec.h"

#include <boost/json/array.hpp>
#include <limits>
#include <set>

#include "http/json_reader.h"
#include "http/time_format.h"

namespace kin::http {
namespace {

template <typename Enum, typename Parse>
std::optional<Enum> ReadEnum(ObjectReader& r, std::string_view key, Parse parse, const char* allowed) {
  std::optional<std::string> s = r.String(key);
  if (!s) return std::nullopt;
  std::optional<Enum> e = parse(*s);
  if (!e) r.errors().Add(r.Field(key), std::string("must be one of: ") + allowed);
  return e;
}

std::optional<Timestamp> ReadTime(ObjectReader& r, std::string_view key, bool required) {
  std::optional<std::string> s = r.String(key, required);
  if (!s) return std::nullopt;
  std::optional<Timestamp> t = ParseRfc3339(*s);
  if (!t) r.errors().Add(r.Field(key), "must be an RFC 3339 time such as 2026-11-24T18:00:00Z");
  return t;
}

// Absent -> nullopt; null -> optional(nullopt); a time -> the time.
std::optional<std::optional<Timestamp>> ReadNullableTime(ObjectReader& r, std::string_view key) {
  if (!r.Has(key)) return std::nullopt;
  if (r.TakeNull(key)) return std::optional<Timestamp>();
  std::optional<Timestamp> t = ReadTime(r, key, false);
  if (!t) return std::nullopt;
  return std::optional<Timestamp>(*t);
}

std::optional<int> ReadSmallInt(ObjectReader& r, std::string_view key) {
  std::optional<int64_t> v = r.Int(key);
  if (!v) return std::nullopt;
  if (*v < -1000000 || *v > 1000000) {
    r.errors().Add(r.Field(key), "is out of range");
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

void ReadProposalFields(ObjectReader& r, ProposalPatch& p, bool create) {
  p.kind = ReadEnum<ProposalKind>(r, "kind", ParseProposalKind, "decision, election, recall");
  if (auto c = r.Strings("candidates")) {
    std::vector<MemberId> ids;
    for (const std::string& id : *c) ids.push_back(MemberId{id});
    p.candidates = std::move(ids);
  }
  p.mandate = r.String("mandate");
  p.recall_delegate = r.String("recall_delegate");
  p.title = r.String("title", create);
  p.text = r.String("text");
  p.method = ReadEnum<CountingMethod>(r, "method", ParseCountingMethod,
                                      "consent, majority, approval, score, dot, irv, stv, schulze");
  if (create && !p.method && !r.Has("method")) r.errors().Add("method", "is required");
  p.options = r.Strings("options");
  p.seats = ReadSmallInt(r, "seats");
  p.majority = ReadEnum<MajorityRule>(r, "majority", ParseMajorityRule, "simple, two_thirds, three_quarters");
  p.max_score = ReadSmallInt(r, "max_score");
  p.dots = ReadSmallInt(r, "dots");
  p.electorate = ReadEnum<ElectorateKind>(r, "electorate", ParseElectorateKind, "members, role");
  p.electorate_role = ReadEnum<Role>(r, "electorate_role", ParseRole, "intake, coordinator");
  p.opens_at = ReadNullableTime(r, "opens_at");
  p.closes_at = ReadTime(r, "closes_at", create);
  if (const boost::json::object* q = r.Object("quorum")) {
    ObjectReader qr(*q, "quorum.", r.errors());
    Quorum quorum;
    if (auto c = ReadSmallInt(qr, "count")) quorum.count = *c;
    if (auto pc = ReadSmallInt(qr, "percent")) quorum.percent = *pc;
    qr.RejectUnknown();
    p.quorum = quorum;
  }
  p.visibility = ReadEnum<ResultsVisibility>(r, "visibility", ParseResultsVisibility,
                                             "always, after_voting, after_closing");
  p.anonymous = r.Bool("anonymous");
  p.review_at = ReadNullableTime(r, "review_at");
  r.RejectUnknown();
}

template <typename T, typename Fill>
Result<T> Decode(std::string_view body, Fill fill) {
  Result<boost::json::object> obj = ParseJsonObject(body);
  if (!obj.ok()) return obj.status();
  FieldErrors errors;
  ObjectReader r(*obj, "", errors);
  T out{};
  fill(r, out);
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

// An array of whole numbers at `key` of `o`, or an error naming the key (or the element).
std::vector<int> ReadInts(const boost::json::object& o, const char* key, FieldErrors& errors) {
  std::vector<int> out;
  const boost::json::value* v = o.if_contains(key);
  if (!v) return out;
  if (!v->is_array()) {
    errors.Add(key, "must be an array of option numbers");
    return out;
  }
  const boost::json::array& a = v->as_array();
  if (a.size() > 1000) {
    errors.Add(key, "has too many entries");
    return out;
  }
  for (size_t i = 0; i < a.size(); ++i) {
    std::string field = std::string(key) + "[" + std::to_string(i) + "]";
    if (a[i].is_int64() && a[i].as_int64() >= std::numeric_limits<int>::min() &&
        a[i].as_int64() <= std::numeric_limits<int>::max()) {
      out.push_back(static_cast<int>(a[i].as_int64()));
    } else if (a[i].is_uint64() || a[i].is_int64()) {
      errors.Add(field, "is out of range");
    } else {
      errors.Add(field, "must be a whole number");
    }
  }
  return out;
}

void WriteInts(JsonWriter& w, const std::vector<int>& values) {
  w.BeginArray();
  for (int v : values) w.Int(v);
  w.EndArray();
}

void WriteOptionalTime(JsonWriter& w, std::string_view key, const std::optional<Timestamp>& t) {
  w.Key(key);
  if (t) {
    w.Time(*t);
  } else {
    w.Null();
  }
}

}  // namespace

Result<ProposalDetails> DecodeProposalDetails(std::string_view body) {
  return Decode<ProposalDetails>(body, [](ObjectReader& r, ProposalDetails& out) {
    ProposalPatch patch;
    ReadProposalFields(r, patch, /*create=*/true);
    patch.ApplyTo(out);
  });
}

Result<ProposalPatch> DecodeProposalPatch(std::string_view body) {
  return Decode<ProposalPatch>(body, [](ObjectReader& r, ProposalPatch& out) { ReadProposalFields(r, out, false); });
}

Result<Ballot> DecodeBallot(std::string_view body) {
  Result<boost::json::object> obj = ParseJsonObject(body);
  if (!obj.ok()) return obj.status();
  FieldErrors errors;
  Ballot b;
  static const std::set<std::string, std::less<>> kKnown = {"position", "reason", "approve",
                                                            "ranking",  "scores", "dots"};
  for (const auto& kv : *obj) {
    if (!kKnown.count(kv.key())) errors.Add(std::string(kv.key()), "is not a field of a ballot");
  }
  for (const char* key : {"position", "reason"}) {
    const boost::json::value* v = obj->if_contains(key);
    if (!v) continue;
    if (!v->is_string()) {
      errors.Add(key, "must be a string");
      continue;
    }
    (std::string(key) == "position" ? b.position : b.reason) = std::string(v->as_string());
  }
  b.approve = ReadInts(*obj, "approve", errors);
  b.ranking = ReadInts(*obj, "ranking", errors);
  b.scores = ReadInts(*obj, "scores", errors);
  b.dots = ReadInts(*obj, "dots", errors);
  if (!errors.empty()) return errors.ToStatus();
  return b;
}

Result<AssemblySettings> DecodeAssemblySettings(std::string_view body) {
  return Decode<AssemblySettings>(body, [](ObjectReader& r, AssemblySettings& out) {
    if (auto v = ReadSmallInt(r, "waiting_days")) out.waiting_days = *v;
    if (!r.Has("waiting_days")) r.errors().Add("waiting_days", "is required");
    if (auto v = ReadSmallInt(r, "vouches_needed")) out.vouches_needed = *v;
    if (!r.Has("vouches_needed")) r.errors().Add("vouches_needed", "is required");
    r.RejectUnknown();
  });
}

void WriteAssemblySettings(JsonWriter& w, const AssemblySettings& s) {
  w.BeginObject().Field("waiting_days", s.waiting_days).Field("vouches_needed", s.vouches_needed).EndObject();
}

void WriteOutcome(JsonWriter& w, const Outcome& o) {
  w.BeginObject()
      .Field("electorate", o.electorate)
      .Field("participants", o.participants)
      .Field("quorum_required", o.quorum_required)
      .Field("quorum_reached", o.quorum_reached)
      .Field("passes", o.passes);
  w.Key("winners");
  WriteInts(w, o.winners);
  w.Key("ranking");
  WriteInts(w, o.ranking);
  w.Key("totals").BeginArray();
  for (const OutcomeTotal& t : o.totals) w.BeginObject().Field("label", t.label).Field("value", t.value).EndObject();
  w.EndArray();
  w.Key("rounds").BeginArray();
  for (const OutcomeRound& r : o.rounds) {
    w.BeginObject().Field("round", r.round).Field("threshold", r.threshold);
    w.Key("votes").BeginArray();
    for (const std::string& v : r.votes) {
      if (v.empty()) {
        w.Null();
      } else {
        w.String(v);
      }
    }
    w.EndArray();
    w.Key("elected");
    WriteInts(w, r.elected);
    w.Key("eliminated");
    WriteInts(w, r.eliminated);
    w.Field("inactive", r.inactive);
    w.Key("notes").Strings(r.notes);
    w.EndObject();
  }
  w.EndArray();
  w.Key("notes").Strings(o.notes);
  w.Key("objections").Strings(o.objections);
  w.Key("blocks").Strings(o.blocks);
  w.EndObject();
}

void WriteProposalView(JsonWriter& w, const ProposalView& v) {
  const Proposal& p = v.proposal;
  const ProposalDetails& d = p.details;
  w.BeginObject()
      .Field("id", p.id.value)
      .Field("hub_id", p.hub.value)
      .Field("author_id", p.author.value)
      .Field("kind", ProposalKindName(d.kind));
  w.Key("candidates").BeginArray();
  for (const MemberId& c : d.candidates) w.String(c.value);
  w.EndArray();
  w.Field("mandate", d.mandate).Field("recall_delegate", d.recall_delegate)
      .Field("title", d.title)
      .Field("text", d.text)
      .Field("method", CountingMethodName(d.method));
  w.Key("options").Strings(d.options);
  w.Field("seats", d.seats)
      .Field("majority", MajorityRuleName(d.majority))
      .Field("max_score", d.max_score)
      .Field("dots", d.dots)
      .Field("electorate", ElectorateKindName(d.electorate));
  w.Key("electorate_role");
  if (d.electorate == ElectorateKind::kRole) {
    w.String(RoleName(d.electorate_role));
  } else {
    w.Null();
  }
  WriteOptionalTime(w, "opens_at", d.opens_at);
  w.Key("closes_at").Time(d.closes_at);
  w.Key("quorum").BeginObject().Field("count", d.quorum.count).Field("percent", d.quorum.percent).EndObject();
  w.Field("visibility", ResultsVisibilityName(d.visibility)).Field("anonymous", d.anonymous);
  WriteOptionalTime(w, "review_at", d.review_at);
  w.Field("status", ProposalStatusName(p.status))
      .Field("electorate_size", p.electorate_size)
      .Field("ballots_cast", p.ballots_cast)
      .Key("created_at").Time(p.created_at)
      .Key("updated_at").Time(p.updated_at);
  WriteOptionalTime(w, "opened_at", p.opened_at);
  WriteOptionalTime(w, "closed_at", p.closed_at);
  w.Key("outcome");
  if (p.outcome) {
    WriteOutcome(w, *p.outcome);
  } else {
    w.Null();
  }
  w.Key("viewer")
      .BeginObject()
      .Field("may_vote", v.may_vote)
      .Field("has_voted", v.has_voted)
      .Field("may_manage", v.may_manage)
      .Field("results_visible", v.results_visible)
      .EndObject();
  w.EndObject();
}

void WriteBallot(JsonWriter& w, const Ballot& b) {
  w.BeginObject().Field("position", b.position).Field("reason", b.reason);
  w.Key("approve");
  WriteInts(w, b.approve);
  w.Key("ranking");
  WriteInts(w, b.ranking);
  w.Key("scores");
  WriteInts(w, b.scores);
  w.Key("dots");
  WriteInts(w, b.dots);
  w.EndObject();
}

void WriteDelegates(JsonWriter& w, const std::vector<DelegateView>& delegates) {
  w.BeginObject().Key("items").BeginArray();
  for (const DelegateView& v : delegates) {
    const Delegate& d = v.delegate;
    w.BeginObject()
        .Field("id", d.id.value)
        .Field("hub_id", d.hub.value)
        .Field("member_id", d.member.value)
        .Field("display_name", v.display_name)
        .Field("mandate", d.mandate)
        .Field("elected_by", d.elected_by.value)
        .Key("elected_at").Time(d.elected_at)
        .Field("status", DelegateStatusName(d.status));
    w.Key("recalled_by");
    if (d.recalled_by) {
      w.String(d.recalled_by->value);
    } else {
      w.Null();
    }
    WriteOptionalTime(w, "ended_at", d.ended_at);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

void WriteDelegateVotes(JsonWriter& w, const std::vector<DelegateVote>& votes) {
  w.BeginObject().Key("items").BeginArray();
  for (const DelegateVote& v : votes) {
    w.BeginObject().Field("proposal_id", v.proposal.value).Field("title", v.title);
    if (!v.council.empty()) w.Field("council", v.council).Field("council_id", v.council_id);
    w.Key("options").Strings(v.options).Key("ballot");
    WriteBallot(w, v.ballot);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

void WriteRecordedVotes(JsonWriter& w, const std::vector<RecordedVote>& votes) {
  w.BeginObject().Key("items").BeginArray();
  for (const RecordedVote& v : votes) {
    w.BeginObject().Field("member_id", v.member.value).Field("display_name", v.display_name).Key("ballot");
    WriteBallot(w, v.ballot);
    w.EndObject();
  }
  w.EndArray().EndObject();
}

}  // namespace kin::http
