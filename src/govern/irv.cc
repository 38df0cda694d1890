#include "govern/irv.h"

#include "govern/ballot_walk.h"
#include "govern/piles.h"
#include "govern/tie_break.h"

namespace kin::govern {

Result<CountResult> CountIrv(const BallotSet& set, const RankedCountOptions& options) {
  Status s = CheckRankedCount(set, options, "irv");
  if (!s.ok()) return s;
  const Scale scale(options.decimals);

  const int n = static_cast<int>(set.candidates.size());
  const PreparedBallots ballots = PrepareBallots(set);
  std::vector<char> continuing(n);
  for (int c = 0; c < n; ++c) continuing[c] = set.withdrawn[c] ? 0 : 1;
  Piles piles(ballots, options, scale, n);
  piles.Start(continuing);

  CountResult result;
  result.decimals = options.decimals;
  std::vector<std::vector<Votes>> history;
  while (true) {
    CountRound round;
    round.round = static_cast<int>(result.rounds.size()) + 1;
    std::vector<int> alive;
    Votes total;
    for (int c = 0; c < n; ++c) {
      if (!continuing[c]) continue;
      alive.push_back(c);
      round.tally.push_back({c, piles.votes(c)});
      total += piles.votes(c);
    }
    history.push_back(piles.all_votes());
    // More than half of `total`, in whole units: the smallest amount v with 2v > total.
    round.threshold = Votes::FromUnits(total.units() / 2 + 1);
    round.inactive = piles.inactive();

    int leader = alive.size() == 1 ? alive[0] : -1;
    for (int c : alive) {
      if (piles.votes(c) >= round.threshold) leader = c;
    }
    if (leader >= 0) {
      round.elected.push_back(leader);
      result.winners.push_back(leader);
      result.rounds.push_back(std::move(round));
      return result;
    }
    round.eliminated = PickEliminated(alive, piles.all_votes(), options.batch_elimination, 2, history,
                                      set.candidates, scale, round.notes);
    for (int c : round.eliminated) continuing[c] = 0;
    for (int c : round.eliminated) piles.TransferAll(c, continuing);
    result.rounds.push_back(std::move(round));
  }
}

}  // namespace kin::govern
