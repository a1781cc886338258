// The search of `surge optimise` (experiment/studies/optimiser.hpp) on synthetic models whose
// answer is known by construction. Each replication draws one uniform per lever from its own
// stream (common random numbers: the same draws for every combination), and a combination
// meets its targets when every draw is below that lever's success probability at its value.
#include "surge/experiment/studies/optimiser.hpp"

#include <catch2/catch.hpp>
#include <functional>
#include <string>
#include <vector>

#include "surge/experiment/monte_carlo/sequential_verdict.hpp"
#include "surge/kernel/random.hpp"

namespace surge {
namespace {

using Probability = std::function<double(const std::vector<double>& values)>;

class SyntheticModel : public OptimiserModel {
 public:
  SyntheticModel(std::vector<SearchLever> levers, Probability p, std::vector<double> base,
                 double cost_per_unit_run = 0)
      : levers_(std::move(levers)),
        p_(std::move(p)),
        base_(std::move(base)),
        cost_per_unit_run_(cost_per_unit_run) {}

  std::vector<ReplicationOutcome> run(const LeverPoint& point, std::uint64_t first,
                                      std::uint64_t count) override {
    std::vector<double> values;
    for (std::size_t i = 0; i < point.size(); ++i) values.push_back(levers_[i].values[point[i]]);
    return outcomes(values, first, count);
  }
  std::vector<ReplicationOutcome> run_baseline(std::uint64_t first, std::uint64_t count) override {
    return outcomes(base_, first, count);
  }
  std::uint64_t parallelism() const override { return workers; }
  std::uint64_t calls = 0;
  std::uint64_t workers = 1;  // what parallelism() says: only the batches may depend on it
  // When set, a replication's modelled cost (before its noise) instead of the cost per unit.
  std::function<double(const std::vector<double>& values)> cost_of;
  // Replications from this index on behave as if every probability were this much lower
  // (to make confirmations on fresh replications fail).
  std::uint64_t fresh_from = ~0ull;
  double fresh_penalty = 0;

