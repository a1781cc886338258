// The JSON Schema of the scenario format (`surge schema`), generated from the declarations
// (model/declaration.hpp, io/scenario_format.hpp): every declared key of every section, node
// kind, policy, forecast and distribution appears at its place with its type, bounds, default
// and description. It checks what a schema can; cross-references (ids, lanes, cycles) and the
// rules between keys are only checked by the loader.
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "surge/io/param_reader.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/model/distribution.hpp"
#include "surge/model/units.hpp"

namespace surge {
namespace {

// ---- a small JSON value and its printer ---------------------------------------------------

struct Json {
  using Object = std::vector<std::pair<std::string, Json>>;
  using Array = std::vector<Json>;
  std::variant<std::nullptr_t, bool, double, std::string, Array, Object> v;

  Json() : v(Object{}) {}
  Json(bool b) : v(b) {}
  Json(double d) : v(d) {}
  Json(const char* s) : v(std::string(s)) {}
  Json(std::string s) : v(std::move(s)) {}
  Json(Array a) : v(std::move(a)) {}

  static Json object() { return Json(); }
  Json& set(const std::string& key, Json value) {
    auto& o = std::get<Object>(v);
    for (auto& [k, x] : o)
      if (k == key) {
        x = std::move(value);
        return *this;
      }
    o.emplace_back(key, std::move(value));
    return *this;
  }
  bool is_scalar() const {
    return !std::holds_alternative<Array>(v) && !std::holds_alternative<Object>(v);
  }
};

std::string escaped(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      default: out += c;
    }
  }
  return out + "\"";
}

std::string number_text(double d) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  return buf;
}

// Objects one key per line; arrays of scalars and small objects of scalars on one line.
void print(const Json& j, int indent, std::string& out) {
  std::string pad(static_cast<std::size_t>(indent) * 2, ' ');
  std::string inner(static_cast<std::size_t>(indent + 1) * 2, ' ');
  if (std::holds_alternative<std::nullptr_t>(j.v)) {
    out += "null";
  } else if (const bool* b = std::get_if<bool>(&j.v)) {
    out += *b ? "true" : "false";
  } else if (const double* d = std::get_if<double>(&j.v)) {
    out += number_text(*d);
  } else if (const std::string* s = std::get_if<std::string>(&j.v)) {
    out += escaped(*s);
  } else if (const auto* a = std::get_if<Json::Array>(&j.v)) {
    bool flat = true;
    for (const Json& x : *a) flat = flat && x.is_scalar();
    out += "[";
    for (std::size_t i = 0; i < a->size(); ++i) {
      out += i ? (flat ? ", " : ",\n" + inner) : (flat ? "" : "\n" + inner);
      print((*a)[i], indent + 1, out);
    }
    out += flat || a->empty() ? "]" : "\n" + pad + "]";
  } else {
    const auto& o = std::get<Json::Object>(j.v);
    if (o.empty()) {
      out += "{}";
      return;
    }
    out += "{";
    for (std::size_t i = 0; i < o.size(); ++i) {
      out += (i ? ",\n" : "\n") + inner + escaped(o[i].first) + ": ";
      print(o[i].second, indent + 1, out);
    }
    out += "\n" + pad + "}";
  }
}

Json schema_ref(const std::string& def) { return Json::object().set("$ref", "#/$defs/" + def); }

Json strings(const std::vector<std::string>& names) {
  Json::Array a;
  for (const auto& n : names) a.emplace_back(n);
  return Json(std::move(a));
}

// ---- declarations to schema ---------------------------------------------------------------

std::string def_name(const std::string& doc_id) {
  std::string out;
  for (char c : doc_id) out += c == '.' ? '_' : c;
  return out;
}

