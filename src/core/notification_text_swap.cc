#include "core/notification_text_swap.h"

#include <string>

namespace kin {

namespace {

bool IsEs(std::string_view lang) { return lang == "es"; }

// The other member by the name members see on the shift pages; one who left has none (app/message_render.cc).
std::string Who(const MessageParams& p, std::string_view lang) {
  std::string name = ParamOf(p, "who");
  if (!name.empty()) return name;
  return IsEs(lang) ? "Alguien que ya dejó el nodo" : "Someone who has left the hub";
}

// "cook on "Kitchen" at Hall, Wed 23 Sep 2026, 18:00 (Europe/Madrid)" for the place whose parameters start with
// `prefix` ("" for the place offered, "ex_" for the one asked in exchange).
std::string Place(const MessageParams& p, const std::string& prefix, std::string_view lang) {
  const std::string when = ReadableLocalTime(ParamOf(p, prefix + "when"), ParamOf(p, "zone"), lang);
  if (IsEs(lang)) {
    return ParamOf(p, prefix + "role") + " en «" + ParamOf(p, prefix + "shift") + "» en " +
           ParamOf(p, prefix + "place") + ", " + when;
  }
  return ParamOf(p, prefix + "role") + " on \"" + ParamOf(p, prefix + "shift") + "\" at " +
         ParamOf(p, prefix + "place") + ", " + when;
}

std::string Headline(const MessageParams& p, std::string_view lang) {
  const std::string when = ReadableLocalTime(ParamOf(p, "when"), ParamOf(p, "zone"), lang);
  return IsEs(lang) ? "«" + ParamOf(p, "shift") + "», " + when : ParamOf(p, "shift") + ", " + when;
}

std::string Link(const MessageParams& p, std::string_view lang, bool to_act) {
  if (IsEs(lang)) {
    return std::string(to_act ? "\nPara aceptarlo o rechazarlo, entra en «Mis turnos» en kin: "
                              : "\nTus turnos están en «Mis turnos» en kin: ") +
           ParamOf(p, "link");
  }
  return std::string(to_act ? "\nTo accept or decline, open \"My shifts\" in kin: "
                            : "\nYour shifts are under \"My shifts\" in kin: ") +
         ParamOf(p, "link");
}

MessageText Proposed(const MessageParams& p, std::string_view lang, bool exchange) {
  const std::string who = Who(p, lang);
  if (IsEs(lang)) {
    return {who + (exchange ? " te propone un cambio de turno: " : " te ofrece su lugar: ") + Headline(p, lang),
            who + " te ofrece su lugar como " + Place(p, "", lang) +
                (exchange ? ", a cambio de tu lugar como " + Place(p, "ex_", lang) : "") + "." + Link(p, lang, true)};
  }
  return {who + (exchange ? " proposes a swap: " : " offers you their place: ") + Headline(p, lang),
          who + " offers you their place as " + Place(p, "", lang) +
              (exchange ? ", in exchange for your place as " + Place(p, "ex_", lang) : "") + "." + Link(p, lang, true)};
}

MessageText Accepted(const MessageParams& p, std::string_view lang, bool exchange) {
  const std::string who = Who(p, lang);
  if (IsEs(lang)) {
    return {who + " aceptó tu cambio: " + Headline(p, lang),
            exchange ? who + " aceptó el cambio: ahora ocupa tu lugar como " + Place(p, "", lang) +
                           ", y tú ocupas el suyo como " + Place(p, "ex_", lang) + "." + Link(p, lang, false)
                     : who + " aceptó tu oferta y ahora ocupa tu lugar como " + Place(p, "", lang) +
                           "; ya no lo tienes tú." + Link(p, lang, false)};
  }
  return {who + " accepted your swap: " + Headline(p, lang),
          exchange ? who + " accepted the swap: they now hold your place as " + Place(p, "", lang) +
                         ", and you hold theirs as " + Place(p, "ex_", lang) + "." + Link(p, lang, false)
                   : who + " accepted your offer and now holds your place as " + Place(p, "", lang) +
                         "; it is no longer yours." + Link(p, lang, false)};
}

MessageText Declined(const MessageParams& p, std::string_view lang, bool exchange) {
  const std::string who = Who(p, lang);
  if (IsEs(lang)) {
    return {who + " no aceptó tu cambio: " + Headline(p, lang),
            who + " no aceptó quedarse con tu lugar como " + Place(p, "", lang) +
                (exchange ? ", a cambio del suyo como " + Place(p, "ex_", lang) : "") +
                ".\nEl lugar sigue siendo tuyo: si no puedes ir, ofréceselo a otra persona o retírate a tiempo para "
                "que el resto pueda organizarse." +
                Link(p, lang, false)};
  }
  return {who + " declined your swap: " + Headline(p, lang),
          who + " declined to take your place as " + Place(p, "", lang) +
              (exchange ? ", in exchange for theirs as " + Place(p, "ex_", lang) : "") +
              ".\nThe place is still yours: if you cannot come, offer it to someone else or leave it in time so the "
              "others can plan." +
              Link(p, lang, false)};
}

MessageText Withdrawn(const MessageParams& p, std::string_view lang, bool exchange) {
  const std::string who = Who(p, lang);
  if (IsEs(lang)) {
    return {who + " retiró su oferta: " + Headline(p, lang),
            who + " retiró la oferta de su lugar como " + Place(p, "", lang) +
                (exchange ? ", a cambio del tuyo como " + Place(p, "ex_", lang) + ". Tu lugar sigue siendo tuyo."
                          : ". No cambia nada para ti.")};
  }
  return {who + " took back their offer: " + Headline(p, lang),
          who + " took back the offer of their place as " + Place(p, "", lang) +
              (exchange ? ", in exchange for yours as " + Place(p, "ex_", lang) + ". Your place is still yours."
                        : ". Nothing changes for you.")};
}

}  // namespace

std::optional<MessageText> RenderSwapMessage(std::string_view kind, const MessageParams& params,
                                             std::string_view lang) {
  const bool exchange = !ParamOf(params, "ex_shift").empty();
  if (kind == "shift.swap_proposed") return Proposed(params, lang, exchange);
  if (kind == "shift.swap_accepted") return Accepted(params, lang, exchange);
  if (kind == "shift.swap_declined") return Declined(params, lang, exchange);
  if (kind == "shift.swap_withdrawn") return Withdrawn(params, lang, exchange);
  return std::nullopt;
}

}  // namespace kin
