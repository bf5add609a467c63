#!/usr/bin/env python3
"""Runs halfhour's benchmarks in one sitting and prints their figures (issue 17).

Writes every figure as JSON to OUT/suite.json and prints a Markdown table for the README:
the city day by dispatch policy at 1 and 2 threads (Monaco; the metro too unless --quick, with
its hierarchies cached, i.e. warm), one dark store's orders per second at 4 to 1,000 riders,
contraction hierarchy queries on Monaco, New York and a grid, PHOLD at 100,000 and 1,000,000
LPs against the single-heap reference, and the visual twin's frames per second at 20,000
vehicles (under xvfb-run when there is no display). Each benchmark's own medians are reported;
run it on a quiet machine and compare ratios within one run.

Usage: python3 tools/bench_suite.py [--quick] [--build build] [--out build/bench-suite]
Needs the Release build (cmake --build build). --quick: Monaco, a 100x100 grid and PHOLD at
100,000 LPs only (a few minutes, for checking the suite itself).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys


def run_json_lines(cmd, env=None):
    """Runs cmd and returns the JSON objects it prints, one a line."""
    out = subprocess.run(cmd, check=True, capture_output=True, text=True, env=env).stdout
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def run_gbench(cmd):
    """Runs a Google Benchmark binary and returns its median rows."""
    out = subprocess.run(cmd + ["--benchmark_format=json", "--benchmark_repetitions=3",
                                "--benchmark_report_aggregates_only=true"],
                         check=True, capture_output=True, text=True).stdout
    rows = json.loads(out)["benchmarks"]
    return [r for r in rows if r.get("aggregate_name") == "median"]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--build", default="build")
    ap.add_argument("--out", default="build/bench-suite")
    args = ap.parse_args()
    os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
    halfhour = os.path.join(args.build, "tools", "halfhour")
    bench_dir = os.path.join(args.build, "tools", "bench")
    for exe in (halfhour, os.path.join(bench_dir, "store_bench"),
                os.path.join(bench_dir, "phold_bench")):
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench_suite: {exe} is missing; build first: cmake --build {args.build}")
    os.makedirs(args.out, exist_ok=True)
    rows = []  # (what, figure, unit, command)

    def add(what, value, unit, cmd):
        rows.append({"what": what, "value": value, "unit": unit, "command": " ".join(cmd)})
        print(f"  {what}: {value} {unit}", file=sys.stderr)

    print("== city days", file=sys.stderr)
    cities = ["scenarios/monaco.yaml"]
    if not args.quick:
        if not os.path.exists("scenarios/bench/metro.yaml"):
            with open("scenarios/bench/metro.yaml", "w") as f:
                subprocess.run([sys.executable, "tools/make_metro_scenario.py"], stdout=f,
                               check=True)
        cities.append("scenarios/bench/metro.yaml")
    for scenario in cities:
        name = os.path.splitext(os.path.basename(scenario))[0]
        # A first run builds and caches the hierarchies; the figures are warm runs.
        subprocess.run([halfhour, "bench", "city", scenario, "--threads", "2"], check=True,
                       capture_output=True)
        for policy in ("nearest_idle", "assignment", "batch_insertion"):
            for threads in (1, 2):
                cmd = [halfhour, "bench", "city", scenario, "--threads", str(threads), "--set",
                       f"dispatch.policy={policy}"]
                r = run_json_lines(cmd)[0]
                share = r["on_time_share"]
                on_time = "n/a" if share is None else f"{100 * share:.1f}% on time"
                add(f"{name} day, {policy}, {threads} thread(s)",
                    f"{r['wall_seconds']:.2f} s wall, {on_time}", "", cmd)

    print("== one dark store", file=sys.stderr)
    cmd = [os.path.join(bench_dir, "store_bench"), "--benchmark_filter=BM_StoreOrders/"]
    for r in run_gbench(cmd):
        riders = r["run_name"].split("/")[1]
        add(f"store M/M/c, {riders} riders", f"{r['orders_per_s'] / 1e3:.0f}k", "orders/s", cmd)

    print("== routing", file=sys.stderr)
    maps = ["scenarios/maps/monaco.osm.pbf"]
    maps += ["grid:100x100"] if args.quick else ["scenarios/maps/ny.pace.gr.xz", "grid:500x500"]
    for m in maps:
        cmd = [halfhour, "bench", "routing", m, "--pairs", "1000", "--dijkstra-pairs", "50",
               "--seed", "1"]
        r = run_json_lines(cmd)[0]
        add(f"CH {m}: distance / path / one-to-100",
            f"{r['ch_distance_us']} / {r['ch_path_us']} / {r['one_to_100_us']}", "us", cmd)

    print("== PHOLD", file=sys.stderr)
    lps = "100000" if args.quick else "(100000|1000000)"
    cmd = [os.path.join(bench_dir, "phold_bench"),
           f"--benchmark_filter=(Reference.*/{lps}/|Engine/{lps}/[12]/)"]
    for r in run_gbench(cmd):
        add(f"PHOLD {r['run_name']}", f"{r['events_per_second'] / 1e6:.2f}", "M events/s", cmd)

    print("== frames", file=sys.stderr)
    cmd = [halfhour, "bench", "frames", "scenarios/monaco.yaml", "--items", "20000"]
    if not os.environ.get("DISPLAY") and shutil.which("xvfb-run"):
        cmd = ["xvfb-run", "-a", "-s", "-screen 0 1280x720x24"] + cmd
    r = run_json_lines(cmd)[0]
    add("twin frames, 20,000 vehicles and pins, 1280x720", r["fps_median"], "fps", cmd)

    with open(os.path.join(args.out, "suite.json"), "w") as f:
        json.dump(rows, f, indent=1)
    print("| what | figure | command |\n|---|---|---|")
    for r in rows:
        command = r["command"].replace("|", "\\|")
        print(f"| {r['what']} | {r['value']} {r['unit']} | `{command}` |")


if __name__ == "__main__":
    main()
