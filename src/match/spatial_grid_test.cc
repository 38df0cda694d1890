#include "match/spatial_grid.h"

#include <gtest/gtest.h>

#include <random>
#include <set>

namespace kin::match {
namespace {

TEST(SpatialGrid, RingWithBlockFilterVisitsExactlyTheCellsOfKeptBlocks) {
  std::mt19937_64 rng(5);
  std::uniform_real_distribution<double> lat(40.3, 40.6), lon(-3.9, -3.5);
  std::vector<LatLon> points;
  std::vector<int> items;
  for (int i = 0; i < 3000; ++i) {
    points.push_back({lat(rng), lon(rng)});
    items.push_back(i);
  }
  const SpatialGrid grid(points, items, 500);
  ASSERT_GT(grid.block_count(), 16);  // several blocks each way
  for (int trial = 0; trial < 200; ++trial) {
    const LatLon p{lat(rng), lon(rng)};
    const int r = static_cast<int>(rng() % 40);
    const uint64_t salt = rng();
    // A third of the blocks, mixed so that neither rows nor columns of blocks share a fate.
    auto refused = [&](int block) { return ((static_cast<uint64_t>(block) + salt) * 0x9E3779B97F4A7C15ull >> 40) % 3 == 0; };
    std::set<int> plain, all, filtered;
    grid.ForEachCellInRing(p, r, [&](int cell, const int*, const int*) { plain.insert(cell); });
    grid.ForEachCellInRing(p, r, [](int) { return true; }, [&](int cell, const int*, const int*) { all.insert(cell); });
    grid.ForEachCellInRing(p, r, [&](int block) { return !refused(block); },
                           [&](int cell, const int*, const int*) { filtered.insert(cell); });
    EXPECT_EQ(all, plain) << "trial " << trial;
    std::set<int> expected;
    for (int cell : plain) {
      if (!refused(grid.BlockOfCell(cell))) expected.insert(cell);
    }
    EXPECT_EQ(filtered, expected) << "trial " << trial;
  }
}

}  // namespace
}  // namespace kin::match
