#!/usr/bin/env bash
# bin/beatwatch test: make sure the real services the tests use are installed, run
# 'mvn -B verify' (unit + integration tests + format check), then summarize every test report.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=bin/internal/common.sh
source "$ROOT/bin/internal/common.sh"

usage() {
  cat <<'USAGE'
Usage: bin/beatwatch test [maven arguments...]

Runs every unit test (*Test) and integration test (*IT) against real services, checks the
formatting, and ends with a summary per module and the line 'N passed, N failed, N skipped'.

Before the tests, as root on Debian/Ubuntu, it installs what is missing with apt-get:
  redis-server                 real Redis for the integration tests (without it, the Redis 6.2
                               binary shipped in the embedded-redis jar is used instead)
  chromium, chromium-driver    headless browser for the console tests (without them, those
                               tests are reported skipped)
  prometheus                   for promtool: the Prometheus config, rules and the rule unit tests
                               of config/prometheus/alerts.test.yml (PromtoolIT; without it,
                               reported skipped). Its service is not left running.
No service is left running by the install. Kafka and Flink run in-process; no Docker is needed
(the Testcontainers variants are skipped where there is no Docker engine).

Extra arguments go to Maven, e.g.:
  bin/beatwatch test -pl core -am              one module and what it needs
  bin/beatwatch test -pl core -am -Dit.test=RedisServerExtensionIT -Dtest=none \
      -Dsurefire.failIfNoSpecifiedTests=false

Exit status: Maven's (non-zero when any test failed or the build broke).
USAGE
}

if [[ "${1:-}" == "-h" || "${1:-}" == "--help" ]]; then
  usage
  exit 0
fi

# shellcheck source=bin/internal/services.sh
source "$ROOT/bin/internal/services.sh"

require_java
require_mvn
started_at="$(date +%s)"
ensure_test_services

# Only reports written by this run are counted (stale ones from earlier runs stay out).
marker="$(mktemp)"
trap 'rm -f "$marker"' EXIT
info "Running: mvn -B -ntp verify $*"
set +e
mvn -B -ntp verify "$@"
mvn_rc=$?
set -e

elapsed=$(($(date +%s) - started_at))
printf '\nbeatwatch test: maven exit code %d, %dm%02ds\n' "$mvn_rc" $((elapsed / 60)) $((elapsed % 60))
set +e
"$JAVA" "$ROOT/bin/internal/TestSummary.java" "$ROOT" "$marker"
summary_rc=$?
set -e
if [[ "$mvn_rc" != 0 ]]; then
  exit "$mvn_rc"
fi
if [[ "$summary_rc" != 0 ]]; then
  exit 1
fi
