#include "surge/experiment/studies/optimiser.hpp"

#include <algorithm>
#include <boost/math/distributions/binomial.hpp>
#include <cmath>
#include <cstdio>
#include <map>

#include "surge/experiment/monte_carlo/sequential_verdict.hpp"
#include "surge/kernel/error.hpp"

namespace surge {
namespace {

// A reversal of monotonicity must be this unlikely under "more never hurts" to be reported:
// one-sided exact test on the discordant replications of the pair (CRN pairs them).
constexpr double kReversalLevel = 0.01;

// The fewest replications run at once between two looks (at least two per worker, so that one
// slow replication leaves the others little idle time).
constexpr std::uint64_t kSmallestBatch = 8;

// Does `a` have at most as much of every lever as `b`? (The order monotonicity speaks of.)
bool no_more_than(const LeverPoint& a, const LeverPoint& b) {
  for (std::size_t i = 0; i < a.size(); ++i)
    if (a[i] > b[i]) return false;
  return true;
}

class Search {
 public:
  Search(const std::vector<SearchLever>& levers, OptimiserModel& model,
         const OptimiserOptions& options)
      : levers_(levers),
        model_(model),
        options_(options),
        screening_(
            look_schedule(options.screening_cap, options.first_look, options.family_confidence)) {}

  OptimiseResult run() {
    OptimiseResult out;
    out.screening_method = look_method(screening_);
    LeverPoint upper(levers_.size());
    for (std::size_t i = 0; i < levers_.size(); ++i) upper[i] = levers_[i].values.size() - 1;

    if (!screen(upper).deliverable()) {
      out.chosen = screen(upper);
      out.why_not = "even every lever at its largest value (" + describe_point(levers_, upper) +
                    ") is not DELIVERABLE: no combination is, if more of a lever never makes "
                    "delivery less likely";
      finish(out);
      return out;
    }
    // The descent, then the neighbour check and the exchanges until neither moves the point:
    // a cheaper deliverable neighbour is descended from again, a point an exchange reached
    // goes straight to its neighbour check. A start point seen before ends it too (exchanges
    // may raise a lever, so the passes need not go down on every lever). The neighbours are
    // screened before the exchanges because their costs tell which exchanges could pay.
    // On the way, a step down that monotonicity already rules out (a screened combination with
    // at least as much of every lever is not DELIVERABLE) is not screened; where the search
    // stops, every step down is, so that the inference is checked where it decides the answer.
    std::vector<LeverPoint> starts, checked_fully;
    LeverPoint current = descend(upper);
    for (;;) {
      if (std::find(starts.begin(), starts.end(), current) == starts.end()) {
        starts.push_back(current);
        if (std::optional<LeverPoint> lower = deliverable_neighbour(current, false)) {
          current = descend(*lower);
          continue;
        }
        LeverPoint moved = exchange(current);
        if (moved != current) {
          current = moved;
          continue;
        }
      }
      if (std::find(checked_fully.begin(), checked_fully.end(), current) != checked_fully.end())
        break;
      checked_fully.push_back(current);
      if (std::optional<LeverPoint> lower = deliverable_neighbour(current, true)) {
        current = descend(*lower);
        continue;
      }
      break;
    }
    out.chosen = screen(current);
    confirm(out);
    finish(out);
    return out;
  }

 private:
  struct Screening {
    std::vector<ReplicationOutcome> outcomes;
    CandidateResult result;
  };

  const CandidateResult& screen(const LeverPoint& point) {
    auto found = screened_.find(point);
    if (found != screened_.end()) return found->second.result;
    Screening& s = screened_[point];
    s.result = run_looks(point, 0, screening_, s.outcomes, false);
    order_.push_back(point);
    return s.result;
  }

