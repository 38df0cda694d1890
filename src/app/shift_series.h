// Internal to src/app: turning a stored shift into src/schedule's series and finding its occurrences.
#ifndef KIN_APP_SHIFT_SERIES_H_
#define KIN_APP_SHIFT_SERIES_H_

#include <vector>

#include "app/shifts.h"
#include "schedule/recurrence.h"
#include "store/store.h"

namespace kin {

schedule::Recurrence SeriesOf(const ShiftDetails& details, const std::vector<ShiftOverride>& overrides);

// The hub's zone; a hub whose stored zone libical does not know is an internal error (hubs are checked on save).
Result<schedule::Zone> ZoneOfHub(const Hub& hub);

// The occurrences starting in [from, to), at most 500.
Result<std::vector<OccurrenceView>> OccurrencesOf(const Shift& shift, const schedule::Zone& zone, Timestamp from,
                                                  Timestamp to);

// The occurrence named by its recurrence id, wherever an override moved it; kNotFound when the series has none
// (or it was cancelled or excluded).
Result<OccurrenceView> FindOccurrence(const Shift& shift, const schedule::Zone& zone, LocalSeconds occurrence);

}  // namespace kin

#endif  // KIN_APP_SHIFT_SERIES_H_
