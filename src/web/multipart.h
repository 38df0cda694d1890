// The body of a file upload form (multipart/form-data, RFC 7578), as a browser without JavaScript sends it.
#ifndef KIN_WEB_MULTIPART_H_
#define KIN_WEB_MULTIPART_H_

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace kin::web {

struct MultipartForm {
  std::map<std::string, std::string> fields;  // name -> value (a file part's value is the file's bytes)
  std::map<std::string, std::string> files;   // name -> file name, for parts that carried one
};

// Reads `body` given the request's Content-Type ("multipart/form-data; boundary=..."). nullopt when the type is
// not multipart/form-data, the boundary is missing or the body is cut short. A repeated name keeps its first part.
std::optional<MultipartForm> ParseMultipart(std::string_view content_type, std::string_view body);

}  // namespace kin::web

#endif  // KIN_WEB_MULTIPART_H_