 private:
  std::vector<ReplicationOutcome> outcomes(const std::vector<double>& values, std::uint64_t first,
                                           std::uint64_t count) {
    ++calls;
    std::vector<ReplicationOutcome> out;
    double p = p_(values);
    for (std::uint64_t r = first; r < first + count; ++r) {
      RandomStream draw(11, r, "synthetic", "met");
      double threshold = r >= fresh_from ? p - fresh_penalty : p;
      double cost = 0;
      for (double v : values) cost += v * cost_per_unit_run_;
      if (cost_of) cost = cost_of(values);
      RandomStream noise(11, r, "synthetic", "cost");
      out.push_back({draw.uniform01() < threshold, cost + noise.uniform01()});
    }
    return out;
  }
  std::vector<SearchLever> levers_;
  Probability p_;
  std::vector<double> base_;
  double cost_per_unit_run_;
};

std::vector<double> range(int from, int to) {
  std::vector<double> v;
  for (int x = from; x <= to; ++x) v.push_back(x);
  return v;
}

double step(double value, double threshold) { return value >= threshold ? 0.999 : 0.5; }

TEST_CASE("two independent desks get the fewest agents each needs") {
  std::vector<SearchLever> levers = {{"desk_a", range(1, 12), 3, 0},
                                     {"desk_b", range(1, 12), 3, 0}};
  // desk a needs 5 agents, desk b 7; agents cost 10 per run each (modelled cost).
  SyntheticModel model(
      levers, [](const std::vector<double>& v) { return step(v[0], 5) * step(v[1], 7); }, {3, 3},
      10);
  OptimiserOptions options;
  OptimiseResult r = optimise(levers, model, options);
  REQUIRE(r.found);
  CHECK(describe_point(levers, r.chosen.point) == "desk_a=5, desk_b=7");
  CHECK(r.confirmation.deliverable());
  CHECK(r.confirmation.replications >= 30);
  // Paired modelled change: (5 + 7 - 3 - 3) agents at 10 each; the noise pairs away exactly.
  CHECK(r.chosen.modelled_cost_change == Approx(60).margin(1e-9));
  CHECK(r.monotonicity_reversals.empty());
  // Every lever a step lower is screened and settled not deliverable.
  for (const CandidateResult& c : r.evaluated) {
    std::string d = describe_point(levers, c.point);
    if (d == "desk_a=4, desk_b=7" || d == "desk_a=5, desk_b=6")
      CHECK(c.judgement == Deliverability::not_deliverable);
  }
  CHECK(r.replications > 0);
}

TEST_CASE("exchanges find the cheaper mix of two levers that substitute for each other") {
  // Delivery needs a + b >= 8; a unit of a costs 1, a unit of b costs 3: the cheapest is a = 6
  // (its largest value), b = 2, though the descent alone stops at a = 2, b = 6.
  std::vector<SearchLever> levers = {{"a", range(0, 6), 0, 1}, {"b", range(0, 6), 0, 3}};
  SyntheticModel model(levers, [](const std::vector<double>& v) { return step(v[0] + v[1], 8); },
                       {0, 0});
  OptimiseResult r = optimise(levers, model, OptimiserOptions{});
  REQUIRE(r.found);
  CHECK(describe_point(levers, r.chosen.point) == "a=6, b=2");
  CHECK(r.chosen.fixed_cost == Approx(12));
  REQUIRE_FALSE(r.runners_up.empty());
  CHECK(r.runners_up.front().total_cost() >= r.chosen.total_cost());
}

TEST_CASE("a lever whose modelled cost falls as it rises is searched from its cheapest value") {
  // Only b decides delivery (b >= 3); more of a lowers the modelled cost (as a pre-build order
  // can save more than it costs). The cheapest plan is a = 6, b = 3 (cost 55). Descending a to
  // its lowest deliverable value (0) and b from there would end at a = 0, b = 3 (cost 115),
  // and the cheapest point screened on that path is a = 6, b = 6 (cost 70).
  std::vector<SearchLever> levers = {{"a", range(0, 6), 0, 0}, {"b", range(0, 6), 0, 0}};
  SyntheticModel model(levers, [](const std::vector<double>& v) { return step(v[1], 3); }, {0, 0});
  model.cost_of = [](const std::vector<double>& v) { return 100 - 10 * v[0] + 5 * v[1]; };
  OptimiseResult r = optimise(levers, model, OptimiserOptions{});
  REQUIRE(r.found);
  CHECK(describe_point(levers, r.chosen.point) == "a=6, b=3");
}

TEST_CASE("an exchange whose screened steps say it cannot pay is not screened") {
  // Both levers deliver together (a + b >= 8) at the same fixed cost per unit: trading one for
  // the other never pays, and the steps below the descent's point show it, so no exchange
  // point beyond the descent and its neighbours is screened.
  std::vector<SearchLever> levers = {{"a", range(0, 6), 0, 2}, {"b", range(0, 6), 0, 2}};
  SyntheticModel model(levers, [](const std::vector<double>& v) { return step(v[0] + v[1], 8); },
                       {0, 0});
  OptimiseResult r = optimise(levers, model, OptimiserOptions{});
  REQUIRE(r.found);
  CHECK(r.chosen.total_cost() == Approx(16).margin(1e-9));
  for (const CandidateResult& c : r.evaluated) {
    INFO(describe_point(levers, c.point));
    // Raising either lever above the descent's a = 2, b = 6 would be an exchange's first step.
    CHECK_FALSE(c.point == LeverPoint{3, 5});
  }
}

TEST_CASE("when even the largest values do not deliver, the search says so and shows them") {
  std::vector<SearchLever> levers = {{"a", range(0, 4), 0, 1}};
  SyntheticModel model(levers, [](const std::vector<double>&) { return 0.5; }, {0});
  OptimiseResult r = optimise(levers, model, OptimiserOptions{});
  CHECK_FALSE(r.found);
  CHECK(describe_point(levers, r.chosen.point) == "a=4");
  CHECK(r.chosen.judgement == Deliverability::not_deliverable);
  CHECK_THAT(r.why_not, Catch::Contains("largest value") && Catch::Contains("a=4"));
  CHECK(r.evaluated.size() == 1);
}

TEST_CASE(
    "a plan that fails on fresh replications is not returned and the next cheapest is tried") {
  std::vector<SearchLever> levers = {{"a", range(0, 6), 0, 1}};
  SyntheticModel model(levers, [](const std::vector<double>& v) { return step(v[0], 3); }, {0});
  OptimiserOptions options;
  // On fresh replications a = 3 only meets its targets half the time; a = 4 and more still do.
  model.fresh_from = options.confirm_first;
  model.fresh_penalty = 0;
  OptimiseResult plain = optimise(levers, model, options);
  REQUIRE(plain.found);
  CHECK(describe_point(levers, plain.chosen.point) == "a=3");

  SyntheticModel harder(
      levers,
      [](const std::vector<double>& v) { return v[0] >= 3 ? (v[0] >= 4 ? 0.999 : 0.998) : 0.5; },
      {0});
  harder.fresh_from = options.confirm_first;
  harder.fresh_penalty = 0.4;  // fresh: a = 3 -> 0.598, a = 4 -> 0.599: every confirmation fails
  OptimiseResult r = optimise(levers, harder, options);
  CHECK_FALSE(r.found);
  CHECK(r.confirmations_failed.size() >= 1);
  CHECK_THAT(r.why_not, Catch::Contains("failed their confirmation"));
}

TEST_CASE("a budget below the cheapest deliverable plan is reported, not ignored") {
  std::vector<SearchLever> levers = {{"a", range(0, 6), 0, 100}};
  SyntheticModel model(levers, [](const std::vector<double>& v) { return step(v[0], 3); }, {0});
  OptimiserOptions options;
  options.budget = 250;
  OptimiseResult r = optimise(levers, model, options);
  CHECK_FALSE(r.found);
  CHECK_THAT(r.why_not, Catch::Contains("costs 300") && Catch::Contains("budget of 250"));
}

TEST_CASE("monotonicity is checked, not assumed: reversals and set-aside plans are reported") {
  // Less of lever b helps here (a >= 1 suffices when b <= 1): the descent sets a = 1 and a = 2
  // aside at b = 3 and ends at a = 3, b = 0; the check of single steps down finds a = 2, b = 0
  // deliverable, and the descent restarted from it reaches a = 1, b = 0, which the search
  // returns. Screened pairs ordered on both levers whose lower member met the targets more
  // often are reported as reversals.
  std::vector<SearchLever> levers = {{"a", range(0, 3), 0, 1}, {"b", range(0, 3), 0, 1}};
  SyntheticModel model(levers,
                       [](const std::vector<double>& v) {
                         return v[0] >= 3 || (v[0] >= 1 && v[1] <= 1) ? 0.999 : 0.3;
                       },
                       {0, 0});
  OptimiseResult r = optimise(levers, model, OptimiserOptions{});
  REQUIRE(r.found);
  CHECK(describe_point(levers, r.chosen.point) == "a=1, b=0");
  bool set_aside = false, reversal = false;
  for (const std::string& s : r.monotonicity_reversals) {
    set_aside = set_aside || s == "a=2, b=0 is DELIVERABLE although the descent had set it aside";
    reversal = reversal || s.find("a=1, b=0 met every target more often than a=1, b=3") == 0;
  }
  CHECK(set_aside);
  CHECK(reversal);
}

TEST_CASE("a screening stops once it can no longer end DELIVERABLE by its cap") {
  // a = 1 meets the targets 70% of the time: at 120 replications it would stay AT RISK, but
  // after an early look so few have met that even all the rest could not clear 0.9 at the cap.
  std::vector<SearchLever> levers = {{"a", range(0, 2), 0, 1}};
  SyntheticModel model(levers, [](const std::vector<double>& v) { return v[0] >= 2 ? 0.999 : 0.7; },
                       {0});
  OptimiserOptions options;
  options.screening_cap = 120;
  OptimiseResult r = optimise(levers, model, options);
  REQUIRE(r.found);
  CHECK(describe_point(levers, r.chosen.point) == "a=2");
  bool seen = false;
  for (const CandidateResult& c : r.evaluated) {
    if (describe_point(levers, c.point) != "a=1") continue;
    seen = true;
    CHECK_FALSE(c.deliverable());
    INFO("met " << c.met << " of " << c.replications);
    CHECK(c.replications < 120);
    // Curtailed, not settled: the interval still straddles the requirement...
    CHECK(c.ci.low < 0.9);
    CHECK(c.ci.high >= 0.9);
    // ...and all the replications to the cap met could not have made it DELIVERABLE.
    LookSchedule looks = look_schedule(120, options.first_look, options.family_confidence);
    CHECK(look_interval(c.met + (120 - c.replications), 120, looks).low < 0.9);
  }
  CHECK(seen);
}

TEST_CASE("between looks a screening stops as soon as it has missed more than its cap allows") {
  // a = 1 meets the targets 85% of the time: after the first look (30) it is still possible
  // for it to end DELIVERABLE at 120, so it runs on, in batches no larger than could make it
  // hopeless, and stops at the replication where its misses pass what the cap allows.
  std::vector<SearchLever> levers = {{"a", range(0, 2), 0, 1}};
  const double p_a1 = 0.85;
  SyntheticModel model(levers,
                       [&](const std::vector<double>& v) { return v[0] >= 2 ? 0.999 : p_a1; }, {0});
  OptimiserOptions options;
  OptimiseResult r = optimise(levers, model, options);
  REQUIRE(r.found);
  CHECK(describe_point(levers, r.chosen.point) == "a=2");
  LookSchedule looks =
      look_schedule(options.screening_cap, options.first_look, options.family_confidence);
  std::uint64_t allowed = 0;  // misses the cap allows, worked out from the looks' interval
  while (look_interval(120 - (allowed + 1), 120, looks).low >= 0.9) ++allowed;
  // The replication whose miss makes a = 1 hopeless, from the model's own draws.
  std::uint64_t misses = 0, hopeless_at = 0;
  for (std::uint64_t k = 0; misses <= allowed; ++k) {
    RandomStream draw(11, k, "synthetic", "met");
    if (!(draw.uniform01() < p_a1)) ++misses;
    hopeless_at = k + 1;
  }
  REQUIRE(hopeless_at > 30);  // not already settled by the first look
  REQUIRE(hopeless_at < 120);
  bool seen = false;
  for (const CandidateResult& c : r.evaluated) {
    if (describe_point(levers, c.point) != "a=1") continue;
    seen = true;
    INFO("met " << c.met << " of " << c.replications << ", hopeless at " << hopeless_at);
    CHECK_FALSE(c.deliverable());
    CHECK(c.replications - c.met == allowed + 1);
    CHECK(c.replications == hopeless_at);  // what its batch ran beyond is not kept
  }
  CHECK(seen);
}

TEST_CASE("a step down that monotonicity rules out is screened only where the search stops") {
  // a delivers from 2 on whatever c is; c costs least at 2 (a pre-build order that saves more
  // than it costs). The descent ends at a = 2, c = 1, where a = 1 is ruled out by a = 1, c = 3
  // (screened, not DELIVERABLE, and with more of c): it is not screened there. Raising c to 2
  // pays by itself, and where the search stops, at a = 2, c = 2, every step down is screened,
  // the one monotonicity rules out (a = 1, c = 2) too.
  std::vector<SearchLever> levers = {{"a", range(0, 4), 0, 0}, {"c", range(0, 3), 0, 0}};
  SyntheticModel model(levers, [](const std::vector<double>& v) { return step(v[0], 2); }, {0, 0});
  model.cost_of = [](const std::vector<double>& v) {
    const double by_c[] = {100, 50, 0, 80};
    return 10 * v[0] + by_c[static_cast<int>(v[1])];
  };
  OptimiseResult r = optimise(levers, model, OptimiserOptions{});
  REQUIRE(r.found);
  CHECK(describe_point(levers, r.chosen.point) == "a=2, c=2");
  bool intermediate = false, final_step = false, rules_out = false;
  for (const CandidateResult& c : r.evaluated) {
    const std::string point = describe_point(levers, c.point);
    intermediate = intermediate || point == "a=1, c=1";
    final_step = final_step || point == "a=1, c=2";
    rules_out = rules_out || (point == "a=1, c=3" && !c.deliverable());
  }
  CHECK(rules_out);
  CHECK_FALSE(intermediate);
  CHECK(final_step);
  CHECK(r.monotonicity_reversals.empty());
}

TEST_CASE("the search takes the same path however the replications are batched") {
  std::vector<SearchLever> levers = {{"a", range(0, 8), 2, 5}, {"b", range(0, 8), 2, 1}};
  Probability p = [](const std::vector<double>& v) {
    return step(v[0], 4) * (v[1] >= 6 ? 0.999 : 0.85);
  };
  SyntheticModel one(levers, p, {2, 2});
  SyntheticModel two(levers, p, {2, 2});
  two.workers = 50;  // batches of at least 100 between looks instead of 8
  OptimiseResult a = optimise(levers, one, OptimiserOptions{});
  OptimiseResult b = optimise(levers, two, OptimiserOptions{});
  REQUIRE(a.evaluated.size() == b.evaluated.size());
  for (std::size_t i = 0; i < a.evaluated.size(); ++i) {
    CHECK(a.evaluated[i].point == b.evaluated[i].point);
    CHECK(a.evaluated[i].met == b.evaluated[i].met);
  }
  CHECK(a.replications == b.replications);
  CHECK(a.chosen.modelled_cost_change == b.chosen.modelled_cost_change);
  CHECK(a.confirmation.replications == b.confirmation.replications);
  CHECK(one.calls > two.calls);  // the batches did differ
  CHECK(describe_point(levers, a.chosen.point) == "a=4, b=6");
}

}  // namespace
}  // namespace surge
