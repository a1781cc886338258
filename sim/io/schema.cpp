// The JSON Schema of the scenario format, for editors (`surge schema`). It mirrors the checks
// of scenario_loader.cpp as far as a schema can; cross-references (ids, lanes, cycles) are
// only checked by the loader.
#include <string>

#include "surge/io/scenario_loader.hpp"
#include "surge/io/target_metrics.hpp"

namespace surge {
namespace {

const char* kSchemaHead = R"JSON({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "$id": "https://surge.example/scenario.schema.json",
  "title": "Surge scenario",
  "description": "A supply chain and its campaigns; see docs/scenario-reference.md.",
  "type": "object",
  "additionalProperties": false,
  "required": ["name", "horizon", "products", "nodes", "markets"],
  "properties": {
    "name": {"type": "string"},
    "description": {"type": "string"},
    "horizon": {"$ref": "#/$defs/duration"},
    "warmup": {"$ref": "#/$defs/duration", "default": "0d"},
    "seed": {"type": "integer", "minimum": 0, "default": 1},
    "sample_every": {"$ref": "#/$defs/duration", "default": "1d"},
    "products": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/product"}},
    "calendars": {"type": "object", "additionalProperties": {"$ref": "#/$defs/calendar"}},
    "nodes": {"type": "array", "items": {"$ref": "#/$defs/node"}},
    "lanes": {"type": "array", "items": {"$ref": "#/$defs/lane"}},
    "markets": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/market"}},
    "campaigns": {"type": "array", "items": {"$ref": "#/$defs/campaign"}},
    "targets": {"$ref": "#/$defs/targets"},
    "plans": {"type": "object", "additionalProperties": {"$ref": "#/$defs/plan"}}
  },
  "$defs": {
    "duration": {"type": "string", "pattern": "^\\s*[0-9.eE+-]+\\s*(s|sec|min|h|d|w)\\s*$",
                 "description": "A number and a unit: s, min, h, d, w (e.g. 90s, 15min, 4h, 3d, 2w)."},
    "rate": {"type": "string", "pattern": "^\\s*[0-9.eE+-]+\\s*/\\s*([0-9.eE+-]+)?\\s*(s|sec|min|h|d|w)\\s*$",
             "description": "A count per time (e.g. 800/d, 12/h, 1/180d)."},
    "money_rate": {"anyOf": [{"$ref": "#/$defs/rate"}, {"const": 0}],
                   "description": "Money per unit per time (e.g. 0.02/d), or 0."},
    "number_min0": {"type": "number", "minimum": 0},
    "count": {"anyOf": [{"type": "integer", "minimum": 0}, {"const": "unlimited"}]},
    "clock": {"type": "string", "pattern": "^\\s*[0-9]{1,2}:[0-9]{2}\\s*$"},
    "weekly": {"type": "array", "minItems": 7, "maxItems": 7, "items": {"type": "number", "minimum": 0},
               "description": "Multipliers Monday to Sunday."},
    "dist_duration": {"description": "A duration (constant) or a distribution whose parameters are durations.",
                      "anyOf": [{"$ref": "#/$defs/duration"}, {"$ref": "#/$defs/dist_map_duration"}]},
    "dist_plain": {"description": "A number (constant) or a distribution of plain numbers.",
                   "anyOf": [{"type": "number"}, {"$ref": "#/$defs/dist_map_plain"}]},
)JSON";

// The distribution map, written once per parameter type.
std::string dist_map(const std::string& name, const std::string& param) {
  std::string p = param;
  return "    \"" + name + R"JSON(": {
      "type": "object",
      "required": ["dist"],
      "properties": {"dist": {"enum": ["constant", "exponential", "uniform", "triangular", "normal", "lognormal", "gamma", "empirical"]}},
      "oneOf": [
        {"properties": {"dist": {"const": "constant"}, "value": )JSON" +
         p + R"JSON(}, "required": ["value"], "additionalProperties": false},
        {"properties": {"dist": {"const": "exponential"}, "mean": )JSON" +
         p + R"JSON(}, "required": ["mean"], "additionalProperties": false},
        {"properties": {"dist": {"const": "uniform"}, "min": )JSON" +
         p + R"JSON(, "max": )JSON" + p +
         R"JSON(}, "required": ["min", "max"], "additionalProperties": false},
        {"properties": {"dist": {"const": "triangular"}, "min": )JSON" +
         p + R"JSON(, "mode": )JSON" + p + R"JSON(, "max": )JSON" + p +
         R"JSON(}, "required": ["min", "mode", "max"], "additionalProperties": false},
        {"properties": {"dist": {"const": "normal"}, "mean": )JSON" +
         p + R"JSON(, "sd": )JSON" + p +
         R"JSON(}, "required": ["mean", "sd"], "additionalProperties": false},
        {"properties": {"dist": {"const": "lognormal"}, "mean": )JSON" +
         p +
         R"JSON(, "cv": {"type": "number", "exclusiveMinimum": 0}}, "required": ["mean", "cv"], "additionalProperties": false},
        {"properties": {"dist": {"const": "lognormal"}, "median": )JSON" +
         p + R"JSON(, "p90": )JSON" + p +
         R"JSON(}, "required": ["median", "p90"], "additionalProperties": false},
        {"properties": {"dist": {"const": "gamma"}, "mean": )JSON" +
         p +
         R"JSON(, "cv": {"type": "number", "exclusiveMinimum": 0}}, "required": ["mean", "cv"], "additionalProperties": false},
        {"properties": {"dist": {"const": "empirical"}, "values": {"type": "array", "minItems": 1, "items": )JSON" +
         p +
         R"JSON(}, "weights": {"type": "array", "items": {"type": "number", "minimum": 0}}}, "required": ["values"], "additionalProperties": false}
      ]
    },
)JSON";
}

const char* kSchemaBody = R"JSON(    "product": {
      "type": "object", "additionalProperties": false, "required": ["id"],
      "properties": {
        "id": {"type": "string"},
        "price": {"type": "number", "minimum": 0, "default": 0},
        "unit_cost": {"type": "number", "minimum": 0, "default": 0},
        "holding_cost": {"$ref": "#/$defs/money_rate"},
        "lost_sale_cost": {"type": "number", "minimum": 0, "description": "Default: price - unit_cost."},
        "backorder_cost": {"$ref": "#/$defs/money_rate"},
        "bom": {"type": "object", "additionalProperties": {"type": "number", "exclusiveMinimum": 0},
                "description": "Component product id -> units consumed per unit made."}
      }
    },
    "hours": {"anyOf": [{"type": "string", "pattern": "^\\s*([0-9]{1,2}:[0-9]{2}\\s*-\\s*[0-9]{1,2}:[0-9]{2}|closed)\\s*$"},
                        {"type": "array", "items": {"type": "string"}}]},
    "calendar": {
      "type": "object",
      "properties": {"holidays": {"type": "array", "items": {"$ref": "#/$defs/duration"}}},
      "patternProperties": {"^(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?$|^daily$": {"$ref": "#/$defs/hours"}},
      "additionalProperties": false
    },
    "policy": {
      "type": "object", "required": ["type"],
      "oneOf": [
        {"properties": {"type": {"const": "none"}}, "additionalProperties": false},
        {"properties": {"type": {"const": "sS"}, "s": {"type": "number"}, "S": {"type": "number"}}, "required": ["s", "S"], "additionalProperties": false},
        {"properties": {"type": {"const": "RQ"}, "R": {"type": "number"}, "Q": {"type": "number", "exclusiveMinimum": 0}}, "required": ["R", "Q"], "additionalProperties": false},
        {"properties": {"type": {"const": "base_stock"}, "level": {"type": "number", "minimum": 0}}, "required": ["level"], "additionalProperties": false},
        {"properties": {"type": {"const": "order_up_to"}, "review": {"$ref": "#/$defs/duration"},
                        "forecast": {"oneOf": [
                          {"type": "object", "properties": {"type": {"const": "moving_average"}, "periods": {"type": "integer", "minimum": 1, "default": 4}}, "required": ["type"], "additionalProperties": false},
                          {"type": "object", "properties": {"type": {"const": "exp_smoothing"}, "alpha": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.3}}, "required": ["type"], "additionalProperties": false}]},
                        "cover": {"type": "number", "exclusiveMinimum": 0},
                        "safety_factor": {"type": "number", "minimum": 0, "default": 0}},
         "required": ["review"], "additionalProperties": false},
        {"properties": {"type": {"const": "anchor_adjust"}, "review": {"$ref": "#/$defs/duration"},
                        "target_stock": {"type": "number"},
                        "target_supply_line": {"type": "number", "minimum": 0},
                        "alpha_s": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5},
                        "alpha_sl": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5},
                        "theta": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.25},
                        "initial_demand": {"type": "number", "minimum": 0},
                        "order_delay": {"$ref": "#/$defs/duration"}},
         "required": ["review", "target_stock"], "additionalProperties": false}
      ]
    },
    "stock_item": {
      "type": ["object", "null"], "additionalProperties": false,
      "not": {"required": ["source", "sources"]},
      "properties": {
        "initial": {"type": "number", "minimum": 0, "default": 0},
        "source": {"type": "string", "description": "Node id to order from."},
        "sources": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["from"],
                    "properties": {"from": {"type": "string"}, "share": {"type": "number", "exclusiveMinimum": 0, "default": 1},
                                   "backup": {"type": "boolean", "default": false}}}},
        "policy": {"$ref": "#/$defs/policy"}
      }
    },
    "inventory": {"type": "object", "additionalProperties": {"$ref": "#/$defs/stock_item"}},
    "node": {
      "type": "object", "required": ["id", "type"],
      "properties": {"id": {"type": "string"},
                     "type": {"enum": ["supplier", "factory", "warehouse", "fulfilment", "service"]},
                     "calendar": {"type": "string"}},
      "oneOf": [
        {"properties": {"id": true, "type": {"const": "supplier"}, "calendar": true,
                        "products": {"type": "object", "additionalProperties": {"type": "object", "additionalProperties": false, "required": ["lead_time"],
                          "properties": {"lead_time": {"$ref": "#/$defs/dist_duration"}, "capacity": {"$ref": "#/$defs/rate"},
                                         "min_order": {"type": "number", "minimum": 0}, "multiple": {"type": "number", "minimum": 0}}}},
                        "disruptions": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["duration"],
                          "properties": {"start": {"$ref": "#/$defs/duration"}, "rate": {"$ref": "#/$defs/rate"}, "duration": {"$ref": "#/$defs/dist_duration"}},
                          "oneOf": [{"required": ["start"]}, {"required": ["rate"]}]}}},
         "additionalProperties": false},
        {"properties": {"id": true, "type": {"const": "factory"}, "calendar": true,
                        "mode": {"enum": ["make_to_stock", "make_to_order"], "default": "make_to_stock"},
                        "lines": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["product"],
                          "properties": {"product": {"type": "string"}, "rate": {"$ref": "#/$defs/rate"}, "time": {"$ref": "#/$defs/dist_duration"},
                                         "batch": {"type": "number", "minimum": 1, "default": 1}, "name": {"type": "string"},
                                         "cost_per_unit": {"type": "number", "minimum": 0}},
                          "oneOf": [{"required": ["rate"]}, {"required": ["time"]}]}},
                        "inventory": {"$ref": "#/$defs/inventory"}},
         "additionalProperties": false},
        {"properties": {"id": true, "type": {"const": "warehouse"}, "calendar": true, "inventory": {"$ref": "#/$defs/inventory"}},
         "required": ["inventory"], "additionalProperties": false},
        {"properties": {"id": true, "type": {"const": "fulfilment"}, "calendar": true, "inventory": {"$ref": "#/$defs/inventory"},
                        "stations": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["name", "time"],
                          "properties": {"name": {"type": "string"}, "servers": {"$ref": "#/$defs/count", "default": 1},
                                         "time": {"$ref": "#/$defs/dist_duration"}, "calendar": {"type": "string"}}}},
                        "cutoff": {"$ref": "#/$defs/clock"}},
         "required": ["inventory"], "additionalProperties": false},
        {"properties": {"id": true, "type": {"const": "service"}, "calendar": true,
                        "agents": {"$ref": "#/$defs/count"}, "handle_time": {"$ref": "#/$defs/dist_duration"},
                        "patience": {"$ref": "#/$defs/dist_duration"},
                        "arrivals": {"anyOf": [{"$ref": "#/$defs/contact_stream"}, {"type": "array", "items": {"$ref": "#/$defs/contact_stream"}}]},
                        "service_level": {"type": "object", "additionalProperties": false, "properties": {"within": {"$ref": "#/$defs/duration", "default": "60s"}}}},
         "required": ["agents", "handle_time"], "additionalProperties": false}
      ]
    },
    "contact_stream": {"type": "object", "additionalProperties": false, "required": ["rate"],
                       "properties": {"rate": {"$ref": "#/$defs/rate"}, "weekly": {"$ref": "#/$defs/weekly"}}},
    "lane": {
      "type": "object", "additionalProperties": false, "required": ["from", "to", "lead_time"],
      "properties": {"from": {"type": "string"}, "to": {"type": "string"}, "lead_time": {"$ref": "#/$defs/dist_duration"},
                     "capacity": {"$ref": "#/$defs/rate"}, "cost": {"type": "number", "minimum": 0, "default": 0}}
    },
    "demand": {
      "type": "object", "additionalProperties": false, "required": ["product", "rate"],
      "properties": {"product": {"type": "string"}, "rate": {"$ref": "#/$defs/rate"}, "weekly": {"$ref": "#/$defs/weekly"},
                     "seasonal": {"type": "array", "items": {"type": "object", "additionalProperties": false, "required": ["from", "to", "factor"],
                       "properties": {"from": {"$ref": "#/$defs/duration"}, "to": {"$ref": "#/$defs/duration"}, "factor": {"type": "number", "minimum": 0}}}},
                     "size": {"$ref": "#/$defs/dist_plain", "default": 1}}
    },
    "market": {
      "type": "object", "additionalProperties": false, "required": ["id", "served_by", "demand"],
      "properties": {
        "id": {"type": "string"},
        "served_by": {"type": "string"},
        "demand": {"anyOf": [{"$ref": "#/$defs/demand"}, {"type": "array", "items": {"$ref": "#/$defs/demand"}}]},
        "delivery": {"type": "object", "additionalProperties": false,
                     "properties": {"lead_time": {"$ref": "#/$defs/dist_duration"}, "promise": {"$ref": "#/$defs/duration"}}},
        "on_stockout": {"enum": ["backorder", "lost_sale", "backorder_with_patience"], "default": "backorder"},
        "patience": {"$ref": "#/$defs/dist_duration"},
        "contacts": {"type": "object", "additionalProperties": false,
                     "properties": {"per_order": {"type": "number", "minimum": 0}, "per_late_order": {"type": "number", "minimum": 0},
                                    "to": {"type": "string"}}}
      }
    },
    "campaign": {
      "type": "object", "additionalProperties": false, "required": ["id", "start", "duration"],
      "oneOf": [{"required": ["product"]}, {"required": ["products"]}],
      "properties": {
        "id": {"type": "string"},
        "product": {"type": "string"},
        "products": {"type": "array", "items": {"type": "string"}},
        "markets": {"type": "array", "items": {"type": "string"}, "description": "Default: all markets."},
        "start": {"$ref": "#/$defs/duration"},
        "duration": {"$ref": "#/$defs/duration"},
        "uplift": {"$ref": "#/$defs/dist_plain", "default": 1},
        "ramp_up": {"$ref": "#/$defs/duration", "default": "0d"},
        "decay": {"$ref": "#/$defs/duration", "default": "0d"},
        "discount": {"type": "number", "minimum": 0, "exclusiveMaximum": 1, "default": 0},
        "pull_forward": {"type": "object", "additionalProperties": false, "required": ["share", "over"],
                         "properties": {"share": {"type": "number", "minimum": 0, "maximum": 1}, "over": {"$ref": "#/$defs/duration"}}},
        "contacts_per_order": {"type": "number", "minimum": 0, "default": 0},
        "contacts_to": {"type": "string"}
      }
    },
    "targets": {
      "type": "object", "additionalProperties": false,
      "properties": {
        "confidence": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1, "default": 0.9},
        "require": {"type": "array", "items": {
          "type": "object", "additionalProperties": false, "required": ["metric"],
          "oneOf": [{"required": ["at_least"]}, {"required": ["at_most"]}],
          "properties": {
            "metric": {"enum": [@METRICS@]},
            "window": {"type": "string", "default": "run", "description": "run or a campaign id"},
            "node": {"type": "string"}, "product": {"type": "string"}, "market": {"type": "string"},
            "answer_within": {"$ref": "#/$defs/duration"},
            "at_least": {"type": "number"}, "at_most": {"type": "number"}
          }}}
      }
    },
    "plan": {
      "type": "object", "additionalProperties": false, "required": ["set"],
      "properties": {
        "set": {"type": "object", "description": "Dotted path -> value, as with --set.",
                "additionalProperties": true},
        "cost": {"type": "number", "minimum": 0, "default": 0}
      }
    }
  }
}
)JSON";

}  // namespace

std::string scenario_json_schema() {
  std::string metrics;
  for (std::size_t i = 0; i < kTargetMetrics.size(); ++i) {
    if (i) metrics += ", ";
    // Appended piece by piece: `"\"" + std::string(...)` draws a false -Wrestrict from GCC 12.
    metrics.append("\"").append(kTargetMetrics[i]).append("\"");
  }
  std::string body = kSchemaBody;
  body.replace(body.find("@METRICS@"), 9, metrics);
  return std::string(kSchemaHead) +
         dist_map("dist_map_duration", "{\"$ref\": \"#/$defs/duration\"}") +
         dist_map("dist_map_plain", "{\"type\": \"number\"}") + body;
}

}  // namespace surge
