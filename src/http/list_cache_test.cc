#include "http/list_cache.h"

#include <gtest/gtest.h>

namespace kin::http {
namespace {

TEST(ListCache, ServesOnlyWhileTheDataVersionIsUnchanged) {
  ListCache cache;
  cache.Put("hub?limit=50", 7, "body");
  EXPECT_EQ(cache.Get("hub?limit=50", 7), "body");
  EXPECT_FALSE(cache.Get("hub?limit=50", 8));
  EXPECT_FALSE(cache.Get("hub?limit=2", 7));
}

TEST(ListCache, NeverTrustsVersionZero) {
  ListCache cache;
  cache.Put("k", 0, "body");
  EXPECT_FALSE(cache.Get("k", 0));
}

TEST(ListCache, EvictsTheLeastRecentlyUsed) {
  ListCache cache(2);
  cache.Put("a", 1, "A");
  cache.Put("b", 1, "B");
  EXPECT_TRUE(cache.Get("a", 1));  // a is now the most recent
  cache.Put("c", 1, "C");
  EXPECT_TRUE(cache.Get("a", 1));
  EXPECT_FALSE(cache.Get("b", 1));
  EXPECT_TRUE(cache.Get("c", 1));
}

}  // namespace
}  // namespace kin::http
