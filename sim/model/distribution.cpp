#include "surge/model/distribution.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <cstdio>
#include <limits>

#include "surge/kernel/error.hpp"

// Parameter layout per kind:
//   constant    a = value
//   exponential a = mean
//   uniform     a = min, b = max
//   triangular  a = min, b = mode, c = max
//   normal      a = mean, b = sd (of the normal before truncation at 0)
//   lognormal   a = mu, b = sigma (of the underlying normal)
//   gamma       a = shape, b = scale
//   empirical   values_, cumulative_

namespace surge {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

double std_normal_pdf(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2.0 * M_PI); }
double std_normal_cdf(double x) { return 0.5 * std::erfc(-x / std::sqrt(2.0)); }

// The Boost distributions are drawn out of line: inlined, their ziggurat code made sample()
// save six registers and set up a frame on every draw, the cheap kinds' draws included.
[[gnu::noinline]] double draw_exponential(RandomEngine& engine, double mean) {
  return boost::random::exponential_distribution<double>(1.0 / mean)(engine);
}

[[gnu::noinline]] double draw_normal_above_zero(RandomEngine& engine, double mean, double sd) {
  boost::random::normal_distribution<double> normal(mean, sd);
  // Rejection keeps the shape of the normal above 0; the loader requires mean >= 0, so at
  // least half of the draws are accepted.
  for (;;) {
    double x = normal(engine);
    if (x >= 0) return x;
  }
}

[[gnu::noinline]] double draw_lognormal(RandomEngine& engine, double mu, double sigma) {
  return boost::random::lognormal_distribution<double>(mu, sigma)(engine);
}

[[gnu::noinline]] double draw_gamma(RandomEngine& engine, double shape, double scale) {
  return boost::random::gamma_distribution<double>(shape, scale)(engine);
}

}  // namespace

const char* to_string(DistKind kind) {
  switch (kind) {
    case DistKind::constant: return "constant";
    case DistKind::exponential: return "exponential";
    case DistKind::uniform: return "uniform";
    case DistKind::triangular: return "triangular";
    case DistKind::normal: return "normal";
    case DistKind::lognormal: return "lognormal";
    case DistKind::gamma: return "gamma";
    case DistKind::empirical: return "empirical";
  }
  return "?";
}

Distribution Distribution::constant(double value) {
  Distribution d;
  d.kind_ = DistKind::constant;
  d.a_ = value;
  return d;
}

Distribution Distribution::exponential(double mean) {
  Distribution d;
  d.kind_ = DistKind::exponential;
  d.a_ = mean;
  return d;
}

Distribution Distribution::uniform(double min, double max) {
  Distribution d;
  d.kind_ = DistKind::uniform;
  d.a_ = min;
  d.b_ = max;
  return d;
}

Distribution Distribution::triangular(double min, double mode, double max) {
  Distribution d;
  d.kind_ = DistKind::triangular;
  d.a_ = min;
  d.b_ = mode;
  d.c_ = max;
  return d;
}

Distribution Distribution::normal(double mean, double sd) {
  Distribution d;
  d.kind_ = DistKind::normal;
  d.a_ = mean;
  d.b_ = sd;
  return d;
}

Distribution Distribution::lognormal_mean_cv(double mean, double cv) {
  Distribution d;
  d.kind_ = DistKind::lognormal;
  double s2 = std::log1p(cv * cv);
  d.a_ = std::log(mean) - 0.5 * s2;
  d.b_ = std::sqrt(s2);
  return d;
}

Distribution Distribution::lognormal_median_p90(double median, double p90) {
  Distribution d;
  d.kind_ = DistKind::lognormal;
  constexpr double z90 = 1.2815515655446004;  // standard normal 90th percentile
  d.a_ = std::log(median);
  d.b_ = (std::log(p90) - d.a_) / z90;
  return d;
}

Distribution Distribution::gamma_mean_cv(double mean, double cv) {
  Distribution d;
  d.kind_ = DistKind::gamma;
  d.a_ = 1.0 / (cv * cv);
  d.b_ = mean * cv * cv;
  return d;
}

Distribution Distribution::empirical(std::vector<double> values, std::vector<double> weights) {
  SURGE_CHECK(!values.empty() && values.size() == weights.size(), "empirical needs weights");
  Distribution d;
  d.kind_ = DistKind::empirical;
  double total = 0;
  for (double w : weights) total += w;
  SURGE_CHECK(total > 0, "empirical weights sum to zero");
  double running = 0;
  for (double w : weights) {
    running += w / total;
    d.cumulative_.push_back(running);
  }
  d.cumulative_.back() = 1.0;
  d.values_ = std::move(values);
  return d;
}

