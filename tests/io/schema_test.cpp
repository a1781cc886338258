// `surge schema` output: valid JSON of draft 2020-12 in which every declared key of every
// section, node kind, policy, forecast and distribution sits at its place with its type. The
// expected schema of each value type is written here, independently of the generator.
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "io/json_value.hpp"
#include "surge/io/param_reader.hpp"
#include "surge/io/scenario_format.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/metrics/kpi_metrics.hpp"
#include "surge/model/distribution.hpp"
#include "surge/policies/forecast.hpp"
#include "surge/policies/policy_declaration.hpp"

namespace surge {
namespace {

using test::JsonValue;
using Kind = JsonValue::Kind;

std::set<std::string> names_of(const JsonValue& object) {
  std::set<std::string> out;
  for (const auto& [k, v] : object.object) out.insert(k);
  return out;
}

std::set<std::string> strings_of(const JsonValue& array) {
  std::set<std::string> out;
  for (const auto& v : array.array) out.insert(v.string);
  return out;
}

// Walks the declarations and the schema side by side; every mismatch is a failed CHECK that
// names the path of the key ("nodes[].supplier.products{}.lead_time").
class Walker {
 public:
  explicit Walker(const JsonValue& root) : root_(root) {}

  std::set<std::string> keys_seen;

  const JsonValue& resolve(const JsonValue& v) const {
    std::string r = v.text("$ref");
    if (r.empty()) return v;
    REQUIRE(r.rfind("#/$defs/", 0) == 0);
    return root_.at("$defs").at(r.substr(8));
  }

  std::string ref_of(const JsonValue& v) const { return v.text("$ref"); }

  void bounds(const ValueType& t, const JsonValue& s, const std::string& path) {
    INFO(path);
    if (t.bounds.min) {
      const char* k = t.bounds.min_strict ? "exclusiveMinimum" : "minimum";
      REQUIRE(s.has(k));
      CHECK(s.at(k).number == *t.bounds.min);
    }
    if (t.bounds.max) {
      const char* k = t.bounds.max_strict ? "exclusiveMaximum" : "maximum";
      REQUIRE(s.has(k));
      CHECK(s.at(k).number == *t.bounds.max);
    }
  }

  void value(const ValueType& t, const JsonValue& s, Quantity q, const std::string& path) {
    INFO(path << " (" << t.describe() << ")");
    switch (t.kind) {
      case ValueKind::text:
      case ValueKind::reference: CHECK(s.text("type") == "string"); break;
      case ValueKind::number:
        CHECK(s.text("type") == "number");
        bounds(t, s, path);
        break;
      case ValueKind::integer:
        CHECK(s.text("type") == "integer");
        bounds(t, s, path);
        break;
      case ValueKind::boolean: CHECK(s.text("type") == "boolean"); break;
      case ValueKind::count: CHECK(ref_of(s) == "#/$defs/count"); break;
      case ValueKind::duration: CHECK(ref_of(s) == "#/$defs/duration"); break;
      case ValueKind::time_point: CHECK(ref_of(s) == "#/$defs/time_point"); break;
      case ValueKind::date: CHECK(ref_of(s) == "#/$defs/date"); break;
      case ValueKind::time_of_day: CHECK(ref_of(s) == "#/$defs/clock"); break;
      case ValueKind::rate: CHECK(ref_of(s) == "#/$defs/rate"); break;
      case ValueKind::money_rate: CHECK(ref_of(s) == "#/$defs/money_rate"); break;
      case ValueKind::weekly: CHECK(ref_of(s) == "#/$defs/weekly"); break;
      case ValueKind::opening_hours: CHECK(ref_of(s) == "#/$defs/hours"); break;
      case ValueKind::quantity:
        if (q == Quantity::duration) {
          CHECK(ref_of(s) == "#/$defs/duration");
        } else {
          CHECK(s.text("type") == "number");
          bounds(t, s, path);
        }
        break;
      case ValueKind::distribution: {
        std::string suffix = t.quantity == Quantity::duration ? "duration" : "plain";
        if (s.has("anyOf")) {  // a plain distribution whose constant has bounds
          REQUIRE(s.at("anyOf").array.size() == 2);
          CHECK(s.at("anyOf").array[0].text("type") == "number");
          bounds(t, s.at("anyOf").array[0], path);
          CHECK(ref_of(s.at("anyOf").array[1]) == "#/$defs/dist_map_" + suffix);
        } else {
          CHECK(ref_of(s) == "#/$defs/dist_" + suffix);
        }
        break;
      }
      case ValueKind::choice: {
        REQUIRE(s.has("enum"));
        std::set<std::string> declared(t.names.begin(), t.names.end());
        CHECK(strings_of(s.at("enum")) == declared);
        break;
      }
      case ValueKind::map:
        REQUIRE_FALSE(ref_of(s).empty());
        declaration(*t.declaration, resolve(s), q, path);
        break;
      case ValueKind::family:
        REQUIRE_FALSE(ref_of(s).empty());
        family(*t.family, resolve(s), q, path);
        break;
      case ValueKind::list:
        CHECK(s.text("type") == "array");
        REQUIRE(s.has("items"));
        if (t.min_items) CHECK(s.at("minItems").number == static_cast<double>(*t.min_items));
        value(*t.element, s.at("items"), q, path + "[]");
        break;
      case ValueKind::one_or_many:
        REQUIRE(s.has("anyOf"));
        REQUIRE(s.at("anyOf").array.size() == 2);
        value(*t.element, s.at("anyOf").array[0], q, path);
        CHECK(s.at("anyOf").array[1].text("type") == "array");
        value(*t.element, s.at("anyOf").array[1].at("items"), q, path + "[]");
        break;
      case ValueKind::dictionary:
        CHECK(s.text("type") == "object");
        REQUIRE(s.has("additionalProperties"));
        value(*t.element, s.at("additionalProperties"), q, path + "{}");
        break;
      // Any value: `true`, or (a key with a description) an object that constrains nothing.
      case ValueKind::any: CHECK((s.kind == Kind::boolean || !s.has("type"))); break;
      case ValueKind::capacity:
        REQUIRE(s.has("anyOf"));
        REQUIRE(s.at("anyOf").array.size() == 2);
        value(capacity_value_type(t), s.at("anyOf").array[0], q, path);
        REQUIRE_FALSE(ref_of(s.at("anyOf").array[1]).empty());
        declaration(schedule_declaration(*t.element), resolve(s.at("anyOf").array[1]), q,
                    path + "(schedule)");
        break;
      default: FAIL("no expected schema for this value type: add one here with the type");
    }
  }

