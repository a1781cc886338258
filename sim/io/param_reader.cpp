#include "surge/io/param_reader.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <utility>

#include "surge/kernel/error.hpp"
#include "surge/model/scenario.hpp"
#include "surge/model/units.hpp"
#include "surge/model/weekdays.hpp"

namespace surge {
namespace {

// Built by appending: `"`" + std::string(...)` draws a false -Wrestrict from GCC 12.
std::string quoted(std::string_view s) {
  std::string out = "`";
  out.append(s);
  out += '`';
  return out;
}

[[noreturn]] void undeclared(std::string_view key, const std::string& where) {
  throw InternalError("internal: the loader reads " + quoted(key) + ", which " + where +
                      " does not declare");
}

// "`rate` (e.g. 1200/d) or `time` (per unit)"; "`mean` and `cv` or `median` and `p90`".
std::string options_text(const Alternatives& a) {
  std::string out;
  for (std::size_t i = 0; i < a.options.size(); ++i) {
    if (i) out += " or ";
    const auto& option = a.options[i];
    for (std::size_t k = 0; k < option.keys.size(); ++k) {
      if (k) out += " and ";
      out += quoted(option.keys[k]);
    }
    if (!option.hint.empty()) out += " (" + option.hint + ")";
  }
  return out;
}

}  // namespace

YamlParamReader::YamlParamReader(const YamlReader& reader, const YAML::Node& map,
                                 const Declaration& declaration, std::string what,
                                 const Family* family, Quantity quantity)
    : reader_(reader),
      map_(map),
      declaration_(declaration),
      what_(std::move(what)),
      family_(family),
      quantity_(quantity) {
  // A plan's window turns a capacity into a schedule, read with the schedule's declaration;
  // any other map under a window is refused.
  if (&declaration_ != &schedule_declaration(types::count()) &&
      &declaration_ != &schedule_declaration(types::rate()))
    reader_.fail_if_windowed(map_);
  if (declaration_.pattern_keys) {
    // Keys named by a pattern are checked by the section that knows the pattern.
    reader_.expect_map(map_, what_);
    return;
  }
  // Every key declared: nothing to say. Otherwise check_keys finds the first one that is not
  // and words the error with the declared names (built only then: this runs for every map).
  reader_.expect_map(map_, what_);
  for (auto it = map_.begin(); it != map_.end(); ++it) {
    const bool declared =
        it->first.IsScalar() && (family_ ? family_->find_key(declaration_, it->first.Scalar())
                                         : declaration_.find(it->first.Scalar()));
    if (declared) continue;
    reader_.check_keys(map_, what_,
                       family_ ? family_->key_names(declaration_) : declaration_.key_names());
    break;
  }
}

const Key& YamlParamReader::key(std::string_view name) const {
  const Key* k = family_ ? family_->find_key(declaration_, name) : declaration_.find(name);
  if (!k) undeclared(name, declaration_.name);
  return *k;
}

bool YamlParamReader::has(std::string_view name) const {
  return map_[std::string(key(name).name)].IsDefined();
}

YAML::Node YamlParamReader::node(std::string_view name) const {
  return map_[std::string(key(name).name)];
}

YAML::Node YamlParamReader::present(const Key& k) const {
  YAML::Node n = map_[k.name];
  if (!changes_during_run(k.type)) reader_.fail_if_windowed(n);
  if (k.required && (!n.IsDefined() || n.IsNull()))
    reader_.fail(map_, "missing required key " + quoted(k.name) + " in " + what_);
  return n;
}

YAML::Node YamlParamReader::value(std::string_view name) const {
  const Key& k = key(name);
  YAML::Node n = present(k);
  if (!n.IsDefined()) throw InternalError("internal: value() of absent optional `" + k.name + "`");
  return n;
}

void YamlParamReader::check_bounds(const Key& k, const ValueType& t, const YAML::Node& n,
                                   double v) const {
  if (t.bounds.min) reader_.check_min(n, v, k.name, *t.bounds.min, t.bounds.min_strict);
  if (t.bounds.max) reader_.check_max(n, v, k.name, *t.bounds.max, t.bounds.max_strict);
}

double YamlParamReader::read_number(const Key& k, const YAML::Node& n) const {
  const std::string& name = k.name;
  double v = 0;
  switch (k.type.kind) {
    case ValueKind::number: v = reader_.number(n, name); break;
    case ValueKind::integer: v = static_cast<double>(reader_.integer(n, name)); break;
    case ValueKind::count:
      if (n.IsScalar() && n.Scalar() == "unlimited") return kUnlimited;
      if (n.IsScalar() && !parse_number(n.Scalar()))
        reader_.fail(n, quoted(name) + " must be a whole number >= 0 or `unlimited`, got `" +
                            n.Scalar() + "`");
      v = static_cast<double>(reader_.integer(n, name));
      break;
    case ValueKind::duration: v = reader_.duration(n, name); break;
    case ValueKind::time_point: v = reader_.time_point(n, name); break;
    case ValueKind::time_of_day: {
      ParseResult t = parse_clock(reader_.string(n, name));
      if (!t.value) reader_.fail(n, quoted(name) + ": " + t.error);
      v = *t.value;
      break;
    }
    case ValueKind::rate: v = reader_.rate(n, name); break;
    case ValueKind::money_rate:
      // A rate of money, or a plain 0 (nothing needs no unit).
      if (n.IsScalar())
        if (auto zero = parse_number(n.Scalar()); zero && *zero == 0) return 0;
      v = reader_.rate(n, name);
      break;
    case ValueKind::quantity: v = reader_.quantity(n, name, quantity_); break;
    default: throw InternalError("internal: `" + name + "` is not a number key");
  }
  check_bounds(k, k.type, n, v);
  return v;
}

double YamlParamReader::number(std::string_view name) const {
  const Key& k = key(name);
  YAML::Node n = present(k);
  if (!n.IsDefined()) return default_number(k);
  return read_number(k, n);
}

std::string YamlParamReader::text(std::string_view name) const {
  const Key& k = key(name);
  YAML::Node n = present(k);
  if (!n.IsDefined()) {
    if (!k.default_text) throw InternalError("internal: `" + k.name + "` is absent, no default");
    return *k.default_text;
  }
  // An id names something others refer to (and KPI rows): never empty.
  std::string v = k.name == "id" ? reader_.id(n, k.name) : reader_.string(n, k.name);
  if (k.type.kind == ValueKind::choice) {
    const auto& names = k.type.names;
    bool known = false;
    for (const auto& candidate : names) known = known || candidate == v;
    if (!known)
      reader_.fail(n, "unknown " + k.name + " " + quoted(v) + suggest(v, names) + " " +
                          k.type.names_label + ": " + join(names));
  }
  if (k.type.kind == ValueKind::date) {
    std::string error;
    if (!DateAxis::parse_date(v, &error)) reader_.fail(n, quoted(k.name) + ": " + error);
  }
  return v;
}

bool YamlParamReader::flag(std::string_view name) const {
  const Key& k = key(name);
  YAML::Node n = present(k);
  if (!n.IsDefined()) return k.default_text && *k.default_text == "true";
  return reader_.boolean(n, k.name);
}

Distribution YamlParamReader::distribution(std::string_view name) const {
  const Key& k = key(name);
  YAML::Node n = present(k);
  if (!n.IsDefined()) return default_distribution(k);
  Distribution d = read_distribution(reader_, n, k.name, k.type.quantity);
  // Bounds of a distribution key apply to every value it can draw (an uplift > 0): to a
  // constant, and to the lowest and highest draws of a distribution.
  if (n.IsScalar()) {
    check_bounds(k, k.type, n, d.mean());
    return d;
  }
  const Bounds& b = k.type.bounds;
  auto shown = [](double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%g", v);
    return std::string(buf);
  };
  std::string kind = to_string(d.kind());
  if (b.min &&
      (d.min_value() < *b.min || (b.min_strict && d.min_value() == *b.min && d.can_draw_min())))
    reader_.fail(n, quoted(k.name) + " must be " + (b.min_strict ? "> " : ">= ") + shown(*b.min) +
                        ", but this " + kind + " distribution can draw " + shown(d.min_value()) +
                        "; give one whose every value is in range (e.g. a lognormal or gamma)");
  if (b.max && (d.max_value() > *b.max || (b.max_strict && d.max_value() == *b.max)))
    reader_.fail(n, quoted(k.name) + " must be " + (b.max_strict ? "< " : "<= ") + shown(*b.max) +
                        ", but this " + kind + " distribution can draw " + shown(d.max_value()));
  return d;
}

namespace {

// The schedule declarations of each element kind a capacity may have, built once.
struct ScheduleDeclarations {
  Declaration schedule, change;
};

ScheduleDeclarations make_schedule_declarations(const ValueType& element) {
  ScheduleDeclarations d;
  d.change = Declaration{
      .name = "capacity change",
      .doc_id = "capacity.changes",
      .description = "A dated window in which the capacity takes `value`.",
      .keys = {Key{"from", types::time_point()}.need().describe("start of the window"),
               Key{"to", types::time_point()}.need().describe("end of the window, after `from`"),
               Key{"value", element}.need().describe("the capacity inside the window")}};
  d.schedule = Declaration{
      .name = "capacity schedule",
      .doc_id = "capacity",
      .description =
          "A capacity that changes over time: a base value, a weekly pattern by time "
          "of day, and dated windows that override both.",
      .keys = {
          Key{"base", element}.describe("the value outside slots and windows; default: the key's "
                                        "own default, unlimited where it has none"),
          Key{"weekly", types::dictionary("weekday: mon..sun, a range such as mon-fri, or daily",
                                          types::dictionary("time of day HH:MM-HH:MM", element))}
              .describe("the value by weekday and time of day, {mon-fri: {\"06:00-14:00\": v}}"),
          Key{"changes", types::list(types::map(d.change))}.describe(
              "dated windows {from, to, value}; the last window containing t wins")}};
  return d;
}

const ScheduleDeclarations& schedule_declarations(const ValueType& element) {
  static const ScheduleDeclarations count = make_schedule_declarations(types::count());
  static const ScheduleDeclarations rate = make_schedule_declarations(types::rate());
  if (element.kind == ValueKind::count) return count;
  if (element.kind == ValueKind::rate) return rate;
  throw InternalError("internal: capacity schedules hold counts or rates");
}

}  // namespace

const Declaration& schedule_declaration(const ValueType& element) {
  return schedule_declarations(element).schedule;
}

const Declaration& schedule_change_declaration(const ValueType& element) {
  return schedule_declarations(element).change;
}

CapacitySchedule YamlParamReader::schedule(std::string_view name) const {
  const Key& k = key(name);
  if (k.type.kind != ValueKind::capacity || !k.type.element)
    throw InternalError("internal: `" + k.name + "` is not a capacity key");
  // Each value of the schedule is read as the element type, with the key's own bounds.
  Key value{k.name, capacity_value_type(k.type)};
  value.default_text = k.default_text;
  YAML::Node n = present(k);
  if (!n.IsDefined()) return CapacitySchedule(default_number(value));
  if (!n.IsMap()) return CapacitySchedule(read_number(value, n));

  const std::string what = "schedule of " + quoted(k.name) + " in " + what_;
  YamlParamReader m(reader_, n, schedule_declaration(*k.type.element), what);
  // Without `base` (a plan's window on a key the file leaves out) the key's default holds
  // outside the windows; a key without default (a lane's capacity) is unlimited.
  double base = m.has("base")        ? read_number(value, m.value("base"))
                : value.default_text ? default_number(value)
                                     : std::numeric_limits<double>::infinity();

  std::vector<CapacitySchedule::Slot> slots;
  if (YAML::Node weekly = m.node("weekly"); weekly.IsDefined() && !weekly.IsNull()) {
    reader_.expect_map(weekly, "`weekly` of " + what);
    for (auto day = weekly.begin(); day != weekly.end(); ++day) {
      std::string day_key = reader_.string(day->first, "weekday");
      std::vector<int> days = weekdays_of(day_key);
      if (days.empty()) {
        std::vector<std::string> valid(kWeekdayNames.begin(), kWeekdayNames.end());
        valid.insert(valid.end(), {"mon-fri", "sat-sun", "daily"});
        reader_.fail_key(day->first, day->second,
                         "unknown weekday " + quoted(day_key) + " in `weekly`" +
                             suggest(day_key, valid) +
                             " valid: mon..sun, a range such as mon-fri, or daily");
      }
      reader_.expect_map(day->second, quoted(day_key) + " of `weekly` (\"HH:MM-HH:MM\": value)");
      for (auto slot = day->second.begin(); slot != day->second.end(); ++slot) {
        std::string hours = reader_.string(slot->first, "hours");
        auto dash = hours.find('-');
        ParseResult from = parse_clock(dash == std::string::npos ? hours : hours.substr(0, dash));
        ParseResult to = parse_clock(dash == std::string::npos ? "" : hours.substr(dash + 1));
        if (dash == std::string::npos || !from.value || !to.value || *from.value == *to.value)
          reader_.fail_key(slot->first, slot->second,
                           "`" + hours +
                               "` is not a slot of the day; expected HH:MM-HH:MM with different "
                               "ends (e.g. \"06:00-14:00\"; \"22:00-06:00\" runs past midnight)");
        double v = read_number(value, slot->second);
        for (int d : days) {
          if (*from.value < *to.value) {
            slots.push_back({d, *from.value, *to.value, v});
          } else {  // overnight: the rest of this day, then the next morning
            slots.push_back({d, *from.value, kDay, v});
            if (*to.value > 0) slots.push_back({(d + 1) % 7, 0, *to.value, v});
          }
        }
      }
    }
    if (auto overlap = CapacitySchedule::overlapping_slots(slots))
      reader_.fail(weekly, "`weekly` of " + what + " gives two values at once: " + *overlap +
                               " overlap; each time of a weekday may have one value");
  }

  std::vector<CapacitySchedule::Window> windows;
  for (const YAML::Node& item : m.items("changes")) {
    YamlParamReader change(reader_, item, schedule_change_declaration(*k.type.element),
                           "change of " + what);
    CapacitySchedule::Window w;
    w.from = change.number("from");
    w.to = change.number("to");
    w.value = read_number(value, change.value("value"));
    if (!(w.to > w.from))
      reader_.fail(change.node("to"),
                   "`to` (" + change.node("to").Scalar() + ") must be after `from` (" +
                       change.node("from").Scalar() + ") in a change of " + what);
    windows.push_back(w);
  }
  return CapacitySchedule(base, std::move(slots), std::move(windows), reader_.dates());
}

std::vector<double> YamlParamReader::numbers(std::string_view name) const {
  const Key& k = key(name);
  YAML::Node n = present(k);
  if (!n.IsDefined()) throw InternalError("internal: `" + k.name + "` is absent, no default");
  if (k.type.kind == ValueKind::weekly) return reader_.weekly(n, k.name);
  if (k.type.kind != ValueKind::list || !k.type.element || !k.type.element->is_numeric())
    throw InternalError("internal: `" + k.name + "` is not a list of numbers");
  reader_.expect_list(n, quoted(k.name));
  if (k.type.min_items && n.size() < *k.type.min_items)
    reader_.fail(n, quoted(k.name) + " of " + what_ + " must not be empty");
  Key element{k.name, *k.type.element};
  std::vector<double> out;
  for (auto it = n.begin(); it != n.end(); ++it) out.push_back(read_number(element, *it));
  return out;
}

std::unique_ptr<ParamReader> YamlParamReader::nested(std::string_view name) const {
  const Key& k = key(name);
  YAML::Node n = present(k);
  if (k.type.kind == ValueKind::map) {
    if (!n.IsDefined()) throw InternalError("internal: nested() of absent map `" + k.name + "`");
    return std::make_unique<YamlParamReader>(reader_, n, *k.type.declaration, k.name);
  }
  if (k.type.kind != ValueKind::family)
    throw InternalError("internal: `" + k.name + "` is not a nested map");
  const Family& family = *k.type.family;
  if (!n.IsDefined()) {
    // An absent member with a default: every key at its declared default.
    static const Parameters kNothing;
    const Declaration* member = family.find(family.default_member.value_or(""));
    if (!member) throw InternalError("internal: `" + k.name + "` is absent and has no default");
    return std::make_unique<StoredParamReader>(*member, kNothing, k.name, &family);
  }
  FamilyMember m = read_member(reader_, n, family, k.name, "");
  m.reader->validate();
  return std::move(m.reader);
}

void YamlParamReader::fail(std::string_view name, const std::string& message) const {
  YAML::Node n = map_[std::string(name)];
  reader_.fail(n.IsDefined() ? n : map_, message);
}

std::vector<YAML::Node> YamlParamReader::items(std::string_view name) const {
  const Key& k = key(name);
  YAML::Node n = present(k);
  std::vector<YAML::Node> out;
  if (!n.IsDefined() || (n.IsNull() && k.type.kind == ValueKind::list)) return out;
  if (k.type.kind == ValueKind::one_or_many) return reader_.one_or_many(n, quoted(k.name));
  reader_.expect_list(n, quoted(k.name));
  for (auto it = n.begin(); it != n.end(); ++it) out.push_back(*it);
  return out;
}

double YamlParamReader::element_number(std::string_view name, const YAML::Node& element,
                                       const std::string& label) const {
  const Key& k = key(name);
  if (!k.type.element || !k.type.element->is_numeric())
    throw InternalError("internal: elements of `" + k.name + "` are not numbers");
  return read_number(Key{label, *k.type.element}, element);
}

std::unique_ptr<YamlParamReader> YamlParamReader::map_reader(std::string_view name,
                                                             std::string what) const {
  const Key& k = key(name);
  if (k.type.kind != ValueKind::map)
    throw InternalError("internal: `" + k.name + "` is not a nested map");
  return std::make_unique<YamlParamReader>(reader_, value(name), *k.type.declaration,
                                           std::move(what));
}

void YamlParamReader::check_alternatives() const {
  for (const Alternatives& a : declaration_.alternatives) {
    std::vector<std::size_t> given;  // options with at least one key written
    for (std::size_t i = 0; i < a.options.size(); ++i)
      for (const auto& k : a.options[i].keys)
        if (map_[k].IsDefined()) {
          given.push_back(i);
          break;
        }
    if (given.size() == 1 || (given.empty() && !a.required)) continue;
    if (given.size() > 1 && !a.required) {
      const auto& second = a.options[given[1]].keys.front();
      std::string both;
      for (std::size_t g = 0; g < given.size(); ++g)
        both += (g ? " and " : "") + quoted(a.options[given[g]].keys.front());
      reader_.fail(map_[second], what_ + " has both " + both + "; use one");
    }
    reader_.fail(map_, what_ + " needs exactly one of " + options_text(a));
  }
  // Within the option given, every key is required.
  for (const Alternatives& a : declaration_.alternatives)
    for (const auto& option : a.options) {
      bool any = false;
      for (const auto& k : option.keys) any = any || map_[k].IsDefined();
      if (!any) continue;
      for (const auto& k : option.keys)
        if (!map_[k].IsDefined() || map_[k].IsNull())
          reader_.fail(map_, "missing required key " + quoted(k) + " in " + what_);
    }
}

void YamlParamReader::validate() const {
  check_alternatives();
  for (const Key& k : declaration_.keys) {
    YAML::Node n = present(k);
    if (!n.IsDefined()) continue;
    const ValueType& t = k.type;
    if (t.is_numeric())
      number(k.name);
    else if (t.kind == ValueKind::text || t.kind == ValueKind::reference ||
             t.kind == ValueKind::choice || t.kind == ValueKind::date)
      text(k.name);
    else if (t.kind == ValueKind::boolean)
      flag(k.name);
    else if (t.kind == ValueKind::distribution)
      distribution(k.name);
    else if (t.kind == ValueKind::weekly || t.kind == ValueKind::list)
      numbers(k.name);
    else if (t.kind == ValueKind::map || t.kind == ValueKind::family)
      nested(k.name);
    else if (t.kind == ValueKind::capacity)
      schedule(k.name);
    else
      throw InternalError("internal: validate() cannot read `" + k.name + "` (" + t.describe() +
                          ")");
  }
  if (declaration_.check) declaration_.check(*this);
}

FamilyMember read_member(const YamlReader& reader, const YAML::Node& node, const Family& family,
                         const std::string& key, const std::string& owner, Quantity quantity) {
  std::string of_owner = owner.empty() ? "" : " of " + owner;
  reader.expect_map(node, quoted(key));
  YAML::Node type = reader.required(node, family.discriminator, family.name + of_owner);
  std::string name = reader.string(type, family.discriminator);
  const Declaration* member = family.find(name);
  if (!member) {
    auto names = family.member_names();
    reader.fail(type, "unknown " + family.noun + " " + quoted(name) + suggest(name, names) + " " +
                          family.names_label + ": " + join(names));
  }
  FamilyMember out;
  out.declaration = member;
  out.name = name;
  out.reader = std::make_unique<YamlParamReader>(
      reader, node, *member, name + " " + family.name + of_owner, &family, quantity);
  return out;
}

Distribution read_distribution(const YamlReader& reader, const YAML::Node& node,
                               const std::string& key, Quantity quantity) {
  const Family& family = distribution_family();
  if (node.IsScalar()) return Distribution::constant(reader.quantity(node, key, quantity));
  if (!node.IsMap())
    reader.fail(node, quoted(key) + " must be a " +
                          std::string(quantity == Quantity::duration ? "duration" : "number") +
                          " or a distribution map {dist: ...}, got " + describe_node(node));
  FamilyMember m = read_member(reader, node, family, key, quoted(key), quantity);
  m.reader->validate();
  Distribution d = build_distribution(m.name, *m.reader);
  // The declared bounds keep every distribution drawable; this is the rule behind them, kept
  // for any parameter combination they do not foresee (a draw of NaN is an internal error).
  if (!d.is_well_defined())
    reader.fail(node, quoted(key) + ": the parameters of this " + m.name +
                          " distribution overflow (they give no finite draws); use smaller values");
  return d;
}

}  // namespace surge
