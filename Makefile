# Two set-up commands: `make run` and `make test`. Everything else here serves them.
BUILD   ?= build/release
ASAN    ?= build/asan
JOBS    ?= $(shell nproc)
DB      ?= kin.db
LISTEN  ?= 127.0.0.1:8080

.PHONY: deps test-deps build build-asan run test test-release test-asan bench bench-2g crash-trials fuzz clean

# What building and serving need; `make run` installs only this, so a hub on an old laptop gets no browser.
deps:
	@scripts/install-deps

# The tests also need Debian's chromium and the pinned npm packages for the browser tests.
test-deps: deps
	@scripts/install-browser-deps

build: deps
	@cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

build-asan: deps
	@cmake -S . -B $(ASAN) -DCMAKE_BUILD_TYPE=Debug -DKIN_SANITIZE=ON >/dev/null
	@cmake --build $(ASAN) -j $(JOBS)

run: build
	@$(BUILD)/kin demo --db $(DB)
	@$(BUILD)/kin serve --db $(DB) --listen $(LISTEN)

test-release: build test-deps
	@cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

test-asan: build-asan test-deps
	@cd $(ASAN) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 ctest --output-on-failure -j $(JOBS)

test: test-release test-asan

bench: build
	@bench/http_bench.sh $(BUILD)/kin

# The ask page in chromium over a throttled 2G link: time to usable and bytes (bench/ask_2g.mjs).
bench-2g: build test-deps
	@KIN_BIN=$(CURDIR)/$(BUILD)/kin node bench/ask_2g.mjs

# 100 SIGKILL trials under concurrent writes, each checking every acknowledged write and PRAGMA integrity_check.
crash-trials: build
	@cd tests/integration && KIN_BIN=$(CURDIR)/$(BUILD)/kin KIN_CRASH_ROUNDS=100 KIN_CRASH_SECONDS=0.5 \
		python3 -m unittest -v test_crash.CrashDurabilityTest.test_acknowledged_creates_survive_sigkill

# libFuzzer harnesses (clang, ASan, UBSan), FUZZ_SECONDS each; stops at the first crash and prints the reproducer.
FUZZ_SECONDS ?= 60
fuzz: deps
	@dpkg-query -W clang libclang-rt-14-dev >/dev/null 2>&1 || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang libclang-rt-14-dev >/dev/null)
	@fuzz/run.sh $(FUZZ_SECONDS)

clean:
	rm -rf build
