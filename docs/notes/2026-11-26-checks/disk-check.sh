#!/usr/bin/env bash
# Issue 4 (C): a key deleted while node 3 is down stays deleted; disk loss of node 3 is
# repaired by anti-entropy within a bounded time. Runs on the cluster left by elastic-check
# (nodes 1, 3, 4; 10,000 keys key0..key9999 in bucket c).
set -u
cd /work/main
export DYNAKV_DATA_DIR=/tmp/dk-check
S=deploy/local-cluster.sh
t0=$SECONDS
log() { echo "[$((SECONDS - t0))s] $*"; }
log "stop-node 3, delete key0..key99 while it is down"
$S stop-node 3 2>&1 | tail -1
for i in $(seq 0 99); do
  ctx=$(curl -s -D - -o /dev/null "http://127.0.0.1:8081/v1/buckets/c/keys/key$i" | tr -d '\r' | sed -n 's/^[Xx]-[Cc]ontext: //p')
  curl -s -o /dev/null -w '%{http_code}\n' -X DELETE -H "X-Context: $ctx" "http://127.0.0.1:8081/v1/buckets/c/keys/key$i"
done | sort | uniq -c
$S start-node 3 2>&1 | tail -1
back=0; for i in $(seq 0 99); do for p in 8081 8083 8084; do c=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$p/v1/buckets/c/keys/key$i"); [[ $c == 404 ]] || back=$((back+1)); done; done
log "deleted keys read (r=2) as anything but 404 after node 3 returned: $back of 300 reads"
sleep 25
back=0; for i in $(seq 0 99); do c=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8083/v1/buckets/c/keys/key$i?r=1"); [[ $c == 404 ]] || back=$((back+1)); done
log "deleted keys read with r=1 on node 3 as anything but 404 after 25 s: $back of 100"
log "disk loss: stop-node 3, delete its data dir, start-node 3"
$S stop-node 3 2>&1 | tail -1
rm -rf "$DYNAKV_DATA_DIR/node-3/journal"* "$DYNAKV_DATA_DIR/node-3/"*.db "$DYNAKV_DATA_DIR/node-3/"*.mv.db 2>/dev/null
ls "$DYNAKV_DATA_DIR/node-3"
mv "$DYNAKV_DATA_DIR/node-3" /tmp/dk-node3-old && mkdir -p "$DYNAKV_DATA_DIR/node-3"
started=$SECONDS
$S start-node 3 2>&1 | tail -1
want=$(curl -s http://127.0.0.1:8081/v1/status | python3 -c 'import json,sys; print(json.load(sys.stdin)["objects"])')
for i in $(seq 1 600); do
  have=$(curl -s http://127.0.0.1:8083/v1/status | python3 -c 'import json,sys; print(json.load(sys.stdin)["objects"])' 2>/dev/null || echo 0)
  [[ $have -ge $want ]] && break; sleep 1
done
log "node 3 holds $have objects (node 1: $want) $((SECONDS - started)) s after its start"
$S stop-node 1 2>&1 | tail -1; $S stop-node 4 2>&1 | tail -1
bad=0; for i in $(seq 100 9999); do c=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8083/v1/buckets/c/keys/key$i?r=1"); [[ $c == 200 ]] || bad=$((bad+1)); done
del=0; for i in $(seq 0 99); do c=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:8083/v1/buckets/c/keys/key$i?r=1"); [[ $c == 404 ]] || del=$((del+1)); done
log "node 3 alone, r=1: live keys not 200: $bad of 9900; deleted keys not 404: $del of 100"
$S stop 2>&1 | tail -1
