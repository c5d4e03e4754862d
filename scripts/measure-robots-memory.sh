#!/usr/bin/env bash
# Peak memory of `pith fetch` over many origins whose robots.txt is 512 KiB each: one page per
# origin, so every page needs its origin's robots.txt (docs/fetching.md, "Memory").
#
#   scripts/measure-robots-memory.sh [ORIGINS]        ORIGINS defaults to 10000
#   PITH_BIN      the pith binary [${CARGO_TARGET_DIR:-target}/release/pith]
#   PITH_ORIGINS  names: o1.robots.test … on one port, given to pith with --resolve (default)
#                 addrs: 127.1.x.y addresses, one server each (for binaries without --resolve)
#
# Starts its own server on loopback addresses (scripts/loopback_server.py) and reads the peak
# RSS with /usr/bin/time -v. Not run by CI.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
N="${1:-10000}"
PITH_BIN="${PITH_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/pith}"
ORIGINS="${PITH_ORIGINS:-names}"
[[ -x $PITH_BIN ]] || { echo "measure: no pith binary at $PITH_BIN" >&2; exit 2; }

WORK="$(mktemp -d)"
SERVER=
trap '[[ -n $SERVER ]] && kill $SERVER 2> /dev/null; rm -rf "$WORK"' EXIT

addrs=()
if [[ $ORIGINS == names ]]; then
  addrs=(127.0.0.1:0)
else
  for ((i = 0; i < N; i++)); do addrs+=("127.1.$((i / 250)).$((i % 250 + 1)):0"); done
fi
python3 scripts/loopback_server.py robots "$WORK/ports" "${addrs[@]}" &
SERVER=$!
while [[ ! -s $WORK/ports ]]; do sleep 0.2; done
mapfile -t ports < "$WORK/ports"

policy=()
if "$PITH_BIN" fetch --help | grep -q -- --allow-hosts; then
  if [[ $ORIGINS == names ]]; then
    policy=(--resolve "*.robots.test:127.0.0.1" --allow-hosts "*.robots.test")
  else
    policy=(--allow-hosts 127.0.0.0/8)
  fi
fi
for ((i = 0; i < N; i++)); do
  if [[ $ORIGINS == names ]]; then
    echo "http://o$i.robots.test:${ports[0]}/page"
  else
    echo "http://${addrs[i]%:0}:${ports[i]}/page"
  fi
done > "$WORK/urls.txt"

/usr/bin/time -v "$PITH_BIN" fetch -i "$WORK/urls.txt" -o "$WORK/out.jsonl" "${policy[@]}" \
  --rate 1000 --concurrency 16 --retries 0 --timeout 60 2> "$WORK/time.txt" || true
ok=$(grep -c '"status":"ok"' "$WORK/out.jsonl" || true)
rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time.txt")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$WORK/time.txt")
echo "origins=$N ($ORIGINS) articles=$ok wall=$wall peak_rss=$((rss / 1024)) MiB"
