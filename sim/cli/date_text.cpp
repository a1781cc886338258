#include "surge/cli/date_text.hpp"

#include <cmath>

namespace surge {

std::optional<CampaignDay> campaign_day(const Scenario& s, Time t) {
  const Campaign* running = nullptr;
  const Campaign* ended = nullptr;
  for (const Campaign& c : s.campaigns) {
    const Time end = c.start + c.duration;
    if (t >= c.start && t < end) {
      if (!running || c.start < running->start) running = &c;
    } else if (t >= end && (!ended || end > ended->start + ended->duration)) {
      ended = &c;
    }
  }
  const Campaign* c = running ? running : ended;
  if (!c) return std::nullopt;
  return CampaignDay{c->id, static_cast<long>(std::floor((t - c->start) / kDay)) + 1};
}

std::string day_text(const Scenario& s, Time t) {
  if (t < 0 || !std::isfinite(t)) return "-";
  std::string text = "day " + std::to_string(static_cast<long>(std::floor(t / kDay)));
  if (!s.dates.has_dates()) return text;
  text += " (" + s.dates.date_text(t);
  if (std::optional<CampaignDay> c = campaign_day(s, t)) {
    if (s.campaigns.size() == 1)
      text += ", campaign day " + std::to_string(c->day);
    else
      text += ", day " + std::to_string(c->day) + " of " + c->campaign;
  }
  return text + ")";
}

std::string day_number_text(const Scenario& s, double day) {
  if (day < 0 || !std::isfinite(day)) return "-";
  return day_text(s, std::round(day) * kDay);
}

std::string day_column_text(const Scenario& s, Time t) {
  if (t < 0 || !std::isfinite(t)) return "-";
  std::string text = "day " + std::to_string(static_cast<long>(std::floor(t / kDay)));
  if (s.dates.has_dates()) text += " (" + s.dates.date_text(t) + ")";
  return text;
}

std::string date_span_text(const Scenario& s, Time from, Time to) {
  if (!s.dates.has_dates()) return "";
  const bool clock = std::fmod(from, kDay) != 0 || std::fmod(to, kDay) != 0;
  return s.dates.date_text(from, clock) + " to " + s.dates.date_text(to, clock);
}

}  // namespace surge
