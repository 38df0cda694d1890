// Demo data for a first look: one hub, three members with known passwords, and a few offers and needs, all
// clearly marked as demo. Never run on a real hub's database (the command says so).
#ifndef KIN_APP_DEMO_H_
#define KIN_APP_DEMO_H_

#include <string>
#include <vector>

#include "app/app.h"

namespace kin {

inline constexpr const char* kDemoHubSlug = "demo";
inline constexpr const char* kDemoPassword = "demo-password";

struct DemoSeed {
  bool created = false;                 // false: the demo hub was already there; nothing changed
  std::vector<std::string> handles;     // members created, all with kDemoPassword
};

Result<DemoSeed> SeedDemo(App& app);

}  // namespace kin

#endif  // KIN_APP_DEMO_H_
