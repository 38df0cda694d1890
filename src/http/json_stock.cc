#include "http/json_stock.h"

#include "http/json_reader.h"

namespace kin::http {
namespace {

template <typename T, typename Fill>
Result<T> DecodeObject(std::string_view body, Fill fill) {
  Result<boost::json::object> obj = ParseJsonObject(body);
  if (!obj.ok()) return obj.status();
  FieldErrors errors;
  ObjectReader r(*obj, "", errors);
  T out{};
  fill(r, out);
  r.RejectUnknown();
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

// "best_before": "YYYY-MM-DD" or null (no date).
std::optional<std::optional<Date>> ReadDate(ObjectReader& r, std::string_view key) {
  if (!r.Has(key)) return std::nullopt;
  if (r.TakeNull(key)) return std::optional<Date>();
  std::optional<std::string> s = r.String(key);
  if (!s) return std::nullopt;
  std::optional<Date> d = ParseIsoDate(*s);
  if (!d) {
    r.errors().Add(r.Field(key), "must be a date such as 2026-11-30, or null");
    return std::nullopt;
  }
  return std::optional<Date>(*d);
}

void ReadItemFields(ObjectReader& r, StockItemPatch& p, bool create) {
  p.name = r.String("name", create);
  p.category = r.String("category", create);
  p.unit = r.String("unit", create);
  p.place = r.String("place");
  p.best_before = ReadDate(r, "best_before");
  p.low_at = r.Int("low_at");
}

}  // namespace

Result<StockItemCreate> DecodeStockItemCreate(std::string_view body) {
  return DecodeObject<StockItemCreate>(body, [](ObjectReader& r, StockItemCreate& out) {
    StockItemPatch patch;
    ReadItemFields(r, patch, /*create=*/true);
    patch.ApplyTo(out.details);
    out.quantity = r.Int("quantity").value_or(0);
  });
}

Result<StockItemPatch> DecodeStockItemPatch(std::string_view body) {
  return DecodeObject<StockItemPatch>(
      body, [](ObjectReader& r, StockItemPatch& out) { ReadItemFields(r, out, false); });
}

Result<DonationRequest> DecodeDonation(std::string_view body) {
  return DecodeObject<DonationRequest>(body, [](ObjectReader& r, DonationRequest& out) {
    out.quantity = r.Int("quantity", true).value_or(0);
    out.note = r.String("note").value_or("");
  });
}

Result<Distribution> DecodeDistribution(std::string_view body) {
  return DecodeObject<Distribution>(body, [](ObjectReader& r, Distribution& out) {
    out.quantity = r.Int("quantity", true).value_or(0);
    if (std::optional<std::string> need = r.String("need")) out.need = NeedId{*need};
    out.fulfil = r.Bool("fulfil").value_or(false);
  });
}

Result<CountRequest> DecodeCount(std::string_view body) {
  return DecodeObject<CountRequest>(body, [](ObjectReader& r, CountRequest& out) {
    out.quantity = r.Int("quantity", true).value_or(0);
    out.reason = r.String("reason", true).value_or("");
  });
}

void WriteStockItem(JsonWriter& w, const StockItem& item) {
  const StockItemDetails& d = item.details;
  w.BeginObject()
      .Field("id", item.id.value)
      .Field("hub_id", item.hub.value)
      .Field("name", d.name)
      .Field("category", d.category)
      .Field("unit", d.unit)
      .Field("place", d.place)
      .Key("best_before");
  if (d.best_before) {
    w.String(FormatIsoDate(*d.best_before));
  } else {
    w.Null();
  }
  w.Field("low_at", d.low_at)
      .Field("quantity", item.quantity)
      .Field("low", IsLowStock(item))
      .Key("created_at")
      .Time(item.created_at)
      .Key("updated_at")
      .Time(item.updated_at)
      .EndObject();
}

void WriteStockMove(JsonWriter& w, const StockMove& m) {
  w.BeginObject()
      .Field("seq", m.seq)
      .Field("item_id", m.item.value)
      .Field("kind", StockMoveKindName(m.kind))
      .Field("delta", m.delta)
      .Field("quantity_after", m.quantity_after)
      .Key("need_id");
  if (m.need) {
    w.String(m.need->value);
  } else {
    w.Null();
  }
  w.Field("note", m.note).Field("actor", m.actor).Key("at").Time(m.at).EndObject();
}

void WriteStockChange(JsonWriter& w, const StockChange& c) {
  w.BeginObject().Key("item");
  WriteStockItem(w, c.item);
  w.Key("move");
  WriteStockMove(w, c.move);
  w.Field("need_fulfilled", c.need_fulfilled).EndObject();
}

}  // namespace kin::http
