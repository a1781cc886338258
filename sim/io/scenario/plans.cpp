// The `plans` section: named sets of dotted-path overrides, each for the whole run or for a
// window (`during`), built from other plans (`include`). Checked by applying them, in
// plan_checks.cpp.
#include <algorithm>
#include <functional>
#include <map>
#include <string>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario/sections.hpp"
#include "surge/io/scenario_format.hpp"

namespace surge {

const Declaration& plan_window_declaration() {
  static const Declaration d{
      .name = "plan window",
      .doc_id = "plans.during",
      .description =
          "When a plan's settings hold: `from`/`to`, or a campaign's window widened "
          "by `before` and `after`.",
      .keys = {Key{"from", types::time_point()}.describe("start of the window"),
               Key{"to", types::time_point()}.describe("end of the window (excluded), after "
                                                       "`from`"),
               Key{"campaign", types::reference("campaign")}.describe(
                   "the campaign's window [start, start + duration), instead of from/to"),
               Key{"before", types::duration()}.defaults("0d").describe(
                   "with `campaign`: start this long before the campaign"),
               Key{"after", types::duration()}.defaults("0d").describe(
                   "with `campaign`: end this long after the campaign")}};
  return d;
}

const Declaration& plan_declaration() {
  static const Declaration d{
      .name = "plan",
      .doc_id = "plans",
      .description = "A named change to the scenario, with its cost.",
      .keys = {Key{"set", types::dictionary("dotted path", types::any())}.describe(
                   "dotted path -> value, as with --set"),
               Key{"during", types::any()}.describe(
                   "a campaign id, {from, to} or {campaign, before, after}: the window in which "
                   "`set` holds (capacities only); default: the whole run"),
               Key{"include", types::one_or_many(types::text())}.describe(
                   "plans whose settings and costs this plan adds to its own"),
               Key{"cost", types::number()}.at_least(0).defaults("0").describe(
                   "what the plan costs, in money, on top of its included plans")}};
  return d;
}

namespace loader {

std::vector<std::size_t> merge_plan_settings(const std::vector<PlanPart>& parts,
                                             std::optional<PlanConflict>* conflict) {
  std::vector<std::size_t> out;
  std::map<std::string, std::size_t> whole_run;  // path -> index in parts
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const PlanSetting& s = parts[i].setting;
    bool repeated = std::any_of(out.begin(), out.end(), [&](std::size_t k) {
      const PlanSetting& o = parts[k].setting;
      return o.path == s.path && o.value == s.value &&
             o.during.has_value() == s.during.has_value() &&
             (!s.during || (o.during->from == s.during->from && o.during->to == s.during->to));
    });
    if (repeated) continue;
    if (!s.during) {
      auto [it, fresh] = whole_run.emplace(s.path, i);
      if (!fresh) {
        const PlanPart& first = parts[it->second];
        if (conflict)
          *conflict = PlanConflict{"`" + s.path + "` is set to `" + first.setting.value +
                                       "` by plan " + quoted(first.plan) + " and to `" + s.value +
                                       "` by plan " + quoted(parts[i].plan) +
                                       "; plans combined may set a path once for the whole run "
                                       "(or to the same value)",
                                   i};
        return {};
      }
    }
    out.push_back(i);
  }
  return out;
}

namespace {

// A plan as written: its own settings, where they are, and the plans it names in `include`.
struct WrittenPlan {
  std::vector<PlanSetting> settings;
  std::vector<PlanMark> marks;
  std::vector<std::pair<std::string, YAML::Node>> includes;
  double cost = 0;
  YAML::Node at;
};

}  // namespace

std::optional<TimeWindow> read_window(ReadContext& ctx, const YamlParamReader& m,
                                      const std::string& what) {
  if (!m.has("during")) return std::nullopt;
  YAML::Node during = m.value("during");
  auto campaign_window = [&](const YAML::Node& at, const std::string& id) {
    for (const Campaign& c : ctx.s.campaigns)
      if (c.id == id) return TimeWindow{c.start, c.start + c.duration};
    std::vector<std::string> ids;
    for (const Campaign& c : ctx.s.campaigns) ids.push_back(c.id);
    ctx.r.fail(at, "`during` of " + what + ": no campaign " + quoted(id) + suggest(id, ids) +
                       (ids.empty() ? " the scenario has no campaigns; write {from, to}"
                                    : " valid campaigns: " + join(ids)));
  };
  if (during.IsScalar()) return campaign_window(during, during.Scalar());
  if (!during.IsMap())
    ctx.r.fail(during, "`during` of " + what +
                           " must be a campaign id, {from, to} or {campaign, before, after}");
  YamlParamReader w(ctx.r, during, plan_window_declaration(), "`during` of " + what);
  TimeWindow window;
  if (w.has("campaign")) {
    if (w.has("from") || w.has("to"))
      ctx.r.fail(during, "`during` of " + what +
                             " gives both `campaign` and `from`/`to`; write one of them");
    window = campaign_window(w.value("campaign"), w.text("campaign"));
    window.from = std::max(0.0, window.from - w.number("before"));
    window.to += w.number("after");
  } else {
    if (w.has("before") || w.has("after"))
      ctx.r.fail(during, "`during` of " + what +
                             ": `before` and `after` widen a campaign's window; add `campaign`");
    if (!w.has("from") || !w.has("to"))
      ctx.r.fail(during, "`during` of " + what + " needs both `from` and `to` (or `campaign`)");
    window = {w.number("from"), w.number("to")};
    if (!(window.to > window.from))
      ctx.r.fail(w.value("to"), "`to` (" + w.value("to").Scalar() + ") must be after `from` (" +
                                    w.value("from").Scalar() + ") in `during` of " + what);
  }
  return window;
}

void read_plans(ReadContext& ctx) {
  YAML::Node plans = ctx.root["plans"];
  if (!plans.IsDefined() || plans.IsNull()) return;
  ctx.r.expect_map(plans, "`plans`");
  std::vector<std::string> order;
  std::map<std::string, WrittenPlan> written;
  for (auto it = plans.begin(); it != plans.end(); ++it) {
    std::string id = ctx.r.string(it->first, "plan name");
    std::string what = "plan " + quoted(id);
    YamlParamReader m(ctx.r, it->second, plan_declaration(), what);
    WrittenPlan p;
    p.at = it->first;
    std::optional<TimeWindow> during = read_window(ctx, m, what);
    if (!m.has("set") && !m.has("include"))
      ctx.r.fail(it->second, what +
                                 " changes nothing: give it `set` (dotted path -> value), "
                                 "`include` (other plans), or both");
    if (m.has("set")) {
      YAML::Node set = m.value("set");
      ctx.r.expect_map(set, "`set` of " + what);
      for (auto kv = set.begin(); kv != set.end(); ++kv) {
        std::string path = ctx.r.string(kv->first, "path");
        std::string value = kv->second.IsScalar() ? kv->second.Scalar() : YAML::Dump(kv->second);
        p.settings.push_back({path, value, during});
        p.marks.push_back({id, kv->first});
      }
    } else if (during) {
      ctx.r.fail(m.value("during"), "`during` of " + what +
                                        " limits its own `set`, and it has none; give the "
                                        "window to the included plans");
    }
    if (m.has("include")) {
      YAML::Node include = m.value("include");
      if (include.IsScalar()) {
        p.includes.push_back({ctx.r.string(include, "plan name"), include});
      } else {
        ctx.r.expect_list(include, "`include` of " + what + " (a list of plan names)");
        for (const YAML::Node& name : include)
          p.includes.push_back({ctx.r.string(name, "plan name"), name});
      }
    }
    p.cost = m.number("cost");
    order.push_back(id);
    written[id] = std::move(p);
  }

  // A plan is the union of the plans it includes (each once, in order, depth first) and its own
  // settings; its cost the sum of their fixed costs. Cycles are refused where they close.
  for (const std::string& id : order) {
    std::vector<std::string> members, stack;
    std::function<void(const std::string&)> collect = [&](const std::string& member) {
      stack.push_back(member);
      for (const auto& [name, at] : written.at(member).includes) {
        if (!written.count(name))
          ctx.r.fail(at, "plan " + quoted(member) + " includes " + quoted(name) +
                             ", which is not a plan" + suggest(name, order) +
                             " plans: " + join(order));
        if (std::find(stack.begin(), stack.end(), name) != stack.end()) {
          std::string cycle;
          for (auto s = std::find(stack.begin(), stack.end(), name); s != stack.end(); ++s)
            cycle += quoted(*s) + " -> ";
          ctx.r.fail(at, "plans include each other in a cycle: " + cycle + quoted(name) +
                             "; a plan may include only plans that do not include it");
        }
        if (std::find(members.begin(), members.end(), name) == members.end()) collect(name);
      }
      stack.pop_back();
      members.push_back(member);
    };
    collect(id);

    Plan plan;
    plan.id = id;
    for (const auto& [name, at] : written.at(id).includes) plan.includes.push_back(name);
    std::vector<PlanPart> parts;
    std::vector<PlanMark> part_marks;
    for (const std::string& member : members) {
      const WrittenPlan& w = written.at(member);
      plan.cost += w.cost;
      for (std::size_t i = 0; i < w.settings.size(); ++i) {
        parts.push_back({member, w.settings[i]});
        part_marks.push_back(w.marks[i]);
      }
    }
    std::optional<PlanConflict> conflict;
    std::vector<std::size_t> kept = merge_plan_settings(parts, &conflict);
    if (conflict)
      ctx.r.fail(part_marks[conflict->index].key, "plan " + quoted(id) + ": " + conflict->message);
    std::vector<PlanMark>& marks = ctx.plan_marks[id];
    for (std::size_t i : kept) {
      plan.settings.push_back(parts[i].setting);
      marks.push_back(part_marks[i]);
    }
    ctx.s.plans.push_back(std::move(plan));
  }
}

}  // namespace loader
}  // namespace surge
