// The top level of a scenario file: its own keys (name, horizon, warmup, seed, sample_every)
// and the sections, each declared in its own file.
#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/model/units.hpp"

namespace surge {

const Declaration& scenario_declaration() {
  static const Declaration d = [] {
    ValueType products = types::list(types::map(product_declaration()));
    products.min_items = 1;
    ValueType markets = types::list(types::map(market_declaration()));
    markets.min_items = 1;
    return Declaration{
        .name = "scenario",
        .doc_id = "scenario",
        .description = "A supply chain and its campaigns (docs/scenario-reference.md).",
        .keys = {
            Key{"name", types::text()}.need().describe("shown in summaries and reports"),
            Key{"description", types::text()}.defaults("").describe("free text"),
            Key{"start_date", types::date()}.describe(
                "time 0 is this date's midnight; time points may then be dates, and weekdays "
                "follow it (without it, time 0 is a Monday)"),
            Key{"horizon", types::time_point()}.need().above(0).describe(
                "simulated time, or the instant the run ends; at most 100 years (a sanity "
                "limit)"),
            Key{"warmup", types::time_point()}.defaults("0d").describe(
                "before horizon; the `run` window starts after it"),
            Key{"currency", types::text()}.describe(
                "the ISO 4217 code of the money amounts (EUR, USD, GBP ...), shown beside them"),
            Key{"seed", types::integer()}.at_least(0).defaults("1").describe(
                "of every random stream"),
            Key{"sample_every", types::duration()}.above(0).defaults("1d").describe(
                "time-series interval"),
            Key{"products", products}.describe(
                "at least one; may be left out when every node is a service node"),
            Key{"calendars", types::dictionary("calendar name", types::map(calendar_declaration()))}
                .describe("opening hours by name"),
            Key{"nodes", types::list(types::family(node_family()))}.need().describe(
                "suppliers, factories, warehouses, fulfilment centres, service desks"),
            Key{"lanes", types::list(types::map(lane_declaration()))}.describe(
                "transport between nodes"),
            Key{"markets", markets}.describe(
                "at least one; may be left out when every node is a service node"),
            Key{"campaigns", types::list(types::map(campaign_declaration()))}.describe(
                "demand uplifts in time windows"),
            Key{"targets", types::map(targets_declaration())}.describe("what the verdict checks"),
            Key{"orders", types::list(types::map(planned_order_declaration()))}.describe(
                "one-off replenishment orders placed at given times"),
            Key{"levers", types::list(types::map(lever_declaration()))}.describe(
                "what `surge optimise` may change, with candidate values and costs"),
            Key{"plans", types::dictionary("plan name", types::map(plan_declaration()))}.describe(
                "named sets of overrides, compared by `surge compare`"),
            Key{"limits", types::map(limits_declaration())}.describe(
                "sanity limits of one replication (events, memory), to raise deliberately"),
        }};
  }();
  return d;
}

namespace loader {
namespace {

// A sanity limit (docs/reliability.md): far beyond any real study, close enough to stop a typo
// from eating the machine.
constexpr double kMaxHorizon = 100 * 365 * kDay;

}  // namespace

void read_header(ReadContext& ctx) {
  YamlParamReader top(ctx.r, ctx.root, scenario_declaration(), "the scenario");
  Scenario& s = ctx.s;
  s.name = top.text("name");
  // The start date first: every time point after it may be a date.
  if (top.has("start_date")) {
    std::string error;
    auto start = DateAxis::parse_date(top.text("start_date"), &error);
    s.dates = DateAxis(*start);  // text() has checked it
    ctx.r.set_dates(s.dates);
  }
  if (YAML::Node d = top.node("description"); d.IsDefined() && !d.IsNull())
    s.description = top.text("description");
  s.horizon = top.number("horizon");
  YAML::Node horizon = top.node("horizon");
  if (!(s.horizon <= kMaxHorizon))
    ctx.r.fail(horizon,
               "`horizon` (" + horizon.Scalar() +
                   ") is beyond 100 years; Surge refuses it to keep a typo from running for "
                   "ever (docs/reliability.md)");
  s.warmup = top.number("warmup");
  if (s.warmup >= s.horizon)
    ctx.r.fail(top.node("warmup"), "`warmup` (" + top.node("warmup").Scalar() +
                                       ") must be shorter than `horizon` (" + horizon.Scalar() +
                                       ")");
  // Any 64-bit seed, read from its digits: through a double, those above 2^53 would round.
  YAML::Node seed = top.node("seed");
  const std::string digits = seed.IsDefined() && seed.IsScalar() ? seed.Scalar() : std::string();
  if (!digits.empty() && digits.find_first_not_of("0123456789") == std::string::npos) {
    errno = 0;
    s.seed = std::strtoull(digits.c_str(), nullptr, 10);
    if (errno == ERANGE)
      ctx.r.fail(seed, "`seed` must be a whole number from 0 to 18446744073709551615, got `" +
                           digits + "`");
  } else {
    s.seed = static_cast<std::uint64_t>(top.number("seed"));
  }
  s.sample_every = top.number("sample_every");
  if (top.has("currency")) {
    s.currency = top.text("currency");
    const bool iso =
        s.currency.size() == 3 && std::all_of(s.currency.begin(), s.currency.end(),
                                              [](char c) { return c >= 'A' && c <= 'Z'; });
    if (!iso)
      ctx.r.fail(top.node("currency"),
                 "`currency` must be a three-letter ISO 4217 code such as "
                 "EUR, USD or GBP, got `" +
                     s.currency + "`");
  }
}

}  // namespace loader
}  // namespace surge
