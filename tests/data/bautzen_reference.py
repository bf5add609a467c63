#!/usr/bin/env python3
"""Independent reference values for tests/routing/osm_import_test.cpp, from bautzen.osm alone.

Applies the importer's rules in plain Python (drivable highway classes, the access hierarchy,
oneway tags), measures each segment by haversine, keeps the largest strongly connected
component and runs a textbook Dijkstra between OSM nodes. Run: python3 bautzen_reference.py
"""
import heapq
import math
import os
import sys
import xml.etree.ElementTree as ET

DRIVABLE = {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "road",
            "residential", "service", "living_street"}
R = 6371008.8


def haversine(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * R * math.asin(min(1.0, math.sqrt(h)))


def load(path):
    root = ET.parse(path).getroot()
    pos = {n.get("id"): (float(n.get("lat")), float(n.get("lon"))) for n in root.iter("node")}
    adj, ways = {}, 0
    for w in root.iter("way"):
        t = {x.get("k"): x.get("v") for x in w.iter("tag")}
        h = t.get("highway", "")
        h = h[:-5] if h.endswith("_link") else h
        if h not in DRIVABLE or t.get("area") == "yes":
            continue
        access = next((t[k] for k in ("motorcar", "motor_vehicle", "vehicle", "access") if k in t), "")
        if access in ("no", "private"):
            continue
        oneway = t.get("oneway")
        if oneway == "reversible":
            continue
        implied = h == "motorway" or t.get("junction") in ("roundabout", "circular")
        fwd = oneway != "-1"
        bwd = not (oneway in ("yes", "1", "true", "-1") or (implied and oneway != "no"))
        if oneway == "-1":
            bwd = True
        cls = "unclassified" if h == "road" else h
        refs = [x.get("ref") for x in w.iter("nd") if x.get("ref") in pos]
        ways += 1
        for a, b in zip(refs, refs[1:]):
            d = haversine(pos[a], pos[b])
            if fwd:
                adj.setdefault(a, []).append((b, d, cls))
            if bwd:
                adj.setdefault(b, []).append((a, d, cls))
            adj.setdefault(a, [])
            adj.setdefault(b, [])
    return pos, adj, ways


def reach(adj, s):
    seen, stack = {s}, [s]
    while stack:
        for v, *_ in adj[stack.pop()]:
            if v not in seen:
                seen.add(v)
                stack.append(v)
    return seen


def largest_scc(adj):
    radj = {v: [] for v in adj}
    for u in adj:
        for v, d, cls in adj[u]:
            radj[v].append((u, d, cls))
    best, left = set(), set(adj)
    while left:  # the SCC of v is forward-reach(v) & backward-reach(v); quadratic, fine here
        v = next(iter(left))
        comp = reach(adj, v) & reach(radj, v)
        left -= comp
        if len(comp) > len(best):
            best = comp
    return best


def dijkstra(adj, s):
    dist, heap = {s: 0.0}, [(0.0, s)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for v, w, _ in adj[u]:
            if d + w < dist.get(v, math.inf):
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    return dist


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    pos, adj, ways = load(os.path.join(here, "bautzen.osm"))
    scc = largest_scc(adj)
    arcs = [cls for u in scc for v, _, cls in adj[u] if v in scc]
    print(f"ways used {ways}, nodes before SCC {len(adj)}, after {len(scc)}, arcs {len(arcs)}")
    print("arcs by class:", {c: arcs.count(c) for c in sorted(set(arcs))})
    for a, b in zip(sys.argv[1::2], sys.argv[2::2]):
        print(f"{a} {pos[a]} -> {b} {pos[b]}: {dijkstra(adj, a).get(b, math.inf):.3f} m")
