#!/usr/bin/env bash
# The golden outputs of the shipped scenarios (tests/golden/<scenario>/*.gz): the files a run
# writes that depend only on the scenario and its seed (kpis.json less its "performance" object).
# tests/e2e/golden_test.cpp checks every run against them at 1, 2 and 4 threads.
#
#   tools/golden.sh            run the scenarios and show the diff to the golden files
#   tools/golden.sh --accept   the same, then make the new outputs the golden ones (an intended
#                              change: commit tests/golden with the change that caused it)
#
# HALFHOUR=path/to/halfhour picks the binary (default: build/tools/halfhour).
set -euo pipefail
cd "$(dirname "$0")/.."
halfhour=${HALFHOUR:-build/tools/halfhour}
accept=false
[[ ${1:-} == --accept ]] && accept=true
scenarios=(scenarios/monaco.yaml scenarios/monaco-drones-coldchain.yaml scenarios/grid-small.yaml
  tests/data/trace-city.yaml)
files=(orders.csv timeseries.csv sensors.csv drones.csv stock.csv kpis.json)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
changed=0
for s in "${scenarios[@]}"; do
  name=$(basename "$s" .yaml)
  "$halfhour" run -q "$s" --threads 2 --out "$out" >/dev/null
  run="$out/$name"
  # Everything before "performance" depends only on the scenario and the seed.
  sed -i '/"performance"/,$d' "$run/kpis.json"
  mkdir -p "tests/golden/$name"
  for f in "${files[@]}"; do
    golden="tests/golden/$name/$f.gz"
    [[ -f $run/$f ]] || continue
    if [[ ! -f $golden ]] || ! cmp -s <(gzip -dc "$golden") "$run/$f"; then
      changed=1
      echo "== $name/$f differs from the golden file"
      [[ -f $golden ]] && diff <(gzip -dc "$golden") "$run/$f" | head -20 || true
      $accept && gzip -n -9 -c "$run/$f" >"$golden"
    fi
  done
done
if ((changed == 0)); then
  echo "golden outputs unchanged"
elif $accept; then
  echo "accepted: commit tests/golden with the change that caused it"
else
  echo "to accept an intended change: tools/golden.sh --accept" >&2
  exit 1
fi
