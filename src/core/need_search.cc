#include "core/need_search.h"

namespace kin {
namespace {

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

}  // namespace

std::vector<std::string> SearchWords(const std::string& query) {
  std::vector<std::string> words;
  std::string word;
  for (char c : query + " ") {
    if (c == ' ' || c == '\t' || c == '\n' || c == ',') {
      if (!word.empty()) words.push_back(Lower(word));
      word.clear();
    } else {
      word += c;
    }
  }
  return words;
}

bool NeedMatches(const Need& need, const std::vector<std::string>& words) {
  std::string text = Lower(need.details.description + "\n" + need.details.place + "\n" + need.details.category);
  for (const std::string& w : words) {
    if (text.find(w) == std::string::npos) return false;
  }
  return true;
}

}  // namespace kin
