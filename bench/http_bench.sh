#!/usr/bin/env bash
# HTTP load benchmark for `kin serve`: prints figures against stated targets; it is not a pass/fail test.
#
#   bench/http_bench.sh KIN_BIN          (`make bench` runs it on build/release/kin)
#
# Starts the server on a free loopback port with a fresh database in a temporary directory, creates the hub "bench",
# joins one member, seeds 50 needs, then runs wrk against, in turn:
#   ceiling  GET  /healthz                              the cheapest route, same server and request pipeline
#   list     GET  /api/v1/hubs/bench/needs?limit=50     a 50-need page, with the member's bearer token
#   create   POST /api/v1/hubs/bench/needs              a new need per request, committed durably
# Settings (environment): BENCH_DURATION (default 10s), BENCH_CONNECTIONS (64), BENCH_THREADS (2),
# KIN_WORKERS / KIN_IO_THREADS are passed through to the server as usual.
set -euo pipefail

if [[ $# -ne 1 ]]; then
  echo "usage: $0 KIN_BIN" >&2
  exit 2
fi
KIN_BIN=$(realpath "$1")
[[ -x $KIN_BIN ]] || { echo "http_bench: $1 is not an executable (build it with 'make build')" >&2; exit 2; }
for tool in wrk curl python3; do
  command -v "$tool" >/dev/null || { echo "http_bench: '$tool' is not installed (apt-get install $tool)" >&2; exit 2; }
done

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
DURATION=${BENCH_DURATION:-10s}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
SLUG=bench
SEED=50

WORK=$(mktemp -d "${TMPDIR:-/tmp}/kin-bench.XXXXXX")
DB=$WORK/kin.db
SERVER_PID=
cleanup() {
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

die() {
  echo "http_bench: $*" >&2
  if [[ -s $WORK/server.log ]]; then
    echo "--- server log (last 20 lines) ---" >&2
    tail -n 20 "$WORK/server.log" >&2
  fi
  exit 1
}

json_field() {  # json_field 'PYTHON EXPRESSION ON j' < json
  python3 -c "import json,sys; j=json.load(sys.stdin); print($1)"
}

# --- set up ----------------------------------------------------------------------------------------------------
INVITE=$("$KIN_BIN" admin create-hub --db "$DB" --slug "$SLUG" --name Bench | sed -n 's/.*invite token: \([^ ]*\).*/\1/p')
[[ -n $INVITE ]] || die "create-hub printed no invite token"

PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
BASE=http://127.0.0.1:$PORT
"$KIN_BIN" serve --db "$DB" --listen "127.0.0.1:$PORT" >"$WORK/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 300); do
  curl -fsS "$BASE/healthz" >/dev/null 2>&1 && break
  kill -0 "$SERVER_PID" 2>/dev/null || die "kin serve exited early"
  sleep 0.1
done
curl -fsS "$BASE/healthz" >/dev/null 2>&1 || die "kin serve did not become healthy within 30 s"

JOIN=$(curl -sS -X POST -H 'Content-Type: application/json' \
  -d "{\"invite\":\"$INVITE\",\"handle\":\"bencher\",\"password\":\"a long enough password\",\"display_name\":\"Bencher\"}" \
  "$BASE/api/v1/join")
TOKEN=$(json_field 'j["session"]["token"]' <<<"$JOIN" 2>/dev/null) || die "join failed: $JOIN"

for i in $(seq "$SEED"); do
  code=$(curl -sS -o /dev/null -w '%{http_code}' -X POST \
    -H 'Content-Type: application/json' -H "Authorization: Bearer $TOKEN" \
    -d "{\"category\":\"food\",\"description\":\"seed need $i\",\"quantity\":1}" \
    "$BASE/api/v1/hubs/$SLUG/needs")
  [[ $code == 201 ]] || die "seeding need $i answered $code"
done
LISTED=$(curl -fsS -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/hubs/$SLUG/needs?limit=50" |
  json_field 'len(j["items"])')
[[ $LISTED == 50 ]] || die "the seeded list has $LISTED needs, expected 50"

# --- measure ---------------------------------------------------------------------------------------------------
# to_ms VALUE_WITH_UNIT: wrk prints latencies as 635.91us, 1.20ms, 2.01s, or 3.00m.
to_ms() {
  awk -v v="$1" 'BEGIN {
    n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
    if (u == "us") n /= 1000; else if (u == "s") n *= 1000; else if (u == "m") n *= 60000; else if (u == "ns") n /= 1e6
    printf "%.3f", n }'
}

declare -A RPS P50 P99 TOTAL NON2XX SOCKERR
run_wrk() {  # run_wrk NAME wrk-args... (URL last)
  local name=$1; shift
  local out=$WORK/wrk-$name.txt
  echo "running $name: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency ${*//$TOKEN/<token>}" >&2
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$@" >"$out" 2>&1 || die "wrk failed: $(cat "$out")"
  RPS[$name]=$(awk '/^Requests\/sec:/ {print $2}' "$out")
  P50[$name]=$(to_ms "$(awk '$1 == "50%" {print $2; exit}' "$out")")
  P99[$name]=$(to_ms "$(awk '$1 == "99%" {print $2; exit}' "$out")")
  TOTAL[$name]=$(awk '/requests in/ {print $1; exit}' "$out")
  NON2XX[$name]=$(awk '/Non-2xx or 3xx responses:/ {print $NF}' "$out")
  NON2XX[$name]=${NON2XX[$name]:-0}
  SOCKERR[$name]=$(sed -n 's/.*Socket errors: //p' "$out")
  [[ -n ${RPS[$name]} ]] || die "could not read wrk's output for $name: $(cat "$out")"
}

run_wrk ceiling "$BASE/healthz"
run_wrk list -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/hubs/$SLUG/needs?limit=50"
KIN_TOKEN=$TOKEN KIN_HUB=$SLUG run_wrk create -s "$HERE/lua/create_need.lua" "$BASE/api/v1/hubs/$SLUG/needs"

# --- check what the creates left behind, then stop the server --------------------------------------------------
# Counted after a clean stop so the figure comes from the file itself (needs that reached the database).
kill -TERM "$SERVER_PID"
STOP_RC=0
wait "$SERVER_PID" || STOP_RC=$?
SERVER_PID=
if command -v sqlite3 >/dev/null; then
  STORED=$(sqlite3 "$DB" 'SELECT count(*) FROM needs;')
else
  STORED=$(python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('SELECT count(*) FROM needs').fetchone()[0])" "$DB")
fi
CREATED=$((STORED - SEED))
ANSWERED_OK=$((TOTAL[create] - NON2XX[create]))

# --- report ----------------------------------------------------------------------------------------------------
echo
echo "kin HTTP benchmark: $(nproc) CPUs, wrk -t$THREADS -c$CONNECTIONS -d$DURATION, binary $KIN_BIN"
printf '%-8s %-50s %12s %10s %10s %9s %10s\n' route request "req/s" "p50 ms" "p99 ms" "ceiling" "non-2xx"
row() {
  local name=$1 what=$2
  printf '%-8s %-50s %12.0f %10.3f %10.3f %8.0f%% %10s\n' "$name" "$what" "${RPS[$name]}" "${P50[$name]}" \
    "${P99[$name]}" "$(awk -v a="${RPS[$name]}" -v b="${RPS[ceiling]}" 'BEGIN { printf "%.1f", 100 * a / b }')" \
    "${NON2XX[$name]}"
}
row ceiling "GET /healthz"
row list "GET /api/v1/hubs/$SLUG/needs?limit=50 (50 needs)"
row create "POST /api/v1/hubs/$SLUG/needs (durable)"
for name in ceiling list create; do
  [[ -n ${SOCKERR[$name]} ]] && echo "  $name socket errors: ${SOCKERR[$name]}"
done

echo
echo "targets (figures, not a pass/fail test):"
verdict() { if [[ $1 == 1 ]]; then echo "met"; else echo "NOT met"; fi; }
LIST_RATIO_OK=$(awk -v a="${RPS[list]}" -v b="${RPS[ceiling]}" 'BEGIN { print (a >= 0.5 * b) ? 1 : 0 }')
LIST_P99_OK=$(awk -v p="${P99[list]}" 'BEGIN { print (p <= 5) ? 1 : 0 }')
CREATE_OK=$(awk -v a="${RPS[create]}" 'BEGIN { print (a >= 5000) ? 1 : 0 }')
printf '  list   >= 50%% of ceiling:  %6.1f%%   %s\n' \
  "$(awk -v a="${RPS[list]}" -v b="${RPS[ceiling]}" 'BEGIN { printf "%.1f", 100 * a / b }')" "$(verdict "$LIST_RATIO_OK")"
printf '  list   p99 <= 5 ms:        %6.2f ms  %s\n' "${P99[list]}" "$(verdict "$LIST_P99_OK")"
printf '  create >= 5,000/s:         %6.0f/s   %s\n' "${RPS[create]}" "$(verdict "$CREATE_OK")"

echo
echo "creates: wrk counted ${TOTAL[create]} answers (${NON2XX[create]} not 2xx, so $ANSWERED_OK created);" \
  "the database holds $CREATED new needs ($STORED with the $SEED seeded)."
if ((CREATED < ANSWERED_OK)); then
  echo "  WARNING: fewer needs stored than acknowledged creates ($CREATED < $ANSWERED_OK)"
elif ((CREATED > ANSWERED_OK + CONNECTIONS)); then
  echo "  WARNING: more needs stored than creates sent could explain ($CREATED > $ANSWERED_OK + $CONNECTIONS in flight)"
else
  echo "  (up to $CONNECTIONS more than acknowledged is expected: requests in flight when wrk stopped counting)"
fi
echo "server stopped on SIGTERM with exit code $STOP_RC"
echo "note: figures are only comparable on an otherwise idle machine; anything else using the CPUs lowers them."
