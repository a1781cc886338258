// The YAML tree of a scenario: the text parsed strictly (duplicate keys are errors) and the
// --set overrides applied to it before anything is read.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <cstdio>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "surge/io/overrides.hpp"
#include "surge/io/scenario/sections.hpp"

namespace surge::loader {
namespace {

// Maps and lists within each other: no scenario comes close (about 8 levels), and the walks
// over the tree recurse once per level.
constexpr int kMaxDepth = 64;

std::string too_deep() {
  return "maps and lists nest more than " + std::to_string(kMaxDepth) +
         " levels deep here; a scenario needs far fewer (is a bracket never closed?)";
}

// Collections already checked, known by their position in the text (line and column).
using Seen = std::unordered_set<std::uint64_t>;

bool first_visit(const YAML::Node& node, Seen& seen) {
  const YAML::Mark mark = node.Mark();
  const auto line = static_cast<std::uint32_t>(mark.line),
             column = static_cast<std::uint32_t>(mark.column);
  return seen.insert((static_cast<std::uint64_t>(line) << 32) | column).second;
}

// yaml-cpp keeps the first of two equal keys in a map and drops the second silently; a strict
// format must not guess which one the user meant. Aliases share nodes, so each collection is
// visited once (by its position), which keeps an alias bomb from taking exponential time.
void check_tree(const YAML::Node& node, const std::string& file, Seen& seen, int depth) {
  if (!node.IsMap() && !node.IsSequence()) return;
  if (!first_visit(node, seen)) return;
  if (depth > kMaxDepth)
    throw ScenarioError(file, node.Mark().line + 1, node.Mark().column + 1, too_deep());
  if (node.IsSequence()) {
    for (const auto& item : node) check_tree(item, file, seen, depth + 1);
    return;
  }
  // The keys so far, as views of the tree's own text (it outlives the walk): most maps have a
  // handful, searched in a list; a long one (a node's inventory) is hashed.
  constexpr std::size_t kShortMap = 16;
  std::vector<std::pair<std::string_view, YAML::Mark>> short_keys;
  std::unordered_map<std::string_view, YAML::Mark> long_keys;
  const bool is_long = node.size() > kShortMap;
  if (is_long)
    long_keys.reserve(node.size());
  else
    short_keys.reserve(node.size());
  for (const auto& kv : node) {
    if (kv.first.IsScalar()) {
      const std::string& key = kv.first.Scalar();
      const YAML::Mark* first = nullptr;
      if (is_long) {
        auto [it, fresh] = long_keys.try_emplace(key, kv.first.Mark());
        if (!fresh) first = &it->second;
      } else {
        for (const auto& [seen_key, mark] : short_keys)
          if (seen_key == key) first = &mark;
        if (!first) short_keys.emplace_back(key, kv.first.Mark());
      }
      if (first)
        throw ScenarioError(file, kv.first.Mark().line + 1, kv.first.Mark().column + 1,
                            "duplicate key " + quoted(key) + " (first at line " +
                                std::to_string(first->line + 1) +
                                "); a key may appear only once in a map");
    }
    check_tree(kv.first, file, seen, depth + 1);
    check_tree(kv.second, file, seen, depth + 1);
  }
}

// Where `text` stops being UTF-8 text: a NUL byte or a byte sequence that is not UTF-8 (the
// loader would read it, and `surge report` could not show it). Empty when it is all text.
struct TextFault {
  std::size_t offset = 0;
  std::string what;
};

std::optional<TextFault> text_fault(const std::string& text) {
  const auto* b = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    unsigned char c = b[i];
    if (c == 0) return TextFault{i, "a NUL byte: the file is binary or damaged"};
    std::size_t len = c < 0x80           ? 1
                      : (c >> 5) == 0x6  ? 2
                      : (c >> 4) == 0xE  ? 3
                      : (c >> 3) == 0x1E ? 4
                                         : 0;
    bool ok = len > 0 && i + len <= n;
    for (std::size_t k = 1; ok && k < len; ++k) ok = (b[i + k] & 0xC0) == 0x80;
    if (ok && len > 1) {
      // No overlong forms, no surrogates, nothing beyond U+10FFFF.
      unsigned cp = len == 2 ? (c & 0x1Fu) : len == 3 ? (c & 0x0Fu) : (c & 0x07u);
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (b[i + k] & 0x3Fu);
      ok = (len == 2 && cp >= 0x80) || (len == 3 && cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) ||
           (len == 4 && cp >= 0x10000 && cp <= 0x10FFFF);
    }
    if (!ok) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "0x%02X", c);
      return TextFault{
          i, std::string("a byte that is not UTF-8 (") + hex + "): save the file as UTF-8 text"};
    }
    i += len;
  }
  return std::nullopt;
}

