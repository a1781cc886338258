// `surge report` and `surge plot` on a file that is not a whole Surge result (docs/cli.md,
// "surge report and surge plot"): truncated, foreign, missing its tables, damaged, not UTF-8.
// Each is exit code 2 with one `error:` line naming the file, never 70 or a Python traceback.
#include <catch2/catch.hpp>

#include "cli/cli_support.hpp"

namespace surge::cli_test {
namespace {

TEST_CASE("report and plot refuse a truncated, foreign or damaged file with exit code 2",
          "[cli][report]") {
  const std::string python = python_with_h5py();
  if (python.empty()) {
    WARN("no python3 with h5py here: surge report cannot run, the case is not run");
    return;
  }
  ScratchDir dir("report-input");
  const fs::path mc = dir / "mc.h5";
  REQUIRE(run_surge({"mc", "tests/mpi/small_campaign.yaml", "--reps", "5", "-q", "-o", mc.string()},
                    dir.path(), "mc")
              .exit_code == 0);
  const std::string whole = read_text(mc);
  write_text(dir / "half.h5", whole.substr(0, whole.size() / 2));
  write_text(dir / "header.h5", whole.substr(0, 8));  // the HDF5 signature alone
  write_text(dir / "text.h5", "name: not a result\n");
  // Files made with h5py: HDF5, but not (whole) Surge results.
  const std::string make =
      "import h5py, sys\n"
      "d = sys.argv[1]\n"
      "with h5py.File(d + '/foreign.h5', 'w') as f: f['x'] = [1, 2, 3]\n"
      "with h5py.File(d + '/bare.h5', 'w') as f: f.attrs['kind'] = 'mc'\n"
      "with h5py.File(d + '/broken_table.h5', 'w') as f:\n"
      "    f.attrs['kind'] = 'compare'\n"
      "    f['scenario/text'] = 'name: x'\n"
      "    f.create_group('plans')\n"
      "    g = f.create_group('compare')\n"
      "    g.attrs['columns'] = ['plan', 'missing_column']\n"
      "    g['plan'] = [b'baseline']\n"
      "with h5py.File(d + '/latin1.h5', 'w') as f:\n"
      "    f.attrs['kind'] = 'search'\n"
      "    f.create_group('probes')\n"
      "    f['scenario/text'] = b'name: caf\\xe9'\n";
  write_text(dir / "make.py", make);
  REQUIRE(shell(shell_quote(python) + " " + shell_quote((dir / "make.py").string()) + " " +
                shell_quote(dir.path().string())) == 0);

  struct Bad {
    const char* file;
    const char* message;
  };
  const std::vector<Bad> bad = {
      {"half.h5", "not a readable HDF5 file"},
      {"header.h5", "not a readable HDF5 file"},
      {"text.h5", "not an HDF5 file"},
      {"foreign.h5", "not a Surge result file"},
      {"bare.h5", "a Surge mc file without /replications, /summary, /verdict, /scenario/text"},
      {"broken_table.h5", "damaged or incomplete Surge result file"},
      {"latin1.h5", "holds text that is not valid UTF-8"},
  };
  for (const Bad& b : bad) {
    const std::string file = (dir / b.file).string();
    INFO(b.file);
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"report", file, "-o", (dir / "out.html").string()},
          std::vector<std::string>{"plot", file, "targets", "-o", (dir / "out.png").string()}}) {
      INFO(args[0]);
      CliResult r = run_surge(args, dir.path(), "bad");
      CHECK(r.exit_code == 2);
      CHECK_THAT(r.err, Catch::StartsWith("error: " + file + ": ") && Catch::Contains(b.message));
      CHECK(std::count(r.err.begin(), r.err.end(), '\n') == 1);
      CHECK_FALSE(Catch::Contains("Traceback").match(r.err));
    }
  }
  CHECK_FALSE(fs::exists(dir / "out.html"));
  CHECK_FALSE(fs::exists(dir / "out.png"));
}

}  // namespace
}  // namespace surge::cli_test
