#include "surge/experiment/replication/replication_row.hpp"

#include <cmath>

#include "surge/metrics/kpi_names.hpp"

namespace surge {

std::vector<HeadlineKpi> headline_kpis(const Scenario& s) {
  std::vector<std::string> windows{"run"};
  for (const Campaign& c : s.campaigns) windows.push_back(c.id);
  std::vector<HeadlineKpi> kpis;
  for (const std::string& w : windows) {
    for (const char* m :
         {"fill_rate", "order_fill_rate", "otif", "backorders", "lost_sales", "mean_lead_time",
          "p95_lead_time", "revenue", "campaign_margin", "total_cost"})
      kpis.push_back({name_part(w) + "." + m, w, m, ""});
    // Ids in a column name are escaped (metrics/kpi_names.hpp): the name stays one HDF5 name.
    for (const Node& n : s.nodes)
      if (n.type == NodeType::service)
        for (const char* m : {"service_level", "abandonment_rate"})
          kpis.push_back({name_part(w) + "." + name_part(n.id) + "." + m, w, m, n.id});
  }
  return kpis;
}

ReplicationRow make_row(const std::vector<HeadlineKpi>& headline, const RunResult& r) {
  ReplicationRow row;
  row.replication = r.replication;
  for (const auto& input : r.inputs) row.inputs.push_back(input.second);
  for (const HeadlineKpi& k : headline) row.kpis.push_back(r.kpi(k.window, k.metric, k.node));
  row.scoped = r.scoped;
  row.deliverable = true;
  const TargetResult* first_missed = nullptr;
  for (const TargetResult& t : r.targets) {
    row.target_values.push_back(t.value);
    row.target_met.push_back(t.met ? 1 : 0);
    row.first_break.push_back(t.first_break);
    if (!t.met) {
      row.deliverable = false;
      if (!first_missed) first_missed = &t;
    }
  }
  // The bottleneck: the resource with the highest utilisation in the window of the first missed
  // target (ties: the longer mean queue), among the target's node's resources when it names a
  // node (a missed service level points at that desk); in a run that met everything, the
  // busiest resource of the whole run.
  std::string window = first_missed ? first_missed->window : "run";
  std::string node = first_missed ? first_missed->node : "";
  double best_u = -1, best_q = -1;
  for (const KpiRow& k : r.kpis) {
    if (k.window != window || k.metric != "utilisation" || k.resource.empty() ||
        std::isnan(k.value) || (!node.empty() && k.node != node))
      continue;
    double q = r.kpi(window, "mean_queue", k.node, "", "", k.resource);
    if (k.value > best_u || (k.value == best_u && q > best_q)) {
      best_u = k.value;
      best_q = q;
      row.bottleneck = k.node + "/" + k.resource;
    }
  }
  row.events = r.events;
  row.fingerprint = r.trace_fingerprint;
  return row;
}

}  // namespace surge
