#include "surge/model/world.hpp"

#include "surge/kernel/error.hpp"

namespace surge {

World::World(const Scenario& s, std::uint64_t rep, Observer& obs)
    : scenario(s), replication(rep), observer(obs), orders(sim, obs) {
  sources.assign(s.nodes.size(), nullptr);
  fulfillers.assign(s.nodes.size(), nullptr);
  contact_centres.assign(s.nodes.size(), nullptr);
  markets.assign(s.markets.size(), nullptr);
  lanes.assign(s.nodes.size(), std::vector<Transport*>(s.nodes.size(), nullptr));
}

std::uint32_t World::product_index(const std::string& id) const {
  for (std::size_t i = 0; i < scenario.products.size(); ++i)
    if (scenario.products[i].id == id) return static_cast<std::uint32_t>(i);
  throw InternalError("internal: unknown product " + id + " after validation");
}

std::uint32_t World::node_index(const std::string& id) const {
  for (std::size_t i = 0; i < scenario.nodes.size(); ++i)
    if (scenario.nodes[i].id == id) return static_cast<std::uint32_t>(i);
  throw InternalError("internal: unknown node " + id + " after validation");
}

std::uint32_t World::market_index(const std::string& id) const {
  for (std::size_t i = 0; i < scenario.markets.size(); ++i)
    if (scenario.markets[i].id == id) return static_cast<std::uint32_t>(i);
  throw InternalError("internal: unknown market " + id + " after validation");
}

const Calendar& World::calendar(const std::string& name) const {
  if (name.empty()) return always_open_;
  auto it = scenario.calendars.find(name);
  if (it == scenario.calendars.end())
    throw InternalError("internal: unknown calendar " + name + " after validation");
  return it->second;
}

RandomStream World::stream(std::string_view entity, std::string_view purpose) const {
  return RandomStream(scenario.seed, replication, entity, purpose);
}

Transport* World::lane(std::uint32_t from, std::uint32_t to) const { return lanes[from][to]; }

}  // namespace surge
