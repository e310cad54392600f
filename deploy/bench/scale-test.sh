#!/usr/bin/env bash
# The scale benchmark of docs/benchmarks.md. A fresh 3-node local cluster (default heap and
# settings) takes RECORDS keys x 1 KiB from YCSB (with N=3 every node holds every key: at
# 1,000,000 that is ~1 GiB of values per node), then runs YCSB workload A against them with
# the shared harness's binding and warm-up client. Afterwards it records, per node: heap
# used after a full GC, the store's size on disk, RSS and object count; then how long node 2
# takes to answer /v1/ready when restarted with all that data (after a graceful stop, and
# after kill -9).
#
#   deploy/bench/scale-test.sh [RECORDS]        default 1000000; 10000 gives the reference
#
# The workload is the harness's own workloads/workloada with recordcount=RECORDS, so the two
# runs differ in the number of keys only. The load phase uses more client threads than the
# measured phase: it only has to fill the store, and 8 threads would take hours for 1M keys.
#
# Env: PERF_DIR (default <repo>/../shared/perf), PERFBASE (default /tmp/perfbase),
#      LOAD_THREADS (32), THREADS (8), RUN_SECONDS (60), WARMUP (120),
#      DYNAKV_DATA_DIR (default /tmp/dynakv-scale; wiped first), KEEP=1 leaves the cluster up.
# Output: everything on stderr; the summary on stdout and in $DYNAKV_DATA_DIR.summary.txt.
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
RECORDS="${1:-1000000}"
PERF_DIR="${PERF_DIR:-$REPO/../shared/perf}"
PERFBASE="${PERFBASE:-/tmp/perfbase}"
LOAD_THREADS="${LOAD_THREADS:-32}"
THREADS="${THREADS:-8}"
SECONDS_RUN="${RUN_SECONDS:-60}"
WARMUP="${WARMUP:-120}"
export DYNAKV_DATA_DIR="${DYNAKV_DATA_DIR:-/tmp/dynakv-scale}"
CLUSTER="$REPO/deploy/local-cluster.sh"
SUMMARY="$DYNAKV_DATA_DIR.summary.txt"
WORKLOAD="$PERF_DIR/workloads/workloada"
BINDING_JAR="$PERFBASE/build/ycsb-dynakv/ycsb-dynakv-http-0.1.jar"
YCSB_LIB="$PERFBASE/ycsb-dynakv/lib"
NODELIST=127.0.0.1:8081,127.0.0.1:8082,127.0.0.1:8083

log() { echo "[scale-test $(date +%H:%M:%S)] $*" >&2; }
now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
pid_of() { cat "$DYNAKV_DATA_DIR/node-$1/pid"; }
ready_after() {  # ms from $2 until node $1 answers /v1/ready with 200
  local i=$1 start=$2
  until curl -fsS -m 1 -o /dev/null "http://127.0.0.1:$((8080 + i))/v1/ready" 2>/dev/null; do sleep 0.2; done
  echo $(( $(now_ms) - start ))
}
ycsb() {  # phase main-class extra-args...: one YCSB JVM with the harness's dynakv binding
  local phase=$1 main=$2; shift 2
  java -Xmx1g -cp "$BINDING_JAR:$YCSB_LIB/*" "$main" "$@" -db perf.ycsb.DynakvHttpDB -P "$WORKLOAD" \
    -p recordcount="$RECORDS" -p dynakv.nodes="$NODELIST" -p dynakv.bucket=usertable \
    -p dynakv.mode=lww -p dynakv.n=3 -p dynakv.r=2 -p dynakv.w=2 \
    -p core_workload_insertion_retry_limit=5 -p core_workload_insertion_retry_interval=1 \
    -s > "$DYNAKV_DATA_DIR.$phase.txt" 2> "$DYNAKV_DATA_DIR.$phase.err"
}

