#include "http/shift_codec.h"

#include <boost/json/array.hpp>

#include "http/json_reader.h"
#include "schedule/civil_time.h"

namespace kin::http {

namespace {

template <typename T, typename Fill>
Result<T> Decode(std::string_view body, Fill fill) {
  Result<boost::json::object> obj = ParseJsonObject(body.empty() ? std::string_view("{}") : body);
  if (!obj.ok()) return obj.status();
  FieldErrors errors;
  T out{};
  fill(*obj, errors, out);
  if (!errors.empty()) return errors.ToStatus();
  return out;
}

std::optional<LocalSeconds> ReadLocal(ObjectReader& r, std::string_view key, bool required) {
  std::optional<std::string> text = r.String(key, required);
  if (!text) return std::nullopt;
  Result<LocalSeconds> t = schedule::ParseLocalTime(r.Field(key), *text);
  if (!t.ok()) {
    for (const FieldError& f : t.status().fields()) r.errors().Add(f.field, f.message);
    return std::nullopt;
  }
  return *t;
}

int ReadInt(ObjectReader& r, std::string_view key, bool required, int fallback) {
  std::optional<int64_t> v = r.Int(key, required);
  if (!v) return fallback;
  if (*v < -1'000'000'000 || *v > 1'000'000'000) {
    r.errors().Add(r.Field(key), "is out of range");
    return fallback;
  }
  return static_cast<int>(*v);
}

void ReadSlots(const boost::json::value* slots, FieldErrors& errors, std::vector<ShiftSlot>& out) {
  if (slots == nullptr) {
    errors.Add("slots", "is required: list the roles the shift needs, e.g. [{\"role\": \"cook\", \"max_people\": 3}]");
    return;
  }
  if (!slots->is_array()) {
    errors.Add("slots", "must be an array of objects");
    return;
  }
  const boost::json::array& items = slots->as_array();
  if (items.size() > 20) {
    errors.Add("slots", "must list at most 20 slots");
    return;
  }
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = "slots[" + std::to_string(i) + "]";
    if (!items[i].is_object()) {
      errors.Add(at, "must be an object with role and max_people");
      continue;
    }
    ObjectReader r(items[i].as_object(), at + ".", errors);
    ShiftSlot slot;
    slot.role = r.String("role", true).value_or("");
    slot.qualification = r.String("qualification").value_or("");
    slot.min_people = ReadInt(r, "min_people", false, 1);
    slot.max_people = ReadInt(r, "max_people", true, 1);
    if (!r.Has("min_people") && slot.max_people < slot.min_people) slot.min_people = slot.max_people;
    r.RejectUnknown();
    out.push_back(std::move(slot));
  }
}

void WriteLocalOrNull(JsonWriter& w, std::string_view key, const std::optional<LocalSeconds>& t) {
  w.Key(key);
  if (t) {
    w.String(schedule::FormatLocalTime(*t));
  } else {
    w.Null();
  }
}

void WriteTimeOrNull(JsonWriter& w, std::string_view key, const std::optional<Timestamp>& t) {
  w.Key(key);
  if (t) {
    w.Time(*t);
  } else {
    w.Null();
  }
}

void WriteShiftFields(JsonWriter& w, const Shift& shift) {
  const ShiftDetails& d = shift.details;
  w.Field("id", shift.id.value)
      .Field("hub", shift.hub.value)
      .Field("name", d.name)
      .Field("place", d.place)
      .Field("description", d.description)
      .Field("dtstart", schedule::FormatLocalTime(d.dtstart))
      .Field("duration_minutes", static_cast<int64_t>(d.duration.count()))
      .Field("rrule", d.rrule);
  w.Key("exdates").BeginArray();
  for (LocalSeconds e : d.exdates) w.String(schedule::FormatLocalTime(e));
  w.EndArray();
  w.Key("slots").BeginArray();
  for (const ShiftSlot& s : d.slots) {
    w.BeginObject()
        .Field("role", s.role)
        .Field("qualification", s.qualification)
        .Field("min_people", s.min_people)
        .Field("max_people", s.max_people)
        .EndObject();
  }
  w.EndArray();
  w.Field("popular", d.popular);
  w.Key("overrides").BeginArray();
  for (const ShiftOverride& o : shift.overrides) {
    w.BeginObject().Field("occurrence", schedule::FormatLocalTime(o.recurrence_id)).Field("cancelled", o.cancelled);
    WriteLocalOrNull(w, "start", o.start);
    w.EndObject();
  }
  w.EndArray();
  w.Key("created_at").Time(shift.created_at).Key("updated_at").Time(shift.updated_at);
}

void WriteSignupFields(JsonWriter& w, const Signup& s) {
  w.Field("id", s.id.value)
      .Field("shift", s.shift.value)
      .Field("occurrence", schedule::FormatLocalTime(s.occurrence))
      .Field("role", s.role)
      .Field("member", s.member.value)
      .Field("status", SignupStatusName(s.status))
      .Key("start").Time(s.start)
      .Key("end").Time(s.end)
      .Field("local_start", schedule::FormatLocalTime(s.local_start));
  WriteTimeOrNull(w, "checked_in_at", s.checked_in_at);
  w.Key("minutes_done");
  if (s.minutes_done) {
    w.Int(*s.minutes_done);
  } else {
    w.Null();
  }
  w.Field("no_show", s.no_show_by.has_value()).Key("created_at").Time(s.created_at);
}

}  // namespace

