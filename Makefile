# august — build, run, test, install.  `make run` opens the explorer; `make test` runs every test.
SWIFT   ?= swift
PREFIX  ?= /usr/local
CORPUS  ?= seeds
RELEASE_FLAGS = -c release --static-swift-stdlib
BIN_RELEASE = .build/release/august

.PHONY: all build release run test test-unit install uninstall bench fuzz clean prereqs prereqs-e2e

all: build

prereqs:
	@.ci/prereqs

prereqs-e2e:
	@.ci/prereqs --e2e || { echo "(tmux is needed for the end-to-end tests only)" >&2; exit 1; }

build: prereqs
	$(SWIFT) build

release: prereqs
	$(SWIFT) build $(RELEASE_FLAGS)

## Build a release binary and open the explorer on seeds/ (ARGS=... passes options).
run: release
	$(BIN_RELEASE) --corpus $(CORPUS) $(ARGS)

## Every test: model, UI (state and screens) and end-to-end through tmux.
test: prereqs
	@.ci/prereqs --e2e >/dev/null 2>&1 || echo "note: tmux is missing: the end-to-end tests will be skipped (sudo apt-get install -y tmux)"
	$(SWIFT) build --build-tests
	AUGUST_BIN=$(CURDIR)/.build/debug/august $(SWIFT) test --skip-build

## Benchmark (release build): seeds, 1MB, 10MB, 100MB; BENCH_ARGS=--json for machine-readable figures,
## BENCH_ARGS="--sizes seeds,10MB" for fewer sizes. Generated corpora are kept in .build/bench.
bench: prereqs
	$(SWIFT) build $(RELEASE_FLAGS) --product august
	$(SWIFT) build $(RELEASE_FLAGS) --product august-bench
	.build/release/august-bench run $(BENCH_ARGS)

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/august/seeds
	install -m 755 $(BIN_RELEASE) $(DESTDIR)$(PREFIX)/bin/august
	@for b in .build/release/*.resources; do [ -d "$$b" ] && cp -R "$$b" $(DESTDIR)$(PREFIX)/bin/ || true; done
	install -m 644 seeds/*.txt $(DESTDIR)$(PREFIX)/share/august/seeds/
	install -d $(DESTDIR)$(PREFIX)/share/august/data
	install -m 644 Sources/AugustCore/Resources/*.json $(DESTDIR)$(PREFIX)/share/august/data/

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/august $(DESTDIR)$(PREFIX)/bin/august_*.resources $(DESTDIR)$(PREFIX)/share/august

clean:
	rm -rf .build
