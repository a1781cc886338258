// Periodic review (R, s, S) (docs/model.md, "Policies"): at each review, and only then, a
// position at or below s is raised to S. Checked against the rule replayed by hand from the
// run's own demand records, and through make_policy with hand-made stock states.
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <vector>

#include "../support/run_support.hpp"
#include "io/test_support.hpp"
#include "surge/policies/policy_declaration.hpp"

namespace surge {
namespace {

constexpr double kReview = 7 * 24.0;

// Lumpy demand (1, 2 or 6 units an order) of about 80 units a week against s 150 and S 400:
// some reviews order and some do not; the 10-day supplier and 1-day lane mean an order is
// still on its way at the next review, so the position (not on hand) must drive the rule.
const char* kRsS = R"(name: RsS
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
      w: {initial: 260, source: acme, policy: {type: RsS, review: 7d, s: 150, S: 400}}
lanes:
  - {from: acme, to: dc, lead_time: 1d}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 4/d, size: {dist: empirical, values: [1, 2, 6]}}}
)";

TEST_CASE("RsS orders at each review exactly what the rule gives, replayed by hand",
          "[policies][RsS]") {
  for (std::uint64_t replication : {0u, 1u, 2u}) {
    INFO("replication " << replication);
    auto r = test::run(kRsS, replication, true);
    const int reviews = 20;  // 7d .. 140d
    double placed = 0;       // everything ordered before the review being replayed
    int ordering_reviews = 0, idle_reviews = 0;
    for (int k = 1; k <= reviews; ++k) {
      Time t = k * kReview;
      // Inventory position just before the review = initial + ordered - demanded so far
      // (every unit demanded lowers it, filled or not; arrivals move units from on order to
      // on hand and leave it alone).
      double demanded = 0;
      for (const auto& o : r.orders)
        if (o.placed <= t) demanded += o.quantity;
      double position = 260 + placed - demanded;
      double expected = position <= 150 ? 400 - position : 0;
      placed += expected;
      auto at_review = test::sample_at(r, "dc", "w", t);
      REQUIRE(at_review.time == Approx(t));
      INFO("review " << k << " position " << position);
      CHECK(at_review.ordered == Approx(expected));
      if (expected > 0) {
        ++ordering_reviews;
        CHECK(at_review.inventory_position == Approx(400));
      } else {
        ++idle_reviews;
        CHECK(at_review.inventory_position == Approx(position));
      }
    }
    // The case exercises both branches of the rule.
    CHECK(ordering_reviews >= 5);
    CHECK(idle_reviews >= 5);
    // Nothing is ordered between reviews, however low the position falls.
    for (const auto& s : test::series(r, "dc", "w")) {
      bool review_day = std::fmod(s.time, kReview) == 0 && s.time > 0;
      if (!review_day) {
        INFO("t " << s.time);
        CHECK(s.ordered == 0);
      }
    }
    test::check_conservation_lines(r);
  }
}

TEST_CASE("RsS built from its declaration raises a position at or below s to S",
          "[policies][RsS]") {
  auto policy =
      make_policy(Policy::with("RsS", {{"review", kReview}, {"s", 300}, {"S", 900}}), 0.0);
  REQUIRE(policy);
  CHECK(policy->review_period() == kReview);
  CHECK(policy->order_quantity(StockState{300, 0, 0}) == 600);  // at s: orders
  CHECK(policy->order_quantity(StockState{301, 0, 0}) == 0);    // above s: does not
  // The position counts what is on order and what is owed: 100 + 200 - 50 = 250.
  CHECK(policy->order_quantity(StockState{100, 50, 200}) == 650);
  CHECK(policy->order_quantity(StockState{0, 120, 0}) == 1020);  // backlog below zero
}

TEST_CASE("RsS keys are checked where they are written", "[policies][RsS][io]") {
  auto with_policy = [](const std::string& policy) {
    std::string text = test::kMinimal;
    text.replace(text.find("{initial: 100}"), 14,
                 "{initial: 100, source: s, policy: " + policy + "}");
    text.replace(text.find("nodes:\n"), 7,
                 "nodes:\n  - {id: s, type: supplier, products: {widget: {lead_time: 1d}}}\n");
    return text + "lanes:\n  - {from: s, to: dc, lead_time: 1d}\n";
  };
  CHECK_NOTHROW(load_scenario_text(with_policy("{type: RsS, review: 7d, s: 3, S: 9}"), "s.yaml"));

  std::string inverted = with_policy("{type: RsS, review: 7d, s: 9, S: 3}");
  auto e = test::load_error(inverted);
  CHECK_ERROR_AT_TOKEN(e, inverted, "3}",
                       "`S` must be greater than `s` in RsS policy of inventory of `widget` at "
                       "`dc`");

  std::string no_review = with_policy("{type: RsS, s: 3, S: 9}");
  auto e2 = test::load_error(no_review);
  CHECK_ERROR_AT_TOKEN(e2, no_review, "{type: RsS",
                       "missing required key `review` in RsS policy of inventory of `widget`");

  std::string zero = with_policy("{type: RsS, review: 0d, s: 3, S: 9}");
  auto e3 = test::load_error(zero);
  CHECK_ERROR_AT_TOKEN(e3, zero, "0d, s", "`review` must be > 0, got `0d`");

  std::string bare = with_policy("{type: RsS, review: 7, s: 3, S: 9}");
  auto e4 = test::load_error(bare);
  CHECK_ERROR_AT_TOKEN(e4, bare, "7, s", "`review`: duration `7` has no unit");

  std::string typo = with_policy("{type: RsS, reveiw: 7d, s: 3, S: 9}");
  auto e5 = test::load_error(typo);
  CHECK_ERROR_AT_TOKEN(e5, typo, "reveiw",
                       "unknown key `reveiw` in RsS policy of inventory of `widget` at `dc`; did "
                       "you mean `review`? valid keys: type, review, s, S");

  std::string lower = with_policy("{type: Rss, review: 7d, s: 3, S: 9}");
  auto e6 = test::load_error(lower);
  CHECK_ERROR_AT_TOKEN(e6, lower, "Rss", "unknown policy type `Rss`; did you mean `RsS`?");
}

}  // namespace
}  // namespace surge