class Generator {
 public:
  Json root() {
    const Declaration& top = scenario_declaration();
    Json schema = Json::object();
    schema.set("$schema", "https://json-schema.org/draft/2020-12/schema");
    schema.set("$id", "https://surge.example/scenario.schema.json");
    schema.set("title", "Surge scenario");
    Json body = declaration(top, Quantity::plain);
    for (auto& [k, v] : std::get<Json::Object>(body.v)) schema.set(k, v);
    defs_.set("duration",
              Json::object()
                  .set("type", "string")
                  .set("pattern", "^\\s*[0-9.eE+-]+\\s*(ms|s|sec|min|h|d|w)\\s*$")
                  .set("description", std::string("A number and a unit: ") + kDurationUnits));
    defs_.set("date", Json::object()
                          .set("type", "string")
                          .set("pattern", "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}\\s*$")
                          .set("description", "An ISO date, YYYY-MM-DD (e.g. 2026-10-01)."));
    defs_.set(
        "time_point",
        Json::object()
            .set("anyOf",
                 Json::Array{
                     schema_ref("duration"),
                     Json::object()
                         .set("type", "string")
                         .set("pattern",
                              "^\\s*[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2})?)?"
                              "\\s*$")})
            .set("description",
                 "A duration from time 0 (57d), or with start_date an ISO date or date-time "
                 "(2026-11-27, 2026-11-27T06:00)."));
    defs_.set(
        "rate",
        Json::object()
            .set("type", "string")
            .set("pattern", "^\\s*[0-9.eE+-]+\\s*/\\s*([0-9.eE+-]+)?\\s*(ms|s|sec|min|h|d|w)\\s*$")
            .set("description", "A count per time (e.g. 800/d, 12/h, 1/180d)."));
    defs_.set("money_rate",
              Json::object()
                  .set("anyOf", Json::Array{schema_ref("rate"), Json::object().set("const", 0.0)})
                  .set("description", "Money per unit per time (e.g. 0.02/d), or 0."));
    defs_.set(
        "count",
        Json::object()
            .set("anyOf", Json::Array{Json::object().set("type", "integer").set("minimum", 0.0),
                                      Json::object().set("const", "unlimited")})
            .set("description", "A whole number >= 0, or unlimited."));
    defs_.set("clock", Json::object()
                           .set("type", "string")
                           .set("pattern", "^\\s*[0-9]{1,2}:[0-9]{2}\\s*$")
                           .set("description", "A time of day HH:MM, 00:00 to 24:00."));
    defs_.set("weekly", Json::object()
                            .set("type", "array")
                            .set("minItems", 7.0)
                            .set("maxItems", 7.0)
                            .set("items", Json::object().set("type", "number").set("minimum", 0.0))
                            .set("description", "Multipliers Monday to Sunday."));
    Json interval =
        Json::object()
            .set("type", "string")
            .set("pattern", "^\\s*([0-9]{1,2}:[0-9]{2}\\s*-\\s*[0-9]{1,2}:[0-9]{2}|closed)\\s*$");
    defs_.set(
        "hours",
        Json::object()
            .set("anyOf",
                 Json::Array{interval, Json::object().set("type", "array").set("items", interval)})
            .set("description",
                 "Opening hours HH:MM-HH:MM, a list of them, "
                 "or closed."));
    for (Quantity q : {Quantity::duration, Quantity::plain}) {
      std::string suffix = q == Quantity::duration ? "duration" : "plain";
      Json scalar =
          q == Quantity::duration ? schema_ref("duration") : Json::object().set("type", "number");
      defs_.set("dist_" + suffix,
                Json::object()
                    .set("anyOf", Json::Array{scalar, schema_ref("dist_map_" + suffix)})
                    .set("description",
                         q == Quantity::duration
                             ? "A duration (a constant) or a distribution of durations."
                             : "A number (a constant) or a distribution of plain numbers."));
      defs_.set("dist_map_" + suffix, family(distribution_family(), q));
    }
    schema.set("$defs", defs_);
    return schema;
  }

