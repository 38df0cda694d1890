#include "federation/activity_json.h"

#include <boost/json.hpp>

#include <cctype>
#include <cmath>

namespace kin::federation {
namespace json = boost::json;
namespace {

constexpr const char* kAsContext = "https://www.w3.org/ns/activitystreams";
constexpr const char* kSecurityContext = "https://w3id.org/security/v1";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Two decimals (about a kilometre): the hub's area is public, but no finer than it needs to be.
double Coarse(double degrees) { return std::round(degrees * 100) / 100; }

json::value Follow(const FollowRef& f) {
  return json::object{{"id", f.id}, {"type", "Follow"}, {"actor", f.actor}, {"object", f.object}};
}

// A string, or the "id" of an object: how ActivityStreams lets a property name another document.
std::string IdOf(const json::value* v) {
  if (!v) return "";
  if (v->is_string()) return std::string(v->as_string());
  if (v->is_object()) {
    const json::value* id = v->as_object().if_contains("id");
    if (id && id->is_string()) return std::string(id->as_string());
  }
  return "";
}

// A "type" may be a string or an array of strings; the first counts.
std::string TypeOf(const json::object& o) {
  const json::value* t = o.if_contains("type");
  if (!t) return "";
  if (t->is_string()) return std::string(t->as_string());
  if (t->is_array() && !t->as_array().empty() && t->as_array()[0].is_string()) {
    return std::string(t->as_array()[0].as_string());
  }
  return "";
}

Result<json::object> ParseObject(std::string_view body, const char* what) {
  json::error_code ec;
  json::value v = json::parse(body, ec);
  if (ec) return Status::Invalid(std::string(what) + " is not JSON: " + ec.message());
  if (!v.is_object()) return Status::Invalid(std::string(what) + " is not a JSON object");
  return std::move(v.as_object());
}

std::string StringField(const json::object& o, const char* name) {
  const json::value* v = o.if_contains(name);
  return v && v->is_string() ? std::string(v->as_string()) : "";
}

}  // namespace

bool IsActivityMediaType(std::string_view content_type) {
  std::string type = Lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && type.back() == ' ') type.pop_back();
  return type == "application/activity+json" || type == "application/ld+json" || type == "application/json";
}

std::string ActorJson(const ActorDescription& a) {
  json::object o;
  o["@context"] = json::array{kAsContext, kSecurityContext,
                              json::object{{"manuallyApprovesFollowers", "as:manuallyApprovesFollowers"}}};
  o["id"] = a.id;
  o["type"] = a.type;
  o["preferredUsername"] = a.preferred_username;
  o["name"] = a.name;
  if (!a.summary.empty()) o["summary"] = a.summary;
  if (!a.url.empty()) o["url"] = a.url;
  o["inbox"] = a.inbox;
  o["outbox"] = a.outbox;
  if (!a.followers.empty()) o["followers"] = a.followers;
  if (!a.following.empty()) o["following"] = a.following;
  o["manuallyApprovesFollowers"] = a.manually_approves_followers;
  o["endpoints"] = json::object{{"sharedInbox", a.shared_inbox}};
  o["publicKey"] = json::object{{"id", a.key_id}, {"owner", a.id}, {"publicKeyPem", a.public_pem}};
  if (a.area_center) {
    o["location"] = json::object{{"type", "Place"},
                                 {"latitude", Coarse(a.area_center->lat)},
                                 {"longitude", Coarse(a.area_center->lon)},
                                 {"radius", a.area_radius_km},
                                 {"units", "km"}};
  }
  // kin's directory terms, declared in the context so JSON-LD readers see them as kin's, not as stray words.
  bool kin_terms = false;
  for (const auto& [name, words] : {std::pair{"categories", &a.categories}, std::pair{"languages", &a.languages}}) {
    if (words->empty()) continue;
    json::array list;
    for (const std::string& w : *words) list.push_back(json::value(w));
    o[name] = std::move(list);
    kin_terms = true;
  }
  if (kin_terms) {
    o["@context"].as_array().back().as_object().insert(
        {{"kin", "https://w3id.org/kin/ns#"}, {"categories", "kin:categories"}, {"languages", "kin:languages"}});
  }
  return json::serialize(o);
}

std::string WebFingerJson(const std::string& subject, const std::string& actor_id, const std::string& html_url) {
  json::array links;
  links.push_back(json::object{{"rel", "self"}, {"type", kActivityJson}, {"href", actor_id}});
  if (!html_url.empty()) {
    links.push_back(
        json::object{{"rel", "http://webfinger.net/rel/profile-page"}, {"type", "text/html"}, {"href", html_url}});
  }
  json::array aliases{json::value(actor_id)};
  if (!html_url.empty()) aliases.push_back(json::value(html_url));
  return json::serialize(json::object{{"subject", subject}, {"aliases", aliases}, {"links", links}});
}

