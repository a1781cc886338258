// The bad-input corpus (tests/bad_inputs/): every file is a malformed scenario, and
// expected.tsv says exactly where the loader must point and what it must say. Syntax, types,
// units, ranges, ids, graph problems and sanity limits; docs/reliability.md says how to add one.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "surge/io/scenario_loader.hpp"

namespace fs = std::filesystem;

namespace {

struct Expectation {
  std::string file;
  int line = 0, column = 0;
  std::string message;
};

const fs::path kCorpus = fs::path(SURGE_SOURCE_DIR) / "tests" / "bad_inputs";

std::vector<Expectation> expectations() {
  std::ifstream in(kCorpus / "expected.tsv");
  REQUIRE(in);
  std::vector<Expectation> out;
  std::string row;
  bool header = true;
  while (std::getline(in, row)) {
    if (row.empty() || row[0] == '#') continue;
    if (header) {  // file, line, column, message
      header = false;
      continue;
    }
    std::istringstream fields(row);
    Expectation e;
    std::string line, column;
    REQUIRE(std::getline(fields, e.file, '\t'));
    REQUIRE(std::getline(fields, line, '\t'));
    REQUIRE(std::getline(fields, column, '\t'));
    REQUIRE(std::getline(fields, e.message));
    e.line = std::stoi(line);
    e.column = std::stoi(column);
    out.push_back(e);
  }
  return out;
}

}  // namespace

TEST_CASE("the bad-input corpus has at least 50 cases, each file with one expectation",
          "[loader]") {
  std::set<std::string> files, expected;
  for (const auto& entry : fs::directory_iterator(kCorpus))
    if (entry.path().extension() == ".yaml") files.insert(entry.path().filename().string());
  for (const auto& e : expectations()) {
    INFO(e.file);
    CHECK(expected.insert(e.file).second);  // no file listed twice
  }
  CHECK(files == expected);
  CHECK(files.size() >= 50);
}

TEST_CASE("every malformed scenario gives its exact message at its exact position", "[loader]") {
  for (const auto& e : expectations()) {
    const std::string path = (kCorpus / e.file).string();
    INFO(path);
    try {
      surge::load_scenario_file(path);
      FAIL_CHECK("loaded without an error; expected: " << e.message);
    } catch (const surge::ScenarioError& err) {
      INFO(err.what());
      CHECK(err.file() == path);
      CHECK(err.line() == e.line);
      CHECK(err.column() == e.column);
      CHECK(err.message() == e.message);
    }
  }
}
