#include "surge/experiment/studies/diagnose.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "surge/kernel/error.hpp"

namespace surge {
namespace {

// Stock that never runs out within any horizon the format allows, yet stays a finite number
// (the conservation check and the costs stay arithmetic).
constexpr const char* kNeverShort = "1000000000000";

// A duration in hours as YAML text that reads back as exactly the same number.
std::string hours_text(double hours) {
  char text[40];
  std::snprintf(text, sizeof text, "%.17gh", hours);
  return text;
}

// The shortest lead time a distribution allows, as a constant.
std::string shortest(const Distribution& d) { return hours_text(d.min_value()); }

bool always_unlimited(const CapacitySchedule& c) {
  return c.is_constant() && c.base() == kUnlimited;
}

}  // namespace

std::vector<TreeEdit> relaxation_edits(const Scenario& s, const Candidate& c) {
  std::vector<TreeEdit> edits;
  for (const Node& node : s.nodes) {
    const std::string at = "nodes." + node.id;
    if (c.kind == "stock") {
      for (const StockItem& item : node.inventory)
        if (node.id + "/" + item.product == c.name) {
          // An entry with neither source nor policy may be written with nothing under it
          // (`earbuds:`): it is replaced whole, by what it means plus the stock.
          const std::string entry = at + ".inventory." + item.product;
          if (item.sources.empty() && item.policy.type == "none")
            edits.push_back({entry, std::string("{initial: ") + kNeverShort + "}"});
          else
            edits.push_back({entry + ".initial", kNeverShort});
        }
    } else if (c.kind == "station") {
      for (const Station& station : node.stations)
        if (node.id + "/" + station.name == c.name) {
          edits.push_back({at + ".stations." + station.name + ".servers", "unlimited"});
          edits.push_back({at + ".stations." + station.name + ".cost_per_server_hour", {}});
        }
    } else if (c.kind == "agents") {
      if (node.type == NodeType::service && node.id + "/agents" == c.name) {
        edits.push_back({at + ".agents", "unlimited"});
        edits.push_back({at + ".cost_per_agent_hour", {}});
      }
    } else if (c.kind == "line") {
      for (const Line& line : node.lines)
        if (node.id + "/" + line.name == c.name) {
          // A rate cannot be written `unlimited`; no time per unit is the same line.
          edits.push_back({at + ".lines." + line.name + ".rate", {}});
          edits.push_back({at + ".lines." + line.name + ".time", "0h"});
        }
    } else if (c.kind == "supplier") {
      for (const auto& [product, terms] : node.supplies)
        if (node.id + "/" + product == c.name) {
          edits.push_back({at + ".products." + product + ".capacity", {}});
          edits.push_back({at + ".products." + product + ".lead_time", shortest(terms.lead_time)});
          edits.push_back({at + ".disruptions", {}});
        }
    }
  }
  if (c.kind == "lane")
    for (const Lane& lane : s.lanes)
      if (lane.from + "->" + lane.to == c.name) {
        const std::string at = "lanes." + lane.from + ":" + lane.to;
        edits.push_back({at + ".capacity", {}});
        edits.push_back({at + ".lead_time", shortest(lane.lead_time)});
      }
  if (edits.empty()) throw InternalError("diagnose: no " + c.kind + " constraint named " + c.name);
  edits.push_back({"plans", {}});
  edits.push_back({"levers", {}});
  return edits;
}

Scenario relax(const Scenario& scenario, const std::vector<Candidate>& relaxed) {
  std::vector<TreeEdit> edits;
  for (const Candidate& c : relaxed) {
    std::vector<TreeEdit> more = relaxation_edits(scenario, c);
    edits.insert(edits.end(), more.begin(), more.end());
  }
  try {
    return edit_scenario(scenario, edits);
  } catch (const Error& e) {
    // The edits are made from the loaded scenario: one that does not load is a bug here.
    throw InternalError(std::string("diagnose: a relaxed scenario does not load: ") + e.what());
  }
}

std::vector<Candidate> constraints_that_can_bind(const Scenario& s) {
  std::vector<Candidate> out;
  for (const Node& node : s.nodes) {
    for (const StockItem& item : node.inventory)
      out.push_back({node.id + "/" + item.product, "stock"});
    for (const Station& station : node.stations)
      if (!always_unlimited(station.servers))
        out.push_back({node.id + "/" + station.name, "station"});
    if (node.type == NodeType::service && !always_unlimited(node.agents))
      out.push_back({node.id + "/agents", "agents"});
    for (const Line& line : node.lines) out.push_back({node.id + "/" + line.name, "line"});
    for (const auto& [product, terms] : node.supplies)
      if (!always_unlimited(terms.capacity) || !node.disruptions.empty())
        out.push_back({node.id + "/" + product, "supplier"});
  }
  for (const Lane& lane : s.lanes)
    if (!always_unlimited(lane.capacity)) out.push_back({lane.from + "->" + lane.to, "lane"});
  return out;
}

namespace {

bool same(const Candidate& a, const Candidate& b) { return a.name == b.name && a.kind == b.kind; }

bool contains(const std::vector<Candidate>& list, const Candidate& c) {
  return std::any_of(list.begin(), list.end(), [&](const Candidate& x) { return same(x, c); });
}

// The constraints of `can_bind` that bound in a failing replication of `mc`, in census order,
// leaving out those in `except`.
std::vector<Candidate> bound_when_failing(const McResult& mc,
                                          const std::vector<Candidate>& can_bind,
                                          const std::vector<Candidate>& except) {
  std::vector<Candidate> out;
  for (std::size_t c = 0; c < mc.census.size(); ++c) {
    if (c >= mc.census_bound_failing.size() || mc.census_bound_failing[c] == 0) continue;
    const Candidate candidate{mc.census[c].constraint, mc.census[c].kind};
    if (contains(can_bind, candidate) && !contains(except, candidate) && !contains(out, candidate))
      out.push_back(candidate);
  }
  return out;
}

}  // namespace

Diagnosis run_diagnosis(const Scenario& scenario, const McOptions& options,
                        const std::function<void(std::size_t, std::size_t)>& per_run) {
  Diagnosis d;
  McOptions o = options;
  o.journal.clear();  // a diagnosis restarts rather than resumes
  o.resume = false;
  std::size_t runs = 1;
  if (per_run) per_run(0, runs);
  d.baseline = run_monte_carlo(scenario, o);
  d.baseline_verdict = make_verdict(scenario, d.baseline);

  // The candidates alone: every constraint that bound in a failing replication, in census
  // order. Pairs may take any constraint that can bind (below).
  const std::vector<Candidate> can_bind = constraints_that_can_bind(scenario);
  d.candidates = bound_when_failing(d.baseline, can_bind, {});

  // Every relaxation runs the baseline's replications, however the baseline stopped.
  McOptions fixed = o;
  fixed.until_settled = false;
  fixed.precision = 0;
  fixed.replications = d.baseline.replications();
  const double required = scenario.confidence;
  auto evaluate = [&](std::vector<Candidate> relaxed) {
    const Scenario s = relax(scenario, relaxed);
    Relaxation r;
    for (const Candidate& c : relaxed) r.name.append(r.name.empty() ? "" : " + ").append(c.name);
    McResult mc = run_monte_carlo(s, fixed);
    r.verdict = make_verdict(s, mc);
    r.revealed = bound_when_failing(mc, can_bind, relaxed);
    r.relaxed = std::move(relaxed);
    RunningStats gain;
    const std::size_t n = std::min(mc.rows.size(), d.baseline.rows.size());
    for (std::size_t i = 0; i < n; ++i)
      gain.add((mc.rows[i].deliverable ? 1.0 : 0.0) - (d.baseline.rows[i].deliverable ? 1.0 : 0.0));
    r.gain = gain.mean();
    const double hw = gain.count() > 1 ? gain.half_width() : 0;
    r.gain_low = r.gain - hw;
    r.gain_high = r.gain + hw;
    for (std::size_t t = 0; t < r.verdict.targets.size() && t < d.baseline_verdict.targets.size();
         ++t)
      if (d.baseline_verdict.targets[t].probability < required &&
          r.verdict.targets[t].probability >= required)
        r.fixes.push_back(t);
    return r;
  };
  // Best first: the most P(every target met); then the most targets fixed; then the most
  // probability summed over the targets (how far it goes towards them when it fixes none);
  // then the furthest upstream in the baseline's chain (relaxing the root cause rather than
  // the stock point it starves, which buys the same).
  const std::string chain = d.baseline_verdict.breaks;
  auto depth = [&](const Relaxation& r) {
    std::size_t deepest = 0;
    for (const Candidate& c : r.relaxed) {
      const std::size_t at = chain.find(c.name + " ");
      if (at != std::string::npos) deepest = std::max(deepest, at + 1);
    }
    return deepest;
  };
  auto best_first = [&](std::vector<Relaxation>& list) {
    auto sum = [](const Relaxation& r) {
      double total = 0;
      for (const TargetVerdict& t : r.verdict.targets) total += t.probability;
      return total;
    };
    std::stable_sort(list.begin(), list.end(), [&](const Relaxation& a, const Relaxation& b) {
      if (a.verdict.probability != b.verdict.probability)
        return a.verdict.probability > b.verdict.probability;
      if (a.fixes.size() != b.fixes.size()) return a.fixes.size() > b.fixes.size();
      if (sum(a) != sum(b)) return sum(a) > sum(b);
      return depth(a) > depth(b);
    });
  };

  runs += d.candidates.size();
  for (const Candidate& c : d.candidates) {
    if (per_run) per_run(1 + d.singles.size(), runs);
    d.singles.push_back(evaluate({c}));
  }
  best_first(d.singles);

  // A relaxation suffices when it is DELIVERABLE, or AT RISK with P at the required
  // confidence: more replications may settle it, and relaxing more would not say more.
  auto suffices = [&](const Relaxation& r) {
    return r.verdict.judgement == Deliverability::deliverable ||
           (r.verdict.judgement == Deliverability::at_risk && r.verdict.probability >= required);
  };
  std::size_t done = 1 + d.singles.size();
  if (std::none_of(d.singles.begin(), d.singles.end(), suffices) && !d.singles.empty()) {
    // Each of the best singles with each other, and with every constraint that binds in a
    // failing replication once it is relaxed: the causes it hid (a station behind a
    // stock-out), which never bound in the baseline (docs/experiments.md, "Diagnose").
    const std::size_t top = std::min(kPairedCandidates, d.singles.size());
    std::vector<std::pair<Candidate, Candidate>> pairs;
    auto add_pair = [&](const Candidate& a, const Candidate& b) {
      for (const auto& [x, y] : pairs)
        if ((same(x, a) && same(y, b)) || (same(x, b) && same(y, a))) return;
      pairs.emplace_back(a, b);
    };
    for (std::size_t a = 0; a < top; ++a)
      for (std::size_t b = a + 1; b < top; ++b)
        add_pair(d.singles[a].relaxed.front(), d.singles[b].relaxed.front());
    for (std::size_t a = 0; a < top; ++a)
      for (const Candidate& hidden : d.singles[a].revealed)
        add_pair(d.singles[a].relaxed.front(), hidden);
    runs += pairs.size();
    for (const auto& [a, b] : pairs) {
      if (per_run) per_run(done++, runs);
      d.pairs.push_back(evaluate({a, b}));
    }
    best_first(d.pairs);
    // No pair either: grow the best one, one constraint at a time, keeping the best each step,
    // until it suffices, no candidate is left, or a step buys nothing more. The candidates of
    // a step: those that bound in the baseline and those that still bind once the best so far
    // is relaxed.
    if (!d.pairs.empty() && !suffices(d.pairs.front())) {
      Relaxation best = d.pairs.front();
      for (;;) {
        std::vector<Candidate> more = d.candidates;
        for (const Candidate& c : best.revealed)
          if (!contains(more, c)) more.push_back(c);
        std::erase_if(more, [&](const Candidate& c) { return contains(best.relaxed, c); });
        if (more.empty() || suffices(best)) break;
        std::vector<Relaxation> step;
        runs += more.size();
        for (const Candidate& c : more) {
          if (per_run) per_run(done++, runs);
          std::vector<Candidate> relaxed = best.relaxed;
          relaxed.push_back(c);
          step.push_back(evaluate(relaxed));
        }
        best_first(step);
        if (step.front().verdict.probability <= best.verdict.probability) break;
        best = step.front();
        d.growing.push_back(best);
      }
    }
  }
  return d;
}

}  // namespace surge
