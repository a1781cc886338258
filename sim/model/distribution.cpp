#include "surge/model/distribution.hpp"

#include <algorithm>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/normal_distribution.hpp>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

#include "surge/kernel/error.hpp"
#include "surge/model/parameters.hpp"

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
  // Each case asks for the engine only when it draws: a constant's stream never makes one
  // (kernel/random.hpp).
  switch (kind_) {
    case DistKind::constant: return a_;
    case DistKind::exponential: return draw_exponential(stream.engine(), a_);
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
      return draw_normal_above_zero(stream.engine(), a_, b_);
    }
    case DistKind::lognormal: return draw_lognormal(stream.engine(), a_, b_);
    case DistKind::gamma: return draw_gamma(stream.engine(), a_, b_);
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

double Distribution::min_value() const {
  switch (kind_) {
    case DistKind::constant:
    case DistKind::uniform:
    case DistKind::triangular: return a_;
    case DistKind::empirical: return *std::min_element(values_.begin(), values_.end());
    default: return 0;  // exponential, lognormal, gamma, and the normal truncated at 0
  }
}

bool Distribution::can_draw_min() const {
  switch (kind_) {
    case DistKind::constant:
    case DistKind::uniform:
    case DistKind::triangular:
    case DistKind::empirical: return true;
    default: return false;
  }
}

