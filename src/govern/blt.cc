#include "govern/blt.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <unordered_set>

namespace kin::govern {

namespace {

constexpr int kMaxCandidates = 10000;
constexpr int64_t kMaxWeight = 1'000'000'000'000;

struct Token {
  std::string_view text;
  bool quoted = false;
};

Status LineError(int line, const std::string& message) {
  return Status::Invalid("line " + std::to_string(line) + ": " + message);
}

// Splits one line into tokens: quoted strings, or runs of non-space characters. "#" outside quotes ends the line.
Status Tokenize(std::string_view line, int line_number, std::vector<Token>* tokens) {
  tokens->clear();
  size_t i = 0;
  while (i < line.size()) {
    char c = line[i];
    if (std::isspace(static_cast<unsigned char>(c))) {
      ++i;
    } else if (c == '#') {
      break;
    } else if (c == '"') {
      size_t close = line.find('"', i + 1);
      if (close == std::string_view::npos) return LineError(line_number, "a quoted name has no closing \"");
      tokens->push_back({line.substr(i + 1, close - i - 1), true});
      i = close + 1;
    } else {
      size_t end = i;
      while (end < line.size() && !std::isspace(static_cast<unsigned char>(line[end])) && line[end] != '"') ++end;
      tokens->push_back({line.substr(i, end - i), false});
      i = end;
    }
  }
  return Status::Ok();
}

bool ParseInt(std::string_view s, int64_t* out) {
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

}  // namespace

Result<BallotSet> ParseBlt(std::string_view text) {
  enum class Section { kHeader, kWithdrawnOrBallots, kBallots, kNames, kTitle, kDone };
  Section section = Section::kHeader;
  BallotSet set;
  int candidates = 0;
  std::vector<Token> tokens;
  int line_number = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    Status s = Tokenize(line, line_number, &tokens);
    if (!s.ok()) return s;
    if (tokens.empty()) continue;

    if (section == Section::kHeader) {
      int64_t c = 0, seats = 0;
      if (tokens.size() != 2 || tokens[0].quoted || tokens[1].quoted || !ParseInt(tokens[0].text, &c) ||
          !ParseInt(tokens[1].text, &seats)) {
        return LineError(line_number, "expected the number of candidates and seats, e.g. \"4 2\"");
      }
      if (c < 1 || c > kMaxCandidates) {
        return LineError(line_number, "the number of candidates must be between 1 and " +
                                          std::to_string(kMaxCandidates));
      }
      if (seats < 1 || seats > c) {
        return LineError(line_number, "the number of seats must be between 1 and the number of candidates (" +
                                          std::to_string(c) + ")");
      }
      candidates = static_cast<int>(c);
      set.seats = static_cast<int>(seats);
      set.withdrawn.assign(candidates, false);
      section = Section::kWithdrawnOrBallots;
      continue;
    }

    if (section == Section::kWithdrawnOrBallots) {
      section = Section::kBallots;
      if (!tokens[0].quoted && tokens[0].text.size() > 1 && tokens[0].text[0] == '-') {
        for (const Token& t : tokens) {
          int64_t v = 0;
          if (t.quoted || !ParseInt(t.text, &v) || v >= 0 || v < -candidates) {
            return LineError(line_number, "expected withdrawn candidates as -1 to -" + std::to_string(candidates) +
                                              ", got " + Quote(t.text));
          }
          set.withdrawn[-v - 1] = true;
        }
        continue;
      }
    }

    if (section == Section::kBallots) {
      size_t i = 0;
      if (!tokens[0].quoted && tokens[0].text.front() == '(') {
        if (tokens[0].text.back() != ')') return LineError(line_number, "a ballot id must end with \")\"");
        ++i;
      }
      int64_t weight = 0;
      if (i >= tokens.size() || tokens[i].quoted || !ParseInt(tokens[i].text, &weight) || weight < 0) {
        std::string got = i < tokens.size() ? Quote(tokens[i].text) : "nothing";
        if (i < tokens.size() && tokens[i].quoted) {
          return LineError(line_number, "expected a 0 line to end the ballots before the candidate names");
        }
        return LineError(line_number, "expected a ballot weight (a whole number >= 0), got " + got);
      }
      if (weight > kMaxWeight) return LineError(line_number, "a ballot weight must be at most 10^12");
      ++i;
      if (i == 1 && tokens.size() == 1 && weight == 0) {
        section = Section::kNames;
        continue;
      }
      RankedBallot ballot;
      ballot.weight = weight;
      ballot.line = line_number;
      bool closed = false;
      for (; i < tokens.size(); ++i) {
        std::string_view t = tokens[i].text;
        if (tokens[i].quoted) return LineError(line_number, "expected 0 at the end of a ballot");
        if (t == "0") {
          closed = true;
          ++i;
          break;
        }
        std::vector<int> rank;
        if (t != "-") {
          size_t part_start = 0;
          while (part_start <= t.size()) {
            size_t eq = t.find('=', part_start);
            if (eq == std::string_view::npos) eq = t.size();
            int64_t v = 0;
            if (!ParseInt(t.substr(part_start, eq - part_start), &v) || v < 1 || v > candidates) {
              return LineError(line_number, "expected a candidate number from 1 to " + std::to_string(candidates) +
                                                ", got " + Quote(t));
            }
            int candidate = static_cast<int>(v - 1);
            if (std::find(rank.begin(), rank.end(), candidate) == rank.end()) rank.push_back(candidate);
            part_start = eq + 1;
          }
        }
        ballot.ranks.push_back(std::move(rank));
      }
      if (!closed) return LineError(line_number, "expected 0 at the end of a ballot");
      if (i < tokens.size()) {
        return LineError(line_number, "unexpected " + Quote(tokens[i].text) + " after the 0 that ends a ballot");
      }
      while (!ballot.ranks.empty() && ballot.ranks.back().empty()) ballot.ranks.pop_back();
      set.ballots.push_back(std::move(ballot));
      continue;
    }

    for (const Token& t : tokens) {
      if (section == Section::kDone) return LineError(line_number, "unexpected " + Quote(t.text) + " after the title");
      if (!t.quoted) {
        if (section == Section::kTitle) return LineError(line_number, "expected the title in double quotes");
        return LineError(line_number, "expected candidate " + std::to_string(set.candidates.size() + 1) +
                                          "'s name in double quotes, got " + Quote(t.text));
      }
      if (section == Section::kTitle) {
        set.title = std::string(t.text);
        section = Section::kDone;
        continue;
      }
      if (t.text.empty()) return LineError(line_number, "a candidate's name is empty");
      if (set.Find(t.text) >= 0) return LineError(line_number, "candidate name " + Quote(t.text) + " is used twice");
      set.candidates.emplace_back(t.text);
      if (static_cast<int>(set.candidates.size()) == candidates) section = Section::kTitle;
    }
  }
  ++line_number;
  switch (section) {
    case Section::kHeader:
      return LineError(line_number, "the file is empty; expected the number of candidates and seats");
    case Section::kWithdrawnOrBallots:
    case Section::kBallots:
      return LineError(line_number, "the file ends before the 0 line that ends the ballots");
    case Section::kNames:
      return LineError(line_number, "the file ends after " + std::to_string(set.candidates.size()) + " of " +
                                        std::to_string(candidates) + " candidate names");
    case Section::kTitle:
    case Section::kDone:
      break;
  }
  return set;
}

}  // namespace kin::govern
