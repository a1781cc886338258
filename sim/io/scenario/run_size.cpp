// What one replication of the scenario will need, estimated before anything runs: events
// (time) and memory. A typo such as `review: 1e-9s`, `rate: 1e12/d` or `sample_every: 1s` over a
// year would otherwise run for ever or be killed for its memory, after `validate` said ok. The
// limits are generous defaults that the `limits` section raises for a study that really is that
// large (docs/reliability.md, "Sanity limits").
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/model/network.hpp"
#include "surge/model/units.hpp"

namespace surge {

const Declaration& limits_declaration() {
  static const Declaration d{
      .name = "limits",
      .doc_id = "limits",
      .description =
          "Sanity limits of one replication, estimated before it runs (docs/reliability.md). "
          "Raise them to run a study that really is this large.",
      .keys = {Key{"events", types::number()}.above(0).defaults("1e9").describe(
                   "events one replication may run (orders, contacts, reviews, samples...)"),
               Key{"memory_gb", types::number()}.above(0).defaults("2").describe(
                   "memory one replication may hold, in GB (the network, orders, contacts, time "
                   "series)")}};
  return d;
}

namespace loader {
namespace {

// What each thing costs in events, measured on the engine (Release, the corpus base scenario
// at 20000 orders a day for 60 days, one station, every order shipped: 1.3 million orders ran
// 2.35 million events; a contact per order added one event), rounded up: an order's arrival
// and delivery, one event per station it passes, a contact's arrival and end.
constexpr double kEventsPerOrder = 2;
constexpr double kEventsPerStation = 1;
constexpr double kEventsPerContact = 2;

// What each thing costs in peak memory (resident set), measured on the streaming engine by
// differences between runs that vary one thing (docs/reliability.md, "What the memory estimate
// counts", has the table and how it was measured), rounded up (by 1-18%):
// - a delivered order keeps one lead time (8 bytes) per KPI window that holds it, in a list
//   per finest order scope that doubles as it grows: a list of 65,536 values (512 KB) or more
//   is a block of its own, at most 16 bytes a value (measured 11-13 for one list of 2.1 to 20
//   million); shorter lists live among many small blocks and leave the holes of their
//   doubling: 32 (measured about 30 in the scale model's 11,200 lists of about 180 values);
// - an order still open, or closed but created after the oldest open one, keeps its record in
//   the order book's ring until then: 224 bytes (measured 197; 133-249 with a station's queue,
//   as the ring doubles); the estimate holds every order placed within the longest time any
//   order may wait, or behind a station that cannot keep up (order_holding);
// - a contact keeps nothing once it is tallied (2.4 million contacts answered at once added
//   no measurable memory); one the agents never answer keeps its record, with every contact
//   after it: 144 bytes (measured 71-142);
// - a time-series sample of a stock point 80 bytes (measured 72-74: 64 kept, the rest the
//   HDF5 writer's buffers), of a resource 48 (measured 39-43);
// - the network itself, with its KPI rows at the end of the run: a stock point 7,168 bytes
//   (measured 6,060), a demand stream 768 (measured 690, not counting its random stream), a
//   random stream that is drawn from 3,072 (a Mersenne Twister's 2.5 KB; measured 2,675).
constexpr double kBytesPerLeadTimeInLongList = 16;
constexpr double kBytesPerLeadTimeInShortList = 32;
constexpr double kLongList = 65536;
constexpr double kBytesPerHeldOrder = 224;
constexpr double kBytesPerHeldContact = 144;
constexpr double kBytesPerStockSample = 80;
constexpr double kBytesPerResourceSample = 48;
constexpr double kBytesPerStockPoint = 7168;
constexpr double kBytesPerDemandStream = 768;
constexpr double kBytesPerRandomStream = 3072;
// With `surge run --records -o`, every order's and contact's record as well, kept to the end
// of the run and written then (a record of numbers, 64 and 48 bytes, in a vector that doubles,
// and the writer's columns): 160 bytes an order (measured 118-156), 96 a contact (measured
// 75-78).
constexpr double kBytesPerOrderRecord = 160;
constexpr double kBytesPerContactRecord = 96;
// And the program itself, whatever it runs: 24 MB (measured 16 MB for the smallest scenarios,
// 22.5-23 MB with `-o`, which loads HDF5). Counted in the total, never named as its largest
// part.
constexpr double kBytesOfProgram = 24e6;

// The memory of `values` lead times kept in one list (see above).
double lead_time_bytes(double values) {
  return values *
         (values >= kLongList ? kBytesPerLeadTimeInLongList : kBytesPerLeadTimeInShortList);
}

// An upper bound of a duration drawn from `d` (hours), for how long an order may wait: its
// largest value, or for an unbounded tail (exponential, normal, lognormal...) its mean plus
// four standard deviations, which a draw passes rarely (an exponential: 0.7% of draws).
double duration_bound(const Distribution& d) {
  double max = d.max_value();
  if (std::isfinite(max)) return std::max(0.0, max);
  return std::max(0.0, d.mean() + 4 * std::sqrt(std::max(0.0, d.variance())));
}

// Random streams that a distribution's draws come from: one if it is random (an engine is
// made at its first draw, docs/kernel.md), none for a constant (never drawn from).
double random_streams(const Distribution& d) { return d.is_constant() ? 0 : 1; }

// What a line takes to make one batch (its units one after another at their longest time,
// or at its slowest rate above 0); an order for what it makes waits at least that once its
// stock has run out. Waiting behind a backlog of batches is not counted (docs/reliability.md).
double batch_time(const Line& line) {
  double batch = std::max(line.batch, 1.0);
  if (line.time) return batch * duration_bound(*line.time);
  double rate = line.rate.min_value() > 0 ? line.rate.min_value() : line.rate.base();
  return rate > 0 ? batch / rate : kNever;
}

// How long an order for a product at a stock point may wait for stock that is on its way: up
// the stock point's sources to a supplier, the longest lead time of each lane and supplier on
// the way (duration_bound) plus each review period, the slowest source where there are
// several. Memoised by node and product, so the whole network is walked once; a cycle (which
// check_network refuses first) would count 0 where it closes. Nodes, lanes and stock items are
// found through the loader's Network, which indexes them once.
class ReplenishmentTimes {
 public:
  explicit ReplenishmentTimes(const Network& network) : network_(network) {}

