#pragma once
// Random valid scenarios for the property tests (docs/reliability.md). Each is YAML text, so
// it goes through the loader exactly as a user's file does: random networks (suppliers, an
// optional factory with a bill of materials, a warehouse, an optional fulfilment centre and
// service desk), policies, calendars, markets, campaigns and seeds. Small rates and horizons
// keep a case to a fraction of a second, also under the sanitizers. The generator uses the
// raw output of std::mt19937_64 (the same on every platform), never std:: distributions.
#include <algorithm>
#include <cstdint>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

namespace surge::test {

class ScenarioGenerator {
 public:
  explicit ScenarioGenerator(std::uint64_t case_seed) : rng_(case_seed) {}

  struct Text {
    std::string head;                // everything before `nodes:`
    std::vector<std::string> nodes;  // one block per node, in file order
    std::string tail;                // lanes, markets, campaigns
    std::string yaml() const {
      std::string out = head + "nodes:\n";
      for (const auto& n : nodes) out += n;
      return out + tail;
    }
  };

  Text generate() {
    Text t;
    std::ostringstream head, tail;
    const int horizon_days = 20 + pick(31);
    head << "name: random case\n"
         << "horizon: " << horizon_days << "d\n";
    int warmup_days = 0;
    if (chance(0.5)) head << "warmup: " << (warmup_days = pick(5)) << "d\n";
    head << "seed: " << pick(1000000) << "\n";
    if (chance(0.3)) head << "sample_every: " << (chance(0.5) ? "12h" : "2d") << "\n";

    // Products: finished goods p0..pk; with a factory, p0 is made from `part`.
    const int products = 1 + pick(2);
    const bool factory = chance(0.5), bom = factory && chance(0.7);
    const bool mto = factory && chance(0.4);
    head << "products:\n";
    for (int p = 0; p < products; ++p) {
      head << "  - {id: p" << p << ", price: " << 10 + pick(90) << ", unit_cost: " << 1 + pick(9)
           << ", holding_cost: 0." << pick(10) << "/d";
      if (chance(0.3)) head << ", backorder_cost: 0." << 1 + pick(9) << "/d";
      if (p == 0 && bom) head << ", bom: {part: " << 1 + pick(3) << "}";
      head << "}\n";
    }
    if (bom) head << "  - {id: part, unit_cost: 1}\n";

    std::vector<std::string> calendars;
    if (chance(0.6)) {
      head << "calendars:\n";
      head << "  office: {mon-fri: \"0" << 6 + pick(3) << ":00-" << 16 + pick(6) << ":00\"";
      if (chance(0.5)) head << ", sat: \"09:00-13:00\"";
      if (chance(0.5)) head << ", holidays: [" << 1 + pick(horizon_days - 1) << "d]";
      head << "}\n";
      calendars.push_back("office");
      if (chance(0.5)) {
        head << "  nights: {daily: [\"00:00-06:00\", \"22:00-24:00\"]}\n";
        calendars.push_back("nights");
      }
    }
    auto maybe_calendar = [&](const std::string& indent) -> std::string {
      if (calendars.empty() || chance(0.4)) return "";
      return indent + "calendar: " + calendars[pick(calendars.size())] + "\n";
    };

    // Suppliers: acme sells everything bought; backup (sometimes) too.
    const bool second = chance(0.4);
    auto supplier = [&](const std::string& id) {
      std::ostringstream n;
      n << "  - id: " << id << "\n    type: supplier\n    products:\n";
      for (int p = 0; p < products; ++p)
        if (!(p == 0 && factory)) n << "      p" << p << ": " << terms() << "\n";
      if (bom) n << "      part: " << terms() << "\n";
      if (chance(0.3))
        n << "    disruptions: [{"
          << (chance(0.5) ? "start: " + std::to_string(1 + pick(10)) + "d"
                          : std::string("rate: 1/20d"))
          << ", duration: {dist: exponential, mean: 2d}}]\n";
      return n.str();
    };
    // A supplier must sell something: with one product made by the factory and no BOM there
    // is nothing to buy, so no supplier then.
    const bool buys = !(products == 1 && factory && !bom);
    if (buys) t.nodes.push_back(supplier("acme"));
    if (buys && second) t.nodes.push_back(supplier("backup"));
    if (buys)
      tail << "lanes:\n";
    else
      tail << "lanes:\n";

    if (factory) {
      std::ostringstream n;
      n << "  - id: plant\n    type: factory\n    mode: "
        << (mto ? "make_to_order" : "make_to_stock") << "\n"
        << maybe_calendar("    ");
      n << "    lines: [{product: p0, "
        << (chance(0.7) ? "rate: " + std::to_string(20 + pick(60)) + "/d"
                        : std::string("time: {dist: gamma, mean: 20min, cv: 0.5}"))
        << ", batch: " << 1 + pick(20) << "}]\n";
      std::vector<std::string> items;
      if (bom)
        items.push_back("part: {initial: " + std::to_string(pick(200)) +
                        ", source: acme, policy: " + policy() + "}");
      if (!mto)
        items.push_back("p0: {initial: " + std::to_string(pick(100)) + ", policy: " + policy() +
                        "}");
      if (!items.empty()) {
        n << "    inventory:\n";
        for (auto& i : items) n << "      " << i << "\n";
      }
      t.nodes.push_back(n.str());
      if (bom) tail << "  - {from: acme, to: plant, lead_time: " << lead_time() << "}\n";
      tail << "  - {from: plant, to: dc, lead_time: " << lead_time() << "}\n";
    }
    if (buys) tail << "  - {from: acme, to: dc, lead_time: " << lead_time() << "}\n";
    if (buys && second) tail << "  - {from: backup, to: dc, lead_time: " << lead_time() << "}\n";

    // The warehouse stocks every finished product.
    {
      std::ostringstream n;
      n << "  - id: dc\n    type: warehouse\n" << maybe_calendar("    ") << "    inventory:\n";
      for (int p = 0; p < products; ++p) {
        n << "      p" << p << ": {initial: " << pick(300);
        if (p == 0 && factory)
          n << ", source: plant";
        else if (second)
          n << ", sources: [{from: acme, share: 2}, {from: backup, "
            << (chance(0.5) ? "backup: true" : "share: 1") << "}]";
        else
          n << ", source: acme";
        n << ", policy: " << policy() << "}\n";
      }
      t.nodes.push_back(n.str());
    }
    const bool fc = chance(0.6), desk = chance(0.7);
    if (fc) {
      std::ostringstream n;
      n << "  - id: fc\n    type: fulfilment\n" << maybe_calendar("    ");
      if (chance(0.3)) n << "    cutoff: \"1" << pick(10) << ":00\"\n";
      n << "    inventory:\n";
      for (int p = 0; p < products; ++p)
        n << "      p" << p << ": {initial: " << pick(100) << ", source: dc, policy: " << policy()
          << "}\n";
      n << "    stations:\n";
      n << "      - {name: pick, servers: "
        << (chance(0.1) ? std::string("unlimited") : std::to_string(1 + pick(3)))
        << ", time: {dist: exponential, mean: " << 5 + pick(20) << "min}}\n";
      if (chance(0.5))
        n << "      - {name: pack, servers: " << 1 + pick(2)
          << ", time: {dist: lognormal, mean: 10min, cv: 0.5}}\n";
      t.nodes.push_back(n.str());
      tail << "  - {from: dc, to: fc, lead_time: " << lead_time() << "}\n";
    }
    if (desk) {
      std::ostringstream n;
      n << "  - id: desk\n    type: service\n"
        << maybe_calendar("    ")
        << "    agents: " << (chance(0.1) ? std::string("unlimited") : std::to_string(1 + pick(3)))
        << "\n    handle_time: {dist: exponential, mean: " << 3 + pick(10) << "min}\n";
      if (chance(0.6)) n << "    patience: {dist: exponential, mean: " << 1 + pick(10) << "min}\n";
      if (chance(0.5)) n << "    arrivals: {rate: " << 1 + pick(5) << "/h}\n";
      t.nodes.push_back(n.str());
    }

    // Markets, served by the fulfilment centre or the warehouse.
    const int markets = 1 + pick(3);
    tail << "markets:\n";
    for (int m = 0; m < markets; ++m) {
      tail << "  - id: m" << m << "\n    served_by: " << (fc && chance(0.7) ? "fc" : "dc")
           << "\n    demand:\n";
      for (int p = 0; p < products; ++p) {
        if (p > 0 && chance(0.5)) continue;
        tail << "      - {product: p" << p << ", rate: " << 2 + pick(30) << "/d";
        if (chance(0.4)) tail << ", weekly: [1, 1, 1, 1.2, 1.5, 0.5, 0]";
        if (chance(0.4)) tail << ", size: {dist: empirical, values: [1, 2, 5], weights: [6, 3, 1]}";
        if (chance(0.2)) tail << ", seasonal: [{from: 5d, to: 10d, factor: 2}]";
        tail << "}\n";
      }
      const int stockout = pick(3);
      tail << "    on_stockout: "
           << (stockout == 0   ? "backorder"
               : stockout == 1 ? "lost_sale"
                               : "backorder_with_patience")
           << "\n";
      if (stockout == 2)
        tail << "    patience: {dist: exponential, mean: " << 1 + pick(5) << "d}\n";
      tail << "    delivery: {lead_time: " << lead_time();
      if (chance(0.7)) tail << ", promise: " << 2 + pick(5) << "d";
      tail << "}\n";
      if (desk && chance(0.7))
        tail << "    contacts: {per_order: 0." << pick(5) << ", per_late_order: 0." << 1 + pick(9)
             << ", to: desk}\n";
    }
    // Campaigns on random products, markets and dates.
    const int campaigns = pick(3);
    if (campaigns > 0) tail << "campaigns:\n";
    for (int c = 0; c < campaigns; ++c) {
      tail << "  - id: c" << c << "\n    product: p" << pick(products) << "\n";
      if (chance(0.5)) tail << "    markets: [m" << pick(markets) << "]\n";
      // A campaign ends after the warm-up (the loader refuses one that KPIs cannot see).
      tail << "    start: " << std::max(pick(horizon_days), warmup_days)
           << "d\n    duration: " << 1 + pick(6) << "d\n";
      const int uplift = pick(3);
      tail << "    uplift: "
           << (uplift == 0   ? std::to_string(1 + pick(4))
               : uplift == 1 ? std::string("{dist: lognormal, median: 2, p90: 3}")
                             : std::string("{dist: uniform, min: 0.5, max: 3}"))
           << "\n";
      if (chance(0.5)) tail << "    ramp_up: " << pick(2) << "d\n";
      if (chance(0.5)) tail << "    decay: " << pick(3) << "d\n";
      if (chance(0.5)) tail << "    discount: 0." << pick(6) << "\n";
      if (chance(0.3)) tail << "    pull_forward: {share: 0.3, over: 7d}\n";
      if (desk && chance(0.3)) tail << "    contacts_per_order: 0.2\n    contacts_to: desk\n";
    }
    t.head = head.str();
    t.tail = tail.str();
    return t;
  }

