#include "surge/io/scenario_loader.hpp"

#include <fstream>
#include <sstream>

#include "surge/io/overrides.hpp"
#include "surge/io/scenario/sections.hpp"

namespace surge {
namespace {

// Whether loading checks that every plan and lever of the file applies to it. A reload made to
// apply a plan or a lever does not: they were checked on the file as written (with its --set
// values) when it loaded, and the reload still reads the changed scenario as a whole. With
// `surge optimise` applying a lever plan per candidate, that check was most of the work. (The
// reload for --plan does check them: its result is the base other plans are applied to.)
enum class PlanChecks { run, done_on_the_file };

// Reads the file with the overrides applied, then checks that every plan and lever applies.
Scenario load(const std::string& text, const std::string& file, const loader::Overrides& sets,
              PlanChecks plan_checks = PlanChecks::run, const LoadOptions& options = {}) {
  YamlReader reader(file);
  YAML::Node root = loader::build_tree(text, reader, sets);
  std::map<std::string, std::vector<loader::PlanMark>> plan_marks;
  std::vector<YAML::Node> lever_marks;
  Scenario scenario = loader::read_scenario(reader, root, &plan_marks, &lever_marks, options);
  scenario.source_path = file;
  if (sets.empty()) {
    scenario.source_text = text;
  } else {
    YAML::Emitter out;
    out << root;
    scenario.source_text = std::string(out.c_str()) + "\n";
  }
  if (plan_checks == PlanChecks::run)
    loader::check_plans_and_levers_apply(text, file, sets, reader, scenario, plan_marks,
                                         lever_marks);
  return scenario;
}

const Plan& find_plan(const Scenario& s, const std::string& name) {
  for (const Plan& p : s.plans)
    if (p.id == name) return p;
  std::vector<std::string> ids;
  for (const Plan& p : s.plans) ids.push_back(p.id);
  throw ScenarioError(
      "--plan " + name, 0, 0,
      "no plan " + loader::quoted(name) + " in " + s.source_path + suggest(name, ids) +
          (ids.empty() ? " the scenario has no `plans:`" : " valid plans: " + join(ids)));
}

// The settings of plans applied together, as overrides labelled with their plan.
loader::Overrides plan_overrides(const Scenario& s, const std::vector<std::string>& names) {
  std::vector<loader::PlanPart> parts;
  for (const std::string& name : names)
    for (const PlanSetting& setting : find_plan(s, name).settings) parts.push_back({name, setting});
  std::optional<loader::PlanConflict> conflict;
  std::vector<std::size_t> kept = loader::merge_plan_settings(parts, &conflict);
  if (conflict)
    throw ScenarioError("--plan " + parts[conflict->index].plan, 0, 0, conflict->message);
  loader::Overrides out;
  for (std::size_t i : kept)
    out.push_back({parts[i].setting, "--plan " + loader::quoted(parts[i].plan)});
  return out;
}

}  // namespace

Scenario load_scenario_text(const std::string& yaml_text, const std::string& file_name,
                            const std::vector<std::string>& sets,
                            const std::vector<std::string>& plans, const LoadOptions& options) {
  loader::Overrides overrides = loader::split_sets(sets);
  Scenario scenario = load(yaml_text, file_name, overrides, PlanChecks::run, options);
  if (plans.empty()) return scenario;
  loader::Overrides planned = plan_overrides(scenario, plans);
  overrides.insert(overrides.end(), planned.begin(), planned.end());
  // The planned scenario is the base every other plan is applied to (`compare --plan`): the
  // file's plans and levers are checked again on top of it, once per process.
  return load(yaml_text, file_name, overrides, PlanChecks::run, options);
}

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& sets,
                            const std::vector<std::string>& plans, const LoadOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path, 0, 0, "cannot open the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return load_scenario_text(text.str(), path, sets, plans, options);
}

Scenario apply_overrides(const Scenario& base, const std::map<std::string, std::string>& sets) {
  loader::Overrides overrides;
  for (const auto& [path, value] : sets)
    overrides.push_back({PlanSetting{path, value, {}}, "--set"});
  return load(base.source_text, base.source_path, overrides);
}

Scenario edit_scenario(const Scenario& base, const std::vector<TreeEdit>& edits) {
  YamlReader reader(base.source_path);
  YAML::Node root = loader::build_tree(base.source_text, reader, {});
  for (const TreeEdit& edit : edits) {
    try {
      if (edit.value)
        set_path(root, edit.path, YAML::Load(*edit.value));
      else
        remove_path(root, edit.path);
    } catch (const PathError& e) {
      throw ScenarioError(base.source_path, 0, 0, "`" + edit.path + "`: " + e.what());
    }
  }
  YAML::Emitter out;
  out << root;
  return load(std::string(out.c_str()) + "\n", base.source_path, {});
}

Plan lever_plan(const Scenario& base, const std::vector<double>& values, std::string name) {
  Plan plan;
  plan.id = std::move(name);
  for (std::size_t i = 0; i < base.levers.size() && i < values.size(); ++i)
    plan.settings.push_back(
        {base.levers[i].path, loader::exact_number_text(values[i]), base.levers[i].during});
  return plan;
}

Scenario apply_plan(const Scenario& base, const Plan& plan) {
  loader::Overrides overrides;
  for (const PlanSetting& setting : plan.settings)
    overrides.push_back({setting, "plan " + loader::quoted(plan.id)});
  return load(base.source_text, base.source_path, overrides, PlanChecks::done_on_the_file);
}

}  // namespace surge
