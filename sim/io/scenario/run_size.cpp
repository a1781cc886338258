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
                   "memory one replication may hold, in GB (orders, contacts, time series)")}};
  return d;
}

namespace loader {
namespace {

// What each thing costs, measured on the engine (Release, the corpus base scenario at 20000
// orders a day for 60 days, one station, every order shipped: 1.3 million orders ran 2.35
// million events in 200 MB; a contact per order added one event and 32 bytes each), rounded
// up: an order's arrival and delivery, one event per station it passes, a contact's arrival and
// end; the bytes of an order or contact record with its KPI entries, and of a time-series
// sample.
constexpr double kEventsPerOrder = 2;
constexpr double kEventsPerStation = 1;
constexpr double kEventsPerContact = 2;
constexpr double kBytesPerOrder = 160;
constexpr double kBytesPerContact = 48;
constexpr double kBytesPerSample = 128;

// What a contribution to the estimate counts, and so how it is described.
enum class PartKind {
  samples,
  campaign_orders,
  orders,
  contacts,
  arrivals,
  reviews,
  batches,
  disruptions
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

std::vector<Part> estimate(const ReadContext& ctx) {
  const Scenario& s = ctx.s;
  const Time horizon = s.horizon;
  std::vector<Part> parts;

  // Time series: one sample per `sample_every` per stock point and per resource.
  double series = 0;
  for (const auto& n : s.nodes) {
    series += static_cast<double>(n.inventory.size() + n.lines.size() + n.stations.size());
    if (n.type == NodeType::service) series += 1;
  }
  double instants = std::floor(horizon / s.sample_every) + 1;
  parts.push_back(
      part(instants, instants * series * kBytesPerSample, PartKind::samples, instants * series));
  parts.back().series = series;

  // Nodes by id (the first of an id, as Scenario::find_node), for the market's server.
  std::unordered_map<std::string, const Node*> node_of;
  for (const Node& n : s.nodes) node_of.emplace(n.id, &n);

  std::vector<CampaignReach> reach;
  for (const Campaign& c : s.campaigns) reach.emplace_back(c);

  // Orders and the contacts they cause.
  for (std::size_t m = 0; m < s.markets.size(); ++m) {
    const Market& market = s.markets[m];
    auto server = node_of.find(market.served_by);
    double stations =
        server != node_of.end() ? static_cast<double>(server->second->stations.size()) : 0;
    double orders_here = 0, campaign_contacts = 0;
    for (std::size_t d = 0; d < market.demand.size(); ++d) {
      const DemandStream& stream = market.demand[d];
      double rate = stream.rate * mean_weekly(stream);
      double orders = rate * mean_seasonal(stream, horizon) * horizon;
      for (std::size_t c = 0; c < s.campaigns.size(); ++c) {
        const Campaign& campaign = s.campaigns[c];
        double extra = campaign_orders(campaign, reach[c], market.id, stream.product, rate);
        if (!(extra > 0)) continue;
        orders_here += extra;
        campaign_contacts += extra * campaign.contacts_per_order;
        parts.push_back(part(extra * (kEventsPerOrder + kEventsPerStation * stations),
                             extra * kBytesPerOrder, PartKind::campaign_orders, extra, m, d));
        parts.back().campaign = c;
      }
      orders_here += orders;
      parts.push_back(part(orders * (kEventsPerOrder + kEventsPerStation * stations),
                           orders * kBytesPerOrder, PartKind::orders, orders, m, d));
    }
    double contacts = orders_here * (market.contacts_per_order + market.contacts_per_late_order) +
                      campaign_contacts;
    if (contacts > 0)
      parts.push_back(part(contacts * kEventsPerContact, contacts * kBytesPerContact,
                           PartKind::contacts, contacts, m));
  }

  for (std::size_t n_index = 0; n_index < s.nodes.size(); ++n_index) {
    const Node& n = s.nodes[n_index];
    // Contacts no order causes.
    double standalone = 0;
    for (const auto& a : n.arrivals) standalone += a.rate * horizon;
    if (standalone > 0)
      parts.push_back(part(standalone * kEventsPerContact, standalone * kBytesPerContact,
                           PartKind::arrivals, standalone, n_index));
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

}  // namespace

void check_run_size(const ReadContext& ctx) {
  double max_events = default_number(*limits_declaration().find("events"));
  double max_gb = default_number(*limits_declaration().find("memory_gb"));
  if (YAML::Node limits = ctx.root["limits"]; limits.IsDefined() && !limits.IsNull()) {
    YamlParamReader m(ctx.r, limits, limits_declaration(), "`limits`");
    max_events = m.number("events");
    max_gb = m.number("memory_gb");
  }
  std::vector<Part> parts = estimate(ctx);
  double events = 0, bytes = 0;
  for (const auto& p : parts) {
    events += p.events;
    bytes += p.bytes;
  }
  // Not `events > max`: a NaN or infinite estimate must be refused too.
  if (!(bytes <= max_gb * 1e9))
    refuse(ctx, parts, &Part::bytes, "hold about " + gigabytes(bytes) + " of memory",
           amount(max_gb) + " GB", "memory_gb");
  if (!(events <= max_events))
    refuse(ctx, parts, &Part::events, "run about " + amount(events) + " events",
           amount(max_events) + " events", "events");
}

}  // namespace loader
}  // namespace surge
