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
  std::optional<MessageText> text = RenderMessage(m.kind, m.params, lang);
  if (!text) return;
  m.subject = std::move(text->subject);
  m.body = std::move(text->body);
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
