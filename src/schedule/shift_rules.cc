#include "schedule/shift_rules.h"

#include <cstdio>

namespace kin::schedule {

namespace {

std::string Rfc3339(Timestamp t) {
  const auto days = std::chrono::floor<std::chrono::days>(t);
  const std::chrono::year_month_day ymd(days);
  const std::chrono::hh_mm_ss hms(t - days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                static_cast<int>(hms.seconds().count()));
  return buf;
}

}  // namespace

Status CheckSignupWindow(Timestamp now, Timestamp start, const ShiftPolicy& policy) {
  if (now >= start) return Status::Conflict("this shift has already started; sign-ups are closed");
  if (policy.opens_before.count() > 0 && now < start - policy.opens_before) {
    return Status::Conflict("sign-ups for this shift open at " + Rfc3339(start - policy.opens_before));
  }
  return Status::Ok();
}

const Signup* FindCollision(const std::vector<Signup>& mine, Timestamp start, Timestamp end) {
  for (const Signup& s : mine) {
    if (s.active() && s.start < end && start < s.end) return &s;
  }
  return nullptr;
}

SignupStatus PlaceFor(int confirmed_in_slot, const ShiftSlot& slot) {
  return confirmed_in_slot < slot.max_people ? SignupStatus::kConfirmed : SignupStatus::kWaiting;
}

long long PeriodKey(LocalSeconds local, CapPeriod period) {
  const auto days = std::chrono::floor<std::chrono::days>(local);
  if (period == CapPeriod::kMonth) {
    const std::chrono::year_month_day ymd(days);
    return static_cast<long long>(static_cast<int>(ymd.year())) * 12 + static_cast<unsigned>(ymd.month()) - 1;
  }
  // 1970-01-01 was a Thursday: shifting by three days makes every key start on a Monday.
  const long long d = days.time_since_epoch().count() + 3;
  return d >= 0 ? d / 7 : (d - 6) / 7;
}

Status CheckPopularCap(const std::vector<Signup>& mine, LocalSeconds local_start, const ShiftPolicy& policy) {
  if (policy.popular_cap <= 0) return Status::Ok();
  const long long key = PeriodKey(local_start, policy.cap_period);
  int held = 0;
  for (const Signup& s : mine) {
    if (s.active() && s.popular && PeriodKey(s.local_start, policy.cap_period) == key) ++held;
  }
  if (held >= policy.popular_cap) {
    return Status::Conflict("you already hold " + std::to_string(held) + " popular shift" + (held == 1 ? "" : "s") +
                            " this " + CapPeriodName(policy.cap_period) + ", the most the hub allows so everyone "
                            "gets a turn; pick another " + CapPeriodName(policy.cap_period) + " or another shift");
  }
  return Status::Ok();
}

Status CheckWithdraw(Timestamp now, const Signup& signup, const ShiftPolicy& policy) {
  if (!signup.active()) return Status::Conflict("this sign-up was already withdrawn");
  if (now >= signup.start) return Status::Conflict("this shift has already started; it can no longer be left");
  if (signup.status == SignupStatus::kConfirmed && now > signup.start - policy.withdraw_cutoff) {
    const long long hours = policy.withdraw_cutoff.count() / 60;
    return Status::Conflict("withdrawing closed " + std::to_string(hours) + " hours before the start (at " +
                            Rfc3339(signup.start - policy.withdraw_cutoff) +
                            "); ask someone to swap with you instead");
  }
  return Status::Ok();
}

const Signup* NextFromWaitingList(const std::vector<Signup>& occurrence_signups, const std::string& role) {
  for (const Signup& s : occurrence_signups) {
    if (s.status == SignupStatus::kWaiting && s.role == role) return &s;
  }
  return nullptr;
}

Status CheckCheckIn(Timestamp now, const Signup& signup) {
  if (signup.status != SignupStatus::kConfirmed) return Status::Conflict("only a confirmed place can check in");
  if (signup.checked_in_at) return Status::Conflict("already checked in");
  if (now < signup.start - kCheckInEarly) {
    return Status::Conflict("check-in opens 30 minutes before the start, at " + Rfc3339(signup.start - kCheckInEarly));
  }
  if (now >= signup.end) return Status::Conflict("this shift is over; record the hours done instead");
  return Status::Ok();
}

Status CheckHoursDone(Timestamp now, const Signup& signup, int minutes) {
  if (minutes < 1 || minutes > 24 * 60) {
    return Status::InvalidField("minutes", "must be between 1 and 1440 (24 hours)");
  }
  if (signup.status != SignupStatus::kConfirmed) return Status::Conflict("only a confirmed place records hours");
  if (now < signup.start) return Status::Conflict("hours can be recorded once the shift has started");
  if (!signup.checked_in_at) return Status::Conflict("check in first, then record the hours done");
  if (signup.no_show_by) return Status::Conflict("this place was marked as not shown up");
  return Status::Ok();
}

Status CheckNoShow(Timestamp now, const Signup* marker, const Signup& absent) {
  if (marker == nullptr || marker->status != SignupStatus::kConfirmed) {
    return Status::Forbidden("only people with a confirmed place on this shift may mark someone absent");
  }
  if (marker->member == absent.member) return Status::Conflict("you cannot mark yourself absent");
  if (!marker->checked_in_at) return Status::Conflict("check in yourself before marking anyone absent");
  if (now < absent.start) return Status::Conflict("the shift has not started yet");
  if (absent.status != SignupStatus::kConfirmed) return Status::Conflict("only a confirmed place can be absent");
  if (absent.checked_in_at) return Status::Conflict("this person checked in");
  if (absent.no_show_by) return Status::Conflict("already marked absent");
  return Status::Ok();
}

}  // namespace kin::schedule