[ -f "$WORKLOAD" ] || { echo "no harness workload at $WORKLOAD (set PERF_DIR)" >&2; exit 2; }
if [ ! -f "$BINDING_JAR" ]; then
  log "building the harness's YCSB binding into $PERFBASE"
  mvn -q -B -f "$PERF_DIR/ycsb-dynakv/pom.xml" -Dperfbase="$PERFBASE" package \
    dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$YCSB_LIB" >&2
fi

"$CLUSTER" stop >/dev/null 2>&1 || true
rm -rf "$DYNAKV_DATA_DIR" "$DYNAKV_DATA_DIR".*.txt "$DYNAKV_DATA_DIR".*.err
log "starting a fresh 3-node cluster in $DYNAKV_DATA_DIR"
"$CLUSTER" start >&2

log "load: $RECORDS records x 1 KiB, $LOAD_THREADS threads"
load_start=$(now_ms)
ycsb load site.ycsb.Client -load -threads "$LOAD_THREADS"
load_ms=$(( $(now_ms) - load_start ))
grep -E '^\[(OVERALL|INSERT)\], (RunTime|Throughput|Return)' "$DYNAKV_DATA_DIR.load.txt" >&2

log "workload A: warm-up ${WARMUP}s, then ${SECONDS_RUN}s measured, $THREADS threads"
ycsb run perf.ycsb.WarmClient -warmup "$WARMUP" -t -p maxexecutiontime="$SECONDS_RUN" \
  -p measurementtype=hdrhistogram -p hdrhistogram.percentiles=50,99,99.9 -threads "$THREADS"

{
  echo "== scale test: $RECORDS records x 1 KiB, 3 nodes (N=3, R=W=2, lww), $(date -u +%FT%TZ)"
  echo "-- load ($LOAD_THREADS threads): $(( load_ms / 1000 )) s"
  grep -E '^\[(OVERALL|INSERT)\], (RunTime|Throughput|Return)' "$DYNAKV_DATA_DIR.load.txt"
  echo "-- workload A ($THREADS threads, ${WARMUP}s warm-up, ${SECONDS_RUN}s measured)"
  grep -E '^\[(OVERALL|READ|UPDATE)\], (Throughput|Operations|50th|99th|99\.9|Return)' "$DYNAKV_DATA_DIR.run.txt"
  echo "-- per node after the run"
  for i in 1 2 3; do
    pid=$(pid_of "$i")
    jcmd "$pid" GC.run >/dev/null
    used=$(jstat -gc "$pid" | awk 'NR==2 {printf "%.0f", ($3+$4+$6+$8)/1024}')
    max=$(jcmd "$pid" VM.flags | grep -o -- '-XX:MaxHeapSize=[0-9]*' | awk -F= '{printf "%.0f", $2/1048576}')
    store=$(du -sm "$DYNAKV_DATA_DIR/node-$i/store" | cut -f1)
    rss=$(awk '/VmRSS/{printf "%.0f", $2/1024}' /proc/"$pid"/status)
    echo "node-$i: heap used after a full GC ${used} MiB of ${max} MiB; store on disk ${store} MiB; RSS ${rss} MiB"
  done
  echo "raw data per node: $(( RECORDS * 1024 / 1048576 )) MiB of values (every node holds every key)"
  echo "-- restart of node 2 with its data"
  "$CLUSTER" stop-node 2 >&2
  t0=$(now_ms); "$CLUSTER" start-node 2 >/dev/null 2>&1 &
  echo "graceful stop, then start: ready after $(ready_after 2 "$t0") ms"
  wait
  "$CLUSTER" kill 2 >&2
  sleep 1
  t0=$(now_ms); "$CLUSTER" start-node 2 >/dev/null 2>&1 &
  echo "kill -9, then start: ready after $(ready_after 2 "$t0") ms"
  wait
} | tee "$SUMMARY"

if [ "${KEEP:-0}" != 1 ]; then "$CLUSTER" stop >&2; fi
