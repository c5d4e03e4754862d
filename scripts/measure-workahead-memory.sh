#!/usr/bin/env bash
# Peak memory of `pith fetch -i` over a long URL list with and without a stalled URL first:
# records held for ordering are bounded by the work-ahead window, so the two should match
# (docs/fetching.md, "Memory").
#
#   scripts/measure-workahead-memory.sh [URLS]        URLS defaults to 100000
#   PITH_BIN      the pith binary [${CARGO_TARGET_DIR:-target}/release/pith]
#   PITH_CMD      fetch (default) or batch
#
# 100 hosts (127.0.0.2 … 127.0.0.101, one server each) serve 12 KB article pages; the stalled
# URL is on 127.0.0.1 and never answers, so pith's --timeout (20 s) ends it. Starts its own
# server (scripts/loopback_server.py) and reads the peak RSS with /usr/bin/time -v. Not run by CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N="${1:-100000}"
PITH_BIN="${PITH_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/pith}"
CMD="${PITH_CMD:-fetch}"
[[ -x $PITH_BIN ]] || { echo "measure: no pith binary at $PITH_BIN" >&2; exit 2; }

WORK="$(mktemp -d)"
SERVER=
trap '[[ -n $SERVER ]] && kill $SERVER 2> /dev/null; rm -rf "$WORK"' EXIT

addrs=(127.0.0.1:0)
for ((h = 2; h <= 101; h++)); do addrs+=("127.0.0.$h:0"); done
python3 scripts/loopback_server.py pages "$WORK/ports" "${addrs[@]}" &
SERVER=$!
while [[ ! -s $WORK/ports ]]; do sleep 0.2; done
mapfile -t ports < "$WORK/ports"

for ((i = 0; i < N; i++)); do
  h=$((i % 100 + 1))
  echo "http://127.0.0.$((h + 1)):${ports[h]}/p$i"
done > "$WORK/fast.txt"
{ echo "http://127.0.0.1:${ports[0]}/stall"; cat "$WORK/fast.txt"; } > "$WORK/stall-first.txt"
{ cat "$WORK/fast.txt"; echo "http://127.0.0.1:${ports[0]}/stall"; } > "$WORK/stall-last.txt"

if "$PITH_BIN" fetch --help | grep -q -- --allow-hosts; then
  policy="allow_private = true"
else
  policy=""
fi
printf '[fetch]\nrate = 1000.0\nretries = 0\ntimeout = 20\nconcurrency = 16\n%s\n' "$policy" > "$WORK/fetch.toml"

for list in stall-last stall-first; do
  if [[ $CMD == fetch ]]; then
    args=(fetch -i "$WORK/$list.txt" -o "$WORK/out.jsonl" --config "$WORK/fetch.toml")
  else
    args=(batch -i "$WORK/$list.txt" -o "$WORK/out.jsonl" --config "$WORK/fetch.toml")
  fi
  /usr/bin/time -v "$PITH_BIN" "${args[@]}" > /dev/null 2> "$WORK/time.txt" || true
  ok=$(grep -c '"status":"ok"' "$WORK/out.jsonl" || true)
  lines=$(wc -l < "$WORK/out.jsonl")
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
  echo "$CMD urls=$((N + 1)) $list: records=$lines articles=$ok wall=$wall peak_rss=$((rss / 1024)) MiB"
done
