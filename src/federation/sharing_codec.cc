#include "federation/sharing_codec.h"

#include <charconv>
#include <cmath>

#include <boost/json.hpp>

#include "federation/as_fields.h"
#include "federation/json_text.h"
#include "federation/note_text.h"

namespace kin::federation {
namespace json = boost::json;

namespace {

// ValueFlows actions: services are delivered, things are transferred. Hub categories are the hub's own words, so
// only the default service categories map to deliverService.
const char* ActionFor(const std::string& category) {
  for (const char* service : {"rides", "childcare", "medical", "shelter", "care", "delivery"}) {
    if (category == service) return "deliverService";
  }
  return "transfer";
}

json::object Measure(double value, const std::string& unit) {
  return {{"hasUnit", unit}, {"hasNumericalValue", DecimalText(value)}};
}

json::array Audience(const HubUrls& urls) { return {kPublicAddress, urls.followers}; }

std::string KindPath(SharedKind kind) { return kind == SharedKind::kOffer ? "/offers/" : "/needs/"; }

// --- reading ---

const json::value* Find(const json::object& o, const char* key) { return o.if_contains(key); }

// A string property, or the first string of an array (JSON-LD lets one value be either).
Result<std::string> String(const json::object& o, const char* key, const std::string& field, bool required) {
  const json::value* v = Find(o, key);
  if (v && v->is_array() && !v->get_array().empty()) v = &v->get_array().front();
  return StringOrIdValue(v, field, required);
}

Result<const json::object*> Object(const json::object& o, const char* key, const std::string& field,
                                   bool required) {
  const json::value* v = Find(o, key);
  if (!v || v->is_null()) {
    if (required) return Status::InvalidField(field, "is required");
    return static_cast<const json::object*>(nullptr);
  }
  if (!v->is_object()) return Status::InvalidField(field, "must be an object");
  return &v->get_object();
}

// xsd:decimal text (FEP-0837) or a JSON number, as some servers send.
Result<double> Decimal(const json::object& o, const char* key, const std::string& field) {
  const json::value* v = Find(o, key);
  if (!v) return Status::InvalidField(field, "is required");
  if (v->is_int64()) return double(v->get_int64());
  if (v->is_uint64()) return double(v->get_uint64());
  if (v->is_double()) return v->get_double();
  if (!v->is_string()) return Status::InvalidField(field, "must be a decimal number such as \"2.5\"");
  std::string_view s = v->get_string();
  double out = 0;
  auto r = std::from_chars(s.data(), s.data() + s.size(), out, std::chars_format::fixed);
  if (s.empty() || r.ec != std::errc() || r.ptr != s.data() + s.size() || !std::isfinite(out)) {
    return Status::InvalidField(field, "must be a decimal number such as \"2.5\"");
  }
  return out;
}

Result<double> Number(const json::object& o, const char* key, const std::string& field) {
  const json::value* v = Find(o, key);
  if (!v) return Status::InvalidField(field, "is required");
  if (v->is_int64()) return double(v->get_int64());
  if (v->is_uint64()) return double(v->get_uint64());
  if (v->is_double()) return v->get_double();
  return Status::InvalidField(field, "must be a number");
}

// The last path segment of a URL: the local id of a Proposal, the category of a resourceConformsTo.
std::string LastSegment(const std::string& url) {
  auto slash = url.find_last_of('/');
  return slash == std::string::npos ? url : url.substr(slash + 1);
}

// Undoes EscapeHtml, for the plain text kin itself published; markup from other servers stays as sent.
std::string UnescapeHtml(const std::string& html) {
  std::string out;
  for (size_t i = 0; i < html.size(); ++i) {
    bool replaced = false;
    for (auto [entity, c] : {std::pair{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'}, {"&quot;", '"'}, {"&#39;", '\''}}) {
      std::string_view e(entity);
      if (html.compare(i, e.size(), e) == 0) {
        out += c;
        i += e.size() - 1;
        replaced = true;
        break;
      }
    }
    if (!replaced) out += html[i];
  }
  return out;
}

#define KIN_TRY_ASSIGN(lhs, expr)          \
  do {                                     \
    auto kin_r_ = (expr);                  \
    if (!kin_r_.ok()) return kin_r_.status(); \
    lhs = std::move(kin_r_).value();       \
  } while (0)

}  // namespace

std::string ProposalId(const SharedItem& item, const HubUrls& urls) {
  return urls.objects_base + KindPath(item.kind) + item.local_id;
}

std::string NoteId(const SharedItem& item, const HubUrls& urls) { return ProposalId(item, urls) + "/note"; }

json::value SharingContext() {
  return json::array{
      "https://www.w3.org/ns/activitystreams",
      json::object{
          {"vf", "https://w3id.org/valueflows/ont/vf#"},
          {"om2", "http://www.ontology-of-units-of-measure.org/resource/om-2/"},
          {"kin", "https://w3id.org/kin/ns#"},
          {"Proposal", "vf:Proposal"},
          {"Intent", "vf:Intent"},
          {"purpose", "vf:purpose"},
          {"unitBased", "vf:unitBased"},
          {"publishes", "vf:publishes"},
          {"reciprocal", "vf:reciprocal"},
          {"action", "vf:action"},
          {"resourceConformsTo", json::object{{"@id", "vf:resourceConformsTo"}, {"@type", "@id"}}},
          {"resourceClassifiedAs", "vf:resourceClassifiedAs"},
          {"resourceQuantity", "vf:resourceQuantity"},
          {"availableQuantity", "vf:availableQuantity"},
          {"minimumQuantity", "vf:minimumQuantity"},
          {"hasUnit", "om2:hasUnit"},
          {"hasNumericalValue", "om2:hasNumericalValue"},
          {"urgency", "kin:urgency"},
          {"period", "kin:period"},
      }};
}

json::object ProposalJson(const SharedItem& item, const HubUrls& urls) {
  const std::string id = ProposalId(item, urls);
  json::object intent{
      {"id", id + "#primary"},
      {"type", "Intent"},
      {"action", ActionFor(item.category)},
      {"resourceConformsTo", urls.actor + "/categories/" + item.category},
      {"resourceClassifiedAs", json::array{item.category}},
      {"resourceQuantity", Measure(item.quantity, item.unit)},
  };
  if (item.available) intent["availableQuantity"] = Measure(*item.available, item.unit);

  json::object proposal{
      {"@context", SharingContext()},
      {"id", id},
      {"type", "Proposal"},
      {"attributedTo", urls.actor},
      {"name", SharedItemTitle(item)},
      {"nameMap", json::object{{NoteLanguage(item), SharedItemTitle(item)}}},
      {"purpose", SharedKindPurpose(item.kind)},
      {"unitBased", false},
      {"publishes", std::move(intent)},
      {"published", Rfc3339(item.published)},
      {"updated", Rfc3339(item.updated)},
      {"to", Audience(urls)},
  };
  if (!item.public_text.empty()) proposal["content"] = EscapeHtml(item.public_text);
  if (!item.period.empty()) proposal["period"] = item.period;
  if (!item.urgency.empty()) proposal["urgency"] = item.urgency;
  if (item.area) {
    proposal["location"] = json::object{
        {"type", "Place"},
        {"name", NoteLanguage(item) == "es" ? "zona aproximada" : "approximate area"},
        {"latitude", item.area->center.lat},
        {"longitude", item.area->center.lon},
        {"radius", item.area->radius_m},
        {"units", "m"},
    };
  }
  return proposal;
}

json::object NoteJson(const SharedItem& item, const HubUrls& urls) {
  const std::string html = SharedItemNoteHtml(item);
  return {
      {"@context", "https://www.w3.org/ns/activitystreams"},
      {"id", NoteId(item, urls)},
      {"type", "Note"},
      {"attributedTo", urls.actor},
      {"content", html},
      {"contentMap", json::object{{NoteLanguage(item), html}}},
      {"url", ProposalId(item, urls)},
      {"published", Rfc3339(item.published)},
      {"to", Audience(urls)},
  };
}

json::object SharingActivityJson(SharingVerb verb, const SharedItem& item, const HubUrls& urls,
                                 const json::object& object) {
  // The object's @context moves up to the activity. (json::object::erase reorders keys, so copy instead.)
  json::object inner;
  json::value context = json::value("https://www.w3.org/ns/activitystreams");
  for (const auto& [key, value] : object) {
    if (key == "@context") context = value;
    else inner[key] = value;
  }
  const std::string object_id = inner.contains("id") ? std::string(inner["id"].as_string()) : "";
  const char* type = verb == SharingVerb::kCreate ? "Create" : verb == SharingVerb::kUpdate ? "Update" : "Delete";
  std::string id = object_id + "#" + (verb == SharingVerb::kCreate   ? "create"
                                      : verb == SharingVerb::kUpdate ? "update-" + std::to_string(
                                                                           item.updated.time_since_epoch().count())
                                                                     : "delete");
  json::object activity{
      {"@context", std::move(context)},
      {"id", id},
      {"type", type},
      {"actor", urls.actor},
      {"published", Rfc3339(verb == SharingVerb::kCreate ? item.published : item.updated)},
      {"to", Audience(urls)},
  };
  if (verb == SharingVerb::kDelete) {
    activity["object"] = json::object{{"id", object_id}, {"type", "Tombstone"}, {"formerType", inner["type"]}};
  } else {
    activity["object"] = std::move(inner);
  }
  return activity;
}

Result<ReadProposalResult> ReadProposal(const json::value& value) {
  if (!value.is_object()) return Status::InvalidField("object", "must be a JSON object");
  const json::object& o = value.as_object();
  if (!HasType(o, "Proposal")) return Status::InvalidField("type", "must be Proposal");
  ReadProposalResult out;
  SharedItem& item = out.item;
  KIN_TRY_ASSIGN(out.id, String(o, "id", "id", true));
  KIN_TRY_ASSIGN(out.attributed_to, String(o, "attributedTo", "attributedTo", true));
  std::string purpose;
  KIN_TRY_ASSIGN(purpose, String(o, "purpose", "purpose", true));
  auto kind = ParseSharedKindPurpose(purpose);
  if (!kind) return Status::InvalidField("purpose", "must be \"offer\" or \"request\"");
  item.kind = *kind;
  item.local_id = out.id;

  const json::object* intent = nullptr;
  KIN_TRY_ASSIGN(intent, Object(o, "publishes", "publishes", true));
  if (!HasType(*intent, "Intent")) return Status::InvalidField("publishes.type", "must be Intent");
  std::string classified, conforms;
  KIN_TRY_ASSIGN(classified, String(*intent, "resourceClassifiedAs", "publishes.resourceClassifiedAs", false));
  KIN_TRY_ASSIGN(conforms, String(*intent, "resourceConformsTo", "publishes.resourceConformsTo", false));
  item.category = !classified.empty() ? classified : LastSegment(conforms);
  if (item.category.empty()) {
    return Status::InvalidField("publishes.resourceClassifiedAs", "a category is required (or resourceConformsTo)");
  }
  const json::object* quantity = nullptr;
  KIN_TRY_ASSIGN(quantity, Object(*intent, "resourceQuantity", "publishes.resourceQuantity", true));
  KIN_TRY_ASSIGN(item.unit, String(*quantity, "hasUnit", "publishes.resourceQuantity.hasUnit", true));
  KIN_TRY_ASSIGN(item.quantity,
                 Decimal(*quantity, "hasNumericalValue", "publishes.resourceQuantity.hasNumericalValue"));
  const json::object* available = nullptr;
  KIN_TRY_ASSIGN(available, Object(*intent, "availableQuantity", "publishes.availableQuantity", false));
  if (available) {
    KIN_TRY_ASSIGN(item.available,
                   Decimal(*available, "hasNumericalValue", "publishes.availableQuantity.hasNumericalValue"));
  }

  KIN_TRY_ASSIGN(item.period, String(o, "period", "period", false));
  KIN_TRY_ASSIGN(item.urgency, String(o, "urgency", "urgency", false));
  std::string content, published, updated;
  KIN_TRY_ASSIGN(content, String(o, "content", "content", false));
  item.public_text = UnescapeHtml(content);
  KIN_TRY_ASSIGN(published, String(o, "published", "published", true));
  KIN_TRY_ASSIGN(item.published, ParseRfc3339(published, "published"));
  KIN_TRY_ASSIGN(updated, String(o, "updated", "updated", false));
  if (updated.empty()) {
    item.updated = item.published;
  } else {
    KIN_TRY_ASSIGN(item.updated, ParseRfc3339(updated, "updated"));
  }

  const json::object* place = nullptr;
  KIN_TRY_ASSIGN(place, Object(o, "location", "location", false));
  if (place) {
    SharedArea area;
    KIN_TRY_ASSIGN(area.center.lat, Number(*place, "latitude", "location.latitude"));
    KIN_TRY_ASSIGN(area.center.lon, Number(*place, "longitude", "location.longitude"));
    KIN_TRY_ASSIGN(area.radius_m, Number(*place, "radius", "location.radius"));
    std::string units;
    KIN_TRY_ASSIGN(units, String(*place, "units", "location.units", false));
    if (units == "km") area.radius_m *= 1000;
    else if (!units.empty() && units != "m") return Status::InvalidField("location.units", "must be m or km");
    item.area = area;
  }
  // The language is the one its name is written in (nameMap), as the hub wrote it.
  if (const json::value* names = Find(o, "nameMap"); names && names->is_object() && !names->get_object().empty()) {
    item.language = std::string(names->get_object().begin()->key());
  }
  if (Status s = ValidateSharedItem(item); !s.ok()) return s;
  return out;
}

Result<ReadSharingActivityResult> ReadSharingActivity(const json::value& value) {
  if (!value.is_object()) return Status::InvalidField("activity", "must be a JSON object");
  const json::object& o = value.as_object();
  ReadSharingActivityResult out;
  if (HasType(o, "Create")) out.verb = SharingVerb::kCreate;
  else if (HasType(o, "Update")) out.verb = SharingVerb::kUpdate;
  else if (HasType(o, "Delete")) out.verb = SharingVerb::kDelete;
  else return Status::InvalidField("type", "must be Create, Update or Delete");
  KIN_TRY_ASSIGN(out.id, String(o, "id", "id", true));
  KIN_TRY_ASSIGN(out.actor, String(o, "actor", "actor", true));
  if (UrlOrigin(out.actor).empty()) return Status::InvalidField("actor", "must be an http(s) URL");
  if (UrlOrigin(out.id) != UrlOrigin(out.actor)) {
    return Status::InvalidField("id", "must be on the same host as the activity's actor");
  }
  const json::value* object = Find(o, "object");
  if (!object || object->is_null()) return Status::InvalidField("object", "is required");
  if (out.verb == SharingVerb::kDelete) {
    if (object->is_string()) {
      out.deleted_id = std::string(object->get_string());
    } else {
      KIN_TRY_ASSIGN(out.deleted_id, String(o, "object", "object.id", true));
    }
    if (out.deleted_id.empty()) return Status::InvalidField("object.id", "is required");
    if (UrlOrigin(out.deleted_id) != UrlOrigin(out.actor)) {
      return Status::InvalidField("object.id", "must be on the same host as the activity's actor");
    }
    return out;
  }
  auto proposal = ReadProposal(*object);
  if (!proposal.ok()) {
    // Name the field from the activity's point of view: "object.publishes...".
    std::vector<FieldError> fields;
    for (const FieldError& f : proposal.status().fields()) fields.push_back({"object." + f.field, f.message});
    if (fields.empty()) return proposal.status();
    std::string summary = fields.front().field + ": " + fields.front().message;
    return Status::Invalid(std::move(summary), std::move(fields));
  }
  if (proposal->attributed_to != out.actor) {
    return Status::InvalidField("object.attributedTo", "must be the activity's actor");
  }
  if (UrlOrigin(proposal->id) != UrlOrigin(out.actor)) {
    return Status::InvalidField("object.id", "must be on the same host as the activity's actor");
  }
  out.proposal = std::move(proposal).value();
  return out;
}

}  // namespace kin::federation
