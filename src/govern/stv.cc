#include "govern/stv.h"

#include <algorithm>

#include "govern/ballot_walk.h"
#include "govern/piles.h"
#include "govern/tie_break.h"

namespace kin::govern {

Votes StvQuota(QuotaRule rule, Votes valid, int seats, const Scale& scale) {
  const int64_t v = valid.units();
  switch (rule) {
    case QuotaRule::kDroop:
      return scale.Whole(v / scale.unit() / (seats + 1) + 1);
    case QuotaRule::kDroopFractional:
      return Votes::FromUnits(v / (seats + 1) + 1);
    case QuotaRule::kHare:
      // At least one unit, so that nobody is elected with no votes when every ballot is inactive.
      return Votes::FromUnits(std::max<int64_t>((v + seats - 1) / seats, 1));
  }
  return Votes();
}

namespace {

enum class State : char { kHopeful, kElected, kEliminated, kWithdrawn };

// Sorts `group` by votes, most first, with ties broken by tie_break.h; notes any tie.
std::vector<int> OrderByVotes(std::vector<int> group, const std::vector<Votes>& votes,
                              const std::vector<std::vector<Votes>>& history, const BallotSet& set,
                              const Scale& scale, const std::string& action, std::vector<std::string>& notes) {
  std::vector<int> ordered;
  while (!group.empty()) {
    int next = PickCandidate(group, votes, TieSide::kHighest, history, set.candidates, scale, action, notes);
    ordered.push_back(next);
    group.erase(std::find(group.begin(), group.end(), next));
  }
  return ordered;
}

}  // namespace

Result<CountResult> CountStv(const BallotSet& set, const RankedCountOptions& options) {
  Status s = CheckRankedCount(set, options, "stv");
  if (!s.ok()) return s;
  const Scale scale(options.decimals);

  const int n = static_cast<int>(set.candidates.size());
  const PreparedBallots ballots = PrepareBallots(set);
  std::vector<State> state(n);
  std::vector<char> continuing(n);
  for (int c = 0; c < n; ++c) {
    state[c] = set.withdrawn[c] ? State::kWithdrawn : State::kHopeful;
    continuing[c] = set.withdrawn[c] ? 0 : 1;
  }
  Piles piles(ballots, options, scale, n);
  piles.Start(continuing);

  Votes valid;
  for (int c = 0; c < n; ++c) valid += piles.votes(c);
  const Votes quota = StvQuota(options.quota, valid, options.seats, scale);

  CountResult result;
  result.decimals = options.decimals;
  std::vector<std::vector<Votes>> history;
  std::vector<int> pending;  // elected, surplus not yet transferred
  while (true) {
    CountRound round;
    round.round = static_cast<int>(result.rounds.size()) + 1;
    round.threshold = quota;
    std::vector<int> hopeful, reached;
    for (int c = 0; c < n; ++c) {
      if (state[c] == State::kHopeful || state[c] == State::kElected) round.tally.push_back({c, piles.votes(c)});
      if (state[c] == State::kHopeful) {
        hopeful.push_back(c);
        if (piles.votes(c) >= quota) reached.push_back(c);
      }
    }
    history.push_back(piles.all_votes());
    round.inactive = piles.inactive();

    // Elects `group` in order of votes, as far as seats remain open. (Reaching the quota cannot elect more
    // candidates than there are seats: the quotas exceed total / (seats + 1) or equal total / seats.)
    auto elect = [&](const std::vector<int>& group, const char* action) {
      for (int c : OrderByVotes(group, piles.all_votes(), history, set, scale, action, round.notes)) {
        if (result.winners.size() == static_cast<size_t>(options.seats)) break;
        state[c] = State::kElected;
        continuing[c] = 0;
        round.elected.push_back(c);
        result.winners.push_back(c);
        hopeful.erase(std::find(hopeful.begin(), hopeful.end(), c));
        if (piles.votes(c) > quota) pending.push_back(c);
      }
    };
    elect(reached, "elected first");
    const size_t open = static_cast<size_t>(options.seats) - result.winners.size();
    if (open == 0 || hopeful.size() <= open) {
      if (open > 0) {
        round.notes.push_back("no more hopeful candidates than open seats: all are elected");
        elect(hopeful, "elected first");
      }
      result.rounds.push_back(std::move(round));
      return result;
    }
    if (!pending.empty()) {
      std::vector<Votes> surplus(n);
      for (int c : pending) surplus[c] = piles.votes(c) - quota;
      int c = PickCandidate(pending, surplus, TieSide::kHighest, history, set.candidates, scale,
                            "has the surplus transferred first", round.notes);
      pending.erase(std::find(pending.begin(), pending.end(), c));
      round.notes.push_back("surplus of " + set.candidates[c] + " (" + scale.Format(surplus[c]) +
                            " votes) transferred at " + scale.Format(surplus[c]) + "/" +
                            scale.Format(piles.votes(c)) + " of each ballot's weight");
      piles.TransferSurplus(c, surplus[c], continuing);
    } else {
      round.eliminated = PickEliminated(hopeful, piles.all_votes(), options.batch_elimination, open, history,
                                        set.candidates, scale, round.notes);
      for (int c : round.eliminated) {
        state[c] = State::kEliminated;
        continuing[c] = 0;
      }
      for (int c : round.eliminated) piles.TransferAll(c, continuing);
    }
    result.rounds.push_back(std::move(round));
  }
}

}  // namespace kin::govern
