// JSON <-> assembly types: proposals, patches, ballots, outcomes and recorded votes (documented in openapi.json).
#ifndef KIN_HTTP_ASSEMBLY_CODEC_H_
#define KIN_HTTP_ASSEMBLY_CODEC_H_

#include <string_view>
#include <vector>

#include "app/assembly.h"
#include "http/json_writer.h"

namespace kin::http {

// Create: title, method and closes_at are required; every other field has the default of ProposalDetails.
Result<ProposalDetails> DecodeProposalDetails(std::string_view body);
Result<ProposalPatch> DecodeProposalPatch(std::string_view body);
// {"position", "reason", "approve", "ranking", "scores", "dots"}: the fields of the proposal's method.
Result<Ballot> DecodeBallot(std::string_view body);

// PUT body: {"waiting_days", "vouches_needed"}, both required.
Result<AssemblySettings> DecodeAssemblySettings(std::string_view body);
void WriteAssemblySettings(JsonWriter& w, const AssemblySettings& s);

void WriteProposalView(JsonWriter& w, const ProposalView& v);
void WriteOutcome(JsonWriter& w, const Outcome& o);
void WriteBallot(JsonWriter& w, const Ballot& b);
void WriteDelegates(JsonWriter& w, const std::vector<DelegateView>& delegates);
void WriteDelegateVotes(JsonWriter& w, const std::vector<DelegateVote>& votes);
void WriteRecordedVotes(JsonWriter& w, const std::vector<RecordedVote>& votes);

}  // namespace kin::http

#endif  // KIN_HTTP_ASSEMBLY_CODEC_H_
