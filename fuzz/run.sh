#!/usr/bin/env bash
# Builds the libFuzzer harnesses with clang (ASan + UBSan) and runs each for SECONDS (default 60).
#
#   fuzz/run.sh [SECONDS] [NAME...]      e.g. fuzz/run.sh 300 blt tally
#
# Names: json_codec rfc3339 blt ranking_csv tally city_json router utf8 form cookie http_signature rrule
# federation_activity (all by default). The build goes to
# build/fuzz (KIN_FUZZ_BUILD to change it); inputs that reach new code are kept in build/fuzz/corpus/NAME, so
# later runs go on from there, and the checked-in seeds (fuzz/corpus/NAME) and regressions (fuzz/regressions/NAME)
# are read, never written (KIN_FUZZ_REGRESSIONS=0 leaves the regressions out, to fuzz past a known crash that is
# not fixed yet). The first crash, leak, timeout or broken property stops everything with its
# reproducer path; exit status 1. Minimise it and check it in (see fuzz/README.md).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${KIN_FUZZ_BUILD:-$ROOT/build/fuzz}
JOBS=${JOBS:-$(nproc)}
EACH=${1:-60}
[[ $# -gt 0 ]] && shift
ALL=(json_codec rfc3339 blt ranking_csv tally city_json router utf8 form cookie http_signature rrule
     federation_activity)
NAMES=("$@")
[[ ${#NAMES[@]} -eq 0 ]] && NAMES=("${ALL[@]}")

# Longest input per harness: a little above the largest useful input, so time goes to structure, not bulk.
declare -A MAX_LEN=([json_codec]=4096 [rfc3339]=64 [blt]=2048 [ranking_csv]=2048 [tally]=1024 [city_json]=4096
                    [router]=256 [utf8]=256 [form]=2048 [cookie]=1024
                    [http_signature]=2048 [rrule]=512 [federation_activity]=8192)

command -v clang++ >/dev/null || { echo "fuzz/run.sh: clang++ is missing (apt-get install clang libclang-rt-14-dev)" >&2; exit 2; }

targets=()
for name in "${NAMES[@]}"; do
  [[ -n ${MAX_LEN[$name]:-} ]] || { echo "fuzz/run.sh: unknown fuzzer '$name' (one of: ${ALL[*]})" >&2; exit 2; }
  targets+=("${name}_fuzzer")
done
CC=clang CXX=clang++ cmake -S "$ROOT/fuzz" -B "$BUILD" >/dev/null
cmake --build "$BUILD" -j "$JOBS" --target "${targets[@]}"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
summary=()
for name in "${NAMES[@]}"; do
  work="$BUILD/corpus/$name"
  artifacts="$BUILD/crashes/$name"
  log="$BUILD/logs/$name.log"
  mkdir -p "$work" "$artifacts" "$(dirname "$log")"
  dirs=("$work" "$ROOT/fuzz/corpus/$name")
  if [[ ${KIN_FUZZ_REGRESSIONS:-1} != 0 && -d $ROOT/fuzz/regressions/$name ]]; then
    dirs+=("$ROOT/fuzz/regressions/$name")
  fi
  flags=(-max_total_time="$EACH" -max_len="${MAX_LEN[$name]}" -timeout=10 -rss_limit_mb=2048
         -print_final_stats=1 -artifact_prefix="$artifacts/")
  [[ -f $ROOT/fuzz/$name.dict ]] && flags+=(-dict="$ROOT/fuzz/$name.dict")
  echo "== $name: ${EACH}s, max_len ${MAX_LEN[$name]}"
  if ! "$BUILD/${name}_fuzzer" "${flags[@]}" "${dirs[@]}" >"$log" 2>&1; then
    grep -E "ERROR: |runtime error|^\*\*\* |SUMMARY" "$log" | head -20 >&2 || true
    reproducer=$(grep -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')
    echo >&2
    echo "fuzz/run.sh: $name failed; full log: $log" >&2
    echo "reproducer: ${reproducer:-none (see the log)}" >&2
    echo "replay:     $BUILD/${name}_fuzzer ${reproducer:-FILE}" >&2
    echo "minimise:   $BUILD/${name}_fuzzer -minimize_crash=1 -max_total_time=60 -exact_artifact_path=fuzz/regressions/$name/NAME ${reproducer:-FILE}" >&2
    exit 1
  fi
  runs=$(grep -o "stat::number_of_executed_units: *[0-9]*" "$log" | grep -o "[0-9]*$" || echo "?")
  units=$(find "$work" -type f | wc -l)
  summary+=("$(printf '%-12s %12s executions, %6s corpus inputs kept' "$name" "$runs" "$units")")
done
echo "== no crashes"
printf '%s\n' "${summary[@]}"
