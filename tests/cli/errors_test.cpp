// Bad input through the real `surge` command: exit codes, `file:line:col: error:` messages,
// and nothing written when a run is refused.
#include <algorithm>
#include <regex>
#include <string>

#include "cli/cli_support.hpp"

namespace surge::cli_test {
namespace {

const std::string kGood = "scenarios/black_friday.yaml";

// A small valid scenario the bad ones vary (kept in step with tests/io/test_support.hpp).
const std::string kMinimal = R"(name: t
horizon: 10d
products:
  - {id: widget, price: 10}
nodes:
  - id: dc
    type: warehouse
    inventory: {widget: {initial: 100}}
markets:
  - {id: eu, served_by: dc, demand: {product: widget, rate: 10/d}}
)";

struct BadScenario {
  const char* kind;
  std::string text;
  int line;            // line the error must point at
  const char* phrase;  // part of the message
};

std::vector<BadScenario> bad_scenarios() {
  std::string unknown_key = kMinimal;
  unknown_key.replace(unknown_key.find("horizon: 10d"), 12, "horizon: 10d\nhorizn: 10d");
  std::string dangling = kMinimal;
  dangling.replace(dangling.find("served_by: dc"), 13, "served_by: dcc");
  return {
      {"syntax error", "name: t\nhorizon: 10d\nproducts: [{id: widget\n", 0, "invalid YAML"},
      {"unknown key", unknown_key, 3, "unknown key `horizn`"},
      {"dangling id", dangling, 10, "unknown node `dcc`"},
  };
}

// stderr must be one `FILE:LINE:COL: error: ...` line naming `file`; returns LINE.
int check_located_error(const std::string& err, const std::string& file) {
  INFO("stderr: " << err);
  REQUIRE(err.rfind(file + ":", 0) == 0);
  std::smatch m;
  std::string rest = err.substr(file.size());
  REQUIRE(std::regex_search(rest, m, std::regex("^:([0-9]+):([0-9]+): error: \\S")));
  CHECK(std::stoi(m[2]) >= 1);
  return std::stoi(m[1]);
}

TEST_CASE("a malformed scenario exits with code 2, a located error and no output file", "[cli]") {
  for (const auto& bad : bad_scenarios()) {
    INFO("kind: " << bad.kind);
    ScratchDir scratch(std::string("bad-") + (bad.kind[0] == 's'   ? "syntax"
                                              : bad.kind[0] == 'u' ? "key"
                                                                   : "id"));
    fs::path file = scratch / "bad.yaml";
    write_text(file, bad.text);
    fs::create_directories(scratch / "out");
    CliResult r = run_surge({"run", file.string(), "-o", (scratch / "out" / "r.h5").string()},
                            scratch.path());
    CHECK(r.exit_code == 2);
    int line = check_located_error(r.err, file.string());
    if (bad.line > 0) CHECK(line == bad.line);
    CHECK_THAT(r.err, Catch::Matchers::Contains(bad.phrase));
    CHECK(r.out.empty());
    // Not the result, not a temporary file: nothing at all.
    CHECK(entries(scratch / "out").empty());

    CliResult v = run_surge({"validate", file.string()}, scratch.path(), "validate");
    CHECK(v.exit_code == 2);
    check_located_error(v.err, file.string());
  }
}

TEST_CASE("a run whose records would pass the memory limit is refused before it runs",
          "[cli][limits]") {
  // 200,000 orders in 10 days under a 50 MB limit: about 27 MB without their records, 59 MB
  // with them (160 bytes each; docs/reliability.md). Records are kept only to be written:
  // `--records` needs `-o`.
  ScratchDir scratch("records-limit");
  std::string text = kMinimal + "limits: {memory_gb: 0.05}\n";
  text.replace(text.find("rate: 10/d"), 10, "rate: 2e4/d");
  text.replace(text.find("initial: 100"), 12, "initial: 1e9");
  fs::path file = scratch / "big.yaml";
  write_text(file, text);
  fs::create_directories(scratch / "out");
  const std::string out = (scratch / "out" / "r.h5").string();
  CliResult refused = run_surge({"run", file.string(), "--records", "-o", out}, scratch.path());
  CHECK(refused.exit_code == 2);
  CHECK(check_located_error(refused.err, file.string()) == 10);  // the demand's rate
  CHECK_THAT(refused.err,
             Catch::Matchers::Contains("0.032 GB of it for the records of its orders and contacts "
                                       "(`--records`), the most for 2e+05 orders of `widget` in "
                                       "market `eu`"));
  CHECK(std::count(refused.err.begin(), refused.err.end(), '\n') == 1);
  CHECK(refused.out.empty());
  CHECK(entries(scratch / "out").empty());
  CHECK(run_surge({"validate", file.string()}, scratch.path(), "validate").exit_code == 0);
  CliResult no_output =
      run_surge({"run", file.string(), "--records", "-q"}, scratch.path(), "no-o");
  CHECK(no_output.exit_code == 2);
  CHECK(no_output.err ==
        "error: --records requires --output (surge run --help lists the options)\n");
  CliResult written = run_surge({"run", file.string(), "-q", "-o", out}, scratch.path(), "plain");
  INFO("stderr: " << written.err);
  CHECK(written.exit_code == 0);
  CHECK(fs::exists(out));
}

TEST_CASE("surge run without -o is not refused for the time series it does not keep",
          "[cli][limits]") {
  // A sample every 0.1 s for a day: 864,000 samples, 69 MB (80 bytes each) over a 50 MB limit.
  ScratchDir scratch("series-limit");
  std::string text = kMinimal + "limits: {memory_gb: 0.05}\n";
  text.replace(text.find("horizon: 10d"), 12, "horizon: 1d\nsample_every: 0.1s");
  fs::path file = scratch / "fine.yaml";
  write_text(file, text);
  fs::create_directories(scratch / "out");
  CliResult summary = run_surge({"run", file.string(), "-q"}, scratch.path());
  INFO("stderr: " << summary.err);
  CHECK(summary.exit_code == 0);
  CliResult written =
      run_surge({"run", file.string(), "-o", (scratch / "out" / "r.h5").string()}, scratch.path());
  CHECK(written.exit_code == 2);
  CHECK(check_located_error(written.err, file.string()) == 3);  // sample_every
  CHECK_THAT(written.err, Catch::Matchers::Contains("8.64e+05 time-series samples"));
  CHECK(entries(scratch / "out").empty());
  // validate answers for every command, so for those that keep them.
  CHECK(run_surge({"validate", file.string()}, scratch.path(), "validate").exit_code == 2);
}

TEST_CASE("surge validate accepts a good scenario with exit code 0", "[cli]") {
  ScratchDir scratch("validate");
  CliResult r = run_surge({"validate", kGood}, scratch.path());
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Matchers::Contains(kGood + ": ok"));
  CHECK(r.err.empty());
}

