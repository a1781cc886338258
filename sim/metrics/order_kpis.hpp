#pragma once
// The order- and contact-based KPIs, each defined here once (docs/kpis.md quotes these
// definitions). Accumulate the records you want into a tally, then read the ratios. A tally
// keeps running sums only, except the lead times of delivered orders when their quantiles are
// wanted (exact quantiles need every value; docs/kpis.md, "What a run keeps").
#include <vector>

#include "surge/model/entities.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

struct OrderTally {
  double orders = 0, units = 0;
  double from_stock_orders = 0, from_stock_units = 0;
  double backordered_orders = 0, backordered_units = 0;
  double lost_orders = 0, lost_units = 0;
  double due = 0, on_time = 0;  // OTIF: orders whose promise fell due, and those met in full
  double revenue = 0, campaign_margin = 0, lost_sale_cost = 0;
  double delivered_orders = 0, lead_time_sum = 0;  // lead time: placement to delivery, hours
  bool keeps_lead_times = true;    // false: no quantiles (a tally of one day, for targets)
  std::vector<double> lead_times;  // each delivered order's, in the order added, if kept

  // Adds one order; `end` is the end of the run (an order not yet due then is not counted
  // for OTIF).
  void add(const CustomerOrder& order, const Scenario& scenario, Time end);
};

double fill_rate(const OrderTally& t);        // units from stock on arrival / units demanded
double order_fill_rate(const OrderTally& t);  // orders complete from stock / orders
double otif(const OrderTally& t);             // on time in full / orders due
double mean_lead_time(const OrderTally& t);
double lead_time_quantile(OrderTally& t, double q);  // reorders t.lead_times
// The same of any scope's lead times (metrics/record_tally.hpp gathers a broad scope's from
// the finest scopes, which alone keep them); reorders `lead_times`.
double lead_time_quantile(std::vector<double>& lead_times, double q);

struct ContactTally {
  double offered = 0;  // arrived and either answered or abandoned by the end
  double answered = 0, abandoned = 0, answered_in_time = 0, waiting_at_end = 0;
  double wait_sum = 0;  // of answered contacts
  double waited = 0;    // offered contacts not answered on arrival (answered later, or abandoned)
  double wait_sum_offered = 0;  // waits of every offered contact, up to answer or abandonment
  void add(const Contact& contact, Time answer_within);
};

double service_level(const ContactTally& t);     // answered within T / offered
double abandonment_rate(const ContactTally& t);  // abandoned / offered
double mean_answer_wait(const ContactTally& t);  // mean wait of answered contacts
double wait_probability(const ContactTally& t);  // offered contacts that waited at all / offered
double mean_wait_all(const ContactTally& t);     // mean wait of every offered contact

}  // namespace surge
