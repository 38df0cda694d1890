// Meeting-time poll: each person marks every proposed slot yes, "if need be", or no.
//
// A slot scores one point per yes and half a point per "if need be". The best slot has the most points; equal
// points go to the slot with more plain yes answers (fewer people putting themselves out), then to the earlier
// listed slot. Points are exact halves (Rational).
#ifndef KIN_GOVERN_MEETING_POLL_H_
#define KIN_GOVERN_MEETING_POLL_H_

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"
#include "govern/rational.h"

namespace kin::govern {

enum class Availability { kNo, kIfNeedBe, kYes };

struct SlotTally {
  int64_t yes = 0, if_need_be = 0, no = 0;  // no includes slots a response left out
  Rational points;                          // yes + if_need_be / 2
};

struct MeetingPollResult {
  std::vector<SlotTally> slots;    // per slot
  std::vector<int> ranking;        // slot indices, best first
  int best = -1;                   // ranking[0]
  std::vector<std::string> notes;  // ties decided by slot order
};

// `responses[i][s]`: person i's answer for slot s; a response may be shorter than the slots (the rest are no).
// Errors: no slots, a response longer than the slots ("responses[2]").
Result<MeetingPollResult> CountMeetingPoll(int slots, const std::vector<std::vector<Availability>>& responses);

}  // namespace kin::govern

#endif  // KIN_GOVERN_MEETING_POLL_H_
