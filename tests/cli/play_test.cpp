// `surge play beer-game` end to end, with the orders piped on standard input (not a
// terminal) or given with --orders: the board, the re-prompts, the end-of-game table, the
// run file, and the errors that exit 2.
#include <string>

#include "cli/cli_support.hpp"

namespace surge::cli_test {
namespace {

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST_CASE("surge play: piped orders play the game, print the table and write a run file",
          "[cli][play]") {
  ScratchDir scratch("play");
  fs::path h5 = scratch / "game.h5";
  CliResult r =
      run_surge_with_input({"play", "beer-game", "--weeks", "6", "--seed", "3", "-o", h5.string()},
                           "4\n4\n8\n8\n8\n", scratch.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(count(r.out, "How many cases do you order?") == 5);
  CHECK(r.out.find("=== Week 5 of 6 -- you are the retailer ===") != std::string::npos);
  CHECK(r.out.find("Supply line (on order + mail)") != std::string::npos);
  // The banner gives the cost rates the game charges (the scenario's 0.5 and 1 per case-week).
  CHECK(r.out.find("Costs per case per week: holding 0.50, backlog 1.00.") != std::string::npos);
  CHECK(r.out.find("Game over after 6 weeks -- you played the retailer") != std::string::npos);
  CHECK(r.out.find("retailer (you)") != std::string::npos);
  CHECK(r.out.find("bullwhip  vs own demand") != std::string::npos);
  CHECK(r.out.find("max backlog is the largest at any moment") != std::string::npos);
  CHECK(r.out.find("Your orders: 4, 4, 8, 8, 8") != std::string::npos);
  CHECK(fs::exists(h5));

  // The same seed and orders give the same file, whether piped or given with --orders.
  fs::path again = scratch / "again.h5";
  CliResult o = run_surge({"play", "beer-game", "--weeks", "6", "--seed", "3", "--orders",
                           "4,4,8,8,8", "-o", again.string()},
                          scratch.path(), "orders");
  CHECK(o.exit_code == 0);
  CHECK(o.out.find("8  (from --orders)") != std::string::npos);
  CHECK(shell("cmp -s " + shell_quote(h5.string()) + " " + shell_quote(again.string())) == 0);

  std::string py = python_with_h5py();
  if (!py.empty()) {
    std::string check =
        shell_quote(py) +
        " -c 'import sys, h5py; f = h5py.File(sys.argv[1], \"r\"); a = f.attrs; "
        "sys.exit(0 if (a[\"kind\"], a[\"created_by\"], a[\"player_node\"], a[\"player_orders\"]) "
        "== (\"run\", \"surge play\", \"retailer\", \"4,4,8,8,8\") and \"timeseries\" in f else "
        "1)' " +
        shell_quote(h5.string());
    CHECK(shell(check) == 0);
  }
}

TEST_CASE("surge play: bad answers re-prompt; q and the end of input stop the game cleanly",
          "[cli][play]") {
  ScratchDir scratch("play-bad");
  CliResult r = run_surge_with_input({"play", "beer-game", "--role", "factory", "--weeks", "5"},
                                     "-3\nlots\n2.5\n\n7\nq\n", scratch.path());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("'-3' is not an order: type a whole number of cases") != std::string::npos);
  CHECK(r.out.find("'lots' is not an order") != std::string::npos);
  CHECK(r.out.find("'2.5' is not an order") != std::string::npos);
  CHECK(r.out.find("An empty line is not an order") != std::string::npos);
  CHECK(r.out.find("you stopped") != std::string::npos);
  CHECK(r.out.find("Game over after 2 weeks (stopped early) -- you played the factory") !=
        std::string::npos);
  CHECK(r.out.find("Your orders: 7") != std::string::npos);

  CliResult eof =
      run_surge_with_input({"play", "beer-game", "--weeks", "5"}, "4\n", scratch.path(), "eof");
  CHECK(eof.exit_code == 0);
  CHECK(eof.out.find("end of input") != std::string::npos);
  CHECK(eof.out.find("Game over after 2 weeks (stopped early)") != std::string::npos);
}

TEST_CASE("surge play: an unknown role, game or order list exits 2 with a clear message",
          "[cli][play]") {
  ScratchDir scratch("play-errors");
  CliResult role = run_surge({"play", "beer-game", "--role", "brewer"}, scratch.path(), "role");
  CHECK(role.exit_code == 2);
  CHECK(role.err.find("unknown role 'brewer': choose one of factory, distributor, wholesaler, "
                      "retailer") != std::string::npos);
  CHECK(role.out.find("How many") == std::string::npos);

  CliResult game = run_surge({"play", "chess"}, scratch.path(), "game");
  CHECK(game.exit_code == 2);

  CliResult orders = run_surge({"play", "beer-game", "--orders", "4,-1"}, scratch.path(), "orders");
  CHECK(orders.exit_code == 2);
  CHECK(orders.err.find("--orders: '-1' is not a whole number of cases") != std::string::npos);

  CliResult weeks = run_surge({"play", "beer-game", "--weeks", "0"}, scratch.path(), "weeks");
  CHECK(weeks.exit_code == 2);

  CliResult missing =
      run_surge({"play", "beer-game", "--scenario", "no/such.yaml"}, scratch.path(), "missing");
  CHECK(missing.exit_code == 2);
}

}  // namespace
}  // namespace surge::cli_test
