#!/usr/bin/env bash
# Shared helpers for bin/beatwatch: messages, tool checks, build-on-demand. Sourced, not run.
# Expects ROOT (the project root) to be set and to be the working directory.

BEATWATCH_JAR="app/target/beatwatch.jar"
BEATWATCH_CP="app/target/beatwatch.jar:app/target/lib/*"
BUILD_STAMP="app/target/.beatwatch-build-stamp"
MIN_JAVA=17
MIN_MAVEN="3.8"

info() { printf 'beatwatch: %s\n' "$*" >&2; }
warn() { printf 'beatwatch: warning: %s\n' "$*" >&2; }
die() {
  printf 'beatwatch: %s\n' "$*" >&2
  exit 1
}

# The java binary: JAVA_HOME's when set (Maven uses it too), else the one on PATH.
java_bin() {
  if [[ -n "${JAVA_HOME:-}" && -x "${JAVA_HOME}/bin/java" ]]; then
    printf '%s\n' "${JAVA_HOME}/bin/java"
  else
    command -v java || true
  fi
}

require_java() {
  JAVA="$(java_bin)"
  if [[ -z "$JAVA" ]]; then
    die "Java ${MIN_JAVA} or newer is needed, but no 'java' is on PATH and JAVA_HOME is not set.
  Install a JDK ${MIN_JAVA}+ (Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless) and try again."
  fi
  local spec major
  spec="$("$JAVA" -XshowSettings:properties -version 2>&1 |
    awk -F'= ' '/java.specification.version/ {print $2; exit}')"
  major="${spec%%.*}"
  if [[ "$major" == "1" ]]; then major="${spec#1.}"; major="${major%%.*}"; fi
  if ! [[ "$major" =~ ^[0-9]+$ ]] || ((major < MIN_JAVA)); then
    die "Java ${MIN_JAVA} or newer is needed, but ${JAVA} is Java ${spec:-unknown}.
  Install a JDK ${MIN_JAVA}+ (Debian/Ubuntu: sudo apt-get install openjdk-17-jdk-headless),
  then put it first on PATH or point JAVA_HOME at it."
  fi
  export JAVA
}

require_mvn() {
  if ! command -v mvn >/dev/null 2>&1; then
    die "Maven ${MIN_MAVEN}+ is needed to build Beatwatch, but 'mvn' is not on PATH.
  Install Apache Maven (Debian/Ubuntu: sudo apt-get install maven) and try again."
  fi
  local version
  version="$(mvn -v 2>/dev/null | sed -n 's/.*Apache Maven \([0-9][0-9.]*\).*/\1/p' | head -n1)"
  if [[ -n "$version" ]] && ! version_at_least "$version" "$MIN_MAVEN"; then
    die "Maven ${MIN_MAVEN}+ is needed to build Beatwatch, found ${version}.
  Install a newer Apache Maven (Debian/Ubuntu: sudo apt-get install maven) and try again."
  fi
}

# version_at_least 3.9.6 3.8 -> true
version_at_least() {
  local IFS=.
  local -a have=($1) want=($2)
  local i
  for ((i = 0; i < ${#want[@]}; i++)); do
    local h="${have[i]:-0}" w="${want[i]:-0}"
    ((10#$h > 10#$w)) && return 0
    ((10#$h < 10#$w)) && return 1
  done
  return 0
}

# Why a build is needed: "first", "changed", or nothing when the jar is up to date.
# Folders count too: deleting or renaming a source file changes its folder's time.
build_reason() {
  if [[ ! -f "$BUILD_STAMP" || ! -f "$BEATWATCH_JAR" ]]; then
    echo first
    return
  fi
  local newer
  newer="$(find . \( -name .git -o -name target -o -name node_modules \) -prune -o \
    \( -name pom.xml -o -path '*/src/*' \) -newer "$BUILD_STAMP" -print -quit)"
  if [[ -n "$newer" ]]; then echo changed; fi
}

# Builds app/target/beatwatch.jar and its lib/ when missing or older than any src/ or pom.xml.
ensure_built() {
  local reason
  reason="$(build_reason)"
  [[ -z "$reason" ]] && return 0
  require_mvn
  if [[ "$reason" == first ]]; then
    info "Building Beatwatch (first run, ~1-2 min)..."
  else
    info "Sources changed since the last build: rebuilding Beatwatch..."
  fi
  # Stamp with the time the build started, so an edit made during the build triggers the next one.
  local started
  started="$(mktemp)"
  # Maven 3.8 prints stray colour resets even in batch mode: strip them from what the user sees.
  local rc=0
  {
    mvn -B -q -ntp -DskipTests package 2>&1 | sed -u 's/\x1b\[0m//g' >&2
    rc="${PIPESTATUS[0]}"
  } || true
  if [[ "$rc" != 0 ]]; then
    rm -f "$started"
    die "The build failed (Maven's messages are above). 'mvn -B -DskipTests package' shows the details."
  fi
  touch -r "$started" "$BUILD_STAMP"
  rm -f "$started"
}
