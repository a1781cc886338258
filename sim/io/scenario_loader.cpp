#include "surge/io/scenario_loader.hpp"

#include <fstream>
#include <sstream>

#include "surge/io/scenario/sections.hpp"

namespace surge {
namespace {

// Reads the file with the overrides applied, then checks that every plan applies cleanly.
Scenario load(const std::string& text, const std::string& file, const loader::Overrides& sets) {
  YamlReader reader(file);
  YAML::Node root = loader::build_tree(text, reader, sets);
  std::map<std::string, std::map<std::string, YAML::Node>> plan_marks;
  Scenario scenario = loader::read_scenario(reader, root, &plan_marks);
  scenario.source_path = file;
  if (sets.empty()) {
    scenario.source_text = text;
  } else {
    YAML::Emitter out;
    out << root;
    scenario.source_text = std::string(out.c_str()) + "\n";
  }
  loader::check_plans_apply(text, file, sets, reader, plan_marks);
  return scenario;
}

}  // namespace

Scenario load_scenario_text(const std::string& yaml_text, const std::string& file_name,
                            const std::vector<std::string>& sets) {
  return load(yaml_text, file_name, loader::split_sets(sets));
}

Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& sets) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ScenarioError(path, 0, 0, "cannot open the scenario file");
  std::ostringstream text;
  text << in.rdbuf();
  return load_scenario_text(text.str(), path, sets);
}

Scenario apply_overrides(const Scenario& base, const std::map<std::string, std::string>& sets) {
  loader::Overrides pairs(sets.begin(), sets.end());
  return load(base.source_text, base.source_path, pairs);
}

}  // namespace surge
