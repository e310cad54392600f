#!/usr/bin/env bash
# Runs a dynakv cluster on this machine: N server JVMs, node i (id node-i) with
#   HTTP on 127.0.0.1:(8080+i), Akka remoting on 127.0.0.1:(2550+i),
#   data, logs and pid in ${DYNAKV_DATA_DIR:-<repo>/data}/node-i.
# With --distinct-ips node i binds 127.0.0.i instead (same ports), so tests can cut the
# links between nodes with iptables.
# With --secure the nodes talk over mutual TLS (throwaway CA and certificates in
# <data>/tls, made by deploy/make-certs.sh) and the HTTP API needs bearer tokens: one per
# role in <data>/tokens.json ({"read","write","admin"}), made by deploy/make-tokens.sh.
# Without it the development config (conf/application.conf) has HTTP auth off.
#
# Environment:
#   DYNAKV_DATA_DIR        root of the node directories (default <repo>/data)
#   DYNAKV_JAVA            java executable (default: java on the PATH)
#   DYNAKV_JAVA_OPTS       extra JVM options, after the launcher's own so they override
#                          them (e.g. "-Xmx1g -Ddynakv.request.timeout=5s")
#   DYNAKV_READY_TIMEOUT   seconds to wait for /v1/ready after a start (default 120)
#   DYNAKV_STOP_TIMEOUT    seconds a node gets to exit after SIGTERM (default 30)
#   DYNAKV_LEAVE_TIMEOUT   seconds a leaving node gets to hand off and exit (default 600)
set -euo pipefail

# Linux only, bash 4 or later: a node's pid is checked against /proc/<pid>/cmdline (so a
# reused pid is never taken for a node, and stopped), and node lists are read with mapfile.
# Elsewhere (macOS: no /proc, bash 3.2) it would not recognise its own nodes: refuse.
if [[ ! -r /proc/self/cmdline ]] || (( BASH_VERSINFO[0] < 4 )); then
  echo "${0##*/}: needs Linux (/proc) and bash 4 or later; this is $(uname -s) with bash ${BASH_VERSION}" >&2
  exit 1
fi

readonly SCRIPT_NAME="${0##*/}"
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
readonly REPO
readonly JAR="$REPO/modules/server/target/dynakv-server.jar"
readonly JAVA="${DYNAKV_JAVA:-java}"
readonly READY_TIMEOUT="${DYNAKV_READY_TIMEOUT:-120}"
readonly STOP_TIMEOUT="${DYNAKV_STOP_TIMEOUT:-30}"
readonly LEAVE_TIMEOUT="${DYNAKV_LEAVE_TIMEOUT:-600}"
readonly SYSTEM_NAME="dynakv"

# The remembered cluster options (data/cluster.env); defaults until loaded.
NODES=3
DISTINCT_IPS=0
CONF=""
SECURE=0
# Nodes 1..ADMITTED (the N of 'start') are listed as admitted to the ring; a node started
# later with a new number waits until an operator admits it. Empty: the same as NODES.
ADMITTED=""

usage() {
  cat <<EOF
usage: $SCRIPT_NAME <command> [arguments]

  start [--nodes N] [--distinct-ips] [--secure] [--conf FILE]
                  start nodes 1..N (default 3) and wait until each answers /v1/ready;
                  builds the server jar first if it is missing. Default FILE:
                  conf/single-node.conf for one node, conf/application.conf otherwise
                  (development: HTTP auth off). --secure: node TLS with throwaway
                  certificates in \$DYNAKV_DATA_DIR/tls and HTTP auth on, one token per
                  role in \$DYNAKV_DATA_DIR/tokens.json ({"read","write","admin"}).
                  The options are remembered in \$DYNAKV_DATA_DIR/cluster.env.
  stop            stop every node gracefully (SIGTERM; kill -9 after ${STOP_TIMEOUT}s)
  status          each node: process, /v1/health, /v1/ready (exit 1 unless all are up)
  kill I          kill -9 node I (a crash)
  stop-node I     stop node I gracefully (SIGTERM) and wait for it to exit
  start-node I    start or restart node I with the remembered options and wait for
                  /v1/ready; a node I beyond the N of 'start' that is not in the ring yet
                  connects, and the script prints how to admit it to the ring
                  (dynakv join node-I)
  leave I         decommission node I: POST /v1/cluster/leave/node-I, wait for it to exit

Node i: id node-i, HTTP 127.0.0.1:(8080+i), Akka 127.0.0.1:(2550+i) (127.0.0.i with
--distinct-ips), data in \$DYNAKV_DATA_DIR/node-i (default $REPO/data/node-i).
EOF
}