  // Runs the looks of `schedule` on replications from `first`, stopping once settled.
  CandidateResult run_looks(const LeverPoint& point, std::uint64_t first,
                            const LookSchedule& schedule, std::vector<ReplicationOutcome>& outcomes,
                            bool fresh) {
    CandidateResult r;
    r.point = point;
    r.fixed_cost = fixed_cost(point);
    std::uint64_t met = 0;
    const std::optional<std::uint64_t> allowed = misses_allowed(schedule);
    const std::uint64_t smallest_batch = std::max(kSmallestBatch, 2 * model_.parallelism());
    bool hopeless = false;
    for (std::uint64_t look : schedule.looks) {
      // After the first look the replications run in batches no larger than could make the
      // candidate hopeless (more misses than the cap allows), and it stops at the replication
      // that does: that is certain whatever the rest of them do, so stopping there judges
      // nothing early and saves the rest of the look. What a batch ran past that replication
      // is not kept (nor counted), so the outcomes do not depend on how the replications were
      // batched, nor the batches on anything but speed. The first look always runs whole, so
      // that a candidate far from deliverable is settled NOT DELIVERABLE, which is what a user
      // is shown when nothing delivers.
      while (!hopeless && outcomes.size() < look) {
        const bool first_look = outcomes.empty();
        const std::uint64_t misses = outcomes.size() - met;
        const std::uint64_t count =
            first_look ? look
                       : std::min<std::uint64_t>(
                             look - outcomes.size(),
                             std::max<std::uint64_t>(smallest_batch, *allowed - misses + 1));
        auto batch = model_.run(point, first + outcomes.size(), count);
        SURGE_CHECK(batch.size() == count, "optimiser: short batch");
        for (const ReplicationOutcome& o : batch) {
          outcomes.push_back(o);
          met += o.met ? 1 : 0;
          ++replications_;
          hopeless = !allowed || outcomes.size() - met > *allowed;
          if (hopeless && !first_look) break;
        }
      }
      r.ci = look_interval(met, outcomes.size(), schedule);
      if (hopeless || settled(r.ci, options_.required)) break;
    }
    r.replications = outcomes.size();
    r.met = met;
    r.judgement = judge(r.ci, options_.required);
    const std::vector<ReplicationOutcome>& base = baseline(first, outcomes.size(), fresh);
    RunningStats change;
    for (std::size_t k = 0; k < outcomes.size(); ++k)
      change.add(outcomes[k].modelled_cost - base[k].modelled_cost);
    r.modelled_cost_change = change.mean();
    r.modelled_cost_half_width = outcomes.size() > 1 ? change.half_width(0.95) : 0.0;
    return r;
  }

  // The most replications that may miss a target for the last look to find the candidate
  // DELIVERABLE (all the others met); none when even no miss at all is enough. A candidate
  // with more misses than this can no longer end DELIVERABLE by the cap (curtailment).
  std::optional<std::uint64_t> misses_allowed(const LookSchedule& schedule) const {
    const std::uint64_t cap = schedule.looks.back();
    std::uint64_t misses = 0;
    while (misses <= cap && look_interval(cap - misses, cap, schedule).low >= options_.required)
      ++misses;
    if (misses == 0) return std::nullopt;
    return misses - 1;
  }

  // The baseline's outcomes of replications [first, first + n), run as far as needed.
  const std::vector<ReplicationOutcome>& baseline(std::uint64_t first, std::size_t n, bool fresh) {
    std::vector<ReplicationOutcome>& b = fresh ? fresh_baseline_ : baseline_;
    if (b.size() < n) {
      auto more = model_.run_baseline(first + b.size(), n - b.size());
      SURGE_CHECK(more.size() == n - b.size(), "optimiser: short baseline batch");
      replications_ += more.size();
      b.insert(b.end(), more.begin(), more.end());
    }
    return b;
  }

  double fixed_cost(const LeverPoint& point) const {
    double cost = 0;
    for (std::size_t i = 0; i < levers_.size(); ++i) {
      double added = levers_[i].values[point[i]] - levers_[i].base;
      if (added > 0) cost += added * levers_[i].cost_per_unit;
    }
    return cost;
  }

  // The smallest value of lever i that keeps `point` DELIVERABLE, the others held (bisection;
  // `point` itself must be DELIVERABLE).
  LeverPoint lowest_deliverable(LeverPoint point, std::size_t i) {
    std::size_t lo = 0, hi = point[i];
    while (lo < hi) {
      std::size_t mid = lo + (hi - lo) / 2;
      LeverPoint probe = point;
      probe[i] = mid;
      if (screen(probe).deliverable())
        hi = mid;
      else
        lo = mid + 1;
    }
    point[i] = hi;
    return point;
  }

