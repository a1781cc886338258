#pragma once
// Helpers for the behavioural tests under tests/nodes, tests/policies, tests/demand and
// tests/metrics that write a small YAML scenario and run it through run_replication, the same
// path `surge run` takes (tests of one node built by hand use node_fakes.hpp instead). Statistical
// checks use confidence intervals computed from independent replications (t-based), never
// tolerances tuned to observed numbers.
#include <boost/math/distributions/students_t.hpp>
#include <catch2/catch.hpp>
#include <cmath>
#include <cstdint>
#include <sstream>
#include <string>
#include <vector>

#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"

// Catch prints a record's status and cause by name when a check on them fails.
namespace Catch {
template <>
struct StringMaker<surge::OrderStatus> {
  static std::string convert(surge::OrderStatus status) { return surge::to_string(status); }
};
template <>
struct StringMaker<surge::ContactCause> {
  static std::string convert(surge::ContactCause cause) { return surge::to_string(cause); }
};
}  // namespace Catch

namespace surge::test {

// `sets` are `--set` style overrides (dotted.path=value), so one base text serves variants.
inline Scenario load(const std::string& yaml, const std::vector<std::string>& sets = {}) {
  return load_scenario_text(yaml, "test.yaml", sets);
}

inline RunResult run(const std::string& yaml, std::uint64_t replication = 0, bool records = false,
                     const std::vector<std::string>& sets = {}) {
  Scenario s = load(yaml, sets);
  return run_replication(s, replication, RunOptions{records});
}

inline RunResult run_with_records(const std::string& yaml,
                                  const std::vector<std::string>& sets = {},
                                  std::uint64_t replication = 0) {
  return run(yaml, replication, true, sets);
}

// Two-sided t confidence interval of the mean of independent observations.
struct Interval {
  double mean = 0, half = 0;
  double low() const { return mean - half; }
  double high() const { return mean + half; }
  bool contains(double x) const { return x >= low() && x <= high(); }
  std::string text() const {
    std::ostringstream out;
    out << "[" << low() << ", " << high() << "] (mean " << mean << ")";
    return out.str();
  }
};

inline Interval t_interval(const std::vector<double>& xs, double confidence = 0.99) {
  REQUIRE(xs.size() >= 2);
  double n = static_cast<double>(xs.size()), sum = 0;
  for (double x : xs) sum += x;
  double mean = sum / n, ss = 0;
  for (double x : xs) ss += (x - mean) * (x - mean);
  double sd = std::sqrt(ss / (n - 1));
  boost::math::students_t t(n - 1);
  double q = boost::math::quantile(boost::math::complement(t, (1 - confidence) / 2));
  return Interval{mean, q * sd / std::sqrt(n)};
}

// One value per replication 0..n-1 of the same scenario.
template <class F>
std::vector<double> per_replication(const Scenario& s, int n, F value, bool records = false) {
  std::vector<double> out;
  for (int r = 0; r < n; ++r)
    out.push_back(value(run_replication(s, static_cast<std::uint64_t>(r), RunOptions{records})));
  return out;
}

// Erlang C: probability that an arrival to an M/M/c queue waits, and the mean wait in queue.
inline double erlang_c(double lambda, double mu, int c) {
  double a = lambda / mu, rho = a / c;
  double term = 1, sum = 1;  // a^k / k!, summed for k = 0 .. c-1
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  double last = term * a / c;  // a^c / c!
  double top = last / (1 - rho);
  return top / (sum + top);
}
inline double erlang_c_mean_wait(double lambda, double mu, int c) {
  return erlang_c(lambda, mu, c) / (c * mu - lambda);
}

// The stock sample of (node, product) nearest before or at time t.
inline StockSample sample_at(const RunResult& r, const std::string& node,
                             const std::string& product, Time t) {
  StockSample found;
  found.time = -1;
  for (const auto& s : r.stock_series)
    if (r.node_of(s) == node && r.product_of(s) == product && s.time <= t + 1e-9) found = s;
  return found;
}

inline std::vector<StockSample> series(const RunResult& r, const std::string& node,
                                       const std::string& product) {
  std::vector<StockSample> out;
  for (const auto& s : r.stock_series)
    if (r.node_of(s) == node && r.product_of(s) == product) out.push_back(s);
  return out;
}

// Conservation lines are present and the run was not stopped (it would have thrown).
inline void check_conservation_lines(const RunResult& r) {
  REQUIRE(r.conservation.size() >= 3);
  bool units = false, orders = false, contacts = false;
  for (const auto& line : r.conservation) {
    units = units || line.rfind("units ", 0) == 0;
    orders = orders || line.rfind("orders:", 0) == 0;
    contacts = contacts || line.rfind("contacts:", 0) == 0;
  }
  CHECK(units);
  CHECK(orders);
  CHECK(contacts);
}

inline double count_if_orders(const RunResult& r, bool (*pred)(const OrderRecord&)) {
  double n = 0;
  for (const auto& o : r.orders) n += pred(o) ? 1 : 0;
  return n;
}

}  // namespace surge::test
