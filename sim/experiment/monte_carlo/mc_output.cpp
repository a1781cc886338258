#include "surge/experiment/monte_carlo/mc_output.hpp"

#include <cmath>
#include <limits>

#include "surge/io/hdf5_file.hpp"
#include "surge/io/hdf5_writer.hpp"
#include "surge/metrics/kpi_units.hpp"
#include "surge/metrics/scoped_kpis.hpp"
#include "surge/metrics/targets.hpp"

namespace surge {
namespace {

using h5::column;
using h5::kLarge;
using h5::kSmall;

// Column names of the targets: "target.<key>.met" etc. (metrics/targets.hpp), or by position
// when the scenario's targets do not match the result's (they always do from the CLI).
std::vector<std::string> target_columns(const Scenario& s, const McResult& r) {
  std::vector<std::string> keys = target_keys(s);
  if (keys.size() != r.target_met.size()) {
    keys.clear();
    for (std::size_t k = 0; k < r.target_met.size(); ++k) keys.push_back(std::to_string(k));
  }
  for (auto& key : keys) key = "target." + key;
  return keys;
}

void write_replications(const h5::Group& parent, const Scenario& s, const McResult& r) {
  const auto& rows = r.rows;
  h5::Table t(parent.create_group("replications"), rows.size(), kLarge);
  using Row = ReplicationRow;
  t.add_u64("replication", column(rows, [](const Row& row) { return row.replication; }));
  t.add_bool("deliverable", column(rows, [](const Row& row) { return row.deliverable; }));
  t.add_str("breaks", column(rows, [](const Row& row) { return where_it_breaks(row); }));
  t.add_u64("events", column(rows, [](const Row& row) { return row.events; }));
  t.add_u64("trace_fingerprint", column(rows, [](const Row& row) { return row.fingerprint; }));
  for (std::size_t i = 0; i < r.input_names.size(); ++i)
    t.add_f64(r.input_names[i], column(rows, [i](const Row& row) {
                return i < row.inputs.size() ? row.inputs[i] : 0.0;
              }));
  for (std::size_t k = 0; k < r.headline.size(); ++k)
    t.add_f64(r.headline[k].label, column(rows, [k](const Row& row) { return row.kpis[k]; }))
        .set_attribute("unit", unit_name(kpi_unit(r.headline[k].metric)));
  const std::vector<std::string> targets = target_columns(s, r);
  for (std::size_t k = 0; k < r.target_met.size(); ++k) {
    const std::string& name = targets[k];
    t.add_bool(name + ".met", column(rows, [k](const Row& row) { return row.target_met[k] != 0; }));
    t.add_f64(name + ".value", column(rows, [k](const Row& row) { return row.target_values[k]; }));
    t.add_f64(name + ".first_break",
              column(rows, [k](const Row& row) { return row.first_break[k]; }))
        .set_attribute("unit", "hours");
    t.add_str(name + ".breaks", column(rows, [k](const Row& row) {
                return k < row.target_breaks.size() ? row.target_breaks[k] : std::string();
              }));
  }
  t.finish();
}

// The binding-constraint census over the replications (docs/kpis.md, "Binding constraints"):
// per constraint and window, the share of replications (and of failing ones) in which it
// bound, and its mean hours bound and work held with 95% intervals.
void write_census(const h5::Group& parent, const McResult& r) {
  std::size_t rows = r.census.size();
  if (r.census_hours.size() != rows) rows = 0;  // no replication ran
  std::uint64_t failing = r.replications() - r.deliverable;
  std::vector<std::string> window, constraint, kind, unit;
  std::vector<double> share, share_failing, hours, hours_low, hours_high, held, held_low, held_high;
  for (std::size_t c = 0; c < rows; ++c) {
    window.push_back(r.census[c].window);
    constraint.push_back(r.census[c].constraint);
    kind.push_back(r.census[c].kind);
    unit.push_back(census_held_unit(r.census[c].kind));
    const double n = static_cast<double>(r.replications());
    share.push_back(n > 0 ? static_cast<double>(r.census_bound_reps[c]) / n : 0.0);
    share_failing.push_back(failing > 0 ? static_cast<double>(r.census_bound_failing[c]) /
                                              static_cast<double>(failing)
                                        : 0.0);
    const RunningStats& h = r.census_hours[c];
    const RunningStats& w = r.census_held[c];
    hours.push_back(h.mean());
    hours_low.push_back(h.mean() - h.half_width());
    hours_high.push_back(h.mean() + h.half_width());
    held.push_back(w.mean());
    held_low.push_back(w.mean() - w.half_width());
    held_high.push_back(w.mean() + w.half_width());
  }
  h5::Table t(parent.create_group("census"), rows, kSmall);
  t.add_str("window", window);
  t.add_str("constraint", constraint);
  t.add_str("kind", kind);
  t.add_f64("bound_share", share);
  t.add_f64("bound_share_failing", share_failing);
  t.add_f64("mean_bound_hours", hours).set_attribute("unit", "hours");
  t.add_f64("bound_hours_ci_low", hours_low).set_attribute("unit", "hours");
  t.add_f64("bound_hours_ci_high", hours_high).set_attribute("unit", "hours");
  t.add_f64("mean_held", held);
  t.add_f64("held_ci_low", held_low);
  t.add_f64("held_ci_high", held_high);
  t.add_str("held_unit", unit);
  t.finish();
}

// The scoped KPIs (metrics/scoped_kpis.hpp): one column per KPI and one row per replication in
// `scoped_replications`, and their means with 95% CIs in `scoped_summary`.
void write_scoped(const h5::Group& parent, const Scenario& s, const McResult& r) {
  std::vector<ScopedKpi> layout = scoped_kpis(s);
  const auto& rows = r.rows;
  for (const auto& row : rows)
    if (row.scoped.size() != layout.size()) layout.clear();  // not this scenario's rows: none
  h5::Table t(parent.create_group("scoped_replications"), rows.size(), kLarge);
  using Row = ReplicationRow;
  t.add_u64("replication", column(rows, [](const Row& row) { return row.replication; }));
  std::vector<std::string> label, window, metric, node, product, market, resource, unit;
  std::vector<std::uint64_t> n;
  std::vector<double> mean, sd, low, high;
  for (std::size_t k = 0; k < layout.size(); ++k) {
    const ScopedKpi& kpi = layout[k];
    t.add_f64(kpi.label(), column(rows, [k](const Row& row) { return row.scoped[k]; }))
        .set_attribute("unit", unit_name(kpi_unit(kpi.metric)));
    RunningStats stats;
    for (const auto& row : rows)
      if (!std::isnan(row.scoped[k])) stats.add(row.scoped[k]);
    label.push_back(kpi.label());
    window.push_back(kpi.window);
    metric.push_back(kpi.metric);
    node.push_back(kpi.node);
    product.push_back(kpi.product);
    market.push_back(kpi.market);
    resource.push_back(kpi.resource);
    unit.push_back(unit_name(kpi_unit(kpi.metric)));
    n.push_back(stats.count());
    double hw = stats.half_width();
    mean.push_back(stats.count() ? stats.mean() : std::numeric_limits<double>::quiet_NaN());
    sd.push_back(stats.sd());
    low.push_back(stats.mean() - hw);
    high.push_back(stats.mean() + hw);
  }
  t.finish();
  h5::Table summary(parent.create_group("scoped_summary"), layout.size(), kSmall);
  summary.add_str("kpi", label);
  summary.add_str("window", window);
  summary.add_str("metric", metric);
  summary.add_str("node", node);
  summary.add_str("product", product);
  summary.add_str("market", market);
  summary.add_str("resource", resource);
  summary.add_str("unit", unit);
  summary.add_u64("n", n);
  summary.add_f64("mean", mean);
  summary.add_f64("sd", sd);
  summary.add_f64("ci_low", low);
  summary.add_f64("ci_high", high);
  summary.finish();
}

void write_summary(const h5::Group& parent, const McResult& r) {
  h5::Table t(parent.create_group("summary"), r.headline.size(), kSmall);
  std::vector<std::string> label, window, metric, node, unit;
  std::vector<std::uint64_t> n;
  std::vector<double> mean, sd, low, high;
  for (std::size_t k = 0; k < r.headline.size(); ++k) {
    const auto& h = r.headline[k];
    const auto& s = r.kpi_stats[k];
    label.push_back(h.label);
    window.push_back(h.window);
    metric.push_back(h.metric);
    node.push_back(h.node);
    unit.push_back(unit_name(kpi_unit(h.metric)));
    n.push_back(s.count());
    mean.push_back(s.count() ? s.mean() : std::numeric_limits<double>::quiet_NaN());
    sd.push_back(s.sd());
    double hw = s.half_width();
    low.push_back(s.mean() - hw);
    high.push_back(s.mean() + hw);
  }
  t.add_str("kpi", label);
  t.add_str("window", window);
  t.add_str("metric", metric);
  t.add_str("node", node);
  t.add_str("unit", unit);
  t.add_u64("n", n);
  t.add_f64("mean", mean);
  t.add_f64("sd", sd);
  t.add_f64("ci_low", low);
  t.add_f64("ci_high", high);
  t.finish();
}

void write_verdict(const h5::Group& parent, const Scenario& s, const Verdict& v) {
  h5::Group g = parent.create_group("verdict");
  g.set_attribute("required_confidence", v.required);
  g.set_attribute("replications", v.replications);
  g.set_attribute("p_deliverable", v.probability);
  g.set_attribute("ci_low", v.ci.low);
  g.set_attribute("ci_high", v.ci.high);
  g.set_attribute("ci_method", v.ci_method);
  g.set_attribute("judgement", to_string(v.judgement));
  g.set_attribute("breaks", v.breaks);
  g.set_attribute("breaks_share", v.breaks_share);
  h5::Table t(g.create_group("targets"), v.targets.size(), kSmall);
  std::vector<std::string> description, judgement, breaks;
  std::vector<double> p, low, high, p10, p50, p90, breaks_share;
  std::vector<std::uint64_t> broke;
  for (const auto& tv : v.targets) {
    description.push_back(tv.description);
    judgement.push_back(to_string(tv.judgement));
    p.push_back(tv.probability);
    low.push_back(tv.ci.low);
    high.push_back(tv.ci.high);
    broke.push_back(tv.broke);
    p10.push_back(tv.first_break_p10);
    p50.push_back(tv.first_break_p50);
    p90.push_back(tv.first_break_p90);
    breaks.push_back(tv.breaks);
    breaks_share.push_back(tv.breaks_share);
  }
  t.add_str("target", description);
  // The stable key and the words of each target, when the scenario's targets are the verdict's.
  std::vector<std::string> key = target_keys(s), words;
  for (const Target& target : s.targets) words.push_back(target_label(s, target));
  if (key.size() != v.targets.size()) key = words = description;
  t.add_str("key", key);
  t.add_str("label", words);
  t.add_f64("p_met", p);
  t.add_f64("ci_low", low);
  t.add_f64("ci_high", high);
  t.add_str("judgement", judgement);
  t.add_u64("replications_broken", broke);
  t.add_f64("first_break_day_p10", p10);
  t.add_f64("first_break_day_p50", p50);
  t.add_f64("first_break_day_p90", p90);
  t.add_str("breaks", breaks);
  t.add_f64("breaks_share", breaks_share);
  t.finish();
}

void write_bands(const h5::Group& parent, const McResult& r) {
  std::size_t rows = r.layout.values();
  if (r.bands.size() != rows) rows = 0;  // no replication ran: empty bands
  h5::Table t(parent.create_group("bands"), rows, kLarge);
  std::vector<std::string> quantity, node, item;
  std::vector<double> time;
  std::array<std::vector<double>, 5> q;
  std::size_t i = 0;
  for (std::size_t s = 0; s < r.layout.series.size() && rows; ++s)
    for (Time at : r.layout.times[s]) {
      quantity.push_back(r.layout.series[s].quantity);
      node.push_back(r.layout.series[s].node);
      item.push_back(r.layout.series[s].item);
      time.push_back(at);
      for (std::size_t k = 0; k < 5; ++k) q[k].push_back(r.bands[i][k].value());
      ++i;
    }
  t.add_str("quantity", quantity);
  t.add_str("node", node);
  t.add_str("item", item);
  t.add_f64("time", time).set_attribute("unit", "hours");
  const char* names[] = {"p5", "p25", "p50", "p75", "p95"};
  for (std::size_t k = 0; k < 5; ++k) t.add_f64(names[k], q[k]);
  t.finish();
}

}  // namespace

void write_mc_tables(const h5::Group& group, const Scenario& scenario, const McResult& result,
                     const Verdict& verdict) {
  write_replications(group, scenario, result);
  write_summary(group, result);
  write_scoped(group, scenario, result);
  write_census(group, result);
  write_verdict(group, scenario, verdict);
  write_bands(group, result);
}

void write_mc_result(const std::string& path, const Scenario& scenario, const McResult& result,
                     const Verdict& verdict) {
  write_hdf5_atomically(path, [&](const h5::Group& root) {
    root.set_attribute("kind", "mc");
    root.set_attribute("created_by", "surge mc");
    write_common_attributes(root, scenario);
    root.set_attribute("seed", scenario.seed);
    root.set_attribute("replications", static_cast<std::uint64_t>(result.replications()));
    write_scenario_group(root, scenario);
    write_mc_tables(root, scenario, result, verdict);
  });
}

}  // namespace surge
