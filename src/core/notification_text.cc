#include "core/notification_text.h"

#include <chrono>

#include "core/notification_text_swap.h"

namespace kin {

namespace {

bool IsEs(std::string_view lang) { return lang == "es"; }

std::string Primary(std::string_view code) {
  std::string out;
  for (char c : code) {
    if (c == '-' || c == '_') break;
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  }
  return out;
}

bool HasTexts(const std::string& lang) { return lang == "en" || lang == "es"; }

int Digits(std::string_view s, size_t at, size_t n) {
  int v = 0;
  for (size_t i = at; i < at + n; ++i) v = v * 10 + (s[i] - '0');
  return v;
}

bool LooksLikeLocalTime(std::string_view s) {
  if (s.size() != 15 || s[8] != 'T') return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (i != 8 && (s[i] < '0' || s[i] > '9')) return false;
  }
  return true;
}

std::string TwoDigits(int v) { return (v < 10 ? "0" : "") + std::to_string(v); }

// "a", "a and b", "a, b and c" ("y" in Spanish), from a "; "-separated list.
std::string JoinNames(const std::string& list, std::string_view lang) {
  std::vector<std::string> names;
  size_t start = 0;
  while (start <= list.size() && !list.empty()) {
    size_t end = list.find("; ", start);
    if (end == std::string::npos) end = list.size();
    names.push_back(list.substr(start, end - start));
    start = end + 2;
  }
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? (IsEs(lang) ? " y " : " and ") : ", ";
    out += names[i];
  }
  return out;
}

struct Texts {
  std::string subject;
  std::string body;
};

Texts ShiftReminder(const MessageParams& p, std::string_view lang) {
  const std::string when = ReadableLocalTime(ParamOf(p, "when"), ParamOf(p, "zone"), lang);
  const bool waiting = ParamOf(p, "waiting") == "1";
  if (IsEs(lang)) {
    return {"Recordatorio: " + ParamOf(p, "shift") + ", " + when,
            std::string("Tienes un lugar") + (waiting ? " en la lista de espera" : "") + " como " +
                ParamOf(p, "role") + " en «" + ParamOf(p, "shift") + "» en " + ParamOf(p, "place") + ", " + when +
                ".\nSi no puedes venir, retírate o pide a alguien que te cambie el turno para que el resto pueda "
                "organizarse."};
  }
  return {"Reminder: " + ParamOf(p, "shift") + ", " + when,
          std::string("You have a place") + (waiting ? " on the waiting list" : "") + " as " + ParamOf(p, "role") +
              " on \"" + ParamOf(p, "shift") + "\" at " + ParamOf(p, "place") + ", " + when +
              ".\nIf you cannot come, withdraw or ask someone to swap so the others can plan."};
}

Texts EmptySlots(const MessageParams& p, std::string_view lang) {
  const std::string when = ReadableLocalTime(ParamOf(p, "when"), ParamOf(p, "zone"), lang);
  if (IsEs(lang)) {
    return {"«" + ParamOf(p, "shift") + "» todavía necesita gente, " + when,
            "A «" + ParamOf(p, "shift") + "» en " + ParamOf(p, "place") + ", " + when + ", todavía le faltan: " +
                ParamOf(p, "wanted") + ". Si tienes tiempo, puedes apuntarte en kin."};
  }
  return {"\"" + ParamOf(p, "shift") + "\" still needs people, " + when,
          "\"" + ParamOf(p, "shift") + "\" at " + ParamOf(p, "place") + ", " + when + ", still needs " +
              ParamOf(p, "wanted") + ". If you are free, you can take a place in kin."};
}

Texts LoanOverdue(const MessageParams& p, std::string_view lang) {
  const std::string due = ReadableLocalTime(ParamOf(p, "due"), ParamOf(p, "zone"), lang);
  if (IsEs(lang)) {
    return {"Es hora de devolver «" + ParamOf(p, "thing") + "»",
            "Tenías que devolver «" + ParamOf(p, "thing") + "» el " + due +
                ". Devuélvelo cuando puedas para que otra persona lo pueda usar; si necesitas más tiempo, díselo "
                "a quien cuida la biblioteca."};
  }
  return {"Time to bring back \"" + ParamOf(p, "thing") + "\"",
          "\"" + ParamOf(p, "thing") + "\" was due back on " + due +
              ". Please return it when you can so someone else can use it; if you need longer, tell the keepers."};
}

Texts StockLow(const MessageParams& p, std::string_view lang) {
  const std::string left = ParamOf(p, "quantity") + " " + ParamOf(p, "unit");
  if (IsEs(lang)) {
    return {"Queda poco: «" + ParamOf(p, "item") + "»",
            "Solo quedan " + left + " de «" + ParamOf(p, "item") +
                "». Si podéis, pedid donaciones o avisad a quien reparte antes de que se acabe."};
  }
  return {"Running low: \"" + ParamOf(p, "item") + "\"",
          "Only " + left + " left of \"" + ParamOf(p, "item") +
              "\". If you can, ask for donations or tell the people handing it out before it runs out."};
}

