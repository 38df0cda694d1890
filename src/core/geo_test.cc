#include "core/geo.h"

#include <gtest/gtest.h>

namespace kin {
namespace {

TEST(Geo, DistanceBetweenKnownCities) {
  LatLon madrid{40.4168, -3.7038};
  LatLon barcelona{41.3874, 2.1686};
  EXPECT_NEAR(DistanceMeters(madrid, barcelona), 505000, 3000);
  EXPECT_DOUBLE_EQ(DistanceMeters(madrid, madrid), 0);
}

TEST(Geo, ApproximationStaysWithinACellAndHidesTheDoor) {
  LatLon door{19.432608, -99.133209};
  LatLon approx = Approximate(door);
  EXPECT_LT(DistanceMeters(door, approx), 400);  // within half a cell diagonal
  EXPECT_NE(approx, door);
  // Neighbours a few metres apart land in the same cell most of the time, and the result is deterministic.
  EXPECT_EQ(Approximate(door), approx);
}

TEST(Geo, ApproximationHandlesExtremes) {
  for (LatLon p : {LatLon{90, 180}, LatLon{-90, -180}, LatLon{0, 0}, LatLon{89.99, -179.99}}) {
    LatLon a = Approximate(p);
    EXPECT_GE(a.lat, -90);
    EXPECT_LE(a.lat, 90);
    EXPECT_GE(a.lon, -180);
    EXPECT_LE(a.lon, 180);
  }
}

TEST(Geo, ValidateNamesTheBadCoordinate) {
  FieldErrors errors;
  ValidateLatLon({91, 0}, "location", errors);
  Status s = errors.ToStatus();
  ASSERT_FALSE(s.ok());
  ASSERT_EQ(s.fields().size(), 1u);
  EXPECT_EQ(s.fields()[0].field, "location.lat");
}

}  // namespace
}  // namespace kin
