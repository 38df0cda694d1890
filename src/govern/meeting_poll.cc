#include "govern/meeting_poll.h"

#include <algorithm>

namespace kin::govern {

Result<MeetingPollResult> CountMeetingPoll(int slots, const std::vector<std::vector<Availability>>& responses) {
  if (slots < 1) return Status::InvalidField("slots", "there must be at least one slot");
  MeetingPollResult r;
  r.slots.assign(slots, SlotTally());
  for (size_t i = 0; i < responses.size(); ++i) {
    if (responses[i].size() > static_cast<size_t>(slots)) {
      return Status::InvalidField("responses[" + std::to_string(i) + "]", "answers more slots than there are");
    }
    for (int s = 0; s < slots; ++s) {
      Availability a = s < static_cast<int>(responses[i].size()) ? responses[i][s] : Availability::kNo;
      if (a == Availability::kYes) ++r.slots[s].yes;
      if (a == Availability::kIfNeedBe) ++r.slots[s].if_need_be;
      if (a == Availability::kNo) ++r.slots[s].no;
    }
  }
  // Points in halves, kept as integers for the comparison.
  auto halves = [&](int s) { return 2 * r.slots[s].yes + r.slots[s].if_need_be; };
  for (int s = 0; s < slots; ++s) r.slots[s].points = Rational(halves(s), 2);
  r.ranking.resize(slots);
  for (int s = 0; s < slots; ++s) r.ranking[s] = s;
  std::stable_sort(r.ranking.begin(), r.ranking.end(), [&](int a, int b) {
    if (halves(a) != halves(b)) return halves(a) > halves(b);
    return r.slots[a].yes > r.slots[b].yes;
  });
  for (int i = 0; i + 1 < slots; ++i) {
    int a = r.ranking[i], b = r.ranking[i + 1];
    if (halves(a) == halves(b) && r.slots[a].yes == r.slots[b].yes) {
      r.notes.push_back("slots " + std::to_string(a) + " and " + std::to_string(b) + " tied with " +
                        r.slots[a].points.ToString() + " points and " + std::to_string(r.slots[a].yes) +
                        " yes; slot " + std::to_string(a) + " placed first by slot order");
    }
  }
  r.best = r.ranking[0];
  return r;
}

}  // namespace kin::govern