  // Each lever in turn down to its lowest DELIVERABLE value, then to the cheapest screened.
  LeverPoint descend(LeverPoint point) {
    for (std::size_t i = 0; i < levers_.size(); ++i)
      point = cheapest_on_axis(lowest_deliverable(point, i), i);
    return point;
  }

  // The cheapest DELIVERABLE point already screened on lever i's axis through `point` (the
  // other levers held): the bisection finds the lowest deliverable value, but the modelled cost
  // need not rise with a lever (a pre-build order may save more than it costs).
  LeverPoint cheapest_on_axis(LeverPoint point, std::size_t i) const {
    LeverPoint best = point;
    double best_cost = screened_.at(point).result.total_cost();
    for (std::size_t v = point[i] + 1; v < levers_[i].values.size(); ++v) {
      LeverPoint other = point;
      other[i] = v;
      auto found = screened_.find(other);
      if (found == screened_.end() || !found->second.result.deliverable()) continue;
      if (found->second.result.total_cost() < best_cost) {
        best = other;
        best_cost = found->second.result.total_cost();
      }
    }
    return best;
  }

  // Total cost of `a` less that of `b`, the modelled part paired on the replications both ran
  // (they may have stopped at different counts: comparing means over different replications
  // would add noise that common random numbers otherwise cancel).
  static double paired_cost_difference(const Screening& a, const Screening& b) {
    const std::size_t n = std::min(a.outcomes.size(), b.outcomes.size());
    RunningStats change;
    for (std::size_t k = 0; k < n; ++k)
      change.add(a.outcomes[k].modelled_cost - b.outcomes[k].modelled_cost);
    return a.result.fixed_cost - b.result.fixed_cost + change.mean();
  }

  // The change in total cost from one step down of lever i to `point`: from the two points
  // when both are screened, otherwise from the nearest screened pair that makes the same step
  // of lever i with the other levers elsewhere (a step down that monotonicity ruled out is not
  // screened), or none.
  std::optional<double> step_cost(const LeverPoint& point, std::size_t i) const {
    if (point[i] == 0) return std::nullopt;
    std::optional<double> nearest;
    std::size_t nearest_distance = 0;
    for (const LeverPoint& at : order_) {
      if (at[i] != point[i]) continue;
      LeverPoint below = at;
      --below[i];
      auto under = screened_.find(below);
      if (under == screened_.end()) continue;
      std::size_t distance = 0;
      for (std::size_t k = 0; k < at.size(); ++k)
        distance += at[k] > point[k] ? at[k] - point[k] : point[k] - at[k];
      if (nearest && distance >= nearest_distance) continue;
      nearest = paired_cost_difference(screened_.at(at), under->second);
      nearest_distance = distance;
      if (distance == 0) break;
    }
    return nearest;
  }

  // One lever a step up and another a step down (then bisected further), kept when cheaper; a
  // step up that is DELIVERABLE and cheaper by itself is kept too. An exchange whose cost,
  // estimated from the screened steps of both levers (the step below `up`, the step below
  // `down`), would not fall is not tried: screening it would cost replications and, if the
  // costs of the two levers add up, could not pay.
  // Returns the first exchange that pays, or `current`: the caller screens the new point's
  // neighbours before any further exchange, so that their costs can rule exchanges out.
  LeverPoint exchange(const LeverPoint& current) {
    const CandidateResult& now = screen(current);
    // A saving within the noise of the point's cost is not worth replications.
    const double noise = now.modelled_cost_half_width;
    for (std::size_t up = 0; up < levers_.size(); ++up) {
      if (current[up] + 1 >= levers_[up].values.size()) continue;
      std::optional<double> added = step_cost(current, up);
      LeverPoint raised = current;
      ++raised[up];
      for (std::size_t down = 0; down <= levers_.size(); ++down) {
        // down == levers_.size(): the step up alone, kept if DELIVERABLE and cheaper.
        const bool alone = down == levers_.size();
        if (!alone && (down == up || current[down] == 0)) continue;
        std::optional<double> saved = alone ? std::optional<double>(0.0) : step_cost(current, down);
        if (saved && added && *added >= *saved - noise) continue;  // estimated not to pay
        const CandidateResult& r = screen(raised);
        if (!r.deliverable()) break;  // a reversal: reported at the end
        const double rise = r.total_cost() - now.total_cost();
        if (rise < -noise) return raised;  // more of `up` pays by itself
        if (alone || (saved && rise >= *saved - noise)) continue;
        // If a step down is not DELIVERABLE, no lower value is (monotonicity): one probe
        // instead of a bisection over the whole range.
        LeverPoint probe = raised;
        --probe[down];
        if (!screen(probe).deliverable()) continue;
        LeverPoint moved = lowest_deliverable(probe, down);
        if (screen(moved).total_cost() < now.total_cost()) return moved;
      }
    }
    return current;
  }

