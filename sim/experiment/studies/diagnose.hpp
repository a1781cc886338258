#pragma once
// `surge diagnose`: what would fix it if money were no object. The baseline runs as `surge mc`;
// then each constraint that bound in a failing replication is relaxed alone, on the same
// replications (common random numbers), and what it buys in P(every target met) is estimated
// with its paired interval. When no single relaxation makes the scenario deliverable, the best
// pairs are tried, then the best pair grown one relaxation at a time. Definitions in
// docs/experiments.md ("Diagnose").
#include <functional>
#include <string>
#include <vector>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"
#include "surge/experiment/monte_carlo/verdict.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/model/scenario.hpp"

namespace surge {

// A constraint to relax: its census name and kind (stock, station, agents, line, lane,
// supplier).
struct Candidate {
  std::string name, kind;
};

// The changes to the scenario's YAML tree that relax `c`: a stock point never short (initial
// stock 1e12 units), a station or agent pool with `unlimited` servers (its hourly staff cost
// dropped: unlimited servers cannot be paid by the hour), a line taking no time per unit, a
// lane without capacity at its shortest lead time, a supplier's product without capacity,
// disruptions (of the whole supplier) or lead time beyond its shortest. The plans and levers
// of the file are dropped too: the relaxed scenario is only run, and their paths may no longer
// apply to it. Throws InternalError if the scenario has no such constraint.
std::vector<TreeEdit> relaxation_edits(const Scenario& scenario, const Candidate& c);
// The scenario with every one of `relaxed` relaxed, made by editing its text
// (edit_scenario), so that the relaxed scenario travels as text like any other: MPI workers
// receive it with each run (experiment/monte_carlo/cluster.hpp) and run exactly what this
// process would.
Scenario relax(const Scenario& scenario, const std::vector<Candidate>& relaxed);

// Every constraint of `scenario` that can bind (docs/kpis.md, "Binding constraints"), in the
// census's order of kinds: stock points, stations and agent pools whose servers are not
// always unlimited, lines, lanes with a capacity, and suppliers' products with a capacity or
// disruptions.
std::vector<Candidate> constraints_that_can_bind(const Scenario& scenario);

struct Relaxation {
  std::vector<Candidate> relaxed;  // one, or two for a pair
  std::string name;                // "fc/pick" or "fc/pick + fc/widget"
  Verdict verdict;
  // P(every target met) relaxed minus baseline, paired by replication: mean and 95% interval.
  double gain = 0, gain_low = 0, gain_high = 0;
  std::vector<std::size_t> fixes;  // targets below the required confidence in the baseline
                                   // that reach it relaxed (indices into the scenario's)
  // The constraints that can bind and bound in a failing replication of the relaxed run (those
  // relaxed left out): what still holds the failing work up, including causes the relaxed ones
  // hid in the baseline.
  std::vector<Candidate> revealed;
};

struct Diagnosis {
  McResult baseline;
  Verdict baseline_verdict;
  std::vector<Candidate> candidates;  // bound in a failing baseline replication
  // Best first: by P(every target met), then targets fixed, then the targets' probabilities
  // summed.
  std::vector<Relaxation> singles;
  // The same order; only when no single one suffices (DELIVERABLE, or AT RISK with P at the
  // required confidence): each of the best kPairedCandidates singles with each other and with
  // every constraint revealed by its relaxed run (bound there in a failing replication).
  std::vector<Relaxation> pairs;
  // When no pair suffices either: the best pair grown by one constraint at a time (the best
  // each step; the candidates and what the best so far reveals), until it suffices, none is
  // left, or a step buys nothing more.
  std::vector<Relaxation> growing;
};

// How many of the best single relaxations are combined in pairs (with each other and with
// what each reveals).
inline constexpr std::size_t kPairedCandidates = 4;

// `per_run` is called before each Monte Carlo run (the baseline, then each relaxation) with
// its index and the count known so far.
Diagnosis run_diagnosis(const Scenario& scenario, const McOptions& options,
                        const std::function<void(std::size_t run, std::size_t runs)>& per_run = {});

}  // namespace surge
