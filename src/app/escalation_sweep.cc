// The sweeper's part of escalation: needs unmet past their hub's delay go out on their own, and escalations of
// needs closed at home (met, cancelled, expired, matched there, or redacted) are withdrawn from every hub asked.
#include "app/escalation_session.h"
#include "app/escalations.h"

namespace kin {

namespace fed = kin::federation;

namespace {

constexpr const char* kSweeper = "system";

}  // namespace

Result<int> Escalations::EscalateDue() {
  Timestamp now = ctx_.clock.Now();
  int changed = 0;

  // Withdraw what no longer needs help elsewhere.
  std::vector<std::pair<Hub, StoredEscalation>> to_close;
  Status s = ctx_.store.Read([&](ReadTx& tx) -> Status {
    PageRequest page{"", 200};
    for (;;) {
      Page<Hub> hubs = tx.ListHubs(page);
      for (const Hub& hub : hubs.items) {
        for (const StoredEscalation& e : tx.ListEscalations(hub.id)) {
          if (e.role != "home" || (e.state != "offered" && e.state != "awaiting_confirm")) continue;
          Result<Need> need = tx.GetNeed(NeedId{e.need});
          if (need.ok() && need->status == NeedStatus::kOpen && !need->redacted_at) continue;
          to_close.emplace_back(hub, e);
        }
      }
      if (hubs.next.empty()) return Status::Ok();
      page.after = hubs.next;
    }
  });
  if (!s.ok()) return s;
  for (const auto& [hub, e] : to_close) {
    s = ctx_.store.Write([&](WriteTx& tx) -> Status {
      EscalationSession session(tx, federation_, hub, tx.GetEscalationSettings(hub.id));
      Status st = session.Load(e.id);
      if (!st.ok()) return st;
      Result<fed::Effects> effects = session.book().CloseAtHome(e.id, now);
      if (!effects.ok()) return Status::Ok();  // closed meanwhile
      st = session.Apply(*effects, kSweeper, now);
      if (st.ok()) st = RecordEvent(tx, hub.id, now, kSweeper, escalation_events::kClosedAtHome, e.need, e.id);
      if (st.ok()) ++changed;
      return st;
    });
    if (!s.ok()) return s;
  }

  // Offer what waited too long.
  std::vector<std::pair<HubId, std::vector<NeedId>>> due;
  s = ctx_.store.Read([&](ReadTx& tx) -> Status {
    for (const auto& [hub, settings] : tx.ListAutoEscalatingHubs()) {
      std::vector<NeedId> needs;
      NeedFilter filter;
      filter.status = NeedStatus::kOpen;
      PageRequest page{"", 200};
      for (;;) {
        Page<Need> list = tx.ListNeeds(hub, filter, page);
        for (const Need& n : list.items) {
          if (!n.approx_location || n.redacted_at) continue;
          if (!fed::EscalationDue(n.created_at, settings.delay, now)) continue;
          if (!tx.ListEscalationsOfNeed(hub, n.id.value).empty()) continue;  // once per need on its own
          needs.push_back(n.id);
        }
        if (list.next.empty()) break;
        page.after = list.next;
      }
      if (!needs.empty()) due.emplace_back(hub, std::move(needs));
    }
    return Status::Ok();
  });
  if (!s.ok()) return s;
  for (const auto& [hub, needs] : due) {
    std::vector<fed::KnownHub> known = KnownHubsOf(hub);
    if (known.empty()) continue;
    for (const NeedId& need : needs) {
      Result<EscalationView> v = EscalateAs(kSweeper, need, nullptr, &known);
      if (v.ok()) {
        ++changed;
      } else if (v.status().kind() != StatusKind::kNotFound && v.status().kind() != StatusKind::kConflict &&
                 v.status().kind() != StatusKind::kInvalid) {
        return v.status();
      }
    }
  }
  return changed;
}

}  // namespace kin
