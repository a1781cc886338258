// `surge diagnose FILE`: the baseline's verdict and where it breaks, then what relaxing each
// binding constraint would buy (experiment/studies/diagnose.hpp), best first. Under mpirun the
// relaxed scenarios travel to the workers as text, like any run's (cluster.hpp).
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "surge/cli/commands.hpp"
#include "surge/cli/output_paths.hpp"
#include "surge/cli/progress.hpp"
#include "surge/cli/text_format.hpp"
#include "surge/cli/verdict_report.hpp"
#include "surge/experiment/studies/diagnose.hpp"
#include "surge/experiment/studies/study_output.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/metrics/targets.hpp"
#include "surge/version.hpp"

namespace surge {
namespace {

// What relaxing a constraint of this kind means, in a few words (docs/experiments.md).
std::string relaxation_words(const std::string& kind) {
  if (kind == "stock") return "never short";
  if (kind == "station") return "unlimited servers";
  if (kind == "agents") return "unlimited agents";
  if (kind == "line") return "no rate limit";
  if (kind == "lane") return "no capacity limit, shortest lead time";
  if (kind == "supplier") return "no capacity limit or outage, shortest lead time";
  return kind;
}

// One line: what was relaxed (beginning with the constraint's name), P(every target met) with
// its interval, the paired gain with its interval, the verdict and the targets it fixes.
void print_relaxation(std::ostream& out, const Scenario& s, const Relaxation& r,
                      std::size_t width) {
  std::string what;
  for (const Candidate& c : r.relaxed)
    what.append(what.empty() ? "" : " + ")
        .append(c.name)
        .append(" ")
        .append(relaxation_words(c.kind));
  const Verdict& v = r.verdict;
  out << "  " << pad(what, width)
      << fmt("  P %.3f [%.3f, %.3f]", v.probability, v.ci.low, v.ci.high)
      << fmt("  gain %+.3f [%+.3f, %+.3f]  ", r.gain, r.gain_low, r.gain_high)
      << to_string(v.judgement);
  if (!r.fixes.empty()) {
    out << "  fixes: ";
    for (std::size_t i = 0; i < r.fixes.size(); ++i)
      out << (i ? "; " : "") << target_label(s, s.targets[r.fixes[i]]);
  }
  out << "\n";
}

// The width of the widest relaxation's words, so that the figures line up.
std::size_t words_width(const std::vector<Relaxation>& list) {
  std::size_t width = 0;
  for (const Relaxation& r : list) {
    std::size_t w = 0;
    for (const Candidate& c : r.relaxed)
      w += c.name.size() + 1 + relaxation_words(c.kind).size() + (w ? 3 : 0);
    width = std::max(width, w);
  }
  return width;
}

void print_diagnosis(std::ostream& out, const Scenario& s, const Diagnosis& d) {
  out << "Surge " << SURGE_VERSION << " - " << s.name << "  (diagnose, seed " << s.seed << ")\n";
  const Verdict& base = d.baseline_verdict;
  out << "Baseline: " << d.baseline.replications() << " replications, " << to_string(base.judgement)
      << "  P(every target met) = "
      << fmt("%.3f  [%.3f, %.3f]", base.probability, base.ci.low, base.ci.high) << " ("
      << base.ci_method << "), required " << fmt("%.2f", s.confidence) << "\n";
  print_where_it_breaks(out, s, base);
  out << "\n";
  if (d.candidates.empty()) {
    out << "No constraint bound in a failing replication: nothing to relax"
        << (base.probability >= 1 ? " (every replication met every target)." : ".") << "\n";
    return;
  }
  out << "What each relaxation buys, alone, on the same " << d.baseline.replications()
      << " replications, best first\n(P: every target met, 95% Wilson; gain: paired difference "
         "from the baseline, 95% t)\n";
  const std::size_t singles = words_width(d.singles);
  for (const Relaxation& r : d.singles) print_relaxation(out, s, r, singles);
  if (!d.pairs.empty()) {
    const std::size_t top = std::min(kPairedCandidates, d.singles.size());
    out << "\nNo single relaxation suffices; pairs of the top " << top
        << " with each other and with what binds once each is relaxed, best first:\n";
    const std::size_t pairs = words_width(d.pairs);
    for (const Relaxation& r : d.pairs) print_relaxation(out, s, r, pairs);
  }
  if (!d.growing.empty()) {
    out << "\nNo pair suffices; the best pair with one more relaxation at a time (the best each "
           "step):\n";
    const std::size_t growing = words_width(d.growing);
    for (const Relaxation& r : d.growing) print_relaxation(out, s, r, growing);
  }
}

}  // namespace

int diagnose_command(const ExperimentArgs& args) {
  if (args.reps > 0 && args.precision > 0)
    throw UsageError(
        "give either --reps N (a fixed count) or --precision P (until the intervals "
        "are that narrow, at most --max-reps), not both");
  if (args.max_reps > 0 && args.reps > 0)
    throw UsageError(
        "--max-reps caps --precision or the default run; with --reps N the count is N");
  Scenario scenario = load_scenario_file(args.scenario, args.sets, args.plans);
  if (scenario.targets.empty())
    throw UsageError(args.scenario +
                     " sets no targets: there is nothing to diagnose (add `targets:`, "
                     "docs/scenario-reference.md)");
  check_outputs({{"-o", args.output}}, {{"the scenario", args.scenario}});
  McOptions options;
  if (args.precision > 0) {
    options.replications = args.max_reps ? args.max_reps : kDefaultPrecisionCap;
  } else if (args.reps > 0) {
    options.replications = args.reps;
  } else {  // the baseline stops once its verdict is settled, as `surge mc` does
    options.until_settled = true;
    options.replications = args.max_reps ? args.max_reps : kDefaultSettleCap;
  }
  options.precision = args.precision;
  options.threads = args.threads;
  Progress progress("runs (baseline, then each relaxation)");
  Diagnosis diagnosis = run_diagnosis(
      scenario, options, [&](std::size_t run, std::size_t runs) { progress.update(run, runs); });
  progress.finish();
  if (!args.output.empty()) write_diagnosis_result(args.output, scenario, diagnosis);
  if (!args.quiet) {
    print_diagnosis(std::cout, scenario, diagnosis);
    if (!args.output.empty()) std::cout << "\nResults written to " << args.output << "\n";
  }
  return 0;
}

}  // namespace surge
