#!/usr/bin/env bash
# Issue 8's X/Y sequence over HTTP. Usage: xy.sh URL_X URL_Y [URL_READ]
set -u
X=$1; Y=$2; R=${3:-$1}
K="/v1/buckets/xy/keys/k$RANDOM$RANDOM"
ctx() { sed -n 's/^[Xx]-[Cc]ontext: //p' "$1" | tr -d '\r'; }
code() { head -1 "$1" | awk '{print $2}'; }
T=$(mktemp -d)
curl -s -D $T/h0 -o /dev/null -X PUT -H 'Content-Type: text/plain' --data-binary v0 "$X$K${W-?w=3}"
curl -s -D $T/h1 -o /dev/null "$X$K"; C0=$(ctx $T/h1)
echo "X read v0: context $C0"
curl -s -D $T/h2 -o $T/b2 -X PUT -H 'Content-Type: text/plain' -H "X-Context: $C0" --data-binary v1 "$Y$K${W-?w=3}"
echo "Y PUT v1 with c0 -> $(code $T/h2)"
curl -s -D $T/h3 -o $T/b3 -X PUT -H 'Content-Type: text/plain' -H "X-Context: $C0" --data-binary v2 "$X$K"
echo "X PUT v2 with c0 -> $(code $T/h3) $(cat $T/b3)"
python3 - "$T/b3" <<'PY'
import sys,json,base64
try:
    b=json.load(open(sys.argv[1]))
    print("  siblings in X's answer:", sorted(base64.b64decode(s['value']).decode() for s in b['siblings'] if not s.get('deleted')))
except Exception as e:
    print("  (no sibling list)", e)
PY
C2=$(ctx $T/h3)
curl -s -D $T/h4 -o /dev/null -X PUT -H 'Content-Type: text/plain' -H "X-Context: $C2" --data-binary v3 "$X$K"
echo "X PUT v3 with the context it was given -> $(code $T/h4)"
curl -s -D $T/h5 -o $T/b5 "$R$K${RQ-?r=3}"
echo "final read via $R -> $(code $T/h5): $(cat $T/b5)"
rm -rf $T
