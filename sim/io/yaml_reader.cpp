#include "surge/io/yaml_reader.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <sstream>

#include "surge/io/param_reader.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

std::string format_number(double v) {
  std::ostringstream out;
  out << v;
  return out.str();
}

// Aliases make a YAML tree a graph that may be exponentially larger than its text (an alias
// bomb: each level a list of aliases of the level before). Each collection is visited once,
// known by its position in the text, so the walk is linear in the text.
using Visited = std::set<std::pair<int, int>>;

bool contains_node(const YAML::Node& root, const YAML::Node& node, Visited& visited) {
  if (root.is(node)) return true;
  if (!root.IsMap() && !root.IsSequence()) return false;
  const YAML::Mark mark = root.Mark();
  if (!mark.is_null() && !visited.insert({mark.line, mark.column}).second) return false;
  if (root.IsMap()) {
    for (auto it = root.begin(); it != root.end(); ++it)
      if (contains_node(it->first, node, visited) || contains_node(it->second, node, visited))
        return true;
  } else {
    for (auto it = root.begin(); it != root.end(); ++it)
      if (contains_node(*it, node, visited)) return true;
  }
  return false;
}

// Suggestions are for typos: a word longer than this is not one, and comparing long words is
// quadratic in their length.
constexpr std::size_t kMaxSuggestedLength = 64;

}  // namespace

std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t substitute = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, substitute});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string> closest_match(const std::string& word,
                                         const std::vector<std::string>& candidates) {
  // Allow roughly one typo per three characters (at least 1, at most 3): closer than that a
  // suggestion helps, further away it misleads.
  std::size_t limit = std::clamp<std::size_t>(word.size() / 3, 1, 3);
  std::optional<std::string> best;
  if (word.size() > kMaxSuggestedLength) return best;
  std::size_t best_distance = limit + 1;
  for (auto& c : candidates) {
    // The distance is at least the difference in length: skip what cannot be close.
    std::size_t gap = c.size() > word.size() ? c.size() - word.size() : word.size() - c.size();
    if (gap > limit) continue;
    std::size_t d = edit_distance(word, c);
    if (d < best_distance) {
      best_distance = d;
      best = c;
    }
  }
  return best;
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
  auto best = closest_match(word, candidates);
  return best ? "; did you mean `" + *best + "`?" : "";
}

std::string suggest(const std::string& word, const std::vector<std::string>& candidates) {
  std::string s = did_you_mean(word, candidates);
  return s.empty() ? ";" : s;
}

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i) out += separator;
    out += items[i];
  }
  return out;
}

std::string describe_node(const YAML::Node& node) {
  if (!node.IsDefined() || node.IsNull()) return "nothing";
  if (node.IsMap()) return "a map";
  if (node.IsSequence()) return "a list";
  return "`" + node.Scalar() + "`";
}

void YamlReader::add_override(const YAML::Node& value, std::string path) {
  overrides_.push_back({value, std::move(path), YAML::Node(YAML::NodeType::Undefined)});
}

void YamlReader::add_anchored_override(const YAML::Node& value, const YAML::Node& anchor) {
  overrides_.push_back({value, {}, anchor});
}

void YamlReader::add_window(const YAML::Node& node, const YAML::Node& anchor, std::string who) {
  windows_.push_back({node, anchor, std::move(who)});
}

void YamlReader::fail_if_windowed(const YAML::Node& node) const {
  if (!node.IsDefined()) return;
  for (const Window& w : windows_)
    if (w.node.is(node)) {
      std::string message =
          w.who +
          " cannot change during a window (`during`): only capacities can (a station's "
          "`servers`, a service's `agents`, a line's `rate`, a lane's or supplier's "
          "`capacity`); set it for the whole run in a plan without `during`";
      if (w.anchor.IsDefined()) fail(w.anchor, message);
      throw ScenarioError(file_, 0, 0, message);
    }
}

const YamlReader::Override* YamlReader::find_override(const YAML::Node& node) const {
  for (auto& o : overrides_) {
    Visited visited;
    if (contains_node(o.root, node, visited)) return &o;
  }
  return nullptr;
}

ScenarioError YamlReader::error(const YAML::Node& at, const std::string& message) const {
  YAML::Node located = at;
  if (const Override* o = find_override(at)) {
    if (!o->anchor.IsDefined()) return ScenarioError(o->path, 0, 0, message);
    located.reset(o->anchor);
  }
  YAML::Mark mark = located.IsDefined() ? located.Mark() : YAML::Mark::null_mark();
  if (mark.is_null() || mark.line < 0) return ScenarioError(file_, 0, 0, message);
  return ScenarioError(file_, mark.line + 1, mark.column + 1, message);
}

void YamlReader::fail(const YAML::Node& at, const std::string& message) const {
  throw error(at, message);
}

void YamlReader::fail_key(const YAML::Node& key, const YAML::Node& value,
                          const std::string& message) const {
  if (key.Mark().is_null() || find_override(value)) fail(value, message);
  fail(key, message);
}

void YamlReader::expect_map(const YAML::Node& node, const std::string& what) const {
  if (!node.IsMap()) fail(node, what + " must be a map, got " + describe_node(node));
}

void YamlReader::expect_list(const YAML::Node& node, const std::string& what) const {
  if (!node.IsSequence()) fail(node, what + " must be a list, got " + describe_node(node));
}

void YamlReader::check_keys(const YAML::Node& map, const std::string& what,
                            const std::vector<std::string>& valid) const {
  expect_map(map, what);
  for (auto it = map.begin(); it != map.end(); ++it) {
    if (!it->first.IsScalar()) fail(it->first, "keys of " + what + " must be plain names");
    const std::string& key = it->first.Scalar();
    if (std::find(valid.begin(), valid.end(), key) != valid.end()) continue;
    fail_key(it->first, it->second,
             "unknown key `" + key + "` in " + what + suggest(key, valid) +
                 " valid keys: " + join(valid));
  }
}

