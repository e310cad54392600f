#!/usr/bin/env bash
# Makes the certificates for dynakv's node TLS (dynakv.security.tls) with keytool alone (the
# JDK's): a cluster CA, and for each node a PKCS12 key store with its key and a certificate
# the CA signed, a trust store holding only the CA certificate, and a random password.
#
# usage: make-certs.sh [--out DIR] [--days N] NODE_ID...   (bin/dynakv-certs in the distribution)
#
#   --out DIR    where to write (default ./tls); created with mode 700
#   --days N     validity of the node certificates in days (default 825); the CA gets 10 years
#   NODE_ID      one or more node ids (dynakv.node.id), e.g. node-1 node-2 node-3
#
# It writes:
#   DIR/ca/ca.p12, DIR/ca/password   the CA's key: it signs certificates that get into the
#                                    cluster. Keep DIR/ca off the nodes, somewhere protected.
#   DIR/ca/ca.crt                    the CA certificate (PEM; public)
#   DIR/NODE_ID/keystore.p12         the node's key and certificate (CN=NODE_ID)
#   DIR/NODE_ID/truststore.p12       the CA certificate only
#   DIR/NODE_ID/password             the password of both stores (mode 600)
# Copy DIR/NODE_ID/ to the node's host and point its configuration at it:
#   dynakv.security.tls.enabled = on
#   dynakv.security.tls.key-store = "DIR/NODE_ID/keystore.p12"
#   dynakv.security.tls.key-store-password-file = "DIR/NODE_ID/password"
#   dynakv.security.tls.trust-store = "DIR/NODE_ID/truststore.p12"
#
# Run again with more node ids, the CA in DIR/ca is reused; a node whose directory exists is
# kept as it is (delete DIR/NODE_ID to give that node a new key and certificate).
#
# Needs: keytool (JAVA_HOME/bin, else on the PATH). Exit 2 on a usage error.
set -euo pipefail

die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

usage() {
  sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed -e '$d' -e 's/^# \{0,1\}//'
}

out="tls"
days=825
nodes=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out)
      [[ $# -ge 2 ]] || die "--out needs a directory"
      out="$2"
      shift 2
      ;;
    --out=*)
      out="${1#--out=}"
      shift
      ;;
    --days)
      [[ $# -ge 2 ]] || die "--days needs a number"
      days="$2"
      shift 2
      ;;
    --days=*)
      days="${1#--days=}"
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    -*) die "unknown option '$1' (see --help)" ;;
    *)
      [[ "$1" =~ ^[A-Za-z0-9_.-]{1,64}$ ]] || die "'$1' is not a node id (1 to 64 of A-Z a-z 0-9 _ . -)"
      nodes+=("$1")
      shift
      ;;
  esac
done
[[ ${#nodes[@]} -gt 0 ]] || die "name at least one node id (see --help)"
[[ "$days" =~ ^[1-9][0-9]*$ ]] || die "--days must be a positive number, not '$days'"

if [[ -n "${JAVA_HOME:-}" && -x "$JAVA_HOME/bin/keytool" ]]; then
  keytool="$JAVA_HOME/bin/keytool"
else
  keytool="$(command -v keytool || true)"
  [[ -n "$keytool" ]] || die "keytool not found: install a JDK (17 or later), or set JAVA_HOME"
fi

umask 077
mkdir -p "$out"
chmod 700 "$out"
out="$(cd "$out" && pwd)"
ca_dir="$out/ca"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

kt() {
  local output
  # Each call is a JVM: the client compiler and the serial collector start it fastest.
  if ! output="$("$keytool" -J-XX:TieredStopAtLevel=1 -J-XX:+UseSerialGC "$@" 2>&1)"; then
    echo "$output" >&2
    die "keytool $1 failed (above)"
  fi
}

new_password() {
  # 32 characters of [A-Za-z0-9]; keytool's -storepass:file reads the first line.
  local password=""
  while [[ ${#password} -lt 32 ]]; do
    password+="$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
  done
  printf '%s\n' "${password:0:32}" >"$1"
  chmod 600 "$1"
}

if [[ -f "$ca_dir/ca.p12" ]]; then
  [[ -f "$ca_dir/password" && -f "$ca_dir/ca.crt" ]] || die "$ca_dir holds ca.p12 but not its password and ca.crt"
  echo "kept     $ca_dir/ca.p12 (the cluster CA)"
else
  mkdir -p "$ca_dir"
  chmod 700 "$ca_dir"
  new_password "$ca_dir/password"
  # A CA name of its own, so that two clusters' CAs are told apart in the nodes' logs.
  ca_name="dynakv cluster CA $(date -u +%Y%m%d%H%M%S) $(head -c 4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  kt -genkeypair -keystore "$ca_dir/ca.p12" -storetype PKCS12 -storepass:file "$ca_dir/password" \
    -alias ca -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -validity 3650 \
    -dname "CN=$ca_name" -ext bc:c=ca:true,pathlen:0 -ext ku:c=keyCertSign,cRLSign
  kt -exportcert -rfc -keystore "$ca_dir/ca.p12" -storepass:file "$ca_dir/password" -alias ca \
    -file "$ca_dir/ca.crt"
  chmod 644 "$ca_dir/ca.crt"
  echo "made     $ca_dir/ca.p12 (the cluster CA: CN=$ca_name; keep $ca_dir protected)"
fi

for node in "${nodes[@]}"; do
  dir="$out/$node"
  if [[ -f "$dir/keystore.p12" ]]; then
    echo "kept     $dir/ (delete it for a new key and certificate)"
    continue
  fi
  rm -rf "$dir"
  mkdir -p "$work/$node"
  password="$work/$node/password"
  new_password "$password"
  kt -genkeypair -keystore "$work/$node/keystore.p12" -storetype PKCS12 -storepass:file "$password" \
    -alias node -keyalg EC -groupname secp256r1 -sigalg SHA256withECDSA -validity "$days" \
    -dname "CN=$node"
  kt -certreq -keystore "$work/$node/keystore.p12" -storepass:file "$password" -alias node \
    -file "$work/$node/node.csr"
  kt -gencert -keystore "$ca_dir/ca.p12" -storepass:file "$ca_dir/password" -alias ca -rfc \
    -infile "$work/$node/node.csr" -outfile "$work/$node/node.crt" -validity "$days" \
    -ext ku:c=digitalSignature,keyAgreement -ext eku=serverAuth,clientAuth
  # The signed certificate with the CA's after it: the chain keytool installs as the reply.
  cat "$work/$node/node.crt" "$ca_dir/ca.crt" >"$work/$node/chain.pem"
  kt -importcert -noprompt -keystore "$work/$node/keystore.p12" -storepass:file "$password" \
    -alias node -file "$work/$node/chain.pem"
  kt -importcert -noprompt -keystore "$work/$node/truststore.p12" -storetype PKCS12 \
    -storepass:file "$password" -alias dynakv-ca -file "$ca_dir/ca.crt"
  mkdir -p "$dir"
  chmod 700 "$dir"
  mv "$work/$node/keystore.p12" "$work/$node/truststore.p12" "$password" "$dir/"
  chmod 600 "$dir/keystore.p12" "$dir/truststore.p12" "$dir/password"
  echo "made     $dir/keystore.p12, truststore.p12, password (CN=$node, valid $days days)"
done
