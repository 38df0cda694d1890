#include "web/qr_svg.h"

#include <gtest/gtest.h>

namespace kin::web {
namespace {

TEST(QrSvg, DrawsALabelledSvg) {
  std::string svg = QrSvg("http://127.0.0.1:8080/s/abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "Your \"link\"");
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("role=\"img\""), std::string::npos);
  EXPECT_NE(svg.find("aria-label=\"Your &quot;link&quot;\""), std::string::npos);
  EXPECT_NE(svg.find("<path"), std::string::npos);
  EXPECT_LT(svg.size(), 12000u);  // the confirmation page stays light
}

TEST(QrSvg, EmptyWhenTooLongToEncode) { EXPECT_EQ(QrSvg(std::string(8000, 'x'), "x"), ""); }

}  // namespace
}  // namespace kin::web
