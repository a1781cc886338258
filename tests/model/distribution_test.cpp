// Statistical validation of the scenario distributions. Every tolerance is a 99.9% confidence
// interval computed from the theory and the sample size (z = 3.29), never from numbers seen in
// a run: with a fixed seed each check is deterministic, and a wrong formula or sampler shows up
// as a sample statistic outside its interval. The default run uses 10^5 draws per case; the
// [slow] variant repeats everything with 4*10^6 draws, where the intervals are 6x narrower.
#include "surge/model/distribution.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include "surge/kernel/random.hpp"
#include "surge/kernel/time.hpp"

namespace surge {
namespace {

constexpr double kZ = 3.29;  // two-sided 99.9%
constexpr std::uint64_t kSeed = 20241129;

struct Case {
  std::string name;
  Distribution dist;
};

// Every kind, with parameters of the size scenarios use (internal unit: hours).
std::vector<Case> all_cases() {
  return {
      {"exponential 4min", Distribution::exponential(4 * kMinute)},
      {"exponential 3min patience", Distribution::exponential(3 * kMinute)},
      {"uniform 1d-2d", Distribution::uniform(kDay, 2 * kDay)},
      {"triangular 1,2,6", Distribution::triangular(1, 2, 6)},
      {"triangular mode at min", Distribution::triangular(0, 0, 1)},
      {"triangular mode at max", Distribution::triangular(0, 1, 1)},
      {"normal 20d sd 2d (truncation negligible)", Distribution::normal(20 * kDay, 2 * kDay)},
      {"normal 0.2 sd 1 (truncation matters)", Distribution::normal(0.2, 1.0)},
      {"normal 0 sd 1 (half-normal)", Distribution::normal(0.0, 1.0)},
      {"lognormal mean 3min cv 0.5", Distribution::lognormal_mean_cv(3 * kMinute, 0.5)},
      {"lognormal mean 6min cv 0.8", Distribution::lognormal_mean_cv(6 * kMinute, 0.8)},
      {"lognormal median 3 p90 4.5", Distribution::lognormal_median_p90(3.0, 4.5)},
      {"gamma mean 2 cv 0.5", Distribution::gamma_mean_cv(2.0, 0.5)},
      {"gamma mean 1 cv 2 (shape < 1)", Distribution::gamma_mean_cv(1.0, 2.0)},
      {"empirical 1,2,5", Distribution::empirical({1, 2, 5}, {2, 5, 3})},
      {"empirical with a zero weight", Distribution::empirical({0, 10, 20, 30}, {1, 0, 1, 2})},
  };
}

std::vector<double> draw(const Distribution& d, std::size_t n, const std::string& purpose) {
  RandomStream stream(kSeed, 0, "distribution_test", purpose);
  std::vector<double> x(n);
  for (double& v : x) v = d.sample(stream);
  return x;
}

struct Moments {
  double mean = 0, var = 0, m4 = 0;  // sample mean, unbiased variance, 4th central moment
};

Moments moments(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  Moments m;
  for (double v : x) m.mean += v;
  m.mean /= n;
  double s2 = 0, s4 = 0;
  for (double v : x) {
    double d2 = (v - m.mean) * (v - m.mean);
    s2 += d2;
    s4 += d2 * d2;
  }
  m.var = s2 / (n - 1);
  m.m4 = s4 / n;
  return m;
}

// The fraction of draws <= q lies in the binomial confidence interval around p.
void check_cdf(const std::vector<double>& x, double q, double p, const char* what) {
  const double n = static_cast<double>(x.size());
  double below =
      static_cast<double>(std::count_if(x.begin(), x.end(), [&](double v) { return v <= q; })) / n;
  INFO(what << ": P(X <= " << q << ") expected " << p << ", sample " << below);
  CHECK(std::abs(below - p) <= kZ * std::sqrt(p * (1 - p) / n));
}

// (a) sample mean within mean +- z*sqrt(var/n); (b) sample variance within
// var +- z*sqrt((mu4 - var^2)/n), mu4 estimated from the sample.
void check_moments(const Case& c, std::size_t n) {
  const Distribution& d = c.dist;
  std::vector<double> x = draw(d, n, c.name);
  Moments m = moments(x);
  const double mu = d.mean(), var = d.variance();
  INFO(c.name << " (" << d.describe() << "), n = " << n);
  INFO("theory: mean " << mu << " var " << var << "; sample: mean " << m.mean << " var " << m.var
                       << " m4 " << m.m4);
  REQUIRE(std::isfinite(mu));
  REQUIRE(var > 0);
  CHECK(std::abs(m.mean - mu) <= kZ * std::sqrt(var / n));
  CHECK(std::abs(m.var - var) <= kZ * std::sqrt(std::max(m.m4 - var * var, 0.0) / n));

  // Every draw lies in the support.
  double lo = *std::min_element(x.begin(), x.end());
  double hi = *std::max_element(x.begin(), x.end());
  CHECK(lo >= 0.0);
  CHECK(lo >= d.min_value());
  CHECK(hi <= d.max_value());
}

void check_all_moments(std::size_t n) {
  for (const Case& c : all_cases()) check_moments(c, n);
}

void check_quantiles(std::size_t n) {
  {
    // (c) the lognormal given by median and p90 has them as its quantiles.
    auto d = Distribution::lognormal_median_p90(3.0, 4.5);
    auto x = draw(d, n, "quantiles lognormal");
    check_cdf(x, 3.0, 0.5, "lognormal median");
    check_cdf(x, 4.5, 0.9, "lognormal p90");
  }
  {
    auto d = Distribution::lognormal_median_p90(2 * kDay, 10 * kDay);  // wide: sigma ~ 1.26
    auto x = draw(d, n, "quantiles wide lognormal");
    check_cdf(x, 2 * kDay, 0.5, "wide lognormal median");
    check_cdf(x, 10 * kDay, 0.9, "wide lognormal p90");
  }
  {
    auto d = Distribution::exponential(2.0);
    auto x = draw(d, n, "quantiles exponential");
    check_cdf(x, 2.0, 1 - std::exp(-1.0), "exponential at its mean");
    check_cdf(x, 2.0 * std::log(10.0), 0.9, "exponential p90");
  }
  {
    auto d = Distribution::triangular(1, 2, 6);
    auto x = draw(d, n, "quantiles triangular");
    check_cdf(x, 2.0, 0.2, "triangular at its mode");      // (mode - min) / (max - min)
    check_cdf(x, 4.0, 1 - 4.0 / 20.0, "triangular at 4");  // 1 - (max-x)^2/((max-min)(max-mode))
  }
  {
    auto d = Distribution::uniform(1, 3);
    auto x = draw(d, n, "quantiles uniform");
    check_cdf(x, 1.5, 0.25, "uniform at 1.5");
  }
  {
    auto d =
        Distribution::normal(0.2, 1.0);  // P(X <= 1 | X >= 0) = (Phi(0.8) - Phi(-0.2)) / Phi(0.2)
    auto phi = [](double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); };
    auto x = draw(d, n, "quantiles truncated normal");
    check_cdf(x, 1.0, (phi(0.8) - phi(-0.2)) / (1 - phi(-0.2)), "truncated normal at 1");
    check_cdf(x, 0.0, 0.0, "truncated normal at 0");
  }
  {
    auto d = Distribution::empirical({1, 2, 5}, {2, 5, 3});
    auto x = draw(d, n, "quantiles empirical");
    check_cdf(x, 1.0, 0.2, "empirical P(1)");
    check_cdf(x, 2.0, 0.7, "empirical P(<=2)");
    CHECK(std::all_of(x.begin(), x.end(), [](double v) { return v == 1 || v == 2 || v == 5; }));
  }
}

}  // namespace