Texts ProposalOpened(const MessageParams& p, std::string_view lang) {
  const std::string closes = ReadableLocalTime(ParamOf(p, "closes"), ParamOf(p, "zone"), lang);
  if (IsEs(lang)) {
    return {"Votación abierta: " + ParamOf(p, "title"),
            "La propuesta «" + ParamOf(p, "title") + "» está abierta a votación hasta el " + closes +
                ". Puedes votar en kin, en la asamblea de tu grupo."};
  }
  return {"Voting is open: " + ParamOf(p, "title"),
          "The proposal \"" + ParamOf(p, "title") + "\" is open for voting until " + closes +
              ". You can vote in kin, in your hub's assembly."};
}

Texts ProposalClosingSoon(const MessageParams& p, std::string_view lang) {
  const std::string closes = ReadableLocalTime(ParamOf(p, "closes"), ParamOf(p, "zone"), lang);
  if (IsEs(lang)) {
    return {"La votación cierra pronto: " + ParamOf(p, "title"),
            "La votación de «" + ParamOf(p, "title") + "» cierra el " + closes +
                " y todavía no has votado. Puedes votar en kin, en la asamblea de tu grupo."};
  }
  return {"Voting closes soon: " + ParamOf(p, "title"),
          "Voting on \"" + ParamOf(p, "title") + "\" closes on " + closes +
              " and you have not voted yet. You can vote in kin, in your hub's assembly."};
}

Texts ProposalClosed(const MessageParams& p, std::string_view lang) {
  const std::string result = ParamOf(p, "result");
  const std::string title = ParamOf(p, "title");
  const std::string winners = JoinNames(ParamOf(p, "winners"), lang);
  const std::string turnout = ParamOf(p, "participants");
  const std::string electorate = ParamOf(p, "electorate");
  const std::string quorum = ParamOf(p, "quorum");
  const bool has_quorum = !quorum.empty() && quorum != "0";
  if (IsEs(lang)) {
    std::string subject = "Resultado: " + title;
    std::string outcome = result == "no_quorum" ? "no alcanzó el quórum, así que el resultado no cuenta"
                          : result == "passed"  ? "se aprobó"
                          : result == "elected" ? "ha terminado. Resultado: " + winners
                                                : "no se aprobó";
    std::string body = "La votación de «" + title + "» ha cerrado y " + outcome + ".\nVotaron " + turnout + " de " +
                       electorate + " personas";
    if (has_quorum) {
      body += result == "no_quorum" ? "; el quórum pedía " + quorum : "; se alcanzó el quórum de " + quorum;
    }
    return {subject, body + ". Puedes ver el recuento completo en kin."};
  }
  std::string outcome = result == "no_quorum" ? "did not reach quorum, so the result does not count"
                        : result == "passed"  ? "passed"
                        : result == "elected" ? "chose: " + winners
                                              : "did not pass";
  std::string body = "Voting on \"" + title + "\" has closed and it " + outcome + ".\n" + turnout + " of " +
                     electorate + " members voted";
  if (has_quorum) {
    body += result == "no_quorum" ? "; the quorum asked for " + quorum : "; the quorum of " + quorum + " was met";
  }
  return {"Result: " + title, body + ". The full count is in kin."};
}

// Councils: a delegate casts their hub's one vote; everyone in the hub hears the outcome.
Texts CouncilProposalOpened(const MessageParams& p, std::string_view lang) {
  const std::string closes = ReadableLocalTime(ParamOf(p, "closes"), ParamOf(p, "zone"), lang);
  if (IsEs(lang)) {
    return {"Votación abierta en el consejo: " + ParamOf(p, "title"),
            "El consejo «" + ParamOf(p, "council") + "» vota «" + ParamOf(p, "title") + "» hasta el " + closes +
                ". Como delegada o delegado, puedes emitir el voto de tu nodo en kin; el nodo tiene un solo voto."};
  }
  return {"Council vote open: " + ParamOf(p, "title"),
          "The council \"" + ParamOf(p, "council") + "\" is voting on \"" + ParamOf(p, "title") + "\" until " +
              closes + ". As a delegate you can cast your hub's vote in kin; the hub has one vote."};
}

// Only the hub's delegates hear it, and only while their hub has not voted: the hub has one ballot.
Texts CouncilProposalClosingSoon(const MessageParams& p, std::string_view lang) {
  const std::string closes = ReadableLocalTime(ParamOf(p, "closes"), ParamOf(p, "zone"), lang);
  if (IsEs(lang)) {
    return {"La votación del consejo cierra pronto: " + ParamOf(p, "title"),
            "La votación de «" + ParamOf(p, "title") + "» en el consejo «" + ParamOf(p, "council") +
                "» cierra el " + closes +
                " y tu nodo todavía no ha votado. Como delegada o delegado, puedes emitir su voto en kin."};
  }
  return {"Council vote closes soon: " + ParamOf(p, "title"),
          "Voting on \"" + ParamOf(p, "title") + "\" in the council \"" + ParamOf(p, "council") + "\" closes on " +
              closes + " and your hub has not voted yet. As a delegate you can cast its vote in kin."};
}