  double of(const std::string& node, const std::string& product) {
    const Node* n = network_.node(node);
    if (!n) return 0;
    const std::string key = node + '\n' + product;
    if (auto known = time_.find(key); known != time_.end()) return known->second;
    time_[key] = 0;
    double time = 0;
    if (auto terms = n->supplies.find(product); terms != n->supplies.end())
      time = duration_bound(terms->second.lead_time);
    const Line* line = nullptr;
    for (const Line& l : n->lines)
      if (l.product == product) line = &l;
    if (line) time = batch_time(*line);
    if (const StockItem* item = network_.stock_item(node, product)) {
      // Never replenished (no source, no line): an order short of it waits to the end.
      if (item->sources.empty() && !line) time = kNever;
      double upstream = 0;
      for (const SourceRef& source : item->sources) {
        const Lane* lane = network_.lane(source.from, node);  // duplicate lanes are refused
        double travel = lane ? duration_bound(lane->lead_time) : 0;
        upstream = std::max(upstream, travel + of(source.from, product));
      }
      Time review = item->policy.review();
      time += upstream + (review > 0 && std::isfinite(review) ? review : 0);
    }
    time_[key] = time;
    return time;
  }

 private:
  const Network& network_;
  std::unordered_map<std::string, double> time_;  // "node\nproduct" -> replenishment
};

// What a contribution to the estimate counts, and so how it is described.
enum class PartKind {
  samples,
  campaign_orders,
  orders,
  contacts,
  arrivals,
  reviews,
  batches,
  disruptions,
  stock_points,
  demand_streams,
  node_streams,
  lane_streams
};

// One contribution to the estimate. Its words (what it is, where it is written, what would
// reduce it) are needed only for the largest part of a refused estimate, so a part keeps just
// its numbers and which entry of the scenario it counts: a large network has a part per
// demand stream (140,000 in issue #20's scale model), and describing each built its strings
// and looked its key up in the YAML tree.
struct Part {
  double events = 0, bytes = 0;
  PartKind kind = PartKind::samples;
  double count = 0;          // what `what` shows: samples, orders, contacts, reviews...
  double record_bytes = 0;   // of `bytes`, the records of its orders or contacts (--records)
  std::size_t owner = 0;     // market or node (index in the scenario)
  std::size_t entry = 0;     // demand stream, stock item, line or disruption of the owner
  std::size_t campaign = 0;  // for campaign_orders
  double series = 0;         // for samples
};

Part part(double events, double bytes, PartKind kind, double count, std::size_t owner = 0,
          std::size_t entry = 0) {
  Part p;
  p.events = events;
  p.bytes = bytes;
  p.kind = kind;
  p.count = count;
  p.owner = owner;
  p.entry = entry;
  return p;
}

struct PartText {
  std::string what;  // "orders of `widget` in market `eu`"
  YAML::Node at;
  std::string fix;  // "lower the rate"
};

// The mean of a demand stream's weekly profile, and of its seasonal windows over the horizon.
double mean_weekly(const DemandStream& stream) {
  if (stream.weekly.empty()) return 1;
  double sum = 0;
  for (double w : stream.weekly) sum += w;
  return sum / 7;
}

double mean_seasonal(const DemandStream& stream, Time horizon) {
  double weighted = horizon;
  for (const auto& window : stream.seasonal) {
    double overlap = std::max(0.0, std::min(window.to, horizon) - std::max(window.from, 0.0));
    weighted += (window.factor - 1) * overlap;
  }
  return std::max(0.0, weighted) / horizon;
}

// A campaign's markets and products as sets: it is asked about every demand stream, and may
// name thousands of products.
struct CampaignReach {
  std::unordered_set<std::string> markets, products;
  explicit CampaignReach(const Campaign& c)
      : markets(c.markets.begin(), c.markets.end()),
        products(c.products.begin(), c.products.end()) {}
};

// Extra orders a campaign adds to one stream (its uplift's mean over its effective length).
double campaign_orders(const Campaign& c, const CampaignReach& reach, const std::string& market,
                       const std::string& product, double rate) {
  bool here = reach.markets.count(market) && reach.products.count(product);
  if (!here) return 0;
  return std::max(0.0, c.uplift.mean() - 1) * (c.duration + c.ramp_up / 2 + c.decay / 2) * rate;
}

// A demand stream's expected orders, worked out once for both order_holding and estimate.
struct StreamOrders {
  double rate = 0;            // orders an hour, its weekly profile averaged
  double own = 0;             // over the run, its seasonal windows included
  std::vector<double> extra;  // each campaign's extra orders on it (0 where it does not reach)
  double total() const {
    double sum = own;
    for (double e : extra) sum += e;
    return sum;
  }
};

// Every stream's orders, by market and stream.
std::vector<std::vector<StreamOrders>> stream_orders(const Scenario& s) {
  std::vector<CampaignReach> reach;
  for (const Campaign& c : s.campaigns) reach.emplace_back(c);
  std::vector<std::vector<StreamOrders>> out(s.markets.size());
  for (std::size_t m = 0; m < s.markets.size(); ++m)
    for (const DemandStream& stream : s.markets[m].demand) {
      StreamOrders o;
      o.rate = stream.rate * mean_weekly(stream);
      o.own = o.rate * mean_seasonal(stream, s.horizon) * s.horizon;
      for (std::size_t c = 0; c < s.campaigns.size(); ++c)
        o.extra.push_back(
            campaign_orders(s.campaigns[c], reach[c], s.markets[m].id, stream.product, o.rate));
      out[m].push_back(std::move(o));
    }
  return out;
}

// Where a part of the estimate is written: `lookup()` below the file's node, or `fallback`
// when a key on the way is missing (yaml-cpp throws on a lookup below a missing key).
template <typename Lookup>
YAML::Node located(const YAML::Node& fallback, Lookup lookup) {
  try {
    YAML::Node n = lookup();
    if (n.IsDefined()) return n;
  } catch (const YAML::Exception&) {
  }
  return fallback;
}

std::string amount(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", x);
  return buf;
}

std::string gigabytes(double bytes) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g GB", bytes / 1e9);
  return buf;
}

// How many orders the order book holds at once. It keeps a record from its order's arrival
// until that order and every one placed before it are closed (model/id_ring.hpp), so the
// longest wait of any order, in any market, sets the share of all orders held together.
struct OrderHolding {
  double longest_wait = 0;  // hours
  double share = 0;         // of the run's orders, held at once at the most
};

OrderHolding order_holding(const Scenario& s, const Network& network,
                           const std::vector<std::vector<StreamOrders>>& stream_orders) {
  const Time horizon = s.horizon;
  // An order waits for its stock point's replenishment only if the stock point can run out:
  // not if its initial stock covers every unit the markets it serves can ask of it.
  ReplenishmentTimes replenishment(network);
  std::unordered_map<std::string, double> demanded;   // "node\nproduct" -> units
  std::unordered_map<std::string, double> orders_at;  // node -> orders it serves
  for (std::size_t m = 0; m < s.markets.size(); ++m) {
    const Market& market = s.markets[m];
    for (std::size_t d = 0; d < market.demand.size(); ++d) {
      const DemandStream& stream = market.demand[d];
      const double orders = stream_orders[m][d].total();
      demanded[market.served_by + '\n' + stream.product] +=
          orders * std::max(1.0, stream.size.mean());
      orders_at[market.served_by] += orders;
    }
  }
  // Nor does an order wait for stock that its market gives up (a lost sale at once, or after
  // the customer's patience).
  auto stock_wait = [&](const Market& market, const std::string& product) {
    if (market.on_stockout == StockoutBehaviour::lost_sale) return 0.0;
    const StockItem* item = network.stock_item(market.served_by, product);
    if (item && item->initial >= demanded[market.served_by + '\n' + product]) return 0.0;
    double wait = replenishment.of(market.served_by, product);
    if (market.on_stockout == StockoutBehaviour::backorder_with_patience &&
        market.backorder_patience)
      wait = std::min(wait, duration_bound(*market.backorder_patience));
    return wait;
  };
  OrderHolding holding;
  for (const Market& market : s.markets) {
    double processing = 0;
    if (const Node* server = network.node(market.served_by))
      for (const Station& station : server->stations) processing += duration_bound(station.time);
    const double last_mile = duration_bound(market.delivery_lead_time);
    for (const DemandStream& stream : market.demand)
      if (stream.rate > 0)
        holding.longest_wait = std::max(
            holding.longest_wait, last_mile + processing + stock_wait(market, stream.product));
  }
  holding.share = horizon > 0 ? std::min(1.0, holding.longest_wait / horizon) : 1.0;
  // And a station that cannot keep up holds the orders beyond what it can pass in the run
  // (its server-hours over its mean time: more than it passes, calendars aside) until the
  // end, with every order placed after the first of them.
  for (const auto& [id, orders] : orders_at) {
    const Node* node = network.node(id);
    if (!node || !(orders > 0)) continue;
    for (const Station& station : node->stations) {
      double mean = station.time.mean();
      if (!(mean > 0)) continue;
      double passed = station.servers.integral(0, horizon) / mean;
      if (passed < orders) holding.share = std::max(holding.share, 1 - passed / orders);
    }
  }
  return holding;
}

// The share of all contacts the contact book holds at once: contacts keep nothing once
// tallied, but a service node without patience whose agents cannot answer every contact (its
// agent-hours over the mean handle time) keeps the rest to the end, with every contact after
// the first of them. `contacts_at`: the contacts each service node gets.
double contact_holding(const Scenario& s,
                       const std::unordered_map<std::string, double>& contacts_at) {
  double share = 0;
  for (const Node& n : s.nodes) {
    if (n.type != NodeType::service || n.patience) continue;
    auto contacts = contacts_at.find(n.id);
    double mean = n.handle_time.mean();
    if (contacts == contacts_at.end() || !(contacts->second > 0) || !(mean > 0)) continue;
    double answered = n.agents.integral(0, s.horizon) / mean;
    if (answered < contacts->second) share = std::max(share, 1 - answered / contacts->second);
  }
  return share;
}

std::vector<Part> estimate(const ReadContext& ctx, const Network& network,
                           const LoadOptions& options) {
  const Scenario& s = ctx.s;
  const bool records = options.records;
  // The records a part's orders or contacts keep, if the run keeps them.
  auto with_records = [&](Part p, double per_record) {
    p.record_bytes = records ? p.count * per_record : 0;
    p.bytes += p.record_bytes;
    return p;
  };
  const Time horizon = s.horizon;
  std::vector<Part> parts;

  // Time series: one sample per `sample_every` per stock point and per resource, counted
  // unless the run keeps none (`surge run` without `-o`): the sample events run either way.
  double stock_series = 0, resource_series = 0;
  for (const auto& n : s.nodes) {
    stock_series += static_cast<double>(n.inventory.size());
    resource_series += static_cast<double>(n.lines.size() + n.stations.size());
    if (n.type == NodeType::service) resource_series += 1;
  }
  double instants = std::floor(horizon / s.sample_every) + 1;
  double series = stock_series + resource_series;
  const double sample_bytes =
      stock_series * kBytesPerStockSample + resource_series * kBytesPerResourceSample;
  parts.push_back(part(instants, options.time_series ? instants * sample_bytes : 0,
                       PartKind::samples, instants * series));
  parts.back().series = series;

  const std::vector<std::vector<StreamOrders>> all_orders = stream_orders(s);
  const OrderHolding holding = order_holding(s, network, all_orders);
  std::unordered_map<std::string, double> contacts_at;  // service node -> contacts it gets

  // Orders and the contacts they cause. An order keeps a lead time per KPI window that holds
  // it ("run", and the window of each campaign on its product and market), and its record
  // while the order book holds it (order_holding).
  for (std::size_t m = 0; m < s.markets.size(); ++m) {
    const Market& market = s.markets[m];
    const Node* server = network.node(market.served_by);
    double stations = server ? static_cast<double>(server->stations.size()) : 0;
    double orders_here = 0, campaign_contacts = 0;
    double streams = 0, random = random_streams(market.delivery_lead_time);
    for (std::size_t d = 0; d < market.demand.size(); ++d) {
      const DemandStream& stream = market.demand[d];
      const StreamOrders& expected = all_orders[m][d];
      const double orders = expected.own;
      const std::vector<double>& extras = expected.extra;
      // The lead times kept of this stream's orders: each in the "run" window, the stream's
      // own orders again in each campaign's window on it, and a campaign's extra orders twice.
      double own_lead_times = orders, extra_lead_times = 0;
      for (std::size_t c = 0; c < s.campaigns.size(); ++c) {
        const double extra = extras[c];
        if (!(extra > 0)) continue;
        own_lead_times += expected.rate * campaign_kpi_span(s.campaigns[c], s).length();
        extra_lead_times += 2 * extra;
      }
      const double lead_times = own_lead_times + extra_lead_times;
      // Bytes per lead time: the stream's orders are a lower bound of its list's length.
      const double per_lead_time = lead_time_bytes(lead_times) / std::max(lead_times, 1.0);
      for (std::size_t c = 0; c < s.campaigns.size(); ++c) {
        const Campaign& campaign = s.campaigns[c];
        const double extra = extras[c];
        if (!(extra > 0)) continue;
        orders_here += extra;
        double extra_contacts = extra * campaign.contacts_per_order;
        campaign_contacts += extra_contacts;
        contacts_at[campaign.contacts_to.empty() ? market.contacts_to : campaign.contacts_to] +=
            extra_contacts;
        // Extra orders come over the campaign and its ramps: all held at once when the
        // longest wait is as long as that (or by a station that cannot keep up); each keeps
        // two lead times (the run's window and the campaign's).
        double length = campaign.duration + campaign.ramp_up + campaign.decay;
        double share = length > 0 ? std::min(1.0, holding.longest_wait / length) : 1.0;
        double held = extra * std::max(share, holding.share);
        parts.push_back(with_records(part(extra * (kEventsPerOrder + kEventsPerStation * stations),
                                          extra * 2 * per_lead_time + held * kBytesPerHeldOrder,
                                          PartKind::campaign_orders, extra, m, d),
                                     kBytesPerOrderRecord));
        parts.back().campaign = c;
      }
      orders_here += orders;
      double held = orders * holding.share;
      parts.push_back(with_records(part(orders * (kEventsPerOrder + kEventsPerStation * stations),
                                        own_lead_times * per_lead_time + held * kBytesPerHeldOrder,
                                        PartKind::orders, orders, m, d),
                                   kBytesPerOrderRecord));
      streams += 1;
      random += 1 + random_streams(stream.size);  // arrivals, and sizes unless constant
      if (market.backorder_patience) random += random_streams(*market.backorder_patience);
    }
    // The market's demand streams themselves, with their random streams.
    if (streams > 0)
      parts.push_back(part(0, streams * kBytesPerDemandStream + random * kBytesPerRandomStream,
                           PartKind::demand_streams, streams, m));
    double from_orders = orders_here * (market.contacts_per_order + market.contacts_per_late_order);
    contacts_at[market.contacts_to] += from_orders;
    double contacts = from_orders + campaign_contacts;
    if (contacts > 0)  // their memory held is added below, once every contact is counted
      parts.push_back(
          with_records(part(contacts * kEventsPerContact, 0, PartKind::contacts, contacts, m),
                       kBytesPerContactRecord));
  }

  for (std::size_t n_index = 0; n_index < s.nodes.size(); ++n_index) {
    const Node& n = s.nodes[n_index];
    // The stock points themselves (their state, policy, statistics and KPI rows).
    if (!n.inventory.empty()) {
      double points = static_cast<double>(n.inventory.size());
      parts.push_back(
          part(0, points * kBytesPerStockPoint, PartKind::stock_points, points, n_index));
    }
    // The node's random streams: supplier lead times, station and line times, a service
    // node's handle times, patience and arrivals, random disruptions.
    double random = 0;
    for (const auto& [product, terms] : n.supplies) random += random_streams(terms.lead_time);
    for (const Station& station : n.stations) random += random_streams(station.time);
    for (const Line& line : n.lines)
      if (line.time) random += random_streams(*line.time);
    if (n.type == NodeType::service) {
      random += random_streams(n.handle_time) + (n.patience ? random_streams(*n.patience) : 0);
      random += static_cast<double>(n.arrivals.size());
    }
    for (const Disruption& disruption : n.disruptions)
      if (disruption.rate > 0) random += 1;
    if (random > 0)
      parts.push_back(
          part(0, random * kBytesPerRandomStream, PartKind::node_streams, random, n_index));
    // Contacts no order causes (their memory held is added below, once every contact is
    // counted).
    double standalone = 0;
    for (const auto& a : n.arrivals) standalone += a.rate * horizon;
    if (standalone > 0) {
      contacts_at[n.id] += standalone;
      parts.push_back(with_records(
          part(standalone * kEventsPerContact, 0, PartKind::arrivals, standalone, n_index),
          kBytesPerContactRecord));
    }
    // Periodic reviews: one event each, whatever happens.
    for (std::size_t i = 0; i < n.inventory.size(); ++i) {
      Time review = n.inventory[i].policy.review();
      if (!(review > 0)) continue;
      double reviews = horizon / review;
      parts.push_back(part(reviews, 0, PartKind::reviews, reviews, n_index, i));
    }
    // Production: one event per batch, at most the line's rate over the horizon (a bound: a
    // line makes only what is ordered from it, but a make-to-stock line may work throughout).
    for (std::size_t i = 0; i < n.lines.size(); ++i) {
      const Line& line = n.lines[i];
      double rate = line.time ? 1 / line.time->mean() : line.rate.max_value();  // the most batches
      // An instantaneous line (time 0) makes only what is ordered: the orders bound it.
      double batches = rate * horizon / std::max(line.batch, 1.0);
      if (!(batches > 0) || !std::isfinite(rate)) continue;
      parts.push_back(part(batches, 0, PartKind::batches, batches, n_index, i));
    }
    // Random disruptions: a start and an end each.
    for (std::size_t i = 0; i < n.disruptions.size(); ++i) {
      double outages = n.disruptions[i].rate * horizon;
      if (!(outages > 0)) continue;
      parts.push_back(part(2 * outages, 0, PartKind::disruptions, outages, n_index, i));
    }
  }
  // Contacts cost memory only while the contact book holds them.
  if (double contacts_held = contact_holding(s, contacts_at); contacts_held > 0)
    for (Part& p : parts)
      if (p.kind == PartKind::contacts || p.kind == PartKind::arrivals)
        p.bytes += p.count * contacts_held * kBytesPerHeldContact;

  // Lanes' random lead times.
  double lane_random = 0;
  for (const Lane& lane : s.lanes) lane_random += random_streams(lane.lead_time);
  if (lane_random > 0)
    parts.push_back(
        part(0, lane_random * kBytesPerRandomStream, PartKind::lane_streams, lane_random));
  return parts;
}

// The words of a part: what it counts, where it is written, what would reduce it.
PartText describe(const ReadContext& ctx, const Part& p) {
  const Scenario& s = ctx.s;
  switch (p.kind) {
    case PartKind::samples:
      return {amount(p.count) + " time-series samples (" + amount(p.series) + " series every " +
                  format_duration(s.sample_every) + ")",
              located(ctx.root["horizon"], [&] { return ctx.root["sample_every"]; }),
              "raise `sample_every` or shorten `horizon`"};
    case PartKind::campaign_orders: {
      const Market& market = s.markets[p.owner];
      const YAML::Node campaign_nodes = ctx.root["campaigns"];
      return {amount(p.count) + " extra orders of " + quoted(market.demand[p.entry].product) +
                  " in market " + quoted(market.id) + " from campaign " +
                  quoted(s.campaigns[p.campaign].id),
              located(campaign_nodes, [&] { return campaign_nodes[p.campaign]["uplift"]; }),
              "lower the uplift"};
    }
    case PartKind::orders: {
      const Market& market = s.markets[p.owner];
      const YAML::Node entry = ctx.demand_marks.at(market.id).at(p.entry);
      return {amount(p.count) + " orders of " + quoted(market.demand[p.entry].product) +
                  " in market " + quoted(market.id),
              located(entry, [&] { return entry["rate"]; }),
              "lower the rate (or its weekly and seasonal factors)"};
    }
    case PartKind::contacts: {
      const YAML::Node market_nodes = ctx.root["markets"];
      return {
          amount(p.count) + " contacts from the orders of market " + quoted(s.markets[p.owner].id),
          located(market_nodes, [&] { return market_nodes[p.owner]["contacts"]; }),
          "lower the contacts per order"};
    }
    case PartKind::demand_streams: {
      const YAML::Node market_nodes = ctx.root["markets"];
      return {amount(p.count) + " demand streams of market " + quoted(s.markets[p.owner].id) +
                  " (the network itself, with their random streams)",
              located(market_nodes, [&] { return market_nodes[p.owner]["demand"]; }),
              "give the market fewer demand streams"};
    }
    case PartKind::lane_streams:
      return {amount(p.count) + " random streams of lane lead times (the network itself)",
              ctx.root["lanes"], "give fewer lanes a random lead time"};
    default: break;
  }
  const Node& n = s.nodes[p.owner];
  const YAML::Node& entry = ctx.node_entry(n.id);
  switch (p.kind) {
    case PartKind::arrivals:
      return {amount(p.count) + " contacts arriving at " + quoted(n.id),
              located(entry, [&] { return entry["arrivals"]; }), "lower the rate"};
    case PartKind::reviews: {
      const StockItem& item = n.inventory[p.entry];
      return {amount(p.count) + " reviews of " + quoted(item.product) + " at " + quoted(n.id) +
                  " (every " + format_duration(item.policy.review()) + ")",
              located(entry, [&] { return entry["inventory"][item.product]["policy"]["review"]; }),
              "lengthen the review period"};
    }
    case PartKind::batches: {
      const Line& line = n.lines[p.entry];
      return {amount(p.count) + " batches of line " + quoted(line.name) + " at " + quoted(n.id),
              located(entry, [&] { return entry["lines"][p.entry][line.time ? "time" : "rate"]; }),
              "lower its rate or raise its `batch`"};
    }
    case PartKind::stock_points:
      return {amount(p.count) + " stock points at " + quoted(n.id) + " (the network itself)",
              located(entry, [&] { return entry["inventory"]; }), "stock fewer products there"};
    case PartKind::node_streams:
      return {amount(p.count) + " random streams at " + quoted(n.id) + " (the network itself)",
              entry, "make fewer of its times random"};
    default:
      return {amount(p.count) + " disruptions of " + quoted(n.id),
              located(entry, [&] { return entry["disruptions"][p.entry]["rate"]; }),
              "lower the rate"};
  }
}

// Refuses at the largest part of the estimate, which is what a typo makes large.
[[noreturn]] void refuse(const ReadContext& ctx, const std::vector<Part>& parts,
                         double Part::*measure, const std::string& total, const std::string& limit,
                         const std::string& key) {
  const Part& largest =
      *std::max_element(parts.begin(), parts.end(),
                        [&](const Part& a, const Part& b) { return a.*measure < b.*measure; });
  const PartText text = describe(ctx, largest);
  ctx.r.fail(text.at, "one replication would " + total + ", mostly for " + text.what +
                          "; the limit is " + limit + ": " + text.fix + ", or raise `limits." +
                          key + "` to run it deliberately (docs/reliability.md)");
}

// Refuses a run that would fit but for the records it keeps (`--records`), however they are
// spread over its orders and contacts: at the part with the most of them, with the way out
// that leaves the scenario as it is.
[[noreturn]] void refuse_records(const ReadContext& ctx, const std::vector<Part>& parts,
                                 double bytes, double record_bytes, const std::string& limit) {
  const Part& most = *std::max_element(
      parts.begin(), parts.end(),
      [](const Part& a, const Part& b) { return a.record_bytes < b.record_bytes; });
  const PartText text = describe(ctx, most);
  ctx.r.fail(text.at, "one replication would hold about " + gigabytes(bytes) + " of memory, " +
                          gigabytes(record_bytes) +
                          " of it for the records of its orders and contacts (`--records`), the "
                          "most for " +
                          text.what + "; the limit is " + limit +
                          ": run without `--records`, or raise `limits.memory_gb` to run it "
                          "deliberately (docs/reliability.md)");
}

}  // namespace

void check_run_size(const ReadContext& ctx, const Network& network, const LoadOptions& options) {
  double max_events = default_number(*limits_declaration().find("events"));
  double max_gb = default_number(*limits_declaration().find("memory_gb"));
  if (YAML::Node limits = ctx.root["limits"]; limits.IsDefined() && !limits.IsNull()) {
    YamlParamReader m(ctx.r, limits, limits_declaration(), "`limits`");
    max_events = m.number("events");
    max_gb = m.number("memory_gb");
  }
  std::vector<Part> parts = estimate(ctx, network, options);
  double events = 0, bytes = kBytesOfProgram, record_bytes = 0;
  for (const auto& p : parts) {
    events += p.events;
    bytes += p.bytes;
    record_bytes += p.record_bytes;
  }
  // What the scenario itself breaks is refused first, in the order and words of `surge
  // validate` (the memory limit, then the events limit); the records (`--records`) last, when
  // running without them is the whole way out. Not `events > max`: a NaN or infinite estimate
  // must be refused too.
  if (!(bytes - record_bytes <= max_gb * 1e9))
    refuse(ctx, parts, &Part::bytes, "hold about " + gigabytes(bytes) + " of memory",
           amount(max_gb) + " GB", "memory_gb");
  if (!(events <= max_events))
    refuse(ctx, parts, &Part::events, "run about " + amount(events) + " events",
           amount(max_events) + " events", "events");
  if (!(bytes <= max_gb * 1e9))
    refuse_records(ctx, parts, bytes, record_bytes, amount(max_gb) + " GB");
}

}  // namespace loader
}  // namespace surge