Result<ShiftDetails> DecodeShiftDetails(std::string_view body) {
  return Decode<ShiftDetails>(body, [](boost::json::object& obj, FieldErrors& errors, ShiftDetails& out) {
    // Slots are an array of objects, read here with their index in each field name; the rest by ObjectReader.
    boost::json::value slots;
    bool has_slots = false;
    if (auto* v = obj.if_contains("slots")) {
      slots = *v;
      has_slots = true;
      obj.erase("slots");
    }
    ObjectReader r(obj, "", errors);
    out.name = r.String("name", true).value_or("");
    out.place = r.String("place", true).value_or("");
    out.description = r.String("description").value_or("");
    if (auto t = ReadLocal(r, "dtstart", true)) out.dtstart = *t;
    out.duration = Minutes(ReadInt(r, "duration_minutes", true, 120));
    out.rrule = r.String("rrule").value_or("");
    if (auto exdates = r.Strings("exdates")) {
      for (size_t i = 0; i < exdates->size(); ++i) {
        Result<LocalSeconds> t = schedule::ParseLocalTime("exdates[" + std::to_string(i) + "]", (*exdates)[i]);
        if (t.ok()) {
          out.exdates.push_back(*t);
        } else {
          for (const FieldError& f : t.status().fields()) errors.Add(f.field, f.message);
        }
      }
    }
    out.popular = r.Bool("popular").value_or(false);
    r.RejectUnknown();
    ReadSlots(has_slots ? &slots : nullptr, errors, out.slots);
  });
}

Result<ShiftPolicy> DecodeShiftPolicy(std::string_view body) {
  return Decode<ShiftPolicy>(body, [](boost::json::object& obj, FieldErrors& errors, ShiftPolicy& out) {
    ObjectReader r(obj, "", errors);
    out.withdraw_cutoff = Minutes(ReadInt(r, "withdraw_cutoff_minutes", true, 0));
    out.opens_before = Minutes(ReadInt(r, "opens_before_minutes", true, 0));
    out.popular_cap = ReadInt(r, "popular_cap", true, 0);
    if (auto p = r.String("cap_period", true)) {
      if (auto parsed = ParseCapPeriod(*p)) {
        out.cap_period = *parsed;
      } else {
        errors.Add("cap_period", "must be week or month");
      }
    }
    r.RejectUnknown();
  });
}

Result<OccurrenceChange> DecodeOccurrenceChange(std::string_view body) {
  return Decode<OccurrenceChange>(body, [](boost::json::object& obj, FieldErrors& errors, OccurrenceChange& out) {
    ObjectReader r(obj, "", errors);
    out.cancelled = r.Bool("cancelled").value_or(false);
    out.start = ReadLocal(r, "start", false);
    r.RejectUnknown();
  });
}

Result<SignUpRequest> DecodeSignUp(std::string_view body) {
  return Decode<SignUpRequest>(body, [](boost::json::object& obj, FieldErrors& errors, SignUpRequest& out) {
    ObjectReader r(obj, "", errors);
    out.role = r.String("role", true).value_or("");
    out.qualified = r.Bool("qualified").value_or(false);
    out.wait = r.Bool("wait").value_or(true);
    r.RejectUnknown();
  });
}

Result<int> DecodeHours(std::string_view body) {
  return Decode<int>(body, [](boost::json::object& obj, FieldErrors& errors, int& out) {
    ObjectReader r(obj, "", errors);
    out = ReadInt(r, "minutes", true, 0);
    r.RejectUnknown();
  });
}

