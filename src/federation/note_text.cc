#include "federation/note_text.h"

#include <cstdio>

#include "federation/json_text.h"

namespace kin::federation {
namespace {

struct Words {
  const char* offer;
  const char* need;
  const char* per[4];  // once, day, week, month
  const char* urgency[4];  // low, normal, high, critical
  const char* urgency_label;
  const char* near;
  const char* approx;
};

constexpr Words kEnglish{"Offer", "Need", {"once", "a day", "a week", "a month"},
                         {"low", "normal", "high", "critical"}, "urgency", "Around",
                         "approximate area, within about %.0f km"};
constexpr Words kSpanish{"Oferta", "Necesidad", {"una vez", "al día", "a la semana", "al mes"},
                         {"baja", "normal", "alta", "crítica"}, "urgencia", "Cerca de",
                         "zona aproximada, en un radio de unos %.0f km"};

const Words& WordsFor(const SharedItem& item) { return NoteLanguage(item) == "es" ? kSpanish : kEnglish; }

int PeriodIndex(const std::string& period) {
  if (period == "once") return 0;
  if (period == "day") return 1;
  if (period == "week") return 2;
  if (period == "month") return 3;
  return -1;
}

int UrgencyIndex(const std::string& urgency) {
  if (urgency == "low") return 0;
  if (urgency == "normal") return 1;
  if (urgency == "high") return 2;
  if (urgency == "critical") return 3;
  return -1;
}

}  // namespace

std::string NoteLanguage(const SharedItem& item) {
  std::string primary = item.language.substr(0, item.language.find('-'));
  return primary == "es" ? "es" : "en";
}

std::string SharedItemTitle(const SharedItem& item) {
  const Words& w = WordsFor(item);
  std::string text = item.kind == SharedKind::kOffer ? w.offer : w.need;
  text += ": " + DecimalText(item.quantity);
  if (item.unit != "one") text += " " + item.unit;
  if (int p = PeriodIndex(item.period); p >= 0) text += std::string(" ") + w.per[p];
  text += " (" + item.category + ")";
  if (int u = UrgencyIndex(item.urgency); u >= 0 && u != 1) {
    text += std::string(", ") + w.urgency_label + " " + w.urgency[u];
  }
  return text;
}

std::string SharedItemNoteHtml(const SharedItem& item) {
  const Words& w = WordsFor(item);
  std::string html = "<p>" + EscapeHtml(SharedItemTitle(item)) + "</p>";
  if (item.area) {
    char approx[128];
    std::snprintf(approx, sizeof approx, w.approx, item.area->radius_m / 1000.0);
    html += "<p>" + std::string(w.near) + " " + DecimalText(item.area->center.lat) + ", " +
            DecimalText(item.area->center.lon) + " (" + approx + ")</p>";
  }
  if (!item.public_text.empty()) html += "<p>" + EscapeHtml(item.public_text) + "</p>";
  return html;
}

std::string EscapeHtml(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace kin::federation