bool Distribution::is_well_defined() const {
  if (!std::isfinite(a_) || !std::isfinite(b_) || !std::isfinite(c_)) return false;
  for (double v : values_)
    if (!std::isfinite(v)) return false;
  switch (kind_) {
    case DistKind::exponential: return a_ > 0;
    case DistKind::lognormal: return b_ >= 0 && std::isfinite(mean()) && std::isfinite(variance());
    case DistKind::gamma: return a_ > 0 && b_ > 0 && std::isfinite(variance());
    default: return std::isfinite(mean()) && std::isfinite(variance());
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

// ---- declarations ------------------------------------------------------------------------

namespace {

struct DistributionDeclaration {
  Declaration declaration;
  Distribution (*build)(const ParamReader&);
};

Key param(std::string name, std::string description) {
  return Key{std::move(name), types::quantity()}.need().describe(std::move(description));
}

Key plain(std::string name, std::string description) {
  return Key{std::move(name), types::number()}.need().describe(std::move(description));
}

// The spread a lognormal or gamma may have (docs/reliability.md): a cv from 1e-6 to 100. Beyond
// it the parameters overflow (a gamma's shape 1/cv^2, a lognormal's sigma^2 = ln(1 + cv^2)) and
// the draws are NaN; well inside it, both are still drawn exactly.
constexpr double kMinCv = 1e-6, kMaxCv = 100;

Key cv_key() {
  return plain("cv", "the coefficient of variation (sd / mean), plain, from 1e-6 to 100")
      .at_least(kMinCv)
      .at_most(kMaxCv);
}

// The largest p90 / median of a lognormal: about the spread of a cv of 100 (sigma 3.05).
constexpr double kMaxP90OverMedian = 50;

// `a` must not exceed `b` (max >= min): the error points at `b`.
void ordered(const ParamReader& r, const char* a, const char* b) {
  if (r.number(b) < r.number(a))
    r.fail(b, std::string("`") + b + "` must be >= `" + a + "` in " + r.what());
}

const std::vector<DistributionDeclaration>& declarations() {
  static const std::vector<DistributionDeclaration> all = [] {
    std::vector<DistributionDeclaration> d;
    d.push_back({{.name = "constant",
                  .doc_id = "dist.constant",
                  .description = "Always `value`.",
                  .keys = {param("value", "the value")}},
                 [](const ParamReader& r) { return Distribution::constant(r.number("value")); }});
    d.push_back({{.name = "exponential",
                  .doc_id = "dist.exponential",
                  .description = "Exponential with this mean.",
                  .keys = {param("mean", "the mean").above(0)}},
                 [](const ParamReader& r) { return Distribution::exponential(r.number("mean")); }});
    d.push_back({{.name = "uniform",
                  .doc_id = "dist.uniform",
                  .description = "Uniform between `min` and `max`.",
                  .keys = {param("min", "the lowest value"), param("max", "the highest, >= min")},
                  .check = [](const ParamReader& r) { ordered(r, "min", "max"); }},
                 [](const ParamReader& r) {
                   return Distribution::uniform(r.number("min"), r.number("max"));
                 }});
    d.push_back(
        {{.name = "triangular",
          .doc_id = "dist.triangular",
          .description = "Triangular with this minimum, mode and maximum.",
          .keys = {param("min", "the lowest value"), param("mode", "the most likely, >= min"),
                   param("max", "the highest, >= mode")},
          .check =
              [](const ParamReader& r) {
                ordered(r, "min", "mode");
                ordered(r, "mode", "max");
              }},
         [](const ParamReader& r) {
           return Distribution::triangular(r.number("min"), r.number("mode"), r.number("max"));
         }});
    d.push_back({{.name = "normal",
                  .doc_id = "dist.normal",
                  .description = "Normal with this mean and sd, truncated at 0 (negative draws "
                                 "are drawn again).",
                  .keys = {param("mean", "the mean of the normal before truncation").at_least(0),
                           param("sd", "its standard deviation").at_least(0)}},
                 [](const ParamReader& r) {
                   return Distribution::normal(r.number("mean"), r.number("sd"));
                 }});
    Declaration lognormal{
        .name = "lognormal",
        .doc_id = "dist.lognormal",
        .description =
            "Lognormal given by its mean and coefficient of variation, or by its "
            "median and 90th percentile.",
        .keys = {param("mean", "the mean").above(0), cv_key(),
                 param("median", "the median").above(0),
                 param("p90", "the 90th percentile, > median, at most 50 x median")},
        .alternatives = {{.options = {{{"mean", "cv"}, ""}, {{"median", "p90"}, ""}}}},
        .check = [](const ParamReader& r) {
          if (!r.has("median")) return;
          if (r.number("p90") <= r.number("median"))
            r.fail("p90", "`p90` must be > `median` in " + r.what());
          if (r.number("p90") > kMaxP90OverMedian * r.number("median"))
            r.fail("p90", "`p90` must be at most 50 x `median` in " + r.what() +
                              " (a wider spread overflows)");
        }};
    for (Key& k : lognormal.keys) k.required = false;  // one pair or the other
    d.push_back({std::move(lognormal), [](const ParamReader& r) {
                   if (r.has("median"))
                     return Distribution::lognormal_median_p90(r.number("median"), r.number("p90"));
                   return Distribution::lognormal_mean_cv(r.number("mean"), r.number("cv"));
                 }});
    d.push_back({{.name = "gamma",
                  .doc_id = "dist.gamma",
                  .description = "Gamma given by its mean and coefficient of variation.",
                  .keys = {param("mean", "the mean").above(0), cv_key()}},
                 [](const ParamReader& r) {
                   return Distribution::gamma_mean_cv(r.number("mean"), r.number("cv"));
                 }});
    Key values{"values", types::list(types::quantity())};
    values.type.min_items = 1;
    values.need().describe("the values drawn");
    ValueType weight = types::number();
    weight.bounds.min = 0;
    Key weights{"weights", types::list(weight)};
    weights.describe("one weight >= 0 per value, not all 0; default: equal weights");
    d.push_back({{.name = "empirical",
                  .doc_id = "dist.empirical",
                  .description = "Discrete: each of `values` with its weight.",
                  .keys = {values, weights},
                  .check =
                      [](const ParamReader& r) {
                        if (!r.has("weights")) return;
                        auto v = r.numbers("values"), w = r.numbers("weights");
                        if (w.size() != v.size())
                          r.fail("weights", "`weights` must have one entry per value (" +
                                                std::to_string(v.size()) + "), got " +
                                                std::to_string(w.size()));
                        double total = 0;
                        for (double x : w) total += x;
                        if (total <= 0) r.fail("weights", "`weights` must not all be zero");
                      }},
                 [](const ParamReader& r) {
                   std::vector<double> v = r.numbers("values");
                   std::vector<double> w =
                       r.has("weights") ? r.numbers("weights") : std::vector<double>(v.size(), 1.0);
                   return Distribution::empirical(std::move(v), std::move(w));
                 }});
    return d;
  }();
  return all;
}

}  // namespace

const Family& distribution_family() {
  static const Family family = [] {
    Family f{.name = "distribution",
             .discriminator = "dist",
             .noun = "distribution",
             .names_label = "valid",
             .description =
                 "A quantity that may be uncertain: a scalar (a constant) or a map "
                 "whose `dist` names the distribution."};
    for (const auto& d : declarations()) f.members.push_back(&d.declaration);
    f.common.push_back(
        Key{"dist", types::choice(f.member_names())}.need().describe("which distribution"));
    f.scalar_member = "constant";
    f.scalar_key = "value";
    return f;
  }();
  return family;
}

Distribution build_distribution(const std::string& kind, const ParamReader& reader) {
  for (const auto& d : declarations())
    if (d.declaration.name == kind) return d.build(reader);
  throw InternalError("internal: no distribution `" + kind + "` is declared");
}

}  // namespace surge
