// `surge run` end to end: the summary, written files, and reproducibility (same seed => same
// file; another seed => other numbers).
#include <future>
#include <string>

#include "cli/cli_support.hpp"

namespace surge::cli_test {
namespace {

const std::string kFlagship = "scenarios/black_friday.yaml";

// Compares every group, dataset (shape, type, values; NaN equals NaN) and attribute of two
// HDF5 files; prints the first difference and exits 1, or exits 0 when they are identical.
const char* kCompareScript = R"PY(
import sys, h5py, numpy as np
a, b = h5py.File(sys.argv[1], "r"), h5py.File(sys.argv[2], "r")
def same_value(x, y):
    x, y = np.asarray(x), np.asarray(y)
    if x.shape != y.shape or x.dtype.kind != y.dtype.kind: return False
    if x.dtype.kind == "f": return bool(np.array_equal(x, y, equal_nan=True))
    return bool(np.array_equal(x, y))
def attrs(name, x, y):
    if sorted(x.attrs) != sorted(y.attrs): sys.exit(f"{name}: attribute names differ")
    for k in x.attrs:
        if not same_value(x.attrs[k], y.attrs[k]): sys.exit(f"{name}: attribute {k} differs")
def walk(name, x, y):
    attrs(name, x, y)
    if isinstance(x, h5py.Group):
        if not isinstance(y, h5py.Group) or sorted(x) != sorted(y): sys.exit(f"{name}: members differ")
        for k in x: walk(f"{name.rstrip('/')}/{k}", x[k], y[k])
    else:
        if not isinstance(y, h5py.Dataset) or x.dtype != y.dtype: sys.exit(f"{name}: type differs")
        if not same_value(x[()], y[()]): sys.exit(f"{name}: values differ")
walk("/", a, b)
print("identical")
)PY";

TEST_CASE("surge run prints a summary with the targets and the busiest resources", "[cli]") {
  ScratchDir scratch("summary");
  CliResult r = run_surge({"run", kFlagship}, scratch.path());
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Matchers::Contains("Targets"));
  CHECK_THAT(r.out, Catch::Matchers::Contains("Busiest resources"));
  CHECK_THAT(r.out, Catch::Matchers::Contains("Black Friday earbuds"));
  CHECK(r.err.empty());
}

TEST_CASE("surge run -o writes the result file and nothing else", "[cli]") {
  ScratchDir scratch("output");
  fs::path out = scratch / "result.h5";
  CliResult r = run_surge({"run", kFlagship, "-q", "-o", out.string()}, scratch.path(), "q");
  INFO("stderr: " << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());  // --quiet
  CHECK(fs::is_regular_file(out));
  CHECK(fs::file_size(out) > 0);
  CHECK(entries(scratch.path()) == std::vector<std::string>{"result.h5"});
}

TEST_CASE("two runs with the same seed write identical result files", "[cli]") {
  // Small enough that comparing every per-order and per-contact record stays quick.
  const std::string kFile = "scenarios/service_campaign.yaml";
  ScratchDir scratch("determinism");
  fs::path a = scratch / "a.h5", b = scratch / "b.h5";
  auto first = std::async(std::launch::async, [&] {
    return run_surge({"run", kFile, "--records", "-q", "-o", a.string()}, scratch.path(), "a");
  });
  CliResult second =
      run_surge({"run", kFile, "--records", "-q", "-o", b.string()}, scratch.path(), "b");
  CliResult r1 = first.get();
  INFO("stderr: " << r1.err << second.err);
  REQUIRE(r1.exit_code == 0);
  REQUIRE(second.exit_code == 0);
  REQUIRE(fs::exists(a));
  REQUIRE(fs::exists(b));

  std::string python = python_with_h5py();
  if (!python.empty()) {
    // Same datasets, types, values and attributes, read back through h5py.
    fs::path script = scratch / "compare.py";
    write_text(script, kCompareScript);
    fs::path log = scratch / "compare.log";
    int rc = shell(shell_quote(python) + " " + shell_quote(script.string()) + " " +
                   shell_quote(a.string()) + " " + shell_quote(b.string()) + " >" +
                   shell_quote(log.string()) + " 2>&1");
    INFO("h5py comparison with " << python << ": " << read_text(log));
    CHECK(rc == 0);
  } else {
    // No h5py here: the writer promises byte-identical files (docs/output.md).
    WARN("no python3 with h5py (set SURGE_PYTHON): comparing the files byte for byte");
    CHECK(read_text(a) == read_text(b));
  }
}

TEST_CASE("another --seed gives another KPI table, the same --seed the same one", "[cli]") {
  ScratchDir scratch("seeds");
  const std::string file = "scenarios/service_campaign.yaml";
  auto seed1 = std::async(std::launch::async, [&] {
    return run_surge({"run", file, "--kpi-table", "--seed", "1"}, scratch.path(), "s1");
  });
  auto seed1_again = std::async(std::launch::async, [&] {
    return run_surge({"run", file, "--kpi-table", "--seed", "1"}, scratch.path(), "s1b");
  });
  CliResult seed2 = run_surge({"run", file, "--kpi-table", "--seed", "2"}, scratch.path(), "s2");
  CliResult r1 = seed1.get(), r1b = seed1_again.get();
  REQUIRE(r1.exit_code == 0);
  REQUIRE(r1b.exit_code == 0);
  REQUIRE(seed2.exit_code == 0);
  CHECK(r1.out == r1b.out);
  CHECK(r1.out != seed2.out);
  // The event trace differs too, not just a rounding digit.
  CHECK(r1.out.substr(0, r1.out.find('\n')) != seed2.out.substr(0, seed2.out.find('\n')));
}

}  // namespace
}  // namespace surge::cli_test
