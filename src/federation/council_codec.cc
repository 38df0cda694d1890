#include "federation/council_codec.h"

#include <boost/json.hpp>

#include "federation/as_fields.h"
#include "federation/json_text.h"

namespace kin::federation {
namespace json = boost::json;
namespace {

json::value CouncilContext() {
  return json::array{"https://www.w3.org/ns/activitystreams",
                     json::object{{"kin", "https://w3id.org/kin/ns#"},
                                  {"council", json::object{{"@id", "kin:council"}, {"@type", "@id"}}},
                                  {"delegate", "kin:delegate"},
                                  {"ballot", "kin:ballot"},
                                  {"votes", "kin:votes"},
                                  {"method", "kin:method"},
                                  {"options", "kin:options"},
                                  {"electorate", "kin:electorate"}}};
}

json::array Ints(const std::vector<int>& v) {
  json::array a;
  for (int i : v) a.push_back(i);
  return a;
}

json::object BallotJson(const Ballot& b) {
  return json::object{{"position", b.position}, {"reason", b.reason}, {"approve", Ints(b.approve)},
                      {"ranking", Ints(b.ranking)}, {"scores", Ints(b.scores)}, {"dots", Ints(b.dots)}};
}

json::object QuestionJson(const CouncilMessage& m) {
  const ProposalDetails& d = m.details;
  json::array options;
  for (const std::string& o : d.options) options.push_back(json::value(o));
  json::object q{{"id", m.proposal},
                 {"type", "Question"},
                 {"attributedTo", m.actor},
                 {"name", d.title},
                 {"content", d.text},
                 {"mediaType", "text/markdown"},
                 {"method", CountingMethodName(d.method)},
                 {"options", options},
                 {"seats", d.seats},
                 {"majority", MajorityRuleName(d.majority)},
                 {"maxScore", d.max_score},
                 {"dots", d.dots},
                 {"endTime", Rfc3339(d.closes_at)},
                 {"quorum", json::object{{"count", d.quorum.count}, {"percent", d.quorum.percent}}},
                 {"visibility", ResultsVisibilityName(d.visibility)},
                 {"electorate", m.electorate}};
  if (m.opened_at) q["published"] = Rfc3339(*m.opened_at);
  if (m.closed_at) q["closed"] = Rfc3339(*m.closed_at);
  return q;
}

Result<int> Int(const json::object& o, const char* key, const std::string& field) {
  const json::value* v = o.if_contains(key);
  if (!v) return Status::InvalidField(field, "is required");
  if (v->is_int64() && v->get_int64() >= -1000000 && v->get_int64() <= 1000000) return static_cast<int>(v->get_int64());
  if (v->is_uint64() && v->get_uint64() <= 1000000) return static_cast<int>(v->get_uint64());
  return Status::InvalidField(field, "must be a whole number");
}

Result<std::vector<int>> IntList(const json::object& o, const char* key, const std::string& field) {
  std::vector<int> out;
  const json::value* v = o.if_contains(key);
  if (!v) return out;
  if (!v->is_array() || v->get_array().size() > 100) return Status::InvalidField(field, "must be a list of numbers");
  for (const json::value& e : v->get_array()) {
    if (!e.is_int64() || e.get_int64() < -1000000 || e.get_int64() > 1000000) {
      return Status::InvalidField(field, "must be a list of whole numbers");
    }
    out.push_back(static_cast<int>(e.get_int64()));
  }
  return out;
}

#define KIN_TRY_ASSIGN(lhs, expr)             \
  do {                                        \
    auto kin_r_ = (expr);                     \
    if (!kin_r_.ok()) return kin_r_.status(); \
    lhs = std::move(kin_r_).value();          \
  } while (0)

Result<Ballot> ReadBallot(const json::value* v, const std::string& field) {
  if (!v || !v->is_object()) return Status::InvalidField(field, "must be an object");
  const json::object& o = v->get_object();
  Ballot b;
  KIN_TRY_ASSIGN(b.position, StringOrId(o, "position", field + ".position", false));
  KIN_TRY_ASSIGN(b.reason, StringOrId(o, "reason", field + ".reason", false));
  KIN_TRY_ASSIGN(b.approve, IntList(o, "approve", field + ".approve"));
  KIN_TRY_ASSIGN(b.ranking, IntList(o, "ranking", field + ".ranking"));
  KIN_TRY_ASSIGN(b.scores, IntList(o, "scores", field + ".scores"));
  KIN_TRY_ASSIGN(b.dots, IntList(o, "dots", field + ".dots"));
  return b;
}

Result<Timestamp> Time(const json::object& o, const char* key, const std::string& field) {
  Result<std::string> text = StringOrId(o, key, field, true);
  if (!text.ok()) return text.status();
  return ParseRfc3339(*text, field);
}

Status ReadQuestion(const json::object& q, CouncilMessage& m) {
  KIN_TRY_ASSIGN(m.proposal, StringOrId(q, "id", "object.id", true));
  ProposalDetails& d = m.details;
  d.kind = ProposalKind::kDecision;
  d.anonymous = false;
  d.electorate = ElectorateKind::kMembers;
  KIN_TRY_ASSIGN(d.title, StringOrId(q, "name", "object.name", true));
  KIN_TRY_ASSIGN(d.text, StringOrId(q, "content", "object.content", false));
  std::string text;
  KIN_TRY_ASSIGN(text, StringOrId(q, "method", "object.method", true));
  std::optional<CountingMethod> method = ParseCountingMethod(text);
  if (!method) return Status::InvalidField("object.method", "is not a counting method kin knows");
  d.method = *method;
  const json::value* options = q.if_contains("options");
  if (options) {
    if (!options->is_array() || options->get_array().size() > 50) {
      return Status::InvalidField("object.options", "must be a list of at most 50 names");
    }
    for (const json::value& o : options->get_array()) {
      if (!o.is_string()) return Status::InvalidField("object.options", "must be a list of names");
      d.options.push_back(std::string(o.get_string()));
    }
  }
  KIN_TRY_ASSIGN(d.seats, Int(q, "seats", "object.seats"));
  KIN_TRY_ASSIGN(text, StringOrId(q, "majority", "object.majority", true));
  std::optional<MajorityRule> majority = ParseMajorityRule(text);
  if (!majority) return Status::InvalidField("object.majority", "is not a majority rule kin knows");
  d.majority = *majority;
  KIN_TRY_ASSIGN(d.max_score, Int(q, "maxScore", "object.maxScore"));
  KIN_TRY_ASSIGN(d.dots, Int(q, "dots", "object.dots"));
  KIN_TRY_ASSIGN(d.closes_at, Time(q, "endTime", "object.endTime"));
  const json::value* quorum = q.if_contains("quorum");
  if (!quorum || !quorum->is_object()) return Status::InvalidField("object.quorum", "must be an object");
  KIN_TRY_ASSIGN(d.quorum.count, Int(quorum->get_object(), "count", "object.quorum.count"));
  KIN_TRY_ASSIGN(d.quorum.percent, Int(quorum->get_object(), "percent", "object.quorum.percent"));
  KIN_TRY_ASSIGN(text, StringOrId(q, "visibility", "object.visibility", true));
  std::optional<ResultsVisibility> visibility = ParseResultsVisibility(text);
  if (!visibility) return Status::InvalidField("object.visibility", "is not a visibility kin knows");
  d.visibility = *visibility;
  KIN_TRY_ASSIGN(m.electorate, Int(q, "electorate", "object.electorate"));
  if (q.contains("published")) KIN_TRY_ASSIGN(m.opened_at, Time(q, "published", "object.published"));
  if (q.contains("closed")) KIN_TRY_ASSIGN(m.closed_at, Time(q, "closed", "object.closed"));
  return Status::Ok();
}

bool TypeIs(const json::object& o, std::string_view type) {
  const json::value* t = o.if_contains("type");
  return t && t->is_string() && t->get_string() == type;
}

}  // namespace

std::string CouncilMessageJson(const CouncilMessage& m) {
  json::object a{{"@context", CouncilContext()}, {"id", m.id}, {"type", ""}, {"actor", m.actor},
                 {"to", json::array{json::value(m.to)}}, {"council", m.council}};
  switch (m.kind) {
    case CouncilMessageKind::kInvite:
      a["type"] = "Invite";
      a["object"] = m.to;
      a["name"] = m.council_name;
      break;
    case CouncilMessageKind::kAccept:
    case CouncilMessageKind::kReject:
      a["type"] = m.kind == CouncilMessageKind::kAccept ? "Accept" : "Reject";
      a["object"] = m.council;
      break;
    case CouncilMessageKind::kLeave:
      a["type"] = "Leave";
      a["object"] = m.council;
      break;
    case CouncilMessageKind::kRemove:
      a["type"] = "Remove";
      a["object"] = m.to;
      a["target"] = m.council;
      break;
    case CouncilMessageKind::kProposal:
      a["type"] = "Create";
      a["object"] = QuestionJson(m);
      break;
    case CouncilMessageKind::kBallot:
      a["type"] = "Create";
      a["object"] = json::object{{"id", m.id + "#ballot"},    {"type", "Note"},
                                 {"attributedTo", m.actor},   {"inReplyTo", m.proposal},
                                 {"name", m.hub_name},        {"delegate", m.delegate_name},
                                 {"ballot", BallotJson(m.ballot)}};
      break;
    case CouncilMessageKind::kResult: {
      a["type"] = "Update";
      json::object q = QuestionJson(m);
      json::array votes;
      for (const CouncilBallotEntry& e : m.ballots) {
        votes.push_back(json::object{{"hub", e.hub}, {"name", e.hub_name}, {"delegate", e.delegate_name},
                                     {"ballot", BallotJson(e.ballot)}});
      }
      q["votes"] = votes;
      a["object"] = q;
      break;
    }
  }
  return ToJsonText(a);
}

Result<CouncilMessage> ReadCouncilMessage(std::string_view body) {
  boost::system::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec || !v.is_object()) return Status::Invalid("the activity is not a JSON object");
  const json::object& o = v.get_object();
  CouncilMessage m;
  KIN_TRY_ASSIGN(m.id, StringOrId(o, "id", "id", true));
  KIN_TRY_ASSIGN(m.actor, StringOrId(o, "actor", "actor", true));
  KIN_TRY_ASSIGN(m.to, StringOrId(o, "to", "to", true));
  KIN_TRY_ASSIGN(m.council, StringOrId(o, "council", "council", true));
  const json::value* object = o.if_contains("object");
  if (!object) return Status::InvalidField("object", "is required");
  if (TypeIs(o, "Invite")) {
    m.kind = CouncilMessageKind::kInvite;
    KIN_TRY_ASSIGN(m.council_name, StringOrId(o, "name", "name", true));
    return m;
  }
  if (TypeIs(o, "Accept") || TypeIs(o, "Reject")) {
    m.kind = TypeIs(o, "Accept") ? CouncilMessageKind::kAccept : CouncilMessageKind::kReject;
    return m;
  }
  if (TypeIs(o, "Leave")) {
    m.kind = CouncilMessageKind::kLeave;
    return m;
  }
  if (TypeIs(o, "Remove")) {
    // Only the hub addressed may be removed by it: the object and `to` must agree.
    std::string removed;
    KIN_TRY_ASSIGN(removed, StringOrId(o, "object", "object", true));
    if (removed != m.to) return Status::InvalidField("object", "must be the hub the activity is addressed to");
    m.kind = CouncilMessageKind::kRemove;
    return m;
  }
  if (!TypeIs(o, "Create") && !TypeIs(o, "Update")) {
    return Status::InvalidField("type", "is not a council message kin knows");
  }
  if (!object->is_object()) return Status::InvalidField("object", "must be an object");
  const json::object& obj = object->get_object();
  if (TypeIs(o, "Create") && TypeIs(obj, "Question")) {
    m.kind = CouncilMessageKind::kProposal;
    Status s = ReadQuestion(obj, m);
    if (!s.ok()) return s;
    return m;
  }
  if (TypeIs(o, "Create") && TypeIs(obj, "Note")) {
    m.kind = CouncilMessageKind::kBallot;
    KIN_TRY_ASSIGN(m.proposal, StringOrId(obj, "inReplyTo", "object.inReplyTo", true));
    KIN_TRY_ASSIGN(m.hub_name, StringOrId(obj, "name", "object.name", false));
    KIN_TRY_ASSIGN(m.delegate_name, StringOrId(obj, "delegate", "object.delegate", true));
    KIN_TRY_ASSIGN(m.ballot, ReadBallot(obj.if_contains("ballot"), "object.ballot"));
    return m;
  }
  if (TypeIs(o, "Update") && TypeIs(obj, "Question")) {
    m.kind = CouncilMessageKind::kResult;
    Status s = ReadQuestion(obj, m);
    if (!s.ok()) return s;
    if (!m.closed_at) return Status::InvalidField("object.closed", "is required in a result");
    const json::value* votes = obj.if_contains("votes");
    if (!votes || !votes->is_array() || votes->get_array().size() > 10000) {
      return Status::InvalidField("object.votes", "must be a list");
    }
    for (size_t i = 0; i < votes->get_array().size(); ++i) {
      std::string field = "object.votes[" + std::to_string(i) + "]";
      const json::value& e = votes->get_array()[i];
      if (!e.is_object()) return Status::InvalidField(field, "must be an object");
      CouncilBallotEntry entry;
      KIN_TRY_ASSIGN(entry.hub, StringOrId(e.get_object(), "hub", field + ".hub", true));
      KIN_TRY_ASSIGN(entry.hub_name, StringOrId(e.get_object(), "name", field + ".name", false));
      KIN_TRY_ASSIGN(entry.delegate_name, StringOrId(e.get_object(), "delegate", field + ".delegate", true));
      KIN_TRY_ASSIGN(entry.ballot, ReadBallot(e.get_object().if_contains("ballot"), field + ".ballot"));
      m.ballots.push_back(std::move(entry));
    }
    return m;
  }
  return Status::InvalidField("type", "is not a council message kin knows");
}

}  // namespace kin::federation
