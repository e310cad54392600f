#!/usr/bin/env bash
# The scale benchmark of docs/benchmarks.md: a fresh 3-node local cluster (default heap and
# settings), YCSB loads 1,000,000 keys x 1 KiB (N=3: ~1 GiB of objects per node) and runs
# workload A against them through the shared harness (../shared/perf), then this script
# records per node: heap used after a full GC, the store's size on disk, and how long a
# node restarted with all that data takes to answer /v1/ready (after a graceful stop and
# after kill -9).
#
#   deploy/bench/scale-test.sh [WORKLOAD_FILE] [THREADS] [SECONDS]
#     default: deploy/bench/workloada-1m 8 60
#
# Env: PERF_DIR (default <repo>/../shared/perf), WARMUP (s, default 120), PERFBASE,
#      DYNAKV_DATA_DIR (default /tmp/dynakv-scale; wiped first), KEEP=1 leaves the cluster up.
# Output: a summary on stdout, also written to $DYNAKV_DATA_DIR/scale-summary.txt.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WL="${1:-$REPO/deploy/bench/workloada-1m}"
THREADS="${2:-8}"
SECS="${3:-60}"
PERF_DIR="${PERF_DIR:-$REPO/../shared/perf}"
export WARMUP="${WARMUP:-120}"
export DYNAKV_DATA_DIR="${DYNAKV_DATA_DIR:-/tmp/dynakv-scale}"
CLUSTER="$REPO/deploy/local-cluster.sh"
SUMMARY="$DYNAKV_DATA_DIR.summary.txt"

log() { echo "[scale-test $(date +%H:%M:%S)] $*" >&2; }
pid_of() { cat "$DYNAKV_DATA_DIR/node-$1/pid"; }
ready_after() {  # seconds until node I answers /v1/ready 200
  local i=$1 start=$2
  while ! curl -fsS -m 1 -o /dev/null "http://127.0.0.1:$((8080 + i))/v1/ready" 2>/dev/null; do sleep 0.2; done
  echo "$(( $(date +%s%N) / 1000000 - start ))"
}

[ -x "$PERF_DIR/run-dynakv-baseline.sh" ] || { echo "no harness at $PERF_DIR" >&2; exit 2; }
"$CLUSTER" stop >/dev/null 2>&1 || true
rm -rf "$DYNAKV_DATA_DIR"
log "starting a fresh 3-node cluster in $DYNAKV_DATA_DIR"
"$CLUSTER" start >&2

log "YCSB: load $(grep -E '^recordcount' "$WL"), warm-up ${WARMUP}s, workload for ${SECS}s, $THREADS threads"
MODE=lww "$PERF_DIR/run-dynakv-baseline.sh" 3 "$WL" "$THREADS" "$SECS" | tee "$DYNAKV_DATA_DIR.ycsb.txt" >&2

{
  echo "== scale test: $(grep -E '^recordcount' "$WL"), 3 nodes, $(date -u +%FT%TZ)"
  cat "$DYNAKV_DATA_DIR.ycsb.txt"
  echo "-- per node after the run"
  for i in 1 2 3; do
    pid=$(pid_of "$i")
    jcmd "$pid" GC.run >/dev/null
    heap=$(jcmd "$pid" GC.heap_info | tr '\n' ' ')
    used=$(jstat -gc "$pid" | awk 'NR==2 {printf "%.0f", ($3+$4+$6+$8)/1024}')
    max=$(jcmd "$pid" VM.flags | grep -o 'MaxHeapSize=[0-9]*' | awk -F= '{printf "%.0f", $2/1048576}')
    store=$(du -sb "$DYNAKV_DATA_DIR/node-$i/store" | awk '{printf "%.0f", $1/1048576}')
    rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' /proc/"$pid"/status)
    objects=$(curl -fsS "http://127.0.0.1:$((8080 + i))/v1/status" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d.get("objects", d))' 2>/dev/null || echo "?")
    echo "node-$i: heap used after full GC ${used} MiB of ${max} MiB max; store on disk ${store} MiB; RSS ${rss} MiB; objects ${objects}"
    echo "  GC.heap_info: ${heap:0:300}"
  done
  echo "-- restart of node 2 with its data"
  "$CLUSTER" stop-node 2 >&2
  t0=$(( $(date +%s%N) / 1000000 )); "$CLUSTER" start-node 2 >/dev/null 2>&1 &
  echo "graceful stop, start: ready after $(ready_after 2 "$t0") ms"
  wait
  "$CLUSTER" kill 2 >&2
  sleep 2
  t0=$(( $(date +%s%N) / 1000000 )); "$CLUSTER" start-node 2 >/dev/null 2>&1 &
  echo "kill -9, start: ready after $(ready_after 2 "$t0") ms"
  wait
} | tee "$SUMMARY"

if [ "${KEEP:-0}" != 1 ]; then "$CLUSTER" stop >&2; fi
