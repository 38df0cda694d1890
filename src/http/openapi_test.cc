// The OpenAPI document (src/http/openapi.json) against the real route table: every route is documented with its
// operationId and path parameters, nothing documented is missing from the server, and every $ref resolves.
#include <gtest/gtest.h>
#include <stdlib.h>

#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "app/app.h"
#include "app/clock.h"
#include "crypto/secret_box.h"
#include "http/service.h"
#include "store/sqlite_store.h"

namespace kin::http {
namespace {

namespace json = boost::json;

// The operation keys of an OpenAPI path item; anything else there ("parameters", "summary", ...) is not a route.
const std::set<std::string, std::less<>> kMethods = {"get", "put", "post", "delete", "options", "head", "patch",
                                                     "trace"};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

json::value ParseDocument() {
  json::error_code ec;
  json::value doc = json::parse(OpenApiDocument(), ec);
  EXPECT_FALSE(ec) << "openapi.json is not valid JSON: " << ec.message();
  return doc;
}

// Follows a local JSON pointer ("#/components/schemas/Need"); null when it leads nowhere.
const json::value* Resolve(const json::value& doc, std::string_view ref) {
  if (ref.substr(0, 2) != "#/") return nullptr;
  const json::value* at = &doc;
  std::string_view rest = ref.substr(2);
  while (true) {
    size_t slash = rest.find('/');
    std::string token(rest.substr(0, slash));
    for (size_t i = 0; (i = token.find('~', i)) != std::string::npos; ++i) {
      if (i + 1 >= token.size() || (token[i + 1] != '0' && token[i + 1] != '1')) return nullptr;
      token.replace(i, 2, token[i + 1] == '0' ? "~" : "/");
    }
    if (!at->is_object()) return nullptr;
    at = at->as_object().if_contains(token);
    if (!at) return nullptr;
    if (slash == std::string_view::npos) return at;
    rest = rest.substr(slash + 1);
  }
}

void CollectRefs(const json::value& v, const std::string& where, std::vector<std::pair<std::string, std::string>>& out) {
  if (v.is_object()) {
    for (const auto& kv : v.as_object()) {
      std::string key(kv.key());
      for (size_t i = 0; i < key.size(); ++i) {
        if (key[i] == '~' || key[i] == '/') key.replace(i, 1, key[i] == '~' ? "~0" : "~1");
      }
      std::string here = where + "/" + key;
      if (kv.key() == "$ref") {
        out.emplace_back(here, kv.value().is_string() ? std::string(kv.value().as_string()) : "<not a string>");
      } else {
        CollectRefs(kv.value(), here, out);
      }
    }
  } else if (v.is_array()) {
    const json::array& a = v.as_array();
    for (size_t i = 0; i < a.size(); ++i) CollectRefs(a[i], where + "/" + std::to_string(i), out);
  }
}

// A real service over a real (empty) SQLite store, so the route table is exactly what the server serves.
class OpenApi : public ::testing::Test {
 protected:
  static SecretKeyBytes TestKey() {
    SecretKeyBytes key;
    for (size_t i = 0; i < key.size(); ++i) key[i] = static_cast<unsigned char>(i * 13 + 5);
    return key;
  }

  void SetUp() override {
    std::string templ = ::testing::TempDir() + "/kin-openapi-XXXXXX";
    ASSERT_NE(::mkdtemp(templ.data()), nullptr);
    dir_ = templ;
    Result<std::unique_ptr<Store>> store = OpenSqliteStore(SqliteOptions{dir_ + "/kin.db", &box_});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
    app_ = std::make_unique<App>(*store_, clock_);
    service_ = std::make_unique<HttpService>(*app_, ServiceOptions{});
    doc_ = ParseDocument();
    ASSERT_TRUE(doc_.is_object());
    const json::value* paths = doc_.as_object().if_contains("paths");
    ASSERT_TRUE(paths && paths->is_object()) << "the document has no paths object";
    paths_ = &paths->as_object();
  }

  void TearDown() override {
    service_.reset();
    app_.reset();
    store_.reset();
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
  }

  const std::vector<Route>& routes() const { return service_->router().routes(); }

  // The operation object of a route, or null.
  const json::object* Operation(const Route& route) const {
    const json::value* item = paths_->if_contains(route.pattern);
    if (!item || !item->is_object()) return nullptr;
    const json::value* op = item->as_object().if_contains(Lower(route.method));
    return op && op->is_object() ? &op->as_object() : nullptr;
  }

