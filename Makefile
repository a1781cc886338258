# Surge: a thin wrapper over CMake and ctest, in the manner of Neovim's Makefile.
# On a fresh Debian machine `make flagship` and `make test` do all the set-up themselves.
#
#   make deps          install the missing Debian packages (apt-get; sudo when not root)
#   make build         deps, configure (Release) into build/ and compile
#   make flagship      build, then run scenarios/black_friday.yaml into build/black_friday.h5
#   make test          build, then the fast tests (ctest -LE slow)
#   make test-all      build, then every test, the `slow` label included (what CI runs)
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
                python3-pytest python3-yaml chromium
FORMAT_PACKAGES := clang-format

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
.PHONY: deps format-deps build flagship test test-all format format-check clean

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

format: format-deps
	$(CLANG_FORMAT) -i $(SOURCES_TO_FORMAT)

format-check: format-deps
	$(CLANG_FORMAT) --dry-run --Werror $(SOURCES_TO_FORMAT)

clean:
	rm -rf $(BUILD_DIR)
