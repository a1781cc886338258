#pragma once
// The scenario: what a YAML file describes, after loading and validation. Plain data in
// internal units (hours, per-hour rates, money). io/ builds it; the engine reads it. The YAML
// key of each field is given in its comment where it differs from the field name; the full
// format is docs/scenario-reference.md.
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "surge/model/calendar.hpp"
#include "surge/model/capacity_schedule.hpp"
#include "surge/model/date_axis.hpp"
#include "surge/model/distribution.hpp"
#include "surge/model/parameters.hpp"

namespace surge {

inline constexpr double kUnlimited = std::numeric_limits<double>::infinity();

struct Product {
  std::string id;
  double price = 0;            // revenue per unit sold
  double unit_cost = 0;        // cost per unit bought or made
  double holding_cost = 0;     // money per unit per hour on hand ("0.02/d")
  double lost_sale_cost = -1;  // per unit lost; < 0 means price - unit_cost (the lost margin)
  double backorder_cost = 0;   // money per unit per hour backordered ("0.5/d")
  std::map<std::string, double> bom;  // component id -> units consumed per unit made
};

struct Disruption {
  // Either scheduled (start set) or random (rate > 0: a Poisson process of outages).
  std::optional<Time> start;
  double rate = 0;        // outages per hour (random disruptions)
  Distribution duration;  // how long the supplier ships nothing
};

struct SupplierTerms {
  Distribution lead_time;                  // from order to dispatch
  CapacitySchedule capacity = kUnlimited;  // units per hour it can dispatch
  double min_order = 0;                    // orders are raised to at least this
  double multiple = 0;                     // and then rounded up to a multiple of this (0 = none)
};

struct SourceRef {
  std::string from;     // node id
  double share = 1.0;   // split of each order among non-backup sources
  bool backup = false;  // used only when the primary cannot ship the whole order from stock
};

// A replenishment policy as the scenario gives it: which declared policy (`type`, one of
// policies/policy_registry.cpp) and the values of its keys, read and checked against its
// declaration. make_policy() builds it; policy_parameters() reads it with its defaults.
struct Policy {
  std::string type = "none";
  Parameters params;  // the keys written, in internal units (defaults stay in the declaration)

