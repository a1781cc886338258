#include "surge/experiment/studies/diagnose.hpp"

#include <algorithm>
#include <set>

#include "surge/kernel/error.hpp"

namespace surge {
namespace {

// Stock that never runs out within any horizon the format allows, yet stays a finite number
// (the conservation check and the costs stay arithmetic).
constexpr double kNeverShort = 1e12;

void shortest_lead_time(Distribution& d) { d = Distribution::constant(d.min_value()); }

}  // namespace

Scenario relax(const Scenario& base, const Candidate& c) {
  Scenario s = base;
  bool found = false;
  for (Node& node : s.nodes) {
    if (c.kind == "stock") {
      for (StockItem& item : node.inventory)
        if (node.id + "/" + item.product == c.name) {
          item.initial = kNeverShort;
          found = true;
        }
    } else if (c.kind == "station") {
      for (Station& station : node.stations)
        if (node.id + "/" + station.name == c.name) {
          station.servers = kUnlimited;
          found = true;
        }
    } else if (c.kind == "agents") {
      if (node.type == NodeType::service && node.id + "/agents" == c.name) {
        node.agents = kUnlimited;
        found = true;
      }
    } else if (c.kind == "line") {
      for (Line& line : node.lines)
        if (node.id + "/" + line.name == c.name) {
          line.rate = kUnlimited;
          line.time.reset();
          found = true;
        }
    } else if (c.kind == "supplier") {
      for (auto& [product, terms] : node.supplies)
        if (node.id + "/" + product == c.name) {
          terms.capacity = kUnlimited;
          shortest_lead_time(terms.lead_time);
          node.disruptions.clear();
          found = true;
        }
    }
  }
  if (c.kind == "lane")
    for (Lane& lane : s.lanes)
      if (lane.from + "->" + lane.to == c.name) {
        lane.capacity = kUnlimited;
        shortest_lead_time(lane.lead_time);
        found = true;
      }
  if (!found) throw InternalError("diagnose: no " + c.kind + " constraint named " + c.name);
  return s;
}

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

  // The candidates: every constraint that bound in a failing replication, in census order.
  std::set<std::string> seen;
  for (std::size_t c = 0; c < d.baseline.census.size(); ++c) {
    if (c >= d.baseline.census_bound_failing.size() || d.baseline.census_bound_failing[c] == 0)
      continue;
    const CensusKey& key = d.baseline.census[c];
    if (seen.insert(key.kind + " " + key.constraint).second)
      d.candidates.push_back({key.constraint, key.kind});
  }

  // Every relaxation runs the baseline's replications, however the baseline stopped.
  McOptions fixed = o;
  fixed.until_settled = false;
  fixed.precision = 0;
  fixed.replications = d.baseline.replications();
  const double required = scenario.confidence;
  auto evaluate = [&](std::vector<Candidate> relaxed) {
    Scenario s = scenario;
    Relaxation r;
    for (const Candidate& c : relaxed) {
      s = relax(s, c);
      r.name.append(r.name.empty() ? "" : " + ").append(c.name);
    }
    r.relaxed = std::move(relaxed);
    McResult mc = run_monte_carlo(s, fixed);
    r.verdict = make_verdict(s, mc);
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
  if (std::none_of(d.singles.begin(), d.singles.end(), suffices) && d.singles.size() >= 2) {
    const std::size_t top = std::min(kPairedCandidates, d.singles.size());
    runs += top * (top - 1) / 2;
    for (std::size_t a = 0; a < top; ++a)
      for (std::size_t b = a + 1; b < top; ++b) {
        if (per_run) per_run(done++, runs);
        d.pairs.push_back(evaluate({d.singles[a].relaxed.front(), d.singles[b].relaxed.front()}));
      }
    best_first(d.pairs);
    // No pair either: grow the best one, one candidate at a time, keeping the best each step,
    // until it suffices, every candidate is in, or a step buys nothing more.
    if (!d.pairs.empty() && !suffices(d.pairs.front())) {
      Relaxation best = d.pairs.front();
      while (best.relaxed.size() < d.candidates.size() && !suffices(best)) {
        std::vector<Relaxation> step;
        runs += d.candidates.size() - best.relaxed.size();
        for (const Candidate& c : d.candidates) {
          bool in = false;
          for (const Candidate& r : best.relaxed) in = in || (r.name == c.name && r.kind == c.kind);
          if (in) continue;
          if (per_run) per_run(done++, runs);
          std::vector<Candidate> more = best.relaxed;
          more.push_back(c);
          step.push_back(evaluate(more));
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
