#pragma once
// Probability distributions of the scenario format. Parameters are stored in internal units
// (hours for durations), already converted by the loader. Sampling uses Boost.Random so a
// seed gives the same numbers on every platform.
#include <string>
#include <vector>

#include "surge/kernel/random.hpp"
#include "surge/model/declaration.hpp"

namespace surge {

class ParamReader;

enum class DistKind {
  constant,
  exponential,
  uniform,
  triangular,
  normal,
  lognormal,
  gamma,
  empirical
};

const char* to_string(DistKind kind);

class Distribution {
 public:
  Distribution() = default;  // constant 0

  static Distribution constant(double value);
  static Distribution exponential(double mean);
  static Distribution uniform(double min, double max);
  static Distribution triangular(double min, double mode, double max);
  // Normal with this mean and sd of the underlying normal, truncated at 0 (redrawn until >= 0).
  static Distribution normal(double mean, double sd);
  static Distribution lognormal_mean_cv(double mean, double cv);
  static Distribution lognormal_median_p90(double median, double p90);
  static Distribution gamma_mean_cv(double mean, double cv);
  // Discrete: each value with its weight (weights need not sum to 1).
  static Distribution empirical(std::vector<double> values, std::vector<double> weights);

  double sample(RandomStream& stream) const;
  // Exact moments of what sample() returns (the truncated normal included).
  double mean() const;
  double variance() const;
  double max_value() const;  // an upper bound; infinity for unbounded tails
  double min_value() const;  // the smallest value a draw can take (0 for the open tails)

  DistKind kind() const { return kind_; }
  bool is_constant() const { return kind_ == DistKind::constant; }
  // Multiplies every draw by `factor` (used to convert units or scale lead times).
  Distribution scaled(double factor) const;
  std::string describe() const;

 private:
  DistKind kind_ = DistKind::constant;
  double a_ = 0, b_ = 0, c_ = 0;  // meaning depends on kind_, see distribution.cpp
  std::vector<double> values_;
  std::vector<double> cumulative_;  // empirical: cumulative weights, last == 1
};

// The distributions of the scenario format, each declared once: its name (`dist`), its
// parameters with their bounds, the rules between them and how it is built. A scalar stands
// for a constant. Parameters are quantities: durations when the distribution is of durations
// (lead times), plain numbers otherwise (order sizes, uplift); `cv` and `weights` are always
// plain. docs/scenario-reference.md, "Distributions".
const Family& distribution_family();
// Builds the `kind` distribution from a reader over its keys (already validated).
Distribution build_distribution(const std::string& kind, const ParamReader& reader);

}  // namespace surge
