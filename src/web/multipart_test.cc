#include "web/multipart.h"

#include <gtest/gtest.h>

namespace kin::web {
namespace {

TEST(Multipart, ReadsFieldsAndAFileAsABrowserSendsThem) {
  std::string body =
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
      "token123\r\n"
      "--XyZ\r\n"
      "Content-Disposition: form-data; name=\"file\"; filename=\"stock.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\n"
      "name,quantity\r\nRice,4\r\n\r\n"
      "--XyZ--\r\n";
  std::optional<MultipartForm> f = ParseMultipart("multipart/form-data; boundary=XyZ", body);
  ASSERT_TRUE(f);
  EXPECT_EQ(f->fields["csrf"], "token123");
  EXPECT_EQ(f->fields["file"], "name,quantity\r\nRice,4\r\n");  // the file's own line ends are kept
  EXPECT_EQ(f->files["file"], "stock.csv");
}

TEST(Multipart, RefusesWhatNoBrowserSends) {
  EXPECT_FALSE(ParseMultipart("application/x-www-form-urlencoded", "a=b"));
  EXPECT_FALSE(ParseMultipart("multipart/form-data", "--x\r\n"));
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=x",
                              "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\ncut short"));
  std::optional<MultipartForm> quoted = ParseMultipart(
      "multipart/form-data; boundary=\"q\"", "--q\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--q--");
  ASSERT_TRUE(quoted);
  EXPECT_EQ(quoted->fields["a"], "1");
}

}  // namespace
}  // namespace kin::web