YAML::Node YamlReader::required(const YAML::Node& map, const std::string& key,
                                const std::string& what) const {
  YAML::Node value = map[key];
  if (!value.IsDefined() || value.IsNull())
    fail(map, "missing required key `" + key + "` in " + what);
  return value;
}

std::vector<YAML::Node> YamlReader::one_or_many(const YAML::Node& node,
                                                const std::string& what) const {
  std::vector<YAML::Node> out;
  if (node.IsMap()) {
    out.push_back(node);
  } else if (node.IsSequence()) {
    for (auto it = node.begin(); it != node.end(); ++it) out.push_back(*it);
  } else {
    fail(node, what + " must be a map or a list of maps, got " + describe_node(node));
  }
  return out;
}

std::string YamlReader::string(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) fail(node, "`" + what + "` must be a string, got " + describe_node(node));
  return node.Scalar();
}

std::string YamlReader::id(const YAML::Node& node, const std::string& what) const {
  std::string s = string(node, what);
  if (s.empty()) fail(node, "`" + what + "` must not be empty: it names something others refer to");
  return s;
}

double YamlReader::number(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar()) fail(node, "`" + what + "` must be a number, got " + describe_node(node));
  auto v = parse_number(node.Scalar());
  // One limit for every plain number (docs/reliability.md): beyond it, sums and products of
  // quantities lose whole units or overflow.
  if ((!v && is_out_of_range_number(node.Scalar())) || (v && !(std::fabs(*v) <= kMaxPlainNumber)))
    fail(node, "`" + what +
                   "` is out of range: numbers in a scenario are at most 1e15 in size, "
                   "got `" +
                   node.Scalar() + "`");
  if (!v) fail(node, "`" + what + "` must be a plain number, got `" + node.Scalar() + "`");
  return *v;
}

long YamlReader::integer(const YAML::Node& node, const std::string& what) const {
  double v = number(node, what);
  if (std::floor(v) != v || std::fabs(v) > 9.0e15)
    fail(node, "`" + what + "` must be a whole number, got `" + node.Scalar() + "`");
  return static_cast<long>(v);
}

bool YamlReader::boolean(const YAML::Node& node, const std::string& what) const {
  if (node.IsScalar()) {
    const std::string& s = node.Scalar();
    if (s == "true" || s == "yes" || s == "on") return true;
    if (s == "false" || s == "no" || s == "off") return false;
  }
  fail(node, "`" + what + "` must be true or false, got " + describe_node(node));
}

Time YamlReader::duration(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar())
    fail(node, "`" + what + "` must be a duration such as 3d, got " + describe_node(node));
  ParseResult r = parse_duration(node.Scalar());
  if (!r.value) fail(node, "`" + what + "`: " + r.error);
  if (*r.value < 0) fail(node, "`" + what + "` must not be negative, got `" + node.Scalar() + "`");
  return *r.value;
}

Time YamlReader::time_point(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar())
    fail(node, "`" + what + "` must be a duration such as 3d" +
                   std::string(dates_.has_dates() ? " or a date such as 2026-11-27" : "") +
                   ", got " + describe_node(node));
  ParseResult r = dates_.parse_time_point(node.Scalar());
  if (!r.value) fail(node, "`" + what + "`: " + r.error);
  if (*r.value < 0) fail(node, "`" + what + "` must not be negative, got `" + node.Scalar() + "`");
  return *r.value;
}

double YamlReader::rate(const YAML::Node& node, const std::string& what) const {
  if (!node.IsScalar())
    fail(node, "`" + what + "` must be a rate such as 800/d, got " + describe_node(node));
  ParseResult r = parse_rate(node.Scalar());
  if (!r.value) fail(node, "`" + what + "`: " + r.error);
  if (*r.value < 0) fail(node, "`" + what + "` must not be negative, got `" + node.Scalar() + "`");
  return *r.value;
}

double YamlReader::quantity(const YAML::Node& node, const std::string& what, Quantity q) const {
  return q == Quantity::duration ? duration(node, what) : number(node, what);
}

void YamlReader::check_min(const YAML::Node& node, double value, const std::string& what,
                           double min, bool strict) const {
  if (strict ? value > min : value >= min) return;
  std::string shown = node.IsScalar() ? node.Scalar() : format_number(value);
  fail(node, "`" + what + "` must be " + (strict ? "> " : ">= ") + format_number(min) + ", got `" +
                 shown + "`");
}

void YamlReader::check_max(const YAML::Node& node, double value, const std::string& what,
                           double max, bool strict) const {
  if (strict ? value < max : value <= max) return;
  std::string shown = node.IsScalar() ? node.Scalar() : format_number(value);
  fail(node, "`" + what + "` must be " + (strict ? "< " : "<= ") + format_number(max) + ", got `" +
                 shown + "`");
}

std::vector<double> YamlReader::weekly(const YAML::Node& node, const std::string& what) const {
  expect_list(node, "`" + what + "`");
  if (node.size() != 7)
    fail(node, "`" + what + "` must list 7 numbers, Monday to Sunday; got " +
                   std::to_string(node.size()));
  std::vector<double> out;
  for (auto it = node.begin(); it != node.end(); ++it) {
    double v = number(*it, what);
    check_min(*it, v, what, 0, false);
    out.push_back(v);
  }
  return out;
}

Distribution YamlReader::distribution(const YAML::Node& node, const std::string& what,
                                      Quantity q) const {
  return read_distribution(*this, node, what, q);
}

}  // namespace surge
