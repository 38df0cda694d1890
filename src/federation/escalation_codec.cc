#include "federation/escalation_codec.h"

#include <boost/json.hpp>

#include "federation/as_fields.h"
#include "federation/json_text.h"
#include "federation/sharing_codec.h"

namespace kin::federation {
namespace json = boost::json;
namespace {

json::value EscalationContext() {
  json::value context = SharingContext();
  json::object& terms = context.as_array()[1].as_object();
  terms["escalation"] = json::object{{"@id", "kin:escalation"}, {"@type", "@id"}};
  terms["hops"] = "kin:hops";
  terms["seen"] = json::object{{"@id", "kin:seen"}, {"@type", "@id"}};
  terms["taker"] = json::object{{"@id", "kin:taker"}, {"@type", "@id"}};
  terms["reason"] = "kin:reason";
  terms["ContactHandover"] = "kin:ContactHandover";
  terms["sealedContact"] = "kin:sealedContact";
  return context;
}

const char* WireType(MessageType t) {
  switch (t) {
    case MessageType::kOffer: return "Offer";
    case MessageType::kAccept: return "Accept";
    case MessageType::kReject: return "Reject";
    case MessageType::kWithdraw: return "Undo";
    case MessageType::kHandover: return "Create";
  }
  return "?";
}

#define KIN_TRY_ASSIGN(lhs, expr)             \
  do {                                        \
    auto kin_r_ = (expr);                     \
    if (!kin_r_.ok()) return kin_r_.status(); \
    lhs = std::move(kin_r_).value();          \
  } while (0)

}  // namespace

bool IsEscalationMessage(const json::value& v) { return v.is_object() && v.get_object().contains("escalation"); }

json::object EscalationMessageJson(const EscalationMessage& m) {
  json::object a{
      {"@context", EscalationContext()},
      {"id", m.id},
      {"type", WireType(m.type)},
      {"actor", m.from},
      {"to", json::array{m.to}},
      {"escalation", m.escalation},
      {"origin", m.origin},
  };
  if (!m.taker.empty()) a["taker"] = m.taker;
  switch (m.type) {
    case MessageType::kOffer: {
      json::object proposal = ProposalJson(m.need, HubUrls{m.origin, "", ""});
      json::object need;  // the Proposal, known by the escalation id, addressed to the neighbour only
      for (const auto& [key, value] : proposal) {
        if (key == "@context") continue;
        if (key == "id") need["id"] = m.escalation;
        else if (key == "to") need["to"] = json::array{m.to};
        else need[key] = value;
      }
      need["publishes"].as_object()["id"] = m.escalation + "#primary";
      a["object"] = std::move(need);
      a["hops"] = m.hops;
      json::array seen;
      for (const auto& s : m.seen) seen.push_back(json::value(s));
      a["seen"] = std::move(seen);
      break;
    }
    case MessageType::kAccept:
      a["object"] = m.escalation;
      break;
    case MessageType::kReject:
      a["object"] = m.escalation;
      a["reason"] = RejectReasonName(m.reason);
      break;
    case MessageType::kWithdraw:
      a["object"] = json::object{{"type", "Offer"}, {"actor", m.origin}, {"object", m.escalation}};
      break;
    case MessageType::kHandover:
      a["object"] = json::object{{"id", m.id + "#contact"},
                                 // A Document to every ActivityStreams reader (Fedify refuses a Create of an
                                 // object of no ActivityStreams type), a ContactHandover to kin.
                                 {"type", json::array{"Document", "ContactHandover"}},
                                 {"taker", m.taker},
                                 {"mediaType", "application/x-libsodium-sealed-box"},
                                 {"sealedContact", m.sealed_contact}};
      break;
  }
  return a;
}

Result<EscalationMessage> ReadEscalationMessage(const json::value& value) {
  if (!value.is_object()) return Status::InvalidField("activity", "must be a JSON object");
  const json::object& o = value.get_object();
  EscalationMessage m;
  std::string type;
  KIN_TRY_ASSIGN(type, StringOrId(o, "type", "type", true));
  if (type == "Offer") m.type = MessageType::kOffer;
  else if (type == "Accept") m.type = MessageType::kAccept;
  else if (type == "Reject") m.type = MessageType::kReject;
  else if (type == "Undo") m.type = MessageType::kWithdraw;
  else if (type == "Create") m.type = MessageType::kHandover;
  else return Status::InvalidField("type", "must be Offer, Accept, Reject, Undo or Create");
  KIN_TRY_ASSIGN(m.id, StringOrId(o, "id", "id", true));
  KIN_TRY_ASSIGN(m.from, StringOrId(o, "actor", "actor", true));
  KIN_TRY_ASSIGN(m.to, StringOrId(o, "to", "to", true));
  KIN_TRY_ASSIGN(m.escalation, StringOrId(o, "escalation", "escalation", true));
  KIN_TRY_ASSIGN(m.origin, StringOrId(o, "origin", "origin", true));
  KIN_TRY_ASSIGN(m.taker, StringOrId(o, "taker", "taker", false));
  // Who may say what: the activity comes from its actor's host, and the need belongs to its home hub's.
  if (UrlOrigin(m.from).empty()) return Status::InvalidField("actor", "must be an http(s) URL");
  if (UrlOrigin(m.id) != UrlOrigin(m.from)) {
    return Status::InvalidField("id", "must be on the same host as the activity's actor");
  }
  if (UrlOrigin(m.escalation).empty() || UrlOrigin(m.escalation) != UrlOrigin(m.origin)) {
    return Status::InvalidField("escalation", "must be a URL on the home hub's (origin's) host");
  }
  const json::value* object = o.if_contains("object");
  if (!object || object->is_null()) return Status::InvalidField("object", "is required");

  switch (m.type) {
    case MessageType::kOffer: {
      const json::value* hops = o.if_contains("hops");
      if (!hops || !hops->is_int64() || hops->get_int64() < 1 || hops->get_int64() > 100) {
        return Status::InvalidField("hops", "must be a whole number from 1 to 100");
      }
      m.hops = static_cast<int>(hops->get_int64());
      const json::value* seen = o.if_contains("seen");
      if (!seen || !seen->is_array()) return Status::InvalidField("seen", "must be a list of actor ids");
      for (const auto& s : seen->get_array()) {
        if (!s.is_string()) return Status::InvalidField("seen", "must be a list of actor ids");
        m.seen.emplace_back(s.get_string());
      }
      auto need = ReadProposal(*object);
      if (!need.ok()) {
        std::vector<FieldError> fields;
        for (const FieldError& f : need.status().fields()) fields.push_back({"object." + f.field, f.message});
        if (fields.empty()) return need.status();
        std::string summary = fields.front().field + ": " + fields.front().message;
        return Status::Invalid(std::move(summary), std::move(fields));
      }
      if (need->id != m.escalation) return Status::InvalidField("object.id", "must be the escalation id");
      if (need->item.kind != SharedKind::kNeed) return Status::InvalidField("object.purpose", "must be request");
      m.need = std::move(need).value().item;
      break;
    }
    case MessageType::kAccept:
    case MessageType::kReject: {
      std::string about;
      KIN_TRY_ASSIGN(about, StringOrId(o, "object", "object", true));
      if (about != m.escalation) return Status::InvalidField("object", "must be the escalation id");
      if (m.type == MessageType::kAccept && m.taker.empty()) return Status::InvalidField("taker", "is required");
      if (m.type == MessageType::kReject) {
        std::string reason;
        KIN_TRY_ASSIGN(reason, StringOrId(o, "reason", "reason", true));
        auto parsed = ParseRejectReason(reason);
        if (!parsed) {
          return Status::InvalidField("reason", "must be declined, duplicate, origin, hop-limit, taken or closed");
        }
        m.reason = *parsed;
      }
      break;
    }
    case MessageType::kWithdraw: {
      if (!object->is_object()) return Status::InvalidField("object", "must be the withdrawn Offer");
      std::string inner_type, about;
      KIN_TRY_ASSIGN(inner_type, StringOrId(object->get_object(), "type", "object.type", true));
      KIN_TRY_ASSIGN(about, StringOrId(object->get_object(), "object", "object.object", true));
      if (inner_type != "Offer") return Status::InvalidField("object.type", "must be Offer");
      if (about != m.escalation) return Status::InvalidField("object.object", "must be the escalation id");
      break;
    }
    case MessageType::kHandover: {
      if (!object->is_object()) return Status::InvalidField("object", "must be a ContactHandover");
      const json::object& h = object->get_object();
      std::string taker;
      if (!HasType(h, "ContactHandover")) return Status::InvalidField("object.type", "must be ContactHandover");
      KIN_TRY_ASSIGN(taker, StringOrId(h, "taker", "object.taker", true));
      if (taker != m.taker) return Status::InvalidField("object.taker", "must match the activity's taker");
      KIN_TRY_ASSIGN(m.sealed_contact, StringOrId(h, "sealedContact", "object.sealedContact", true));
      if (m.sealed_contact.empty()) return Status::InvalidField("object.sealedContact", "is required");
      break;
    }
  }
  return m;
}

}  // namespace kin::federation
