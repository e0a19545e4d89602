# newsflow — two commands on a fresh machine: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install browser php axe media-tools nginx cluster cluster-stop lint bench bench-publish bench-publish-http bench-stream bench-docs bench-text eval-text bench-search bench-public bench-wire bench-media bench-abone bench-observe bench-cluster clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP): pyproject.toml src/newsflow/store/_fts5rank.c | $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

# Debian's Chromium for the browser tests (Playwright drives it; it never downloads one).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-core >/dev/null) \
	      || echo "could not install chromium: browser tests will skip"; \
	  else echo "chromium missing and not root: browser tests will skip"; fi; \
	fi

# axe-core from the npm registry into ./node_modules, injected by the accessibility tests
# (tests/functional/portal/test_axe.py); without npm they skip with a reason.
AXE := node_modules/axe-core/axe.min.js
axe:
	@if [ ! -f $(AXE) ]; then \
	  if command -v npm >/dev/null 2>&1; then \
	    npm install --no-save --no-audit --no-fund --silent axe-core@4 \
	      || echo "could not install axe-core: accessibility tests will skip"; \
	  else echo "npm missing: accessibility tests will skip"; fi; \
	fi

# Debian's ffmpeg (video probe, poster frames, the web rendition) and exiftool (IPTC/XMP in
# delivered photos, GPS and serials stripped from originals); tests needing them skip without.
media-tools:
	@if ! command -v ffmpeg >/dev/null || ! command -v exiftool >/dev/null; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ffmpeg libimage-exiftool-perl >/dev/null) \
	      || echo "could not install ffmpeg/exiftool: media tests will skip"; \
	  else echo "ffmpeg or exiftool missing and not root: media tests will skip"; fi; \
	fi

# Debian's RUM index for the local PostgreSQL (search keeps word positions in the index;
# without it search uses plain GIN indexes, and the RUM-only tests skip).
PG_MAJOR = $(shell ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -n1)
pg-rum:
	@if [ -n "$(PG_MAJOR)" ] && [ ! -f /usr/share/postgresql/$(PG_MAJOR)/extension/rum.control ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-$(PG_MAJOR)-rum >/dev/null) \
	      || echo "could not install postgresql-$(PG_MAJOR)-rum: search on PostgreSQL uses GIN indexes"; \
	  else echo "postgresql-$(PG_MAJOR)-rum missing and not root: search on PostgreSQL uses GIN indexes"; fi; \
	fi

# Debian's PHP with SimpleXML: the agency-API client compatibility tests (tests/compat) read
# /abone/ the way PHP subscriber software does.
php:
	@if ! command -v php >/dev/null 2>&1 || ! php -m 2>/dev/null | grep -qx SimpleXML; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq php-cli php-xml >/dev/null) \
	      || echo "could not install php-cli php-xml: PHP client tests will skip"; \
	  else echo "php-cli/php-xml missing and not root: PHP client tests will skip"; fi; \
	fi

# Debian's nginx-light in front of the nodes (deploy/nginx/) and nats-server for the NATS
# cluster: `make cluster` and the test that drives it (tests/functional/test_cluster.py)
# skip with a reason without them.
nginx:
	@if [ ! -x /usr/sbin/nginx ] || [ ! -x /usr/sbin/nats-server ]; then \
	  if [ "$$(id -u)" = "0" ]; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light nats-server >/dev/null) \
	      || echo "could not install nginx-light nats-server: the cluster test will skip"; \
	  else echo "nginx or nats-server missing and not root: the cluster test will skip"; fi; \
	fi

run: install
	$(BIN)/newsflow serve --demo

# Three NATS servers, three nodes on the local PostgreSQL and nginx on port 8080, from the
# files in deploy/ (docs/deploy.md); Ctrl-C or `make cluster-stop` stops it.
CLUSTER_ARGS ?=
cluster: install nginx
	$(BIN)/python deploy/cluster.py --dir var/cluster $(CLUSTER_ARGS)

cluster-stop:
	$(BIN)/python deploy/cluster.py --dir var/cluster --stop

test: install browser php axe media-tools nginx pg-rum
	$(BIN)/ruff check src tests bench deploy
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/pytest -q -p no:cacheprovider --durations=15 $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check src tests bench deploy
	$(BIN)/mypy
	$(BIN)/lint-imports

# bench-search builds a 100k-story archive first (minutes); run it on its own.
bench: bench-publish bench-publish-http bench-docs bench-stream bench-text bench-public bench-wire

bench-publish: install
	$(BIN)/python bench/bench_publish.py

bench-publish-http: install
	$(BIN)/python bench/bench_publish_http.py

# three nodes behind nginx against one (deploy/cluster.py; needs nginx, nats-server, PostgreSQL)
bench-cluster: install nginx
	$(BIN)/python bench/bench_cluster_fanout.py

bench-abone: install
	$(BIN)/python bench/bench_abone.py

bench-docs: install
	$(BIN)/python bench/bench_documents.py

bench-observe: install
	$(BIN)/python bench/bench_observe.py

bench-stream: install
	$(BIN)/python bench/bench_stream.py

bench-text: install
	$(BIN)/python bench/bench_text.py

# Precision and recall of name suggestions on the hand-annotated stories (tests/data/text_eval.jsonl).
eval-text: install
	$(BIN)/python bench/eval_text.py

# STORIES= (default 100000) and BACKEND=sqlite|postgresql|both|postgresql-replica; writes bench/results/search-<backend>-<stories>.json
STORIES ?= 100000
BACKEND ?= sqlite
bench-search: install
	nice -n 5 $(BIN)/python bench/bench_search.py --stories $(STORIES) --backend $(BACKEND)

bench-public: install
	$(BIN)/python bench/bench_public.py

bench-wire: install
	$(BIN)/python bench/bench_wire.py

# photo uploads at 12 MP and a 1080p transcode (needs exiftool and ffmpeg: make media-tools)
bench-media: install
	nice -n 10 $(BIN)/python bench/bench_media.py

clean:
	rm -rf $(VENV) var .pytest_cache
