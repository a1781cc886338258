// Replays every saved fuzzer input through the same check the fuzzer makes (loader_check.hpp):
// the seed corpus (tests/fuzz/corpus/) and every input that ever failed
// (tests/fuzz/regressions/). Runs in the ordinary suite, so a fixed bug stays fixed without
// clang or libFuzzer; under `make sanitize` it also catches leaks and undefined behaviour.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "fuzz/loader_check.hpp"

namespace fs = std::filesystem;

namespace {

std::vector<fs::path> inputs_under(const std::string& dir) {
  std::vector<fs::path> out;
  fs::path root = fs::path(SURGE_SOURCE_DIR) / dir;
  if (!fs::exists(root)) return out;
  for (const auto& entry : fs::directory_iterator(root))
    if (entry.is_regular_file() && entry.path().filename() != "README.md")
      out.push_back(entry.path());
  std::sort(out.begin(), out.end());
  return out;
}

std::string read_all(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// `dir` may be empty only when it holds failures (none may have happened yet).
void replay(const std::string& dir, bool may_be_empty) {
  auto files = inputs_under(dir);
  if (!may_be_empty) REQUIRE_FALSE(files.empty());
  for (const auto& file : files) {
    INFO(file.string());
    std::string text = read_all(file);
    CHECK_NOTHROW(surge::fuzz::check_loader_input(
        reinterpret_cast<const std::uint8_t*>(text.data()), text.size()));
  }
}

}  // namespace

TEST_CASE("every input that ever failed the loader fuzzer now loads or is a ScenarioError",
          "[fuzz]") {
  replay("tests/fuzz/regressions", true);
}

TEST_CASE("every seed of the loader fuzzer loads or is a ScenarioError", "[fuzz]") {
  replay("tests/fuzz/corpus", false);
}

TEST_CASE("the scenarios shipped in scenarios/ load cleanly under the fuzzer's check", "[fuzz]") {
  for (const char* name : {"black_friday", "design_sample", "product_launch", "service_campaign"}) {
    INFO(name);
    std::string text =
        read_all(fs::path(SURGE_SOURCE_DIR) / "scenarios" / (std::string(name) + ".yaml"));
    CHECK(surge::fuzz::check_loader_input(reinterpret_cast<const std::uint8_t*>(text.data()),
                                          text.size()) == 0);
  }
}
