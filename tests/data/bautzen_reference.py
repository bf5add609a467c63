#!/usr/bin/env python3
"""Independent reference values for tests/routing/osm_import_test.cpp, from bautzen.osm alone.

Applies the importer's rules in plain Python (drivable highway classes, the access hierarchy of
each transport mode, oneway tags per mode), measures each segment by haversine, keeps the largest
strongly connected component over the arcs open to a vehicle, counts the parts with no road to it,
and runs a textbook Dijkstra over the car's arcs between OSM nodes.
Run: python3 bautzen_reference.py [from to ...]
"""
import heapq
import math
import os
import sys
import xml.etree.ElementTree as ET

DRIVABLE = {"motorway", "trunk", "primary", "secondary", "tertiary", "unclassified", "road",
            "residential", "service", "living_street"}
R = 6371008.8
HIERARCHY = {"car": ("motorcar", "motor_vehicle", "vehicle", "access"),
             "moped": ("moped", "motor_vehicle", "vehicle", "access"),
             "bicycle": ("bicycle", "vehicle", "access"), "foot": ("foot", "access")}
OPEN = {"yes", "designated", "official", "permissive", "discouraged", "use_sidepath",
        "optional_sidepath", "destination", "delivery", "customers"}
CLOSED = {"no", "private", "agricultural", "forestry", "permit", "military", "emergency",
          "dismount", "bus", "psv", "hgv", "goods", "restricted"}
ONEWAY = {"yes": 1, "1": 1, "true": 1, "-1": -1, "no": 0, "0": 0, "false": 0}


def opened(tags, keys):
    """The most specific key with a known value decides; a list opens if one value opens."""
    for k in keys:
        values = [v.strip() for v in tags.get(k, "").split(";") if k in tags]
        if any(v in OPEN for v in values):
            return True
        if values and all(v in CLOSED for v in values):
            return False
    return True


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
        modes = {m for m, keys in HIERARCHY.items() if opened(t, keys)}
        if not modes:
            continue
        oneway = t.get("oneway")
        if oneway == "reversible":
            continue
        implied = h == "motorway" or t.get("junction") in ("roundabout", "circular")
        vehicles = ONEWAY.get(oneway, 1 if implied else 0)
        fwd = {m for m in modes if m == "foot" or vehicles in (0, 1)}
        bwd = {m for m in modes if m == "foot" or vehicles in (0, -1)}
        cls = "unclassified" if h == "road" else h
        refs = [x.get("ref") for x in w.iter("nd") if x.get("ref") in pos]
        ways += 1
        for a, b in zip(refs, refs[1:]):
            d = haversine(pos[a], pos[b])
            if fwd:
                adj.setdefault(a, []).append((b, d, cls, frozenset(fwd)))
            if bwd:
                adj.setdefault(b, []).append((a, d, cls, frozenset(bwd)))
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
        for v, d, cls, modes in adj[u]:
            radj[v].append((u, d, cls, modes))
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
        for v, w, _, modes in adj[u]:
            if "car" not in modes:
                continue
            if d + w < dist.get(v, math.inf):
                dist[v] = d + w
                heapq.heappush(heap, (d + w, v))
    return dist


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    pos, adj, ways = load(os.path.join(here, "bautzen.osm"))
    vehicles = {u: [a for a in arcs if a[3] - {"foot"}] for u, arcs in adj.items()}
    scc = largest_scc(vehicles)
    undirected = {u: [] for u in adj}
    for u in adj:
        for v, *_ in adj[u]:
            undirected[u].append((v,))
            undirected[v].append((u,))
    main = reach(undirected, next(iter(scc)))
    detached, left = [], set(adj) - main
    while left:
        part = reach(undirected, next(iter(left)))
        left -= part
        detached.append(len(part))
    arcs = [cls for u in scc for v, _, cls, _ in adj[u] if v in scc]
    print(f"ways used {ways}, nodes before SCC {len(adj)}, after {len(scc)}, arcs {len(arcs)}, "
          f"fringe {len(main - scc)}, detached parts {sorted(detached, reverse=True)}")
    print("arcs by class:", {c: arcs.count(c) for c in sorted(set(arcs))})
    for a, b in zip(sys.argv[1::2], sys.argv[2::2]):
        print(f"{a} {pos[a]} -> {b} {pos[b]}: {dijkstra(adj, a).get(b, math.inf):.3f} m")