  // The check of the descent's inference: each single step down from `point` is screened
  // itself (with `every` false, only those monotonicity does not already rule out). Returns the
  // cheapest DELIVERABLE one if it is cheaper than `point` (the descent restarts from it). A
  // DELIVERABLE step down below a screened combination that is not DELIVERABLE although it has
  // at least as much of every lever contradicts monotonicity, on which the descent relied: it
  // is reported.
  std::optional<LeverPoint> deliverable_neighbour(const LeverPoint& point, bool every) {
    std::optional<LeverPoint> best;
    double best_cost = screen(point).total_cost();
    for (std::size_t i = 0; i < levers_.size(); ++i) {
      if (point[i] == 0) continue;
      LeverPoint lower = point;
      --lower[i];
      if (!every && !screened_.count(lower) && contradicted(lower)) continue;
      const CandidateResult& r = screen(lower);
      if (!r.deliverable()) continue;
      if (contradicted(lower)) {
        std::string text = describe_point(levers_, lower) +
                           " is DELIVERABLE although the descent had set it aside";
        if (std::find(inference_failures_.begin(), inference_failures_.end(), text) ==
            inference_failures_.end())
          inference_failures_.push_back(text);
      }
      if (r.total_cost() < best_cost) {
        best = lower;
        best_cost = r.total_cost();
      }
    }
    return best;
  }

  // Is a screened combination with at least as much of every lever as `point` not DELIVERABLE?
  bool contradicted(const LeverPoint& point) const {
    for (const auto& [other, s] : screened_)
      if (!s.result.deliverable() && other != point && no_more_than(point, other)) return true;
    return false;
  }

  void confirm(OptimiseResult& out) {
    // Candidates for confirmation: every DELIVERABLE combination screened, cheapest first (the
    // descent's result leads when costs tie).
    std::vector<const CandidateResult*> feasible;
    for (const LeverPoint& p : order_) {
      const CandidateResult& r = screened_.at(p).result;
      if (r.deliverable()) feasible.push_back(&r);
    }
    std::stable_sort(feasible.begin(), feasible.end(),
                     [&](const CandidateResult* a, const CandidateResult* b) {
                       if (a->total_cost() != b->total_cost())
                         return a->total_cost() < b->total_cost();
                       return a->point == out.chosen.point && b->point != out.chosen.point;
                     });
    if (!feasible.empty()) out.chosen = *feasible.front();
    const int attempts = std::max(1, options_.max_confirmations);
    LookSchedule confirmation =
        look_schedule(options_.confirmation_cap, options_.first_look,
                      1 - (1 - options_.family_confidence) / static_cast<double>(attempts));
    out.confirmation_method = look_method(confirmation);
    std::size_t tried = 0;
    for (const CandidateResult* candidate : feasible) {
      if (tried == static_cast<std::size_t>(attempts)) break;
      if (options_.budget && candidate->total_cost() > *options_.budget) break;
      ++tried;
      std::vector<ReplicationOutcome> outcomes;
      CandidateResult fresh =
          run_looks(candidate->point, options_.confirm_first, confirmation, outcomes, true);
      if (fresh.deliverable()) {
        out.found = true;
        out.chosen = *candidate;
        out.confirmation = fresh;
        break;
      }
      out.confirmations_failed.push_back(fresh);
    }
    for (const CandidateResult* candidate : feasible)
      if (candidate->point != out.chosen.point && out.runners_up.size() < 5)
        out.runners_up.push_back(*candidate);
    if (out.found) return;
    char text[256];
    if (feasible.empty()) {
      out.why_not = "no combination was DELIVERABLE in screening";
    } else if (options_.budget && feasible.front()->total_cost() > *options_.budget) {
      std::snprintf(text, sizeof text,
                    "the cheapest DELIVERABLE combination costs %.0f, over the budget of %.0f",
                    feasible.front()->total_cost(), *options_.budget);
      out.why_not = text;
    } else {
      std::snprintf(text, sizeof text,
                    "%zu combination(s) DELIVERABLE in screening failed their confirmation on "
                    "fresh replications",
                    tried);
      out.why_not = text;
    }
  }

