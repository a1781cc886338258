// The sequential verdict: its look schedule, its error guarantee on Bernoulli sequences of
// known probability, and a Monte Carlo run that stops by it (threads, resume, verdict).
#include "surge/experiment/monte_carlo/sequential_verdict.hpp"

#include <algorithm>
#include <boost/random/bernoulli_distribution.hpp>
#include <boost/random/mersenne_twister.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "experiment_support.hpp"
#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"
#include "surge/experiment/studies/comparison.hpp"
#include "surge/io/scenario_loader.hpp"

using namespace surge;

TEST_CASE("looks double from the first count and end at the cap", "[experiment][sequential]") {
  LookSchedule a = look_schedule(1000, 30);
  CHECK(a.looks == std::vector<std::uint64_t>{30, 60, 120, 240, 480, 1000});
  CHECK(a.confidence == Approx(1 - 0.05 / 6));
  CHECK(look_schedule(200, 30).looks == std::vector<std::uint64_t>{30, 60, 120, 200});
  CHECK(look_schedule(100, 30).looks == std::vector<std::uint64_t>{30, 60, 100});
  LookSchedule one = look_schedule(20, 30);  // a cap below the first look: one look, at the cap
  CHECK(one.looks == std::vector<std::uint64_t>{20});
  CHECK(one.confidence == Approx(0.95));
}

TEST_CASE("a look is settled only when its interval is wholly on one side",
          "[experiment][sequential]") {
  CHECK(settled({0.91, 0.99}, 0.9));
  CHECK(settled({0.90, 0.99}, 0.9));  // the lower end reaching the requirement is enough
  CHECK(settled({0.10, 0.899}, 0.9));
  CHECK_FALSE(settled({0.85, 0.95}, 0.9));
}

namespace {

// Runs the rule on one Bernoulli(p) sequence as run_monte_carlo does: the judgement at the
// first settled look, or AT RISK when no look settles.
Deliverability run_rule(double p, double required, const LookSchedule& s,
                        boost::random::mt19937_64& engine) {
  boost::random::bernoulli_distribution<> met(p);
  std::uint64_t n = 0, k = 0;
  for (std::uint64_t look : s.looks) {
    for (; n < look; ++n) k += met(engine) ? 1 : 0;
    Interval ci = look_interval(k, n, s);
    if (settled(ci, required)) return judge(ci, required);
  }
  return Deliverability::at_risk;
}

}  // namespace

TEST_CASE("the sequence of looks misjudges at most 5% of the time, at the worst p",
          "[experiment][sequential][statistical]") {
  // The worst cases sit at the requirement: p just below it must not be called DELIVERABLE,
  // p at it must not be called NOT DELIVERABLE. 4,000 sequences each (fixed seed); the claim
  // holds when the 99% Clopper-Pearson upper end of the observed error rate is below 5%.
  const double required = 0.9;
  const LookSchedule s = look_schedule(1000, 30);
  boost::random::mt19937_64 engine(20261123);
  const std::uint64_t sequences = 4000;
  std::uint64_t false_deliverable = 0, false_not = 0;
  for (std::uint64_t i = 0; i < sequences; ++i) {
    if (run_rule(0.8999, required, s, engine) == Deliverability::deliverable) ++false_deliverable;
    if (run_rule(0.9, required, s, engine) == Deliverability::not_deliverable) ++false_not;
  }
  CHECK(clopper_pearson_interval(false_deliverable, sequences, 0.99).high < 0.05);
  CHECK(clopper_pearson_interval(false_not, sequences, 0.99).high < 0.05);
}

TEST_CASE("clear cases settle at early looks", "[experiment][sequential]") {
  // A plan that always fails, or always succeeds, is settled at the first look that can
  // separate it from 0.9 (all 30 failing: CP upper end 0.16; all succeeding needs more).
  const LookSchedule s = look_schedule(1000, 30);
  boost::random::mt19937_64 engine(7);
  CHECK(run_rule(0.0, 0.9, s, engine) == Deliverability::not_deliverable);
  Interval none = look_interval(0, 30, s);
  CHECK(settled(none, 0.9));
  CHECK_FALSE(settled(look_interval(30, 30, s), 0.9));  // 30 of 30 is not yet enough for 0.9
  CHECK(settled(look_interval(60, 60, s), 0.9));
}

