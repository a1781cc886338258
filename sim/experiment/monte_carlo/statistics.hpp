#pragma once
// The statistics of experiments: running moments, confidence intervals for means (Student t)
// and for proportions (Wilson score), and streaming quantiles (P-square). All deterministic
// given the order of the observations, which the experiment runners fix (replication order).
#include <array>
#include <cstdint>

namespace surge {

// Welford's running mean and variance: one pass, numerically stable.
class RunningStats {
 public:
  void add(double x);
  std::uint64_t count() const { return n_; }
  double mean() const { return mean_; }
  double variance() const;  // sample variance (n - 1); 0 for fewer than two values
  double sd() const;
  // Half-width of the two-sided confidence interval for the mean (Student t).
  double half_width(double confidence = 0.95) const;

 private:
  std::uint64_t n_ = 0;
  double mean_ = 0, m2_ = 0;
};

// Quantile of Student's t distribution with `dof` degrees of freedom (dof >= 1), p in (0, 1).
double student_t_quantile(double p, double dof);
// Quantile of the standard normal distribution.
double normal_quantile(double p);

struct Interval {
  double low = 0, high = 0;
};

// Wilson score interval for a proportion with `successes` out of `trials` at `confidence`.
// Chosen over the normal approximation because it stays inside [0, 1] and behaves at 0 and n.
Interval wilson_interval(double successes, double trials, double confidence = 0.95);

// Clopper-Pearson ("exact") interval: the p whose binomial tails put successes at the edge.
// Wider than Wilson, but its coverage is at least `confidence` for every p and n, which the
// sequential verdict (sequential_verdict.hpp) needs for a guarantee rather than an
// approximation.
Interval clopper_pearson_interval(std::uint64_t successes, std::uint64_t trials,
                                  double confidence = 0.95);

// Jain and Chlamtac's P-square estimator of one quantile: five markers, constant memory.
class StreamingQuantile {
 public:
  explicit StreamingQuantile(double p = 0.5) : p_(p) {}
  void add(double x);
  double value() const;
  std::uint64_t count() const { return n_; }

 private:
  double p_;
  std::uint64_t n_ = 0;
  std::array<double, 5> height_{}, position_{}, desired_{}, increment_{};
};

}  // namespace surge
