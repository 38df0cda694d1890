// JSON <-> library-of-things types for the API (documented in openapi.json under "library").
#ifndef KIN_HTTP_JSON_LIBRARY_H_
#define KIN_HTTP_JSON_LIBRARY_H_

#include <string>
#include <string_view>
#include <vector>

#include "app/library.h"
#include "http/json_writer.h"

namespace kin::http {

struct ThingStatusChange {
  LendableStatus status = LendableStatus::kAvailable;
  std::string note;
};

Result<LendableDetails> DecodeLendableDetails(std::string_view body);
Result<LendablePatch> DecodeLendablePatch(std::string_view body);
Result<ThingStatusChange> DecodeThingStatus(std::string_view body);
Result<TimeWindow> DecodeReservation(std::string_view body);
// {"condition": "..."}; an empty body is an empty note.
Result<std::string> DecodeCondition(std::string_view body);

void WriteLendable(JsonWriter& w, const Lendable& item);
void WriteLoan(JsonWriter& w, const Loan& loan);
void WriteCalendarEntry(JsonWriter& w, const CalendarEntry& e);
void WriteWaitlistEntry(JsonWriter& w, const WaitlistEntry& e);

}  // namespace kin::http

#endif  // KIN_HTTP_JSON_LIBRARY_H_
