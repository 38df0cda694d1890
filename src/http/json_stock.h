// JSON <-> stock types for the API (documented in openapi.json under "Stock").
#ifndef KIN_HTTP_JSON_STOCK_H_
#define KIN_HTTP_JSON_STOCK_H_

#include <string>
#include <string_view>

#include "app/stock.h"
#include "http/json_writer.h"

namespace kin::http {

struct StockItemCreate {
  StockItemDetails details;
  int64_t quantity = 0;  // what is on the shelf already, recorded as the first donation
};

struct DonationRequest {
  int64_t quantity = 0;
  std::string note;
};

struct CountRequest {
  int64_t quantity = 0;
  std::string reason;
};

Result<StockItemCreate> DecodeStockItemCreate(std::string_view body);
Result<StockItemPatch> DecodeStockItemPatch(std::string_view body);
Result<DonationRequest> DecodeDonation(std::string_view body);
Result<Distribution> DecodeDistribution(std::string_view body);
Result<CountRequest> DecodeCount(std::string_view body);

void WriteStockItem(JsonWriter& w, const StockItem& item);
void WriteStockMove(JsonWriter& w, const StockMove& move);
void WriteStockChange(JsonWriter& w, const StockChange& change);

}  // namespace kin::http

#endif  // KIN_HTTP_JSON_STOCK_H_
