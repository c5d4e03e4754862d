#!/usr/bin/env bash
# The service smoke test: starts the release `pith serve` on a free loopback port, calls every
# route with curl and with Python's standard library (urllib), scrapes /metrics, then stops it
# with SIGTERM and checks that it exits 0 (docs/service.md).
#   PITH_BIN  the pith binary [$CARGO_TARGET_DIR/release/pith, else target/release/pith]
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PITH_BIN="${PITH_BIN:-${CARGO_TARGET_DIR:-$PWD/target}/release/pith}"
[[ -x $PITH_BIN ]] || { echo "serve-smoke: no pith binary at $PITH_BIN" >&2; exit 2; }
command -v curl > /dev/null || { echo "serve-smoke: curl not found" >&2; exit 2; }

WORK="$(mktemp -d)"
PID=""
cleanup() { [[ -n $PID ]] && kill "$PID" 2> /dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "smoke-token" > "$WORK/token"
"$PITH_BIN" serve --listen 127.0.0.1:0 --token-file "$WORK/token" --max-in-flight 2 --log-format json \
  2> "$WORK/stderr" &
PID=$!
for _ in $(seq 100); do
  ADDR=$(sed -n 's|.*serving on http://\([^ ]*\).*|\1|p' "$WORK/stderr")
  [[ -n $ADDR ]] && break
  sleep 0.1
done
[[ -n ${ADDR:-} ]] || { echo "serve-smoke: the server did not start" >&2; cat "$WORK/stderr" >&2; exit 1; }
BASE="http://$ADDR"
AUTH=(-H "Authorization: Bearer smoke-token")
PAGE=testdata/ismg/seed-tiktok-oracle.html
echo "serve-smoke: serving on $BASE"

# expect STATUS CURL-ARGS...: the status must be STATUS; the body is in $WORK/body.
expect() {
  local want=$1
  shift
  local got
  got=$(curl -sS -o "$WORK/body" -w '%{http_code}' "$@")
  [[ $got == "$want" ]] || { echo "serve-smoke: $* gave $got, not $want: $(head -c 300 "$WORK/body")" >&2; exit 1; }
}
expect 200 "$BASE/healthz"
expect 200 "$BASE/readyz"
expect 401 "$BASE/v1/schema"
expect 200 "${AUTH[@]}" "$BASE/v1/schema"
expect 200 "${AUTH[@]}" "$BASE/v1/openapi.json"
cmp "$WORK/body" schema/openapi.json
expect 200 "${AUTH[@]}" -H 'Content-Type: text/html' --data-binary @"$PAGE" \
  "$BASE/v1/extract?url=https://www.bankinfosecurity.com/tiktok-oracle-a-1"
grep -q '"status":"ok"' "$WORK/body"
expect 200 "${AUTH[@]}" -H 'Content-Type: text/html' --data-binary @"$PAGE" "$BASE/v1/extract?format=markdown"
head -1 "$WORK/body" | grep -q '^# '
expect 400 "${AUTH[@]}" -H 'Content-Type: application/json' --data-binary '{"html": ' "$BASE/v1/extract"
expect 415 "${AUTH[@]}" -H 'Content-Type: application/pdf' --data-binary 'x' "$BASE/v1/extract"
# The URL route refuses a private address (no --allow-private): a `blocked` record.
expect 200 "${AUTH[@]}" "$BASE/v1/extract?url=http://127.0.0.1:9/"
grep -q '"kind":"blocked"' "$WORK/body"
printf '%s\n%s\n' '{"id":"a","html":"<p>hi</p>"}' 'not json' > "$WORK/batch.jsonl"
expect 200 "${AUTH[@]}" -H 'Content-Type: application/x-ndjson' --data-binary @"$WORK/batch.jsonl" "$BASE/v1/batch"
[[ $(wc -l < "$WORK/body") == 2 ]]

# Python's standard library, as a notebook or a script would call it.
python3 - "$BASE" "$PAGE" << 'PY'
import json, sys, urllib.request
base, page = sys.argv[1], sys.argv[2]
req = urllib.request.Request(
    base + "/v1/extract?url=https://www.bankinfosecurity.com/tiktok-oracle-a-1",
    data=open(page, "rb").read(),
    headers={"Content-Type": "text/html", "Authorization": "Bearer smoke-token"},
)
with urllib.request.urlopen(req, timeout=30) as r:
    article = json.load(r)
assert r.status == 200 and article["status"] == "ok" and article["title"], article
lines = "\n".join(json.dumps({"id": str(i), "html": "<p>page %d</p>" % i}) for i in range(5))
req = urllib.request.Request(base + "/v1/batch", data=lines.encode(),
    headers={"Content-Type": "application/x-ndjson", "Authorization": "Bearer smoke-token"})
with urllib.request.urlopen(req, timeout=30) as r:
    ids = [json.loads(l)["input"] for l in r]
assert ids == [str(i) for i in range(5)], ids
print("serve-smoke: python urllib ok:", article["title"][:60])
PY

expect 200 "${AUTH[@]}" "$BASE/metrics"
grep -q '^pith_http_requests_total{route="/v1/extract",status="200"} ' "$WORK/body"
grep -q '^pith_extraction_seconds_count ' "$WORK/body"
grep -q '^pith_records_total{status="ok",kind="",profile="ismg"} ' "$WORK/body"

kill -TERM "$PID"
status=0
wait "$PID" || status=$?
PID=""
[[ $status == 0 ]] || { echo "serve-smoke: exit status $status after SIGTERM" >&2; cat "$WORK/stderr" >&2; exit 1; }
grep -q '"message":"answered"' "$WORK/stderr"
echo "serve-smoke: every route answered; SIGTERM gave exit 0"
