// Plans are checked when the file loads: each plan is applied to a fresh copy of the tree and
// the result read again, so an invalid value is reported where the plan writes it.
#include "surge/io/overrides.hpp"
#include "surge/io/scenario/sections.hpp"

namespace surge::loader {

void check_plans_apply(const std::string& text, const std::string& file, const Overrides& sets,
                       const YamlReader& reader,
                       const std::map<std::string, std::map<std::string, YAML::Node>>& plan_marks) {
  for (auto& [plan_id, paths] : plan_marks) {
    YamlReader plan_reader(file);
    YAML::Node tree = build_tree(text, plan_reader, sets);
    for (auto& [path, key] : paths) {
      YAML::Node written = tree["plans"][plan_id]["set"][path];
      // A string value is YAML text, as in --set and Plan::set ("{type: sS, s: 1, S: 5}"),
      // so the check here agrees with apply_overrides(base, plan.set) later.
      // reset(), not operator=: assigning a yaml-cpp Node writes through to the node it refers to.
      YAML::Node value;
      value.reset(written);
      if (written.IsScalar()) {
        try {
          value.reset(YAML::Load(written.Scalar()));
        } catch (const YAML::ParserException& e) {
          reader.fail(written, "plan " + quoted(plan_id) + ": value of `" + path +
                                   "` is not valid YAML: " + yaml_error_message(e));
        }
        if (value.IsScalar())
          value.reset(written);  // keep the file position of plain values
        else
          plan_reader.add_anchored_override(value, written);
      }
      try {
        set_path(tree, path, value);
      } catch (const PathError& e) {
        reader.fail(key, "plan " + quoted(plan_id) + ": cannot apply `" + path + "`: " + e.what());
      }
    }
    try {
      read_scenario(plan_reader, tree);
    } catch (const ScenarioError& e) {
      // An error inside the plan's own value already points at it; say which plan caused it.
      throw ScenarioError(e.file(), e.line(), e.column(),
                          e.message() + " (with plan " + quoted(plan_id) + " applied)");
    }
  }
}

}  // namespace surge::loader
