// Statistics of experiments checked against published values and direct computation.
#include "surge/experiment/monte_carlo/statistics.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "surge/kernel/random.hpp"

using namespace surge;

TEST_CASE("the Wilson interval matches published values", "[experiment][statistics]") {
  // 0 of 20: upper bound 0.1611 (Agresti and Coull 1998, 95%).
  Interval none = wilson_interval(0, 20);
  CHECK(none.low == Approx(0.0).margin(1e-12));
  CHECK(none.high == Approx(0.16113).epsilon(1e-4));
  // 15 of 20: [0.5313, 0.8881].
  Interval most = wilson_interval(15, 20);
  CHECK(most.low == Approx(0.53127).epsilon(1e-4));
  CHECK(most.high == Approx(0.88813).epsilon(1e-4));
  // Symmetry: k of n mirrors n - k of n.
  Interval a = wilson_interval(3, 40), b = wilson_interval(37, 40);
  CHECK(a.low == Approx(1 - b.high));
  CHECK(a.high == Approx(1 - b.low));
}

TEST_CASE("the Clopper-Pearson interval matches closed forms and its defining tails",
          "[experiment][statistics]") {
  // 0 of n and n of n have closed forms: (alpha/2)^(1/n).
  Interval none = clopper_pearson_interval(0, 20);
  CHECK(none.low == 0.0);
  CHECK(none.high == Approx(1 - std::pow(0.025, 1.0 / 20)).epsilon(1e-9));
  Interval all = clopper_pearson_interval(20, 20);
  CHECK(all.low == Approx(std::pow(0.025, 1.0 / 20)).epsilon(1e-9));
  CHECK(all.high == 1.0);
  // 15 of 20 at 95%: [0.5109, 0.9134] in the usual tables.
  Interval most = clopper_pearson_interval(15, 20);
  CHECK(most.low == Approx(0.50895).epsilon(1e-4));
  CHECK(most.high == Approx(0.91343).epsilon(1e-4));
  // The ends are where the binomial tails equal alpha/2, by direct summation.
  auto binomial_cdf = [](int k, int n, double p) {  // P(X <= k)
    double sum = 0;
    for (int i = 0; i <= k; ++i)
      sum += std::exp(std::lgamma(n + 1.0) - std::lgamma(i + 1.0) - std::lgamma(n - i + 1.0) +
                      i * std::log(p) + (n - i) * std::log1p(-p));
    return sum;
  };
  for (int k : {1, 7, 33, 49}) {
    Interval ci = clopper_pearson_interval(static_cast<std::uint64_t>(k), 50, 0.99);
    CHECK(1 - binomial_cdf(k - 1, 50, ci.low) == Approx(0.005).epsilon(1e-6));
    CHECK(binomial_cdf(k, 50, ci.high) == Approx(0.005).epsilon(1e-6));
  }
}

TEST_CASE("Student t and normal quantiles match tables", "[experiment][statistics]") {
  CHECK(student_t_quantile(0.975, 1) == Approx(12.7062).epsilon(1e-5));
  CHECK(student_t_quantile(0.975, 10) == Approx(2.228139).epsilon(1e-6));
  CHECK(student_t_quantile(0.975, 29) == Approx(2.045230).epsilon(1e-6));
  CHECK(student_t_quantile(0.995, 5) == Approx(4.032143).epsilon(1e-6));
  CHECK(student_t_quantile(0.5, 7) == Approx(0.0).margin(1e-9));
  CHECK(normal_quantile(0.975) == Approx(1.959964).epsilon(1e-6));
  CHECK(normal_quantile(0.05) == Approx(-1.644854).epsilon(1e-6));
}

TEST_CASE("running statistics equal the two-pass formulas", "[experiment][statistics]") {
  std::vector<double> xs{3.5, 1.25, 9.0, 4.0, 4.0, 7.75, -2.0};
  RunningStats s;
  for (double x : xs) s.add(x);
  double mean = 0;
  for (double x : xs) mean += x;
  mean /= static_cast<double>(xs.size());
  double ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  CHECK(s.count() == xs.size());
  CHECK(s.mean() == Approx(mean));
  CHECK(s.variance() == Approx(ss / static_cast<double>(xs.size() - 1)));
  CHECK(s.half_width() == Approx(student_t_quantile(0.975, 6) * std::sqrt(s.variance() / 7)));
}

TEST_CASE("streaming quantiles of a uniform sample lie within their order-statistic interval",
          "[experiment][statistics]") {
  // For n uniforms the sample p-quantile has sd sqrt(p(1-p)/n); P-square's estimate must lie
  // within 4 such sds of the true quantile (the estimator's own error is far smaller).
  RandomStream rng(2024);
  const int n = 20000;
  for (double p : {0.05, 0.25, 0.5, 0.75, 0.95}) {
    StreamingQuantile q(p);
    for (int i = 0; i < n; ++i) q.add(rng.uniform01());
    double sd = std::sqrt(p * (1 - p) / n);
    INFO("p = " << p);
    CHECK(std::fabs(q.value() - p) < 4 * sd);
  }
}

TEST_CASE("a streaming quantile of fewer than five values is exact", "[experiment][statistics]") {
  StreamingQuantile median(0.5);
  for (double x : {5.0, 1.0, 3.0}) median.add(x);
  CHECK(median.value() == 3.0);
}
