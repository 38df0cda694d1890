// JSON <-> capacity types for the API (documented in openapi.json under "capacity").
#ifndef KIN_HTTP_JSON_CAPACITY_H_
#define KIN_HTTP_JSON_CAPACITY_H_

#include <string_view>

#include "app/capacity.h"
#include "http/json_writer.h"

namespace kin::http {

struct SlotCapacity {
  SlotRef slot;
  int capacity = 0;
};

struct AllocationRequest {
  SlotRef slot;
  NeedId need;
  int quantity = 0;
};

Result<CapacityPoolDetails> DecodeCapacityPool(std::string_view body);
Result<SlotCapacity> DecodeSlotCapacity(std::string_view body);
Result<AllocationRequest> DecodeAllocation(std::string_view body);

void WriteCapacityPool(JsonWriter& w, const CapacityPool& pool);
void WriteCapacitySlot(JsonWriter& w, const CapacitySlot& slot);
void WriteCapacityAllocation(JsonWriter& w, const CapacityAllocation& a);

}  // namespace kin::http

#endif  // KIN_HTTP_JSON_CAPACITY_H_