Texts CouncilProposalClosed(const MessageParams& p, std::string_view lang) {
  const std::string result = ParamOf(p, "result");
  const std::string title = ParamOf(p, "title");
  const std::string council = ParamOf(p, "council");
  const std::string turnout = ParamOf(p, "participants") + (IsEs(lang) ? " de " : " of ") + ParamOf(p, "electorate");
  if (IsEs(lang)) {
    std::string outcome = result == "no_quorum" ? "no alcanzó el quórum, así que el resultado no cuenta"
                          : result == "passed"  ? "se aprobó"
                          : result == "elected" ? "eligió: " + JoinNames(ParamOf(p, "winners"), lang)
                                                : "no se aprobó";
    return {"Resultado del consejo: " + title,
            "El consejo «" + council + "» cerró la votación de «" + title + "» y " + outcome + ".\nVotaron " +
                turnout + " nodos. En kin puedes ver cómo votó cada nodo, también el tuyo."};
  }
  std::string outcome = result == "no_quorum" ? "did not reach quorum, so the result does not count"
                        : result == "passed"  ? "passed"
                        : result == "elected" ? "chose: " + JoinNames(ParamOf(p, "winners"), lang)
                                              : "did not pass";
  return {"Council result: " + title, "The council \"" + council + "\" closed the vote on \"" + title +
                                          "\" and it " + outcome + ".\n" + turnout +
                                          " hubs voted. In kin you can see how each hub voted, yours too."};
}

}  // namespace

std::string ParamOf(const MessageParams& params, std::string_view key) {
  for (const auto& [k, v] : params) {
    if (k == key) return v;
  }
  return "";
}

std::optional<MessageText> RenderMessage(std::string_view kind, const MessageParams& params, std::string_view lang) {
  if (kind.starts_with("shift.swap_")) return RenderSwapMessage(kind, params, lang);
  Texts t;
  if (kind == "shift.reminder") {
    t = ShiftReminder(params, lang);
  } else if (kind == "shift.empty_slots") {
    t = EmptySlots(params, lang);
  } else if (kind == "loan.overdue") {
    t = LoanOverdue(params, lang);
  } else if (kind == "stock.low") {
    t = StockLow(params, lang);
  } else if (kind == "proposal.opened") {
    t = ProposalOpened(params, lang);
  } else if (kind == "proposal.closing_soon") {
    t = ProposalClosingSoon(params, lang);
  } else if (kind == "proposal.closed") {
    t = ProposalClosed(params, lang);
  } else if (kind == "council_proposal.opened") {
    t = CouncilProposalOpened(params, lang);
  } else if (kind == "council_proposal.closing_soon") {
    t = CouncilProposalClosingSoon(params, lang);
  } else if (kind == "council_proposal.closed") {
    t = CouncilProposalClosed(params, lang);
  } else {
    return std::nullopt;
  }
  return MessageText{std::move(t.subject), std::move(t.body)};
}

std::string MessageLanguage(const std::vector<std::string>& member_languages,
                            const std::vector<std::string>& hub_languages) {
  for (const auto* list : {&member_languages, &hub_languages}) {
    for (const std::string& code : *list) {
      std::string lang = Primary(code);
      if (HasTexts(lang)) return lang;
    }
  }
  return "en";
}

std::string ReadableLocalTime(std::string_view local, std::string_view zone, std::string_view lang) {
  if (!LooksLikeLocalTime(local)) return std::string(local);
  static const char* kDaysEn[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static const char* kDaysEs[] = {"dom", "lun", "mar", "mié", "jue", "vie", "sáb"};
  static const char* kMonthsEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  static const char* kMonthsEs[] = {"ene", "feb", "mar", "abr", "may", "jun",
                                    "jul", "ago", "sep", "oct", "nov", "dic"};
  const int year = Digits(local, 0, 4), month = Digits(local, 4, 2), day = Digits(local, 6, 2);
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(month), std::chrono::day(day)};
  if (!date.ok()) return std::string(local);
  const unsigned weekday = std::chrono::weekday(std::chrono::sys_days(date)).c_encoding();
  const bool es = IsEs(lang);
  std::string out = std::string(es ? kDaysEs[weekday] : kDaysEn[weekday]) + " " + std::to_string(day) + " " +
                    (es ? kMonthsEs[month - 1] : kMonthsEn[month - 1]) + " " + std::to_string(year) + ", " +
                    TwoDigits(Digits(local, 9, 2)) + ":" + TwoDigits(Digits(local, 11, 2));
  if (!zone.empty()) out += " (" + std::string(zone) + ")";
  return out;
}

}  // namespace kin
