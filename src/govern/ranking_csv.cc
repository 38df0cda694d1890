#include "govern/ranking_csv.h"

#include <cctype>
#include <unordered_map>

#include "core/csv.h"

namespace kin::govern {

namespace {

constexpr size_t kMaxCandidates = 10000;

Status LineError(int line, const std::string& message) {
  return Status::Invalid("line " + std::to_string(line) + ": " + message);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

}  // namespace

Result<BallotSet> ParseRankingCsv(std::string_view text, const std::vector<std::string>& candidates) {
  BallotSet set;
  std::unordered_map<std::string, int> index;
  const bool fixed = !candidates.empty();
  for (const std::string& name : candidates) {
    if (name.empty()) return Status::InvalidField("candidates", "a candidate name is empty");
    if (!index.emplace(name, static_cast<int>(set.candidates.size())).second) {
      return Status::InvalidField("candidates", "\"" + name + "\" is listed twice");
    }
    set.candidates.push_back(name);
  }

  CsvReader reader(text);
  std::vector<std::string> fields;
  std::unordered_map<std::string, int> seen_ids;
  int line = 0;
  size_t rank_columns = 0;
  bool have_header = false;
  Status status;
  while (reader.Next(&fields, &line, &status)) {
    if (fields.size() == 1 && Trim(fields[0]).empty()) continue;  // blank line
    if (!have_header) {
      if (Trim(fields[0]) != "ballot_id") {
        return LineError(line, "the header's first column must be ballot_id, got \"" + std::string(Trim(fields[0])) +
                                   "\"");
      }
      if (fields.size() < 2) return LineError(line, "the header needs at least one rank column after ballot_id");
      rank_columns = fields.size() - 1;
      have_header = true;
      continue;
    }
    if (fields.size() - 1 > rank_columns) {
      return LineError(line, std::to_string(fields.size()) + " columns, but the header has " +
                                 std::to_string(rank_columns + 1));
    }
    std::string id(Trim(fields[0]));
    if (id.empty()) return LineError(line, "ballot_id is empty");
    auto [it, added] = seen_ids.emplace(id, line);
    if (!added) {
      return LineError(line, "ballot_id " + id + " is used again (first on line " + std::to_string(it->second) + ")");
    }
    RankedBallot ballot;
    ballot.line = line;
    for (size_t col = 1; col < fields.size(); ++col) {
      std::string_view cell = Trim(fields[col]);
      std::vector<int> rank;
      size_t start = 0;
      while (!cell.empty() && start <= cell.size()) {
        size_t bar = cell.find('|', start);
        if (bar == std::string_view::npos) bar = cell.size();
        std::string name(Trim(cell.substr(start, bar - start)));
        start = bar + 1;
        if (name.empty()) return LineError(line, "an empty name in \"" + std::string(cell) + "\"");
        auto found = index.find(name);
        int candidate = 0;
        if (found != index.end()) {
          candidate = found->second;
        } else if (fixed) {
          return LineError(line, "unknown candidate \"" + name + "\" (not in --candidates)");
        } else {
          if (set.candidates.size() >= kMaxCandidates) return LineError(line, "too many candidates");
          candidate = static_cast<int>(set.candidates.size());
          index.emplace(name, candidate);
          set.candidates.push_back(name);
        }
        bool repeat = false;
        for (int c : rank) repeat = repeat || c == candidate;
        if (!repeat) rank.push_back(candidate);
      }
      ballot.ranks.push_back(std::move(rank));
    }
    while (!ballot.ranks.empty() && ballot.ranks.back().empty()) ballot.ranks.pop_back();
    set.ballots.push_back(std::move(ballot));
  }
  if (!status.ok()) return status;
  if (!have_header) return Status::Invalid("line 1: the file is empty; expected a header row starting with ballot_id");
  if (set.candidates.empty()) return Status::Invalid("no candidates: no ballot names anyone");
  set.withdrawn.assign(set.candidates.size(), false);
  return set;
}

}  // namespace kin::govern
