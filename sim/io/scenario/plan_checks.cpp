// Plans and levers are checked when the file loads: each plan, and each lever at its smallest
// and largest value, is applied to its own tree of the file and the result read again, so an
// invalid value is reported where the plan (or lever) writes it. Both are "changes the file
// may be run with", checked by one function.
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

namespace {

// One setting of a trial: a plan's (its value as written in the file, under the `set` of
// `plan`) or a lever's (its value as YAML text, errors at the lever's `values`).
struct TrialSetting {
  PlanSetting setting;
  std::string plan;                 // a plan's setting: whose `set` holds the value
  std::optional<std::string> text;  // a lever's value
  YAML::Node anchor;                // errors about the setting point here
  std::string owner;                // "plan `x`", "lever `path`"
  std::string who;                  // "plan `x`: `path`", "lever `path`"
  // What a path error says around its reason.
  std::string cannot_apply, cannot_apply_end;
};

// A way the file may be run: its settings applied together, then the whole scenario read.
struct Trial {
  std::vector<TrialSetting> settings;
  std::string applied;  // appended to an error of the result: " (with plan `x` applied)"
};

// The value a setting puts in `tree` (the trial's own tree). A plan's string value is YAML
// text, as in --set and PlanSetting::value ("{type: sS, s: 1, S: 5}"), so the check here agrees
// with applying the plan later.
YAML::Node setting_value(const TrialSetting& t, const YAML::Node& tree, const YamlReader& reader,
                         YamlReader& trial_reader) {
  if (t.text) {
    YAML::Node value = YAML::Load(*t.text);
    trial_reader.add_anchored_override(value, t.anchor);
    return value;
  }
  // The value where it is written (in the plan itself or in a plan it includes).
  YAML::Node written = tree["plans"][t.plan]["set"][t.setting.path];
  // reset(), not operator=: assigning a yaml-cpp Node writes through to the node it refers to.
  YAML::Node value;
  value.reset(written);
  if (written.IsScalar()) {
    try {
      value.reset(YAML::Load(written.Scalar()));
    } catch (const YAML::ParserException& e) {
      reader.fail(written, t.owner + ": value of `" + t.setting.path +
                               "` is not valid YAML: " + yaml_error_message(e));
    }
    if (value.IsScalar())
      value.reset(written);  // keep the file position of plain values
    else
      trial_reader.add_anchored_override(value, written);
  }
  return value;
}

// Applies one trial's settings to `tree` (the trial's own) and reads the result as a whole
// scenario. Errors about a setting are reported by the file's reader, which knows its --set
// values; `trial_reader` reads the trial's tree.
void apply_and_read(const Trial& trial, YAML::Node tree, YamlReader& trial_reader,
                    const YamlReader& reader) {
  const YAML::Node& const_tree = tree;
  std::vector<PlanSetting> settings;
  for (const TrialSetting& t : trial.settings) settings.push_back(t.setting);
  for (std::size_t i : application_order(settings)) {
    const TrialSetting& t = trial.settings[i];
    YAML::Node value = setting_value(t, const_tree, reader, trial_reader);
    try {
      place(tree, t.setting.path, value, t.setting.during, trial_reader, t.anchor, t.who);
    } catch (const PathError& e) {
      reader.fail(t.anchor, t.cannot_apply + e.what() + t.cannot_apply_end);
    }
  }
  try {
    read_scenario(trial_reader, tree);
  } catch (const ScenarioError& e) {
    // An error inside the change's own value already points at it; say which change caused it.
    throw ScenarioError(e.file(), e.line(), e.column(), e.message() + trial.applied);
  }
}

// A text this long is parsed again for each trial, as before the copies: a copy is a third tree
// beside the loader's and the one it is copied from, and a tree takes about 90 bytes per byte
// of text (1.7 GB for issue #20's 19 MB model). Below it the third tree takes at most about
// 90 MB; a planner's file is tens of kB.
constexpr std::size_t kCopiedTextLimit = std::size_t{1} << 20;

// Each trial applied to the file (with `sets`) and read as a whole scenario. Parsing the text
// was most of the work (a flagship `surge run` parsed it once per plan and lever extreme: a
// quarter of its instructions), so each trial reads a copy of a tree parsed once (the last
// trial that tree itself), with the sets placed on the copy (the reader knows a set's value,
// and a window, by its node). A copy knows nothing of where its nodes were written (yaml-cpp's
// Clone gives each the mark of line 1, column 1), and positions only matter to errors: a
// trial that fails on its copy is checked again on a tree parsed from the text, which reports
// the error where it is written. The text and the sets were checked when the file loaded, so
// trees are built without checking them again.
void check_trials_apply(const std::string& text, const std::string& file, const Overrides& sets,
                        const YamlReader& reader, const std::vector<Trial>& trials) {
  const bool copies = !trials.empty() && text.size() < kCopiedTextLimit;
  const YAML::Node parsed_once = copies ? YAML::Load(text) : YAML::Node();
  for (std::size_t i = 0; i < trials.size(); ++i) {
    const Trial& trial = trials[i];
    if (copies) {
      try {
        YamlReader copy_reader(file);
        YAML::Node tree = i + 1 < trials.size() ? YAML::Clone(parsed_once) : parsed_once;
        apply_and_read(trial, place_overrides(tree, copy_reader, sets, TextChecks::already_done),
                       copy_reader, reader);
        continue;
      } catch (const ScenarioError&) {
        // Reported below, with its position in the file.
      }
    }
    YamlReader trial_reader(file);
    apply_and_read(trial, build_tree(text, trial_reader, sets, TextChecks::already_done),
                   trial_reader, reader);
  }
}

}  // namespace

void check_plans_and_levers_apply(const std::string& text, const std::string& file,
                                  const Overrides& sets, const YamlReader& reader,
                                  const Scenario& scenario,
                                  const std::map<std::string, std::vector<PlanMark>>& plan_marks,
                                  const std::vector<YAML::Node>& lever_marks) {
  std::vector<Trial> trials;
  for (const Plan& plan : scenario.plans) {
    const std::vector<PlanMark>& marks = plan_marks.at(plan.id);
    Trial trial{{}, " (with plan " + quoted(plan.id) + " applied)"};
    for (std::size_t i = 0; i < plan.settings.size(); ++i) {
      const PlanSetting& setting = plan.settings[i];
      const std::string prefix = "plan " + quoted(plan.id);
      trial.settings.push_back({setting, marks[i].plan, std::nullopt, marks[i].key, prefix,
                                prefix + ": `" + setting.path + "`",
                                prefix + ": cannot apply `" + setting.path + "`: ", ""});
    }
    trials.push_back(std::move(trial));
  }
  for (std::size_t i = 0; i < scenario.levers.size(); ++i) {
    const Lever& lever = scenario.levers[i];
    const std::string who = "lever `" + lever.path + "`";
    // Bounds are intervals, so the extremes stand for every value between them.
    for (double v : {lever.values.front(), lever.values.back()}) {
      const std::string value = exact_number_text(v);
      const std::string applied = " (with lever `" + lever.path + "` at " + value + ")";
      trials.push_back({{{PlanSetting{lever.path, value, lever.during}, "", value, lever_marks[i],
                          who, who, who + ": cannot apply it: ", applied}},
                        applied});
    }
  }
  check_trials_apply(text, file, sets, reader, trials);
}

}  // namespace surge::loader
