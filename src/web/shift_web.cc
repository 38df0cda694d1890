#include "web/shift_web.h"

#include <array>
#include <cstdio>

#include "schedule/civil_time.h"
#include "schedule/zone.h"

namespace kin::web {
namespace {

using std::chrono::floor;

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }

bool ReadInt(std::string_view s, size_t at, size_t len, int& out) {
  if (at + len > s.size()) return false;
  out = 0;
  for (size_t i = at; i < at + len; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

std::optional<LocalSeconds> MakeLocal(int y, int mo, int d, int h, int mi, int sec) {
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(mo)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok() || y < 1900 || y > 2999 || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  return std::chrono::local_days(ymd) + std::chrono::hours(h) + std::chrono::minutes(mi) + std::chrono::seconds(sec);
}

std::string Clock(LocalSeconds t) {
  auto day = floor<std::chrono::days>(t);
  std::chrono::hh_mm_ss hms(t - day);
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", static_cast<int>(hms.hours().count()),
                static_cast<int>(hms.minutes().count()));
  return buf;
}

std::string Day(Lang lang, LocalSeconds t) {
  auto day = floor<std::chrono::days>(t);
  std::chrono::year_month_day ymd(day);
  std::chrono::weekday wd(day);
  return Translate(lang, "shifts.day",
                   {{"weekday", Translate(lang, "shifts.weekday." + std::to_string(wd.c_encoding()))},
                    {"day", std::to_string(static_cast<unsigned>(ymd.day()))},
                    {"month", Translate(lang, "time.month." + std::to_string(static_cast<unsigned>(ymd.month())))},
                    {"year", std::to_string(static_cast<int>(ymd.year()))}});
}

// The text between `open` and `close` after `from` in `s`, or "".
std::string Between(const std::string& s, std::string_view open, std::string_view close, size_t from = 0) {
  size_t a = s.find(open, from);
  if (a == std::string::npos) return "";
  a += open.size();
  size_t b = s.find(close, a);
  return b == std::string::npos ? "" : s.substr(a, b - a);
}

}  // namespace

std::string OccurrencePath(const ShiftId& shift, LocalSeconds occurrence) {
  return "/shifts/" + shift.value + "/o/" + schedule::FormatLocalTime(occurrence);
}

std::string LocalDay(Lang lang, LocalSeconds t) { return Day(lang, t); }

std::string LocalWhen(Lang lang, LocalSeconds t) {
  return Translate(lang, "shifts.at", {{"day", Day(lang, t)}, {"time", Clock(t)}});
}

std::string ShiftWhen(Lang lang, LocalSeconds start, Minutes duration) {
  return Translate(lang, "shifts.when", {{"day", Day(lang, start)}, {"start", Clock(start)},
                                         {"end", Clock(start + duration)}});
}

std::string InstantWhen(Lang lang, Timestamp t, const std::string& zone) {
  Result<schedule::Zone> z = schedule::Zone::Find("zone", zone);
  return LocalWhen(lang, z.ok() ? z->ToLocal(t) : LocalSeconds(t.time_since_epoch()));
}

std::string LocalInputValue(LocalSeconds t) {
  std::string s = schedule::FormatLocalTimeReadable(t);  // YYYY-MM-DDTHH:MM:SS
  return s.substr(0, 16);
}

std::optional<LocalSeconds> ParseLocalInput(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  int y, mo, d, h, mi, sec = 0;
  if (s.size() == 15 && s[8] == 'T') {
    if (!ReadInt(s, 0, 4, y) || !ReadInt(s, 4, 2, mo) || !ReadInt(s, 6, 2, d) || !ReadInt(s, 9, 2, h) ||
        !ReadInt(s, 11, 2, mi) || !ReadInt(s, 13, 2, sec)) {
      return std::nullopt;
    }
    return MakeLocal(y, mo, d, h, mi, sec);
  }
  if (s.size() != 16 && s.size() != 19) return std::nullopt;
  if (!ReadInt(s, 0, 4, y) || s[4] != '-' || !ReadInt(s, 5, 2, mo) || s[7] != '-' || !ReadInt(s, 8, 2, d) ||
      (s[10] != 'T' && s[10] != ' ') || !ReadInt(s, 11, 2, h) || s[13] != ':' || !ReadInt(s, 14, 2, mi)) {
    return std::nullopt;
  }
  if (s.size() == 19 && (s[16] != ':' || !ReadInt(s, 17, 2, sec))) return std::nullopt;
  return MakeLocal(y, mo, d, h, mi, sec);
}

std::string DateInputValue(LocalSeconds t) { return schedule::FormatLocalTimeReadable(t).substr(0, 10); }

std::optional<LocalSeconds> ParseDateInput(std::string_view s) {
  int y, mo, d;
  if (s.size() != 10 || !ReadInt(s, 0, 4, y) || s[4] != '-' || !ReadInt(s, 5, 2, mo) || s[7] != '-' ||
      !ReadInt(s, 8, 2, d)) {
    return std::nullopt;
  }
  return MakeLocal(y, mo, d, 0, 0, 0);
}

std::optional<int> WholeNumberInput(const std::string& text) {
  if (text.empty() || text.size() > 9) return std::nullopt;
  int v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    v = v * 10 + (c - '0');
  }
  return v;
}