TEST_CASE("an unknown command or option exits with code 2", "[cli]") {
  ScratchDir scratch("usage");
  CliResult unknown = run_surge({"frobnicate"}, scratch.path());
  CHECK(unknown.exit_code == 2);
  CHECK_THAT(unknown.err, Catch::Matchers::Contains("unknown command 'frobnicate'"));
  CHECK_THAT(unknown.err, Catch::Matchers::Contains("run, validate, mc"));  // what would be valid
  CliResult none = run_surge({}, scratch.path());
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Matchers::Contains("no command given"));
  CHECK(run_surge({"--version"}, scratch.path()).exit_code == 0);  // options still reach CLI11
  CliResult option = run_surge({"run", kGood, "--frobnicate"}, scratch.path());
  CHECK(option.exit_code == 2);
  CHECK_THAT(option.err, Catch::Matchers::Contains("--frobnicate"));
  CHECK(run_surge({"run"}, scratch.path()).exit_code == 2);  // missing scenario
  CHECK(run_surge({"run", kGood, "--seed", "-4"}, scratch.path()).exit_code == 2);
  CHECK(entries(scratch.path()).empty());
}

TEST_CASE("surge schema prints a JSON object with exit code 0", "[cli]") {
  ScratchDir scratch("schema");
  CliResult r = run_surge({"schema"}, scratch.path());
  CHECK(r.exit_code == 0);
  REQUIRE_FALSE(r.out.empty());
  CHECK(r.out.front() == '{');
  CHECK(r.out.find_last_not_of(" \n") == r.out.rfind('}'));
  CHECK_THAT(r.out, Catch::Matchers::Contains("\"$schema\""));
}

