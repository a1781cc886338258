// Campaigns (docs/model.md, "Campaigns"): uplift, ramp-up and decay, pull-forward, discount
// and the extra contacts campaign orders cause. Expected counts are the integral of the
// documented multiplier; intervals come from replications.
#include <catch2/catch.hpp>
#include <cmath>

#include "../support/run_support.hpp"

namespace surge {
namespace {

using test::load;
using test::t_interval;

// 40 orders a day; a campaign from 20d for 10d.
const char* kCampaign = R"(name: campaign
horizon: 60d
products:
  - {id: w, price: 50, unit_cost: 20}
nodes:
  - id: dc
    type: warehouse
    inventory: {w: {initial: 10000000}}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 40/d}}
campaigns:
  - {id: promo, product: w, markets: [m], start: 20d, duration: 10d, uplift: 3}
)";

constexpr double kRate = 40;  // per day

// Orders placed in [from, to) days, per replication.
std::vector<double> counts_between(const Scenario& s, double from, double to, int reps = 20) {
  return test::per_replication(
      s, reps,
      [&](const RunResult& r) {
        double n = 0;
        for (const auto& o : r.orders) n += (o.placed >= from * 24 && o.placed < to * 24) ? 1 : 0;
        return n;
      },
      true);
}

TEST_CASE("campaign uplift multiplies orders in its window", "[demand][campaign][stats]") {
  Scenario s = load(kCampaign);
  auto in_window = test::per_replication(
      s, 20, [](const RunResult& r) { return r.kpi("promo", "demand_orders"); });
  auto ci = t_interval(in_window);
  INFO("campaign window orders " << ci.text() << " vs " << 3 * kRate * 10);
  CHECK(ci.contains(3 * kRate * 10));
  // Outside the window the baseline is untouched.
  auto before = t_interval(counts_between(s, 0, 20));
  INFO("before " << before.text());
  CHECK(before.contains(kRate * 20));
}

TEST_CASE("an uncertain uplift is drawn once per replication", "[demand][campaign]") {
  Scenario s = load(kCampaign, {"campaigns.promo.uplift={dist: uniform, min: 1.5, max: 6}"});
  auto a = run_replication(s, 0), b = run_replication(s, 1);
  CHECK(a.kpi("promo", "demand_orders") != b.kpi("promo", "demand_orders"));
}

TEST_CASE("ramp-up and decay shape the multiplier linearly", "[demand][campaign][stats]") {
  // ramp 4d, full uplift 3 until 30d, decay 4d: the ramp and the decay each add
  // (uplift - 1) x 4d / 2 = 4 days' worth of baseline demand.
  Scenario s = load(kCampaign, {"campaigns.promo.ramp_up=4d", "campaigns.promo.decay=4d"});
  auto ramp = t_interval(counts_between(s, 20, 24));
  auto full = t_interval(counts_between(s, 24, 30));
  auto decay = t_interval(counts_between(s, 30, 34));
  auto first_half_ramp = t_interval(counts_between(s, 20, 22));
  INFO("ramp " << ramp.text() << " full " << full.text() << " decay " << decay.text());
  CHECK(ramp.contains(kRate * (4 + 2 * 4 / 2.0)));
  CHECK(full.contains(kRate * 3 * 6));
  CHECK(decay.contains(kRate * (4 + 2 * 4 / 2.0)));
  // First half of the ramp: multiplier 1 -> 2, area 2 x 1.5 = 3 days of baseline.
  INFO("first half of the ramp " << first_half_ramp.text());
  CHECK(first_half_ramp.contains(kRate * 3));
}