// The 1-based line and column of a byte offset (columns count characters, not bytes).
std::pair<int, int> line_column(const std::string& text, std::size_t offset) {
  int line = 1, column = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return {line, column};
}

// Records where the documents of a text start, and nothing else.
class DocumentStarts : public YAML::EventHandler {
 public:
  std::vector<YAML::Mark> starts;
  void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// Where a second document starts (after `---`), if the text has one. The parser is asked for two
// documents and no more: YAML::LoadAll loops for ever on some malformed texts (a stray `,`
// between documents; found by the fuzzer).
std::optional<YAML::Mark> second_document(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  DocumentStarts starts;
  if (!parser.HandleNextDocument(starts)) return std::nullopt;
  if (!parser.HandleNextDocument(starts) || starts.starts.size() < 2) return std::nullopt;
  return starts.starts[1];
}

// Whether the text could hold a second document after a first that is a block map starting at
// column 0. Such a map takes every later line at column 0 as one of its keys, so it ends only
// at a document marker (`---` or `...`), a directive (`%`) or the end of the text: without a
// line starting with one of those there is no second document, and the parser need not be run
// over the whole text a second time to look for one (that was a third of loading a big model).
bool may_hold_second_document(const std::string& text, const YAML::Node& root) {
  if (root.Style() != YAML::EmitterStyle::Block || root.Mark().column != 0) return true;
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    if (c == '%') return true;
    if ((c == '-' || c == '.') && text.compare(at, 3, std::string(3, c)) == 0) return true;
    at = text.find('\n', at);
    if (at == std::string::npos) break;
    ++at;
  }
  return false;
}

YAML::Node parse_yaml(const std::string& text, const std::string& file) {
  if (auto fault = text_fault(text)) {
    auto [line, column] = line_column(text, fault->offset);
    throw ScenarioError(file, line, column, "the scenario is not text: " + fault->what);
  }
  YAML::Node root;
  std::optional<YAML::Mark> second;
  try {
    root = YAML::Load(text);
    // A second document would be ignored: say so rather than drop it (only once the first
    // reads as a map; otherwise that is the error to report).
    if (root.IsMap() && may_hold_second_document(text, root)) second = second_document(text);
  } catch (const YAML::ParserException& e) {
    bool deep = dynamic_cast<const YAML::DeepRecursion*>(&e) != nullptr;
    throw ScenarioError(file, e.mark.line + 1, e.mark.column + 1,
                        deep ? too_deep() : "invalid YAML: " + e.msg);
  }
  if (second)
    throw ScenarioError(
        file, second->line + 1, second->column + 1,
        "a second YAML document starts here (`---`); a scenario file holds one: remove "
        "this line, or put the second scenario in its own file");
  Seen seen;
  check_tree(root, file, seen, 0);
  return root;
}

}  // namespace

std::string yaml_error_message(const YAML::ParserException& e) {
  // yaml-cpp's own depth guard (2000 levels) says "bad file".
  if (dynamic_cast<const YAML::DeepRecursion*>(&e)) return too_deep();
  return e.msg;
}

YAML::Node build_tree(const std::string& text, YamlReader& reader, const Overrides& sets,
                      TextChecks checks) {
  // Checked before: the text parses as it did then (the checks walk it as often as the parser).
  YAML::Node root = checks == TextChecks::run ? parse_yaml(text, reader.file()) : YAML::Load(text);
  return place_overrides(root, reader, sets, checks);
}

