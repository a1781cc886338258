// Replays the override fuzzer's seeds (tests/fuzz/corpus_overrides/) and every input that ever
// failed it (tests/fuzz/regressions/overrides/) through its check (override_check.hpp), in the
// ordinary suite: a fixed bug stays fixed without clang or libFuzzer.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/override_check.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<std::string> inputs_under(const std::string& dir) {
  std::vector<std::string> out;
  fs::path root = fs::path(SURGE_SOURCE_DIR) / dir;
  if (!fs::exists(root)) return out;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_regular_file() && entry.path().filename() != "README.md")
      files.push_back(entry.path());
  std::sort(files.begin(), files.end());
  for (const auto& p : files) {
    std::ifstream in(p, std::ios::binary);
    out.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  }
  return out;
}

int check(const std::string& input) {
  return surge::fuzz::check_override_input(reinterpret_cast<const std::uint8_t*>(input.data()),
                                           input.size());
}

}  // namespace

TEST_CASE("every seed of the override fuzzer loads or is a user error", "[fuzz]") {
  auto inputs = inputs_under("tests/fuzz/corpus_overrides");
  REQUIRE(inputs.size() >= 5);
  for (const auto& input : inputs) {
    INFO(input);
    CHECK_NOTHROW(check(input));
  }
}

TEST_CASE("every input that ever failed the override fuzzer is now a user error", "[fuzz]") {
  for (const auto& input : inputs_under("tests/fuzz/regressions/overrides")) {
    INFO(input.substr(0, 200));
    CHECK(check(input) == 1);
  }
}

TEST_CASE("the override fuzzer's base scenario loads, and each mode reaches its parser", "[fuzz]") {
  CHECK(check(std::string(1, '\0')) == 0);  // no --set at all
  CHECK(check(std::string("\0nodes.dc.inventory.widget.initial=42", 37)) == 0);
  CHECK(check(std::string("\0nodes.dc.inventory.widget.initial=-42", 38)) == 1);
  CHECK(check("\1markets.eu.demand.rate=10/d,20/d") == 0);
  CHECK(check("\1markets.eu.demand.rate=") == 1);       // the grid's own text is refused
  CHECK(check("\1markets.eu.demand.rate=10,20") == 1);  // a rate needs its unit
  CHECK(check("\2{nodes.fc.stations.pick.servers: 4}") == 0);
  CHECK(check("\2{nodes.fc.stations.pick.servers: -4}") == 1);
}
