// The wire form of council messages (core/council.h; docs/assemblies.md, "Councils") as ActivityStreams
// activities. Every one carries the top-level `council` (the council's URL, which routes it to the councils'
// inbox handler) and is addressed `to` one hub:
//   Invite    Invite  {object: the invited hub's actor, name: the council's name}          host -> hub
//   Accept    Accept  {object: the council}                                                  hub -> host
//   Reject    Reject  {object: the council}                                                  hub -> host
//   Proposal  Create  {object: Question (the proposal: name, content, method, options, ...)} host -> member
//   Ballot    Create  {object: Note {inReplyTo: the proposal, delegate, ballot}}             member -> host
//   Result    Update  {object: Question with `closed` and every hub's `votes`}              host -> member
//   Leave     Leave   {object: the council}                                                  member -> host
//   Remove    Remove  {object: the removed hub's actor, target: the council}                host -> member
// Leave and Remove are ActivityStreams' own types; Mastodon-compatible servers ignore a Leave and a Remove whose
// target is not the sender's featured collection, so neither is misread as unfollowing or unpinning.
// Terms beyond ActivityStreams are kin's (https://w3id.org/kin/ns#).
#ifndef KIN_FEDERATION_COUNCIL_CODEC_H_
#define KIN_FEDERATION_COUNCIL_CODEC_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ballot.h"
#include "core/proposal.h"
#include "core/status.h"
#include "core/time.h"

namespace kin::federation {

enum class CouncilMessageKind { kInvite, kAccept, kReject, kProposal, kBallot, kResult, kLeave, kRemove };

// One hub's ballot as the host counted it.
struct CouncilBallotEntry {
  std::string hub;            // the hub's actor URL
  std::string hub_name;
  std::string delegate_name;  // who cast it for the hub
  Ballot ballot;
};

struct CouncilMessage {
  CouncilMessageKind kind = CouncilMessageKind::kInvite;
  std::string id;       // the activity id
  std::string actor;    // the sending hub
  std::string to;       // the receiving hub
  std::string council;  // the council's URL
  std::string council_name;  // kInvite
  // kProposal, kResult: the proposal's URL and details; electorate: member hubs that may vote (frozen at opening).
  std::string proposal;
  ProposalDetails details;
  int electorate = 0;
  std::optional<Timestamp> opened_at;
  std::optional<Timestamp> closed_at;      // kResult
  std::vector<CouncilBallotEntry> ballots;  // kResult: every hub's ballot
  // kBallot: `proposal` is what it answers.
  std::string hub_name;
  std::string delegate_name;
  Ballot ballot;
};

std::string CouncilMessageJson(const CouncilMessage& message);

// kInvalid naming the field: not JSON, an unknown type, a missing id/actor/to/council, a proposal or ballot
// whose fields have the wrong shape. Whether the values fit the proposal is the receiver's to check.
Result<CouncilMessage> ReadCouncilMessage(std::string_view body);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_COUNCIL_CODEC_H_
