// The `plans` section: named sets of dotted-path overrides (checked by applying them, in
// plan_checks.cpp).
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"

namespace surge {

const Declaration& plan_declaration() {
  static const Declaration d{
      .name = "plan",
      .doc_id = "plans",
      .description = "A named change to the scenario, with its cost.",
      .keys = {Key{"set", types::dictionary("dotted path", types::any())}.need().describe(
                   "dotted path -> value, as with --set"),
               Key{"cost", types::number()}.at_least(0).defaults("0").describe(
                   "what the plan costs, in money")}};
  return d;
}

namespace loader {

void read_plans(ReadContext& ctx) {
  YAML::Node plans = ctx.root["plans"];
  if (!plans.IsDefined() || plans.IsNull()) return;
  ctx.r.expect_map(plans, "`plans`");
  for (auto it = plans.begin(); it != plans.end(); ++it) {
    Plan plan;
    plan.id = ctx.r.string(it->first, "plan name");
    std::string what = "plan " + quoted(plan.id);
    YamlParamReader m(ctx.r, it->second, plan_declaration(), what);
    YAML::Node set = m.value("set");
    ctx.r.expect_map(set, "`set` of " + what);
    for (auto kv = set.begin(); kv != set.end(); ++kv) {
      std::string path = ctx.r.string(kv->first, "path");
      plan.set[path] = kv->second.IsScalar() ? kv->second.Scalar() : YAML::Dump(kv->second);
      ctx.plan_marks[plan.id][path] = kv->first;
    }
    plan.cost = m.number("cost");
    ctx.s.plans.push_back(std::move(plan));
  }
}

}  // namespace loader
}  // namespace surge
