#include "match/validate.h"

#include <gtest/gtest.h>

#include "match/test_util.h"

namespace kin::match {
namespace {

using testing::Km;
using testing::MakeHelper;
using testing::MakeNeed;
using testing::MakeProblem;

Problem Valid() {
  Problem p = MakeProblem();
  p.needs = {MakeNeed("n1", Km(0, 0)), MakeNeed("n2", Km(1, 0))};
  p.helpers = {MakeHelper("h1", Km(0, 0))};
  return p;
}

struct Case {
  const char* name;
  void (*change)(Problem&);
  const char* field;
  const char* id;  // the item the message must name
};

TEST(ValidateProblem, NamesItemAndField) {
  ASSERT_TRUE(ValidateProblem(Valid()).ok());
  const Case cases[] = {
      {"bad lat", [](Problem& p) { p.needs[1].place.lat = 91; }, "needs[1].place.lat", "n2"},
      {"nan lon", [](Problem& p) { p.helpers[0].base.lon = NAN; }, "helpers[0].base.lon", "h1"},
      {"negative capacity", [](Problem& p) { p.helpers[0].capacity = -1; }, "helpers[0].capacity", "h1"},
      {"unknown category", [](Problem& p) { p.needs[0].category = "yachts"; }, "needs[0].category", "n1"},
      {"helper category", [](Problem& p) { p.helpers[0].categories = {"x"}; }, "helpers[0].categories[0]", "h1"},
      {"duplicate need", [](Problem& p) { p.needs[1].id.value = "n1"; }, "needs[1].id", "n1"},
      {"duplicate helper", [](Problem& p) { p.helpers.push_back(p.helpers[0]); }, "helpers[1].id", "h1"},
      {"zero quantity", [](Problem& p) { p.needs[0].quantity = 0; }, "needs[0].quantity", "n1"},
      {"window", [](Problem& p) { p.needs[0].window.end = p.needs[0].window.start; }, "needs[0].window.end", "n1"},
      {"radius", [](Problem& p) { p.helpers[0].radius_km = 0; }, "helpers[0].radius_km", "h1"},
      {"load", [](Problem& p) { p.helpers[0].current_load = 2; }, "helpers[0].current_load", "h1"},
      {"locked unknown", [](Problem& p) { p.locked = {{NeedId{"zz"}, OfferId{"h1"}, 1}}; }, "locked[0].need", "zz"},
      {"locked over", [](Problem& p) { p.locked = {{NeedId{"n1"}, OfferId{"h1"}, 2}}; }, "locked[0].units", "n1"},
      {"declined", [](Problem& p) { p.declined = {{NeedId{"n1"}, OfferId{"nope"}}}; }, "declined[0].helper", "nope"},
  };
  for (const Case& c : cases) {
    Problem p = Valid();
    c.change(p);
    Status s = ValidateProblem(p);
    ASSERT_FALSE(s.ok()) << c.name;
    EXPECT_EQ(s.kind(), StatusKind::kInvalid);
    ASSERT_FALSE(s.fields().empty()) << c.name;
    EXPECT_EQ(s.fields()[0].field, c.field) << c.name;
    EXPECT_NE(s.fields()[0].message.find(c.id), std::string::npos) << c.name << ": " << s.fields()[0].message;
  }
}

TEST(ValidateProblem, TotalsBeyondWhatUnitsHoldAreRefusedWithWhatToDo) {
  Problem p = Valid();
  p.helpers.resize(100001, p.helpers[0]);
  for (size_t i = 0; i < p.helpers.size(); ++i) {
    p.helpers[i].id.value = "h" + std::to_string(i);
    p.helpers[i].capacity = kMaxUnits;  // 100,001 x 10,000: just past a billion
  }
  Status s = ValidateProblem(p);
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "helpers");
  EXPECT_NE(s.fields()[0].message.find("split the input"), std::string::npos) << s.fields()[0].message;
  p.helpers.pop_back();  // exactly a billion
  EXPECT_TRUE(ValidateProblem(p).ok());
}

}  // namespace
}  // namespace kin::match
