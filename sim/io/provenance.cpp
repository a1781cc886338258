#include "surge/io/provenance.hpp"

#include <fstream>
#include <sstream>
#include <utility>
#include <vector>

namespace surge {
namespace {

Provenance g_provenance;

// Quotes an argument for a POSIX shell when it holds anything but plain characters.
std::string shell_word(const std::string& arg) {
  if (arg.empty()) return "''";
  bool plain = true;
  for (char c : arg) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              std::string_view("-_./=:,+%@").find(c) != std::string_view::npos;
    plain = plain && ok;
  }
  if (plain) return arg;
  std::string out = "'";
  for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

bool starts_with(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

}  // namespace

Provenance provenance_of(int argc, const char* const* argv, const std::string& scenario_file) {
  // Options that change nothing in the result (see Provenance::command_line).
  static const std::vector<std::string> kWithValue = {"-o", "--output", "--threads", "--report",
                                                      "--orders"};
  static const std::vector<std::string> kFlags = {"-q", "--quiet", "--resume", "--kpi-table"};
  auto is = [](const std::vector<std::string>& names, const std::string& arg) {
    for (const auto& name : names)
      if (arg == name ||
          (starts_with(arg, name) && arg.size() > name.size() && arg[name.size()] == '='))
        return true;
    return false;
  };
  Provenance p;
  p.command_line = "surge";
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (is(kFlags, arg)) continue;
    if (is(kWithValue, arg)) {
      if (arg.find('=') == std::string::npos) ++i;  // the value follows
      continue;
    }
    if (arg.size() > 2 && arg[0] == '-' && arg[1] == 'o' && arg[2] != '-') continue;  // -oFILE
    // An option's value may follow it or be joined with '=' (CLI11 takes both).
    for (auto [option, into] :
         {std::pair{"--set=", &p.overrides}, std::pair{"--plan=", &p.plans}}) {
      const std::string joined = option;  // "--set=": the value joined to the option
      if (arg + "=" == joined && i + 1 < argc) into->push_back(argv[i + 1]);
      if (starts_with(arg, joined)) into->push_back(arg.substr(joined.size()));
    }
    // Appended piece by piece (GCC 12 warns falsely about `"literal" + string` here).
    p.command_line.append(" ").append(shell_word(arg));
  }
  p.scenario_file = scenario_file;
  if (!scenario_file.empty()) {
    std::ifstream in(scenario_file, std::ios::binary);
    if (in) {
      std::ostringstream text;
      text << in.rdbuf();
      p.original_text = text.str();
    }
  }
  return p;
}

void record_provenance(Provenance provenance) { g_provenance = std::move(provenance); }

const Provenance& recorded_provenance() { return g_provenance; }

std::string original_scenario_text(const std::string& scenario_path,
                                   const std::string& effective_text) {
  const Provenance& p = g_provenance;
  if (!p.scenario_file.empty() && p.scenario_file == scenario_path && !p.original_text.empty())
    return p.original_text;
  if (p.overrides.empty() && p.plans.empty()) return effective_text;
  return "";
}

}  // namespace surge
