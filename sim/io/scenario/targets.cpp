// The `targets` section: the confidence of the verdict and the KPI values it requires, each
// checked against the metric's declaration (metrics/kpi_metrics.hpp) for its scope.
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/metrics/kpi_metrics.hpp"

namespace surge {
namespace {

const Declaration& target_declaration() {
  static const Declaration d{
      .name = "target",
      .doc_id = "targets.require",
      .description = "A KPI value the verdict requires.",
      .keys = {Key{"metric", types::choice(target_metric_names(), "valid metrics")}.need().describe(
                   "a target-able KPI (metrics/kpi_metrics.cpp, docs/kpis.md)"),
               Key{"window", types::text()}.defaults("run").describe("`run` or a campaign id"),
               Key{"node", types::reference("node")}.describe("scope; see the scope rules"),
               Key{"product", types::reference("product")}.describe("scope"),
               Key{"market", types::reference("market")}.describe("scope"),
               Key{"answer_within", types::duration()}.above(0).describe(
                   "service_level threshold; default: the node's"),
               Key{"at_least", types::number()}.describe("the KPI must be >= this"),
               Key{"at_most", types::number()}.describe("the KPI must be <= this")},
      .alternatives = {{.options = {{{"at_least"}, ""}, {{"at_most"}, ""}}}}};
  return d;
}

}  // namespace

const Declaration& targets_declaration() {
  static const Declaration d{
      .name = "targets",
      .doc_id = "targets",
      .description = "What the verdict checks, and with what confidence.",
      .keys = {
          Key{"confidence", types::number()}.above(0).below(1).defaults("0.9").describe(
              "probability required of each target"),
          Key{"require", types::list(types::map(target_declaration()))}.describe("the targets")}};
  return d;
}

namespace loader {
namespace {

// A target's scope must name a KPI row the engine reports (docs/kpis.md, Scopes), as the
// metric's declaration says: anything else could never be met.
void check_target_scope(ReadContext& ctx, const YamlParamReader& req, const KpiMetric& metric,
                        const Target& t) {
  const std::string& m = t.metric;
  bool network = metric.scope == MetricScope::network;
  // Service nodes alone (no `markets`): there are no customer orders to measure.
  if (metric.scope == MetricScope::orders && ctx.s.markets.empty())
    ctx.r.fail(req.node("metric"),
               quoted(m) +
                   " measures customer orders, and this scenario has no `markets` "
                   "(service nodes alone); target a service node's metric (`node:`) "
                   "or a cost of the whole network instead");
  if (metric.scope == MetricScope::node) {
    if (t.node.empty())
      ctx.r.fail(req.node("metric"),
                 quoted(m) + " is measured per node: add `node:` (" + metric.node_role + ")");
    const Node* n = ctx.s.find_node(t.node);
    if (metric.node_type && n && n->type != *metric.node_type)
      ctx.r.fail(req.node("node"), quoted(m) + " needs a " + to_string(*metric.node_type) +
                                       " node; " + quoted(t.node) + " is a " + to_string(n->type));
    // A metric of a node's resources (its busiest station, line or agent pool) is never
    // measured at a node without any: the target could only fail.
    auto has_resources = [](const Node& node) {
      return !node.stations.empty() || !node.lines.empty() || node.type == NodeType::service;
    };
    if (!metric.node_type && n && !has_resources(*n)) {
      Keys with;
      for (const auto& other : ctx.s.nodes)
        if (has_resources(other)) with.push_back(other.id);
      ctx.r.fail(req.node("node"), quoted(m) + " of " + quoted(t.node) +
                                       " can never be measured: a " + to_string(n->type) +
                                       " has no stations, lines or agents" +
                                       (with.empty() ? std::string("; no node here has any")
                                                     : "; nodes that have: " + join(with)));
    }
    if (!t.product.empty() || !t.market.empty())
      ctx.r.fail(req.node(t.product.empty() ? "market" : "product"),
                 quoted(m) + " is per node, not per product or market; remove this key");
  } else if (!t.node.empty()) {
    ctx.r.fail(req.node("node"), quoted(m) +
                                     " is not measured per node; scope it with `product:` or "
                                     "`market:`" +
                                     std::string(network ? " (or not at all)" : ""));
  }
  if (network && (!t.product.empty() || !t.market.empty()))
    ctx.r.fail(req.node(t.product.empty() ? "market" : "product"),
               quoted(m) + " is for the whole network; remove this key");
  if (t.answer_within && !metric.answer_within) {
    Keys allowed;
    for (const KpiMetric& k : target_metrics())
      if (k.answer_within) allowed.push_back(quoted(k.name));
    ctx.r.fail(req.node("answer_within"), "`answer_within` applies only to " + join(allowed));
  }
}

}  // namespace

void read_targets(ReadContext& ctx) {
  YAML::Node t = ctx.root["targets"];
  if (!t.IsDefined() || t.IsNull()) return;
  YamlParamReader targets(ctx.r, t, targets_declaration(), "`targets`");
  ctx.s.confidence = targets.number("confidence");
  for (auto& entry : targets.items("require")) {
    YamlParamReader req(ctx.r, entry, target_declaration(), "target");
    Target target;
    target.metric = req.text("metric");
    const KpiMetric* metric = find_target_metric(target.metric);
    target.window = req.text("window");
    if (req.has("window") && target.window != "run" && !ctx.campaign_ids.count(target.window)) {
      Keys valid = {"run"};
      valid.insert(valid.end(), ctx.campaign_ids.begin(), ctx.campaign_ids.end());
      ctx.r.fail(req.node("window"), "unknown window " + quoted(target.window) +
                                         suggest(target.window, valid) +
                                         " valid: `run` or a campaign id (" + join(valid) + ")");
    }
    if (req.has("node")) ctx.check_node(req.node("node"), target.node = req.text("node"));
    if (req.has("product"))
      ctx.check_product(req.node("product"), target.product = req.text("product"));
    if (req.has("market")) ctx.check_market(req.node("market"), target.market = req.text("market"));
    if (req.has("answer_within")) target.answer_within = req.number("answer_within");
    req.check_alternatives();
    bool least = req.has("at_least");
    target.comparison = least ? Comparison::at_least : Comparison::at_most;
    target.value = req.number(least ? "at_least" : "at_most");
    check_target_scope(ctx, req, *metric, target);
    ctx.s.targets.push_back(target);
  }
}

}  // namespace loader
}  // namespace surge
