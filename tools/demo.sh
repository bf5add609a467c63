#!/usr/bin/env bash
# The main job on a fresh machine: install what is missing, build Release into build/, and run
# the default scenario (Monaco, four dark stores, a day of orders). Extra arguments go to
# `halfhour run`, e.g. ./tools/demo.sh --set fleet.riders[0].count=20
set -euo pipefail
cd "$(dirname "$0")/.."

./tools/install_deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build --target halfhour -j "$(nproc)"
./build/tools/halfhour run scenarios/monaco.yaml "$@"
