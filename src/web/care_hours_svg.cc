#include "web/care_hours_svg.h"

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

namespace kin::web {

namespace {

// Distinguishable in colour-blind palettes (Okabe-Ito), cycled when a hub has more kinds of work.
constexpr const char* kColours[] = {"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
                                    "#000000"};
constexpr int kWidth = 640;
constexpr int kLabelWidth = 180;
constexpr int kBarArea = 360;
constexpr int kRowHeight = 28;
constexpr int kTop = 40;

std::string Escape(const std::string& s) {
  std::string out;
  for (char c : s) {
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

std::string Hours(int minutes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", minutes / 60.0);
  return buf;
}

struct Bar {
  std::string label;
  std::map<std::string, int> minutes_by_role;
  int total = 0;
};

}  // namespace

std::string CareHoursSvg(const CareHours& ledger, const ChartWords& words) {
  std::vector<Bar> bars;
  if (ledger.names_shown) {
    for (const CareHoursRow& r : ledger.rows) bars.push_back({r.name, r.minutes_by_role, r.total_minutes});
  } else {
    for (const std::string& role : ledger.roles) {
      const int m = ledger.minutes_by_role.at(role);
      bars.push_back({role, {{role, m}}, m});
    }
  }
  int longest = 1;
  for (const Bar& b : bars) longest = std::max(longest, b.total);
  std::map<std::string, std::string> colour;
  for (size_t i = 0; i < ledger.roles.size(); ++i) colour[ledger.roles[i]] = kColours[i % std::size(kColours)];

  const int legend_top = kTop + static_cast<int>(std::max<size_t>(bars.size(), 1)) * kRowHeight + 10;
  const int height = legend_top + static_cast<int>(ledger.roles.size()) * 20 + 20;
  std::string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + std::to_string(kWidth) +
                    "\" height=\"" + std::to_string(height) + "\" viewBox=\"0 0 " + std::to_string(kWidth) + " " +
                    std::to_string(height) + "\" role=\"img\" aria-labelledby=\"t d\" "
                    "font-family=\"sans-serif\" font-size=\"13\">\n";
  std::string desc;
  for (const Bar& b : bars) desc += b.label + ": " + Hours(b.total) + " " + words.hours + ". ";
  svg += "<title id=\"t\">" + Escape(words.title) + "</title>\n";
  svg += "<desc id=\"d\">" + Escape(desc.empty() ? words.nobody : desc) + "</desc>\n";
  svg += "<text x=\"0\" y=\"20\" font-size=\"15\" font-weight=\"bold\">" + Escape(words.title) + "</text>\n";
  if (bars.empty()) {
    svg += "<text x=\"0\" y=\"" + std::to_string(kTop + 18) + "\">" + Escape(words.nobody) + "</text>\n";
  }
  for (size_t i = 0; i < bars.size(); ++i) {
    const Bar& b = bars[i];
    const int y = kTop + static_cast<int>(i) * kRowHeight;
    svg += "<text x=\"0\" y=\"" + std::to_string(y + 17) + "\">" + Escape(b.label) + "</text>\n";
    int x = kLabelWidth;
    for (const std::string& role : ledger.roles) {
      auto it = b.minutes_by_role.find(role);
      if (it == b.minutes_by_role.end() || it->second <= 0) continue;
      const int w = std::max(1, it->second * kBarArea / longest);
      svg += "<rect x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y + 4) + "\" width=\"" +
             std::to_string(w) + "\" height=\"" + std::to_string(kRowHeight - 8) + "\" fill=\"" + colour[role] +
             "\"><title>" + Escape(role + ": " + Hours(it->second) + " " + words.hours) + "</title></rect>\n";
      x += w;
    }
    svg += "<text x=\"" + std::to_string(x + 6) + "\" y=\"" + std::to_string(y + 17) + "\">" +
           Escape(Hours(b.total) + " " + words.hours) + "</text>\n";
  }
  for (size_t i = 0; i < ledger.roles.size(); ++i) {
    const int y = legend_top + static_cast<int>(i) * 20;
    svg += "<rect x=\"0\" y=\"" + std::to_string(y) + "\" width=\"12\" height=\"12\" fill=\"" +
           colour[ledger.roles[i]] + "\"/><text x=\"18\" y=\"" + std::to_string(y + 11) + "\">" +
           Escape(ledger.roles[i]) + "</text>\n";
  }
  return svg + "</svg>\n";
}

}  // namespace kin::web
