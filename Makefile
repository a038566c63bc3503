# SPDX-License-Identifier: MIT
# One-command set-up: `make run` runs the default job, `make test` the test suite but its slow tier.
# Both install the missing Debian packages first, then configure and build Release into build/.

BUILD_DIR    ?= build
ASAN_DIR     ?= build-asan
JOBS         ?= $(shell nproc)
SCENARIO     ?= scenarios/default.yaml
# e.g. RUN_ARGS=--force to start afresh over earlier results (they are moved aside, not deleted)
RUN_ARGS     ?=
CTEST_ARGS   ?=
PACKAGES     := cmake make g++ git pkg-config libyaml-cpp-dev libboost-graph-dev libeigen3-dev libtbb-dev \
                libcli11-dev libfmt-dev libpcg-cpp-dev nlohmann-json3-dev libgtest-dev libgmock-dev \
                libbenchmark-dev clang-format gnuplot-nox libopenmpi-dev openmpi-bin libkim-api-dev openkim-models lammps \
                python3-dev pybind11-dev python3-numpy python3-pandas python3-ase python3-pytest python3-matplotlib

.PHONY: all deps build run test test-all test-unit test-sanitize bench clean

all: build

deps:
	@missing=$$(for p in $(PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" != 0 ]; then \
	    echo "surfkmc needs these Debian packages: $$missing"; \
	    echo "run 'make deps' as root (or: sudo apt-get install $$missing)"; exit 1; \
	  fi; \
	  echo "installing: $$missing"; \
	  DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BUILD_DIR)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release

build: deps $(BUILD_DIR)/CMakeCache.txt
	cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	./$(BUILD_DIR)/bin/surfkmc sweep $(SCENARIO) $(RUN_ARGS)

# Tiers (README, "Tests"): `unit` first, then validation and regression; labels ending in `-slow`
# (long statistical tests) only in test-all, which CI runs.
CTEST        := ctest --output-on-failure -j $(JOBS) $(CTEST_ARGS)

test: build
	cd $(BUILD_DIR) && $(CTEST) -L '^unit$$' && $(CTEST) -LE 'slow|^unit$$'

test-all: build
	cd $(BUILD_DIR) && $(CTEST) -L '^unit' && $(CTEST) -LE '^unit'

test-unit: build
	cd $(BUILD_DIR) && $(CTEST) -L '^unit$$'

# AddressSanitizer + UndefinedBehaviorSanitizer build; runs the unit tier. -O1 with line tables only
# (-g1: file and line in every sanitizer report) compiles in about half the time of -O2 -g, which CI
# pays on every run (one unity batch, measured: 74 s against 135 s).
ASAN_OPT     ?= -O1 -g1 -DNDEBUG
# Built without MPI, so the build without the optional MPI sweep (SURFKMC_WITH_MPI=OFF) is built and tested too.
test-sanitize: deps
	cmake -S . -B $(ASAN_DIR) -DCMAKE_BUILD_TYPE=RelWithDebInfo "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=$(ASAN_OPT)" \
	  -DSURFKMC_SANITIZE=ON -DSURFKMC_BUILD_BENCH=OFF \
	  -DSURFKMC_BUILD_TOOLS=OFF -DSURFKMC_WITH_MPI=OFF -DSURFKMC_BUILD_PYTHON=OFF
	cmake --build $(ASAN_DIR) -j $(JOBS) --target unit-tests
	cd $(ASAN_DIR) && LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp ctest --output-on-failure -j $(JOBS) -L '^unit$$'

bench: build
	for b in $(BUILD_DIR)/bin/bench_*; do $$b --benchmark_min_time=0.5; done

clean:
	rm -rf $(BUILD_DIR) $(ASAN_DIR)
