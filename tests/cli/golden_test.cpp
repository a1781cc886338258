// Every scenario under scenarios/ (except scenarios/validation/) must run, and its
// `surge run FILE --kpi-table` output must equal tests/golden/<path>.tsv exactly, where <path>
// is the file's path below scenarios/ without its extension, with `/` replaced by `__`
// (scenarios/teaching/bullwhip.yaml -> tests/golden/teaching__bullwhip.tsv).
// SURGE_UPDATE_GOLDEN=1 rewrites the golden files instead (docs/contributing.md). A missing or
// empty tests/golden/ is a failure, never a pass.
#include <algorithm>
#include <cstdlib>
#include <future>
#include <string>
#include <vector>

#include "cli/cli_support.hpp"

namespace surge::cli_test {
namespace {

const fs::path kScenarios = fs::path(SURGE_SOURCE_DIR) / "scenarios";
const fs::path kGolden = fs::path(SURGE_SOURCE_DIR) / "tests" / "golden";

bool update_golden() {
  const char* v = std::getenv("SURGE_UPDATE_GOLDEN");
  return v && std::string(v) == "1";
}

// Scenario files, relative to scenarios/, sorted; the validation cases are not what-ifs.
std::vector<fs::path> scenario_files() {
  std::vector<fs::path> files;
  for (auto it = fs::recursive_directory_iterator(kScenarios);
       it != fs::recursive_directory_iterator(); ++it) {
    fs::path rel = fs::relative(it->path(), kScenarios);
    if (it->is_directory() && rel == "validation") {
      it.disable_recursion_pending();
      continue;
    }
    std::string ext = it->path().extension().string();
    if (it->is_regular_file() && (ext == ".yaml" || ext == ".yml")) files.push_back(rel);
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Why `dir` cannot be the folder of golden tables ("" when it can): it must be a folder holding
// at least one .tsv file. A checkout that lost tests/golden/ must fail, not compare nothing.
std::string golden_folder_problem(const fs::path& dir) {
  if (!fs::is_directory(dir))
    return dir.string() + " is missing: the golden KPI tables are part of the tests";
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".tsv") return "";
  return dir.string() + " holds no golden KPI table (.tsv)";
}

std::string golden_name(const fs::path& rel) {
  std::string name = rel.parent_path().empty() ? "" : rel.parent_path().generic_string() + "/";
  name += rel.stem().string();
  std::string out;
  for (char c : name) out += (c == '/') ? std::string("__") : std::string(1, c);
  return out + ".tsv";
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::string line;
  std::istringstream in(text);
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// "line N: expected ... got ..." for the first difference.
std::string first_difference(const std::string& expected, const std::string& actual) {
  auto e = lines_of(expected), a = lines_of(actual);
  for (std::size_t i = 0; i < std::max(e.size(), a.size()); ++i) {
    std::string el = i < e.size() ? e[i] : "<end of file>";
    std::string al = i < a.size() ? a[i] : "<end of output>";
    if (el != al)
      return "first difference at line " + std::to_string(i + 1) + ":\n  golden: " + el +
             "\n  actual: " + al;
  }
  return "the texts differ only in line endings or a final newline";
}

TEST_CASE("the golden file of a scenario is named after its path below scenarios/") {
  CHECK(golden_name("black_friday.yaml") == "black_friday.tsv");
  CHECK(golden_name("teaching/bullwhip.yaml") == "teaching__bullwhip.tsv");
  CHECK(golden_name("a/b/c.yml") == "a__b__c.tsv");
}

TEST_CASE("a missing or empty golden folder is an error", "[cli]") {
  ScratchDir scratch("golden-folder");
  CHECK_FALSE(golden_folder_problem(scratch / "absent").empty());
  CHECK_FALSE(golden_folder_problem(scratch.path()).empty());  // exists, but empty
  write_text(scratch / "notes.txt", "not a table");
  CHECK_FALSE(golden_folder_problem(scratch.path()).empty());
  write_text(scratch / "x.tsv", "# fingerprint\t0\n");
  CHECK(golden_folder_problem(scratch.path()).empty());
  CHECK(golden_folder_problem(kGolden).empty());
}

TEST_CASE("every scenario in scenarios/ runs and prints exactly its golden KPI table", "[cli]") {
  std::vector<fs::path> files = scenario_files();
  REQUIRE_FALSE(files.empty());
  if (!update_golden()) {
    INFO("rerun with SURGE_UPDATE_GOLDEN=1 only to create the tables on purpose, then review");
    std::string problem = golden_folder_problem(kGolden);
    INFO(problem);
    REQUIRE(problem.empty());
  }
  ScratchDir scratch("golden");
  // Runs are independent processes: start them all, then check each in order.
  std::vector<std::future<CliResult>> runs;
  for (std::size_t i = 0; i < files.size(); ++i) {
    std::string path = (fs::path("scenarios") / files[i]).string();
    runs.push_back(std::async(std::launch::async, [path, i, &scratch] {
      return run_surge({"run", path, "--kpi-table"}, scratch.path(), "run" + std::to_string(i));
    }));
  }
  const fs::path actual_dir = fs::path(SURGE_BINARY).parent_path() / "cli-test-out";
  for (std::size_t i = 0; i < files.size(); ++i) {
    const fs::path& rel = files[i];
    CliResult r = runs[i].get();
    const fs::path golden = kGolden / golden_name(rel);
    INFO("scenario: scenarios/" << rel.generic_string() << "\ngolden file: " << golden.string());
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 0);
    if (r.exit_code != 0) continue;
    CHECK(r.out.rfind("# fingerprint\t", 0) == 0);
    if (update_golden()) {
      fs::create_directories(kGolden);
      write_text(golden, r.out);
      WARN("SURGE_UPDATE_GOLDEN=1: rewrote " << golden.string());
      continue;
    }
    if (!fs::exists(golden)) {
      FAIL_CHECK("no golden file "
                 << golden.string() << " for scenarios/" << rel.generic_string()
                 << ". Create it by running this test with SURGE_UPDATE_GOLDEN=1,"
                    " e.g. from the build directory: SURGE_UPDATE_GOLDEN=1 ctest -R "
                    "golden ; then review the new file and commit it");
      continue;
    }
    std::string expected = read_text(golden);
    if (expected != r.out) {
      fs::create_directories(actual_dir);
      fs::path actual = actual_dir / golden_name(rel);
      write_text(actual, r.out);
      FAIL_CHECK("the KPI table differs from the golden file; "
                 << first_difference(expected, r.out) << "\nfull output: " << actual.string()
                 << "\n(diff it against the golden file; if the change is intended, regenerate "
                    "with SURGE_UPDATE_GOLDEN=1, see docs/contributing.md)");
    }
  }
}

TEST_CASE("every golden KPI table belongs to a scenario that still exists") {
  std::string problem = golden_folder_problem(kGolden);
  INFO(problem);
  REQUIRE(problem.empty());
  std::vector<std::string> expected;
  for (const auto& rel : scenario_files()) expected.push_back(golden_name(rel));
  for (const auto& e : fs::directory_iterator(kGolden)) {
    if (e.path().extension() != ".tsv") continue;
    std::string name = e.path().filename().string();
    INFO("tests/golden/" << name << " matches no file under scenarios/: delete it");
    CHECK(std::find(expected.begin(), expected.end(), name) != expected.end());
  }
}

}  // namespace
}  // namespace surge::cli_test
