#pragma once
// Everything one replication produces, as plain tables. metrics/ fills it; io/ writes it
// (HDF5) and the CLI prints it. Column meanings are in docs/output.md and docs/kpis.md.
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "surge/kernel/time.hpp"
#include "surge/model/entities.hpp"

namespace surge {

struct Window {
  std::string name;  // "run" (after warm-up) or a campaign id
  Time start = 0, end = 0;
};

// One KPI value. Empty scope fields mean "all". Long format: one row per
// (window, metric, node, product, market, resource).
struct KpiRow {
  std::string window;
  std::string metric;  // a name defined in docs/kpis.md
  std::string node, product, market, resource;
  double value = 0;
};

struct TargetResult {
  std::string description;  // compact, e.g. "fill_rate in black_friday >= 0.95"
  std::string metric, window, node, product, market;
  double value = 0, threshold = 0;
  bool at_least = true;
  bool met = false;
  Time first_break =
      -1;             // start of the first day whose own value missed (docs/kpis.md); -1 if never
  std::string key;    // stable machine name: "black_friday.fill_rate", "run.service_level[node=x]"
  std::string label;  // in words, e.g. "fill rate during black_friday at least 95%"
};

// The names the time series and the records refer to by number: held once per result, not once
// per sample or record (a year of daily samples of 180,000 stock points is 66 million samples;
// a record of numbers is 64 bytes and allocates nothing, one of five strings was 208 and more).
struct ResultNames {
  std::vector<std::string> nodes;      // by node number (the scenario's order)
  std::vector<std::string> products;   // by product number (the scenario's order)
  std::vector<std::string> resources;  // by resource number (the collector's order)
  std::vector<std::string> markets;    // by market number (the scenario's order)
  std::vector<std::string> campaigns;  // by campaign number (the scenario's order)
};

// Daily (configurable) samples of each stock point. 64 bytes, no allocation.
struct StockSample {
  Time time = 0;
  std::uint32_t node = 0, product = 0;  // numbers into RunResult::names
  double on_hand = 0, backlog = 0, on_order = 0, inventory_position = 0;
  // Flows of the sampling period ending at `time` (0 in the sample at time 0).
  double ordered = 0;  // units this stock point ordered from its sources
  double demand = 0;   // units requested from it
};

// Per-period averages of each resource (station, line, agent pool).
struct ResourceSample {
  Time time = 0;                         // end of the period
  std::uint32_t node = 0, resource = 0;  // numbers into RunResult::names
  double utilisation = 0;                // busy server-hours / available server-hours in the period
  double queue_length = 0;               // time-average number waiting
};

// One customer order as the run left it (--records).
struct OrderRecord {
  std::uint64_t id = 0;
  std::uint32_t market = 0, product = 0;                 // numbers into RunResult::names
  std::uint32_t fulfilled_by = kNone, campaign = kNone;  // a node and a campaign; kNone: none
  double quantity = 0;
  Time placed = 0, shipped = -1, delivered = -1;  // -1: did not happen
  OrderStatus status = OrderStatus::placed;
  bool from_stock = false, on_time = false;
};

// One service contact as the run left it (--records).
struct ContactRecord {
  std::uint64_t id = 0;
  std::uint32_t node = 0;  // a number into RunResult::names
  ContactCause cause = ContactCause::standalone;
  Time arrived = 0, answered = -1, finished = -1, abandoned = -1;
};

struct ResourceUse {
  std::string node, resource;
  double utilisation = 0;  // over the run window
  double mean_queue = 0;
  double mean_wait = 0;  // hours
};

// One row of the binding-constraint census (docs/kpis.md, "Binding constraints"): how one
// constraint bound in one window.
struct CensusRow {
  std::string window;
  std::string constraint;   // node/product, node/station, node/agents, node/line, from->to, ...
  std::string kind;         // stock, station, agents, line, lane, supplier
  double bound_hours = 0;   // time it bound within the window
  double first_bound = -1;  // when it first bound in the window (hours from time 0); -1 never
  double held = 0;          // work it held up: units, orders (station) or contacts (agents)
  double down_hours = 0;    // a supplier: the part of bound_hours it was down
  std::string upstream;     // the source that bound longest with it (see docs/kpis.md); "" none
  double upstream_hours = 0;
};
// The unit of CensusRow::held for a constraint kind: "units", "orders" or "contacts".
const char* census_held_unit(const std::string& kind);

// Where one target breaks (docs/kpis.md, "Where it breaks"): the constraint its failing orders
// or contacts waited on first, and what that constraint waited on upstream.
struct TargetBreak {
  std::string key;          // the target's key
  bool met = true;          // a met target has no break (constraint and chain empty)
  std::string constraint;   // where it breaks ("" when no constraint held the failing work)
  std::string kind;         // its kind, as in CensusRow
  std::string chain;        // "fc/earbuds out of stock ← dc/earbuds out of stock"
  double failing = 0;       // failing orders or contacts in the target's scope
  double waited_first = 0;  // of them, those whose first wait was at `constraint`
};

struct RunResult {
  std::string scenario_name;
  std::uint64_t seed = 0, replication = 0;
  std::vector<Window> windows;
  // Uncertain inputs drawn for this replication, by dotted path (e.g. campaigns.x.uplift).
  std::vector<std::pair<std::string, double>> inputs;
  std::vector<KpiRow> kpis;
  // The values of scoped_kpis(scenario) (metrics/scoped_kpis.hpp), in that order: what an
  // experiment keeps per replication beside its headline KPIs.
  std::vector<double> scoped;
  std::vector<TargetResult> targets;
  std::vector<ResourceUse> resources;  // sorted, busiest first
  // Empty when the run was asked not to keep them (RunOptions::time_series).
  std::vector<StockSample> stock_series;
  std::vector<ResourceSample> resource_series;
  ResultNames names;                      // what the samples' and records' numbers name
  std::vector<OrderRecord> orders;        // only when records were requested
  std::vector<ContactRecord> contacts;    // only when records were requested
  std::vector<std::string> conservation;  // the balances checked, one line each
  std::vector<CensusRow> census;          // per constraint (in registration order), per window
  std::vector<TargetBreak> breaks;        // one per target, in the targets' order
  std::uint64_t events = 0;
  // The record slots the order and contact books held at the end of the run (a power of two
  // at least as large as the most orders or contacts kept at once): bounded by those open at
  // once, not by the run's length (docs/performance.md, "Memory").
  std::uint64_t order_slots = 0, contact_slots = 0;
  std::uint64_t trace_fingerprint = 0;  // hash of the (time, kind) sequence of all events
  double wall_seconds = 0;

