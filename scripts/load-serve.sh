#!/usr/bin/env bash
# Load test of `pith serve` with wrk (scripts/load-serve.lua cycles the AEB pages as POST
# bodies), the server pinned to core 0 and the generator to core 1. Not part of CI: run it on
# a quiet machine; docs/service.md has its table.
#
# Measures, each as a line of the report:
#   1. pages/s and server CPU per page at concurrency 1, 2 and 8 (one extraction slot, a queue
#      long enough that nothing is turned away), against `pith batch --jobs 1` on the same
#      pages and core (CPU per page, median of 3 runs);
#   2. p50/p99 latency on one fixed page at full load (concurrency 8);
#   3. 4x overload (one slot, a queue of 1, concurrency 8): the share of 503, and any status
#      other than 200/503;
#   4. the server's RSS after N1 and N2 requests (default 10,000 and 100,000).
#
# Usage: scripts/load-serve.sh [PAGES_DIR]   (default: ../shared/benchmarks/scrapinghub-aeb/html)
#   PITH_BIN   the release binary [$CARGO_TARGET_DIR/release/pith, else target/release/pith]
#   DURATION   seconds per throughput run [20]
#   RSS_AT     request counts at which RSS is read ["10000 100000"]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PAGES="${1:-${PITH_SHARED:-../shared}/benchmarks/scrapinghub-aeb/html}"
PITH_BIN="${PITH_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/pith}"
DURATION="${DURATION:-20}"
RSS_AT="${RSS_AT:-10000 100000}"
for tool in wrk taskset curl; do
  command -v "$tool" > /dev/null || { echo "load-serve: $tool not found (apt-get install -y wrk)" >&2; exit 2; }
done
[[ -x $PITH_BIN ]] || { echo "load-serve: no pith binary at $PITH_BIN" >&2; exit 2; }
[[ -d $PAGES ]] || { echo "load-serve: no pages at $PAGES" >&2; exit 2; }

WORK="$(mktemp -d)"
PID=""
stop_server() {
  if [[ -n $PID ]]; then
    kill -TERM "$PID" 2> /dev/null || true
    wait "$PID" 2> /dev/null || true
    PID=""
  fi
}
trap 'stop_server; rm -rf "$WORK"' EXIT
find "$PAGES" -maxdepth 1 -name '*.html' | sort > "$WORK/all.list"
head -1 "$WORK/all.list" > "$WORK/one.list"
NPAGES=$(wc -l < "$WORK/all.list")
TICKS=$(getconf CLK_TCK)

# start_server ARGS...: pith serve on core 0, on a free port; sets PID and BASE.
start_server() {
  taskset -c 0 "$PITH_BIN" serve --listen 127.0.0.1:0 "$@" 2> "$WORK/server.err" &
  PID=$!
  BASE=""
  for _ in $(seq 100); do
    BASE=$(sed -n 's|.*serving on \(http://[^ ]*\).*|\1|p' "$WORK/server.err")
    [[ -n $BASE ]] && break
    sleep 0.1
  done
  [[ -n $BASE ]] || { cat "$WORK/server.err" >&2; exit 1; }
}
cpu_ticks() { awk '{print $14 + $15}' "/proc/$PID/stat"; }
rss_kib() { awk '/^VmRSS/ {print $2}' "/proc/$PID/status"; }
# load LIST CONNECTIONS: wrk on core 1 for DURATION seconds; its output in $WORK/wrk.out.
load() {
  PITH_LOAD_LIST="$WORK/$1" taskset -c 1 \
    wrk -t1 -c"$2" -d"${DURATION}s" --timeout 30s -s scripts/load-serve.lua "$BASE" > "$WORK/wrk.out"
}
requests_done() { sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' "$WORK/wrk.out"; }

echo "# pith serve load test: $(nproc) cores, $NPAGES pages from $PAGES, ${DURATION}s per run"
echo "# $("$PITH_BIN" --version)"

# 1. Batch baseline: CPU per page of `pith batch --jobs 1` on core 0.
for run in 1 2 3; do
  /usr/bin/env time -f '%U %S' -o "$WORK/batch.time" taskset -c 0 "$PITH_BIN" batch --jobs 1 "$PAGES" \
    -o /dev/null 2> /dev/null
  awk -v n="$NPAGES" '{printf "%.3f\n", ($1 + $2) * 1000 / n}' "$WORK/batch.time"
done | sort -n | sed -n 2p > "$WORK/batch.ms"
BATCH_MS=$(cat "$WORK/batch.ms")
echo "batch --jobs 1: ${BATCH_MS} ms CPU per page (median of 3)"

# 2. Throughput and CPU per page at concurrency 1, 2, 8; then latency on one page at 8.
start_server --max-in-flight 1 --queue 16
echo "| concurrency | pages/s | server CPU ms/page | vs batch | non-200 |"
echo "|---|---|---|---|---|"
for c in 1 2 8; do
  before=$(cpu_ticks)
  load all.list "$c"
  after=$(cpu_ticks)
  n=$(requests_done)
  rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$WORK/wrk.out")
  non200=$(grep "^status " "$WORK/wrk.out" | grep -v "^status 200:" | tr "\n" " " || true)
  awk -v c="$c" -v rps="$rps" -v t="$((after - before))" -v hz="$TICKS" -v n="$n" -v b="$BATCH_MS" -v bad="${non200:-none}" \
    'BEGIN {ms = t * 1000 / hz / n; printf "| %d | %.1f | %.3f | %.0f %% | %s |\n", c, rps, ms, 100 * ms / b, bad}'
done
load one.list 8
echo "one fixed page ($(basename "$(cat "$WORK/one.list")")) at concurrency 8: $(grep '^latency' "$WORK/wrk.out")"
stop_server

# 3. 4x overload: capacity 2 (one slot, a queue of one), 8 connections.
start_server --max-in-flight 1 --queue 1
load all.list 8
echo "4x overload (1 slot + queue 1, 8 connections): $(grep '^status ' "$WORK/wrk.out" | sort | tr '\n' ' ')"
stop_server

# 4. RSS after N requests (one server, the counts cumulative; wrk runs in slices of DURATION
# seconds until the count is reached, so each figure is read at or just past it).
start_server --max-in-flight 1 --queue 16
echo "RSS at start: $(rss_kib) KiB"
total=0
for at in $RSS_AT; do
  while ((total < at)); do
    load all.list 8
    total=$((total + $(requests_done)))
  done
  echo "RSS after $total requests (>= $at): $(rss_kib) KiB"
done
stop_server