std::string ShiftRefusal(Lang lang, const Status& status, Timestamp start, const std::string& zone,
                         const ShiftPolicy& policy) {
  const std::string& m = status.message();
  if (status.kind() == StatusKind::kInvalid && !status.fields().empty()) {
    const FieldError& f = status.fields().front();
    if (f.field == "minutes") return Translate(lang, "shifts.err.minutes");
    if (f.field == "qualified") {
      return Translate(lang, "shifts.err.qualified", {{"what", Between(f.message, "needs \"", "\"")}});
    }
    if (f.field == "to") return Translate(lang, "shifts.err.to");
    if (f.field == "exchange") return Translate(lang, "shifts.err.exchange_gone");
    if (f.field == "role") return Translate(lang, "shifts.err.role");
    return Translate(lang, "err.kind.invalid");
  }
  // Refusals that carry a time or a name: the page knows the time in the hub's zone.
  if (StartsWith(m, "sign-ups for this shift open at")) {
    return Translate(lang, "shifts.err.not_open", {{"at", InstantWhen(lang, start - policy.opens_before, zone)}});
  }
  if (StartsWith(m, "withdrawing closed")) {
    return Translate(lang, "shifts.err.cutoff", {{"at", InstantWhen(lang, start - policy.withdraw_cutoff, zone)}});
  }
  if (StartsWith(m, "check-in opens")) {
    return Translate(lang, "shifts.err.checkin_early", {{"at", InstantWhen(lang, start - Minutes(30), zone)}});
  }
  if (StartsWith(m, "you already have a place on \"") || StartsWith(m, "the other member already has a place")) {
    std::string name = Between(m, "\"", "\"");
    std::optional<LocalSeconds> when = ParseLocalInput(Between(m, "\" at ", ", which"));
    std::string key = StartsWith(m, "you") ? "shifts.err.overlap" : "shifts.err.overlap_other";
    return Translate(lang, key, {{"name", name}, {"when", when ? LocalWhen(lang, *when) : ""}});
  }
  if (StartsWith(m, "the ") && m.find(" slot is full") != std::string::npos) {
    return Translate(lang, "shifts.err.full", {{"role", Between(m, "the ", " slot")}});
  }
  if (StartsWith(m, "you already hold ")) {
    std::string n = Between(m, "you already hold ", " popular");
    return Translate(lang, policy.cap_period == CapPeriod::kMonth ? "shifts.err.cap_month" : "shifts.err.cap_week",
                     {{"n", n}});
  }
  if (StartsWith(m, "the other member already holds ")) {
    // The proposer of an exchange would go over the cap with the place they get back; the period is in the text.
    std::string n = Between(m, "already holds ", " popular");
    const bool month = m.find(" this month") != std::string::npos;
    return Translate(lang, month ? "shifts.err.cap_other_month" : "shifts.err.cap_other_week", {{"n", n}});
  }
  if (StartsWith(m, "people hold places on ")) {
    std::optional<LocalSeconds> when = ParseLocalInput(Between(m, "people hold places on ", ", which"));
    return Translate(lang, "shifts.err.drops", {{"when", when ? LocalWhen(lang, *when) : ""}});
  }
  static const std::array<std::pair<std::string_view, std::string_view>, 20> kPrefixes{{
      {"this shift has already started", "shifts.err.started"},
      {"this sign-up was already withdrawn", "shifts.err.withdrawn"},
      {"only a confirmed place can check in", "shifts.err.checkin_confirmed"},
      {"already checked in", "shifts.err.checked_in"},
      {"this shift is over", "shifts.err.over"},
      {"only a confirmed place records hours", "shifts.err.hours_confirmed"},
      {"hours can be recorded once", "shifts.err.hours_early"},
      {"check in first", "shifts.err.hours_checkin"},
      {"this place was marked as not shown up", "shifts.err.hours_absent"},
      {"only people with a confirmed place", "shifts.err.noshow_off_shift"},
      {"you cannot mark yourself absent", "shifts.err.noshow_self"},
      {"check in yourself before", "shifts.err.noshow_checkin"},
      {"the shift has not started yet", "shifts.err.noshow_early"},
      {"only a confirmed place can be absent", "shifts.err.noshow_confirmed"},
      {"this person checked in", "shifts.err.noshow_present"},
      {"already marked absent", "shifts.err.noshow_done"},
      {"only a confirmed place can be swapped", "shifts.err.swap_confirmed"},
      {"this place already has an open swap", "shifts.err.swap_open"},
      {"this swap was already", "shifts.err.swap_decided"},
      {"the place offered is no longer available", "shifts.err.swap_gone"},
  }};
  for (const auto& [prefix, key] : kPrefixes) {
    if (StartsWith(m, prefix)) return Translate(lang, key);
  }
  if (StartsWith(m, "the place you would give back")) return Translate(lang, "shifts.err.swap_back_gone");
  return KindMessage(lang, status.kind());
}

std::optional<HubRoles> ShiftViewer(PageContext& page, const std::string& slug, bool coordinator,
                                    std::optional<http::Response>& answer) {
  return RequireHubAccess(page, slug, coordinator ? HubAccess::kCoordinator : HubAccess::kMember, answer);
}

}  // namespace kin::web
