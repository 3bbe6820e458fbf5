#!/usr/bin/env bash
# Installs the real services the tests use (redis-server, chromium + chromium-driver, prometheus
# for promtool) with
# apt-get when root on Debian/Ubuntu, and never leaves a service running. Sourced by test.sh;
# expects common.sh to be sourced first.

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

# Debian's package starts redis-server as a service in its postinst (user redis, port 6379,
# daemonized). Stop any such instance that the install started: a process of the system binary
# that was not there before and looks like the service (runs as user redis, or was orphaned to
# pid 1, or serves 6379). Test servers (root, children of a JVM, random ports) are never touched.
stop_service_instances() {
  local before="$1" pid ppid exe owner args system_exe
  # Debian's /usr/bin/redis-server is a link (to redis-check-rdb): compare resolved binaries.
  system_exe="$(readlink -f /usr/bin/redis-server 2>/dev/null || true)"
  [[ -n "$system_exe" ]] || return 0
  for pid in $(pgrep -x redis-server || true); do
    [[ " $before " == *" $pid "* ]] && continue
    exe="$(readlink -f "/proc/$pid/exe" 2>/dev/null || true)"
    [[ "$exe" == "$system_exe" ]] || continue
    ppid="$(ps -o ppid= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
    owner="$(ps -o user= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
    args="$(ps -o args= -p "$pid" 2>/dev/null || true)"
    [[ "$owner" == redis || "$ppid" == 1 || "$args" == *:6379* ]] || continue
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

# Debian's prometheus package (the only one shipping promtool) enables a prometheus service on
# :9090 and starts it where an init system runs: stop any prometheus process the install started.
stop_new_prometheus() {
  local before="$1" pid owner
  if [[ -d /run/systemd/system ]] && command -v systemctl >/dev/null 2>&1; then
    info "Disabling the prometheus service the package enabled; only promtool is used."
    systemctl disable --now prometheus >>"$APT_LOG" 2>&1 || true
  fi
  for pid in $(pgrep -x prometheus || true); do
    [[ " $before " == *" $pid "* ]] && continue
    owner="$(ps -o user= -p "$pid" 2>/dev/null | tr -d ' ' || true)"
    [[ "$owner" == prometheus ]] || continue
    info "Stopping the prometheus service the install started (pid $pid); only promtool is used."
    kill -TERM "$pid" 2>/dev/null || true
  done
}

ensure_promtool() {
  if command -v promtool >/dev/null 2>&1; then
    return
  fi
  if ! can_apt; then
    info "promtool is not installed (needs root and apt-get): PromtoolIT will be reported skipped."
    return
  fi
  info "Installing prometheus (apt-get) for promtool (config, rules and rule unit tests)..."
  local before
  before="$(pgrep -x prometheus | tr '\n' ' ' || true)"
  if apt_install prometheus; then
    info "$(promtool --version 2>/dev/null | head -1 || echo promtool) installed."
  else
    warn "could not install prometheus (details in $APT_LOG): PromtoolIT will be reported skipped."
  fi
  stop_new_prometheus "$before"
}

ensure_test_services() {
  ensure_redis
  ensure_browser
  ensure_promtool
}