TEST_CASE("parameterisations give the moments they promise", "[model][distribution]") {
  auto rel = [](double v) { return Approx(v).epsilon(1e-12); };
  CHECK(Distribution::constant(3.5).mean() == 3.5);
  CHECK(Distribution::constant(3.5).variance() == 0);
  CHECK(Distribution::exponential(4.0).mean() == 4.0);
  CHECK(Distribution::exponential(4.0).variance() == 16.0);
  CHECK(Distribution::uniform(2, 8).mean() == 5.0);
  CHECK(Distribution::uniform(2, 8).variance() == 3.0);
  CHECK(Distribution::triangular(1, 2, 6).mean() == 3.0);
  CHECK(Distribution::triangular(1, 2, 6).variance() == rel((1 + 4 + 36 - 2 - 6 - 12) / 18.0));

  auto ln = Distribution::lognormal_mean_cv(6.0, 0.8);
  CHECK(ln.mean() == rel(6.0));
  CHECK(std::sqrt(ln.variance()) / ln.mean() == rel(0.8));
  auto g = Distribution::gamma_mean_cv(2.0, 0.5);
  CHECK(g.mean() == rel(2.0));
  CHECK(std::sqrt(g.variance()) / g.mean() == rel(0.5));

  // Truncation at 0 moves the mean up; far from 0 it does not.
  CHECK(Distribution::normal(480, 48).mean() == rel(480));
  CHECK(Distribution::normal(480, 48).variance() == rel(48 * 48));
  CHECK(Distribution::normal(0, 1).mean() == rel(std::sqrt(2 / M_PI)));  // half-normal
  CHECK(Distribution::normal(0, 1).variance() == rel(1 - 2 / M_PI));
  CHECK(Distribution::normal(0.2, 1).mean() > 0.8);

  auto e = Distribution::empirical({1, 2, 5}, {2, 5, 3});  // weights need not sum to 1
  CHECK(e.mean() == rel(0.2 * 1 + 0.5 * 2 + 0.3 * 5));
  CHECK(e.variance() == rel(0.2 * 1 + 0.5 * 4 + 0.3 * 25 - 2.7 * 2.7));
}

