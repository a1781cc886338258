#pragma once
// One replication in which one stock point's orders are decided outside the model, a review
// at a time: the beer game played by a person (`surge play`, docs/cli.md). Every other stock
// point keeps its scenario policy. The run is the ordinary replication, so its result is a
// normal run (summary, HDF5 file, report), and the same scenario, seed and orders give the
// same result.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "surge/metrics/run_result.hpp"
#include "surge/model/scenario.hpp"
#include "surge/policies/order_decider.hpp"

namespace surge {

// What the player sees before each decision.
struct GameBoard {
  OrderBoard stock;        // their own stock point at this review
  int week = 0;            // reviews so far (1 at the first)
  int weeks = 0;           // reviews in the game (horizon / review period)
  double cost_so_far = 0;  // holding + backorder cost of their stock point since t = 0
};

class GamePlayer {
 public:
  virtual ~GamePlayer() = default;
  // The units to order (negative counts as 0), or nullopt to end the game now.
  virtual std::optional<double> decide(const GameBoard& board) = 0;
};

struct GameOutcome {
  Scenario scenario;  // as played: the horizon is cut at the week the player stopped
  RunResult result;
  std::vector<double> orders;  // the player's decisions, one per review asked
  int weeks = 0;               // weeks (review periods) the result covers
  bool finished = true;        // false: the player stopped before the horizon
};

// Nodes that can be played: those holding a product under a periodic-review policy (the
// game is played at reviews), in the scenario's order.
std::vector<std::string> playable_nodes(const Scenario& scenario);

// Plays `node` (one of playable_nodes, else Error). The player is asked at every review
// before the horizon; nothing ordered at the horizon could arrive within the game, so that
// last review orders 0 without asking. The order delay and the initial mail are those of the
// node's anchor_adjust policy (none for other periodic policies).
GameOutcome play_game(const Scenario& scenario, const std::string& node, GamePlayer& player);

// The same game with the decisions given in advance (after the last one, 0): what play_game
// runs again when the player stops early, and what tests use.
GameOutcome replay_game(const Scenario& scenario, const std::string& node,
                        const std::vector<double>& orders);

}  // namespace surge