  SecretBox box_{TestKey()};
  SystemClock clock_;
  std::string dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<App> app_;
  std::unique_ptr<HttpService> service_;
  json::value doc_;
  const json::object* paths_ = nullptr;
};

TEST_F(OpenApi, IsOpenApi31WithTitleAndVersion) {
  const json::value& doc = doc_;
  ASSERT_TRUE(doc.is_object());
  const json::object& o = doc.as_object();
  ASSERT_TRUE(o.contains("openapi"));
  EXPECT_EQ(o.at("openapi"), json::value("3.1.0"));
  ASSERT_TRUE(o.contains("info") && o.at("info").is_object());
  EXPECT_EQ(o.at("info").as_object().at("title"), json::value("kin"));
  EXPECT_TRUE(o.at("info").as_object().contains("version"));
}

TEST_F(OpenApi, IsServedAtItsRoute) {
  Request request;
  request.method = "GET";
  request.path = "/api/v1/openapi.json";
  Response response = service_->Handle(request);
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.body, OpenApiDocument());
}

TEST_F(OpenApi, DocumentsEveryRoute) {
  ASSERT_GT(routes().size(), 30u) << "the route table looks empty";
  for (const Route& route : routes()) {
    const json::object* op = Operation(route);
    EXPECT_TRUE(op) << "route " << route.method << " " << route.pattern << " (" << route.name
                    << ") is missing from src/http/openapi.json: add paths[\"" << route.pattern << "\"][\""
                    << Lower(route.method) << "\"]";
    if (!op) continue;
    std::string id = route.name;
    for (char& c : id) c = c == '.' ? '_' : c;
    const json::value* operation_id = op->if_contains("operationId");
    EXPECT_TRUE(operation_id && *operation_id == json::value(id))
        << route.method << " " << route.pattern << " should have operationId \"" << id << "\"";
    EXPECT_TRUE(op->contains("responses")) << route.method << " " << route.pattern << " documents no responses";
  }
}

TEST_F(OpenApi, DocumentsNoRouteThatDoesNotExist) {
  std::set<std::pair<std::string, std::string>> served;
  for (const Route& route : routes()) served.emplace(Lower(route.method), route.pattern);
  for (const auto& path : *paths_) {
    ASSERT_TRUE(path.value().is_object()) << "paths[\"" << path.key() << "\"] is not an object";
    for (const auto& op : path.value().as_object()) {
      if (!kMethods.contains(std::string_view(op.key()))) continue;
      EXPECT_TRUE(served.contains({std::string(op.key()), std::string(path.key())}))
          << "openapi.json documents " << op.key() << " " << path.key()
          << " but the server has no such route: remove it or add the route";
    }
  }
}

TEST_F(OpenApi, OperationIdsAreUnique) {
  std::set<std::string> seen;
  for (const auto& path : *paths_) {
    for (const auto& op : path.value().as_object()) {
      if (!kMethods.contains(std::string_view(op.key())) || !op.value().is_object()) continue;
      const json::value* id = op.value().as_object().if_contains("operationId");
      ASSERT_TRUE(id && id->is_string()) << op.key() << " " << path.key() << " has no operationId";
      EXPECT_TRUE(seen.insert(std::string(id->as_string())).second) << "operationId " << *id << " is used twice";
    }
  }
}

TEST_F(OpenApi, DeclaresEveryPathParameter) {
  for (const Route& route : routes()) {
    const json::object* op = Operation(route);
    if (!op) continue;  // reported by DocumentsEveryRoute
    std::set<std::string> declared;
    if (const json::value* params = op->if_contains("parameters"); params && params->is_array()) {
      for (const json::value& p : params->as_array()) {
        const json::value* param = &p;
        if (p.is_object() && p.as_object().contains("$ref") && p.as_object().at("$ref").is_string()) {
          param = Resolve(doc_, p.as_object().at("$ref").as_string());
        }
        if (!param || !param->is_object()) continue;
        const json::object& o = param->as_object();
        if (o.contains("in") && o.at("in") == json::value("path") && o.contains("name") && o.at("name").is_string()) {
          declared.insert(std::string(o.at("name").as_string()));
        }
      }
    }
    std::set<std::string> wanted;
    for (size_t open = route.pattern.find('{'); open != std::string::npos; open = route.pattern.find('{', open)) {
      size_t close = route.pattern.find('}', open);
      wanted.insert(route.pattern.substr(open + 1, close - open - 1));
      open = close;
    }
    EXPECT_EQ(declared, wanted) << route.method << " " << route.pattern
                                << ": the path parameters declared must be exactly those in the pattern";
  }
}

TEST_F(OpenApi, EveryRefResolves) {
  const json::value& doc = doc_;
  std::vector<std::pair<std::string, std::string>> refs;
  CollectRefs(doc, "#", refs);
  EXPECT_GT(refs.size(), 0u);
  for (const auto& [where, ref] : refs) {
    EXPECT_EQ(ref.rfind("#/components/", 0), 0u) << where << ": $ref " << ref << " should point into components";
    EXPECT_TRUE(Resolve(doc, ref)) << where << ": $ref " << ref << " does not resolve";
  }
}

TEST_F(OpenApi, HasTheSchemasClientsRelyOn) {
  const json::value& doc = doc_;
  const json::value* schemas = Resolve(doc, "#/components/schemas");
  ASSERT_TRUE(schemas && schemas->is_object());
  for (const char* name : {"Hub", "HubCreate", "HubSettingsPatch", "Need", "NeedView", "NeedCreate", "NeedPatch",
                           "Contact", "LatLon", "TimeWindow", "Offer", "OfferCreate", "OfferPatch", "Capacity",
                           "Match", "Membership", "MemberInHub", "Profile", "ProfileUpdate", "Event", "SessionGrant",
                           "Problem"}) {
    EXPECT_TRUE(schemas->as_object().contains(name)) << "components.schemas." << name << " is missing";
  }
  // Request bodies are read strictly: the document must say unknown fields are refused.
  for (const char* name : {"HubCreate", "HubSettingsPatch", "NeedCreate", "NeedPatch", "OfferCreate", "OfferPatch",
                           "ProfileUpdate"}) {
    const json::value* closed = Resolve(doc, std::string("#/components/schemas/") + name + "/additionalProperties");
    EXPECT_TRUE(closed && *closed == json::value(false)) << name << " should set additionalProperties: false";
  }
}

}  // namespace
}  // namespace kin::http
