// JSON for shifts (issue 6): request bodies read strictly (every bad field named, slots as "slots[i].role"),
// responses written with local times as "YYYYMMDDTHHMMSS" in the hub's zone and instants as RFC 3339 UTC.
#ifndef KIN_HTTP_SHIFT_CODEC_H_
#define KIN_HTTP_SHIFT_CODEC_H_

#include <optional>
#include <string_view>

#include "app/shift_personal_data.h"
#include "app/shifts.h"
#include "http/json_writer.h"

namespace kin::http {

struct SignUpRequest {
  std::string role;
  bool qualified = false;
  bool wait = true;  // join the waiting list when the slot is full; false: a conflict instead
};

struct SwapRequest {
  MemberId to;
  std::optional<SignupId> exchange;
};

Result<ShiftDetails> DecodeShiftDetails(std::string_view body);
Result<ShiftPolicy> DecodeShiftPolicy(std::string_view body);
Result<OccurrenceChange> DecodeOccurrenceChange(std::string_view body);
Result<SignUpRequest> DecodeSignUp(std::string_view body);
Result<int> DecodeHours(std::string_view body);
Result<SwapRequest> DecodeSwap(std::string_view body);

void WriteShift(JsonWriter& w, const Shift& shift);
void WriteShiftView(JsonWriter& w, const ShiftView& view);
void WriteSignup(JsonWriter& w, const Signup& signup);
void WriteSwap(JsonWriter& w, const Swap& swap);
void WriteShiftPolicy(JsonWriter& w, const ShiftPolicy& policy);
void WriteMySchedule(JsonWriter& w, const MySchedule& mine);
// Hours as minutes; `people` only when names are not shown, `rows` (alphabetical by name) only when they are.
void WriteCareHours(JsonWriter& w, const CareHours& c);
// The "shift_places", "shift_swaps", "messages" and "reminder_offsets_minutes" keys of the personal data export,
// written into the object the caller has open.
void WriteShiftExport(JsonWriter& w, const ShiftDataExport& e);

}  // namespace kin::http

#endif  // KIN_HTTP_SHIFT_CODEC_H_
