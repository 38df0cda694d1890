#include "govern/ballots.h"

#include <algorithm>
#include <cctype>
#include <unordered_map>

#include "govern/blt.h"
#include "govern/ranking_csv.h"

namespace kin::govern {

namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  std::string_view tail = s.substr(s.size() - suffix.size());
  return std::equal(tail.begin(), tail.end(), suffix.begin(), [](char a, char b) {
    return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
  });
}

}  // namespace

int64_t BallotSet::TotalWeight() const {
  int64_t total = 0;
  for (const RankedBallot& b : ballots) total += b.weight;
  return total;
}

int BallotSet::Running() const {
  int n = 0;
  for (bool w : withdrawn) n += w ? 0 : 1;
  return n;
}

int BallotSet::Find(std::string_view name) const {
  for (size_t i = 0; i < candidates.size(); ++i) {
    if (candidates[i] == name) return static_cast<int>(i);
  }
  return -1;
}

Status CheckBallots(const BallotSet& set) {
  if (set.withdrawn.size() != set.candidates.size()) return Status::Internal("withdrawn flags do not match candidates");
  std::unordered_map<std::string_view, int> names;
  int running = 0;
  for (size_t c = 0; c < set.candidates.size(); ++c) {
    if (set.candidates[c].empty()) return Status::Invalid("a candidate's name is empty");
    if (!names.emplace(set.candidates[c], 0).second) {
      return Status::Invalid("candidate name \"" + set.candidates[c] + "\" is used twice");
    }
    if (!set.withdrawn[c]) ++running;
  }
  if (running == 0) return Status::Invalid("there are no candidates to count (all withdrawn, or none named)");
  const int n = static_cast<int>(set.candidates.size());
  for (const RankedBallot& ballot : set.ballots) {
    std::string where = ballot.line > 0 ? "line " + std::to_string(ballot.line) + ": " : "";
    if (ballot.weight < 0) return Status::Invalid(where + "a ballot's weight is negative");
    for (const std::vector<int>& rank : ballot.ranks) {
      for (size_t i = 0; i < rank.size(); ++i) {
        if (rank[i] < 0 || rank[i] >= n) return Status::Invalid(where + "a ballot names no such candidate");
        for (size_t j = 0; j < i; ++j) {
          if (rank[j] == rank[i]) return Status::Invalid(where + "a ballot names a candidate twice at one rank");
        }
      }
    }
  }
  return Status::Ok();
}

std::vector<std::string> SplitCandidateList(std::string_view list) {
  std::vector<std::string> names;
  if (Trim(list).empty()) return names;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string_view::npos) comma = list.size();
    names.emplace_back(Trim(list.substr(start, comma - start)));
    start = comma + 1;
  }
  return names;
}

Status ApplyCandidateOrder(const std::vector<std::string>& order, BallotSet& set) {
  std::unordered_map<std::string, int> position;
  for (size_t i = 0; i < order.size(); ++i) {
    if (order[i].empty()) return Status::InvalidField("candidates", "a candidate name is empty");
    if (!position.emplace(order[i], static_cast<int>(i)).second) {
      return Status::InvalidField("candidates", "\"" + order[i] + "\" is listed twice");
    }
  }
  std::vector<int> remap(set.candidates.size());
  for (size_t c = 0; c < set.candidates.size(); ++c) {
    auto it = position.find(set.candidates[c]);
    if (it == position.end()) {
      return Status::InvalidField("candidates", "does not list \"" + set.candidates[c] +
                                                    "\", a candidate in the file");
    }
    remap[c] = it->second;
  }
  std::vector<bool> withdrawn(order.size(), false);
  for (size_t c = 0; c < set.candidates.size(); ++c) withdrawn[remap[c]] = set.withdrawn[c];
  for (RankedBallot& ballot : set.ballots) {
    for (std::vector<int>& rank : ballot.ranks) {
      for (int& candidate : rank) candidate = remap[candidate];
    }
  }
  set.candidates = order;
  set.withdrawn = std::move(withdrawn);
  return Status::Ok();
}

BallotFormat DetectBallotFormat(std::string_view file_name, std::string_view content) {
  if (EndsWithNoCase(file_name, ".blt")) return BallotFormat::kBlt;
  if (EndsWithNoCase(file_name, ".csv")) return BallotFormat::kCsv;
  // A BLT file starts with "candidates seats": two integers alone on the first non-blank line.
  size_t start = 0;
  while (start < content.size()) {
    size_t end = content.find('\n', start);
    if (end == std::string_view::npos) end = content.size();
    std::string_view line = Trim(content.substr(start, end - start));
    start = end + 1;
    if (line.empty()) continue;
    int numbers = 0;
    bool in_number = false;
    for (char c : line) {
      if (std::isdigit(static_cast<unsigned char>(c))) {
        if (!in_number) ++numbers;
        in_number = true;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        in_number = false;
      } else {
        return BallotFormat::kCsv;
      }
    }
    return numbers == 2 ? BallotFormat::kBlt : BallotFormat::kCsv;
  }
  return BallotFormat::kCsv;
}

Result<BallotSet> ParseBallotFile(std::string_view file_name, std::string_view content,
                                  const std::vector<std::string>& candidates) {
  if (DetectBallotFormat(file_name, content) == BallotFormat::kCsv) return ParseRankingCsv(content, candidates);
  Result<BallotSet> set = ParseBlt(content);
  if (!set.ok() || candidates.empty()) return set;
  if (candidates.size() != set->candidates.size()) {
    return Status::InvalidField("candidates", "lists " + std::to_string(candidates.size()) +
                                                  " names but the file has " +
                                                  std::to_string(set->candidates.size()) + " candidates");
  }
  Status s = ApplyCandidateOrder(candidates, *set);
  if (!s.ok()) return s;
  return set;
}

}  // namespace kin::govern
