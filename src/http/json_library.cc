#include "http/json_library.h"

#include "http/json_reader.h"
#include "http/time_format.h"

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

std::optional<int> ReadSmallInt(ObjectReader& r, std::string_view key) {
  std::optional<int64_t> v = r.Int(key);
  if (!v) return std::nullopt;
  if (*v < -1'000'000 || *v > 1'000'000) {
    r.errors().Add(r.Field(key), "is out of range");
    return std::nullopt;
  }
  return static_cast<int>(*v);
}

std::optional<Timestamp> ReadTimeField(ObjectReader& r, std::string_view key) {
  std::optional<std::string> s = r.String(key, true);
  if (!s) return std::nullopt;
  std::optional<Timestamp> t = ParseRfc3339(*s);
  if (!t) r.errors().Add(r.Field(key), "must be an RFC 3339 time such as 2026-11-24T18:00:00Z");
  return t;
}

void ReadThingFields(ObjectReader& r, LendablePatch& p, bool create) {
  p.name = r.String("name", create);
  p.category = r.String("category", create);
  p.description = r.String("description");
  p.condition = r.String("condition");
  p.max_loan_days = ReadSmallInt(r, "max_loan_days");
  p.buffer_hours = ReadSmallInt(r, "buffer_hours");
  if (std::optional<std::string> b = r.String("borrowers")) {
    p.borrowers = ParseBorrowRule(*b);
    if (!p.borrowers) r.errors().Add(r.Field("borrowers"), "must be members or intake");
  }
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

Result<LendableDetails> DecodeLendableDetails(std::string_view body) {
  return DecodeObject<LendableDetails>(body, [](ObjectReader& r, LendableDetails& out) {
    LendablePatch p;
    ReadThingFields(r, p, /*create=*/true);
    p.ApplyTo(out);
  });
}

Result<LendablePatch> DecodeLendablePatch(std::string_view body) {
  return DecodeObject<LendablePatch>(
      body, [](ObjectReader& r, LendablePatch& out) { ReadThingFields(r, out, false); });
}

Result<ThingStatusChange> DecodeThingStatus(std::string_view body) {
  return DecodeObject<ThingStatusChange>(body, [](ObjectReader& r, ThingStatusChange& out) {
    if (std::optional<std::string> s = r.String("status", true)) {
      std::optional<LendableStatus> st = ParseLendableStatus(*s);
      if (st)
        out.status = *st;
      else
        r.errors().Add("status", "must be available, maintenance or retired");
    }
    out.note = r.String("note").value_or("");
  });
}

Result<TimeWindow> DecodeReservation(std::string_view body) {
  return DecodeObject<TimeWindow>(body, [](ObjectReader& r, TimeWindow& out) {
    std::optional<Timestamp> start = ReadTimeField(r, "start");
    std::optional<Timestamp> end = ReadTimeField(r, "end");
    if (start) out.start = *start;
    if (end) out.end = *end;
  });
}

Result<std::string> DecodeCondition(std::string_view body) {
  if (body.empty()) return std::string();
  return DecodeObject<std::string>(
      body, [](ObjectReader& r, std::string& out) { out = r.String("condition").value_or(""); });
}

void WriteLendable(JsonWriter& w, const Lendable& item) {
  const LendableDetails& d = item.details;
  w.BeginObject()
      .Field("id", item.id.value)
      .Field("hub_id", item.hub.value)
      .Field("name", d.name)
      .Field("category", d.category)
      .Field("description", d.description)
      .Field("condition", d.condition)
      .Field("max_loan_days", d.max_loan_days)
      .Field("buffer_hours", d.buffer_hours)
      .Field("borrowers", BorrowRuleName(d.borrowers))
      .Field("status", LendableStatusName(item.status))
      .Key("created_at")
      .Time(item.created_at)
      .Key("updated_at")
      .Time(item.updated_at)
      .EndObject();
}

void WriteLoan(JsonWriter& w, const Loan& l) {
  w.BeginObject()
      .Field("id", l.id.value)
      .Field("hub_id", l.hub.value)
      .Field("thing_id", l.item.value)
      .Field("borrower_id", l.borrower.value)
      .Key("start")
      .Time(l.window.start)
      .Key("end")
      .Time(l.window.end)
      .Field("status", LoanStatusName(l.status))
      .Field("out_condition", l.out_condition)
      .Field("return_condition", l.return_condition);
  WriteOptionalTime(w, "checked_out_at", l.checked_out_at);
  WriteOptionalTime(w, "returned_at", l.returned_at);
  w.Key("created_at").Time(l.created_at).Key("updated_at").Time(l.updated_at).EndObject();
}

void WriteCalendarEntry(JsonWriter& w, const CalendarEntry& e) {
  w.BeginObject()
      .Key("start")
      .Time(e.window.start)
      .Key("end")
      .Time(e.window.end)
      .Field("status", LoanStatusName(e.status))
      .EndObject();
}

void WriteWaitlistEntry(JsonWriter& w, const WaitlistEntry& e) {
  w.BeginObject()
      .Field("thing_id", e.item.value)
      .Field("member_id", e.member.value)
      .Key("since")
      .Time(e.created_at)
      .EndObject();
}

}  // namespace kin::http
