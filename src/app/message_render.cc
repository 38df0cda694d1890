#include "app/message_render.h"

#include "app/shift_series.h"
#include "schedule/civil_time.h"

namespace kin {

void MessageRenderer::Render(OutboxMessage& m) {
  if (m.params.empty()) return;
  auto it = members_.find(m.member);
  if (it == members_.end()) {
    Result<Member> member = tx_.GetMember(m.member);
    it = members_.emplace(m.member, member.ok() ? member->languages : std::vector<std::string>{}).first;
  }
  Render(m, it->second);
}

void MessageRenderer::Render(OutboxMessage& m, const std::vector<std::string>& member_languages) {
  if (m.params.empty()) return;
  const std::string lang = MessageLanguage(member_languages, HubLanguages(m.hub));
  const std::string who = ParamOf(m.params, "who_member");
  std::optional<MessageText> text = RenderMessage(
      m.kind, who.empty() || !current_names_ ? m.params : WithCurrentName(m.params, MemberId{who}, m.hub), lang);
  if (!text) return;
  m.subject = std::move(text->subject);
  m.body = std::move(text->body);
}

// A message naming a fellow member ("who_member") shows the name they have now, as the pages do, and none once
// they left the hub or deleted their account: the texts then say "someone who has left".
MessageParams MessageRenderer::WithCurrentName(MessageParams params, const MemberId& who, const HubId& hub) {
  Result<Member> member = tx_.GetMember(who);
  const bool here = member.ok() && tx_.GetMembership(hub, who).has_value();
  for (auto& [key, value] : params) {
    if (key == "who") value = here ? member->display_name : "";
  }
  return params;
}

const std::vector<std::string>& MessageRenderer::HubLanguages(const HubId& hub) {
  auto it = hubs_.find(hub);
  if (it == hubs_.end()) {
    Result<Hub> h = tx_.GetHub(hub);
    it = hubs_.emplace(hub, h.ok() ? h->settings.languages : std::vector<std::string>{}).first;
  }
  return it->second;
}

Result<std::string> HubLocalTime(const Hub& hub, Timestamp t) {
  Result<schedule::Zone> zone = ZoneOfHub(hub);
  if (!zone.ok()) return zone.status();
  return schedule::FormatLocalTime(zone->ToLocal(t));
}

}  // namespace kin