die() {
  echo "$SCRIPT_NAME: $*" >&2
  exit 1
}

log() {
  echo "$SCRIPT_NAME: $*"
}

data_root() {
  local root="${DYNAKV_DATA_DIR:-$REPO/data}"
  mkdir -p "$root"
  (cd "$root" && pwd)
}

env_file() {
  echo "$(data_root)/cluster.env"
}

load_env() {
  local file key value
  file="$(env_file)"
  if [[ -f "$file" ]]; then
    while IFS='=' read -r key value; do
      case "$key" in
        NODES) NODES="$value" ;;
        DISTINCT_IPS) DISTINCT_IPS="$value" ;;
        CONF) CONF="$value" ;;
        ADMITTED) ADMITTED="$value" ;;
        SECURE) SECURE="$value" ;;
        *) ;;
      esac
    done <"$file"
  fi
  # Remembered before admission existed: the nodes of 'start' were all admitted.
  ADMITTED="${ADMITTED:-$NODES}"
}

save_env() {
  printf 'NODES=%s\nDISTINCT_IPS=%s\nCONF=%s\nADMITTED=%s\nSECURE=%s\n' \
    "$NODES" "$DISTINCT_IPS" "$CONF" "${ADMITTED:-$NODES}" "$SECURE" >"$(env_file)"
}

# --secure: node i's TLS stores (made on demand: the CA in <data>/tls/ca is kept and reused)
# and the tokens file every node reads.
secure_args() {
  local i="$1" root tls
  [[ "$SECURE" == 1 ]] || return 0
  root="$(data_root)"
  tls="$root/tls"
  if [[ ! -f "$tls/node-$i/keystore.p12" ]]; then
    "$REPO/deploy/make-certs.sh" --out "$tls" "node-$i" >/dev/null || die "deploy/make-certs.sh failed for node-$i"
  fi
  [[ -f "$root/tokens-hashed.json" ]] || "$REPO/deploy/make-tokens.sh" "$root" >/dev/null \
    || die "deploy/make-tokens.sh failed"
  echo "-Ddynakv.security.tls.enabled=on"
  echo "-Ddynakv.security.tls.key-store=$tls/node-$i/keystore.p12"
  echo "-Ddynakv.security.tls.key-store-password-file=$tls/node-$i/password"
  echo "-Ddynakv.security.tls.trust-store=$tls/node-$i/truststore.p12"
  echo "-Ddynakv.security.http.auth=on"
  echo "-Ddynakv.security.http.tokens-file=$root/tokens-hashed.json"
}