Result<SwapRequest> DecodeSwap(std::string_view body) {
  return Decode<SwapRequest>(body, [](boost::json::object& obj, FieldErrors& errors, SwapRequest& out) {
    ObjectReader r(obj, "", errors);
    out.to = MemberId{r.String("to", true).value_or("")};
    if (auto e = r.String("exchange")) out.exchange = SignupId{*e};
    r.RejectUnknown();
  });
}

void WriteShift(JsonWriter& w, const Shift& shift) {
  w.BeginObject();
  WriteShiftFields(w, shift);
  w.EndObject();
}

void WriteShiftView(JsonWriter& w, const ShiftView& view) {
  w.BeginObject();
  WriteShiftFields(w, view.shift);
  w.Field("time_zone", view.time_zone);
  w.Key("occurrences").BeginArray();
  for (const OccurrenceView& o : view.occurrences) {
    w.BeginObject()
        .Field("occurrence", schedule::FormatLocalTime(o.occurrence))
        .Field("local_start", schedule::FormatLocalTime(o.local_start))
        .Key("start").Time(o.start)
        .Key("end").Time(o.end)
        .Field("moved", o.moved);
    w.Key("signups").BeginArray();
    for (const Signup& s : o.signups) WriteSignup(w, s);
    w.EndArray().EndObject();
  }
  w.EndArray().EndObject();
}

void WriteSignup(JsonWriter& w, const Signup& signup) {
  w.BeginObject();
  WriteSignupFields(w, signup);
  w.EndObject();
}

void WriteSwap(JsonWriter& w, const Swap& swap) {
  w.BeginObject()
      .Field("id", swap.id.value)
      .Field("signup", swap.signup.value)
      .Field("from", swap.from.value)
      .Field("to", swap.to.value);
  w.Key("exchange");
  if (swap.exchange) {
    w.String(swap.exchange->value);
  } else {
    w.Null();
  }
  w.Field("status", SwapStatusName(swap.status)).Key("created_at").Time(swap.created_at);
  WriteTimeOrNull(w, "decided_at", swap.decided_at);
  w.EndObject();
}

void WriteShiftPolicy(JsonWriter& w, const ShiftPolicy& p) {
  w.BeginObject()
      .Field("withdraw_cutoff_minutes", static_cast<int64_t>(p.withdraw_cutoff.count()))
      .Field("opens_before_minutes", static_cast<int64_t>(p.opens_before.count()))
      .Field("popular_cap", p.popular_cap)
      .Field("cap_period", CapPeriodName(p.cap_period))
      .EndObject();
}

void WriteMySchedule(JsonWriter& w, const MySchedule& mine) {
  w.BeginObject().Key("signups").BeginArray();
  for (const SignupView& v : mine.signups) {
    w.BeginObject();
    WriteSignupFields(w, v.signup);
    w.Field("shift_name", v.shift_name).Field("place", v.place).EndObject();
  }
  w.EndArray().Key("swaps").BeginArray();
  for (const Swap& s : mine.swaps) WriteSwap(w, s);
  w.EndArray().EndObject();
}

void WriteCareHours(JsonWriter& w, const CareHours& c) {
  auto by_role = [&](const std::map<std::string, int>& m) {
    w.BeginObject();
    for (const auto& [role, minutes] : m) w.Field(role, minutes);
    w.EndObject();
  };
  w.BeginObject().Key("from").Time(c.from).Key("to").Time(c.to).Field("names_shown", c.names_shown);
  w.Key("roles").Strings(c.roles);
  w.Key("minutes_by_role");
  by_role(c.minutes_by_role);
  w.Field("total_minutes", c.total_minutes).Field("people", c.people);
  w.Key("rows").BeginArray();
  for (const CareHoursRow& r : c.rows) {
    w.BeginObject().Field("name", r.name).Key("minutes_by_role");
    by_role(r.minutes_by_role);
    w.Field("total_minutes", r.total_minutes).EndObject();
  }
  w.EndArray().EndObject();
}

void WriteShiftExport(JsonWriter& w, const ShiftDataExport& e) {
  w.Key("shift_places").BeginArray();
  for (const Signup& s : e.places) WriteSignup(w, s);
  w.EndArray().Key("shift_swaps").BeginArray();
  for (const Swap& s : e.open_swaps) WriteSwap(w, s);
  w.EndArray().Key("messages").BeginArray();
  for (const OutboxMessage& m : e.messages) {
    w.BeginObject().Field("kind", m.kind).Field("subject", m.subject).Field("body", m.body);
    w.Key("created_at").Time(m.created_at).EndObject();
  }
  w.EndArray().Key("reminder_offsets_minutes").BeginArray();
  for (Minutes o : e.reminder_offsets) w.Int(o.count());
  w.EndArray();
}

}  // namespace kin::http
