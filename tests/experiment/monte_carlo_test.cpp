// Monte Carlo: identical for any thread count, paired across plans, resumable.
#include "surge/experiment/monte_carlo/monte_carlo.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "experiment_support.hpp"
#include "surge/experiment/monte_carlo/journal.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"
#include "surge/experiment/studies/comparison.hpp"
#include "surge/io/scenario_loader.hpp"

using namespace surge;

namespace {

// Bitwise equality of two doubles (NaN equals NaN): "identical" means identical bits.
bool same(double a, double b) { return std::memcmp(&a, &b, sizeof a) == 0; }

void require_identical(const McResult& a, const McResult& b) {
  REQUIRE(a.rows.size() == b.rows.size());
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    const auto &x = a.rows[r], &y = b.rows[r];
    REQUIRE(x.replication == y.replication);
    REQUIRE(x.fingerprint == y.fingerprint);
    REQUIRE(x.target_breaks == y.target_breaks);
    REQUIRE(x.census_bound == y.census_bound);
    REQUIRE(x.census_held == y.census_held);
    REQUIRE(x.target_met == y.target_met);
    for (std::size_t k = 0; k < x.kpis.size(); ++k) REQUIRE(same(x.kpis[k], y.kpis[k]));
    REQUIRE(x.scoped.size() == y.scoped.size());
    for (std::size_t k = 0; k < x.scoped.size(); ++k) REQUIRE(same(x.scoped[k], y.scoped[k]));
    for (std::size_t k = 0; k < x.inputs.size(); ++k) REQUIRE(same(x.inputs[k], y.inputs[k]));
  }
  REQUIRE(a.deliverable == b.deliverable);
  for (std::size_t k = 0; k < a.kpi_stats.size(); ++k) {
    REQUIRE(same(a.kpi_stats[k].mean(), b.kpi_stats[k].mean()));
    REQUIRE(same(a.kpi_stats[k].variance(), b.kpi_stats[k].variance()));
  }
  REQUIRE(a.bands.size() == b.bands.size());
  for (std::size_t i = 0; i < a.bands.size(); ++i)
    for (std::size_t q = 0; q < 5; ++q) REQUIRE(same(a.bands[i][q].value(), b.bands[i][q].value()));
}

}  // namespace

TEST_CASE("Monte Carlo results are bit-identical for one, two and five threads",
          "[experiment][mc]") {
  Scenario s = load_scenario_text(testing::small_campaign_scenario(), "small.yaml");
  McOptions options;
  options.replications = 12;
  options.threads = 1;
  McResult one = run_monte_carlo(s, options);
  options.threads = 2;
  McResult two = run_monte_carlo(s, options);
  options.threads = 5;
  McResult five = run_monte_carlo(s, options);
  require_identical(one, two);
  require_identical(one, five);
  CHECK(one.replications() == 12);
  CHECK(one.input_names == std::vector<std::string>{"campaigns.promo.uplift"});
  // The drawn uplift lies in its distribution's support and differs between replications.
  CHECK(one.rows[0].inputs[0] >= 1.5);
  CHECK(one.rows[0].inputs[0] <= 3.5);
  CHECK(one.rows[0].inputs[0] != one.rows[1].inputs[0]);
}

TEST_CASE("plans share random numbers: a change at the desk leaves demand untouched",
          "[experiment][crn]") {
  Scenario s = load_scenario_text(testing::small_campaign_scenario(), "small.yaml");
  McOptions options;
  options.replications = 8;
  PlanComparison c = run_comparison(s, options, /*settle=*/false);
  REQUIRE(c.outcomes.size() == 3);
  const McResult& base = c.outcomes[0].mc;
  const McResult& agents = c.outcomes[2].mc;  // more_agents
  std::size_t demand = 0;
  while (base.headline[demand].label != "run.demand_units" &&
         base.headline[demand].label != "run.fill_rate")
    ++demand;
  for (std::size_t r = 0; r < base.rows.size(); ++r) {
    // Same uplift draw, same orders and same stock outcome: only the desk differs.
    CHECK(same(base.rows[r].inputs[0], agents.rows[r].inputs[0]));
    CHECK(same(base.rows[r].kpis[demand], agents.rows[r].kpis[demand]));
  }
  // The desk improves in every replication: a paired difference with no noise from demand.
  std::size_t sl = 0;
  while (base.headline[sl].label != "run.desk.service_level") ++sl;
  const RunningStats& diff = c.outcomes[2].difference[sl];
  CHECK(diff.count() == 8);
  CHECK(diff.mean() > 0);
}

