#!/usr/bin/env bash
# Fair comparison: each mode on freshly started, warmed-up JVMs; baseline then a full AE pass.
set -u
cd /work/main
export DYNAKV_DATA_DIR=/tmp/dk-bench
S=deploy/local-cluster.sh
B="java -jar modules/bench/target/dynakv-bench.jar"
T=http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083
t0=$SECONDS; log() { echo "[$((SECONDS - t0))s] $*"; }
objects() { curl -s "http://127.0.0.1:808$1/v1/status" | python3 -c 'import json,sys; print(json.load(sys.stdin)["objects"])' 2>/dev/null || echo -; }
adm() { curl -s "http://127.0.0.1:808$1/v1/status" | python3 -c 'import json,sys; a=json.load(sys.stdin)["admission"]; print(a["backgroundShare"], a["foregroundP99Millis"], a["foregroundSamples"])' 2>/dev/null || echo -; }
bench() { $B --targets $T --bucket bench --keys 10000 --value-size 1024 --read 0.5 --update 0.5 --threads 8 --warmup "$2" --duration 60s --seed 1 --json /tmp/bench2-$1.json > /tmp/bench2-$1.txt 2>&1; grep -E "^(read|update|total) " /tmp/bench2-$1.txt; }
for mode in on off; do
  $S stop >/dev/null 2>&1
  export DYNAKV_JAVA_OPTS="-Ddynakv.anti-entropy.interval=1h -Ddynakv.admission.enabled=$mode"
  $S start 2>&1 | tail -1
  log "admission $mode: JIT warm-up run (60 s, discarded)"
  bench warm-$mode 0s >/dev/null
  log "admission $mode: baseline, no anti-entropy"
  bench base-$mode 10s
  $S stop-node 3 >/dev/null 2>&1; rm -rf "$DYNAKV_DATA_DIR/node-3" && mkdir -p "$DYNAKV_DATA_DIR/node-3"; $S start-node 3 2>&1 | tail -1
  log "admission $mode: node 3 wiped; anti-entropy round started on every node with the bench"
  ( sleep 8; for n in 1 2 3; do curl -s -X POST "http://127.0.0.1:808$n/v1/anti-entropy"; echo; done
    for i in $(seq 1 35); do echo "t=$((8 + i * 2))s node3=$(objects 3) n1=[$(adm 1)] n2=[$(adm 2)] n3=[$(adm 3)]"; sleep 2; done ) > /tmp/ae2-$mode.log 2>&1 &
  bench ae-$mode 10s
  wait
  log "admission $mode: node 3 holds $(objects 3) of $(objects 1)"
done
$S stop 2>&1 | tail -1
log done