 private:
  // The schema of a value of type `t` (quantities in the unit of `q`).
  Json value(const ValueType& t, Quantity q) {
    Json j = Json::object();
    auto bounds = [&](Json& x) {
      if (t.bounds.min) x.set(t.bounds.min_strict ? "exclusiveMinimum" : "minimum", *t.bounds.min);
      if (t.bounds.max) x.set(t.bounds.max_strict ? "exclusiveMaximum" : "maximum", *t.bounds.max);
    };
    switch (t.kind) {
      case ValueKind::text: return j.set("type", "string");
      case ValueKind::number:
        j.set("type", "number");
        bounds(j);
        return j;
      case ValueKind::integer:
        j.set("type", "integer");
        bounds(j);
        return j;
      case ValueKind::boolean: return j.set("type", "boolean");
      case ValueKind::count: return schema_ref("count");
      case ValueKind::duration: return schema_ref("duration");
      case ValueKind::time_point: return schema_ref("time_point");
      case ValueKind::date: return schema_ref("date");
      case ValueKind::time_of_day: return schema_ref("clock");
      case ValueKind::rate: return schema_ref("rate");
      case ValueKind::money_rate: return schema_ref("money_rate");
      case ValueKind::quantity:
        if (q == Quantity::duration) return schema_ref("duration");
        j.set("type", "number");
        bounds(j);
        return j;
      case ValueKind::weekly: return schema_ref("weekly");
      case ValueKind::distribution: {
        std::string suffix = t.quantity == Quantity::duration ? "duration" : "plain";
        if (t.quantity == Quantity::duration || (!t.bounds.min && !t.bounds.max))
          return schema_ref("dist_" + suffix);
        Json constant = Json::object().set("type", "number");
        bounds(constant);
        return j.set("anyOf", Json::Array{constant, schema_ref("dist_map_" + suffix)});
      }
      case ValueKind::reference:
        return j.set("type", "string").set("description", "a " + t.refers_to + " id");
      case ValueKind::choice: return j.set("enum", strings(t.names));
      case ValueKind::map: return declaration_ref(*t.declaration, q);
      case ValueKind::family: return family_ref(*t.family);
      case ValueKind::list:
        j.set("type", "array").set("items", value(*t.element, q));
        if (t.min_items) j.set("minItems", static_cast<double>(*t.min_items));
        return j;
      case ValueKind::one_or_many: {
        Json element = value(*t.element, q);
        return j.set(
            "anyOf",
            Json::Array{element, Json::object().set("type", "array").set("items", element)});
      }
      case ValueKind::dictionary:
        return j.set("type", "object")
            .set("propertyNames", Json::object().set("description", "a " + t.refers_to))
            .set("additionalProperties", value(*t.element, q));
      case ValueKind::opening_hours: return schema_ref("hours");
      case ValueKind::any: return Json(true);
      case ValueKind::capacity:
        return j.set("anyOf", Json::Array{value(capacity_value_type(t), q),
                                          declaration_ref(schedule_declaration(*t.element), q)});
    }
    return j;
  }

  // A key: its value's schema with its description and default.
  Json key(const Key& k, Quantity q) {
    Json j = value(k.type, q);
    if (std::holds_alternative<bool>(j.v)) j = Json::object();
    std::string description = k.description;
    if (k.default_text) {
      description += description.empty() ? "" : ". ";
      description += "Default: " + (k.default_text->empty() ? "empty" : *k.default_text) + ".";
      const std::string& d = *k.default_text;
      bool numeric = k.type.kind == ValueKind::number || k.type.kind == ValueKind::integer ||
                     (k.type.kind == ValueKind::distribution && k.type.quantity == Quantity::plain);
      if (numeric && parse_number(d))
        j.set("default", *parse_number(d));
      else if (k.type.kind == ValueKind::boolean)
        j.set("default", d == "true");
      else if (!d.empty() && d.front() != '{')
        j.set("default", d);
    }
    if (!description.empty()) {
      if (const auto* o = std::get_if<Json::Object>(&j.v))
        for (const auto& [name, x] : *o)
          if (name == "description" && std::holds_alternative<std::string>(x.v))
            description = std::get<std::string>(x.v) + ": " + description;
      j.set("description", description);
    }
    return j;
  }

