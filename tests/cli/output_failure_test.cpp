// Output failures through the real `surge` command (docs/reliability.md): a full disk, a
// read-only directory and a limit refusal each give a clear error, exit code 3 (or 2), and no
// file, whole or partial, under the final name. Disk full and read-only need a small tmpfs,
// which needs root (CI runs as root); elsewhere these cases warn and pass, and the injected
// failure of tests/io/hdf5_writer_test.cpp covers the same clean-up path.
#include <unistd.h>

#include <string>

#include "cli/cli_support.hpp"

namespace surge::cli_test {
namespace {

// A tmpfs of `size` mounted on a fresh directory for the length of a test, when allowed.
class SmallDisk {
 public:
  SmallDisk(const std::string& name, const std::string& options)
      : scratch_(name), dir_(scratch_ / "mnt") {
    fs::create_directories(dir_);
    mounted_ = ::geteuid() == 0 && shell("mount -t tmpfs -o " + options + " surge-test " +
                                         shell_quote(dir_.string()) + " >/dev/null 2>&1") == 0;
  }
  ~SmallDisk() {
    if (mounted_) shell("umount " + shell_quote(dir_.string()) + " >/dev/null 2>&1");
  }
  SmallDisk(const SmallDisk&) = delete;
  SmallDisk& operator=(const SmallDisk&) = delete;
  bool mounted() const { return mounted_; }
  const fs::path& dir() const { return dir_; }
  const fs::path& scratch() const { return scratch_.path(); }

 private:
  ScratchDir scratch_;
  fs::path dir_;
  bool mounted_ = false;
};

}  // namespace

// HDF5's own exit handler used to retry the failed close and crash (exit 139); Surge now
// tells it not to clean up at exit (io/hdf5_file.cpp, silence_errors) and closes files itself.
TEST_CASE("a full disk gives exit code 3, a clear error and no file under the final name",
          "[cli][output]") {
  SmallDisk disk("diskfull", "size=64k");
  if (!disk.mounted()) {
    WARN("cannot mount a small tmpfs here (needs root); the disk-full case is not run");
    return;
  }
  const fs::path out = disk.dir() / "r.h5";
  CliResult r = run_surge({"run", "scenarios/black_friday.yaml", "--records", "-o", out.string()},
                          disk.scratch(), "run");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Matchers::StartsWith("error: "));
  CHECK_THAT(r.err, Catch::Matchers::Contains(out.string()));
  CHECK(entries(disk.dir()).empty());  // neither r.h5 nor its temporary file
}

// A journal is written while the run goes on, long before the result: a full disk then is an
// output problem (exit 3), not bad input. The journal keeps what it holds, for --resume once
// there is room.
TEST_CASE("a full disk while writing the journal gives exit code 3 and no result",
          "[cli][output]") {
  SmallDisk disk("journalfull", "size=64k");
  if (!disk.mounted()) {
    WARN("cannot mount a small tmpfs here (needs root); the journal disk-full case is not run");
    return;
  }
  const fs::path out = disk.dir() / "r.h5";
  CliResult r = run_surge({"mc", "tests/mpi/small_campaign.yaml", "--reps", "5000", "--threads",
                           "1", "-o", out.string()},
                          disk.scratch(), "mc");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 3);
  CHECK_THAT(r.err, Catch::Matchers::StartsWith("error: cannot write the journal '" + out.string() +
                                                ".journal'"));
  CHECK_THAT(r.err, Catch::Matchers::Contains("No space left on device"));
  CHECK_FALSE(fs::exists(out));
  CHECK(fs::exists(out.string() + ".journal"));
}

TEST_CASE("a read-only directory is refused before simulating, with exit code 3", "[cli][output]") {
  SmallDisk disk("readonly", "size=64k,ro");
  if (!disk.mounted()) {
    WARN("cannot mount a read-only tmpfs here (needs root); the read-only case is not run");
    return;
  }
  const fs::path out = disk.dir() / "r.h5";
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"run", "scenarios/black_friday.yaml", "-o", out.string()},
        std::vector<std::string>{"mc", "scenarios/black_friday.yaml", "--reps", "1000", "-o",
                                 out.string()}}) {
    INFO(args[0]);
    CliResult r = run_surge(args, disk.scratch(), args[0]);
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::Matchers::Contains("is not writable"));
    CHECK_THAT(r.err, Catch::Matchers::Contains(out.string()));
    CHECK(r.out.empty());  // said so before the simulation, not after it
    CHECK(entries(disk.dir()).empty());
  }
}

TEST_CASE("a replication count far beyond sense is refused at once with exit code 2",
          "[cli][limits]") {
  ScratchDir scratch("limits");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"mc", "scenarios/black_friday.yaml", "--reps", "20000000"},
        std::vector<std::string>{"mc", "scenarios/black_friday.yaml", "--precision", "0.01",
                                 "--max-reps", "10000000000"}}) {
    INFO(args[2] + " " + args[3]);
    CliResult r = run_surge(args, scratch.path(), "mc");
    INFO("stderr: " << r.err);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Matchers::Contains("beyond the limit of 10000000 replications"));
    CHECK(r.out.empty());
  }
}

TEST_CASE("a horizon or time series far beyond sense is refused before running", "[cli][limits]") {
  ScratchDir scratch("limits-scenario");
  CliResult r = run_surge({"run", "scenarios/black_friday.yaml", "--set", "horizon=6000w"},
                          scratch.path(), "horizon");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains("is beyond 100 years"));
  r = run_surge({"run", "scenarios/black_friday.yaml", "--set", "sample_every=1s"}, scratch.path(),
                "series");
  INFO("stderr: " << r.err);
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Matchers::Contains("time-series samples"));
  CHECK_THAT(r.err, Catch::Matchers::Contains("GB"));
}

}  // namespace surge::cli_test
