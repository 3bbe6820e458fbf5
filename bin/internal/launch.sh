#!/usr/bin/env bash
# Dispatches bin/beatwatch subcommands: 'test' here in bash, the rest to io.beatwatch.app.Main.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=bin/internal/common.sh
source "$ROOT/bin/internal/common.sh"

JAVA_COMMANDS=(demo cluster inspect profile replay backtest emergence impact job gateway handover audit)

usage() {
  cat <<'USAGE'
Usage: bin/beatwatch <command> [options]

Beatwatch: real-time hotspot monitoring for police dispatch centres.

Commands:
  demo       Run everything in one JVM (Kafka, Redis, Flink, gateway) on a replayed city;
             console on http://localhost:8080
  cluster    Run Flink as separate processes (a JobManager, two TaskManagers) with Kafka and
             Redis, and HotspotJob with exactly-once RocksDB checkpoints; web UI on :8081
  test       Install the services the tests use, run every unit and integration test, summarize
  inspect    Look into a city's calls-for-service file (columns, types, counts, time span)
  profile    'profile init FILE': draft a city profile from a CAD export, every guess marked REVIEW
  replay     Replay a recorded city stream through the hotspot job
  backtest   Score detection on historical data (PAI, PEI, hit rate) against baselines
  emergence  Inject synthetic clusters into real background calls; measure time to detect
  impact     Did the patrols work? Treated vs matched comparison cells (DiD), displacement (WDQ), dose
  job        Run the Flink HotspotJob against Kafka and Redis
  gateway    Run the HTTP and WebSocket gateway
  handover   Write a shift's handover (per district: alerts, actions, places, patrols, tips) as HTML
  audit      'audit verify FILE': check the gateway audit file's hash chain (edits, removals)
  load       'load latency|throughput|fanout|faults [options]': the load-test harnesses (load-tests/README.md)
  help       This help; 'help <command>' is the same as '<command> --help'

'bin/beatwatch <command> --help' lists a command's options. Commands run from the project root,
so relative paths are relative to it (the city data is in ../shared/data).
The first run builds Beatwatch with Maven (~1-2 min); later runs rebuild only when a src/ folder
or a pom.xml changed. Needs Java 17+ and Maven 3.8+. Extra JVM options: JAVA_OPTS=...
USAGE
}

is_java_command() {
  local c
  for c in "${JAVA_COMMANDS[@]}"; do [[ "$c" == "$1" ]] && return 0; done
  return 1
}

run_java() {
  require_java
  ensure_built
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
  exec "$JAVA" ${JAVA_OPTS:--Xmx6g -XX:+UseParallelGC} \
    -Dlog4j2.configurationFile=config/log4j2.xml \
    -Dbeatwatch.home="$ROOT" \
    -cp "$BEATWATCH_CP" io.beatwatch.app.Main "$@"
}

cmd="${1:-help}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
  help | -h | --help)
    if [[ $# -eq 0 ]]; then
      usage
    elif [[ "$1" == test ]]; then
      exec "$ROOT/bin/internal/test.sh" --help
    elif is_java_command "$1"; then
      run_java "$1" --help
    else
      printf 'beatwatch: unknown command %s\n\n' "'$1'" >&2
      usage >&2
      exit 2
    fi
    ;;
  test)
    exec "$ROOT/bin/internal/test.sh" "$@"
    ;;
  load)
    # load-tests harnesses: their own class path (load-tests/target/lib), not the app's
    sub="${1:-}"
    [[ $# -gt 0 ]] && shift
    case "$sub" in
      latency) main=io.beatwatch.load.latency.LatencyHarness ;;
      throughput) main=io.beatwatch.load.ThroughputBench ;;
      faults) main=io.beatwatch.load.FaultHarness ;;
      fanout)
        main=io.beatwatch.load.fanout.FanoutHarness
        # one socket per console in the gateway and in the console JVM: as many files as allowed
        ulimit -n "$(ulimit -Hn)" 2>/dev/null ||
          printf 'beatwatch: could not raise the open-files limit (%s)\n' "$(ulimit -n)" >&2
        ;;
      *)
        printf 'Usage: bin/beatwatch load latency|throughput|fanout|faults [options] (--help for the options)\n' >&2
        exit 2
        ;;
    esac
    require_java
    ensure_built
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    exec "$JAVA" ${JAVA_OPTS:--Xmx3g} -Dlog4j2.configurationFile=log4j2-bench.xml \
      -cp "$ROOT/load-tests/target/beatwatch-load-tests-0.1.0-SNAPSHOT.jar:$ROOT/load-tests/target/lib/*" \
      "$main" "$@"
    ;;
  -V | --version)
    run_java --version
    ;;
  *)
    if is_java_command "$cmd"; then
      run_java "$cmd" "$@"
    fi
    printf 'beatwatch: unknown command %s\n\n' "'$cmd'" >&2
    usage >&2
    exit 2
    ;;
esac