  // Pairs screened with a <= b on every lever where a met the targets significantly more often
  // than b on the replications they share.
  void check_reversals(OptimiseResult& out) {
    for (std::size_t x = 0; x < order_.size(); ++x)
      for (std::size_t y = 0; y < order_.size(); ++y) {
        if (x == y) continue;
        const LeverPoint& a = order_[x];
        const LeverPoint& b = order_[y];
        if (!no_more_than(a, b)) continue;
        const auto& oa = screened_.at(a).outcomes;
        const auto& ob = screened_.at(b).outcomes;
        std::size_t n = std::min(oa.size(), ob.size());
        std::uint64_t only_a = 0, only_b = 0;
        for (std::size_t k = 0; k < n; ++k) {
          if (oa[k].met && !ob[k].met) ++only_a;
          if (ob[k].met && !oa[k].met) ++only_b;
        }
        std::uint64_t discordant = only_a + only_b;
        if (discordant == 0 || only_a <= only_b) continue;
        // P(X >= only_a) for X ~ Binomial(discordant, 1/2): how surprising if b is no worse.
        boost::math::binomial_distribution<double> even(static_cast<double>(discordant), 0.5);
        double p = boost::math::cdf(boost::math::complement(even, only_a - 1.0));
        if (p < kReversalLevel) {
          char text[128];
          std::snprintf(text, sizeof text, " (%llu vs %llu of %zu replications, p = %.2g)",
                        static_cast<unsigned long long>(only_a),
                        static_cast<unsigned long long>(only_b), n, p);
          out.monotonicity_reversals.push_back(describe_point(levers_, a) + " met every target " +
                                               "more often than " + describe_point(levers_, b) +
                                               text);
        }
      }
  }

  void finish(OptimiseResult& out) {
    for (const LeverPoint& p : order_) out.evaluated.push_back(screened_.at(p).result);
    check_reversals(out);
    for (const std::string& f : inference_failures_) out.monotonicity_reversals.push_back(f);
    out.replications = replications_;
  }

  const std::vector<SearchLever>& levers_;
  OptimiserModel& model_;
  const OptimiserOptions& options_;
  LookSchedule screening_;
  std::map<LeverPoint, Screening> screened_;
  std::vector<LeverPoint> order_;
  std::vector<ReplicationOutcome> baseline_, fresh_baseline_;
  std::vector<std::string> inference_failures_;
  std::uint64_t replications_ = 0;
};

}  // namespace

std::string describe_point(const std::vector<SearchLever>& levers, const LeverPoint& point) {
  std::string out;
  for (std::size_t i = 0; i < levers.size() && i < point.size(); ++i) {
    char value[32];
    std::snprintf(value, sizeof value, "%g", levers[i].values[point[i]]);
    out += (i ? ", " : "") + levers[i].name + "=" + value;
  }
  return out;
}

OptimiseResult optimise(const std::vector<SearchLever>& levers, OptimiserModel& model,
                        const OptimiserOptions& options) {
  SURGE_CHECK(!levers.empty(), "optimise: no levers");
  for (const SearchLever& l : levers)
    SURGE_CHECK(!l.values.empty(), "optimise: a lever without values");
  return Search(levers, model, options).run();
}

}  // namespace surge
