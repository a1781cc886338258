// HumanOrderPolicy (the beer game's player): the board it shows, the order delay its
// decisions go through, and, in a whole run, the week each decision reaches the supplier.
#include "surge/policies/human_order_policy.hpp"

#include <catch2/catch.hpp>
#include <map>
#include <vector>

#include "surge/experiment/teaching/game.hpp"
#include "surge/io/scenario_loader.hpp"

namespace surge {
namespace {

// Answers from a list and keeps every board it was shown.
class ScriptedDecider : public OrderDecider {
 public:
  explicit ScriptedDecider(std::vector<double> answers) : answers_(std::move(answers)) {}
  double decide(const OrderBoard& board) override {
    boards.push_back(board);
    return boards.size() <= answers_.size() ? answers_[boards.size() - 1] : 0;
  }
  std::vector<OrderBoard> boards;

 private:
  std::vector<double> answers_;
};

TEST_CASE("a human decision is placed order_delay reviews later; the mail is supply line",
          "[policies][human]") {
  ScriptedDecider decider({10, 20, 30});
  HumanOrderPolicy policy(168, 2, 4, decider);
  CHECK(policy.review_period() == 168);
  policy.observe_demand(3);
  policy.observe_demand(2);
  // Mail [4, 4]: place 4, keep [4, 10].
  CHECK(policy.order_quantity(StockState{7, 0, 0}) == 4);
  const OrderBoard& first = decider.boards[0];
  CHECK(first.review == 1);
  CHECK(first.time == 168);
  CHECK(first.incoming == 5);
  CHECK(first.on_hand == 7);
  CHECK(first.in_mail == 8);
  CHECK(first.next_placed == 4);
  CHECK(first.supply_line() == 8);
  // On order 4 (last week's placement), nothing arrived; mail [4, 10]: place 4.
  CHECK(policy.order_quantity(StockState{7, 1, 4}) == 4);
  CHECK(decider.boards[1].incoming == 0);
  CHECK(decider.boards[1].received == 0);
  CHECK(decider.boards[1].backlog == 1);
  CHECK(decider.boards[1].supply_line() == 4 + 14);
  // 4 of the 8 on order arrived; the first decision (10) goes out now, two reviews after it.
  CHECK(policy.order_quantity(StockState{11, 0, 4}) == 10);
  CHECK(decider.boards[2].received == 4);
  CHECK(decider.boards[2].in_mail == 30);
  CHECK(policy.decisions() == std::vector<double>{10, 20, 30});
}

TEST_CASE("without an order delay a human decision is placed at once; negatives count as 0",
          "[policies][human]") {
  ScriptedDecider decider({6, -3});
  HumanOrderPolicy policy(24, 0, 4, decider);
  CHECK(policy.order_quantity(StockState{10, 0, 0}) == 6);
  CHECK(decider.boards[0].in_mail == 0);
  CHECK(policy.order_quantity(StockState{10, 0, 6}) == 0);
  CHECK(policy.decisions() == std::vector<double>{6, 0});
}

Scenario beer_game(int weeks) {
  return load_scenario_file(std::string(SURGE_SOURCE_DIR) + "/scenarios/teaching/beer_game.yaml",
                            {"horizon=" + std::to_string(weeks) + "w"});
}

std::map<int, double> weekly(const RunResult& r, const std::string& node, double StockSample::*f) {
  std::map<int, double> by_week;
  for (const StockSample& x : r.stock_series)
    if (r.node_of(x) == node) by_week[static_cast<int>(x.time / 168 + 0.5)] = x.*f;
  return by_week;
}

TEST_CASE("a played retailer's orders reach the wholesaler two weeks after each decision",
          "[policies][human][game]") {
  GameOutcome game = replay_game(beer_game(8), "retailer", {0, 11, 0, 17, 0, 0, 0});
  REQUIRE(game.finished);
  CHECK(game.weeks == 8);
  CHECK(game.orders == std::vector<double>{0, 11, 0, 17, 0, 0, 0});
  auto ordered = weekly(game.result, "retailer", &StockSample::ordered);
  // Weeks 1 and 2 send the initial mail (4, 4); the decision of week k goes out in week k + 2.
  CHECK(ordered[1] == 4);
  CHECK(ordered[2] == 4);
  CHECK(ordered[3] == 0);
  CHECK(ordered[4] == 11);
  CHECK(ordered[5] == 0);
  CHECK(ordered[6] == 17);
  CHECK(ordered[7] == 0);
  // The wholesaler sees the retailer's orders as its demand, in the same week.
  auto demand = weekly(game.result, "wholesaler", &StockSample::demand);
  CHECK(demand[4] == 11);
  CHECK(demand[6] == 17);
}

TEST_CASE("the same seed and orders replay the same game", "[policies][human][game]") {
  Scenario s = beer_game(10);
  GameOutcome a = replay_game(s, "wholesaler", {4, 8, 12, 8, 4, 4, 4, 4, 4});
  GameOutcome b = replay_game(s, "wholesaler", {4, 8, 12, 8, 4, 4, 4, 4, 4});
  CHECK(a.result.trace_fingerprint == b.result.trace_fingerprint);
  GameOutcome c = replay_game(s, "wholesaler", {4, 8, 13, 8, 4, 4, 4, 4, 4});
  CHECK(a.result.trace_fingerprint != c.result.trace_fingerprint);
}

// Stops after answering `answers` questions; keeps the boards.
class QuittingPlayer : public GamePlayer {
 public:
  explicit QuittingPlayer(std::vector<double> answers) : answers_(std::move(answers)) {}
  std::optional<double> decide(const GameBoard& board) override {
    boards.push_back(board);
    if (boards.size() > answers_.size()) return std::nullopt;
    return answers_[boards.size() - 1];
  }
  std::vector<GameBoard> boards;

 private:
  std::vector<double> answers_;
};

TEST_CASE("a player who stops ends the game at that week, with the orders given so far",
          "[policies][human][game]") {
  QuittingPlayer player({5, 6, 7});
  GameOutcome game = play_game(beer_game(36), "distributor", player);
  CHECK_FALSE(game.finished);
  CHECK(game.weeks == 4);
  CHECK(game.scenario.horizon == 4 * 168);
  CHECK(game.orders == std::vector<double>{5, 6, 7});
  REQUIRE(player.boards.size() == 4);
  CHECK(player.boards[0].weeks == 36);
  CHECK(player.boards[3].week == 4);
  // The run stopped early is the same game as one of 4 weeks played from the start.
  GameOutcome again = replay_game(beer_game(4), "distributor", {5, 6, 7});
  CHECK(game.result.trace_fingerprint == again.result.trace_fingerprint);
  // Cost so far grows and is the distributor's holding + backlog cost at the end.
  CHECK(player.boards[0].cost_so_far > 0);
  CHECK(player.boards[3].cost_so_far >= player.boards[2].cost_so_far);
}

TEST_CASE("only nodes ordering at periodic reviews can be played", "[policies][human][game]") {
  Scenario s = beer_game(6);
  CHECK(playable_nodes(s) ==
        std::vector<std::string>{"factory", "distributor", "wholesaler", "retailer"});
  CHECK_THROWS_WITH(replay_game(s, "brewhouse", {}), Catch::Contains("cannot be played"));
  CHECK_THROWS_WITH(replay_game(s, "nobody", {}), Catch::Contains("no such node"));
}

}  // namespace
}  // namespace surge
