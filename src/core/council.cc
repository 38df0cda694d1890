#include "core/council.h"

namespace kin {

const char* CouncilStandingName(CouncilStanding s) {
  switch (s) {
    case CouncilStanding::kHost: return "host";
    case CouncilStanding::kInvited: return "invited";
    case CouncilStanding::kMember: return "member";
    case CouncilStanding::kDeclined: return "declined";
    case CouncilStanding::kLeft: return "left";
    case CouncilStanding::kRemoved: return "removed";
  }
  return "host";
}

std::optional<CouncilStanding> ParseCouncilStanding(const std::string& name) {
  for (CouncilStanding s : {CouncilStanding::kHost, CouncilStanding::kInvited, CouncilStanding::kMember,
                            CouncilStanding::kDeclined, CouncilStanding::kLeft, CouncilStanding::kRemoved}) {
    if (name == CouncilStandingName(s)) return s;
  }
  return std::nullopt;
}

const char* CouncilMemberStateName(CouncilMemberState s) {
  switch (s) {
    case CouncilMemberState::kInvited: return "invited";
    case CouncilMemberState::kMember: return "member";
    case CouncilMemberState::kDeclined: return "declined";
    case CouncilMemberState::kLeft: return "left";
    case CouncilMemberState::kRemoved: return "removed";
  }
  return "invited";
}

std::optional<CouncilMemberState> ParseCouncilMemberState(const std::string& name) {
  for (CouncilMemberState s : {CouncilMemberState::kInvited, CouncilMemberState::kMember, CouncilMemberState::kDeclined,
                               CouncilMemberState::kLeft, CouncilMemberState::kRemoved}) {
    if (name == CouncilMemberStateName(s)) return s;
  }
  return std::nullopt;
}

Status ValidateCouncilName(const std::string& name) {
  size_t first = name.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return Status::InvalidField("name", "is required");
  if (name.size() > 200) return Status::InvalidField("name", "must be at most 200 characters");
  return Status::Ok();
}

Status CheckCouncilAnswer(const Council& c) {
  if (c.standing == CouncilStanding::kInvited) return Status::Ok();
  if (c.standing == CouncilStanding::kHost) return Status::Conflict("this hub convened the council");
  return Status::Conflict(std::string("the invitation was already answered: ") + CouncilStandingName(c.standing));
}

Status CheckCouncilLeave(const Council& c) {
  if (c.standing == CouncilStanding::kMember) return Status::Ok();
  if (c.standing == CouncilStanding::kHost) return Status::Conflict("the host hub cannot leave the council it convened");
  return Status::Conflict(std::string("this hub is not a member of the council: ") + CouncilStandingName(c.standing));
}

Status CheckCouncilRemove(const CouncilMember& m) {
  if (m.state == CouncilMemberState::kMember || m.state == CouncilMemberState::kInvited) return Status::Ok();
  return Status::Conflict(std::string("the hub is not in the council: ") + CouncilMemberStateName(m.state));
}

bool MayInviteAgain(CouncilMemberState s) {
  return s == CouncilMemberState::kDeclined || s == CouncilMemberState::kLeft || s == CouncilMemberState::kRemoved;
}

Status ValidateCouncilProposal(const ProposalDetails& d, Timestamp now) {
  if (d.kind != ProposalKind::kDecision) {
    return Status::InvalidField("kind", "must be decision: elections and recalls belong to a hub's own assembly");
  }
  if (d.opens_at) return Status::InvalidField("opens_at", "council proposals are opened by the host's coordinators");
  if (d.electorate != ElectorateKind::kMembers) {
    return Status::InvalidField("electorate", "a council's electorate is its member hubs");
  }
  return ValidateProposalDetails(d, now);
}

}  // namespace kin
