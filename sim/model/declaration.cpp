#include "surge/model/declaration.hpp"

#include <utility>

namespace surge {

std::string ValueType::describe() const {
  switch (kind) {
    case ValueKind::text: return "string";
    case ValueKind::number: return "number";
    case ValueKind::integer: return "integer";
    case ValueKind::boolean: return "boolean";
    case ValueKind::count: return "integer >= 0 or `unlimited`";
    case ValueKind::duration: return "duration";
    case ValueKind::time_of_day: return "time of day";
    case ValueKind::rate: return "rate";
    case ValueKind::money_rate: return "money rate";
    case ValueKind::quantity: return "number or duration";
    case ValueKind::weekly: return "7 numbers";
    case ValueKind::distribution:
      return quantity == Quantity::duration ? "duration distribution" : "plain distribution";
    case ValueKind::reference: return refers_to + " id";
    case ValueKind::choice: return "name";
    case ValueKind::map: return "map";
    case ValueKind::family: return "map";
    case ValueKind::list: return "list";
    case ValueKind::one_or_many: return "map or list of maps";
    case ValueKind::dictionary: return "map";
    case ValueKind::opening_hours: return "opening hours";
    case ValueKind::any: return "any value";
  }
  return "?";
}

bool ValueType::is_numeric() const {
  switch (kind) {
    case ValueKind::number:
    case ValueKind::integer:
    case ValueKind::count:
    case ValueKind::duration:
    case ValueKind::time_of_day:
    case ValueKind::rate:
    case ValueKind::money_rate:
    case ValueKind::quantity: return true;
    default: return false;
  }
}

namespace types {
namespace {
ValueType of(ValueKind kind) {
  ValueType t;
  t.kind = kind;
  return t;
}
}  // namespace

ValueType text() { return of(ValueKind::text); }
ValueType number() { return of(ValueKind::number); }
ValueType integer() { return of(ValueKind::integer); }
ValueType boolean() { return of(ValueKind::boolean); }
ValueType count() {
  ValueType t = of(ValueKind::count);
  t.bounds.min = 0;
  return t;
}
ValueType duration() { return of(ValueKind::duration); }
ValueType time_of_day() { return of(ValueKind::time_of_day); }
ValueType rate() { return of(ValueKind::rate); }
ValueType money_rate() { return of(ValueKind::money_rate); }
ValueType quantity() { return of(ValueKind::quantity); }
ValueType weekly() { return of(ValueKind::weekly); }
ValueType distribution(Quantity of_what) {
  ValueType t = of(ValueKind::distribution);
  t.quantity = of_what;
  return t;
}
ValueType reference(std::string what) {
  ValueType t = of(ValueKind::reference);
  t.refers_to = std::move(what);
  return t;
}
ValueType choice(std::vector<std::string> names, std::string label) {
  ValueType t = of(ValueKind::choice);
  t.names = std::move(names);
  t.names_label = std::move(label);
  return t;
}
ValueType map(const Declaration& declaration) {
  ValueType t = of(ValueKind::map);
  t.declaration = &declaration;
  return t;
}
ValueType family(const Family& family) {
  ValueType t = of(ValueKind::family);
  t.family = &family;
  return t;
}
ValueType list(ValueType element) {
  ValueType t = of(ValueKind::list);
  t.element = std::make_shared<const ValueType>(std::move(element));
  return t;
}
ValueType one_or_many(ValueType element) {
  ValueType t = of(ValueKind::one_or_many);
  t.element = std::make_shared<const ValueType>(std::move(element));
  return t;
}
ValueType dictionary(std::string keys_refer_to, ValueType element) {
  ValueType t = of(ValueKind::dictionary);
  t.refers_to = std::move(keys_refer_to);
  t.element = std::make_shared<const ValueType>(std::move(element));
  return t;
}
ValueType opening_hours() { return of(ValueKind::opening_hours); }
ValueType any() { return of(ValueKind::any); }
}  // namespace types

Key& Key::need() {
  required = true;
  return *this;
}
Key& Key::defaults(std::string text) {
  default_text = std::move(text);
  return *this;
}
Key& Key::at_least(double min) {
  type.bounds.min = min;
  type.bounds.min_strict = false;
  return *this;
}
Key& Key::above(double min) {
  type.bounds.min = min;
  type.bounds.min_strict = true;
  return *this;
}
Key& Key::at_most(double max) {
  type.bounds.max = max;
  type.bounds.max_strict = false;
  return *this;
}
Key& Key::below(double max) {
  type.bounds.max = max;
  type.bounds.max_strict = true;
  return *this;
}
Key& Key::describe(std::string text) {
  description = std::move(text);
  return *this;
}

const Key* Declaration::find(std::string_view key) const {
  for (const Key& k : keys)
    if (k.name == key) return &k;
  return nullptr;
}

std::vector<std::string> Declaration::key_names() const {
  std::vector<std::string> out;
  for (const Key& k : keys) out.push_back(k.name);
  return out;
}

const Declaration* Family::find(std::string_view member) const {
  for (const Declaration* d : members)
    if (d->name == member) return d;
  return nullptr;
}

std::vector<std::string> Family::member_names() const {
  std::vector<std::string> out;
  for (const Declaration* d : members) out.push_back(d->name);
  return out;
}

std::vector<std::string> Family::key_names(const Declaration& member) const {
  std::vector<std::string> out;
  for (const Key& k : common) out.push_back(k.name);
  for (const Key& k : member.keys) out.push_back(k.name);
  return out;
}

const Key* Family::find_key(const Declaration& member, std::string_view key) const {
  for (const Key& k : common)
    if (k.name == key) return &k;
  return member.find(key);
}

}  // namespace surge