  // Row numbers of `kpis` as (hash of the row's scope, row), sorted: what kpi() searches while
  // it covers every row (a large model has millions of rows and asks for a value per stock
  // point). Built by index_kpis(); kpi() searches the rows one by one when it is stale.
  std::vector<std::pair<std::uint64_t, std::uint32_t>> kpi_index;
  // Indexes the KPI rows for kpi(); call once they are all added (compute_kpis does).
  void index_kpis();

  // The KPI value for an exact scope (the first such row), or NaN when absent.
  double kpi(const std::string& window, const std::string& metric, const std::string& node = "",
             const std::string& product = "", const std::string& market = "",
             const std::string& resource = "") const;
  // The names a sample refers to by number.
  const std::string& node_of(const StockSample& s) const { return names.nodes[s.node]; }
  const std::string& product_of(const StockSample& s) const { return names.products[s.product]; }
  const std::string& node_of(const ResourceSample& s) const { return names.nodes[s.node]; }
  const std::string& resource_of(const ResourceSample& s) const {
    return names.resources[s.resource];
  }
  // The names a record refers to by number; "" for an order no node fulfilled or no campaign
  // placed.
  const std::string& market_of(const OrderRecord& o) const { return names.markets[o.market]; }
  const std::string& product_of(const OrderRecord& o) const { return names.products[o.product]; }
  const std::string& fulfiller_of(const OrderRecord& o) const;
  const std::string& campaign_of(const OrderRecord& o) const;
  const std::string& node_of(const ContactRecord& c) const { return names.nodes[c.node]; }
  // Where the run breaks: the break of the first missed target (null when every target met).
  const TargetBreak* where_it_breaks() const;
};

}  // namespace surge
