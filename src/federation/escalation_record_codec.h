// An escalation record (escalation.h) as the text the store keeps, so EscalationBook::Restore after a restart
// puts back exactly what escalations() held. Internal to this server: not a wire format.
#ifndef KIN_FEDERATION_ESCALATION_RECORD_CODEC_H_
#define KIN_FEDERATION_ESCALATION_RECORD_CODEC_H_

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "federation/escalation.h"

namespace kin::federation {

std::string EscalationRecordText(const Escalation& escalation);
// kInternal when the text is not a record this code wrote.
Result<Escalation> ReadEscalationRecord(std::string_view text);

std::optional<EscalationState> ParseEscalationState(const std::string& name);

}  // namespace kin::federation

#endif  // KIN_FEDERATION_ESCALATION_RECORD_CODEC_H_
