# Triage: build, run and test. `make help` lists the targets.

GO      ?= go
BIN     := bin/triage
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse HEAD 2>/dev/null || echo unknown)
LDFLAGS := -s -w -X main.version=$(VERSION) -X main.commit=$(COMMIT)

# Demo data made by `make run` on its first start.
DEMO_TICKETS  ?= 2000
DEMO_PASSWORD := triage-demo-password
URL           := $(or $(TRIAGE_BASE_URL),http://$(or $(TRIAGE_ADDR),127.0.0.1:8080))

# Every Go package of the module. `./...` would also walk into
# web/node_modules, where npm packages sometimes ship Go files.
PKGS = $(shell $(GO) list ./... | grep -v /node_modules/)

# Packages with goroutines, locks or shared caches run under the race
# detector (which runs all their tests); every other package runs plainly.
RACE_PKGS := ./internal/httpapi ./internal/service ./internal/sqlite ./internal/postgres ./internal/realtime ./internal/jobs ./internal/notify ./internal/mail/...
# -count=1: a test run always runs the tests, never a cached result.
TESTFLAGS ?= -count=1 -timeout 20m

.DEFAULT_GOAL := help
.PHONY: help build web web-test e2e run test bench bench-store lint clean

# The web app is rebuilt only when one of its inputs is newer than the build.
WEB_INPUTS := $(shell find web/src web/public web/scripts -type f 2>/dev/null) \
	web/index.html web/package.json web/package-lock.json web/vite.config.ts \
	web/tsconfig.json internal/httpapi/openapi.json

help: ## list the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-11s %s\n", $$1, $$2}'

# Playwright's runner comes from npm; the browser is Debian's Chromium
# (/usr/bin/chromium), never a download.
web/node_modules/.package-lock.json: web/package-lock.json
	cd web && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund

web/dist/index.html: web/node_modules/.package-lock.json $(WEB_INPUTS)
	cd web && npm run build

web: web/dist/index.html ## build the web app into web/dist (only when missing or stale)

web-test: web/node_modules/.package-lock.json ## type-check the web app, check generated API types, run its unit tests
	cd web && npm run check:gen && npm run typecheck && npm test

e2e: build ## browser tests: Chromium drives bin/triage on a fresh SQLite dir (screenshots in test-output/e2e)
	cd web && npm run e2e

build: web ## build the static binary bin/triage (web app embedded)
	CGO_ENABLED=0 $(GO) build -trimpath -ldflags '$(LDFLAGS)' -o $(BIN) ./cmd/triage

run: build ## serve Triage with demo data (seeded on the first run)
	@TRIAGE_LOG_FORMAT=$${TRIAGE_LOG_FORMAT:-text} $(BIN) seed --tickets $(DEMO_TICKETS) --if-empty
	@echo
	@echo "  Triage is starting at $(URL)"
	@echo "  API: $(URL)/api/v1   (OpenAPI: $(URL)/api/v1/openapi.json)"
	@echo
	@echo "  Demo logins, password: $(DEMO_PASSWORD)"
	@echo "    admin     admin@example.com"
	@echo "    agent     agent@example.com"
	@echo "    customer  customer@example.com"
	@echo
	@echo "  Stop with Ctrl-C. Delete ./data to start over with fresh demo data."
	@echo
	@TRIAGE_LOG_FORMAT=$${TRIAGE_LOG_FORMAT:-text} exec $(BIN) serve

test: ## vet, staticcheck, Go tests (race detector on concurrent packages), web unit and browser tests
	@passed=0; failed=0; summary=""; \
	step() { name=$$1; shift; printf '\n==> %s: %s\n' "$$name" "$$*"; \
		if "$$@"; then passed=$$((passed+1)); summary="$$summary\n  PASS  $$name"; \
		else failed=$$((failed+1)); summary="$$summary\n  FAIL  $$name"; fi; }; \
	all=$$($(GO) list $(PKGS)) || exit 1; \
	race=$$($(GO) list $(RACE_PKGS)) || exit 1; \
	plain=$$(echo "$$all" | grep -vxF "$$race"); \
	step "go vet" $(GO) vet $$all; \
	step "staticcheck" $(GO) tool staticcheck $$all; \
	step "go test" $(GO) test $(TESTFLAGS) $$plain; \
	step "go test -race" $(GO) test -race $(TESTFLAGS) $(RACE_PKGS); \
	step "web unit tests" $(MAKE) --no-print-directory web-test; \
	step "web e2e tests" $(MAKE) --no-print-directory e2e; \
	printf '\n==> make test summary (CI=%s)%b\n' "$${CI:-}" "$$summary"; \
	echo "steps: $$passed passed, $$failed failed"; \
	test $$failed -eq 0

# Flags of the load benchmark, e.g.
#   make bench BENCHFLAGS='-engines sqlite -n 10k,100k -duration 3s'
# `go run ./bench/cmd/loadgen -h` lists them; docs/benchmarks.md explains them.
BENCHFLAGS ?=

bench: build ## load benchmark: SQLite and PostgreSQL at 10k, 100k, 1M tickets; writes bench/results/report.md and chart.png
	$(GO) run ./bench/cmd/loadgen -bin $(BIN) $(BENCHFLAGS)

bench-store: ## store micro-benchmarks (ticket create, list, filter) on SQLite and PostgreSQL
	$(GO) test -run '^$$' -bench . -benchmem -timeout 60m ./internal/sqlite ./internal/postgres

lint: ## go vet and staticcheck only
	$(GO) vet $(PKGS)
	$(GO) tool staticcheck $(PKGS)

clean: ## remove the built binary (not ./data)
	rm -rf bin