  void key(const Key& k, const JsonValue& properties, Quantity q, const std::string& path) {
    std::string here = path + "." + k.name;
    INFO(here);
    keys_seen.insert(here);
    REQUIRE(properties.has(k.name));
    const JsonValue& s = properties.at(k.name);
    if (!k.description.empty())
      CHECK_THAT(s.text("description"), Catch::Matchers::Contains(k.description));
    value(k.type, s, q, here);
  }

  void required(const std::vector<Key>& keys, const JsonValue& s, const std::string& path) {
    INFO(path);
    std::set<std::string> declared;
    for (const Key& k : keys)
      if (k.required) declared.insert(k.name);
    std::set<std::string> listed =
        s.has("required") ? strings_of(s.at("required")) : std::set<std::string>{};
    CHECK(listed == declared);
  }

  void declaration(const Declaration& d, const JsonValue& s, Quantity q, const std::string& path) {
    INFO(path << " (" << d.name << ")");
    REQUIRE(s.has("properties"));
    CHECK(s.at("additionalProperties").kind == Kind::boolean);
    CHECK_FALSE(s.at("additionalProperties").boolean);
    auto declared = d.key_names();
    CHECK(names_of(s.at("properties")) == std::set<std::string>(declared.begin(), declared.end()));
    CHECK(s.has("patternProperties") == d.pattern_keys.has_value());
    required(d.keys, s, path);
    for (const Key& k : d.keys) key(k, s.at("properties"), q, path);
  }

  void family(const Family& f, const JsonValue& s, Quantity q, const std::string& path) {
    INFO(path << " (" << f.name << "s)");
    REQUIRE(s.has("oneOf"));
    const auto& members = s.at("oneOf").array;
    REQUIRE(members.size() == f.members.size());
    required(f.common, s, path);
    for (std::size_t i = 0; i < members.size(); ++i) {
      const Declaration& d = *f.members[i];
      std::string here = path + "." + d.name;
      INFO(here);
      const JsonValue& m = members[i];
      const JsonValue& properties = m.at("properties");
      CHECK(properties.at(f.discriminator).text("const") == d.name);
      if (properties.at(f.discriminator).text("const") == d.name)
        keys_seen.insert(here + "." + f.discriminator);
      auto declared = f.key_names(d);
      CHECK(names_of(properties) == std::set<std::string>(declared.begin(), declared.end()));
      CHECK_FALSE(m.at("additionalProperties").boolean);
      required(d.keys, m, here);
      for (const Key& k : d.keys) key(k, properties, q, here);
    }
    for (const Key& k : f.common) key(k, s.at("properties"), q, path);
  }

 private:
  const JsonValue& root_;
};

TEST_CASE("the JSON schema is JSON of draft 2020-12", "[io][schema]") {
  JsonValue schema = test::parse_json(scenario_json_schema());
  CHECK(schema.text("$schema") == "https://json-schema.org/draft/2020-12/schema");
  CHECK(schema.text("type") == "object");
}

TEST_CASE("the JSON schema has every declared key at its place with its type", "[io][schema]") {
  JsonValue schema = test::parse_json(scenario_json_schema());
  Walker walker(schema);
  walker.declaration(scenario_declaration(), schema, Quantity::plain, "");
  // Distributions are reached through $defs/dist_map_*, once per kind of parameter.
  walker.family(distribution_family(), schema.at("$defs").at("dist_map_duration"),
                Quantity::duration, "dist_duration");
  walker.family(distribution_family(), schema.at("$defs").at("dist_map_plain"), Quantity::plain,
                "dist_plain");
  // Nested keys were walked, not just the top level.
  for (const char* path :
       {".nodes[].supplier.products{}.lead_time", ".nodes[].supplier.disruptions[].rate",
        ".nodes[].fulfilment.stations[].servers", ".nodes[].warehouse.inventory{}.policy.sS.S",
        ".nodes[].warehouse.inventory{}.policy.order_up_to.forecast.exp_smoothing.alpha",
        ".nodes[].service.arrivals.weekly", ".markets[].demand.seasonal[].factor",
        ".campaigns[].pull_forward.over", ".targets.require[].metric", ".plans{}.cost",
        "dist_duration.lognormal.p90", "dist_plain.empirical.weights"}) {
    INFO(path);
    CHECK(walker.keys_seen.count(path));
  }
  // Every declared policy and target metric is in it.
  for (const PolicyDeclaration* p : policy_declarations())
    CHECK(walker.keys_seen.count(".nodes[].warehouse.inventory{}.policy." + p->declaration.name +
                                 ".type"));
  std::set<std::string> metrics;
  for (const auto& m : target_metrics()) metrics.insert(m.name);
  CHECK(metrics.size() == target_metric_names().size());
}

}  // namespace
}  // namespace surge