TEST_CASE("a run resumed from a journal cut short by a kill equals the uninterrupted run",
          "[experiment][resume]") {
  Scenario s = load_scenario_text(testing::small_campaign_scenario(), "small.yaml");
  auto dir = std::filesystem::temp_directory_path() / "surge_resume_test";
  std::filesystem::create_directories(dir);
  std::string journal = (dir / "r.h5.journal").string();
  McOptions options;
  options.replications = 10;
  options.threads = 2;
  options.journal = journal;
  McResult whole = run_monte_carlo(s, options);

  // Keep the header, four records and part of the fifth: what a kill mid-write leaves.
  std::string bytes = testing::read_file(journal);
  std::size_t at = testing::journal_record_offset(bytes, 4);
  std::ofstream out(journal, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(at + 20));
  out.close();

  options.resume = true;
  McResult resumed = run_monte_carlo(s, options);
  CHECK(resumed.resumed == 4);
  require_identical(whole, resumed);

  // A journal of other settings is refused rather than mixed in.
  options.replications = 11;
  CHECK_THROWS_WITH(run_monte_carlo(s, options),
                    Catch::Contains("different scenario or different settings"));
  remove_journal(journal);
  CHECK_THROWS_WITH(run_monte_carlo(s, options), Catch::Contains("nothing to resume"));
}

TEST_CASE("a journal with a flipped byte resumes to the uninterrupted result, rerunning the rest",
          "[experiment][resume]") {
  Scenario s = load_scenario_text(testing::small_campaign_scenario(), "small.yaml");
  auto dir = std::filesystem::temp_directory_path() / "surge_damaged_journal_test";
  std::filesystem::create_directories(dir);
  std::string journal = (dir / "r.h5.journal").string();
  McOptions options;
  options.replications = 10;
  options.threads = 2;
  options.journal = journal;
  McResult whole = run_monte_carlo(s, options);
  const std::string intact = testing::read_file(journal);

  struct Damage {
    const char* where;
    std::size_t record;  // the damaged record: replications before it are taken
    std::size_t byte;    // offset into the journal
  };
  std::size_t middle = testing::journal_record_offset(intact, 5);
  for (const Damage& d : {Damage{"a body byte of the middle record", 5, middle + 40},
                          Damage{"the length of the middle record", 5, middle + 1},
                          Damage{"the length's checksum of the middle record", 5, middle + 9},
                          Damage{"the body's checksum of the middle record", 5, middle + 17},
                          Damage{"the last byte of the last record", 9, intact.size() - 1}}) {
    INFO(d.where);
    std::string bytes = intact;
    bytes[d.byte] = static_cast<char>(bytes[d.byte] ^ 0x10);
    testing::write_file(journal, bytes);
    McOptions resume = options;
    resume.resume = true;
    McResult resumed = run_monte_carlo(s, resume);
    CHECK(resumed.resumed == d.record);
    CHECK_THAT(resumed.journal_damage, Catch::Contains("replication " + std::to_string(d.record)) &&
                                           Catch::Contains("run again"));
    require_identical(whole, resumed);
    // The damaged part was cut off and the rerun appended: the journal is whole again.
    CHECK(testing::read_file(journal) == intact);
  }

  // A damaged header is refused: nothing in the file can be trusted to be this run's.
  std::string header = intact;
  header[10] = static_cast<char>(header[10] ^ 0x01);  // inside the identity
  testing::write_file(journal, header);
  options.resume = true;
  CHECK_THROWS_WITH(run_monte_carlo(s, options),
                    Catch::Contains("header") && Catch::Contains("is damaged"));
  std::string magic = intact;
  magic[0] = 'X';
  testing::write_file(journal, magic);
  CHECK_THROWS_WITH(run_monte_carlo(s, options), Catch::Contains("is not a Surge journal"));
  std::string old = intact;
  old[6] = '1';  // the magic of format 1, without checksums
  testing::write_file(journal, old);
  CHECK_THROWS_WITH(run_monte_carlo(s, options), Catch::Contains("older Surge"));
  remove_journal(journal);
  std::filesystem::remove_all(dir);
}

