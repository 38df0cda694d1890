// Shared resources of a hub (issue 7): stock, and (to come) the library of things and capacity.
#ifndef KIN_APP_RESOURCES_H_
#define KIN_APP_RESOURCES_H_

#include "app/context.h"
#include "app/stock.h"

namespace kin {

class Resources {
 public:
  explicit Resources(AppContext& ctx) : stock(ctx) {}

  Stock stock;
};

}  // namespace kin

#endif  // KIN_APP_RESOURCES_H_
