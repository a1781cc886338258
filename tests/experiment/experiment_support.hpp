#pragma once
// Small scenarios for the experiment tests: quick to run, with known answers.
#include <cstdint>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

namespace surge::testing {

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

// Where record `index` of a journal starts (experiment/monte_carlo/journal.cpp): a 24-byte
// header (magic, identity, checksum), then per record its length, the length's checksum, the
// body's checksum and the body.
inline std::size_t journal_record_offset(const std::string& journal, std::size_t index) {
  std::size_t at = 24;
  for (std::size_t i = 0; i < index; ++i) {
    std::uint64_t size;
    std::memcpy(&size, journal.data() + at, sizeof size);
    at += 24 + size;
  }
  return at;
}

// A service desk (M/M/2) fed by one market's orders, plus a campaign with an uncertain uplift:
// each replication is a few thousand events.
inline std::string small_campaign_scenario() {
  return R"(name: small campaign
horizon: 20d
warmup: 2d
seed: 7
products:
  - {id: widget, price: 10, unit_cost: 4, holding_cost: 0.01/d}
nodes:
  - id: wh
    type: warehouse
    inventory: {widget: {initial: 400, source: supplier, policy: {type: sS, s: 150, S: 400}}}
  - id: supplier
    type: supplier
    products: {widget: {lead_time: 2d}}
  - id: desk
    type: service
    agents: 2
    handle_time: {dist: exponential, mean: 10min}
    patience: {dist: exponential, mean: 5min}
lanes:
  - {from: supplier, to: wh, lead_time: {dist: uniform, min: 1d, max: 3d}}
markets:
  - id: town
    served_by: wh
    demand: {product: widget, rate: 40/d}
    delivery: {lead_time: 1d, promise: 2d}
    contacts: {per_order: 0.2, to: desk}
campaigns:
  - id: promo
    product: widget
    start: 10d
    duration: 3d
    uplift: {dist: uniform, min: 1.5, max: 3.5}
targets:
  confidence: 0.8
  require:
    - {metric: fill_rate, window: promo, at_least: 0.9}
    - {metric: service_level, node: desk, answer_within: 2min, at_least: 0.6}
plans:
  more_stock: {set: {nodes.wh.inventory.widget.initial: 800}, cost: 100}
  more_agents: {set: {nodes.desk.agents: 4}, cost: 300}
)";
}

}  // namespace surge::testing
