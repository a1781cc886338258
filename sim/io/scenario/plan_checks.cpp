// Plans are checked when the file loads: each plan is applied to a fresh copy of the tree and
// the result read again, so an invalid value is reported where the plan writes it.
#include <cstdio>

#include "surge/io/overrides.hpp"
#include "surge/io/scenario/sections.hpp"

namespace surge::loader {

// A number as YAML text that reads back exactly.
std::string exact_number_text(double v) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.17g", v);
  return buffer;
}

void check_levers_apply(const std::string& text, const std::string& file, const Overrides& sets,
                        const std::vector<Lever>& levers,
                        const std::vector<YAML::Node>& lever_marks) {
  for (std::size_t i = 0; i < levers.size(); ++i) {
    const Lever& lever = levers[i];
    // Bounds are intervals, so the extremes stand for every value between them.
    for (double v : {lever.values.front(), lever.values.back()}) {
      YamlReader lever_reader(file);
      YAML::Node tree = build_tree(text, lever_reader, sets);
      YAML::Node value = YAML::Load(exact_number_text(v));
      lever_reader.add_anchored_override(value, lever_marks[i]);
      const std::string who = "lever `" + lever.path + "`";
      try {
        place(tree, lever.path, value, lever.during, lever_reader, lever_marks[i], who);
        read_scenario(lever_reader, tree);
      } catch (const PathError& e) {
        lever_reader.fail(lever_marks[i], who + ": cannot apply it: " + e.what());
      } catch (const ScenarioError& e) {
        throw ScenarioError(
            e.file(), e.line(), e.column(),
            e.message() + " (with lever `" + lever.path + "` at " + exact_number_text(v) + ")");
      }
    }
  }
}

void check_plans_apply(const std::string& text, const std::string& file, const Overrides& sets,
                       const YamlReader& reader, const std::vector<Plan>& plans,
                       const std::map<std::string, std::vector<PlanMark>>& plan_marks) {
  for (const Plan& plan : plans) {
    const std::vector<PlanMark>& marks = plan_marks.at(plan.id);
    YamlReader plan_reader(file);
    YAML::Node tree = build_tree(text, plan_reader, sets);
    const YAML::Node& written_plans = tree;
    for (std::size_t i : application_order(plan.settings)) {
      const PlanSetting& setting = plan.settings[i];
      const PlanMark& mark = marks[i];
      // The value where it is written (in the plan itself or in a plan it includes).
      YAML::Node written = written_plans["plans"][mark.plan]["set"][setting.path];
      const std::string who = "plan " + quoted(plan.id) + ": `" + setting.path + "`";
      // A string value is YAML text, as in --set and PlanSetting::value
      // ("{type: sS, s: 1, S: 5}"), so the check here agrees with applying the plan later.
      // reset(), not operator=: assigning a yaml-cpp Node writes through to the node it refers to.
      YAML::Node value;
      value.reset(written);
      if (written.IsScalar()) {
        try {
          value.reset(YAML::Load(written.Scalar()));
        } catch (const YAML::ParserException& e) {
          reader.fail(written, "plan " + quoted(plan.id) + ": value of `" + setting.path +
                                   "` is not valid YAML: " + yaml_error_message(e));
        }
        if (value.IsScalar())
          value.reset(written);  // keep the file position of plain values
        else
          plan_reader.add_anchored_override(value, written);
      }
      try {
        place(tree, setting.path, value, setting.during, plan_reader, mark.key, who);
      } catch (const PathError& e) {
        reader.fail(mark.key, "plan " + quoted(plan.id) + ": cannot apply `" + setting.path +
                                  "`: " + e.what());
      }
    }
    try {
      read_scenario(plan_reader, tree);
    } catch (const ScenarioError& e) {
      // An error inside the plan's own value already points at it; say which plan caused it.
      throw ScenarioError(e.file(), e.line(), e.column(),
                          e.message() + " (with plan " + quoted(plan.id) + " applied)");
    }
  }
}

}  // namespace surge::loader