  // The review period of a periodic policy (its `review` key); 0 for continuous review.
  Time review() const;
  // A policy given in code, with plain numbers and durations in hours:
  // Policy::with("sS", {{"s", 20}, {"S", 100}}).
  static Policy with(std::string type, const std::vector<std::pair<std::string, double>>& numbers);
};

struct StockItem {
  std::string product;
  double initial = 0;
  std::vector<SourceRef> sources;  // empty: never replenished (or produced by a line)
  Policy policy;
};

struct Station {
  std::string name;
  CapacitySchedule servers = 1;     // kUnlimited allowed; 0 allowed (nothing is ever processed)
  Distribution time;                // per order (hours)
  std::string calendar;             // empty: the node's calendar
  double cost_per_server_hour = 0;  // paid per scheduled, open server-hour, busy or idle
};

// When a line's replenishment order leaves: each batch as it is made (as_made), or the whole
// order once its last batch is made (complete). Customer orders made to order always leave
// whole (docs/model.md, "Factory").
enum class LineShipping { as_made, complete };

struct Line {
  std::string name;  // defaults to the product id
  std::string product;
  CapacitySchedule rate = 0;         // units per open hour; used when time is unset
  std::optional<Distribution> time;  // per unit (hours of open time), instead of rate
  double batch = 1;                  // units made together; a batch is released when complete
  double cost_per_unit = -1;         // production cost; < 0 means the product's unit_cost
  double cost_per_hour = 0;          // paid per open hour of the line, working or idle
  LineShipping ship = LineShipping::as_made;
};

struct ContactStream {
  double rate = 0;             // contacts per hour
  std::vector<double> weekly;  // 7 multipliers Mon..Sun, empty = flat
};

enum class NodeType { supplier, factory, warehouse, fulfilment, service };
const char* to_string(NodeType type);
enum class ProductionMode { make_to_stock, make_to_order };

struct Node {
  std::string id;
  NodeType type = NodeType::warehouse;
  std::string calendar;  // empty: always open
  // supplier
  std::map<std::string, SupplierTerms> supplies;  // YAML `products`
  std::vector<Disruption> disruptions;
  // factory
  ProductionMode mode = ProductionMode::make_to_stock;
  std::vector<Line> lines;
  // warehouse, fulfilment, factory (components and finished goods)
  std::vector<StockItem> inventory;  // YAML map product -> item
  // fulfilment
  std::vector<Station> stations;
  std::optional<Time> cutoff;  // carrier collects daily at this time of day; unset = at once
  // service
  CapacitySchedule agents = 0;     // kUnlimited allowed
  double cost_per_agent_hour = 0;  // paid per scheduled, open agent-hour, busy or idle
  Distribution handle_time;
  std::optional<Distribution> patience;  // unset: callers never abandon
  std::vector<ContactStream> arrivals;   // standalone contact streams
  Time answer_within = 60 * kSecond;     // service level threshold (YAML `service_level.within`)
};

struct Lane {
  std::string from, to;
  Distribution lead_time;
  CapacitySchedule capacity = kUnlimited;  // units per hour dispatched; excess waits at the origin
  double cost = 0;                         // money per unit moved
};

enum class StockoutBehaviour { backorder, lost_sale, backorder_with_patience };

struct SeasonalWindow {
  Time from = 0, to = 0;
  double factor = 1;
};

struct DemandStream {
  std::string product;
  double rate = 0;                                // orders per hour, before profiles and campaigns
  std::vector<double> weekly;                     // 7 multipliers Mon..Sun; empty = flat
  std::vector<SeasonalWindow> seasonal;           // multiplicative windows
  Distribution size = Distribution::constant(1);  // units per order, rounded, at least 1
};

struct Market {
  std::string id;
  std::string served_by;
  std::vector<DemandStream> demand;  // YAML: one map or a list
  Distribution delivery_lead_time;   // last mile (YAML delivery.lead_time)
  Time promise = kNever;             // promised delivery time from order (YAML delivery.promise)
  StockoutBehaviour on_stockout = StockoutBehaviour::backorder;
  std::optional<Distribution> backorder_patience;  // for backorder_with_patience
  double contacts_per_order = 0;
  double contacts_per_late_order = 0;
  std::string contacts_to;  // service node id
};

struct PullForward {
  double share = 0;  // share of the campaign's extra demand taken from after it
  Time over = 0;     // spread evenly over this period after the campaign ends
};

struct Campaign {
  std::string id;
  std::vector<std::string> products;
  std::vector<std::string> markets;
  Time start = 0, duration = 0;
  Distribution uplift = Distribution::constant(1);  // demand multiplier at full strength
  Time ramp_up = 0, decay = 0;  // linear ramp to full uplift; linear decay after the end
  double discount = 0;          // share off the price of campaign orders
  PullForward pull_forward;
  double contacts_per_order = 0;  // extra contacts per campaign order
  std::string contacts_to;        // service node; empty = the market's
};

enum class Comparison { at_least, at_most };

struct Target {
  std::string metric;                 // a KPI name from docs/kpis.md
  std::string window;                 // "run" or a campaign id
  std::string node, product, market;  // scope; empty = all
  std::optional<Time> answer_within;  // service_level threshold override
  Comparison comparison = Comparison::at_least;
  double value = 0;
};

// A one-off replenishment order (the scenario's `orders`): at `at`, the stock point of `product`
// at `node` orders `quantity` units from `from` (empty: its primary source, or its own line).
struct PlannedOrder {
  std::string id, node, product, from;
  double quantity = 0;
  Time at = 0;
};

// A window of time [from, to), in hours from time 0.
struct TimeWindow {
  Time from = 0, to = 0;
};

// One change a plan makes: the value at a dotted path (as with --set), for the whole run or,
// for a capacity, only inside `during` (it becomes a dated change of the capacity's schedule).
struct PlanSetting {
  std::string path;
  std::string value;  // YAML text
  std::optional<TimeWindow> during;
};

// Something `surge optimise` may change (the scenario's `levers`): the value at `path`, one of
// `values` (increasing), for the whole run or inside `during`; committed `lead_time` before it
// takes effect; costing `cost_per_unit` per unit of change away from `base`, the file's value.
struct Lever {
  std::string path;
  std::vector<double> values;
  double base = 0;
  std::optional<TimeWindow> during;
  Time lead_time = 0;
  double cost_per_unit = 0;
};

struct Plan {
  std::string id;
  // Its own settings after those of the plans it includes, in order (docs/scenario-reference.md,
  // "Plans"): the whole change the plan makes.
  std::vector<PlanSetting> settings;
  std::vector<std::string> includes;  // as written: the plans it is built from
  double cost = 0;                    // fixed cost, its own plus its included plans'
};

struct Scenario {
  std::string name, description;
  std::string source_path;  // file it came from
  std::string source_text;  // the YAML text, after --set overrides, for reproducibility
  Time horizon = 0, warmup = 0;
  // With `start_date`, time 0 is that date's midnight and weekdays follow it; without, time 0
  // is a Monday. Every weekday and date in the model comes from here.
  DateAxis dates;
  std::string currency;  // YAML `currency` (e.g. EUR): shown beside money; empty = none given
  std::uint64_t seed = 1;
  Time sample_every = kDay;  // time-series interval
  std::vector<Product> products;
  std::map<std::string, Calendar> calendars;
  std::vector<Node> nodes;
  std::vector<Lane> lanes;
  std::vector<Market> markets;
  std::vector<Campaign> campaigns;
  double confidence = 0.9;
  std::vector<Target> targets;
  std::vector<PlannedOrder> orders;
  std::vector<Plan> plans;
  std::vector<Lever> levers;

  const Product* find_product(const std::string& id) const;
  const Node* find_node(const std::string& id) const;
  const Lane* find_lane(const std::string& from, const std::string& to) const;
};

// The time a campaign's KPIs are measured over (its window, docs/kpis.md): its duration,
// clipped to the part of the run after warm-up, so possibly empty. The one definition that the
// replication's windows and the loader's run-size estimate both read.
struct CampaignSpan {
  Time start = 0, end = 0;
  Time length() const { return end - start; }
};
CampaignSpan campaign_kpi_span(const Campaign& campaign, const Scenario& scenario);

}  // namespace surge
