#!/usr/bin/env bash
# Makes one HTTP bearer token per role (read, write, admin) for a dynakv cluster:
#   DIR/tokens.json         {"read": "...", "write": "...", "admin": "..."}: the tokens
#                           themselves, for clients, the CLI ($DYNAKV_TOKEN) and the console.
#   DIR/tokens-hashed.json  {"tokens": [{"name": "read", "role": "read", "sha256": "..."}, ...]}:
#                           what every node reads (dynakv.security.http.tokens-file); it holds
#                           SHA-256 hashes only.
# Each token is 256 bits from /dev/urandom, base64url without padding (43 characters). Both
# files are mode 600. Existing files are kept (a restart keeps its tokens) unless --force is
# given, which makes new ones: restart every node with the new tokens-hashed.json afterwards.
#
# Usage: deploy/make-tokens.sh [--force] DIR
set -euo pipefail

usage() {
  echo "usage: ${0##*/} [--force] DIR" >&2
  exit 2
}

force=0
if [[ "${1:-}" == "--force" ]]; then
  force=1
  shift
fi
[[ $# -eq 1 && -n "$1" ]] || usage
dir="$1"

for tool in sha256sum base64 head tr; do
  command -v "$tool" >/dev/null || { echo "${0##*/}: needs $tool" >&2; exit 1; }
done

plain="$dir/tokens.json"
hashed="$dir/tokens-hashed.json"
if [[ $force -eq 0 && -s "$plain" && -s "$hashed" ]]; then
  echo "${0##*/}: keeping the tokens in $plain and $hashed (--force makes new ones)"
  exit 0
fi

umask 077
mkdir -p "$dir"

token() {
  head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

sha256() {
  printf '%s' "$1" | sha256sum | cut -d' ' -f1
}

read_token="$(token)"
write_token="$(token)"
admin_token="$(token)"

# Written next to the target and renamed, so a reader never sees half a file.
printf '{"read": "%s", "write": "%s", "admin": "%s"}\n' \
  "$read_token" "$write_token" "$admin_token" >"$plain.tmp"
{
  printf '{"tokens": [\n'
  printf '  {"name": "read", "role": "read", "sha256": "%s"},\n' "$(sha256 "$read_token")"
  printf '  {"name": "write", "role": "write", "sha256": "%s"},\n' "$(sha256 "$write_token")"
  printf '  {"name": "admin", "role": "admin", "sha256": "%s"}\n' "$(sha256 "$admin_token")"
  printf ']}\n'
} >"$hashed.tmp"
chmod 600 "$plain.tmp" "$hashed.tmp"
mv -f "$plain.tmp" "$plain"
mv -f "$hashed.tmp" "$hashed"
echo "${0##*/}: wrote $plain (the tokens: keep it secret) and $hashed (for the nodes)"