std::string OrderedCollectionJson(const std::string& id, int64_t total_items,
                                  const std::optional<std::vector<std::string>>& items_json) {
  json::object o{{"@context", kAsContext}, {"id", id}, {"type", "OrderedCollection"}, {"totalItems", total_items}};
  if (items_json) {
    json::array items;
    for (const std::string& item : *items_json) {
      json::error_code ec;
      json::value v = json::parse(item, ec);
      if (!ec) items.push_back(std::move(v));
    }
    o["orderedItems"] = std::move(items);
  }
  return json::serialize(o);
}

std::string FollowJson(const FollowRef& follow) {
  return json::serialize(json::object{
      {"@context", kAsContext}, {"id", follow.id}, {"type", "Follow"}, {"actor", follow.actor},
      {"object", follow.object}});
}

std::string AnswerJson(const std::string& type, const std::string& id, const std::string& actor,
                       const FollowRef& follow) {
  return json::serialize(json::object{
      {"@context", kAsContext}, {"id", id}, {"type", type}, {"actor", actor}, {"object", Follow(follow)}});
}

std::string UndoJson(const std::string& id, const FollowRef& follow) {
  return json::serialize(json::object{
      {"@context", kAsContext}, {"id", id}, {"type", "Undo"}, {"actor", follow.actor}, {"object", Follow(follow)}});
}

Result<RemoteActor> ParseActorDocument(std::string_view body) {
  Result<json::object> parsed = ParseObject(body, "the actor document");
  if (!parsed.ok()) return parsed.status();
  const json::object& o = *parsed;
  RemoteActor a;
  a.id = StringField(o, "id");
  a.type = TypeOf(o);
  a.inbox = StringField(o, "inbox");
  a.preferred_username = StringField(o, "preferredUsername");
  a.name = StringField(o, "name");
  if (const json::value* e = o.if_contains("endpoints"); e && e->is_object()) {
    a.shared_inbox = StringField(e->as_object(), "sharedInbox");
  }
  if (a.id.empty()) return Status::InvalidField("id", "the actor document has no id");
  if (a.type.empty()) return Status::InvalidField("type", "the actor document has no type");
  if (a.inbox.empty()) return Status::InvalidField("inbox", "the actor document has no inbox");
  const json::value* key = o.if_contains("publicKey");
  // Some servers publish an array of keys; the first RSA one is the signing key.
  if (key && key->is_array() && !key->as_array().empty()) key = &key->as_array()[0];
  if (!key || !key->is_object()) return Status::InvalidField("publicKey", "the actor document has no publicKey");
  a.key_id = StringField(key->as_object(), "id");
  a.public_pem = StringField(key->as_object(), "publicKeyPem");
  std::string owner = StringField(key->as_object(), "owner");
  if (a.key_id.empty()) return Status::InvalidField("publicKey.id", "the public key has no id");
  if (a.public_pem.empty()) return Status::InvalidField("publicKey.publicKeyPem", "the public key has no PEM");
  if (owner != a.id) return Status::InvalidField("publicKey.owner", "the public key is not owned by the actor");
  return a;
}

Result<std::string> ParseWebFingerSelf(std::string_view body) {
  Result<json::object> parsed = ParseObject(body, "the WebFinger answer");
  if (!parsed.ok()) return parsed.status();
  const json::value* links = parsed->if_contains("links");
  if (!links || !links->is_array()) return Status::InvalidField("links", "the WebFinger answer has no links");
  for (const json::value& link : links->as_array()) {
    if (!link.is_object()) continue;
    const json::object& l = link.as_object();
    if (StringField(l, "rel") != "self") continue;
    if (!IsActivityMediaType(StringField(l, "type"))) continue;
    std::string href = StringField(l, "href");
    if (!href.empty()) return href;
  }
  return Status::InvalidField("links", "the WebFinger answer has no ActivityPub self link");
}

Result<IncomingActivity> ParseActivity(std::string_view body) {
  Result<json::object> parsed = ParseObject(body, "the activity");
  if (!parsed.ok()) return parsed.status();
  const json::object& o = *parsed;
  IncomingActivity a;
  a.id = StringField(o, "id");
  a.type = TypeOf(o);
  a.actor = IdOf(o.if_contains("actor"));
  for (const auto& property : o) a.properties.emplace_back(property.key());
  if (a.id.empty()) return Status::InvalidField("id", "the activity has no id");
  if (a.type.empty()) return Status::InvalidField("type", "the activity has no type");
  if (a.actor.empty()) return Status::InvalidField("actor", "the activity has no actor");
  const json::value* object = o.if_contains("object");
  if (!object) return Status::InvalidField("object", "the activity has no object");
  a.object_id = IdOf(object);
  if (object->is_object()) {
    const json::object& inner = object->as_object();
    a.object_embedded = true;
    a.object_type = TypeOf(inner);
    a.object_author = IdOf(inner.if_contains("actor"));
    if (a.object_author.empty()) a.object_author = IdOf(inner.if_contains("attributedTo"));
    a.object_object = IdOf(inner.if_contains("object"));
  } else if (!object->is_string()) {
    return Status::InvalidField("object", "the activity's object is neither a URL nor an object");
  }
  return a;
}

}  // namespace kin::federation