double Distribution::sample(RandomStream& stream) const {
  auto& engine = stream.engine();
  switch (kind_) {
    case DistKind::constant: return a_;
    case DistKind::exponential: return draw_exponential(engine, a_);
    case DistKind::uniform: return a_ + (b_ - a_) * stream.uniform01();
    case DistKind::triangular: {
      // Inverse CDF: one uniform per draw.
      double u = stream.uniform01();
      double span = c_ - a_;
      if (span <= 0) return a_;
      double cut = (b_ - a_) / span;
      if (u < cut) return a_ + std::sqrt(u * span * (b_ - a_));
      return c_ - std::sqrt((1 - u) * span * (c_ - b_));
    }
    case DistKind::normal: {
      if (b_ <= 0) return std::max(a_, 0.0);
      return draw_normal_above_zero(engine, a_, b_);
    }
    case DistKind::lognormal: return draw_lognormal(engine, a_, b_);
    case DistKind::gamma: return draw_gamma(engine, a_, b_);
    case DistKind::empirical: {
      double u = stream.uniform01();
      auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
      if (it == cumulative_.end()) --it;
      return values_[static_cast<std::size_t>(it - cumulative_.begin())];
    }
  }
  return 0;
}

double Distribution::mean() const {
  switch (kind_) {
    case DistKind::constant: return a_;
    case DistKind::exponential: return a_;
    case DistKind::uniform: return 0.5 * (a_ + b_);
    case DistKind::triangular: return (a_ + b_ + c_) / 3.0;
    case DistKind::normal: {
      if (b_ <= 0) return std::max(a_, 0.0);
      double alpha = -a_ / b_;
      return a_ + b_ * std_normal_pdf(alpha) / (1.0 - std_normal_cdf(alpha));
    }
    case DistKind::lognormal: return std::exp(a_ + 0.5 * b_ * b_);
    case DistKind::gamma: return a_ * b_;
    case DistKind::empirical: {
      double m = 0, prev = 0;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        m += values_[i] * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return m;
    }
  }
  return 0;
}

double Distribution::variance() const {
  switch (kind_) {
    case DistKind::constant: return 0;
    case DistKind::exponential: return a_ * a_;
    case DistKind::uniform: return (b_ - a_) * (b_ - a_) / 12.0;
    case DistKind::triangular:
      return (a_ * a_ + b_ * b_ + c_ * c_ - a_ * b_ - a_ * c_ - b_ * c_) / 18.0;
    case DistKind::normal: {
      if (b_ <= 0) return 0;
      double alpha = -a_ / b_;
      double lambda = std_normal_pdf(alpha) / (1.0 - std_normal_cdf(alpha));
      return b_ * b_ * (1.0 + alpha * lambda - lambda * lambda);
    }
    case DistKind::lognormal: return (std::exp(b_ * b_) - 1.0) * std::exp(2 * a_ + b_ * b_);
    case DistKind::gamma: return a_ * b_ * b_;
    case DistKind::empirical: {
      double m = mean(), v = 0, prev = 0;
      for (std::size_t i = 0; i < values_.size(); ++i) {
        v += (values_[i] - m) * (values_[i] - m) * (cumulative_[i] - prev);
        prev = cumulative_[i];
      }
      return v;
    }
  }
  return 0;
}

double Distribution::max_value() const {
  switch (kind_) {
    case DistKind::constant: return a_;
    case DistKind::uniform: return b_;
    case DistKind::triangular: return c_;
    case DistKind::empirical: return *std::max_element(values_.begin(), values_.end());
    default: return kInf;
  }
}

Distribution Distribution::scaled(double factor) const {
  Distribution d = *this;
  switch (kind_) {
    case DistKind::constant:
    case DistKind::exponential: d.a_ *= factor; break;
    case DistKind::uniform:
    case DistKind::normal:
      d.a_ *= factor;
      d.b_ *= factor;
      break;
    case DistKind::triangular:
      d.a_ *= factor;
      d.b_ *= factor;
      d.c_ *= factor;
      break;
    case DistKind::lognormal: d.a_ += std::log(factor); break;
    case DistKind::gamma: d.b_ *= factor; break;
    case DistKind::empirical:
      for (double& v : d.values_) v *= factor;
      break;
  }
  return d;
}

std::string Distribution::describe() const {
  char buf[128];
  std::snprintf(buf, sizeof buf, "%s(mean %g, sd %g)", to_string(kind_), mean(),
                std::sqrt(variance()));
  return buf;
}

}  // namespace surge
