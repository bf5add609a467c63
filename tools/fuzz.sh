#!/usr/bin/env bash
# Builds the libFuzzer targets of tests/fuzz with clang (build/fuzz/, AddressSanitizer and
# UndefinedBehaviorSanitizer) and runs each on its corpus for FUZZ_SECONDS (default 10; 0: no
# limit). The seeds in tests/fuzz/corpus/<target>/ are read only; what the fuzzer adds goes to
# build/fuzz/corpus/<target>/. A crash, leak, timeout or sanitizer report fails the script and
# leaves the input in build/fuzz/artifacts/. Usage: tools/fuzz.sh [TARGET...] [-- LIBFUZZER ARGS]
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=${FUZZ_SECONDS:-10}
targets=()
while (($#)) && [[ $1 != -- ]]; do targets+=("$1"); shift; done
[[ ${1:-} == -- ]] && shift
((${#targets[@]})) || targets=(scenario sweep osm_xml trace_csv mdrp dimacs pace twin_message whatif_request)

echo "== build/fuzz: build"
cmake -S . -B build/fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHALFHOUR_FUZZ=ON \
  -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_C_COMPILER=clang >/dev/null
cmake --build build/fuzz -j "$(nproc)" --target "${targets[@]/#/fuzz_}"

mkdir -p build/fuzz/artifacts
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
for t in "${targets[@]}"; do
  echo "== fuzz_$t: ${seconds}s"
  mkdir -p "build/fuzz/corpus/$t"
  log="build/fuzz/$t.log"
  if ! ./build/fuzz/tests/fuzz/fuzz_"$t" -max_total_time="$seconds" -timeout=30 \
    -rss_limit_mb=4096 -max_len=16384 -print_final_stats=1 \
    -artifact_prefix="build/fuzz/artifacts/$t-" "$@" "build/fuzz/corpus/$t" \
    "tests/fuzz/corpus/$t" >"$log" 2>&1; then
    tail -n 60 "$log" >&2
    echo "fuzz_$t failed: the input is in build/fuzz/artifacts/, the log in $log" >&2
    exit 1
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec)' "$log" | tr '\n' ' '
  echo
done
echo "== all fuzz targets ran clean"
