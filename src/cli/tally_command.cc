// `kin tally`: reads a ballot file, runs one count from src/govern, and prints it as JSON or a text table.
// All counting rules live in src/govern; this file only reads the file, maps flags to options and formats.
#include "cli/tally_command.h"

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "govern/ballots.h"
#include "govern/count.h"
#include "govern/irv.h"
#include "govern/meek.h"
#include "govern/schulze.h"
#include "govern/stv.h"

namespace kin::cli {

namespace {

using govern::BallotSet;
using govern::CountResult;
using govern::CountRound;
using govern::RankedCountOptions;
using govern::Scale;

struct TallyFlags {
  std::string method;
  int seats = 0;  // 0: the BLT header's, or 1
  std::string quota = "droop";
  int decimals = -1;  // -1: irv 0, stv 5, meek 9
  std::string overvote = "exhaust";
  int max_skipped = 1;
  std::string duplicate = "skip";
  bool batch_elimination = false;
  std::string candidates;
  std::string format = "json";
  std::string file;
  CLI::Option* quota_option = nullptr;
};

// Picks `text` from `names` (in the same order as `values`); an error names the flag and the choices.
template <typename T>
Status Choose(const char* flag, const std::string& text, const std::vector<std::string>& names,
              const std::vector<T>& values, T* out) {
  std::string choices;
  for (size_t i = 0; i < names.size(); ++i) {
    if (names[i] == text) {
      *out = values[i];
      return Status::Ok();
    }
    choices += (i ? ", " : "") + names[i];
  }
  return Status::Invalid(std::string(flag) + ": \"" + text + "\" is not one of " + choices);
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string JsonNames(const std::vector<int>& ids, const BallotSet& set) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) out += (i ? ", " : "") + JsonString(set.candidates[ids[i]]);
  return out + "]";
}

std::string JsonStrings(const std::vector<std::string>& items) {
  std::string out = "[";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? ", " : "") + JsonString(items[i]);
  return out + "]";
}

