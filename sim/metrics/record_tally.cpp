#include "surge/metrics/record_tally.hpp"

#include <cmath>
#include <string>

#include "surge/kernel/error.hpp"
#include "surge/metrics/binding_census.hpp"
#include "surge/metrics/kpi_metrics.hpp"
#include "surge/metrics/targets.hpp"

namespace surge {
namespace {

bool placed_in(Time at, const Window& w) { return at >= w.start && at < w.end; }

// The index of `id` among `items` (by their .id): kNone when id is empty, kNoMatch if absent.
template <class Items>
std::uint32_t scope_index(const Items& items, const std::string& id) {
  if (id.empty()) return kNone;
  for (std::size_t i = 0; i < items.size(); ++i)
    if (items[i].id == id) return static_cast<std::uint32_t>(i);
  return kNoMatch;
}
bool in_scope(std::uint32_t filter, std::uint32_t index) {
  return filter == kNone || filter == index;
}

// Metrics a customer order fails when it was not filled from stock on arrival; the others
// (OTIF, lead times) when it was not delivered on time.
bool fails_on_stock(const std::string& metric) {
  return metric == "fill_rate" || metric == "order_fill_rate" || metric == "backorders" ||
         metric == "lost_sales" || metric == "revenue" || metric == "campaign_margin";
}

}  // namespace

RecordTally::RecordTally(const Scenario& scenario, std::vector<Window> windows,
                         BindingCensus& census, bool keep_records)
    : scenario_(scenario),
      windows_(std::move(windows)),
      census_(census),
      keep_records_(keep_records),
      by_product_(scenario.products.size() > 1),
      by_market_(scenario.markets.size() > 1) {
  const std::size_t scopes = (scenario.products.size() + 1) * markets_plus_one();
  std::vector<OrderTally> tallies(scopes);
  for (std::size_t scope = 0; scope < scopes; ++scope) {
    const std::size_t p = scope / markets_plus_one(), m = scope % markets_plus_one();
    tallies[scope].keeps_lead_times = (p != 0 || !by_product_) && (m != 0 || !by_market_);
  }
  orders_.assign(windows_.size(), tallies);
  contacts_.assign(windows_.size(), std::vector<ContactTally>(scenario.nodes.size()));
  for (const Target& t : scenario.targets) {
    TargetTally tally;
    const KpiMetric* metric = find_target_metric(t.metric);
    for (std::size_t w = 0; w < windows_.size(); ++w)
      if (windows_[w].name == t.window) {
        tally.window = w;
        tally.tallied = metric != nullptr;
      }
    if (tally.tallied) {
      tally.follows_orders = metric->scope == MetricScope::orders;
      tally.follows_contacts = metric->scope == MetricScope::node && metric->node_type &&
                               *metric->node_type == NodeType::service;
      tally.node = scope_index(scenario.nodes, t.node);
      tally.product = scope_index(scenario.products, t.product);
      tally.market = scope_index(scenario.markets, t.market);
      tally.answer_time = target_answer_time(scenario, t);
      tally.failing = fails_on_stock(t.metric) ? TargetTally::Failing::not_from_stock
                      : t.metric == "otif"     ? TargetTally::Failing::late
                                               : TargetTally::Failing::every;
      tally.counts_only_waited = t.metric == "mean_lead_time" || t.metric == "p95_lead_time";
      // Day k covers [floor(start) + k days, ... + 1 day) clipped to the window.
      const Window& window = windows_[tally.window];
      tally.first_day = std::floor(window.start / kDay) * kDay;
      const auto days = static_cast<std::size_t>(std::ceil((window.end - tally.first_day) / kDay));
      if (metric->daily_orders) {
        OrderTally day;
        day.keeps_lead_times = false;
        tally.daily_orders.assign(days, day);
      } else if (metric->daily_contacts) {
        tally.daily_contacts.assign(days, ContactTally{});
      }
      tally.failing_contacts.assign(scenario.nodes.size(), 0.0);
    }
    targets_.push_back(std::move(tally));
  }
}

std::size_t RecordTally::source_scope(std::size_t scope) const {
  const std::size_t markets = markets_plus_one();
  const std::size_t p = scope / markets, m = scope % markets;
  return (by_product_ ? p : 0) * markets + (by_market_ ? m : 0);
}

std::vector<double>& RecordTally::lead_times(std::size_t window, std::size_t scope,
                                             std::vector<double>& buffer) {
  std::vector<OrderTally>& tallies = orders_[window];
  if (tallies[scope].keeps_lead_times) return tallies[scope].lead_times;
  const std::size_t markets = markets_plus_one();
  const std::size_t p = scope / markets, m = scope % markets;
  // The finest scopes under this one: each product (or this one) by each market (or this one).
  const std::size_t p_first = by_product_ ? (p != 0 ? p : 1) : 0;
  const std::size_t p_last = by_product_ ? (p != 0 ? p : scenario_.products.size()) : 0;
  const std::size_t m_first = by_market_ ? (m != 0 ? m : 1) : 0;
  const std::size_t m_last = by_market_ ? (m != 0 ? m : scenario_.markets.size()) : 0;
  buffer.clear();
  buffer.reserve(static_cast<std::size_t>(tallies[scope].delivered_orders));
  for (std::size_t fp = p_first; fp <= p_last; ++fp)
    for (std::size_t fm = m_first; fm <= m_last; ++fm) {
      const std::vector<double>& kept = tallies[fp * markets + fm].lead_times;
      buffer.insert(buffer.end(), kept.begin(), kept.end());
    }
  SURGE_CHECK(buffer.size() == static_cast<std::size_t>(tallies[scope].delivered_orders),
              "the finest order scopes' lead times do not add up to a broader scope's");
  return buffer;
}

void RecordTally::take_order(std::uint64_t id, const CustomerOrder& o) {
  SURGE_CHECK(id == orders_taken_, "order " + std::to_string(id) + " handed over out of order");
  ++orders_taken_;
  order_statuses_[static_cast<std::size_t>(o.status)] += 1;
  const int first_wait = census_.first_wait_of(id);
  const Time end = scenario_.horizon;
  const std::size_t markets = markets_plus_one();
  for (std::size_t w = 0; w < windows_.size(); ++w) {
    if (!placed_in(o.placed, windows_[w])) continue;
    std::vector<OrderTally>& tallies = orders_[w];
    const std::size_t p = o.product + 1, m = o.market + 1;
    tallies[0].add(o, scenario_, end);
    if (by_market_) tallies[m].add(o, scenario_, end);
    if (by_product_) tallies[p * markets].add(o, scenario_, end);
    if (by_product_ && by_market_) tallies[p * markets + m].add(o, scenario_, end);
  }
  for (std::size_t k = 0; k < targets_.size(); ++k)
    if (targets_[k].follows_orders) tally_target_order(targets_[k], o, first_wait);
  if (keep_records_) {
    const Market& market = scenario_.markets[o.market];
    OrderRecord r;
    r.id = id;
    r.market = o.market;
    r.product = o.product;
    r.fulfilled_by = o.fulfiller;
    r.campaign = o.campaign;
    r.quantity = o.quantity;
    r.placed = o.placed;
    r.shipped = o.shipped;
    r.delivered = o.delivered;
    r.status = o.status;
    r.from_stock = o.from_stock;
    r.on_time =
        o.status == OrderStatus::delivered && on_time(o.delivered, o.placed, market.promise);
    order_records_.push_back(r);
  }
}

void RecordTally::tally_target_order(TargetTally& tally, const CustomerOrder& o, int first_wait) {
  const Scenario& s = scenario_;
  const Window& window = windows_[tally.window];
  if (!placed_in(o.placed, window)) return;
  if (!in_scope(tally.product, o.product) || !in_scope(tally.market, o.market)) return;
  if (!tally.daily_orders.empty())
    tally.daily_orders[static_cast<std::size_t>((o.placed - tally.first_day) / kDay)].add(
        o, s, s.horizon);
  // Where it breaks: the failing orders by the constraint each waited on first.
  bool failing = true;  // lead times: every order counts, by where it waited
  if (tally.failing == TargetTally::Failing::not_from_stock) {
    failing = !o.from_stock;
  } else if (tally.failing == TargetTally::Failing::late) {
    const Time promise = s.markets[o.market].promise;
    failing = o.placed + promise <= s.horizon && !on_time(o.delivered, o.placed, promise);
  }
  if (!failing) return;
  if (tally.counts_only_waited && first_wait < 0) return;
  tally.failing_orders += 1;
  if (first_wait >= 0) tally.failing_by_first_wait[first_wait] += 1;
}

void RecordTally::take_contact(std::uint64_t id, const Contact& c) {
  SURGE_CHECK(id == contacts_taken_, "contact " + std::to_string(id) + " handed over out of order");
  ++contacts_taken_;
  contact_states_[c.finished >= 0 ? 0 : c.answered >= 0 ? 1 : c.abandoned >= 0 ? 2 : 3] += 1;
  // The node is looked up only where it is used: a tally of no windows, targets or records
  // (a counting test) needs no scenario node behind the contact.
  for (std::size_t w = 0; w < windows_.size(); ++w)
    if (placed_in(c.arrived, windows_[w]))
      contacts_[w][c.node].add(c, scenario_.nodes[c.node].answer_within);
  for (std::size_t k = 0; k < targets_.size(); ++k)
    if (targets_[k].follows_contacts) tally_target_contact(targets_[k], scenario_.targets[k], c);
  if (keep_records_)
    contact_records_.push_back(
        ContactRecord{id, c.node, c.cause, c.arrived, c.answered, c.finished, c.abandoned});
}

void RecordTally::tally_target_contact(TargetTally& tally, const Target& t, const Contact& c) {
  const Scenario& s = scenario_;
  if (!placed_in(c.arrived, windows_[tally.window])) return;
  const Node& node = s.nodes[c.node];
  const bool scoped = in_scope(tally.node, c.node);
  // The daily values of a target naming a node that is not in the scenario (the loader refuses
  // it) filter nothing.
  if (!tally.daily_contacts.empty() && (scoped || tally.node == kNoMatch))
    tally.daily_contacts[static_cast<std::size_t>((c.arrived - tally.first_day) / kDay)].add(
        c, tally.answer_time);
  if (t.answer_within && scoped) tally.within.add(c, *t.answer_within);
  // Where it breaks: contacts abandoned, unanswered, or answered late waited on the agents.
  if (node.type == NodeType::service && scoped) {
    const Time within = t.answer_within ? *t.answer_within : node.answer_within;
    if (c.answered < 0 || c.answered - c.arrived > within) tally.failing_contacts[c.node] += 1;
  }
}

void RecordTally::move_records_into(RunResult& result) {
  result.orders = std::move(order_records_);
  result.contacts = std::move(contact_records_);
}

}  // namespace surge