TEST_CASE("an internal error discards the journals of the process, a finished one is forgotten",
          "[experiment][resume]") {
  Scenario s = load_scenario_text(testing::small_campaign_scenario(), "small.yaml");
  auto dir = std::filesystem::temp_directory_path() / "surge_discard_journal_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  McOptions options;
  options.replications = 3;
  options.journal = (dir / "a.h5.journal").string();
  run_monte_carlo(s, options);
  options.journal = (dir / "b.h5.journal").string();
  run_monte_carlo(s, options);
  remove_journal((dir / "a.h5.journal").string());  // a's result was written
  testing::write_file((dir / "a.h5.journal").string(), "a file of the same name, not ours now");
  REQUIRE(std::filesystem::exists(dir / "b.h5.journal"));
  discard_journals();
  CHECK_FALSE(std::filesystem::exists(dir / "b.h5.journal"));
  CHECK(std::filesystem::exists(dir / "a.h5.journal"));  // forgotten once removed
  std::filesystem::remove_all(dir);
}

TEST_CASE("precision mode stops once the intervals are narrow enough, whatever the threads",
          "[experiment][mc]") {
  Scenario s = load_scenario_text(testing::small_campaign_scenario(), "small.yaml");
  McOptions options;
  options.replications = 400;  // cap
  options.precision = 0.2;
  options.min_replications = 10;
  options.batch = 10;
  options.threads = 1;
  McResult a = run_monte_carlo(s, options);
  options.threads = 2;
  McResult b = run_monte_carlo(s, options);
  require_identical(a, b);
  CHECK(a.replications() % 10 == 0);
  Verdict v = make_verdict(s, a);
  CHECK((v.ci.high - v.ci.low) / 2 <= 0.2);
}

TEST_CASE("the verdict judges the Wilson interval against the required confidence",
          "[experiment][verdict]") {
  CHECK(judge({0.91, 0.99}, 0.9) == Deliverability::deliverable);
  CHECK(judge({0.85, 0.95}, 0.9) == Deliverability::at_risk);
  CHECK(judge({0.50, 0.89}, 0.9) == Deliverability::not_deliverable);
}

TEST_CASE("a study's points get their own journals, resumed only where the study got to",
          "[experiment]") {
  auto dir = std::filesystem::temp_directory_path() / "surge_point_journal_test";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  McOptions study;
  study.journal = (dir / "out.h5.journal").string();
  study.resume = true;
  CHECK(point_journal(study.journal, 3) == study.journal + ".3");
  std::ofstream(study.journal + ".0") << "x";  // point 0 was reached, point 1 was not
  McOptions reached = point_options(study, 0), fresh = point_options(study, 1);
  CHECK(reached.journal == study.journal + ".0");
  CHECK(reached.resume);
  CHECK(fresh.journal == study.journal + ".1");
  CHECK_FALSE(fresh.resume);
  study.resume = false;
  CHECK_FALSE(point_options(study, 0).resume);  // no --resume: every point starts over
  McOptions none;                               // no output file, so no journal at all
  CHECK(point_journal(none.journal, 2).empty());
  CHECK(point_options(none, 2).journal.empty());
  std::filesystem::remove_all(dir);
}