# The admin token's header for the script's own calls (ring, admit) on a --secure cluster.
auth_header() {
  local file
  file="$(data_root)/tokens.json"
  if [[ "$SECURE" == 1 && -f "$file" ]]; then
    echo "Authorization: Bearer $(sed -n 's/.*"admin" *: *"\([^"]*\)".*/\1/p' "$file")"
  else
    echo "X-Dynakv-No-Auth: 1"
  fi
}

# dynakv.cluster.admitted-nodes: node-1..node-ADMITTED, on every node (the claimant uses the
# list of the node it runs on).
admitted_args() {
  local n
  for n in $(seq 1 "${ADMITTED:-$NODES}"); do
    echo "-Ddynakv.cluster.admitted-nodes.$((n - 1))=node-$n"
  done
}

default_conf() {
  if [[ "$NODES" -eq 1 ]]; then
    echo "$REPO/conf/single-node.conf"
  else
    echo "$REPO/conf/application.conf"
  fi
}

check_index() {
  local i="$1"
  [[ "$i" =~ ^[1-9][0-9]*$ ]] || die "node number must be a positive integer, got '$i'"
  [[ "$i" -le 254 ]] || die "node number must be at most 254, got $i"
}

node_dir() { echo "$(data_root)/node-$1"; }
node_ip() {
  if [[ "$DISTINCT_IPS" -eq 1 ]]; then echo "127.0.0.$1"; else echo "127.0.0.1"; fi
}
http_port() { echo $((8080 + $1)); }
akka_port() { echo $((2550 + $1)); }
http_base() { echo "http://$(node_ip "$1"):$(http_port "$1")"; }
akka_address() { echo "akka://$SYSTEM_NAME@$(node_ip "$1"):$(akka_port "$1")"; }

# Node numbers this data root knows: 1..NODES, and any other node with a pid file
# (pid files are removed once a node is known to have stopped).
known_nodes() {
  local f n
  {
    seq 1 "$NODES"
    for f in "$(data_root)"/node-*/pid; do
      [[ -e "$f" ]] || continue
      n="${f%/pid}"
      n="${n##*/node-}"
      [[ "$n" =~ ^[0-9]+$ ]] && echo "$n"
    done
  } | sort -n -u
}

# The pid of node i if that process is alive and is node i's server, else nothing.
# Checking the command line guards against a stale pid file whose pid was reused.
live_pid() {
  local i="$1" file pid cmdline
  file="$(node_dir "$i")/pid"
  [[ -f "$file" ]] || return 0
  pid="$(<"$file")"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  cmdline="$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null || true)"
  if [[ "$cmdline" == *" -Ddynakv.node.id=node-$i "* ]]; then
    echo "$pid"
  fi
}

http_code() {
  # Prints the status code, or 000 when nothing answered.
  curl -sS -m 2 -o /dev/null -w '%{http_code}' "$1" 2>/dev/null || true
}

ensure_jar() {
  if [[ ! -f "$JAR" ]]; then
    log "building $JAR (mvn -q -B -DskipTests package)"
    (cd "$REPO" && mvn -q -B -DskipTests package) || die "build failed"
    [[ -f "$JAR" ]] || die "the build did not produce $JAR"
  fi
}

# Seed nodes: node 1 first (the one that may form a new cluster when no other seed
# answers), then every other known node, so a restarted node 1 rejoins a running cluster
# instead of forming a second one.
seed_args() {
  local n k=1
  echo "-Dakka.cluster.seed-nodes.0=$(akka_address 1)"
  for n in $(known_nodes); do
    [[ "$n" -eq 1 ]] && continue
    echo "-Dakka.cluster.seed-nodes.$k=$(akka_address "$n")"
    k=$((k + 1))
  done
}

common_pool_parallelism() {
  local cores
  cores="$(getconf _NPROCESSORS_ONLN 2>/dev/null || echo 2)"
  if [[ "$cores" -gt 2 ]]; then echo $((cores - 1)); else echo 2; fi
}

launch_node() {
  local i="$1" dir pid ip seeds admitted secure extra
  dir="$(node_dir "$i")"
  pid="$(live_pid "$i")"
  [[ -z "$pid" ]] || die "node-$i is already running (pid $pid); stop it first"
  mkdir -p "$dir"
  ip="$(node_ip "$i")"
  mapfile -t seeds < <(seed_args)
  mapfile -t admitted < <(admitted_args)
  mapfile -t secure < <(secure_args "$i")
  read -r -a extra <<<"${DYNAKV_JAVA_OPTS:-}"
  (
    # Relative paths in DYNAKV_JAVA_OPTS resolve against the repository, like the docs' examples.
    cd "$REPO"
    # The common pool's parallelism defaults to cores - 1; at 1 (a 2-core machine) every
    # CompletableFuture callback that Akka's Java API runs asynchronously gets a thread of its
    # own (~130 thread starts a second per node from periodic asks alone). At least 2 keeps a pool.
    nohup "$JAVA" -Xmx512m \
      "-Djava.util.concurrent.ForkJoinPool.common.parallelism=$(common_pool_parallelism)" \
      "-XX:ErrorFile=$dir/hs_err_pid%p.log" \
      "-Dconfig.file=$CONF" \
      "-Ddynakv.node.id=node-$i" \
      "-Ddynakv.node.data-dir=$dir" \
      "-Ddynakv.http.host=$ip" \
      "-Ddynakv.http.port=$(http_port "$i")" \
      "-Dakka.remote.artery.canonical.hostname=$ip" \
      "-Dakka.remote.artery.canonical.port=$(akka_port "$i")" \
      "${seeds[@]}" \
      "${admitted[@]}" \
      "${secure[@]+"${secure[@]}"}" \
      "${extra[@]}" \
      -jar "$JAR" </dev/null >>"$dir/stdout.log" 2>&1 &
    echo $! >"$dir/pid"
  )
  log "started node-$i (pid $(<"$dir/pid")): http $(http_base "$i"), akka $(akka_address "$i"), data $dir"
}

print_failure() {
  local i="$1" why="$2" dir
  dir="$(node_dir "$i")"
  echo "$SCRIPT_NAME: node-$i is not ready: $why" >&2
  if [[ -f "$dir/node.log" ]]; then
    echo "--- last errors in $dir/node.log" >&2
    grep -E '^[0-9-]+ [0-9:,]+ ERROR ' "$dir/node.log" | tail -n 5 >&2 || true
    echo "--- tail of $dir/node.log" >&2
    tail -n 20 "$dir/node.log" >&2
  fi
  if [[ -s "$dir/stdout.log" ]]; then
    echo "--- tail of $dir/stdout.log" >&2
    tail -n 30 "$dir/stdout.log" >&2
  fi
}

# Waits until the ring of every given node lists every given node, at one epoch on all of
# them: the claimant adds new nodes once membership has been quiet for a few seconds. With
# WAIT_SETTLED=1 the ring must also have finished its transition (data moved, owners switched).
wait_ring() {
  local deadline i j ring epoch all_epochs ok
  deadline=$((SECONDS + READY_TIMEOUT))
  while :; do
    ok=1
    all_epochs=""
    for i in "$@"; do
      ring="$(curl -fsS -m 2 -H "$(auth_header)" "$(http_base "$i")/v1/ring" 2>/dev/null)" || { ok=0; break; }
      for j in "$@"; do
        [[ "$ring" == *"\"node-$j\""* ]] || { ok=0; break 2; }
      done
      if [[ "${WAIT_SETTLED:-0}" == 1 && "$ring" != *'"transition":null'* ]]; then
        ok=0
        break
      fi
      epoch="$(sed -n 's/.*"epoch":\([0-9]*\).*/\1/p' <<<"$ring")"
      all_epochs+="$epoch"$'\n'
    done
    if [[ $ok -eq 1 && "$(sed '/^$/d' <<<"$all_epochs" | sort -u | wc -l)" -eq 1 ]]; then
      local names="$*"
      if [[ "$ring" == *'"transition":null'* ]]; then
        log "ring epoch $epoch holds node-${names// /, node-}"
      else
        log "ring epoch $epoch takes in node-${names// /, node-}: partitions are moving (GET /v1/handoff shows progress)"
      fi
      return 0
    fi
    if [[ $SECONDS -ge $deadline ]]; then
      die "the ring did not take in every node within ${READY_TIMEOUT}s (GET /v1/ring on each node)"
    fi
    sleep 1
  done
}

# Waits (one shared deadline) until every given node answers 200 on /v1/ready.
wait_ready() {
  local deadline i code failed=0
  local -a pending=("$@") still=()
  deadline=$((SECONDS + READY_TIMEOUT))
  while [[ ${#pending[@]} -gt 0 ]]; do
    still=()
    for i in "${pending[@]}"; do
      if [[ -z "$(live_pid "$i")" ]]; then
        print_failure "$i" "its process exited"
        failed=1
        continue
      fi
      code="$(http_code "$(http_base "$i")/v1/ready")"
      if [[ "$code" == 200 ]]; then
        log "node-$i is ready ($(http_base "$i"))"
      else
        still+=("$i")
      fi
    done
    pending=("${still[@]+"${still[@]}"}")
    [[ ${#pending[@]} -gt 0 ]] || break
    if [[ $SECONDS -ge $deadline ]]; then
      for i in "${pending[@]}"; do
        print_failure "$i" "no 200 from $(http_base "$i")/v1/ready within ${READY_TIMEOUT}s"
      done
      failed=1
      break
    fi
    sleep 1
  done
  if [[ $failed -ne 0 ]]; then
    die "start failed; the nodes that did start keep running ($SCRIPT_NAME status, $SCRIPT_NAME stop)"
  fi
}

wait_exit() {
  local pid="$1" timeout="$2" deadline
  deadline=$((SECONDS + timeout))
  while kill -0 "$pid" 2>/dev/null; do
    [[ $SECONDS -lt $deadline ]] || return 1
    sleep 0.2
  done
}

# Sends SIGTERM to the given nodes, then waits for each; kill -9 after STOP_TIMEOUT.
stop_nodes() {
  local i pid
  local -A pids=()
  for i in "$@"; do
    pid="$(live_pid "$i")"
    if [[ -z "$pid" ]]; then
      log "node-$i is not running"
      rm -f "$(node_dir "$i")/pid"
      continue
    fi
    kill -TERM "$pid" 2>/dev/null || true
    pids[$i]="$pid"
    log "node-$i (pid $pid): SIGTERM sent"
  done
  for i in "${!pids[@]}"; do
    pid="${pids[$i]}"
    if wait_exit "$pid" "$STOP_TIMEOUT"; then
      log "node-$i stopped"
    else
      log "node-$i did not exit within ${STOP_TIMEOUT}s: kill -9"
      kill -KILL "$pid" 2>/dev/null || true
      wait_exit "$pid" 10 || die "node-$i (pid $pid) survived kill -9"
    fi
    rm -f "$(node_dir "$i")/pid"
  done
}

cmd_start() {
  local conf_arg="" nodes_arg="" distinct=0 secure=0 i running=()
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --nodes)
        [[ $# -ge 2 ]] || die "--nodes needs a number"
        nodes_arg="$2"
        shift 2
        ;;
      --nodes=*)
        nodes_arg="${1#--nodes=}"
        shift
        ;;
      --distinct-ips)
        distinct=1
        shift
        ;;
      --secure)
        secure=1
        shift
        ;;
      --conf)
        [[ $# -ge 2 ]] || die "--conf needs a file"
        conf_arg="$2"
        shift 2
        ;;
      --conf=*)
        conf_arg="${1#--conf=}"
        shift
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      *) die "start: unknown option '$1' (see $SCRIPT_NAME --help)" ;;
    esac
  done
  NODES="${nodes_arg:-3}"
  check_index "$NODES"
  ADMITTED="$NODES"
  DISTINCT_IPS="$distinct"
  SECURE="$secure"
  if [[ -n "$conf_arg" ]]; then
    [[ -f "$conf_arg" ]] || die "no such config file: $conf_arg"
    CONF="$(cd "$(dirname "$conf_arg")" && pwd)/$(basename "$conf_arg")"
  else
    CONF="$(default_conf)"
  fi
  for i in $(seq 1 "$NODES"); do
    [[ -z "$(live_pid "$i")" ]] || running+=("node-$i (pid $(live_pid "$i"))")
  done
  if [[ ${#running[@]} -gt 0 ]]; then
    die "already running: ${running[*]}; use '$SCRIPT_NAME stop' first"
  fi
  command -v "$JAVA" >/dev/null || die "java not found (need Java 17; or set DYNAKV_JAVA)"
  command -v curl >/dev/null || die "curl not found"
  ensure_jar
  save_env
  log "starting $NODES node(s), config $CONF, data in $(data_root)"
  for i in $(seq 1 "$NODES"); do
    launch_node "$i"
  done
  # shellcheck disable=SC2046 # one word per node number
  wait_ready $(seq 1 "$NODES")
  # shellcheck disable=SC2046 # one word per node number
  WAIT_SETTLED=1 wait_ring $(seq 1 "$NODES")
  if [[ "$SECURE" == 1 ]]; then
    log "secure: node TLS with the CA in $(data_root)/tls; HTTP needs a token from $(data_root)/tokens.json"
    log "  (sent as 'Authorization: Bearer <token>'; the CLI reads one from \$DYNAKV_TOKEN or --token)"
  fi
}

cmd_stop() {
  local -a nodes
  load_env
  mapfile -t nodes < <(known_nodes)
  stop_nodes "${nodes[@]}"
}

cmd_status() {
  local i pid health ready state all_up=0
  load_env
  log "data in $(data_root), config ${CONF:-(never started)}"
  for i in $(known_nodes); do
    pid="$(live_pid "$i")"
    if [[ -n "$pid" ]]; then
      state="running (pid $pid)"
      health="$(http_code "$(http_base "$i")/v1/health")"
      ready="$(http_code "$(http_base "$i")/v1/ready")"
    else
      state="stopped"
      health="-"
      ready="-"
    fi
    printf 'node-%-3s %-22s %-24s health %-4s ready %s\n' \
      "$i" "$state" "$(http_base "$i")" "$health" "$ready"
    [[ -n "$pid" && "$health" == 200 && "$ready" == 200 ]] || all_up=1
  done
  return "$all_up"
}

cmd_kill() {
  local i="${1:-}" pid
  [[ -n "$i" ]] || die "kill needs a node number"
  check_index "$i"
  load_env
  pid="$(live_pid "$i")"
  if [[ -z "$pid" ]]; then
    log "node-$i is not running"
    return 0
  fi
  kill -KILL "$pid" 2>/dev/null || true
  wait_exit "$pid" 10 || die "node-$i (pid $pid) survived kill -9"
  rm -f "$(node_dir "$i")/pid"
  log "node-$i (pid $pid) killed"
}

cmd_stop_node() {
  local i="${1:-}"
  [[ -n "$i" ]] || die "stop-node needs a node number"
  check_index "$i"
  load_env
  stop_nodes "$i"
}

cmd_start_node() {
  local i="${1:-}"
  [[ -n "$i" ]] || die "start-node needs a node number"
  check_index "$i"
  load_env
  [[ -n "$CONF" ]] || CONF="$(default_conf)"
  [[ -f "$CONF" ]] || die "no such config file: $CONF (remembered in $(env_file))"
  command -v "$JAVA" >/dev/null || die "java not found (need Java 17; or set DYNAKV_JAVA)"
  ensure_jar
  if [[ ! -f "$(env_file)" || "$i" -gt "$NODES" ]]; then
    # A node beyond the remembered ones grows the cluster: later seeds, stop and status include it.
    [[ "$i" -le "$NODES" ]] || NODES="$i"
    save_env
  fi
  launch_node "$i"
  wait_ready "$i"
  if [[ "$i" -gt "${ADMITTED:-$NODES}" ]] && ! ring_lists "$i" "$i"; then
    # A new node id connects, but only an operator lets it into the ring.
    log "node-$i is connected but not admitted: it gets no partitions until you admit it with"
    log "  dynakv --node $(http_base 1) join node-$i"
    log "  (or: curl -X POST $(http_base 1)/v1/cluster/admit/node-$i); then watch its data arrive with 'dynakv handoff'"
    return 0
  fi
  wait_ring "$i"
}

# Whether node I's ring (GET /v1/ring on node I) lists node J.
ring_lists() {
  local ring
  ring="$(curl -fsS -m 2 -H "$(auth_header)" "$(http_base "$1")/v1/ring" 2>/dev/null)" || return 1
  [[ "$ring" == *"\"node-$2\""* ]]
}

cmd_leave() {
  local i="${1:-}" pid url body code
  [[ -n "$i" ]] || die "leave needs a node number"
  check_index "$i"
  load_env
  pid="$(live_pid "$i")"
  [[ -n "$pid" ]] || die "node-$i is not running; start it first (it must hand its data off)"
  url="$(http_base "$i")/v1/cluster/leave/node-$i"
  log "asking node-$i to leave the ring: POST $url"
  body="$(mktemp)"
  code="$(curl -sS -m 30 -X POST -H "$(auth_header)" -o "$body" -w '%{http_code}' "$url" 2>/dev/null || true)"
  case "$code" in
    2??)
      cat "$body"
      echo
      rm -f "$body"
      log "node-$i is handing off its partitions; waiting up to ${LEAVE_TIMEOUT}s for it to exit"
      wait_exit "$pid" "$LEAVE_TIMEOUT" || die "node-$i did not exit within ${LEAVE_TIMEOUT}s (see $SCRIPT_NAME status, GET $(http_base "$i")/v1/handoff)"
      rm -f "$(node_dir "$i")/pid"
      log "node-$i left the cluster"
      ;;
    404)
      rm -f "$body"
      die "this server has no /v1/cluster/leave endpoint yet (decommissioning arrives with multi-node support); node-$i keeps running"
      ;;
    000)
      rm -f "$body"
      die "node-$i did not answer at $url"
      ;;
    *)
      echo "$SCRIPT_NAME: leave failed with HTTP $code:" >&2
      cat "$body" >&2
      echo >&2
      rm -f "$body"
      exit 1
      ;;
  esac
}

main() {
  local cmd="${1:-}"
  [[ $# -gt 0 ]] && shift
  case "$cmd" in
    start) cmd_start "$@" ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    kill) cmd_kill "$@" ;;
    stop-node) cmd_stop_node "$@" ;;
    start-node) cmd_start_node "$@" ;;
    leave) cmd_leave "$@" ;;
    -h | --help | help) usage ;;
    "")
      usage >&2
      exit 2
      ;;
    *)
      echo "$SCRIPT_NAME: unknown command '$cmd'" >&2
      usage >&2
      exit 2
      ;;
  esac
}

main "$@"
