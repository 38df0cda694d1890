// The JSON formats of `kin simulate city` and `kin allocate` (documented in docs/allocation.md).
#ifndef KIN_CLI_ALLOCATION_JSON_H_
#define KIN_CLI_ALLOCATION_JSON_H_

#include <string>
#include <string_view>

#include "core/status.h"
#include "match/allocate.h"
#include "match/model.h"

namespace kin::cli {

// Reads a city file ("format": "kin-city/1"). kInvalid naming the item and field on malformed JSON or wrong types;
// ranges and references are checked later by the engine (same error shape).
Result<match::Problem> ParseCity(std::string_view text);
std::string WriteCity(const match::Problem& problem);

std::string WriteAllocation(const match::Problem& problem, const match::Allocation& allocation,
                            std::string_view method, double seconds);

// Both methods' terms side by side, as a plain-text table for people.
std::string CompareReport(const match::Allocation& optimal, double optimal_seconds,
                          const match::Allocation& greedy, double greedy_seconds);

}  // namespace kin::cli

#endif  // KIN_CLI_ALLOCATION_JSON_H_
