// Where it breaks, from the command line: the run summary, the mc verdict, the files and
// `surge diagnose` name the same constraint on the known cases (tests/diagnosis/); the report
// is checked in analysis/tests/test_breaks.py.
#include <catch2/catch.hpp>
#include <string>

#include "cli/cli_support.hpp"

namespace surge::cli_test {
namespace {

const std::string kLineChain =
    "fc/widget out of stock \u2190 dc/widget out of stock \u2190 plant/widget line at capacity";

std::string known(const std::string& name) { return "tests/diagnosis/" + name + ".yaml"; }

// Runs a few lines of Python with h5py on `file`; its stdout, trailing newline removed.
std::string python(const std::string& py, const std::string& code, const fs::path& scratch) {
  fs::path script = scratch / "check.py", out = scratch / "check.out";
  write_text(script, code);
  shell(shell_quote(py) + " " + shell_quote(script.string()) + " >" + shell_quote(out.string()) +
        " 2>&1");
  std::string text = read_text(out);
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

}  // namespace

TEST_CASE("run, mc and their files say where it breaks, the same everywhere", "[cli][breaks]") {
  ScratchDir dir("breaks");
  const std::string run_file = (dir / "run.h5").string(), mc_file = (dir / "mc.h5").string();
  auto run = run_surge({"run", known("line_too_slow"), "-o", run_file}, dir.path(), "run");
  REQUIRE(run.exit_code == 0);
  CHECK_THAT(run.out, Catch::Contains("Where it breaks: " + kLineChain + "\n"));
  CHECK_THAT(run.out, Catch::Contains("Binding constraints (run window)"));
  CHECK_THAT(run.out, !Catch::Contains("ottleneck"));

  auto mc =
      run_surge({"mc", known("line_too_slow"), "--reps", "6", "--threads", "2", "-o", mc_file},
                dir.path(), "mc");
  REQUIRE(mc.exit_code == 0);
  CHECK_THAT(mc.out, Catch::Contains("Where it breaks: " + kLineChain +
                                     " (in 100% of the failing replications)\n"));
  CHECK_THAT(mc.out, !Catch::Contains("ottleneck"));

  const std::string py = python_with_h5py();
  if (py.empty()) {
    WARN("no python3 with h5py here: the files are not checked");
    return;
  }
  CHECK(python(py,
               "import h5py\n"
               "f = h5py.File('" +
                   run_file +
                   "')\n"
                   "b = f['breaks']\n"
                   "print(b['chain'].asstr()[0])\n",
               dir.path()) == kLineChain);
  CHECK(python(py,
               "import h5py\n"
               "f = h5py.File('" +
                   mc_file +
                   "')\n"
                   "print(f['verdict'].attrs['breaks'])\n"
                   "c = f['census']\n"
                   "names = list(c['constraint'].asstr()[:])\n"
                   "print(sorted(set(names)))\n",
               dir.path()) ==
        kLineChain + "\n['dc/widget', 'fc/pick', 'fc/widget', 'plant/widget']");
  // The report says the same: analysis/tests/test_breaks.py.
}

TEST_CASE("diagnose ranks the relaxations and names the one that fixes a known case first",
          "[cli][breaks][diagnose]") {
  ScratchDir dir("diagnose");
  const std::string file = (dir / "diagnose.h5").string();
  auto d =
      run_surge({"diagnose", known("pick_too_small"), "--reps", "6", "--threads", "2", "-o", file},
                dir.path(), "diagnose");
  REQUIRE(d.exit_code == 0);
  CHECK_THAT(d.out, Catch::Contains("Where it breaks: fc/pick station at capacity"));
  // The first relaxation listed is the pick station's, and it makes the case deliverable
  // in every replication.
  std::string first = d.out.substr(d.out.find("95% t)\n") + 7);
  first = first.substr(0, first.find('\n'));
  CHECK(first.rfind("  fc/pick unlimited servers  P 1.000 [", 0) == 0);
  CHECK_THAT(first, Catch::Contains("gain +1.000 [+1.000, +1.000]"));
  CHECK_THAT(first, Catch::EndsWith("fixes: on-time-in-full over the run at least 90%"));
  const std::string py = python_with_h5py();
  if (py.empty()) return;
  CHECK(python(py,
               "import h5py\n"
               "f = h5py.File('" +
                   file +
                   "')\n"
                   "t = f['relaxations']\n"
                   "print(t['relaxed'].asstr()[0], t['p_deliverable'][0], t['gain'][0])\n",
               dir.path()) == "fc/pick 1.0 1.0");
}

TEST_CASE("diagnose refuses a scenario without targets and contradictory counts",
          "[cli][breaks][diagnose]") {
  ScratchDir dir("diagnose-errors");
  write_text(dir / "no_targets.yaml",
             read_text(fs::path(SURGE_SOURCE_DIR) / known("fc_stock_too_small"))
                 .substr(0, read_text(fs::path(SURGE_SOURCE_DIR) / known("fc_stock_too_small"))
                                .find("targets:")));
  auto none = run_surge({"diagnose", (dir / "no_targets.yaml").string(), "--reps", "2"}, dir.path(),
                        "none");
  CHECK(none.exit_code == 2);
  CHECK_THAT(none.err, Catch::Contains("sets no targets: there is nothing to diagnose"));
  auto both = run_surge({"diagnose", known("pick_too_small"), "--reps", "5", "--precision", "0.1"},
                        dir.path(), "both");
  CHECK(both.exit_code == 2);
  CHECK_THAT(both.err, Catch::Contains("give either --reps N"));
  auto out = run_surge({"diagnose", known("pick_too_small"), "--reps", "2", "-o",
                        (dir / "missing" / "x.h5").string()},
                       dir.path(), "out");
  CHECK(out.exit_code != 0);
  CHECK(entries(dir.path()).size() == 1);  // only the scenario written above
}

}  // namespace surge::cli_test
