#!/usr/bin/env bash
# The whole test suite, twice: a Release build (build/) and an AddressSanitizer +
# UndefinedBehaviorSanitizer build (build-asan/), each built once and run with ctest.
# Also checks formatting. Installs what is missing first.
set -euo pipefail
cd "$(dirname "$0")/.."

./tools/install_deps.sh
jobs=$(nproc)

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
export ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
run_suite build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHALFHOUR_SANITIZE=ON
echo "== all suites passed"
