#include "core/received_share.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

ReceivedShare Item(const std::string& actor, int64_t updated) {
  ReceivedShare s;
  s.object_id = "https://a.example/federation/hubs/alpha/shared/offers/1";
  s.remote_actor = actor;
  s.updated = Timestamp{Seconds{updated}};
  return s;
}

TEST(ReceivedShare, ANewItemIsStored) {
  EXPECT_EQ(DecideReceivedShare(std::nullopt, Item("https://a.example/a", 10), false), ReceivedShareVerdict::kStore);
  EXPECT_EQ(DecideReceivedShare(std::nullopt, Item("https://a.example/a", 10), true), ReceivedShareVerdict::kStore);
}

TEST(ReceivedShare, OnlyANewerCopyFromTheSameHubReplacesTheKeptOne) {
  ReceivedShare kept = Item("https://a.example/a", 10);
  for (bool is_update : {false, true}) {
    EXPECT_EQ(DecideReceivedShare(kept, Item("https://a.example/a", 11), is_update), ReceivedShareVerdict::kStore);
    EXPECT_EQ(DecideReceivedShare(kept, Item("https://a.example/a", 9), is_update), ReceivedShareVerdict::kStale);
  }
  // The same second: a change right after sharing is applied; a late Create never undoes an Update.
  EXPECT_EQ(DecideReceivedShare(kept, Item("https://a.example/a", 10), true), ReceivedShareVerdict::kStore);
  EXPECT_EQ(DecideReceivedShare(kept, Item("https://a.example/a", 10), false), ReceivedShareVerdict::kStale);
}

TEST(ReceivedShare, AnotherHubNeverReplacesAnItemItDidNotShare) {
  ReceivedShare kept = Item("https://a.example/a", 10);
  EXPECT_EQ(DecideReceivedShare(kept, Item("https://a.example/c", 99), true), ReceivedShareVerdict::kForeign);
}

}  // namespace
}  // namespace kin
