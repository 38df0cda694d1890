// What shifts and notifications hold about one member, for the data export and for account deletion
// (personal_data.cc calls these inside its own transaction).
#ifndef KIN_APP_SHIFT_PERSONAL_DATA_H_
#define KIN_APP_SHIFT_PERSONAL_DATA_H_

#include <vector>

#include "core/notification.h"
#include "core/shift.h"
#include "store/store.h"

namespace kin {

struct ShiftDataExport {
  std::vector<Signup> places;          // active places, past and future
  std::vector<Swap> open_swaps;
  std::vector<OutboxMessage> messages;  // everything queued for them
  std::vector<Minutes> reminder_offsets;
};

ShiftDataExport ExportShiftData(ReadTx& tx, const MemberId& member);

// Withdraws the member's places that have not started (the waiting list moves up), declines their open swaps,
// and removes their calendar link and reminder choices. Past places keep their hours in the hub's totals.
Status ForgetShiftData(WriteTx& tx, const MemberId& member, Timestamp now);

}  // namespace kin

#endif  // KIN_APP_SHIFT_PERSONAL_DATA_H_