  // Required keys and alternatives of a declaration, as schema keywords added to `j`.
  void rules(const Declaration& d, Json& j) {
    Json::Array required;
    for (const Key& k : d.keys)
      if (k.required) required.emplace_back(k.name);
    if (!required.empty()) j.set("required", Json(required));
    Json::Array all_of;
    for (const Alternatives& a : d.alternatives) {
      Json::Array options;
      for (const auto& option : a.options)
        options.push_back(Json::object().set("required", strings(option.keys)));
      if (a.required)
        all_of.push_back(Json::object().set("oneOf", Json(options)));
      else
        all_of.push_back(Json::object().set(
            "not", Json::object().set("required", strings({a.options[0].keys.front(),
                                                           a.options[1].keys.front()}))));
    }
    if (all_of.size() == 1)
      for (auto& [k, v] : std::get<Json::Object>(all_of[0].v)) j.set(k, v);
    else if (!all_of.empty())
      j.set("allOf", Json(all_of));
  }

  Json declaration(const Declaration& d, Quantity q) {
    Json properties = Json::object();
    for (const Key& k : d.keys) properties.set(k.name, key(k, q));
    Json j = Json::object();
    if (!d.description.empty()) j.set("description", d.description);
    j.set("type",
          d.null_allowed ? Json(Json::Array{Json("object"), Json("null")}) : Json("object"));
    j.set("properties", properties);
    if (d.pattern_keys)
      j.set("patternProperties",
            Json::object().set(d.pattern_keys->regex, value(d.pattern_keys->type, q)));
    j.set("additionalProperties", false);
    rules(d, j);
    return j;
  }

  Json declaration_ref(const Declaration& d, Quantity q) {
    // One definition per declaration. Two declarations may share a documentation id (a capacity
    // schedule of counts and one of rates share their reference table): the second gets a
    // numbered name, in the order the walk meets them, so the schema is the same every time.
    if (auto it = declaration_defs_.find(&d); it != declaration_defs_.end())
      return schema_ref(it->second);
    const std::string base = def_name(d.doc_id.empty() ? d.name : d.doc_id);
    std::string name = base;
    for (int n = 2; seen_.count(name); ++n) name = base + "_" + std::to_string(n);
    seen_.insert(name);
    declaration_defs_.emplace(&d, name);
    defs_.set(name, declaration(d, q));
    return schema_ref(name);
  }

  Json family(const Family& f, Quantity q) {
    Json common = Json::object();
    Json::Array required;
    for (const Key& k : f.common) {
      common.set(k.name, key(k, q));
      if (k.required) required.emplace_back(k.name);
    }
    Json::Array members;
    for (const Declaration* m : f.members) {
      Json properties = Json::object();
      for (const Key& k : f.common)
        properties.set(
            k.name, k.name == f.discriminator ? Json::object().set("const", m->name) : Json(true));
      for (const Key& k : m->keys) properties.set(k.name, key(k, q));
      Json member = Json::object();
      if (!m->description.empty()) member.set("description", m->description);
      member.set("properties", properties).set("additionalProperties", false);
      rules(*m, member);
      members.push_back(member);
    }
    Json j = Json::object();
    j.set("description", f.description).set("type", "object").set("properties", common);
    if (!required.empty()) j.set("required", Json(required));
    j.set("oneOf", Json(members));
    return j;
  }

  Json family_ref(const Family& f) {
    std::string name = def_name(f.name);
    if (!seen_.count(name)) {
      seen_.insert(name);
      defs_.set(name, Json::object());  // reserve the place before members recurse
      defs_.set(name, family(f, Quantity::plain));
    }
    return schema_ref(name);
  }

  Json defs_ = Json::object();
  std::set<std::string> seen_;
  std::map<const Declaration*, std::string> declaration_defs_;
};

}  // namespace

std::string scenario_json_schema() {
  Generator generator;
  std::string out;
  print(generator.root(), 0, out);
  return out;
}

}  // namespace surge
