# Surge: a thin wrapper over CMake and ctest, in the manner of Neovim's Makefile.
# On a fresh Debian machine `make flagship` and `make test` do all the set-up themselves.
#
#   make deps          install the missing Debian packages (apt-get; sudo when not root)
#   make build         deps, configure (Release) into build/ and compile
#   make flagship      build, then run scenarios/black_friday.yaml into build/black_friday.h5
#   make test          build, then the fast tests (ctest -LE slow)
#   make test-all      build, then every test, the `slow` label included (what CI runs)
#   make validation    build, then the validation suite against theory; writes docs/validation.md
#   make bench         benchmark deps, Release build with benchmarks, the suite of
#                      tests/benchmarks/ (~15 min); prints docs/performance.md's tables.
#                      `make bench BENCH_FLAGS=--write-docs` also rewrites them in the doc;
#                      `make bench-quick` is a two-minute smoke run of the same suite.
#   make sanitize      Debug build with AddressSanitizer + UBSan into build-asan/, then the fast
#                      tests there (not the Python-driven analysis:/validation: ones)
#   make fuzz          clang + libFuzzer build into build-fuzz/, replay tests/fuzz/regressions/,
#                      then fuzz the scenario loader and the --set/grid/plan parsers for
#                      FUZZ_SECONDS in all (default 240: two thirds loader, one third parsers)
#   make format        clang-format -i on sim/ and tests/
#   make format-check  fail if anything under sim/ or tests/ is not formatted
#   make clean         remove build/
#
# Overridable: BUILD_DIR, BUILD_TYPE, JOBS, CMAKE_FLAGS (e.g. make build CMAKE_FLAGS=-GNinja).

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= 2
CMAKE ?= cmake
CTEST ?= ctest
CLANG_FORMAT ?= clang-format
CMAKE_FLAGS ?=

DEB_PACKAGES := build-essential cmake libboost-graph-dev libboost-random-dev libyaml-cpp-dev \
                libhdf5-dev catch2 libcli11-dev python3-h5py python3-pandas python3-matplotlib \
                python3-pytest python3-yaml python3-jsonschema chromium python3-scipy \
                libopenmpi-dev openmpi-bin
FORMAT_PACKAGES := clang-format
FUZZ_PACKAGES := clang libclang-rt-14-dev

# Hardening checks (docs/reliability.md).
SAN_BUILD_DIR ?= build-asan
FUZZ_BUILD_DIR ?= build-fuzz
FUZZ_SECONDS ?= 240
SAN_FLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
SAN_ENV := ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1 \
           UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# The Python-driven tests exec the binary for minutes and test no C++ the others miss; the
# mpi: tests run under mpirun, whose library ASan's leak check flags at exit.
SAN_EXCLUDE := ^(analysis|validation|mpi):
FUZZER = $(FUZZ_BUILD_DIR)/tests/fuzz/surge_fuzz_loader
OVERRIDE_FUZZER = $(FUZZ_BUILD_DIR)/tests/fuzz/surge_fuzz_overrides
# The budget is shared: two thirds to the loader, the rest to the --set/grid/plan parsers.
FUZZ_LOADER_SECONDS = $(shell echo $$(( $(FUZZ_SECONDS) * 2 / 3 )))
FUZZ_OVERRIDE_SECONDS = $(shell echo $$(( $(FUZZ_SECONDS) - $(FUZZ_SECONDS) * 2 / 3 )))
FUZZ_FLAGS = -timeout=10 -rss_limit_mb=2048 -max_len=16384 -print_final_stats=1 \
  -artifact_prefix=$(FUZZ_BUILD_DIR)/artifacts/
# Benchmarks: Google Benchmark, valgrind for the callgrind profile in docs/performance.md. The
# SimPy peers need no package: they run on the SimPy 4.1.2 in third_party/simpy-4.1.2 (Debian
# packages only SimPy 2.3 and 3.0.11), which run_benchmarks.py puts on their PYTHONPATH.
BENCH_PACKAGES := libbenchmark-dev valgrind time
BENCH_FLAGS ?=

SUDO := $(shell [ "$$(id -u)" -eq 0 ] || echo sudo)
APT := $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get

# $(call install_missing,PACKAGES): asks dpkg which packages are not installed and installs
# only those, so a machine that has everything pays one dpkg-query and no apt-get at all.
define install_missing
	@command -v dpkg-query >/dev/null || { \
	  echo "make: dpkg-query not found; install these yourself: $(1)" >&2; exit 1; }
	@missing=""; \
	for p in $(1); do \
	  dpkg-query -W -f='$${db:Status-Status}' "$$p" 2>/dev/null | grep -qx installed \
	    || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing$$missing"; \
	  $(APT) update -q && $(APT) install -y -q --no-install-recommends $$missing; \
	fi
endef

SOURCES_TO_FORMAT = $(shell find sim tests -type f \( -name '*.cpp' -o -name '*.hpp' \) | sort)

.DEFAULT_GOAL := build
.PHONY: deps format-deps bench-deps build flagship test test-all validation bench bench-quick \
        sanitize fuzz-deps fuzz format format-check clean

