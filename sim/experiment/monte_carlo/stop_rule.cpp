#include "surge/experiment/monte_carlo/stop_rule.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "surge/experiment/monte_carlo/sequential_verdict.hpp"
#include "surge/kernel/error.hpp"

namespace surge {
namespace {

// --reps N: run N, then stop.
class FixedCount : public StopRule {
 public:
  explicit FixedCount(std::uint64_t count) : count_(count) {}
  std::optional<std::uint64_t> next_count(McResult&) override {
    if (asked_) return std::nullopt;
    asked_ = true;
    return count_;
  }

 private:
  std::uint64_t count_;
  bool asked_ = false;
};

// --precision P: at least `minimum`, then batches until precise enough or at the cap.
class Precision : public StopRule {
 public:
  explicit Precision(const McOptions& o)
      : precision_(o.precision),
        cap_(o.replications),
        minimum_(o.min_replications),
        batch_(o.batch) {}
  std::optional<std::uint64_t> next_count(McResult& so_far) override {
    std::uint64_t n = so_far.replications();
    if (!started_) {
      started_ = true;
      so_far.precision.used = true;
      so_far.precision.requested = precision_;
      so_far.precision.cap = cap_;
      return std::min(std::max(minimum_, n), cap_);
    }
    bool reached = precise_enough(so_far, precision_, &so_far.precision);
    so_far.precision.reached = reached;
    if (n >= cap_ || reached) return std::nullopt;
    return std::min(n + batch_, cap_);
  }

 private:
  double precision_;
  std::uint64_t cap_, minimum_, batch_;
  bool started_ = false;
};

// Looks at a fixed schedule: a resumed run passes the same looks as an uninterrupted one (it
// only went past a look because that look did not settle), so it stops at the same count.
class SequentialLooks : public StopRule {
 public:
  explicit SequentialLooks(const McOptions& o, double required)
      : schedule_(look_schedule(o.replications, o.first_look)),
        required_(required),
        journal_(o.journal) {}
  std::optional<std::uint64_t> next_count(McResult& so_far) override {
    auto& seq = so_far.sequential;
    if (!seq.used) {
      seq.used = true;
      seq.schedule = schedule_;
    }
    if (seq.looks_taken > 0) {
      std::uint64_t look = schedule_.looks[seq.looks_taken - 1];
      // Counted over exactly `look` replications, the only way to judge a look the same after
      // a resume that already holds more.
      std::uint64_t n = std::min<std::uint64_t>(look, so_far.rows.size()), met = 0;
      for (std::uint64_t r = 0; r < n; ++r) met += so_far.rows[r].deliverable ? 1 : 0;
      seq.settled = settled(look_interval(met, n, schedule_), required_);
      if (seq.settled) {
        // This run would have stopped here, so its own journal never holds more; one that
        // does was written by another build of surge, and the streaming summaries already
        // hold its extra replications.
        if (so_far.rows.size() > look)
          throw Error(journal_ + " holds " + std::to_string(so_far.rows.size()) +
                      " replications, but this run settles at " + std::to_string(look) +
                      ": it was not written by this build of surge; run again without --resume");
        return std::nullopt;
      }
    }
    if (seq.looks_taken >= schedule_.looks.size()) return std::nullopt;
    return schedule_.looks[seq.looks_taken++];
  }

 private:
  LookSchedule schedule_;
  double required_;
  std::string journal_;
};

}  // namespace

bool precise_enough(const McResult& r, double precision, McResult::Precision* record) {
  double n = static_cast<double>(r.replications());
  bool enough = true;
  double worst = 0;
  std::string worst_what;
  bool worst_relative = false;
  auto note = [&](double width, const std::string& what, bool relative) {
    if (!(width <= worst)) {  // NaN counts as the widest
      worst = width;
      worst_what = what;
      worst_relative = relative;
    }
  };
  auto probability = [&](double k, const std::string& what) {
    Interval ci = wilson_interval(k, n);
    double half = (ci.high - ci.low) / 2;
    if (!(half <= precision)) enough = false;
    note(half, what, false);
  };
  probability(static_cast<double>(r.deliverable), "P(deliverable)");
  for (std::size_t t = 0; t < r.target_met.size(); ++t)
    probability(
        static_cast<double>(r.target_met[t]),
        "P(" + (t < r.target_names.size() ? r.target_names[t] : "target " + std::to_string(t)) +
            ")");
  for (std::size_t k = 0; k < r.kpi_stats.size(); ++k) {
    const RunningStats& s = r.kpi_stats[k];
    if (s.count() < 2) continue;
    if (s.half_width() > precision * std::fabs(s.mean()) + 1e-12) enough = false;
    // Relative to the mean, as judged; a zero mean with any spread is as wide as can be.
    double relative = s.mean() != 0            ? s.half_width() / std::fabs(s.mean())
                      : s.half_width() > 1e-12 ? INFINITY
                                               : 0;
    note(relative, k < r.headline.size() ? r.headline[k].label : "KPI " + std::to_string(k), true);
  }
  if (record) {
    record->widest = worst;
    record->widest_what = worst_what;
    record->widest_relative = worst_relative;
  }
  return enough;
}

std::unique_ptr<StopRule> make_stop_rule(const McOptions& options, double required_confidence) {
  if (options.precision > 0) return std::make_unique<Precision>(options);
  if (options.until_settled) return std::make_unique<SequentialLooks>(options, required_confidence);
  return std::make_unique<FixedCount>(options.replications);
}

}  // namespace surge
