#pragma once
// The declarations of the scenario format (model/declaration.hpp): the top level, whose keys
// reach every section, and each section's maps. The loader (io/scenario/*.cpp, one file per
// section, each holding its declarations) reads through them; `surge schema` is generated from
// scenario_declaration(); tests/io/scenario_reference_test.cpp checks
// docs/scenario-reference.md against every declaration reachable from it.
#include "surge/model/declaration.hpp"

namespace surge {

const Declaration& scenario_declaration();        // io/scenario/header.cpp
const Declaration& product_declaration();         // io/scenario/products.cpp
const Declaration& calendar_declaration();        // io/scenario/calendars.cpp
const Family& node_family();                      // io/scenario/nodes.cpp: the node kinds
const Declaration& inventory_item_declaration();  // io/scenario/inventory.cpp
const Declaration& lane_declaration();            // io/scenario/lanes.cpp
const Declaration& market_declaration();          // io/scenario/markets.cpp
const Declaration& campaign_declaration();        // io/scenario/campaigns.cpp
const Declaration& targets_declaration();         // io/scenario/targets.cpp
const Declaration& plan_declaration();            // io/scenario/plans.cpp
const Declaration& plan_window_declaration();     // io/scenario/plans.cpp: a plan's `during`
const Declaration& planned_order_declaration();   // io/scenario/orders.cpp
const Declaration& lever_declaration();           // io/scenario/levers.cpp
const Declaration& limits_declaration();          // io/scenario/run_size.cpp

}  // namespace surge