deps:
	$(call install_missing,$(DEB_PACKAGES))

format-deps:
	$(call install_missing,$(FORMAT_PACKAGES))

# Configuring every time is cheap once the cache exists and picks up a changed BUILD_TYPE.
build: deps
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE) $(CMAKE_FLAGS)
	$(CMAKE) --build $(BUILD_DIR) -j$(JOBS)

flagship: build
	./$(BUILD_DIR)/surge run scenarios/black_friday.yaml -o $(BUILD_DIR)/black_friday.h5

test: build
	cd $(BUILD_DIR) && $(CTEST) --output-on-failure -j$(JOBS) -LE slow

test-all: build
	cd $(BUILD_DIR) && $(CTEST) --output-on-failure -j$(JOBS)

# Every case of analysis/validation.py at full length (a few minutes on two cores); the
# document lists theory, simulated mean, 95% CI and pass/fail per check. Exit 1 if any fails.
validation: build
	/usr/bin/python3 analysis/validation.py --binary $(BUILD_DIR)/surge --jobs $(JOBS)

bench-deps:
	$(call install_missing,$(BENCH_PACKAGES))

# Always Release, whatever BUILD_TYPE says: the numbers are meaningless otherwise.
bench bench-quick: deps bench-deps
	$(CMAKE) -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DSURGE_BUILD_BENCHMARKS=ON $(CMAKE_FLAGS)
	$(CMAKE) --build $(BUILD_DIR) -j$(JOBS) --target surge surge_kernel_bench
	SURGE_BENCH_FROM_MAKE=1 /usr/bin/python3 tests/benchmarks/run_benchmarks.py \
	  --build-dir $(BUILD_DIR) --jobs $(JOBS) --json $(BUILD_DIR)/benchmarks.json \
	  $(if $(filter bench-quick,$@),--quick) $(BENCH_FLAGS)

# A second build directory, Debug, every object instrumented; any sanitizer report aborts the
# test that triggered it, so the run fails.
sanitize: deps
	$(CMAKE) -S . -B $(SAN_BUILD_DIR) -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS="$(SAN_FLAGS)" \
	  -DCMAKE_C_FLAGS="$(SAN_FLAGS)" $(CMAKE_FLAGS)
	$(CMAKE) --build $(SAN_BUILD_DIR) -j$(JOBS)
	cd $(SAN_BUILD_DIR) && $(SAN_ENV) $(CTEST) --output-on-failure -j$(JOBS) -LE slow \
	  -E '$(SAN_EXCLUDE)'

fuzz-deps:
	$(call install_missing,$(FUZZ_PACKAGES))

# libFuzzer needs clang: its own build directory, only the fuzz target. New interesting inputs
# go to $(FUZZ_BUILD_DIR)/corpus (kept between runs), failures to $(FUZZ_BUILD_DIR)/artifacts/.
fuzz: deps fuzz-deps
	$(CMAKE) -S . -B $(FUZZ_BUILD_DIR) -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
	  -DCMAKE_BUILD_TYPE=RelWithDebInfo -DSURGE_FUZZ=ON -DSURGE_BUILD_TESTS=OFF -DSURGE_WITH_MPI=OFF $(CMAKE_FLAGS)
	$(CMAKE) --build $(FUZZ_BUILD_DIR) --target surge_fuzz_loader surge_fuzz_overrides -j$(JOBS)
	mkdir -p $(FUZZ_BUILD_DIR)/corpus $(FUZZ_BUILD_DIR)/corpus_overrides $(FUZZ_BUILD_DIR)/artifacts
	@inputs="$$(find tests/fuzz/regressions -maxdepth 1 -type f ! -name README.md | sort)"; \
	if [ -n "$$inputs" ]; then echo "replaying tests/fuzz/regressions/"; $(FUZZER) $$inputs; fi
	@inputs="$$(find tests/fuzz/regressions/overrides -type f | sort)"; \
	if [ -n "$$inputs" ]; then echo "replaying tests/fuzz/regressions/overrides/"; $(OVERRIDE_FUZZER) $$inputs; fi
	$(FUZZER) $(FUZZ_BUILD_DIR)/corpus tests/fuzz/corpus scenarios tests/bad_inputs \
	  -dict=tests/fuzz/scenario.dict -max_total_time=$(FUZZ_LOADER_SECONDS) $(FUZZ_FLAGS)
	$(OVERRIDE_FUZZER) $(FUZZ_BUILD_DIR)/corpus_overrides tests/fuzz/corpus_overrides \
	  -dict=tests/fuzz/scenario.dict -max_total_time=$(FUZZ_OVERRIDE_SECONDS) $(FUZZ_FLAGS)

format: format-deps
	$(CLANG_FORMAT) -i $(SOURCES_TO_FORMAT)

format-check: format-deps
	$(CLANG_FORMAT) --dry-run --Werror $(SOURCES_TO_FORMAT)

clean:
	rm -rf $(BUILD_DIR)
