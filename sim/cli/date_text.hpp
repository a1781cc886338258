#pragma once
// The one way the terminal shows a model time to a planner: the day number always, and with a
// scenario `start_date` also the calendar date and the campaign day ("day 58 (2026-11-28,
// campaign day 3)"). Every summary, verdict and study report prints times through here, so a
// date reads the same everywhere (the report does the same in analysis/surge_analysis/dates.py;
// docs/cli.md, "Dates and money").
#include <optional>
#include <string>

#include "surge/kernel/time.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// The campaign a time belongs to for counting its campaign day: the earliest-starting campaign
// running at `t`, else the one that ended most recently before `t`; none before any campaign.
struct CampaignDay {
  std::string campaign;
  long day = 0;  // 1 = the campaign's first day
};
std::optional<CampaignDay> campaign_day(const Scenario& scenario, Time t);

// "day 58" without a start date; "day 58 (2026-11-28, campaign day 3)" with one, the campaign
// day only in or after a campaign window ("day 3 of black_friday" when the scenario has
// several campaigns). Day N covers [24N, 24N + 24) hours from time 0. A negative time (never
// happened) is "-".
std::string day_text(const Scenario& scenario, Time t);
// The same for a day number (a quantile of first-break days may fall between two days: it is
// rounded, as it is printed).
std::string day_number_text(const Scenario& scenario, double day);
// For a table column: "day 58" without a start date, "day 58 (2026-11-28)" with one.
std::string day_column_text(const Scenario& scenario, Time t);
// A window [from, to) of the model's time in dates, written as a scenario writes a window:
// "2026-11-27 to 2026-12-01" is 27 to 30 November (the end is excluded, as `horizon: 2027-01-29`
// ends the run as that day begins); with the time of day when either is not midnight. Empty
// without a start date.
std::string date_span_text(const Scenario& scenario, Time from, Time to);

}  // namespace surge
