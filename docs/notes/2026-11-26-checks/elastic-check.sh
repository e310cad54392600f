#!/usr/bin/env bash
# Done-when checks of issue 4 (C) against the local cluster script, over HTTP only.
set -u
cd /work/main
export DYNAKV_DATA_DIR=/tmp/dk-check
S=deploy/local-cluster.sh
B="java -jar modules/bench/target/dynakv-bench.jar"
t0=$SECONDS
log() { echo "[$((SECONDS - t0))s] $*"; }
rm -rf "$DYNAKV_DATA_DIR"
$S start 2>&1 | tail -2
log "preloading 10,000 keys (1 KiB)"
$B --targets http://127.0.0.1:8081,http://127.0.0.1:8082,http://127.0.0.1:8083 --bucket c --keys 10000 --value-size 1024 --preload --duration 1s --warmup 0s --threads 8 > /tmp/preload.txt 2>&1
grep -i "preload" /tmp/preload.txt | head -3
# Writers: unique keys, acknowledged ones recorded; reader: preloaded keys must answer 200.
: > /tmp/acked.txt; : > /tmp/readfail.txt
( i=0; while [[ ! -f /tmp/stop-load ]]; do n=$((8081 + i % 3)); c=$(curl -s -o /dev/null -w '%{http_code}' -X PUT -H 'Content-Type: text/plain' --data "w$i" "http://127.0.0.1:$n/v1/buckets/c/keys/live$i"); [[ $c == 204 ]] && echo "live$i w$i" >> /tmp/acked.txt; i=$((i+1)); done ) &
( i=0; while [[ ! -f /tmp/stop-load ]]; do n=$((8081 + i % 3)); k=key$(( (i * 7919) % 10000 )); c=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$n/v1/buckets/c/keys/$k"); [[ $c == 200 ]] || echo "$k $c" >> /tmp/readfail.txt; i=$((i+1)); done ) &
rm -f /tmp/stop-load
sleep 3
log "start-node 4"
$S start-node 4 2>&1 | tail -2
for i in $(seq 1 300); do
  r=$(curl -s http://127.0.0.1:8081/v1/ring)
  [[ "$r" == *'"transition":null'* && "$r" == *node-4* ]] && break
  sleep 1
done
log "ring settled: $(curl -s http://127.0.0.1:8084/v1/ring | python3 -c 'import json,sys,collections; r=json.load(sys.stdin); print(r["epoch"], dict(collections.Counter(r["owners"])), r["transition"])')"
for i in $(seq 1 300); do
  ok=1; for n in 1 2 3 4; do h=$(curl -s http://127.0.0.1:808$n/v1/handoff); [[ "$h" == *'"pending":[]'* && "$h" == *'"transition":null'* ]] || ok=0; done
  [[ $ok == 1 ]] && break; sleep 1
done
log "handoff drained on all 4: $(curl -s http://127.0.0.1:8081/v1/handoff)"
touch /tmp/stop-load; wait
log "writes acknowledged during the join: $(wc -l < /tmp/acked.txt); reads of preloaded keys that failed: $(wc -l < /tmp/readfail.txt)"
lost=0; while read -r k v; do got=$(curl -s "http://127.0.0.1:8084/v1/buckets/c/keys/$k"); [[ "$got" == "$v" ]] || { lost=$((lost+1)); echo "LOST $k: $got"; }; done < /tmp/acked.txt
log "acknowledged writes lost: $lost"
missing=0; for i in $(seq 0 9999); do c=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$((8081 + i % 4))/v1/buckets/c/keys/key$i"); [[ $c == 200 ]] || missing=$((missing+1)); done
log "preloaded keys not readable after the join: $missing of 10000"
log "leave 2"
$S leave 2 2>&1 | tail -3
for i in $(seq 1 300); do
  ok=1; for n in 1 3 4; do h=$(curl -s http://127.0.0.1:808$n/v1/handoff); [[ "$h" == *'"pending":[]'* && "$h" == *'"transition":null'* ]] || ok=0; done
  [[ $ok == 1 ]] && break; sleep 1
done
log "ring after leave: $(curl -s http://127.0.0.1:8081/v1/ring | python3 -c 'import json,sys,collections; r=json.load(sys.stdin); print(r["epoch"], r["members"], dict(collections.Counter(r["owners"])), r["transition"])')"
missing=0; for i in $(seq 0 9999); do n=$(( (i % 3) )); port=$([[ $n == 0 ]] && echo 8081 || ([[ $n == 1 ]] && echo 8083 || echo 8084)); c=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/v1/buckets/c/keys/key$i"); [[ $c == 200 ]] || missing=$((missing+1)); done
log "preloaded keys not readable after the leave: $missing of 10000"
lost=0; while read -r k v; do got=$(curl -s "http://127.0.0.1:8083/v1/buckets/c/keys/$k"); [[ "$got" == "$v" ]] || lost=$((lost+1)); done < /tmp/acked.txt
log "acknowledged writes lost after the leave: $lost"