  // The same nodes in a random order (a Fisher-Yates shuffle on the generator's stream).
  void shuffle(std::vector<std::string>& items) {
    for (std::size_t i = items.size(); i > 1; --i) std::swap(items[i - 1], items[pick(i)]);
  }

 private:
  std::size_t pick(std::size_t n) { return static_cast<std::size_t>(rng_() % n); }
  int pick(int n) { return static_cast<int>(rng_() % static_cast<std::uint64_t>(n)); }
  bool chance(double p) { return static_cast<double>(rng_() >> 11) * 0x1.0p-53 < p; }

  std::string lead_time() {
    switch (pick(4)) {
      case 0: return std::to_string(1 + pick(4)) + "d";
      case 1: return "{dist: uniform, min: 1d, max: " + std::to_string(2 + pick(3)) + "d}";
      case 2: return "{dist: normal, mean: 2d, sd: 12h}";
      default: return "{dist: exponential, mean: " + std::to_string(6 + pick(40)) + "h}";
    }
  }
  std::string terms() {
    std::string t = "{lead_time: " + lead_time();
    if (chance(0.3)) t += ", capacity: " + std::to_string(50 + pick(200)) + "/d";
    if (chance(0.3)) t += ", min_order: " + std::to_string(pick(50));
    if (chance(0.2)) t += ", multiple: " + std::to_string(1 + pick(20));
    return t + "}";
  }
  std::string policy() {
    switch (pick(5)) {
      case 0: return "{type: none}";
      case 1: {
        int s = pick(60);
        return "{type: sS, s: " + std::to_string(s) + ", S: " + std::to_string(s + 1 + pick(150)) +
               "}";
      }
      case 2:
        return "{type: RQ, R: " + std::to_string(pick(60)) +
               ", Q: " + std::to_string(1 + pick(100)) + "}";
      case 3: return "{type: base_stock, level: " + std::to_string(pick(120)) + "}";
      default:
        return std::string("{type: order_up_to, review: ") + std::to_string(1 + pick(7)) + "d" +
               (chance(0.5) ? ", forecast: {type: exp_smoothing, alpha: 0.4}" : "") +
               (chance(0.5) ? ", safety_factor: 1" : "") + "}";
    }
  }

  std::mt19937_64 rng_;
};

}  // namespace surge::test
