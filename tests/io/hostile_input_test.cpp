// Hostile and careless inputs to the loader (issue #18, docs/reliability.md): what used to hang,
// pass `validate` and then die in `run` (exit 70), or run nonsense, is refused at load with a
// located message, by one rule in the shared reader rather than per key. The bad-input corpus
// (tests/bad_inputs/) has one file per example; these tests check the rules behind them.
#include <cmath>
#include <string>
#include <vector>

#include "io/test_support.hpp"
#include "surge/io/yaml_reader.hpp"
#include "surge/kernel/random.hpp"
#include "surge/model/distribution.hpp"
#include "surge/model/units.hpp"

using Catch::Matchers::Contains;
using surge::test::kMinimal;
using surge::test::load_error;

namespace {

std::string with(std::string text, const std::string& from, const std::string& to) {
  auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

// A few hundred bytes of YAML that expand to 10^levels leaves when aliases are followed.
std::string alias_bomb(int levels) {
  std::string out = "[&l0 [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]";
  for (int i = 1; i < levels; ++i) {
    std::string prev = "*l" + std::to_string(i - 1);
    out += ", &l" + std::to_string(i) + " [";
    for (int k = 0; k < 10; ++k) out += (k ? ", " : "") + prev;
    out += "]";
  }
  return out + "]";
}

}  // namespace

TEST_CASE("an error is located at once beside an alias bomb in a --set value", "[loader][limits]") {
  // 10^12 leaves: walking them to find where an error is would never end.
  std::string text = with(kMinimal, "price: 10", "price: -1");
  auto err = load_error(text, {"plans={p: {set: {x: " + alias_bomb(12) + "}}}"});
  CHECK_ERROR_AT_TOKEN(err, text, "-1", "`price` must be >= 0");
  // In a plan's value string, parsed as YAML when the plan is checked: the error is at the
  // plan's other value, and the bomb is an override registered beside it.
  std::string plan = kMinimal +
                     std::string(
                         "plans:\n  other: {set: {description: x}}\n  p: {set: "
                         "{nodes.dc.inventory.widget.initial: -5, "
                         "plans.other.set.y: \"") +
                     alias_bomb(12) + "\"}}\n";
  auto in_plan = load_error(plan);
  CHECK_THAT(in_plan.message(), Contains("`initial` must be >= 0"));
  CHECK_THAT(in_plan.message(), Contains("(with plan `p` applied)"));
  // And inside the bomb's own override, the error names the --set.
  auto inside = load_error(kMinimal, {"description=" + alias_bomb(12)});
  CHECK(inside.file() == "--set description");
}

TEST_CASE("did-you-mean stays cheap for long ids", "[loader][limits]") {
  // Comparing two ids is quadratic in their length: long words get no suggestion.
  const std::string long_id(100000, 'a');
  std::vector<std::string> candidates(50, std::string(100000, 'b'));
  candidates.push_back(long_id + "x");
  CHECK_FALSE(surge::closest_match(long_id, candidates));
  // Short typos still get one, and candidates of very different length are skipped.
  CHECK(surge::closest_match("lead_tme", {"lead_time", "a_much_longer_key_name"}) == "lead_time");
  std::string text = with(kMinimal, "demand: {product: widget", "demand: {product: " + long_id);
  auto err = load_error(text);
  CHECK_THAT(err.message(), Contains("unknown product"));
  CHECK_THAT(err.message(), !Contains("did you mean"));
}

TEST_CASE("a duration beyond 1000 years is out of range wherever it is written",
          "[loader][limits]") {
  // Once in hours, 1e307d is infinite; the kernel would refuse the delay after validate said ok.
  CHECK_FALSE(surge::parse_duration("1e307d").value);
  CHECK_THAT(surge::parse_duration("1e307d").error, Contains("out of range: at most 365000d"));
  CHECK_THAT(surge::parse_duration("1e400d").error, Contains("out of range"));
  CHECK(surge::parse_duration("365000d").value == 365000 * 24.0);
  CHECK_FALSE(surge::parse_duration("365001d").value);
  auto lead = load_error(kMinimal, {"markets.eu.delivery={lead_time: 1e307d}"});
  CHECK(lead.file() == "--set markets.eu.delivery");
  CHECK_THAT(lead.message(), Contains("`1e307d` is out of range"));
  // Inside a distribution, the parameter is read the same way.
  auto param = load_error(kMinimal, {"markets.eu.delivery={lead_time: {dist: exponential, "
                                     "mean: 1e307d}}"});
  CHECK_THAT(param.message(), Contains("out of range"));
}

TEST_CASE("half a day may be written .5d", "[loader]") {
  CHECK(surge::parse_duration(".5d").value == 12.0);
  CHECK(surge::parse_duration("0.5d").value == 12.0);
  CHECK_FALSE(surge::parse_duration(".d").value);
  CHECK_NOTHROW(surge::load_scenario_text(with(kMinimal, "horizon: 10d", "horizon: 9.5d"), "s"));
  CHECK_NOTHROW(surge::load_scenario_text(kMinimal, "s", {"markets.eu.delivery={promise: .5d}"}));
}

TEST_CASE("plain numbers beyond 1e15 and beyond a double are out of range", "[loader][limits]") {
  auto huge = load_error(with(kMinimal, "price: 10", "price: 1e400"));
  CHECK_THAT(huge.message(), Contains("`price` is out of range"));
  auto large = load_error(with(kMinimal, "initial: 100", "initial: 2e15"));
  CHECK_THAT(large.message(), Contains("`initial` is out of range"));
  CHECK_NOTHROW(surge::load_scenario_text(with(kMinimal, "initial: 100", "initial: 1e15"), "s"));
  // Text that is no number stays "not a number".
  auto word = load_error(with(kMinimal, "price: 10", "price: ten"));
  CHECK_THAT(word.message(), Contains("must be a plain number"));
}

TEST_CASE("a lognormal or gamma spread beyond what can be drawn is refused", "[loader][limits]") {
  for (std::string dist : {"lognormal", "gamma"}) {
    for (std::string cv : {"1e-200", "101", "1e-7"}) {
      INFO(dist << " cv " << cv);
      auto err = load_error(kMinimal, {"markets.eu.delivery={lead_time: {dist: " + dist +
                                       ", mean: 1d, cv: " + cv + "}}"});
      CHECK_THAT(err.message(), Contains("`cv` must be"));
    }
  }
  // 1e200 is beyond every plain number already.
  auto huge = load_error(kMinimal, {"markets.eu.delivery={lead_time: {dist: gamma, mean: 1d, cv: "
                                    "1e200}}"});
  CHECK_THAT(huge.message(), Contains("`cv` is out of range"));
  auto spread = load_error(kMinimal, {"markets.eu.delivery={lead_time: {dist: lognormal, median: "
                                      "1h, p90: 51h}}"});
  CHECK_THAT(spread.message(), Contains("`p90` must be at most 50 x `median`"));
}

TEST_CASE("every distribution the loader accepts at the edges draws finite values in range",
          "[loader][limits]") {
  // The rule behind the bounds: at each bound, the draws are numbers within min and max value.
  surge::RandomStream stream(7);
  for (std::string text :
       {"{dist: gamma, mean: 1d, cv: 100}", "{dist: gamma, mean: 1d, cv: 1e-6}",
        "{dist: lognormal, mean: 1d, cv: 100}", "{dist: lognormal, mean: 1d, cv: 1e-6}",
        "{dist: lognormal, median: 1d, p90: 50d}", "{dist: exponential, mean: 365000d}",
        "{dist: normal, mean: 0d, sd: 365000d}", "{dist: uniform, min: 0d, max: 365000d}",
        "{dist: triangular, min: 1d, mode: 1d, max: 2d}"}) {
    INFO(text);
    surge::Scenario s =
        surge::load_scenario_text(kMinimal, "s", {"markets.eu.delivery={lead_time: " + text + "}"});
    const surge::Distribution& d = s.markets[0].delivery_lead_time;
    CHECK(d.is_well_defined());
    for (int i = 0; i < 2000; ++i) {
      double x = d.sample(stream);
      REQUIRE(std::isfinite(x));
      REQUIRE(x >= d.min_value());
      REQUIRE(x <= d.max_value());
    }
  }
}

TEST_CASE("a bound of a distribution key holds for every value it can draw", "[loader]") {
  // Uplift > 0, order size >= 0: a distribution that can go below is refused, as a scalar is.
  std::string text = kMinimal + std::string(
                                    "campaigns:\n  - {id: c, product: widget, start: 2d, "
                                    "duration: 2d, uplift: 2}\n");
  auto uplift = load_error(text, {"campaigns.c.uplift={dist: uniform, min: -1, max: 3}"});
  CHECK_THAT(uplift.message(),
             Contains("`uplift` must be > 0, but this uniform distribution can draw -1"));
  auto zero = load_error(text, {"campaigns.c.uplift={dist: empirical, values: [0, 2]}"});
  CHECK_THAT(zero.message(), Contains("can draw 0"));
  // A gamma or lognormal never draws 0, nor the normal truncated at 0 below it.
  CHECK_NOTHROW(
      surge::load_scenario_text(text, "s", {"campaigns.c.uplift={dist: gamma, mean: 2, cv: 1}"}));
  CHECK_NOTHROW(
      surge::load_scenario_text(text, "s", {"campaigns.c.uplift={dist: normal, mean: 2, sd: 3}"}));
  auto size = load_error(kMinimal, {"markets.eu.demand={product: widget, rate: 10/d, size: {dist: "
                                    "uniform, min: -2, max: 4}}"});
  CHECK_THAT(size.message(), Contains("`size` must be >= 0"));
  auto scalar = load_error(kMinimal, {"markets.eu.demand={product: widget, rate: 10/d, size: -3}"});
  CHECK_THAT(scalar.message(), Contains("`size` must be >= 0"));
}

TEST_CASE("one replication's events and memory are estimated and limited before it runs",
          "[loader][limits]") {
  // A review every nanosecond: never ends, but holds nothing.
  std::string periodic = with(kMinimal, "inventory: {widget: {initial: 100}}",
                              "inventory: {widget: {initial: 100, source: acme, policy: {type: "
                              "RsS, review: 1e-9s, s: 10, S: 100}}}");
  periodic = with(periodic, "nodes:\n",
                  "nodes:\n  - {id: acme, type: supplier, products: "
                  "{widget: {lead_time: 1d}}}\n");
  periodic += "lanes:\n  - {from: acme, to: dc, lead_time: 1d}\n";
  auto events = load_error(periodic);
  CHECK_ERROR_AT_TOKEN(events, periodic, "1e-9s",
                       "one replication would run about 8.64e+14 events, mostly for 8.64e+14 "
                       "reviews of `widget` at `dc` (every 1e-09s)");
  CHECK_THAT(events.message(), Contains("the limit is 1e+09 events: lengthen the review period, "
                                        "or raise `limits.events` to run it deliberately"));
  // Deliberately: the limit is the scenario's to raise.
  CHECK_NOTHROW(surge::load_scenario_text(periodic + "limits: {events: 1e15}\n", "s"));
  // Each delivered order keeps its lead time for the exact quantiles (docs/kpis.md): a demand
  // of 1e12 a day needs more memory than a machine has.
  std::string orders = with(kMinimal, "rate: 10/d", "rate: 1e12/d");
  auto memory = load_error(orders);
  CHECK_ERROR_AT_TOKEN(memory, orders, "1e12/d", "one replication would hold about");
  CHECK_THAT(memory.message(), Contains("mostly for 1e+13 orders of `widget` in market `eu`"));
  // A line making a trillion units a day one at a time: an event per batch.
  std::string factory = with(kMinimal, "nodes:\n",
                             "nodes:\n  - {id: plant, type: factory, lines: [{product: widget, "
                             "rate: 1e12/d}]}\n");
  factory = with(factory, "inventory: {widget: {initial: 100}}",
                 "inventory: {widget: {initial: 100, source: plant, policy: {type: base_stock, "
                 "level: 1e12}}}");
  factory += "lanes:\n  - {from: plant, to: dc, lead_time: 1d}\n";
  auto batches = load_error(factory);
  CHECK_ERROR_AT_TOKEN(batches, factory, "1e12/d", "mostly for 1e+13 batches of line `widget`");
  CHECK_NOTHROW(surge::load_scenario_text(
      with(factory, "rate: 1e12/d}]", "rate: 1e12/d, batch: 1e6}]"), "s"));
  // A plan that makes the run too large is refused when the file loads, naming the plan.
  auto plan = load_error(kMinimal + std::string("plans:\n  big: {set: {markets.eu.demand.rate: "
                                                "1e12/d}}\n"));
  CHECK_THAT(plan.message(), Contains("(with plan `big` applied)"));
}

TEST_CASE("a scenario is one UTF-8 document", "[loader]") {
  auto second = load_error(std::string(kMinimal) + "---\nname: other\n");
  CHECK(second.line() == 11);  // the `---`
  CHECK_THAT(second.message(), Contains("a second YAML document starts here"));
  auto nul = load_error(with(kMinimal, "name: t", std::string("name: t\0x", 9)));
  CHECK_ERROR_AT(nul, 1, 8, "the scenario is not text: a NUL byte");
  auto latin1 = load_error(with(kMinimal, "name: t", "name: caf\xe9"));
  CHECK_ERROR_AT(latin1, 1, 10, "a byte that is not UTF-8 (0xE9)");
  // UTF-8 itself is fine, in names and ids.
  CHECK_NOTHROW(
      surge::load_scenario_text(with(kMinimal, "name: t", "name: caf\xc3\xa9 \xe2\x82\xac"), "s"));
  auto set = load_error(kMinimal, {"name=caf\xe9"});
  CHECK(set.file() == "--set name");
  CHECK_THAT(set.message(), Contains("not UTF-8"));
}

// The loader looks for a second document only where one can start (yaml_tree.cpp): each way
// one can follow the first must still be found.
TEST_CASE("every way a second document can start is found", "[loader]") {
  const std::string doc(kMinimal);
  const std::string other = "name: other\n";
  // The text after the scenario's 10 lines, and the line the second document starts on.
  const std::vector<std::pair<std::string, int>> seconds = {{"---\n" + other, 11},
                                                            {"--- \n", 11},
                                                            {"...\n" + other, 12},
                                                            {"%YAML 1.2\n---\n" + other, 12}};
  for (const auto& [second, line] : seconds) {
    INFO(second);
    auto e = load_error(doc + second);
    CHECK(e.line() == line);
    CHECK_THAT(e.message(), Contains("a second YAML document starts here"));
  }
  // A root map indented, or in braces, ends before a later line at column 0 or a second map.
  std::string indented;
  for (std::size_t at = 0; at < doc.size();) {
    std::size_t end = doc.find('\n', at);
    indented += "  " + doc.substr(at, end - at + 1);
    at = end + 1;
  }
  CHECK_NOTHROW(surge::load_scenario_text(indented, "s"));
  auto dedent = load_error(indented + "seed: 3\n");
  CHECK(dedent.line() == 11);
  CHECK_THAT(dedent.message(), Contains("a second YAML document starts here"));
  auto flow = load_error("{name: x} {name: y}\n");
  CHECK_ERROR_AT(flow, 1, 11, "a second YAML document starts here");
  // `---` inside a line, or indented, is text of the document, not a marker.
  CHECK_NOTHROW(surge::load_scenario_text(with(doc, "name: t", "name: \"t --- x\""), "s"));
}

TEST_CASE("deep nesting is refused with its own message", "[loader][limits]") {
  for (int depth : {100, 2000, 5000}) {
    INFO(depth);
    auto err = load_error(kMinimal + std::string("x: ") + std::string(depth, '[') +
                          std::string(depth, ']') + "\n");
    CHECK_THAT(err.message(), Contains("nest more than 64 levels deep"));
    CHECK(err.line() == 11);
  }
  // In a plan's value string (parsed when the plan is checked) and in a --set value.
  const std::string deep = std::string(2000, '[') + std::string(2000, ']');
  auto plan =
      load_error(kMinimal + std::string("plans:\n  p: {set: {description: \"") + deep + "\"}}\n");
  CHECK_THAT(plan.message(), Contains("is not valid YAML: maps and lists nest more than 64"));
  auto set = load_error(kMinimal, {"description=" + deep});
  CHECK(set.file() == "--set description");
  CHECK_THAT(set.message(), Contains("nest more than 64 levels"));
}

TEST_CASE("ids are never empty", "[loader]") {
  auto market = load_error(with(kMinimal, "{id: eu,", "{id: \"\","));
  CHECK_THAT(market.message(), Contains("`id` must not be empty"));
  auto product = load_error(with(kMinimal, "{id: widget,", "{id: '',"));
  CHECK_THAT(product.message(), Contains("`id` must not be empty"));
}

TEST_CASE("a policy's memory of past periods is bounded", "[loader][limits]") {
  // The anchor-and-adjust rule holds one order per review period of its delay; a moving average
  // one demand per period averaged. A million is far beyond any study and fits an int.
  std::string text = with(kMinimal, "nodes:\n",
                          "nodes:\n  - {id: acme, type: supplier, products: "
                          "{widget: {lead_time: 1d}}}\n");
  text += "lanes:\n  - {from: acme, to: dc, lead_time: 1d}\n";
  const std::string policy = "nodes.dc.inventory.widget={initial: 100, source: acme, policy: ";
  auto delay = load_error(text, {policy + "{type: anchor_adjust, review: 1s, target_stock: 100, "
                                          "order_delay: 20000d}}"});
  CHECK_THAT(delay.message(), Contains("`order_delay` must be at most 1000000 review periods"));
  CHECK_NOTHROW(surge::load_scenario_text(
      text, "s",
      {policy + "{type: anchor_adjust, review: 1d, target_stock: 100, order_delay: 2d}}"}));
  auto periods = load_error(text, {policy + "{type: order_up_to, review: 1d, forecast: {type: "
                                            "moving_average, periods: 3e9}}}"});
  CHECK_THAT(periods.message(), Contains("`periods` must be <= 1e+06"));
}
