#include "surge/experiment/monte_carlo/verdict.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

namespace surge {

const char* to_string(Deliverability d) {
  switch (d) {
    case Deliverability::deliverable: return "DELIVERABLE";
    case Deliverability::at_risk: return "AT RISK";
    case Deliverability::not_deliverable: return "NOT DELIVERABLE";
  }
  return "?";
}

Deliverability judge(const Interval& ci, double required) {
  if (ci.low >= required) return Deliverability::deliverable;
  if (ci.high < required) return Deliverability::not_deliverable;
  return Deliverability::at_risk;
}

namespace {

// Nearest-rank quantile of a sorted sample.
double quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return -1;
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::max<std::size_t>(rank, 1) - 1];
}

}  // namespace

BreakVote vote_breaks(const std::vector<std::string>& chains) {
  BreakVote vote;
  if (chains.empty()) return vote;
  std::map<std::string, std::uint64_t> heads;
  for (const std::string& c : chains)
    if (!c.empty()) ++heads[chain_head(c)];
  std::string head;
  std::uint64_t most = 0;
  for (const auto& [name, count] : heads)
    if (count > most) {
      most = count;
      head = name;
    }
  if (most == 0) return vote;
  std::map<std::string, std::uint64_t> full;
  for (const std::string& c : chains)
    if (!c.empty() && chain_head(c) == head) ++full[c];
  std::uint64_t best = 0;
  for (const auto& [chain, count] : full)
    if (count > best) {
      best = count;
      vote.chain = chain;
    }
  vote.share = static_cast<double>(most) / static_cast<double>(chains.size());
  return vote;
}

Interval best_case_interval(std::uint64_t n, bool sequential, std::string* method) {
  if (!sequential) {
    if (method) *method = "95% Wilson";
    return wilson_interval(static_cast<double>(n), static_cast<double>(n));
  }
  LookSchedule looks = look_schedule(n);
  if (method) *method = look_method(looks);
  return look_interval(n, n, looks);
}

std::uint64_t fewest_replications_to_deliver(double required, bool sequential, std::uint64_t from,
                                             std::uint64_t limit) {
  // A scan, not a bisection: with the looks, the best case dips where one more look is added.
  for (std::uint64_t n = std::max<std::uint64_t>(from, 1); n <= limit; ++n)
    if (best_case_interval(n, sequential).low >= required) return n;
  return 0;
}

Verdict make_verdict(const Scenario& s, const McResult& r) {
  Verdict v;
  v.required = s.confidence;
  v.replications = r.replications();
  double n = static_cast<double>(v.replications);
  v.probability = n > 0 ? static_cast<double>(r.deliverable) / n : 0;
  if (r.sequential.used) {
    // Judged as the sequential rule judged it, so that the stop and the verdict agree.
    const LookSchedule& looks = r.sequential.schedule;
    v.ci = look_interval(r.deliverable, r.replications(), looks);
    v.ci_method = look_method(looks);
  } else {
    v.ci = wilson_interval(static_cast<double>(r.deliverable), n);
  }
  v.judgement = judge(v.ci, v.required);
  for (std::size_t t = 0; t < r.target_met.size(); ++t) {
    TargetVerdict tv;
    tv.description = t < r.target_names.size() ? r.target_names[t] : "target " + std::to_string(t);
    tv.probability = n > 0 ? static_cast<double>(r.target_met[t]) / n : 0;
    tv.ci = wilson_interval(static_cast<double>(r.target_met[t]), n);
    tv.judgement = judge(tv.ci, v.required);
    std::vector<double> days;
    for (const auto& row : r.rows)
      if (!row.target_met[t] && row.first_break[t] >= 0)
        days.push_back(std::floor(row.first_break[t] / 24));
    std::sort(days.begin(), days.end());
    tv.broke = days.size();
    tv.first_break_p10 = quantile(days, 0.10);
    tv.first_break_p50 = quantile(days, 0.50);
    tv.first_break_p90 = quantile(days, 0.90);
    std::vector<std::string> chains;
    for (const auto& row : r.rows)
      if (!row.target_met[t])
        chains.push_back(t < row.target_breaks.size() ? row.target_breaks[t] : "");
    BreakVote vote = vote_breaks(chains);
    tv.breaks = vote.chain;
    tv.breaks_share = vote.share;
    v.targets.push_back(tv);
  }
  std::vector<std::string> chains;
  for (const auto& row : r.rows)
    if (!row.deliverable) chains.push_back(where_it_breaks(row));
  BreakVote vote = vote_breaks(chains);
  v.breaks = vote.chain;
  v.breaks_share = vote.share;
  return v;
}

}  // namespace surge
