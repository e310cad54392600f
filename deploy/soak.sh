#!/usr/bin/env bash
# The soak tier of the fault suite: three node JVMs on 127.0.0.1-3 under the shopping-cart
# workload through 20 kill -9 cycles and 10 partition cycles (10 s each), then a sibling
# explosion run; prints the figures (operations, acknowledged, lost, unavailable %, write
# availability with one node down, convergence after each heal, siblings) and fails if an
# acknowledged write was lost, availability with one node down fell under 99.9 %, or the
# replicas did not converge after a heal. About 15 minutes.
#
# Needs root and iptables (the partitions), Java 17 and Maven. Every iptables rule is in the
# DYNAKV_FAULTS chain, removed when the test ends, passed or failed; the trap below removes it
# too should Maven itself be killed.
#
# Options (environment): SOAK_KILLS (20), SOAK_PARTITIONS (10), SOAK_FAULT_SECONDS (10).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

cleanup() {
  for hook in INPUT OUTPUT; do
    while iptables -w -S "$hook" 2>/dev/null | grep -q -- "-j DYNAKV_FAULTS"; do
      iptables -w -D "$hook" -j DYNAKV_FAULTS || break
    done
  done
  iptables -w -F DYNAKV_FAULTS 2>/dev/null || true
  iptables -w -X DYNAKV_FAULTS 2>/dev/null || true
  pkill -f 'dynakv-server.jar.*dynakv.node.data-dir=.*junit' 2>/dev/null || true
}
trap cleanup EXIT

command -v iptables >/dev/null || { echo "soak.sh: iptables is needed (apt-get install iptables)" >&2; exit 1; }

mvn -B -q -Dstyle.color=never install -DskipTests
mvn -B -Dstyle.color=never -pl modules/it test -Psoak -Dtest=SoakTest \
  -Ddynakv.soak.kills="${SOAK_KILLS:-20}" \
  -Ddynakv.soak.partitions="${SOAK_PARTITIONS:-10}" \
  -Ddynakv.soak.fault-seconds="${SOAK_FAULT_SECONDS:-10}" \
  | grep -v '^\[INFO\] Download' | tee "${SOAK_LOG:-/tmp/dynakv-soak.log}" \
  | grep -E '^(=== soak|run length|operations|acknowledged|unacknowledged|unavailable|write availability|convergence|sibling explosion|acked set|kill -9|partition|bridge|one-way|\[ERROR\]|Tests run)'
