// `surge play beer-game`: a person plays one echelon of the beer game at the terminal
// (docs/cli.md, docs/teaching/beer-game.md). The game itself is experiment/game.hpp; this file
// is the terminal: the board shown each week, the question, the end-of-game table, the files.
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <cstdlib>
#include <iostream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "surge/cli/commands.hpp"
#include "surge/cli/output_paths.hpp"
#include "surge/cli/text_format.hpp"
#include "surge/experiment/teaching/echelon_table.hpp"
#include "surge/experiment/teaching/game.hpp"
#include "surge/io/hdf5_writer.hpp"
#include "surge/io/scenario_loader.hpp"

#ifndef SURGE_SCENARIOS_DIR
#define SURGE_SCENARIOS_DIR ""
#endif

namespace surge {
namespace {

// Far more than any sensible order, and small enough to stay exact as a double.
constexpr long long kMaxOrder = 1'000'000;

// SURGE_SCENARIOS_DIR from the environment, else the source tree's scenarios/ (compile time),
// as `surge report` finds analysis/.
std::string default_scenario() {
  const char* env = std::getenv("SURGE_SCENARIOS_DIR");
  std::string dir = (env != nullptr && *env != '\0') ? env : SURGE_SCENARIOS_DIR;
  return dir.empty() ? std::string() : dir + "/teaching/beer_game.yaml";
}

bool is_file(const std::string& path) {
  struct stat st {};
  return !path.empty() && ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

// A whole number of cases, 0 or more; nullopt for anything else (signs, text, fractions).
std::optional<long long> parse_cases(const std::string& text) {
  if (text.empty() || text.size() > 12) return std::nullopt;
  for (char c : text)
    if (c < '0' || c > '9') return std::nullopt;
  long long v = std::stoll(text);
  if (v > kMaxOrder) return std::nullopt;
  return v;
}

std::string trim(const std::string& s) {
  auto a = s.find_first_not_of(" \t\r\n");
  if (a == std::string::npos) return "";
  auto b = s.find_last_not_of(" \t\r\n");
  return s.substr(a, b - a + 1);
}

// Cases are whole in the board game, and so are the orders of the simulated partners'
// anchor_adjust rule; another periodic policy (order_up_to) may order fractions: whole numbers
// print as such, others with one decimal.
std::string cases(double x) {
  if (std::fabs(x - std::round(x)) < 0.05) return fmt("%.0f", std::round(x));
  return fmt("%.1f", x);
}

std::vector<double> parse_order_list(const std::string& list) {
  std::vector<double> orders;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    auto v = parse_cases(trim(item));
    if (!v)
      throw UsageError("--orders: '" + trim(item) + "' is not a whole number of cases from 0 to " +
                       std::to_string(kMaxOrder) + " (give them as 4,4,8,...)");
    orders.push_back(static_cast<double>(*v));
  }
  if (orders.empty()) throw UsageError("--orders: give at least one order, e.g. --orders 4,4,8");
  return orders;
}

class TerminalPlayer : public GamePlayer {
 public:
  TerminalPlayer(std::string role, std::istream& in, std::ostream& out, bool echo,
                 std::optional<std::vector<double>> script)
      : role_(std::move(role)), in_(in), out_(out), echo_(echo), script_(std::move(script)) {}

  std::optional<double> decide(const GameBoard& b) override {
    show(b);
    if (script_) {
      if (next_ >= script_->size()) {
        out_ << "How many cases do you order? (--orders has no more: the game ends here)\n";
        return std::nullopt;
      }
      double d = (*script_)[next_++];
      out_ << "How many cases do you order? " << cases(d) << "  (from --orders)\n";
      return d;
    }
    for (;;) {
      out_ << "How many cases do you order? " << std::flush;
      std::string line;
      if (!std::getline(in_, line)) {
        out_ << "\n(end of input: the game ends here)\n";
        return std::nullopt;
      }
      // Piped answers do not appear on the screen: echo them so the transcript reads as a game.
      if (echo_) out_ << line << "\n";
      std::string answer = trim(line);
      if (answer == "q" || answer == "Q" || answer == "quit") {
        out_ << "(you stopped: the game ends here)\n";
        return std::nullopt;
      }
      if (auto v = parse_cases(answer)) return static_cast<double>(*v);
      out_ << "  " << (answer.empty() ? std::string("An empty line") : "'" + answer + "'")
           << " is not an order: type a whole number of cases from 0 to " << kMaxOrder
           << " (or q to stop the game).\n";
    }
  }

 private:
  void show(const GameBoard& b) {
    const OrderBoard& s = b.stock;
    out_ << "\n=== Week " << b.week << " of " << b.weeks << " -- you are the " << role_ << " ===\n";
    auto row = [&](const std::string& label, const std::string& value) {
      out_ << "  " << pad(label, 36) << lpad(value, 8) << "\n";
    };
    row("Incoming order this week", cases(s.incoming));
    row("Shipments arrived this week", cases(s.received));
    row("Inventory", cases(s.on_hand));
    row("Backlog (owed downstream)", cases(s.backlog));
    row("On order (shipped or owed to you)", cases(s.on_order));
    row("In the mail (decided, not yet sent)", cases(s.in_mail));
    row("Supply line (on order + mail)", cases(s.supply_line()));
    if (s.in_mail > 0) row("Sent upstream this week (from mail)", cases(s.next_placed));
    row("Cost so far", fmt("%.2f", b.cost_so_far));
  }

