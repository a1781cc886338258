// Loads a scenario with the installed library, runs one replication and prints the run's fill
// rate: proof that the headers (under surge/), the libraries and their dependencies install
// into something a user can build against.
#include <cmath>
#include <cstdio>
#include <exception>

#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/version.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: surge_consumer SCENARIO.yaml\n");
    return 2;
  }
  try {
    surge::Scenario scenario = surge::load_scenario_file(argv[1]);
    surge::RunResult result = surge::run_replication(scenario, 0);
    double fill_rate = result.kpi("run", "fill_rate");
    std::printf("surge %s: %s, %llu events, fill rate %.4f\n", SURGE_VERSION, scenario.name.c_str(),
                static_cast<unsigned long long>(result.events), fill_rate);
    return std::isfinite(fill_rate) && result.events > 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "surge_consumer: %s\n", e.what());
    return 1;
  }
}
