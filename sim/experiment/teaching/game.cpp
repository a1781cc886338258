#include "surge/experiment/teaching/game.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <sstream>

#include "surge/experiment/replication/replication.hpp"
#include "surge/io/scenario_loader.hpp"
#include "surge/kernel/error.hpp"
#include "surge/metrics/collector.hpp"
#include "surge/policies/anchor_adjust_policy.hpp"
#include "surge/policies/human_order_policy.hpp"
#include "surge/policies/policy_declaration.hpp"

namespace surge {
namespace {

// Thrown through the simulation when the player stops: the unfinished run has no result.
struct GameOver {};

const StockItem* played_item(const Node& node) {
  for (const StockItem& item : node.inventory)
    if ((node.type == NodeType::warehouse || node.type == NodeType::fulfilment ||
         node.type == NodeType::factory) &&
        item.policy.review() > 0 &&
        (item.policy.type == "anchor_adjust" || item.policy.type == "order_up_to"))
      return &item;
  return nullptr;
}

// Asks the player (or reads the script) and adds what the policy cannot know: the week count
// and the running cost, read from the collector.
class GameDecider : public OrderDecider {
 public:
  GameDecider(const Scenario& s, std::uint32_t node, std::uint32_t product, Time review,
              const Collector& collector, GamePlayer* player, const std::vector<double>* script)
      : scenario_(s),
        node_(node),
        product_(product),
        weeks_(static_cast<int>(std::lround(s.horizon / review))),
        collector_(collector),
        player_(player),
        script_(script) {}

  double decide(const OrderBoard& board) override {
    if (board.time >= scenario_.horizon - 1e-6) return 0;
    if (script_) {
      std::size_t i = static_cast<std::size_t>(board.review - 1);
      return i < script_->size() ? (*script_)[i] : 0;
    }
    const Product& p = scenario_.products[product_];
    GameBoard g;
    g.stock = board;
    g.week = board.review;
    g.weeks = weeks_;
    g.cost_so_far =
        collector_.stock_area(node_, product_, Collector::kOnHand, board.time) * p.holding_cost +
        collector_.stock_area(node_, product_, Collector::kBacklog, board.time) * p.backorder_cost;
    std::optional<double> d = player_->decide(g);
    if (!d) throw GameOver{};
    orders_.push_back(std::max(0.0, *d));
    return orders_.back();
  }
  const std::vector<double>& orders() const { return orders_; }

 private:
  const Scenario& scenario_;
  std::uint32_t node_, product_;
  int weeks_;
  const Collector& collector_;
  GamePlayer* player_;
  const std::vector<double>* script_;
  std::vector<double> orders_;
};

struct Played {
  RunResult result;
  std::vector<double> orders;
};

Played run_game(const Scenario& s, const std::string& node_id, GamePlayer* player,
                const std::vector<double>* script) {
  const Node* node = s.find_node(node_id);
  const StockItem* item = node ? played_item(*node) : nullptr;
  if (!item) {
    std::string list;
    for (const auto& n : playable_nodes(s)) list += (list.empty() ? "" : ", ") + n;
    throw Error(
        "node '" + node_id + "' cannot be played" +
        (node ? " (it holds no product under a periodic-review policy)" : " (no such node)") +
        "; playable nodes: " + (list.empty() ? "none" : list));
  }
  std::uint32_t node_index = 0, product_index = 0;
  for (std::uint32_t n = 0; n < s.nodes.size(); ++n)
    if (s.nodes[n].id == node_id) node_index = n;
  for (std::uint32_t p = 0; p < s.products.size(); ++p)
    if (s.products[p].id == item->product) product_index = p;

  std::unique_ptr<GameDecider> decider;
  RunOptions options;
  options.policy_override =
      [&](std::uint32_t n, std::uint32_t p, const Policy& spec, Time,
          const Collector& collector) -> std::unique_ptr<ReplenishmentPolicy> {
    if (n != node_index || p != product_index) return nullptr;
    decider = std::make_unique<GameDecider>(s, n, p, spec.review(), collector, player, script);
    bool anchor = spec.type == "anchor_adjust";
    auto params = policy_parameters(spec);
    int delay =
        anchor ? static_cast<int>(std::lround(params->number("order_delay") / spec.review())) : 0;
    // The initial order slips are whole cases, as the rule's own are (anchor_adjust_policy).
    double initial =
        anchor && params->has("initial_demand") ? whole_units(params->number("initial_demand")) : 0;
    return std::make_unique<HumanOrderPolicy>(spec.review(), delay, initial, *decider);
  };
  Played played;
  played.result = run_replication(s, 0, options);
  if (decider) played.orders = decider->orders();
  return played;
}

Time review_of(const Scenario& s, const std::string& node_id) {
  const Node* node = s.find_node(node_id);
  const StockItem* item = node ? played_item(*node) : nullptr;
  return item ? item->policy.review() : 0;
}

GameOutcome outcome(const Scenario& s, const std::string& node_id, Played played, bool finished) {
  GameOutcome o;
  o.scenario = s;
  o.result = std::move(played.result);
  o.orders = std::move(played.orders);
  Time review = review_of(s, node_id);
  o.weeks = review > 0 ? static_cast<int>(std::lround(s.horizon / review)) : 0;
  o.finished = finished;
  return o;
}

}  // namespace

std::vector<std::string> playable_nodes(const Scenario& scenario) {
  std::vector<std::string> ids;
  for (const Node& n : scenario.nodes)
    if (played_item(n)) ids.push_back(n.id);
  return ids;
}

GameOutcome play_game(const Scenario& scenario, const std::string& node, GamePlayer& player) {
  // The player's decisions are recorded as they come, so that a game stopped early can be run
  // again, to the week it stopped, from them alone.
  struct Recorder : GamePlayer {
    GamePlayer& inner;
    std::vector<double> orders;
    int last_week = 0;
    explicit Recorder(GamePlayer& p) : inner(p) {}
    std::optional<double> decide(const GameBoard& board) override {
      last_week = board.week;
      std::optional<double> d = inner.decide(board);
      if (d) orders.push_back(std::max(0.0, *d));
      return d;
    }
  } recorder(player);
  try {
    return outcome(scenario, node, run_game(scenario, node, &recorder, nullptr), true);
  } catch (const GameOver&) {
    std::ostringstream horizon;
    horizon.precision(17);
    horizon << recorder.last_week * review_of(scenario, node) << "h";
    Scenario cut = apply_overrides(scenario, {{"horizon", horizon.str()}});
    Played played = run_game(cut, node, nullptr, &recorder.orders);
    played.orders = recorder.orders;
    return outcome(cut, node, std::move(played), false);
  }
}

GameOutcome replay_game(const Scenario& scenario, const std::string& node,
                        const std::vector<double>& orders) {
  Played played = run_game(scenario, node, nullptr, &orders);
  std::size_t asked = 0;
  Time review = review_of(scenario, node);
  if (review > 0)
    asked = static_cast<std::size_t>(std::max(0L, std::lround(scenario.horizon / review) - 1));
  played.orders.assign(orders.begin(), orders.begin() + std::min(asked, orders.size()));
  return outcome(scenario, node, std::move(played), true);
}

}  // namespace surge