  std::string role_;
  std::istream& in_;
  std::ostream& out_;
  bool echo_;
  std::optional<std::vector<double>> script_;
  std::size_t next_ = 0;
};

void print_intro(std::ostream& out, const std::string& role, const Scenario& s,
                 const std::string& path) {
  out << "The beer game: you are the " << role << " (" << path << ").\n"
      << "Each week you see your own stock point only, as at the board game's table, and order\n"
      << "from your supplier. Every other echelon orders by the anchoring-and-adjustment rule.\n"
      << "Costs per case per week:";
  for (const Product& p : s.products)
    out << (s.products.size() > 1 ? " " + p.id + ":" : "") << " holding "
        << fmt("%.2f", p.holding_cost * kWeek) << ", backlog "
        << fmt("%.2f", p.backorder_cost * kWeek) << ".";
  out << " Type q (or end the input) to stop.\n";
}

void print_table(std::ostream& out, const GameOutcome& game, const std::string& node) {
  EchelonTable t = echelon_table(game.scenario, game.result);
  out << "\n=== Game over after " << game.weeks << " weeks"
      << (game.finished ? "" : " (stopped early)") << " -- you played the " << node << " ===\n\n";
  out << pad("echelon", 18) << lpad("cost", 11) << lpad("max backlog", 13) << lpad("mean order", 12)
      << lpad("order var", 11) << lpad("bullwhip", 10) << lpad("vs own demand", 15) << "\n";
  auto num = [](double x, const char* f) { return std::isnan(x) ? std::string("n/a") : fmt(f, x); };
  for (const EchelonRow& r : t.rows)
    out << pad(r.node + (r.node == node ? " (you)" : ""), 18) << lpad(num(r.cost, "%.2f"), 11)
        << lpad(num(r.max_backlog, "%.1f"), 13) << lpad(num(r.mean_order, "%.2f"), 12)
        << lpad(num(r.order_variance, "%.2f"), 11) << lpad(num(r.bullwhip, "%.2f"), 10)
        << lpad(num(r.bullwhip_kpi, "%.2f"), 15) << "\n";
  out << pad("chain total", 18) << lpad(fmt("%.2f", t.total_cost), 11) << "\n\n";
  bool one_product = game.scenario.products.size() == 1;
  out << "Customers' demand" << (one_product ? "" : " (all products)") << ": mean "
      << num(t.demand_mean, "%.2f") << " and variance " << num(t.demand_variance, "%.2f")
      << " a week.\nbullwhip = order variance / variance of the customers' demand"
      << (one_product ? "" : " of the same product")
      << ", week by week;\nvs own demand = order variance / variance of the orders the echelon "
         "received (the KPI bullwhip_ratio);\nmax backlog is the largest at any moment.\n";
  out << "Your orders:";
  if (game.orders.empty()) out << " none";
  for (std::size_t i = 0; i < game.orders.size(); ++i)
    out << (i ? ", " : " ") << cases(game.orders[i]);
  out << "\n";
}

std::string join_orders(const std::vector<double>& orders) {
  std::string s;
  for (std::size_t i = 0; i < orders.size(); ++i) s += (i ? "," : "") + cases(orders[i]);
  return s;
}

}  // namespace

int play_command(const PlayArgs& args) {
  std::string path = args.scenario.empty() ? default_scenario() : args.scenario;
  if (args.scenario.empty() && !is_file(path))
    throw UsageError("the beer game scenario was not found" +
                     (path.empty() ? std::string() : " at " + path) +
                     "; pass --scenario FILE (scenarios/teaching/beer_game.yaml of a Surge "
                     "checkout) or set SURGE_SCENARIOS_DIR to its scenarios/ directory");
  std::vector<std::string> sets;
  if (args.seed) sets.push_back("seed=" + std::to_string(*args.seed));
  Scenario scenario = load_scenario_file(path, sets);

  std::vector<std::string> playable = playable_nodes(scenario);
  bool known = false;
  for (const auto& n : playable) known = known || n == args.role;
  if (!known) {
    std::string list;
    for (const auto& n : playable) list += (list.empty() ? "" : ", ") + n;
    throw UsageError(
        "unknown role '" + args.role + "': choose one of " +
        (list.empty() ? "(none: no node of " + path + " orders at periodic reviews)" : list));
  }
  if (args.weeks > 0) {
    Time review = 0;
    for (const StockItem& item : scenario.find_node(args.role)->inventory)
      if (item.policy.review() > 0 && review == 0) review = item.policy.review();
    std::ostringstream horizon;
    horizon.precision(17);
    horizon << args.weeks * review << "h";
    scenario = apply_overrides(scenario, {{"horizon", horizon.str()}});
  }
  std::optional<std::vector<double>> script;
  if (!args.orders.empty()) script = parse_order_list(args.orders);

  std::string output = args.output;
  if (output.empty() && !args.report.empty()) {
    auto dot = args.report.find_last_of('.');
    auto slash = args.report.find_last_of('/');
    bool has_ext = dot != std::string::npos && (slash == std::string::npos || dot > slash);
    output = (has_ext ? args.report.substr(0, dot) : args.report) + ".h5";
  }
  check_outputs({{args.output.empty() ? "the game file (next to --report)" : "-o", output},
                 {"--report", args.report}},
                {{"the scenario", path}});

  bool interactive = ::isatty(STDIN_FILENO) != 0;
  print_intro(std::cout, args.role, scenario, path);
  TerminalPlayer player(args.role, std::cin, std::cout, !interactive && !script, script);
  GameOutcome game = play_game(scenario, args.role, player);
  print_table(std::cout, game, args.role);

  if (!output.empty()) {
    WriteOptions options;
    options.created_by = "surge play";
    options.notes = {{"player_node", args.role},
                     {"player_orders", join_orders(game.orders)},
                     {"player_finished", game.finished ? "yes" : "no"}};
    write_run_result(output, game.scenario, game.result, options);
    std::cout << "\nGame written to " << output << "\n";
  }
  if (!args.report.empty()) return report_command(ReportArgs{output, args.report});
  return 0;
}

}  // namespace surge
