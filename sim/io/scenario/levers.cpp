// The `levers` section: what `surge optimise` may change, each a dotted path with its candidate
// values, an optional window, a commitment lead time and a cost per unit of change
// (docs/scenario-reference.md, "levers").
#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "surge/io/overrides.hpp"
#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/model/units.hpp"

namespace surge {

const Declaration& lever_declaration() {
  static const Declaration d{
      .name = "lever",
      .doc_id = "levers",
      .description = "Something `surge optimise` may change: a dotted path and its candidates.",
      .keys = {Key{"path", types::text()}.need().describe("a dotted path, as in plans and --set"),
               Key{"values", types::any()}.need().describe(
                   "candidate values: a list of numbers, \"A..B\" (whole numbers) or "
                   "\"A..B by STEP\""),
               Key{"during", types::any()}.describe(
                   "as a plan's `during`: the values hold only in this window (capacities)"),
               Key{"lead_time", types::duration()}.defaults("0d").describe(
                   "how long before it takes effect it must be committed"),
               Key{"cost_per_unit", types::number()}.at_least(0).defaults("0").describe(
                   "money per unit of change away from the scenario's value")}};
  return d;
}

namespace loader {
namespace {

// A sanity limit (docs/reliability.md): the search screens values by bisection, but a typo in
// a step must not make a list of millions.
constexpr std::size_t kMaxLeverValues = 10'000;

std::vector<double> read_values(ReadContext& ctx, const YAML::Node& n, const std::string& what) {
  std::vector<double> values;
  if (n.IsSequence()) {
    for (const YAML::Node& v : n) values.push_back(ctx.r.number(v, "values"));
  } else if (n.IsScalar()) {
    // "A..B" or "A..B by STEP"
    const std::string text = n.Scalar();
    auto dots = text.find("..");
    auto by = text.find(" by ");
    std::optional<double> a, b, step = 1.0;
    if (dots != std::string::npos) {
      a = parse_number(text.substr(0, dots));
      b = parse_number(
          text.substr(dots + 2, by == std::string::npos ? std::string::npos : by - dots - 2));
      if (by != std::string::npos) step = parse_number(text.substr(by + 4));
    }
    if (!a || !b || !step || !std::isfinite(*a) || !std::isfinite(*b) || !(*step > 0) ||
        !(*a <= *b))
      ctx.r.fail(n, "`values` of " + what + ": `" + text +
                        "` is not a range; write A..B (A <= B), A..B by STEP (STEP > 0) or a "
                        "list of numbers");
    double count = std::floor((*b - *a) / *step + 1e-9) + 1;
    if (count > static_cast<double>(kMaxLeverValues))
      ctx.r.fail(n, "`values` of " + what + ": `" + text + "` makes " + readable_number(count) +
                        " values; the limit is " + std::to_string(kMaxLeverValues) +
                        ": use a larger step");
    for (double i = 0; i < count; ++i) values.push_back(*a + i * *step);
  } else {
    ctx.r.fail(n, "`values` of " + what + " must be a list of numbers, A..B or A..B by STEP; got " +
                      describe_node(n));
  }
  if (values.empty()) ctx.r.fail(n, "`values` of " + what + " is empty; give at least one value");
  if (values.size() > kMaxLeverValues)
    ctx.r.fail(
        n, "`values` of " + what + " has more than " + std::to_string(kMaxLeverValues) + " values");
  std::sort(values.begin(), values.end());
  if (std::adjacent_find(values.begin(), values.end()) != values.end())
    ctx.r.fail(n, "`values` of " + what + " lists a value twice; each candidate once");
  return values;
}

}  // namespace

void read_levers(ReadContext& ctx) {
  std::set<std::string> paths;
  for (auto& l : ctx.optional_list(ctx.root, "levers")) {
    YamlParamReader m(ctx.r, l, lever_declaration(), "lever");
    Lever lever;
    lever.path = m.text("path");
    const std::string what = "lever " + quoted(lever.path);
    m.set_what(what);
    if (!paths.insert(lever.path).second)
      ctx.r.fail(m.node("path"),
                 "two levers change " + quoted(lever.path) + "; give each path once");
    lever.values = read_values(ctx, m.value("values"), what);
    lever.during = read_window(ctx, m, what);
    lever.lead_time = m.number("lead_time");
    lever.cost_per_unit = m.number("cost_per_unit");
    // The value the scenario has: the cost of a candidate counts from it.
    auto at_path = [&](const std::string& path) {
      try {
        return get_path(ctx.root, path);
      } catch (const PathError& e) {
        ctx.r.fail(m.node("path"), what + ": " + e.what());
      }
    };
    const YAML::Node current = at_path(lever.path);
    // A key missing from its map may be a typo of one that is there.
    std::string typo;
    if (!current.IsDefined()) {
      auto dot = lever.path.rfind('.');
      const YAML::Node parent =
          dot == std::string::npos ? ctx.root : at_path(lever.path.substr(0, dot));
      std::vector<std::string> keys;
      if (parent.IsMap())
        for (auto it = parent.begin(); it != parent.end(); ++it)
          if (it->first.IsScalar()) keys.push_back(it->first.Scalar());
      typo = did_you_mean(lever.path.substr(dot == std::string::npos ? 0 : dot + 1), keys);
    }
    // A capacity a plan has given windows (a schedule) counts from its base.
    const YAML::Node plain = current.IsDefined() && current.IsMap() && current["base"].IsDefined()
                                 ? current["base"]
                                 : current;
    std::optional<double> base =
        plain.IsDefined() && plain.IsScalar() ? parse_number(plain.Scalar()) : std::nullopt;
    if (!base || !std::isfinite(*base))
      ctx.r.fail(
          m.node("path"),
          what + ": a lever changes a plain number, and `" + lever.path + "` " +
              (current.IsDefined() ? "is " + describe_node(current) +
                                         (current.IsScalar() ? " `" + current.Scalar() + "`" : "")
                                   : "is not written in the file" + typo) +
              "; write its value in the file as a number (e.g. `servers: 4`)");
    lever.base = *base;
    ctx.lever_marks.push_back(m.value("values"));
    ctx.s.levers.push_back(std::move(lever));
  }
}

}  // namespace loader
}  // namespace surge