std::string RankedJson(const BallotSet& set, const CountResult& r, bool with_rounding) {
  const Scale scale(r.decimals);
  auto value = [&](govern::Votes v) { return JsonString(scale.Format(v)); };
  std::string out = "{\n  \"winners\": " + JsonNames(r.winners, set) + ",\n  \"rounds\": [";
  for (size_t i = 0; i < r.rounds.size(); ++i) {
    const CountRound& round = r.rounds[i];
    out += i ? ",\n    {" : "\n    {";
    out += "\"round\": " + std::to_string(round.round) + ", \"threshold\": " + value(round.threshold);
    out += ",\n     \"tally\": {";
    for (size_t t = 0; t < round.tally.size(); ++t) {
      out += (t ? ", " : "") + JsonString(set.candidates[round.tally[t].candidate]) + ": " +
             value(round.tally[t].votes);
    }
    out += "},\n     \"elected\": " + JsonNames(round.elected, set) +
           ", \"eliminated\": " + JsonNames(round.eliminated, set);
    const govern::InactiveVotes& in = round.inactive;
    out += ",\n     \"inactive\": {\"exhausted\": " + value(in.exhausted) + ", \"overvotes\": " + value(in.overvotes) +
           ", \"skipped\": " + value(in.skipped) + ", \"repeated\": " + value(in.repeated);
    if (with_rounding) out += ", \"rounding\": " + value(in.rounding);
    out += "}";
    if (!round.notes.empty()) out += ",\n     \"notes\": " + JsonStrings(round.notes);
    out += "}";
  }
  return out + (r.rounds.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

std::string SchulzeJson(const BallotSet& set, const govern::SchulzeResult& r) {
  auto matrix = [&](const std::vector<std::vector<int64_t>>& m) {
    std::string out = "{";
    for (size_t a = 0; a < r.candidates.size(); ++a) {
      out += std::string(a ? ",\n    " : "\n    ") + JsonString(set.candidates[r.candidates[a]]) + ": {";
      bool first = true;
      for (size_t b = 0; b < r.candidates.size(); ++b) {
        if (a == b) continue;
        out += (first ? "" : ", ") + JsonString(set.candidates[r.candidates[b]]) + ": " +
               JsonString(std::to_string(m[a][b]));
        first = false;
      }
      out += "}";
    }
    return out + "\n  }";
  };
  std::string out = "{\n  \"winners\": " + JsonNames(r.winners, set) + ",\n  \"ranking\": " +
                    JsonNames(r.ranking, set) + ",\n  \"pairwise\": " + matrix(r.pairwise) +
                    ",\n  \"strongest_paths\": " + matrix(r.strongest) + ",\n  \"rounds\": []";
  if (!r.notes.empty()) out += ",\n  \"notes\": " + JsonStrings(r.notes);
  return out + "\n}\n";
}

std::string Pad(const std::string& s, size_t width, bool right) {
  // Pads by bytes; names in other scripts may line up a little off, which a reader tolerates.
  if (s.size() >= width) return s;
  return right ? std::string(width - s.size(), ' ') + s : s + std::string(width - s.size(), ' ');
}

std::string RankedText(const BallotSet& set, const CountResult& r, const std::string& method, int seats,
                       bool with_rounding) {
  const Scale scale(r.decimals);
  std::vector<std::string> labels;
  std::vector<std::vector<std::string>> cells;  // per row, per round
  std::map<int, size_t> row_of;
  for (size_t c = 0; c < set.candidates.size(); ++c) {
    if (set.withdrawn[c]) continue;
    row_of[static_cast<int>(c)] = labels.size();
    labels.push_back(set.candidates[c]);
  }
  std::vector<std::string> extra = {"Exhausted", "Overvotes", "Skipped", "Repeated"};
  if (with_rounding) extra.push_back("Rounding");
  extra.push_back("Threshold");
  labels.insert(labels.end(), extra.begin(), extra.end());
  cells.assign(labels.size(), std::vector<std::string>(r.rounds.size(), "-"));
  const size_t base = labels.size() - extra.size();
  for (size_t i = 0; i < r.rounds.size(); ++i) {
    const CountRound& round = r.rounds[i];
    for (const govern::CandidateVotes& cv : round.tally) cells[row_of[cv.candidate]][i] = scale.Format(cv.votes);
    std::vector<govern::Votes> extras = {round.inactive.exhausted, round.inactive.overvotes, round.inactive.skipped,
                                         round.inactive.repeated};
    if (with_rounding) extras.push_back(round.inactive.rounding);
    extras.push_back(round.threshold);
    for (size_t e = 0; e < extras.size(); ++e) cells[base + e][i] = scale.Format(extras[e]);
  }
  size_t label_width = 0;
  for (const std::string& l : labels) label_width = std::max(label_width, l.size());
  std::vector<size_t> widths(r.rounds.size());
  for (size_t i = 0; i < r.rounds.size(); ++i) {
    widths[i] = ("Round " + std::to_string(i + 1)).size();
    for (const auto& row : cells) widths[i] = std::max(widths[i], row[i].size());
  }
  std::ostringstream out;
  if (!set.title.empty()) out << set.title << "\n";
  out << method << ", " << seats << (seats == 1 ? " seat" : " seats") << ", ballots weighing "
      << set.TotalWeight() << ", values to " << r.decimals << " decimals\n\n";
  out << Pad("", label_width, false);
  for (size_t i = 0; i < r.rounds.size(); ++i) out << "  " << Pad("Round " + std::to_string(i + 1), widths[i], true);
  out << "\n";
  for (size_t row = 0; row < labels.size(); ++row) {
    out << Pad(labels[row], label_width, false);
    for (size_t i = 0; i < r.rounds.size(); ++i) out << "  " << Pad(cells[row][i], widths[i], true);
    out << "\n";
  }
  out << "\n";
  for (const CountRound& round : r.rounds) {
    std::string line;
    for (int c : round.elected) line += (line.empty() ? "" : ", ") + set.candidates[c];
    if (!line.empty()) line = "elected " + line;
    std::string gone;
    for (int c : round.eliminated) gone += (gone.empty() ? "" : ", ") + set.candidates[c];
    if (!gone.empty()) line += (line.empty() ? "eliminated " : "; eliminated ") + gone;
    if (!line.empty()) out << "Round " << round.round << ": " << line << "\n";
    for (const std::string& note : round.notes) out << "Round " << round.round << ": " << note << "\n";
  }
  out << "Winners:";
  for (size_t i = 0; i < r.winners.size(); ++i) out << (i ? ", " : " ") << set.candidates[r.winners[i]];
  out << "\n";
  return out.str();
}

std::string SchulzeText(const BallotSet& set, const govern::SchulzeResult& r) {
  std::ostringstream out;
  if (!set.title.empty()) out << set.title << "\n";
  out << "schulze, ballots weighing " << set.TotalWeight() << "\n\nStrongest paths (row over column):\n";
  size_t width = 1;
  for (int c : r.candidates) width = std::max(width, set.candidates[c].size());
  for (const auto& row : r.strongest) {
    for (int64_t v : row) width = std::max(width, std::to_string(v).size());
  }
  out << Pad("", width, false);
  for (int c : r.candidates) out << "  " << Pad(set.candidates[c], width, true);
  out << "\n";
  for (size_t a = 0; a < r.candidates.size(); ++a) {
    out << Pad(set.candidates[r.candidates[a]], width, false);
    for (size_t b = 0; b < r.candidates.size(); ++b) {
      out << "  " << Pad(a == b ? "-" : std::to_string(r.strongest[a][b]), width, true);
    }
    out << "\n";
  }
  out << "\nRanking:";
  for (size_t i = 0; i < r.ranking.size(); ++i) out << (i ? " > " : " ") << set.candidates[r.ranking[i]];
  out << "\n";
  for (const std::string& note : r.notes) out << "Note: " << note << "\n";
  out << "Winners:";
  for (size_t i = 0; i < r.winners.size(); ++i) out << (i ? ", " : " ") << set.candidates[r.winners[i]];
  out << "\n";
  return out.str();
}

Result<std::string> ReadFile(const std::string& path) {
  if (path == "-") {
    std::ostringstream in;
    in << std::cin.rdbuf();
    return in.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Invalid("cannot read " + path + ": " + std::strerror(errno));
  std::ostringstream content;
  content << in.rdbuf();
  if (in.bad()) return Status::Invalid("cannot read " + path);
  return content.str();
}

// Runs the whole command; the output, or the reason it cannot be produced.
Result<std::string> Tally(const TallyFlags& f) {
  if (f.method != "irv" && f.method != "stv" && f.method != "meek" && f.method != "schulze") {
    return Status::Invalid("--method: \"" + f.method + "\" is not one of irv, stv, meek, schulze");
  }
  if (f.format != "json" && f.format != "text") {
    return Status::Invalid("--format: \"" + f.format + "\" is not one of json, text");
  }
  if (f.quota_option != nullptr && f.quota_option->count() > 0 && f.method != "stv") {
    return Status::Invalid("--quota applies to stv only (meek always uses droop-fractional)");
  }
  RankedCountOptions options;
  using govern::DuplicateRule;
  using govern::OvervoteRule;
  using govern::QuotaRule;
  Status s = Choose<QuotaRule>("--quota", f.quota, {"droop", "droop-fractional", "hare"},
                               {QuotaRule::kDroop, QuotaRule::kDroopFractional, QuotaRule::kHare}, &options.quota);
  if (s.ok()) {
    s = Choose<OvervoteRule>("--overvote", f.overvote, {"exhaust", "skip", "exhaust-if-multiple"},
                             {OvervoteRule::kExhaust, OvervoteRule::kSkip, OvervoteRule::kExhaustIfMultiple},
                             &options.overvote);
  }
  if (s.ok()) {
    s = Choose<DuplicateRule>("--duplicate", f.duplicate, {"skip", "exhaust"},
                              {DuplicateRule::kSkip, DuplicateRule::kExhaust}, &options.duplicate);
  }
  if (!s.ok()) return s;

  Result<std::string> content = ReadFile(f.file);
  if (!content.ok()) return content.status();
  Result<BallotSet> set = govern::ParseBallotFile(f.file, *content, govern::SplitCandidateList(f.candidates));
  if (!set.ok()) return Status::Invalid(f.file + ": " + set.status().message());

  int seats = f.seats;
  if (seats == 0) seats = f.method == "irv" ? 1 : (set->seats > 0 ? set->seats : 1);
  if (f.method == "irv" && f.seats == 0 && set->seats > 1) {
    return Status::Invalid("the file is for " + std::to_string(set->seats) +
                           " seats but IRV fills one; use --method stv, or --seats 1 to count it for one seat");
  }
  options.seats = seats;
  options.decimals = f.decimals >= 0 ? f.decimals : f.method == "irv" ? 0 : f.method == "stv" ? 5 : 9;
  options.max_skipped = f.max_skipped;
  options.batch_elimination = f.batch_elimination;

  const bool text = f.format == "text";
  if (f.method == "schulze") {
    Result<govern::SchulzeResult> r = govern::CountSchulze(*set, seats);
    if (!r.ok()) return r.status();
    return text ? SchulzeText(*set, *r) : SchulzeJson(*set, *r);
  }
  Result<CountResult> r = f.method == "irv"   ? govern::CountIrv(*set, options)
                          : f.method == "stv" ? govern::CountStv(*set, options)
                                              : govern::CountMeek(*set, options);
  if (!r.ok()) return r.status();
  const bool with_rounding = f.method != "irv";
  return text ? RankedText(*set, *r, f.method, seats, with_rounding) : RankedJson(*set, *r, with_rounding);
}

}  // namespace

void AddTallyCommand(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<TallyFlags>();
  CLI::App* cmd = app.add_subcommand("tally", "count a BLT or CSV ballot file (IRV, STV, Meek, Schulze)");
  cmd->add_option("--method", flags->method, "irv, stv, meek or schulze")->required();
  cmd->add_option("--seats", flags->seats, "seats to fill (default: the BLT header's, else 1)")
      ->check(CLI::Range(1, 1000000));
  flags->quota_option =
      cmd->add_option("--quota", flags->quota, "stv: droop, droop-fractional or hare")->capture_default_str();
  cmd->add_option("--decimals", flags->decimals, "digits after the point in every vote value (default irv 0, stv 5, "
                                                 "meek 9)");
  cmd->add_option("--overvote", flags->overvote, "exhaust, skip or exhaust-if-multiple")->capture_default_str();
  cmd->add_option("--max-skipped", flags->max_skipped,
                  "blank ranks in a row passed over; more make the ballot inactive")->capture_default_str();
  cmd->add_option("--duplicate", flags->duplicate, "a repeated candidate: skip or exhaust")->capture_default_str();
  cmd->add_flag("--batch-elimination", flags->batch_elimination,
                "eliminate at once all lowest candidates who together trail the next");
  cmd->add_option("--candidates", flags->candidates,
                  "\"A,B,C\": the candidates, in tie-breaking order (earlier listed is favoured)");
  cmd->add_option("--format", flags->format, "json or text")->capture_default_str();
  cmd->add_option("file", flags->file, "the ballot file (.blt or .csv; - for stdin)")->required();
  cmd->callback([flags, &exit_code] {
    Result<std::string> out = Tally(*flags);
    if (!out.ok()) {
      std::fprintf(stderr, "kin tally: %s\n", out.status().message().c_str());
      exit_code = 2;
      return;
    }
    std::fwrite(out->data(), 1, out->size(), stdout);
    exit_code = 0;
  });
}

}  // namespace kin::cli