namespace {

bool same(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void require_same_run(const McResult& a, const McResult& b) {
  REQUIRE(a.rows.size() == b.rows.size());
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    REQUIRE(a.rows[r].fingerprint == b.rows[r].fingerprint);
    REQUIRE(a.rows[r].deliverable == b.rows[r].deliverable);
    for (std::size_t k = 0; k < a.rows[r].kpis.size(); ++k)
      REQUIRE(same(a.rows[r].kpis[k], b.rows[r].kpis[k]));
  }
  REQUIRE(a.sequential.looks_taken == b.sequential.looks_taken);
  REQUIRE(a.sequential.settled == b.sequential.settled);
}

// The small campaign scenario with 750 units at the start instead of 400: the baseline's
// P(deliverable) is near 0.88 and more_agents' near the required 0.8, so their looks straddle
// the requirement for a while; more_stock stays plainly deliverable.
Scenario near_requirement_scenario() {
  std::string text = testing::small_campaign_scenario();
  text.replace(text.find("initial: 400"), 12, "initial: 750");
  return load_scenario_text(text, "small.yaml");
}

}  // namespace

TEST_CASE("a Monte Carlo run stops at a look, the same one for any thread count and on resume",
          "[experiment][sequential]") {
  // With 750 units at the start P(deliverable) is near 0.88 against a required 0.8: close
  // enough that the first looks straddle the requirement, far enough to settle before the cap.
  Scenario s = near_requirement_scenario();
  McOptions options;
  options.replications = 600;
  options.until_settled = true;
  options.first_look = 30;
  options.threads = 1;
  McResult one = run_monte_carlo(s, options);
  options.threads = 2;
  McResult two = run_monte_carlo(s, options);
  require_same_run(one, two);

  const auto& looks = one.sequential.schedule.looks;
  REQUIRE(one.sequential.used);
  REQUIRE(one.sequential.looks_taken >= 2);  // the case this test is about: several looks
  CHECK(one.replications() == looks[one.sequential.looks_taken - 1]);
  Verdict v = make_verdict(s, one);
  CHECK_THAT(v.ci_method, Catch::Contains("Clopper-Pearson per look"));
  if (one.sequential.settled) {
    CHECK(v.judgement != Deliverability::at_risk);
  } else {
    CHECK(one.replications() == 600);
    CHECK(v.judgement == Deliverability::at_risk);
  }
  // No earlier look settled: the run only goes on past looks that straddle the requirement.
  for (std::size_t i = 0; i + 1 < one.sequential.looks_taken; ++i) {
    std::uint64_t met = 0;
    for (std::uint64_t r = 0; r < looks[i]; ++r) met += one.rows[r].deliverable ? 1 : 0;
    CHECK_FALSE(settled(look_interval(met, looks[i], one.sequential.schedule), s.confidence));
  }

  // Resumed from a journal cut after 45 replications (between the first two looks), it stops
  // at the same look with the same replications.
  auto dir = std::filesystem::temp_directory_path() / "surge_sequential_resume_test";
  std::filesystem::create_directories(dir);
  options.journal = (dir / "r.h5.journal").string();
  McResult whole = run_monte_carlo(s, options);
  require_same_run(one, whole);
  std::string bytes = testing::read_file(options.journal);
  testing::write_file(options.journal, bytes.substr(0, testing::journal_record_offset(bytes, 45)));
  options.resume = true;
  McResult resumed = run_monte_carlo(s, options);
  CHECK(resumed.resumed == 45);
  require_same_run(one, resumed);
  remove_journal(options.journal);
  std::filesystem::remove_all(dir);
}

