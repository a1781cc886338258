#include "surge/io/overrides.hpp"

#include <vector>

#include "surge/io/yaml_reader.hpp"

namespace surge {
namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : path) {
    if (c == '.') {
      out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  out.push_back(cur);
  for (auto& s : out)
    if (s.empty()) throw PathError("empty segment in path `" + path + "`");
  return out;
}

// "nodes" -> "node": the noun used in "no node `dcx`".
std::string singular(const std::string& list_key) {
  if (list_key == "require") return "target";
  if (list_key == "demand") return "demand entry";
  if (list_key == "sources") return "source";
  if (list_key == "arrivals") return "arrival stream";
  if (list_key == "disruptions") return "disruption";
  if (list_key == "seasonal") return "seasonal window";
  if (list_key.size() > 1 && list_key.back() == 's') return list_key.substr(0, list_key.size() - 1);
  return "element";
}

std::string scalar_of(const YAML::Node& map, const char* key) {
  YAML::Node v = map[key];
  return v.IsDefined() && v.IsScalar() ? v.Scalar() : std::string();
}

// The labels by which a list element can be addressed, in order of preference.
std::vector<std::string> labels(const YAML::Node& element) {
  std::vector<std::string> out;
  if (!element.IsMap()) return out;
  for (const char* key : {"id", "name", "product"})
    if (auto s = scalar_of(element, key); !s.empty()) out.push_back(s);
  auto from = scalar_of(element, "from"), to = scalar_of(element, "to");
  if (!from.empty() && !to.empty()) out.push_back(from + ":" + to);
  return out;
}

bool is_index(const std::string& s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Index of the element of `list` that `segment` names, or -1.
long find_element(const YAML::Node& list, const std::string& segment) {
  for (std::size_t i = 0; i < list.size(); ++i)
    for (auto& label : labels(list[i]))
      if (label == segment) return static_cast<long>(i);
  if (is_index(segment)) {
    long i = std::stol(segment);
    if (i < static_cast<long>(list.size())) return i;
  }
  return -1;
}

[[noreturn]] void no_element(const YAML::Node& list, const std::string& list_key,
                             const std::string& segment, const std::string& walked) {
  std::vector<std::string> known;
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto l = labels(list[i]);
    if (!l.empty()) known.push_back(l.front());
  }
  std::string noun = list_key.empty() ? "element" : singular(list_key);
  std::string msg = "no " + noun + " `" + segment + "`" + did_you_mean(segment, known);
  if (!known.empty())
    msg += " (valid in `" + walked + "`: " + join(known) + ")";
  else
    msg += " (`" + walked + "` has " + std::to_string(list.size()) + " elements, index from 0)";
  throw PathError(msg);
}

}  // namespace

std::pair<std::string, std::string> split_assignment(const std::string& assignment) {
  auto eq = assignment.find('=');
  if (eq == std::string::npos)
    throw PathError("malformed override `" + assignment +
                    "`; expected PATH=VALUE, e.g. nodes.dc.inventory.earbuds.initial=40000");
  std::string path = assignment.substr(0, eq);
  while (!path.empty() && path.back() == ' ') path.pop_back();
  while (!path.empty() && path.front() == ' ') path.erase(path.begin());
  if (path.empty()) throw PathError("override `" + assignment + "` has an empty path before `=`");
  return {path, assignment.substr(eq + 1)};
}

namespace {

// Walks `path` from `root`. With a value, replaces (or adds, in a map) the node at the end and
// returns it; without, returns the node at the end, undefined when a map lacks the last key.
YAML::Node walk(YAML::Node root, const std::string& path, const YAML::Node* value) {
  auto segments = split_path(path);
  // yaml-cpp's Node::operator= writes through to the referenced node, so the walk rebinds
  // with reset() and only assigns at the end.
  YAML::Node cur;
  cur.reset(root);
  std::string walked, parent_key;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    const std::string& seg = segments[i];
    bool last = i + 1 == segments.size();
    std::string here = walked.empty() ? seg : walked + "." + seg;
    if (cur.IsMap()) {
      const YAML::Node& const_cur = cur;
      YAML::Node child = const_cur[seg];
      if (last) {
        if (!value) return child;
        cur[seg] = *value;
        return cur[seg];
      }
      if (!child.IsDefined()) {
        std::vector<std::string> keys;
        for (auto it = cur.begin(); it != cur.end(); ++it)
          if (it->first.IsScalar()) keys.push_back(it->first.Scalar());
        throw PathError("no key `" + seg + "` in `" + (walked.empty() ? "the scenario" : walked) +
                        "`" + did_you_mean(seg, keys) +
                        (keys.empty() ? "" : " (keys there: " + join(keys) + ")"));
      }
      cur.reset(child);
    } else if (cur.IsSequence()) {
      long index = find_element(cur, seg);
      if (index < 0) no_element(cur, parent_key, seg, walked);
      if (last) {
        if (value) cur[static_cast<std::size_t>(index)] = *value;
        return cur[static_cast<std::size_t>(index)];
      }
      YAML::Node child = cur[static_cast<std::size_t>(index)];
      cur.reset(child);
    } else {
      throw PathError("cannot go into `" + walked + "` with `" + seg +
                      "`: it is a single value, not a map or a list");
    }
    walked = here;
    parent_key = seg;
  }
  return cur;
}

}  // namespace

void set_path(YAML::Node root, const std::string& path, const YAML::Node& value) {
  walk(root, path, &value);
}

YAML::Node get_path(const YAML::Node& root, const std::string& path) {
  return walk(root, path, nullptr);
}

void remove_path(YAML::Node root, const std::string& path) {
  const auto dot = path.rfind('.');
  YAML::Node parent = dot == std::string::npos ? root : walk(root, path.substr(0, dot), nullptr);
  const std::string key = dot == std::string::npos ? path : path.substr(dot + 1);
  if (parent.IsMap()) parent.remove(key);
}

}  // namespace surge
