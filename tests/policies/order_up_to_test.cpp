// Periodic-review order-up-to (docs/model.md, "Periodic order-up-to"): orders only at reviews,
// and the level S_t = cover x mean + z x sd x sqrt(cover) recomputed by hand from the orders'
// records with each forecast.
#include <catch2/catch.hpp>
#include <cmath>
#include <deque>

#include "../support/run_support.hpp"

namespace surge {
namespace {

// Review weekly; the supplier takes 10d and the lane 1d, so the default cover is 11/7 + 1.
// Arrivals land at 7k + 11 days, never on a review day.
const char* kPeriodic = R"(name: periodic
horizon: 140d
products:
  - {id: w, unit_cost: 1}
nodes:
  - id: acme
    type: supplier
    products: {w: {lead_time: 10d}}
  - id: dc
    type: warehouse
    inventory:
      w:
        initial: 200
        source: acme
        policy: {type: order_up_to, review: 7d, safety_factor: 1.5,
                 forecast: {type: moving_average, periods: 4}}
lanes:
  - {from: acme, to: dc, lead_time: 1d}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 20/d, size: {dist: empirical, values: [1, 2, 6]}}}
)";

constexpr double kReview = 7 * 24.0;
constexpr double kCover = 11.0 / 7.0 + 1.0;

// Units demanded in each review period (t - review, t], from the order records.
std::vector<double> period_demand(const RunResult& r, int periods) {
  std::vector<double> demand(static_cast<std::size_t>(periods), 0.0);
  for (const auto& o : r.orders) {
    auto k = static_cast<long>(std::ceil(o.placed / kReview)) - 1;  // review k+1 sees it
    if (k >= 0 && k < periods) demand[static_cast<std::size_t>(k)] += o.quantity;
  }
  return demand;
}

// Checks the position after each review against the level a forecast gives: never below it,
// equal to it whenever the review placed an order, and orders only at reviews.
template <class Level>
void check_reviews(const RunResult& r, Level level_after) {
  const int periods = 20;
  auto demand = period_demand(r, periods);
  int orders = 0;
  for (int k = 1; k <= periods; ++k) {
    Time t = k * kReview;
    double level = level_after(demand, k);
    auto after = test::sample_at(r, "dc", "w", t);
    auto before = test::sample_at(r, "dc", "w", t - 24.0);
    REQUIRE(after.time == Approx(t));
    INFO("review " << k << " level " << level << " position " << after.inventory_position);
    CHECK(after.inventory_position >= level - 1e-6);
    if (after.on_order > before.on_order + 1e-9) {  // an order was placed at this review
      ++orders;
      CHECK(after.inventory_position == Approx(level));
    }
  }
  CHECK(orders >= 10);
  // Between reviews on-order never grows (only arrivals change it).
  auto s = test::series(r, "dc", "w");
  for (std::size_t i = 1; i < s.size(); ++i) {
    double day = s[i].time / 24.0;
    bool review_day = std::fmod(day, 7.0) == 0 && day > 0;
    if (!review_day) {
      INFO("day " << day);
      CHECK(s[i].on_order <= s[i - 1].on_order + 1e-9);
    }
  }
}

TEST_CASE("order_up_to with a moving average orders at reviews up to the documented level",
          "[policies][order_up_to]") {
  auto r = test::run_with_records(kPeriodic);
  check_reviews(r, [](const std::vector<double>& demand, int k) {
    // Mean and sample sd of the last 4 periods (fewer at first).
    int first = std::max(0, k - 4);
    double n = k - first, sum = 0, ss = 0;
    for (int i = first; i < k; ++i) sum += demand[static_cast<std::size_t>(i)];
    double mean = sum / n;
    for (int i = first; i < k; ++i)
      ss += (demand[static_cast<std::size_t>(i)] - mean) *
            (demand[static_cast<std::size_t>(i)] - mean);
    double sd = n >= 2 ? std::sqrt(ss / (n - 1)) : 0.0;
    return kCover * mean + 1.5 * sd * std::sqrt(kCover);
  });
  test::check_conservation_lines(r);
}

TEST_CASE("order_up_to with exponential smoothing orders at reviews up to the documented level",
          "[policies][order_up_to]") {
  auto r = test::run_with_records(
      kPeriodic, {"nodes.dc.inventory.w.policy.forecast={type: exp_smoothing, alpha: 0.3}"});
  check_reviews(r, [](const std::vector<double>& demand, int k) {
    // Level starts at the first period's demand; sd = sqrt of the smoothed squared error.
    double level = demand[0], squared_error = 0;
    for (int i = 1; i < k; ++i) {
      double error = demand[static_cast<std::size_t>(i)] - level;
      squared_error = 0.3 * error * error + 0.7 * squared_error;
      level += 0.3 * error;
    }
    return kCover * level + 1.5 * std::sqrt(squared_error) * std::sqrt(kCover);
  });
}

TEST_CASE("the default cover uses the primary source even when a backup is listed first",
          "[policies][order_up_to][sources]") {
  // A slow backup (30d) listed before the primary: the cover still comes from the primary's
  // 10d + 1d, and every order goes to the primary (it can always ship).
  std::string text = kPeriodic;
  auto replace = [&](const std::string& from, const std::string& to) {
    auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
  };
  replace("        source: acme\n",
          "        sources: [{from: slow, backup: true}, {from: acme}]\n");
  replace("  - id: dc\n",
          "  - id: slow\n    type: supplier\n    products: {w: {lead_time: 30d}}\n  - id: dc\n");
  replace("lanes:\n", "lanes:\n  - {from: slow, to: dc, lead_time: 1d}\n");
  auto r = test::run_with_records(text);
  check_reviews(r, [](const std::vector<double>& demand, int k) {
    int first = std::max(0, k - 4);
    double n = k - first, sum = 0, ss = 0;
    for (int i = first; i < k; ++i) sum += demand[static_cast<std::size_t>(i)];
    double mean = sum / n;
    for (int i = first; i < k; ++i)
      ss += (demand[static_cast<std::size_t>(i)] - mean) *
            (demand[static_cast<std::size_t>(i)] - mean);
    double sd = n >= 2 ? std::sqrt(ss / (n - 1)) : 0.0;
    return kCover * mean + 1.5 * sd * std::sqrt(kCover);
  });
}

TEST_CASE("an explicit cover replaces the lead-time default", "[policies][order_up_to]") {
  auto r = test::run_with_records(kPeriodic, {"nodes.dc.inventory.w.policy.cover=2",
                                              "nodes.dc.inventory.w.policy.safety_factor=0",
                                              "nodes.dc.inventory.w.policy.forecast.periods=1"});
  auto demand = period_demand(r, 20);
  int ordered = 0;
  for (int k = 1; k <= 20; ++k) {
    auto after = test::sample_at(r, "dc", "w", k * kReview);
    auto before = test::sample_at(r, "dc", "w", k * kReview - 24.0);
    double level = 2 * demand[static_cast<std::size_t>(k - 1)];
    CHECK(after.inventory_position >= level - 1e-6);
    if (after.on_order > before.on_order + 1e-9) {
      ++ordered;
      CHECK(after.inventory_position == Approx(level));
    }
  }
  CHECK(ordered > 0);
}

}  // namespace
}  // namespace surge
