#pragma once
// Typed, located reading of a YAML tree: every accessor either returns a value in internal
// units or throws a ScenarioError that points at the offending node and says what is valid.
// The scenario loader is written on top of it so that no check forgets its position.
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "surge/io/scenario_error.hpp"
#include "surge/kernel/time.hpp"
#include "surge/model/date_axis.hpp"
#include "surge/model/distribution.hpp"

namespace surge {

// Levenshtein distance, for "did you mean" suggestions.
std::size_t edit_distance(const std::string& a, const std::string& b);
// The candidate closest to `word` if it is close enough to be a plausible typo.
std::optional<std::string> closest_match(const std::string& word,
                                         const std::vector<std::string>& candidates);
// "; did you mean `x`?" or "" when nothing is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);
// Like did_you_mean, but ";" when nothing is close, for messages that go on with a list.
std::string suggest(const std::string& word, const std::vector<std::string>& candidates);
std::string join(const std::vector<std::string>& items, const std::string& separator = ", ");

class YamlReader {
 public:
  explicit YamlReader(std::string file) : file_(std::move(file)) {}

  const std::string& file() const { return file_; }

  // Nodes that came from a --set value have no position in the file; errors inside them are
  // reported as `label` ("--set PATH", "--plan `x` PATH").
  void add_override(const YAML::Node& value, std::string path);
  // An override whose value text sits at `anchor` in the file (a plan's string value parsed
  // as YAML): errors inside it are reported at the anchor.
  void add_anchored_override(const YAML::Node& value, const YAML::Node& anchor);
  // A value a plan sets only inside a window (its `during`): `node` is the schedule it became.
  // Only a capacity can change while a run goes on; whoever reads `node` as anything else calls
  // fail_if_windowed, which reports it at `anchor` (the plan's key) as `who`'s change.
  void add_window(const YAML::Node& node, const YAML::Node& anchor, std::string who);
  void fail_if_windowed(const YAML::Node& node) const;

  ScenarioError error(const YAML::Node& at, const std::string& message) const;
  [[noreturn]] void fail(const YAML::Node& at, const std::string& message) const;
  // An error about a map key: located at the key, or at its value when the key itself was
  // created by an override and has no position.
  [[noreturn]] void fail_key(const YAML::Node& key, const YAML::Node& value,
                             const std::string& message) const;

  // Structure checks. `what` names the thing for messages ("lane", "node `dc`").
  void expect_map(const YAML::Node& node, const std::string& what) const;
  void expect_list(const YAML::Node& node, const std::string& what) const;
  // Every key of `map` must be in `valid`; otherwise an error with a suggestion.
  void check_keys(const YAML::Node& map, const std::string& what,
                  const std::vector<std::string>& valid) const;
  // The value of a required key, or an error at the map naming the key.
  YAML::Node required(const YAML::Node& map, const std::string& key, const std::string& what) const;
  // A map or a list of maps, as a list (for keys that accept either, like `demand`).
  std::vector<YAML::Node> one_or_many(const YAML::Node& node, const std::string& what) const;

  // Scalars. `what` is the key name, used as "`price` must be ...".
  std::string string(const YAML::Node& node, const std::string& what) const;
  // An id or a name others refer to: a string that is not empty.
  std::string id(const YAML::Node& node, const std::string& what) const;
  double number(const YAML::Node& node, const std::string& what) const;
  long integer(const YAML::Node& node, const std::string& what) const;
  bool boolean(const YAML::Node& node, const std::string& what) const;
  Time duration(const YAML::Node& node, const std::string& what) const;  // >= 0
  // A duration from time 0, or with a start date an ISO date or date-time (model/date_axis.hpp).
  Time time_point(const YAML::Node& node, const std::string& what) const;
  // The scenario's dates: learnt from `start_date` before any time point is read.
  void set_dates(const DateAxis& dates) { dates_ = dates; }
  const DateAxis& dates() const { return dates_; }
  double rate(const YAML::Node& node, const std::string& what) const;  // per hour, >= 0
  // A number with a unit when `q` is duration, plain otherwise.
  double quantity(const YAML::Node& node, const std::string& what, Quantity q) const;
  // A scalar (constant) or a {dist: ...} map; parameters in the unit of `q` (read against the
  // declared distributions, io/param_reader.hpp).
  Distribution distribution(const YAML::Node& node, const std::string& what, Quantity q) const;
  // 7 numbers >= 0, Monday first.
  std::vector<double> weekly(const YAML::Node& node, const std::string& what) const;

  // Range checks on a value already read from `node`.
  void check_min(const YAML::Node& node, double value, const std::string& what, double min,
                 bool strict) const;
  void check_max(const YAML::Node& node, double value, const std::string& what, double max,
                 bool strict) const;

 private:
  struct Override {
    YAML::Node root;
    std::string path;
    YAML::Node anchor;  // defined for anchored overrides
  };
  const Override* find_override(const YAML::Node& node) const;

  std::string file_;
  std::vector<Override> overrides_;
  struct Window {
    YAML::Node node, anchor;
    std::string who;
  };
  std::vector<Window> windows_;
  DateAxis dates_;
};

// A short description of a node's kind for "got ..." messages.
std::string describe_node(const YAML::Node& node);

}  // namespace surge