// Registers each override's value with the reader so that errors inside it are reported as
// "--set PATH" (or the plan's label).
YAML::Node place_overrides(YAML::Node root, YamlReader& reader, const Overrides& sets,
                           TextChecks checks) {
  const bool check = checks == TextChecks::run;
  std::vector<PlanSetting> settings;
  for (const Override& o : sets) settings.push_back(o.setting);
  for (std::size_t i : application_order(settings)) {
    const auto& [path, value_text, during] = sets[i].setting;
    const std::string label = sets[i].origin + " " + path;
    YAML::Node value;
    if (!check) {
      value = YAML::Load(value_text);
    } else if (auto fault = text_fault(value_text)) {
      throw ScenarioError(label, 0, 0, "the value is not text: " + fault->what);
    } else {
      try {
        value = YAML::Load(value_text);
      } catch (const YAML::ParserException& e) {
        if (dynamic_cast<const YAML::DeepRecursion*>(&e))
          throw ScenarioError(label, 0, 0, "the value: " + too_deep());
        throw ScenarioError(label, 0, 0, "invalid YAML value `" + value_text + "`: " + e.msg);
      }
      Seen seen;
      try {
        check_tree(value, label, seen, 0);
      } catch (const ScenarioError& e) {
        throw ScenarioError(label, 0, 0, e.message());
      }
    }
    if (!root.IsMap())
      throw ScenarioError(reader.file(), 1, 1, "the scenario must be a map of keys");
    try {
      place(root, path, value, during, reader, YAML::Node(YAML::NodeType::Undefined),
            sets[i].origin + ": `" + path + "`");
    } catch (const PathError& e) {
      throw ScenarioError(label, 0, 0, e.what());
    }
    reader.add_override(value, sets[i].origin + " " + path);
  }
  return root;
}

std::vector<std::size_t> application_order(const std::vector<PlanSetting>& settings) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < settings.size(); ++i)
    if (!settings[i].during) order.push_back(i);
  for (std::size_t i = 0; i < settings.size(); ++i)
    if (settings[i].during) order.push_back(i);
  return order;
}

namespace {

// A time in hours as YAML text a time point reads back exactly ("1368h").
std::string hours_text(Time t) { return exact_number_text(t) + "h"; }

}  // namespace

void place(YAML::Node root, const std::string& path, const YAML::Node& value,
           const std::optional<TimeWindow>& during, YamlReader& reader, const YAML::Node& anchor,
           const std::string& who) {
  if (!during) {
    set_path(root, path, value);
    return;
  }
  YAML::Node change(YAML::NodeType::Map);
  change["from"] = hours_text(during->from);
  change["to"] = hours_text(during->to);
  change["value"] = value;
  YAML::Node old = get_path(root, path);
  YAML::Node schedule;
  if (old.IsDefined() && old.IsMap()) {
    // Already a schedule (or a map that is no capacity, refused when read): the window joins
    // its changes after those written in the file, so it wins where they overlap.
    schedule.reset(old);
    const YAML::Node& const_old = old;
    YAML::Node changes = const_old["changes"];
    if (!changes.IsDefined() || changes.IsNull()) {
      YAML::Node fresh(YAML::NodeType::Sequence);
      fresh.push_back(change);
      schedule["changes"] = fresh;
    } else if (changes.IsSequence()) {
      changes.push_back(change);
    }  // else: malformed `changes`, which the reader refuses with its position
  } else {
    // A plain value becomes the base of a schedule (a copy: the tree's node turns into the
    // schedule, which must not contain itself); an absent one leaves the key's default.
    schedule = YAML::Node(YAML::NodeType::Map);
    if (old.IsDefined() && !old.IsNull()) schedule["base"] = YAML::Clone(old);
    YAML::Node changes(YAML::NodeType::Sequence);
    changes.push_back(change);
    schedule["changes"] = changes;
    set_path(root, path, schedule);
  }
  reader.add_window(schedule, anchor, who);
}

Overrides split_sets(const std::vector<std::string>& sets) {
  Overrides out;
  for (auto& s : sets) {
    try {
      auto [path, value] = split_assignment(s);
      out.push_back({PlanSetting{path, value, std::nullopt}, "--set"});
    } catch (const PathError& e) {
      throw ScenarioError("--set " + s, 0, 0, e.what());
    }
  }
  return out;
}

}  // namespace surge::loader
