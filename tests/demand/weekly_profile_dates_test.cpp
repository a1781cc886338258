// Weekly profiles follow the start date (docs/scenario-reference.md, "Dates and time points"):
// with `start_date` a Thursday, the weekend of a demand or contact profile falls on model days 2
// and 3 (mod 7), not 5 and 6; without one, day 0 is a Monday as before.
#include <catch2/catch.hpp>
#include <cmath>
#include <map>
#include <string>

#include "../support/run_support.hpp"

namespace surge {
namespace {

// Orders and contacts on weekdays only; the warehouse never runs out.
const char* kWeekdaysOnly = R"(name: weekdays
horizon: 28d
products:
  - {id: w, price: 10}
nodes:
  - id: dc
    type: warehouse
    inventory: {w: {initial: 10000000}}
  - id: desk
    type: service
    agents: unlimited
    handle_time: 1min
    arrivals: {rate: 2/h, weekly: [1, 1, 1, 1, 1, 0, 0]}
markets:
  - {id: m, served_by: dc, demand: {product: w, rate: 40/d, weekly: [1, 1, 1, 1, 1, 0, 0]}}
)";

long model_day_mod_7(Time t) { return static_cast<long>(std::floor(t / 24)) % 7; }

// Orders and contacts counted by model day mod 7.
std::map<long, int> per_day(const RunResult& r, bool contacts) {
  std::map<long, int> out;
  if (contacts)
    for (const auto& c : r.contacts) ++out[model_day_mod_7(c.arrived)];
  else
    for (const auto& o : r.orders) ++out[model_day_mod_7(o.placed)];
  return out;
}

TEST_CASE("weekly demand and contact profiles follow the start date's weekdays",
          "[demand][contacts][dates]") {
  // 2026-10-01 is a Thursday: model days 2 and 3 (mod 7) are Saturday and Sunday.
  auto dated = test::run_with_records("start_date: 2026-10-01\n" + std::string(kWeekdaysOnly));
  for (bool contacts : {false, true}) {
    auto days = per_day(dated, contacts);
    INFO((contacts ? "contacts" : "orders"));
    CHECK(days[2] == 0);
    CHECK(days[3] == 0);
    for (long d : {0L, 1L, 4L, 5L, 6L}) CHECK(days[d] > 0);
  }
  // Without a start date day 0 is a Monday: the weekend is days 5 and 6.
  auto undated = test::run_with_records(kWeekdaysOnly);
  for (bool contacts : {false, true}) {
    auto days = per_day(undated, contacts);
    CHECK(days[5] == 0);
    CHECK(days[6] == 0);
    for (long d = 0; d < 5; ++d) CHECK(days[d] > 0);
  }
}

}  // namespace
}  // namespace surge
