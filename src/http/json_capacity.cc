#include "http/json_capacity.h"

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

// {"date": "YYYY-MM-DD", "slot": "night"}; slot may be absent for the whole day.
SlotRef ReadSlotRef(ObjectReader& r) {
  SlotRef ref;
  if (std::optional<std::string> d = r.String("date", true)) {
    std::optional<Date> date = ParseIsoDate(*d);
    if (date)
      ref.date = *date;
    else
      r.errors().Add("date", "must be a date such as 2026-11-30");
  }
  ref.label = r.String("slot").value_or("");
  return ref;
}

std::optional<int> ReadCount(ObjectReader& r, std::string_view key) {
  std::optional<int64_t> v = r.Int(key, true);
  if (!v) return std::nullopt;
  if (*v < INT32_MIN || *v > INT32_MAX) {
    r.errors().Add(r.Field(key), "is out of range");
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

}  // namespace

Result<CapacityPoolDetails> DecodeCapacityPool(std::string_view body) {
  return DecodeObject<CapacityPoolDetails>(body, [](ObjectReader& r, CapacityPoolDetails& out) {
    out.name = r.String("name", true).value_or("");
    out.category = r.String("category", true).value_or("");
    out.unit = r.String("unit", true).value_or("");
    out.description = r.String("description").value_or("");
  });
}

Result<SlotCapacity> DecodeSlotCapacity(std::string_view body) {
  return DecodeObject<SlotCapacity>(body, [](ObjectReader& r, SlotCapacity& out) {
    out.slot = ReadSlotRef(r);
    out.capacity = ReadCount(r, "capacity").value_or(0);
  });
}

Result<AllocationRequest> DecodeAllocation(std::string_view body) {
  return DecodeObject<AllocationRequest>(body, [](ObjectReader& r, AllocationRequest& out) {
    out.slot = ReadSlotRef(r);
    out.need = NeedId{r.String("need", true).value_or("")};
    out.quantity = ReadCount(r, "quantity").value_or(0);
  });
}

void WriteCapacityPool(JsonWriter& w, const CapacityPool& p) {
  w.BeginObject()
      .Field("id", p.id.value)
      .Field("hub_id", p.hub.value)
      .Field("name", p.details.name)
      .Field("category", p.details.category)
      .Field("unit", p.details.unit)
      .Field("description", p.details.description)
      .Key("created_at")
      .Time(p.created_at)
      .Key("updated_at")
      .Time(p.updated_at)
      .EndObject();
}

void WriteCapacitySlot(JsonWriter& w, const CapacitySlot& s) {
  w.BeginObject()
      .Field("capacity_id", s.pool.value)
      .Field("date", FormatIsoDate(s.date))
      .Field("slot", s.label)
      .Field("capacity", s.capacity)
      .Field("allocated", s.allocated)
      .Field("free", s.free())
      .EndObject();
}

void WriteCapacityAllocation(JsonWriter& w, const CapacityAllocation& a) {
  w.BeginObject()
      .Field("id", a.id.value)
      .Field("hub_id", a.hub.value)
      .Field("capacity_id", a.pool.value)
      .Field("date", FormatIsoDate(a.date))
      .Field("slot", a.label)
      .Field("need_id", a.need.value)
      .Field("quantity", a.quantity)
      .Field("status", AllocationStatusName(a.status))
      .Field("actor", a.actor)
      .Key("created_at")
      .Time(a.created_at)
      .Key("released_at");
  if (a.released_at) {
    w.Time(*a.released_at);
  } else {
    w.Null();
  }
  w.EndObject();
}

}  // namespace kin::http
