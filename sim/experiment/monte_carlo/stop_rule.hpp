#pragma once
// When a Monte Carlo run has replicated enough. Three rules (docs/experiments.md):
//   - a fixed count (--reps N);
//   - precision: add batches until every 95% CI half-width is small enough (--precision P),
//     at most a cap (--max-reps);
//   - sequential looks: stop at the first look that settles the verdict
//     (sequential_verdict.hpp), at most a cap.
// The runner asks the rule for the next replication count, runs up to it (replication_pool.hpp)
// and asks again, until the rule says stop. A rule judges only what was aggregated, in
// replication order, so a resumed run, which starts with the journal's replications, stops
// exactly where the uninterrupted one would have.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "surge/experiment/monte_carlo/monte_carlo.hpp"

namespace surge {

class StopRule {
 public:
  virtual ~StopRule() = default;
  // The replication count to reach before asking again, given `so_far` (which may already hold
  // more, from a journal); nullopt: stop now. A rule records how it stopped in `so_far`
  // (McResult::sequential, McResult::precision).
  virtual std::optional<std::uint64_t> next_count(McResult& so_far) = 0;
};

// The rule McOptions asks for: precision > 0 wins over until_settled, which wins over the
// fixed count. `required_confidence` is the scenario's (targets.confidence), what a look
// judges against.
std::unique_ptr<StopRule> make_stop_rule(const McOptions& options, double required_confidence);

// True once every target probability and headline KPI has a 95% CI half-width within
// `precision` (absolute for probabilities, relative to the mean for KPIs). Fills the widest
// half-width of `record` (in those terms), what it is of, and whether it is relative.
bool precise_enough(const McResult& result, double precision,
                    McResult::Precision* record = nullptr);

}  // namespace surge