TEST_CASE("pull-forward removes the documented area after the campaign",
          "[demand][campaign][stats]") {
  // uplift 2 for 5d, no ramp or decay: A = (2 - 1) x 5d = 5d of baseline; half of it is taken
  // back evenly over the 10 days after the campaign: multiplier 1 - 0.5 x 5 / 10 = 0.75.
  Scenario s = load(kCampaign, {"campaigns.promo.uplift=2", "campaigns.promo.duration=5d",
                                "campaigns.promo.pull_forward={share: 0.5, over: 10d}"});
  auto dip = t_interval(counts_between(s, 25, 35));
  auto after = t_interval(counts_between(s, 35, 60));
  INFO("dip " << dip.text() << " after " << after.text());
  CHECK(dip.contains(kRate * 10 * 0.75));
  CHECK(after.contains(kRate * 25));
  SECTION("with ramp and decay the area is (uplift - 1) x (duration - ramp/2 + decay/2)") {
    Scenario shaped = load(kCampaign, {"campaigns.promo.uplift=2", "campaigns.promo.duration=6d",
                                       "campaigns.promo.ramp_up=2d", "campaigns.promo.decay=4d",
                                       "campaigns.promo.pull_forward={share: 1, over: 14d}"});
    // A = 1 x (6 - 1 + 2) = 7 days; the dip runs from 30d to 44d at 1 - 7/14 = 0.5.
    auto shaped_dip = t_interval(counts_between(shaped, 30, 44));
    INFO("shaped dip " << shaped_dip.text());
    CHECK(shaped_dip.contains(kRate * 14 * 0.5));
  }
}

TEST_CASE("a campaign discount lowers revenue and margin of campaign orders",
          "[demand][campaign]") {
  auto r = test::run_with_records(kCampaign,
                                  {"campaigns.promo.discount=0.2", "campaigns.promo.decay=2d"});
  double revenue = 0, margin = 0, campaign_orders = 0;
  for (const auto& o : r.orders) {
    bool on = o.placed >= 20 * 24.0 && o.placed < 32 * 24.0;  // start to end + decay
    INFO("order at " << o.placed);
    CHECK((r.campaign_of(o) == "promo") == on);
    if (o.shipped < 0) continue;
    double price = on ? 50 * 0.8 : 50;
    revenue += o.quantity * price;
    if (on) {
      margin += o.quantity * (price - 20);
      campaign_orders += 1;
    }
  }
  CHECK(campaign_orders > 0);
  CHECK(r.kpi("run", "revenue") == Approx(revenue));
  CHECK(r.kpi("run", "campaign_margin") == Approx(margin));
  // Inside the campaign window every order is discounted.
  CHECK(r.kpi("promo", "revenue") == Approx(40.0 * r.kpi("promo", "demand_units")));
}

TEST_CASE("campaign orders raise the campaign's extra contacts", "[demand][campaign][contacts]") {
  std::string text =
      std::string(kCampaign) +
      R"(  - {id: promo2, product: w, start: 40d, duration: 5d, contacts_per_order: 0.4, contacts_to: support}
)";
  auto r = test::run_with_records(
      text, {"campaigns.promo.contacts_per_order=2", "campaigns.promo.contacts_to=support",
             "nodes=[{id: dc, type: warehouse, inventory: {w: {initial: 10000000}}}, "
             "{id: support, type: service, agents: unlimited, handle_time: 1min}]"});
  double promo_orders = 0, promo2_orders = 0;
  for (const auto& o : r.orders) {
    promo_orders += r.campaign_of(o) == "promo" ? 1 : 0;
    promo2_orders += r.campaign_of(o) == "promo2" ? 1 : 0;
  }
  double in_promo = 0, in_promo2 = 0, other = 0;
  for (const auto& c : r.contacts) {
    if (c.cause != ContactCause::campaign) {
      ++other;
      continue;
    }
    (c.arrived < 35 * 24.0 ? in_promo : in_promo2) += 1;
  }
  CHECK(other == 0);
  CHECK(in_promo == 2 * promo_orders);  // a whole rate: exactly 2 per order
  // A fractional rate: each order calls with probability 0.4 (binomial, 3.3 sd).
  CHECK(std::fabs(in_promo2 - 0.4 * promo2_orders) < 3.3 * std::sqrt(promo2_orders * 0.24));
  CHECK(r.kpi("run", "contacts", "support") == in_promo + in_promo2);
}

}  // namespace
}  // namespace surge
