#include "surge/experiment/monte_carlo/statistics.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace surge {

void RunningStats::add(double x) {
  ++n_;
  double delta = x - mean_;
  mean_ += delta / static_cast<double>(n_);
  m2_ += delta * (x - mean_);
}

double RunningStats::variance() const { return n_ > 1 ? m2_ / static_cast<double>(n_ - 1) : 0.0; }

double RunningStats::sd() const { return std::sqrt(variance()); }

double RunningStats::half_width(double confidence) const {
  if (n_ < 2) return std::numeric_limits<double>::infinity();
  double t = student_t_quantile(0.5 + confidence / 2, static_cast<double>(n_ - 1));
  return t * sd() / std::sqrt(static_cast<double>(n_));
}

double normal_quantile(double p) {
  // Acklam's rational approximation (relative error < 1.2e-9), refined by one Halley step.
  static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                             1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                             6.680131188771972e+01, -1.328068155288572e+01};
  static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                             -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                             3.754408661907416e+00};
  if (p <= 0) return -std::numeric_limits<double>::infinity();
  if (p >= 1) return std::numeric_limits<double>::infinity();
  double x;
  if (p < 0.02425) {
    double q = std::sqrt(-2 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p > 1 - 0.02425) {
    double q = std::sqrt(-2 * std::log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else {
    double q = p - 0.5, r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  }
  double e = 0.5 * std::erfc(-x / std::sqrt(2.0)) - p;
  double u = e * std::sqrt(2 * M_PI) * std::exp(x * x / 2);
  return x - u / (1 + x * u / 2);
}

namespace {

// Regularised incomplete beta I_x(a, b) by Lentz's continued fraction.
double incomplete_beta(double x, double a, double b) {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  double front = std::exp(std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) +
                          b * std::log1p(-x));
  bool flip = x > (a + 1) / (a + b + 2);
  if (flip) return 1 - incomplete_beta(1 - x, b, a);
  const double tiny = 1e-300;
  double f = 1, c = 1, d = 0;
  for (int i = 0; i <= 400; ++i) {
    int m = i / 2;
    double numerator;
    if (i == 0)
      numerator = 1;
    else if (i % 2 == 0)
      numerator = (m * (b - m) * x) / ((a + 2.0 * m - 1) * (a + 2.0 * m));
    else
      numerator = -((a + m) * (a + b + m) * x) / ((a + 2.0 * m) * (a + 2.0 * m + 1));
    d = 1 + numerator * d;
    if (std::fabs(d) < tiny) d = tiny;
    d = 1 / d;
    c = 1 + numerator / c;
    if (std::fabs(c) < tiny) c = tiny;
    double cd = c * d;
    f *= cd;
    if (std::fabs(1 - cd) < 1e-15) break;
  }
  return front * (f - 1) / a;
}

double student_t_cdf(double t, double dof) {
  double x = dof / (dof + t * t);
  double tail = 0.5 * incomplete_beta(x, dof / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

}  // namespace

double student_t_quantile(double p, double dof) {
  if (dof > 1e6) return normal_quantile(p);
  if (p == 0.5) return 0.0;
  if (p < 0.5) return -student_t_quantile(1 - p, dof);  // the distribution is symmetric
  // Bisection on the CDF: slow compared with a closed form, but exact to 1e-12 and only
  // called once per interval.
  double lo = -1e3, hi = 1e3;
  for (int i = 0; i < 200; ++i) {
    double mid = 0.5 * (lo + hi);
    if (student_t_cdf(mid, dof) < p)
      lo = mid;
    else
      hi = mid;
    if (hi - lo < 1e-12) break;
  }
  return 0.5 * (lo + hi);
}

Interval wilson_interval(double k, double n, double confidence) {
  if (n <= 0) return {0, 1};
  double z = normal_quantile(0.5 + confidence / 2);
  double p = k / n, z2 = z * z;
  double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  double half = z * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n);
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

namespace {

// The x with I_x(a, b) = p, by bisection (I is increasing in x): ~50 halvings, called a few
// times per look.
double beta_quantile(double p, double a, double b) {
  double lo = 0, hi = 1;
  for (int i = 0; i < 200 && hi - lo > 1e-14; ++i) {
    double mid = 0.5 * (lo + hi);
    if (incomplete_beta(mid, a, b) < p)
      lo = mid;
    else
      hi = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace

Interval clopper_pearson_interval(std::uint64_t k, std::uint64_t n, double confidence) {
  if (n == 0) return {0, 1};
  double alpha = 1 - confidence;
  auto kd = static_cast<double>(k), nd = static_cast<double>(n);
  // P(X >= k | low) = alpha/2 and P(X <= k | high) = alpha/2, written with the beta
  // distribution's quantiles (the binomial tail is a regularised incomplete beta).
  double low = k == 0 ? 0.0 : beta_quantile(alpha / 2, kd, nd - kd + 1);
  double high = k == n ? 1.0 : beta_quantile(1 - alpha / 2, kd + 1, nd - kd);
  return {low, high};
}

void StreamingQuantile::add(double x) {
  if (n_ < 5) {
    height_[n_++] = x;
    if (n_ == 5) {
      std::sort(height_.begin(), height_.end());
      for (int i = 0; i < 5; ++i) position_[i] = i + 1;
      desired_ = {1, 1 + 2 * p_, 1 + 4 * p_, 3 + 2 * p_, 5};
      increment_ = {0, p_ / 2, p_, (1 + p_) / 2, 1};
    }
    return;
  }
  ++n_;
  int k;
  if (x < height_[0]) {
    height_[0] = x;
    k = 0;
  } else if (x >= height_[4]) {
    height_[4] = std::max(height_[4], x);
    k = 3;
  } else {
    k = 0;
    while (k < 3 && x >= height_[k + 1]) ++k;
  }
  for (int i = k + 1; i < 5; ++i) position_[i] += 1;
  for (int i = 0; i < 5; ++i) desired_[i] += increment_[i];
  for (int i = 1; i <= 3; ++i) {
    double d = desired_[i] - position_[i];
    if ((d >= 1 && position_[i + 1] - position_[i] > 1) ||
        (d <= -1 && position_[i - 1] - position_[i] < -1)) {
      int s = d >= 0 ? 1 : -1;
      // Piecewise-parabolic prediction; fall back to linear when it leaves the bracket.
      double qp =
          height_[i] + s / (position_[i + 1] - position_[i - 1]) *
                           ((position_[i] - position_[i - 1] + s) * (height_[i + 1] - height_[i]) /
                                (position_[i + 1] - position_[i]) +
                            (position_[i + 1] - position_[i] - s) * (height_[i] - height_[i - 1]) /
                                (position_[i] - position_[i - 1]));
      if (height_[i - 1] < qp && qp < height_[i + 1])
        height_[i] = qp;
      else
        height_[i] += s * (height_[i + s] - height_[i]) / (position_[i + s] - position_[i]);
      position_[i] += s;
    }
  }
}

double StreamingQuantile::value() const {
  if (n_ == 0) return std::numeric_limits<double>::quiet_NaN();
  if (n_ < 5) {
    std::array<double, 5> sorted = height_;
    std::sort(sorted.begin(), sorted.begin() + static_cast<long>(n_));
    auto idx = static_cast<std::size_t>(std::min<double>(
        static_cast<double>(n_ - 1), std::round(p_ * static_cast<double>(n_ - 1))));
    return sorted[idx];
  }
  return height_[2];
}

}  // namespace surge
