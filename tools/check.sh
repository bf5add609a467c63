#!/usr/bin/env bash
# The whole test suite, twice: a Release build (build/) and an AddressSanitizer +
# UndefinedBehaviorSanitizer build (build/asan/), each built once and run with ctest; then the
# engine's and the model's tests, which run the parallel scheduler, under ThreadSanitizer
# (build/tsan/); the visual twin's pixel tests under Xvfb; the parsers under libFuzzer for a
# short while each (build/fuzz/, tools/fuzz.sh). Also checks formatting. Installs what is
# missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

./tools/install_deps.sh
jobs=$(nproc)
# Paths relative to the checkout in ccache's keys, so a fresh clone reuses earlier builds.
export CCACHE_BASEDIR="$PWD"

echo "== clang-format"
files=$(git ls-files '*.cpp' '*.h' 2>/dev/null || find sim routing scenarios viz tools tests -name '*.cpp' -o -name '*.h')
clang-format --dry-run --Werror $files

run_suite() {
  local dir=$1
  shift
  echo "== $dir: build"
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  echo "== $dir: test"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
}

run_suite build -DCMAKE_BUILD_TYPE=Release
echo "== build: the visual twin's frames under Xvfb (Mesa software OpenGL)"
xvfb-run -a -s "-screen 0 1280x720x24" ./build/tests/test_viz
xvfb-run -a -s "-screen 0 1280x720x24" ./build/tests/test_e2e --gtest_filter='*CliView*'
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite build/asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHALFHOUR_SANITIZE=ON
echo "== build/tsan: engine and model under ThreadSanitizer"
cmake -S . -B build/tsan -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHALFHOUR_TSAN=ON >/dev/null
cmake --build build/tsan -j "$jobs" --target test_engine test_model
export TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1
./build/tsan/tests/test_engine
# The Erlang C runs are single-threaded and long; every parallel path is in the others.
./build/tsan/tests/test_model --gtest_filter='World.*:Summarize.*:Policies/*:Reposition.*:CrossStore.*:Drones.*:ColdChain.*:Stock.*:Incidents.*:WhatIf.*'
# Every parser a user feeds under libFuzzer (clang, build/fuzz/), a short bounded run each on
# its corpus, so that a regression is caught; longer runs: FUZZ_SECONDS=600 tools/fuzz.sh.
./tools/fuzz.sh
echo "== all suites passed"
