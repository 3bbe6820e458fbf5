#!/usr/bin/env bash
# Placeholder launcher, replaced by the full one in the Foundation work.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
case "${1:-}" in
  test) shift; exec mvn -B verify "$@" ;;
  *) mvn -B -q -DskipTests package >/dev/null; exec java -cp "app/target/beatwatch.jar:app/target/lib/*" io.beatwatch.app.Main "$@" ;;
esac
