#pragma once
// The declaration vocabulary of the scenario format. Every extensible concept (a section of the
// file, a node kind, a policy, a distribution, a forecast) is declared once, as data: its name,
// its keys with their value types, units, defaults, constraints and required-ness, and the
// rules between keys. The loader validates and reads through these declarations, `surge
// schema` is generated from them, and a test checks docs/scenario-reference.md against them.
// Format-neutral: nothing here knows YAML (the io layer reads YAML against declarations).
//
// Adding a value type: a ValueKind, its reading in io/param_reader.cpp, its JSON Schema in
// io/schema.cpp, its row in docs/scenario-reference.md ("Units").
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace surge {

class ParamReader;
struct Declaration;
struct Family;

// What a number measures, which decides whether it must carry a unit.
enum class Quantity { plain, duration };

enum class ValueKind {
  text,           // a free string (a name, a description)
  number,         // a plain number
  integer,        // a whole number
  boolean,        // true or false
  count,          // a whole number >= 0, or `unlimited`
  duration,       // a number with a time unit (90s, 15min, 4h, 3d, 2w), read in hours
  time_of_day,    // HH:MM, read in hours after midnight
  rate,           // a count per time (800/d), read per hour
  money_rate,     // money per unit per time (0.02/d), or a plain 0
  quantity,       // a distribution parameter: a duration or a number, as its distribution is
  weekly,         // 7 numbers >= 0, Monday first
  distribution,   // a constant or a {dist: ...} map (Family of distributions)
  reference,      // the id of something declared elsewhere (a product, a node, ...)
  choice,         // one of a fixed list of names
  map,            // a nested map with declared keys
  family,         // a map whose discriminator key selects one declaration of a family
  list,           // a list of `element`
  one_or_many,    // one `element` (a map) or a list of them
  dictionary,     // a map from names (ids of `refers_to`, or free names) to `element`
  opening_hours,  // "HH:MM-HH:MM", a list of them, or `closed`
  any,            // any value, checked where it lands (a plan's `set` values)
};

// Numeric bounds of a value, in internal units (hours for durations, per hour for rates).
struct Bounds {
  std::optional<double> min = {}, max = {};
  bool min_strict = false, max_strict = false;
};

struct ValueType {
  ValueKind kind = ValueKind::text;
  Bounds bounds = {};                   // numbers of every kind; a distribution's constant
  Quantity quantity = Quantity::plain;  // distribution: what its parameters are
  std::string refers_to = {};           // reference, dictionary keys: "product", "node"...
  std::vector<std::string> names = {};  // choice
  std::string names_label = "valid";    // choice: "valid metrics" in "...; valid metrics: a, b"
  const Declaration* declaration = nullptr;       // map
  const Family* family = nullptr;                 // family, distribution
  std::shared_ptr<const ValueType> element = {};  // list, one_or_many, dictionary
  std::optional<std::size_t> min_items = {};      // list

  // The name of the type in docs and messages ("duration", "rate", "list of ...").
  std::string describe() const;
  bool is_numeric() const;
};

// Constructors of value types, so declarations read like the reference's tables.
namespace types {
ValueType text();
ValueType number();
ValueType integer();
ValueType boolean();
ValueType count();
ValueType duration();
ValueType time_of_day();
ValueType rate();
ValueType money_rate();
ValueType quantity();
ValueType weekly();
ValueType distribution(Quantity of);
ValueType reference(std::string what);
ValueType choice(std::vector<std::string> names, std::string label = "valid");
ValueType map(const Declaration& declaration);
ValueType family(const Family& family);
ValueType list(ValueType element);
ValueType one_or_many(ValueType element);
ValueType dictionary(std::string keys_refer_to, ValueType element);
ValueType opening_hours();
ValueType any();
}  // namespace types

// One key of a declared map.
struct Key {
  std::string name = {};
  ValueType type = {};
  std::string description = {};  // one line: what it means, its unit when a plain number has one
  bool required = false;
  // The default as it would be written ("1d", "0.5", "backorder"); absent: the key has no
  // default value, and `description` says what its absence means.
  std::optional<std::string> default_text = {};

  // Builders: Key{"price", types::number()}.at_least(0).defaults("0").describe("...").
  Key& need();
  Key& defaults(std::string text);
  Key& at_least(double min);  // >= min
  Key& above(double min);     // >  min
  Key& at_most(double max);   // <= max
  Key& below(double max);     // <  max
  Key& describe(std::string text);
};

// Keys that go together and exclude each other: exactly one option (or, when not required, at
// most one) must be given, each option a set of keys that are then all required.
struct Alternatives {
  struct Option {
    std::vector<std::string> keys = {};
    std::string hint = {};  // shown after the keys in messages: "`rate` (e.g. 1200/d)"
  };
  std::vector<Option> options = {};
  bool required = true;
};

// Keys named by a pattern rather than listed (a calendar's weekdays).
struct PatternKeys {
  std::string description = {};  // "a weekday mon..sun, a range such as mon-fri, or daily"
  std::string regex = {};        // for the JSON Schema
  ValueType type = {};
};

// A map with declared keys: a section of the file, a node kind, a policy, a distribution...
struct Declaration {
  std::string name = {};         // "lane", "supplier", "sS", "exponential"
  std::string doc_id = {};       // its table in docs/scenario-reference.md ("node.supplier")
  std::string description = {};  // one paragraph
  std::vector<Key> keys = {};
  std::vector<Alternatives> alternatives = {};
  std::optional<PatternKeys> pattern_keys = {};
  // Written with nothing at all (`earbuds:`), the map means every key at its default.
  bool null_allowed = false;
  // Rules between keys beyond bounds and alternatives (S > s, max >= min); fails through
  // reader.fail(key, ...). Runs after every key has been read and checked on its own.
  std::function<void(const ParamReader&)> check = {};

  const Key* find(std::string_view key) const;
  std::vector<std::string> key_names() const;
};

// Declarations selected by a discriminator key: node kinds by `type`, policies by `type`,
// distributions by `dist`. `common` keys are valid in every member (they come first in the
// list of valid keys; the discriminator is one of them).
struct Family {
  std::string name = {};           // "node", "policy", "distribution", "forecast"
  std::string discriminator = {};  // "type", "dist"
  std::string noun = {};           // "node type": "unknown node type `x`"
  std::string names_label = {};    // "valid types": "...; valid types: a, b"
  std::string doc_id = {};  // the table of its common keys, if it has any besides the discriminator
  std::string description = {};
  std::vector<Key> common = {};  // the discriminator key among them, a choice of member names
  std::vector<const Declaration*> members = {};
  std::optional<std::string> default_member = {};  // when the whole map may be absent (forecast)
  // A scalar stands for this member with the scalar as its `scalar_key` (a distribution's
  // constant: `2d` is {dist: constant, value: 2d}).
  std::optional<std::string> scalar_member = {}, scalar_key = {};

  const Declaration* find(std::string_view member) const;
  std::vector<std::string> member_names() const;
  // The common keys then the member's keys: every key valid in a map of that member.
  std::vector<std::string> key_names(const Declaration& member) const;
  const Key* find_key(const Declaration& member, std::string_view key) const;
};

}  // namespace surge
