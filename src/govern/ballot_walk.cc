#include "govern/ballot_walk.h"

#include <algorithm>

namespace kin::govern {

namespace {

uint64_t Mix(uint64_t h) {  // the splitmix64 finaliser
  h ^= h >> 30;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 27;
  h *= 0x94d049bb133111ebULL;
  return h ^ (h >> 31);
}

uint64_t HashBallot(const RankedBallot& ballot) {
  uint64_t h = 0x9e3779b97f4a7c15ULL;
  for (const std::vector<int>& rank : ballot.ranks) {
    for (int c : rank) h = Mix(h + static_cast<uint64_t>(c) + 1);
    h = Mix(h + 0x5bd1e995ULL);  // rank separator: "A|B" differs from "A>B"
  }
  return h;
}

bool SameMarks(const PreparedBallots& out, size_t group, const RankedBallot& ballot) {
  const uint32_t first = out.rank_start[group];
  if (out.rank_start[group + 1] - first != ballot.ranks.size()) return false;
  for (size_t r = 0; r < ballot.ranks.size(); ++r) {
    const uint32_t m = out.mark_start[first + r];
    if (out.mark_start[first + r + 1] - m != ballot.ranks[r].size()) return false;
    for (size_t i = 0; i < ballot.ranks[r].size(); ++i) {
      if (out.marks[m + i] != ballot.ranks[r][i]) return false;
    }
  }
  return true;
}

}  // namespace

PreparedBallots PrepareBallots(const BallotSet& set) {
  PreparedBallots out;
  out.weights.reserve(set.ballots.size());
  out.rank_start.reserve(set.ballots.size() + 1);
  out.rank_start.push_back(0);
  out.mark_start.push_back(0);
  // Open addressing: a slot holds the top 32 bits of the ballot's hash and its group + 1 (0 when empty), so a
  // probe touches one word; marks are compared on a tag match, which keeps merging exact. This runs over every
  // ballot in each count, so it allocates nothing per ballot.
  size_t capacity = 16;
  while (capacity < set.ballots.size() * 2) capacity *= 2;
  std::vector<uint64_t> slots(capacity, 0);
  std::vector<uint32_t> seen_at(set.candidates.size(), 0);  // group (1-based) that last marked c
  // Hashes are computed a batch ahead and their slots prefetched: the table is far larger than the cache, and
  // waiting for each probe's miss in turn was most of the cost of a count of a million ballots.
  constexpr size_t kBatch = 16;
  uint64_t batch_hash[kBatch];
  for (size_t base = 0; base < set.ballots.size(); base += kBatch) {
    const size_t batch = std::min(kBatch, set.ballots.size() - base);
    for (size_t i = 0; i < batch; ++i) {
      batch_hash[i] = HashBallot(set.ballots[base + i]);
      __builtin_prefetch(&slots[batch_hash[i] & (capacity - 1)]);
    }
    for (size_t i = 0; i < batch; ++i) {
      const RankedBallot& ballot = set.ballots[base + i];
      if (ballot.weight <= 0) continue;
      out.total_weight += ballot.weight;
      const uint64_t h = batch_hash[i];
      const uint64_t tag = h & 0xffffffff00000000ULL;
      size_t slot = h & (capacity - 1);
      bool found = false;
      while (slots[slot] != 0) {
        if ((slots[slot] & 0xffffffff00000000ULL) == tag &&
            SameMarks(out, (slots[slot] & 0xffffffffULL) - 1, ballot)) {
          found = true;
          break;
        }
        slot = (slot + 1) & (capacity - 1);
      }
      if (found) {
        out.weights[(slots[slot] & 0xffffffffULL) - 1] += ballot.weight;
        continue;
      }
      out.weights.push_back(ballot.weight);
      const uint32_t serial = static_cast<uint32_t>(out.weights.size());
      slots[slot] = tag | serial;
      for (const std::vector<int>& rank : ballot.ranks) {
        for (int c : rank) out.repeated.push_back(seen_at[c] == serial ? 1 : 0);
        for (int c : rank) {
          out.marks.push_back(c);
          seen_at[c] = serial;
        }
        out.mark_start.push_back(static_cast<uint32_t>(out.marks.size()));
      }
      out.rank_start.push_back(static_cast<uint32_t>(out.mark_start.size() - 1));
    }
  }
  return out;
}

Preference NextPreference(const PreparedBallots& ballots, size_t ballot, uint32_t* rank,
                          const std::vector<char>& continuing, const RankedCountOptions& options) {
  const uint32_t end = ballots.rank_start[ballot + 1];
  int blank_run = 0;
  for (uint32_t r = *rank; r < end; ++r) {
    const uint32_t first = ballots.mark_start[r];
    const uint32_t last = ballots.mark_start[r + 1];
    if (first == last) {
      ++blank_run;
      continue;
    }
    if (blank_run > options.max_skipped) {
      *rank = r;
      return {-1, StopReason::kSkipped};
    }
    blank_run = 0;
    if (last - first == 1) {
      int c = ballots.marks[first];
      if (ballots.repeated[first]) {
        if (options.duplicate == DuplicateRule::kExhaust) {
          *rank = r;
          return {-1, StopReason::kRepeated};
        }
        continue;
      }
      if (continuing[c]) {
        *rank = r + 1;
        return {c, StopReason::kExhausted};
      }
      continue;
    }
    // An overvote.
    if (options.overvote == OvervoteRule::kExhaust) {
      *rank = r;
      return {-1, StopReason::kOvervote};
    }
    if (options.overvote == OvervoteRule::kSkip) continue;
    int found = -1, count = 0;
    for (uint32_t m = first; m < last; ++m) {
      int c = ballots.marks[m];
      if (!ballots.repeated[m] && continuing[c]) {
        found = c;
        ++count;
      }
    }
    if (count >= 2) {
      *rank = r;
      return {-1, StopReason::kOvervote};
    }
    if (count == 1) {
      *rank = r + 1;
      return {found, StopReason::kExhausted};
    }
  }
  *rank = end;
  return {-1, StopReason::kExhausted};
}

void AddInactive(StopReason reason, Votes amount, InactiveVotes& inactive) {
  switch (reason) {
    case StopReason::kExhausted:
      inactive.exhausted += amount;
      break;
    case StopReason::kOvervote:
      inactive.overvotes += amount;
      break;
    case StopReason::kSkipped:
      inactive.skipped += amount;
      break;
    case StopReason::kRepeated:
      inactive.repeated += amount;
      break;
  }
}

}  // namespace kin::govern
