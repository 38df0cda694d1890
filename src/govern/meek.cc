#include "govern/meek.h"

#include <algorithm>

#include "govern/ballot_walk.h"
#include "govern/tie_break.h"

namespace kin::govern {

namespace {

constexpr int kMaxIterations = 1000;

enum class State : char { kHopeful, kElected, kExcluded };

struct Distribution {
  std::vector<Votes> votes;
  InactiveVotes inactive;
};

// Sends every ballot down its preferences through the active candidates, each keeping its keep factor's share.
Distribution Distribute(const PreparedBallots& ballots, const std::vector<char>& active, const std::vector<Votes>& keep,
                        const RankedCountOptions& options, const Scale& scale) {
  Distribution d;
  d.votes.assign(active.size(), Votes());
  for (size_t g = 0; g < ballots.size(); ++g) {
    Votes remaining = scale.Whole(ballots.weights[g]);
    uint32_t rank = ballots.rank_start[g];
    while (true) {
      Preference p = NextPreference(ballots, g, &rank, active, options);
      if (p.candidate < 0) {
        AddInactive(p.reason, remaining, d.inactive);
        break;
      }
      Votes kept = Scale::MulDivFloor(remaining, keep[p.candidate].units(), scale.unit());
      d.votes[p.candidate] += kept;
      remaining -= kept;
      if (remaining == Votes()) break;
    }
  }
  return d;
}

}  // namespace

Result<CountResult> CountMeek(const BallotSet& set, const RankedCountOptions& options) {
  Status s = CheckRankedCount(set, options, "meek");
  if (!s.ok()) return s;
  const Scale scale(options.decimals);

  const int n = static_cast<int>(set.candidates.size());
  const PreparedBallots ballots = PrepareBallots(set);
  const Votes omega = options.decimals >= 6 ? Votes::FromUnits(scale.unit() / 1'000'000) : scale.Smallest();
  std::vector<State> state(n, State::kHopeful);
  std::vector<char> active(n, 1);
  std::vector<Votes> keep(n, scale.Whole(1));
  for (int c = 0; c < n; ++c) {
    if (set.withdrawn[c]) {
      state[c] = State::kExcluded;
      active[c] = 0;
      keep[c] = Votes();
    }
  }

  CountResult result;
  result.decimals = options.decimals;
  std::vector<std::vector<Votes>> history;
  while (true) {
    CountRound round;
    round.round = static_cast<int>(result.rounds.size()) + 1;
    Distribution d;
    Votes quota, surplus;
    int iterations = 0;
    while (true) {
      d = Distribute(ballots, active, keep, options, scale);
      Votes held;
      for (int c = 0; c < n; ++c) held += d.votes[c];
      quota = Votes::FromUnits(held.units() / (options.seats + 1) + 1);
      surplus = Votes();
      bool any_elected = false;
      for (int c = 0; c < n; ++c) {
        if (state[c] != State::kElected) continue;
        any_elected = true;
        if (d.votes[c] > quota) surplus += d.votes[c] - quota;
      }
      ++iterations;
      if (!any_elected || surplus <= omega || iterations >= kMaxIterations) break;
      bool changed = false;
      for (int c = 0; c < n; ++c) {
        if (state[c] != State::kElected || d.votes[c] == Votes()) continue;
        Votes next = std::min(Scale::MulDivCeil(keep[c], quota.units(), d.votes[c].units()), scale.Whole(1));
        changed = changed || next != keep[c];
        keep[c] = next;
      }
      if (!changed) break;
    }
    round.threshold = quota;
    round.inactive = d.inactive;
    std::vector<int> hopeful, reached;
    std::string factors;
    for (int c = 0; c < n; ++c) {
      if (state[c] == State::kExcluded) continue;
      round.tally.push_back({c, d.votes[c]});
      if (state[c] == State::kElected) factors += " " + set.candidates[c] + " " + scale.Format(keep[c]) + ";";
      if (state[c] != State::kHopeful) continue;
      hopeful.push_back(c);
      if (d.votes[c] >= quota) reached.push_back(c);
    }
    if (!factors.empty()) {
      factors.pop_back();
      round.notes.push_back(std::to_string(iterations) + " iteration" + (iterations == 1 ? "" : "s") +
                            ", total surplus " + scale.Format(surplus) + "; keep factors:" + factors);
    }
    history.push_back(d.votes);

    auto elect = [&](std::vector<int> group) {
      while (!group.empty() && result.winners.size() < static_cast<size_t>(options.seats)) {
        int c = PickCandidate(group, d.votes, TieSide::kHighest, history, set.candidates, scale, "elected first",
                              round.notes);
        group.erase(std::find(group.begin(), group.end(), c));
        hopeful.erase(std::find(hopeful.begin(), hopeful.end(), c));
        state[c] = State::kElected;
        round.elected.push_back(c);
        result.winners.push_back(c);
      }
    };
    elect(reached);
    const size_t open = static_cast<size_t>(options.seats) - result.winners.size();
    if (open == 0 || hopeful.size() <= open) {
      if (open > 0) {
        round.notes.push_back("no more hopeful candidates than open seats: all are elected");
        elect(hopeful);
      }
      result.rounds.push_back(std::move(round));
      return result;
    }
    if (round.elected.empty()) {
      round.eliminated = PickEliminated(hopeful, d.votes, options.batch_elimination, open, history, set.candidates,
                                        scale, round.notes);
      for (int c : round.eliminated) {
        state[c] = State::kExcluded;
        active[c] = 0;
        keep[c] = Votes();
      }
    }
    result.rounds.push_back(std::move(round));
  }
}

}  // namespace kin::govern
