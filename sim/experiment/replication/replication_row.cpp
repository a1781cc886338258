#include "surge/experiment/replication/replication_row.hpp"

#include <cmath>

#include "surge/metrics/binding_census.hpp"
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

std::size_t run_total_cost_column(const std::vector<HeadlineKpi>& headline) {
  for (std::size_t k = 0; k < headline.size(); ++k)
    if (headline[k].window == "run" && headline[k].metric == "total_cost") return k;
  return headline.size();
}

std::vector<CensusKey> census_keys(const RunResult& r) {
  std::vector<CensusKey> keys;
  for (const CensusRow& c : r.census) keys.push_back({c.window, c.constraint, c.kind});
  return keys;
}

std::string where_it_breaks(const ReplicationRow& row) {
  for (std::size_t t = 0; t < row.target_met.size() && t < row.target_breaks.size(); ++t)
    if (!row.target_met[t]) return row.target_breaks[t];
  return "";
}

std::string chain_head(const std::string& chain) {
  // The first link is "<name> <phrase>", the phrase one of binding_phrase()'s.
  std::string first = chain.substr(0, chain.find(" \u2190 "));
  for (ConstraintKind kind :
       {ConstraintKind::stock, ConstraintKind::station, ConstraintKind::agents,
        ConstraintKind::line, ConstraintKind::lane, ConstraintKind::supplier})
    for (bool down : {false, true}) {
      const std::string phrase = std::string(" ").append(binding_phrase(kind, down));
      if (first.size() > phrase.size() &&
          first.compare(first.size() - phrase.size(), phrase.size(), phrase) == 0)
        return first.substr(0, first.size() - phrase.size());
    }
  return first;
}

ReplicationRow make_row(const std::vector<HeadlineKpi>& headline, const RunResult& r) {
  ReplicationRow row;
  row.replication = r.replication;
  for (const auto& input : r.inputs) row.inputs.push_back(input.second);
  for (const HeadlineKpi& k : headline) row.kpis.push_back(r.kpi(k.window, k.metric, k.node));
  row.scoped = r.scoped;
  row.deliverable = true;
  for (const TargetResult& t : r.targets) {
    row.target_values.push_back(t.value);
    row.target_met.push_back(t.met ? 1 : 0);
    row.first_break.push_back(t.first_break);
    if (!t.met) row.deliverable = false;
  }
  for (const TargetBreak& b : r.breaks) row.target_breaks.push_back(b.met ? "" : b.chain);
  for (const CensusRow& c : r.census) {
    row.census_bound.push_back(c.bound_hours);
    row.census_held.push_back(c.held);
  }
  row.events = r.events;
  row.fingerprint = r.trace_fingerprint;
  return row;
}

}  // namespace surge
