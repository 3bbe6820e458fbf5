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

APT_LOG="${TMPDIR:-/tmp}/beatwatch-apt.log"
APT_UPDATED=0

can_apt() {
  [[ "$(id -u)" == 0 ]] && command -v apt-get >/dev/null 2>&1
}

apt_install() {
  if [[ "$APT_UPDATED" == 0 ]]; then
    APT_UPDATED=1
    info "Updating the package lists (apt-get update)..."
    if ! apt-get -qq -o DPkg::Lock::Timeout=300 update >>"$APT_LOG" 2>&1; then
      warn "apt-get update failed (details in $APT_LOG); trying the install anyway"
    fi
  fi
  DEBIAN_FRONTEND=noninteractive apt-get -qq -y -o DPkg::Lock::Timeout=300 \
    install --no-install-recommends "$@" >>"$APT_LOG" 2>&1
}

# Debian's package starts redis-server as a service (on 6379) in its postinst. Stop any such
# instance that the install started: a daemon (parent pid 1) running the system binary that was
# not there before. Test servers (children of a JVM) are never touched.
stop_service_instances() {
  local before="$1" pid ppid exe
  for pid in $(pgrep -x redis-server || true); do
    [[ " $before " == *" $pid "* ]] && continue
    ppid="$(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
    exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
    [[ "$ppid" == 1 && "$exe" == /usr/bin/redis-server* ]] || continue
    info "Stopping the redis-server service the install started (pid $pid); tests start their own."
    kill -TERM "$pid" 2>/dev/null || continue
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.2
    done
    if kill -0 "$pid" 2>/dev/null; then
      kill -KILL "$pid" 2>/dev/null || true
    fi
  done
}

ensure_redis() {
  if command -v redis-server >/dev/null 2>&1; then
    return
  fi
  if ! can_apt; then
    info "redis-server is not installed: the integration tests use the Redis 6.2 binary from the embedded-redis jar."
    return
  fi
  info "Installing redis-server (apt-get) for the integration tests..."
  local before
  before="$(pgrep -x redis-server | tr '\n' ' ' || true)"
  if apt_install redis-server; then
    info "redis-server $(redis-server --version 2>/dev/null | sed -n 's/.* v=\([^ ]*\).*/\1/p') installed."
  else
    warn "could not install redis-server (details in $APT_LOG); the embedded-redis fallback (Redis 6.2) covers the tests."
  fi
  stop_service_instances "$before"
}

ensure_browser() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    return
  fi
  if ! can_apt; then
    info "chromium and chromium-driver are not installed (needs root and apt-get): browser tests will be reported skipped."
    return
  fi
  info "Installing chromium and chromium-driver (apt-get) for the browser tests..."
  if apt_install chromium chromium-driver; then
    info "$(chromium --version 2>/dev/null || echo chromium) installed."
  else
    warn "could not install chromium/chromium-driver (details in $APT_LOG): browser tests will be reported skipped."
  fi
}

require_java
require_mvn
started_at="$(date +%s)"
ensure_redis
ensure_browser

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