TEST_CASE("a constant always returns its value", "[model][distribution]") {
  auto d = Distribution::constant(2.5);
  CHECK(d.is_constant());
  RandomStream stream(1);
  for (int i = 0; i < 100; ++i) CHECK(d.sample(stream) == 2.5);
  CHECK(d.max_value() == 2.5);
  CHECK(Distribution().sample(stream) == 0.0);
}

TEST_CASE("sample mean and variance lie in their 99.9% confidence intervals",
          "[model][distribution]") {
  check_all_moments(100000);
}

TEST_CASE("sample mean and variance lie in their 99.9% confidence intervals, large n",
          "[model][distribution][slow]") {
  check_all_moments(4000000);
}

TEST_CASE("sample quantiles lie in their binomial confidence intervals", "[model][distribution]") {
  check_quantiles(100000);
}

TEST_CASE("sample quantiles lie in their binomial confidence intervals, large n",
          "[model][distribution][slow]") {
  check_quantiles(4000000);
}

TEST_CASE("truncation at 0 matters for a normal with mean near 0", "[model][distribution]") {
  // The sample mean is far outside the interval of the untruncated normal, and inside the
  // interval of the truncated one: the test above would catch a mean() that forgot truncation.
  auto d = Distribution::normal(0.2, 1.0);
  const std::size_t n = 100000;
  Moments m = moments(draw(d, n, "truncation"));
  CHECK(std::abs(m.mean - 0.2) > kZ * std::sqrt(1.0 / n) * 10);
  CHECK(std::abs(m.mean - d.mean()) <= kZ * std::sqrt(d.variance() / n));
}

TEST_CASE("the same seed gives the same draws", "[model][distribution]") {
  for (const Case& c : all_cases()) {
    INFO(c.name);
    CHECK(draw(c.dist, 200, "repeat") == draw(c.dist, 200, "repeat"));
  }
}

TEST_CASE("scaled() multiplies every draw, the mean and the variance", "[model][distribution]") {
  const double f = 60.0;
  for (const Case& c : all_cases()) {
    INFO(c.name);
    Distribution s = c.dist.scaled(f);
    CHECK(s.kind() == c.dist.kind());
    CHECK(s.mean() == Approx(f * c.dist.mean()).epsilon(1e-12));
    CHECK(s.variance() == Approx(f * f * c.dist.variance()).epsilon(1e-12));
    if (std::isfinite(c.dist.max_value())) CHECK(s.max_value() == Approx(f * c.dist.max_value()));
    auto a = draw(c.dist, 500, "scaled");
    auto b = draw(s, 500, "scaled");
    for (std::size_t i = 0; i < a.size(); ++i) REQUIRE(b[i] == Approx(f * a[i]).epsilon(1e-9));
  }
  RandomStream stream(1);
  CHECK(Distribution::constant(2).scaled(3).sample(stream) == 6.0);
}

TEST_CASE("bounded distributions report their maximum", "[model][distribution]") {
  CHECK(Distribution::uniform(1, 3).max_value() == 3);
  CHECK(Distribution::triangular(1, 2, 6).max_value() == 6);
  CHECK(Distribution::empirical({4, 9, 2}, {1, 1, 1}).max_value() == 9);
  CHECK(std::isinf(Distribution::exponential(1).max_value()));
  CHECK(std::isinf(Distribution::lognormal_mean_cv(1, 0.5).max_value()));
}

TEST_CASE("every distribution reports its minimum, 0 for the open tails", "[model][distribution]") {
  CHECK(Distribution::constant(2.5).min_value() == 2.5);
  CHECK(Distribution::uniform(1, 3).min_value() == 1);
  CHECK(Distribution::triangular(1, 2, 6).min_value() == 1);
  CHECK(Distribution::empirical({4, 9, 2}, {1, 1, 1}).min_value() == 2);
  CHECK(Distribution::exponential(1).min_value() == 0);
  CHECK(Distribution::normal(5, 1).min_value() == 0);  // truncated at 0
  CHECK(Distribution::lognormal_mean_cv(1, 0.5).min_value() == 0);
  CHECK(Distribution::gamma_mean_cv(2, 0.3).min_value() == 0);
}

TEST_CASE("an empirical distribution needs values and matching weights", "[model][distribution]") {
  CHECK_THROWS(Distribution::empirical({}, {}));
  CHECK_THROWS(Distribution::empirical({1, 2}, {1}));
  CHECK_THROWS(Distribution::empirical({1, 2}, {0, 0}));
}

TEST_CASE("describe() names the kind, mean and sd", "[model][distribution]") {
  CHECK_THAT(Distribution::exponential(2).describe(), Catch::Contains("exponential"));
  CHECK_THAT(Distribution::exponential(2).describe(), Catch::Contains("mean 2"));
  CHECK(std::string(to_string(DistKind::lognormal)) == "lognormal");
}

}  // namespace surge
