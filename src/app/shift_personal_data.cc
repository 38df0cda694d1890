#include "app/shift_personal_data.h"

#include "app/context.h"
#include "app/message_render.h"
#include "schedule/shift_rules.h"

namespace kin {

ShiftDataExport ExportShiftData(ReadTx& tx, const MemberId& member) {
  ShiftDataExport out;
  out.places = tx.ListMemberSignups(member, Timestamp::min(), Timestamp::max());
  out.open_swaps = tx.ListOpenSwapsOf(member);
  PageRequest page{"", 200};
  MessageRenderer renderer(tx);  // in the language the person reads now, as the app shows them
  do {
    Page<OutboxMessage> p = tx.ListOutboxOf(member, page);
    for (OutboxMessage& m : p.items) {
      renderer.Render(m);
      out.messages.push_back(std::move(m));
    }
    page.after = p.next;
  } while (!page.after.empty());
  out.reminder_offsets = tx.GetReminderOffsets(member).value_or(kDefaultReminderOffsets);
  return out;
}

Status ForgetShiftData(WriteTx& tx, const MemberId& member, Timestamp now) {
  for (Signup& place : tx.ListMemberSignups(member, now, Timestamp::max())) {
    if (place.start <= now) continue;
    const bool freed = place.status == SignupStatus::kConfirmed;
    place.status = SignupStatus::kWithdrawn;
    place.updated_at = now;
    if (Status s = tx.UpdateSignup(place); !s.ok()) return s;
    if (!freed) continue;
    std::vector<Signup> all = tx.ListOccurrenceSignups(place.shift, place.occurrence);
    if (const Signup* next = schedule::NextFromWaitingList(all, place.role)) {
      Signup promoted = *next;
      promoted.status = SignupStatus::kConfirmed;
      promoted.updated_at = now;
      if (Status s = tx.UpdateSignup(promoted); !s.ok()) return s;
      if (Status s = RecordEvent(tx, place.hub, now, "kin", "shift.promoted", promoted.id.value); !s.ok()) return s;
    }
  }
  for (Swap& swap : tx.ListOpenSwapsOf(member)) {
    swap.status = SwapStatus::kDeclined;
    swap.decided_at = now;
    if (Status s = tx.UpdateSwap(swap); !s.ok()) return s;
  }
  if (Status s = tx.DeleteCalendarToken(member); !s.ok()) return s;
  return tx.PutReminderOffsets(member, {});
}

}  // namespace kin