TEST_CASE("output into a directory that does not exist exits with code 3 and writes nothing",
          "[cli]") {
  ScratchDir scratch("nodir");
  fs::path missing = scratch / "no" / "such" / "dir";
  fs::path out = missing / "r.h5";
  CliResult r = run_surge({"run", kGood, "-o", out.string()}, scratch.path(), "run");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Matchers::StartsWith("error: "));
  CHECK_THAT(r.err, Catch::Matchers::Contains("does not exist"));
  CHECK_THAT(r.err, Catch::Matchers::Contains(out.string()));
  CHECK(r.out.empty());  // refused before the summary
  CHECK_FALSE(fs::exists(scratch / "no"));
  CHECK(entries(scratch.path()).empty());
}

TEST_CASE("a --set override with a path that does not resolve exits with code 2", "[cli]") {
  ScratchDir scratch("badset");
  fs::path out = scratch / "r.h5";
  CliResult r = run_surge(
      {"run", kGood, "--set", "nodes.dcx.inventory.earbuds.initial=5", "-o", out.string()},
      scratch.path(), "run");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err,
             Catch::Matchers::StartsWith("--set nodes.dcx.inventory.earbuds.initial: error:"));
  CHECK_THAT(r.err, Catch::Matchers::Contains("did you mean `dc`"));
  CHECK(entries(scratch.path()).empty());

  CliResult no_equals = run_surge({"run", kGood, "--set", "horizon"}, scratch.path(), "noeq");
  CHECK(no_equals.exit_code == 2);
  CHECK_THAT(no_equals.err, Catch::Matchers::Contains("expected PATH=VALUE"));

  CliResult validate = run_surge({"validate", kGood, "--set", "nodes.fc.stations.pik.servers=3"},
                                 scratch.path(), "validate");
  CHECK(validate.exit_code == 2);
  CHECK_THAT(validate.err, Catch::Matchers::Contains("pik"));

  // A lever's path given inside a --set value is checked like one in the file, and the error
  // names the --set it came from (the value has no line of its own in the file).
  for (const char* set : {"levers.0.path=nodes.fc.stations.nope.servers",
                          "levers=[{path: nodes.fc.stations.nope.servers, values: \"1..3\"}]"}) {
    CliResult lever =
        run_surge({"optimise", kGood, "--set", set, "-o", out.string()}, scratch.path(), "lever");
    INFO("--set " << set << "\nstderr: " << lever.err);
    CHECK(lever.exit_code == 2);
    const std::string path = std::string(set).substr(0, std::string(set).find('='));
    CHECK_THAT(lever.err, Catch::Matchers::StartsWith("--set " + path + ": error: lever "));
    CHECK_THAT(lever.err, Catch::Matchers::Contains("no station `nope` (valid in "
                                                    "`nodes.fc.stations`: pick, pack)"));
    CHECK(std::count(lever.err.begin(), lever.err.end(), '\n') == 1);
    CHECK(entries(scratch.path()).empty());
  }
}

TEST_CASE("a scenario file that does not exist exits with code 2", "[cli]") {
  ScratchDir scratch("nofile");
  CliResult r = run_surge({"run", "scenarios/no_such_file.yaml"}, scratch.path());
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains("no_such_file.yaml"));
}

}  // namespace
}  // namespace surge::cli_test
