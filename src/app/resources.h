// Shared resources of a hub (issue 7): stock, the library of things, and capacity.
#ifndef KIN_APP_RESOURCES_H_
#define KIN_APP_RESOURCES_H_

#include "app/capacity.h"
#include "app/context.h"
#include "app/library.h"
#include "app/stock.h"

namespace kin {

class Resources {
 public:
  explicit Resources(AppContext& ctx) : stock(ctx), library(ctx), capacity(ctx) {}

  Stock stock;
  Library library;
  CapacityService capacity;
};

}  // namespace kin

#endif  // KIN_APP_RESOURCES_H_
