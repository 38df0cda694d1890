#include "federation/collection_page.h"

#include <boost/json.hpp>

namespace kin::federation {
namespace json = boost::json;
namespace {

constexpr const char* kAsContext = "https://www.w3.org/ns/activitystreams";

json::object Page(const CollectionPage& page) {
  json::object o{{"id", PageUrl(page.collection_id, page.number)},
                 {"type", "OrderedCollectionPage"},
                 {"partOf", page.collection_id}};
  if (page.has_next) o["next"] = PageUrl(page.collection_id, page.number + 1);
  if (page.number > 1) o["prev"] = PageUrl(page.collection_id, page.number - 1);
  json::array items;
  for (const std::string& item : page.items_json) {
    json::error_code ec;
    json::value v = json::parse(item, ec);
    if (!ec) items.push_back(std::move(v));
  }
  o["orderedItems"] = std::move(items);
  return o;
}

}  // namespace

std::string PageUrl(const std::string& collection_id, int number) {
  return collection_id + "?page=" + std::to_string(number);
}

std::string OrderedCollectionPageJson(const CollectionPage& page) {
  json::object o = Page(page);
  o.emplace("@context", kAsContext);
  return json::serialize(o);
}

std::string PagedOrderedCollectionJson(int64_t total_items, int page_size, const CollectionPage& first) {
  int64_t pages = total_items <= 0 ? 1 : (total_items + page_size - 1) / page_size;
  return json::serialize(json::object{{"@context", kAsContext},
                                      {"id", first.collection_id},
                                      {"type", "OrderedCollection"},
                                      {"totalItems", total_items},
                                      {"first", Page(first)},
                                      {"last", PageUrl(first.collection_id, static_cast<int>(pages))}});
}

}  // namespace kin::federation