TEST_CASE("in a comparison the baseline runs every replication and plans stop when settled",
          "[experiment][sequential][crn]") {
  // At 750 units more_agents sits near the required 0.8 (several looks); more_stock is plainly
  // deliverable (one look).
  Scenario s = near_requirement_scenario();
  McOptions options;
  options.replications = 600;
  options.threads = 2;
  PlanComparison c = run_comparison(s, options, /*settle=*/true);
  REQUIRE(c.outcomes.size() == 3);
  REQUIRE(c.outcomes[0].name == "baseline");
  // The baseline is exactly `surge mc --reps 600`: every replication, no sequential rule.
  CHECK_FALSE(c.outcomes[0].mc.sequential.used);
  require_same_run(run_monte_carlo(s, options), c.outcomes[0].mc);
  std::uint64_t shortest = options.replications, longest = 0;
  for (std::size_t i = 1; i < c.outcomes.size(); ++i) {
    const PlanOutcome& plan = c.outcomes[i];
    const auto& looks = plan.mc.sequential.schedule.looks;
    std::uint64_t n = plan.mc.replications();
    shortest = std::min(shortest, n);
    longest = std::max(longest, n);
    CHECK(plan.mc.sequential.used);
    CHECK(std::find(looks.begin(), looks.end(), n) != looks.end());
    // Every replication of the plan is paired with the baseline's.
    CHECK(plan.deliverable_difference.count() == n);
  }
  CHECK(shortest < longest);  // the case this test is about: plans of different lengths
  CHECK(longest < options.replications);
  // The plans' results are those of a Monte Carlo run of the plan on its own.
  McOptions alone = options;
  alone.until_settled = true;
  McResult stock = run_monte_carlo(apply_plan(s, s.plans[0]), alone);
  require_same_run(stock, c.outcomes[1].mc);
}

TEST_CASE("the best case of a count says when DELIVERABLE is out of reach",
          "[experiment][sequential][verdict]") {
  // All n met: the Wilson lower end is n / (n + z^2); Clopper-Pearson's is (alpha / 2)^(1/n).
  const double z2 = 1.959963984540054 * 1.959963984540054;
  for (std::uint64_t n : {5u, 30u, 35u, 100u}) {
    auto nd = static_cast<double>(n);
    CHECK(best_case_interval(n, false).low == Approx(nd / (nd + z2)).epsilon(1e-9));
  }
  std::string method;
  // Caps up to 44 have one look (30 is within half a step of the cap), 100 has three.
  CHECK(best_case_interval(40, true, &method).low == Approx(std::pow(0.025, 1.0 / 40)));
  CHECK(method == "95% Clopper-Pearson, one look");
  CHECK(best_case_interval(100, true, &method).low ==
        Approx(std::pow(0.05 / 3 / 2, 1.0 / 100)).epsilon(1e-9));
  CHECK(method == "98.33% Clopper-Pearson per look, 3 looks");
  // At 0.90: 34 / (34 + z^2) = 0.8985 < 0.9 <= 35 / (35 + z^2); 0.025^(1/35) = 0.89998.
  CHECK(fewest_replications_to_deliver(0.9, false, 1, 1000) == 35);
  CHECK(fewest_replications_to_deliver(0.9, true, 1, 1000) == 36);
  CHECK(fewest_replications_to_deliver(0.9, false, 40, 1000) == 40);
  CHECK(fewest_replications_to_deliver(0.9999, false, 1, 1000) == 0);  // beyond the limit
}

TEST_CASE("a journal holding more replications than the settled look is refused on resume",
          "[experiment][sequential]") {
  // The small scenario fails in most replications: settled NOT DELIVERABLE at the first look
  // (30). A journal with this run's identity but 60 records cannot come from this build.
  Scenario s = load_scenario_text(testing::small_campaign_scenario(), "small.yaml");
  auto dir = std::filesystem::temp_directory_path() / "surge_sequential_foreign_journal";
  std::filesystem::create_directories(dir);
  McOptions settle;
  settle.replications = 200;
  settle.until_settled = true;
  settle.threads = 2;
  settle.journal = (dir / "settle.h5.journal").string();
  REQUIRE(run_monte_carlo(s, settle).replications() == 30);
  McOptions fixed = settle;
  fixed.replications = 60;
  fixed.until_settled = false;
  fixed.journal = (dir / "fixed.h5.journal").string();
  run_monte_carlo(s, fixed);
  // The settle run's header (magic, identity, checksum) over the fixed run's 60 records.
  const std::size_t header = testing::journal_record_offset("", 0);
  testing::write_file(settle.journal, testing::read_file(settle.journal).substr(0, header) +
                                          testing::read_file(fixed.journal).substr(header));
  settle.resume = true;
  CHECK_THROWS_WITH(run_monte_carlo(s, settle),
                    Catch::Contains("holds 60 replications, but this run settles at 30") &&
                        Catch::Contains("run again without --resume"));
  std::filesystem::remove_all(dir);
}
