#!/usr/bin/env python3
"""Build the map asset ``diplomacy_game/data/map/caspian_2024.json`` from Natural Earth shapes.

Usage::

    python3 tools/build_map.py PATH/TO/ne_110m_admin_0_countries.shp \
        [--map diplomacy_game/data/scenarios/map.yaml] [--out diplomacy_game/data/map/caspian_2024.json]

Reads Natural Earth 1:110m admin-0 countries (public domain) with pyshp, keeps every country
whose ADM0_A3 is a region's ``iso_a3`` in the map file, projects with a Lambert conformal conic
fitted to the area, crops to the game's window, simplifies (Douglas-Peucker) and writes a
compact JSON in a fixed virtual canvas: per region its polygons (outer rings), a label anchor
(an interior point), an optional callout point for tiny regions, its coastal "ports" on the
seas that carry sea links, and its cities; the other countries in the window as plain land;
the off-map box of regions without a shape (the West's home). See diplomacy_game/data/map/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any

import shapefile  # pyshp
import yaml

Point = tuple[float, float]
Ring = list[Point]

CANVAS_WIDTH = 1600
SIMPLIFY_TOLERANCE = 0.7  # canvas pixels
MIN_ISLAND_AREA = 12.0  # canvas px²: smaller rings are dropped (never a region's only ring)
EARTH_KM = 6371.0

# Lambert conformal conic: standard parallels 30°N and 55°N. The central meridian sits at
# 70°E rather than 55°E so that the window (Ukraine to North Korea) is balanced and its top
# edge level; the Caspian is then slightly left of centre.
LON0, LAT0, LAT1, LAT2 = 70.0, 40.0, 30.0, 55.0

# Points the window must show (lon, lat), besides every region but Russia and China, which
# are cropped: Moscow and Kazan with room above, Beijing and the coast beyond it.
MUST_SHOW = [(37.6, 58.5), (49.1, 58.8), (30.0, 57.5), (60.0, 58.0), (117.0, 39.0)]
MARGIN = 0.025  # of each side, added around what must show
# The window is widened westward (over Europe, where the West's off-map box sits) to this
# width/height ratio, which suits a wide game window.
TARGET_ASPECT = 1.62

# Tiny regions get a callout: labels and counters drawn at an offset (canvas px from the
# anchor) with a leader line. Tuned by eye on the rendered map.
CALLOUTS: dict[str, Point] = {
    "LBN": (-70, -40),
    "ISR": (-75, 20),
    "JOR": (-20, 60),
    "KWT": (-60, 22),
    "QAT": (-5, 55),
    "ARE": (-35, 85),
    "ARM": (-60, 45),
    "AZE": (70, 25),
    "GEO": (-30, -55),
    "KGZ": (35, -45),
    "TJK": (45, 50),
    "PRK": (-40, 65),
}
# Anchors set by hand (lon, lat) where the pole of inaccessibility is a poor place for play:
# Russia's label belongs west of the Urals, where the game happens.
ANCHORS: dict[str, Point] = {"RUS": (44.0, 53.0)}

# Seas that carry sea links: name, a point in open water (lon, lat) the links bend toward,
# and where the name goes (lon, lat).
SEAS: dict[str, tuple[str, float, float, float, float]] = {
    "caspian": ("Caspian Sea", 50.8, 42.3, 51.0, 43.6),
    "black": ("Black Sea", 34.0, 43.4, 33.0, 42.6),
    "gulf": ("Persian Gulf", 51.6, 27.0, 51.7, 27.6),
}
PORT_RADIUS_KM = 750.0

# Natural Earth 4.1.0 draws Crimea (a part of RUS) as Russian, the de facto line. The game
# uses the internationally recognised border (UN General Assembly resolution 68/262): the
# part of RUS inside this box is given to UKR.
CRIMEA_BOX = (32.0, 44.0, 36.7, 46.3)  # lon min, lat min, lon max, lat max

OFFMAP_BOX_SIZE = (262.0, 128.0)

# A board-game liberty: east of SQUEEZE_FROM (lon, lat) the map is squeezed horizontally,
# smoothly (the scale falls from 1 to SQUEEZE_K over SQUEEZE_L km), so that East Asia, three
# regions, does not take half the board from the crowded Caucasus, Gulf and Levant.
SQUEEZE_FROM = (79.0, 40.0)
SQUEEZE_K = 0.65
SQUEEZE_L = 600.0


# --------------------------------------------------------------------------- projection


class Lambert:
    """Lambert conformal conic on a sphere; x east, y north, in km."""

    def __init__(self, lon0: float, lat0: float, lat1: float, lat2: float) -> None:
        p1, p2, p0 = map(math.radians, (lat1, lat2, lat0))
        self.n = math.log(math.cos(p1) / math.cos(p2)) / math.log(
            math.tan(math.pi / 4 + p2 / 2) / math.tan(math.pi / 4 + p1 / 2)
        )
        self.f = math.cos(p1) * math.tan(math.pi / 4 + p1 / 2) ** self.n / self.n
        self.rho0 = self.f / math.tan(math.pi / 4 + p0 / 2) ** self.n
        self.lon0 = lon0

    def __call__(self, lon: float, lat: float) -> Point:
        d = (lon - self.lon0 + 180.0) % 360.0 - 180.0
        lat = max(-80.0, min(89.0, lat))
        rho = self.f / math.tan(math.pi / 4 + math.radians(lat) / 2) ** self.n
        t = self.n * math.radians(d)
        return EARTH_KM * rho * math.sin(t), EARTH_KM * (self.rho0 - rho * math.cos(t))


# --------------------------------------------------------------------------- geometry


def signed_area(ring: Ring) -> float:
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        s += x1 * y2 - x2 * y1
    return s / 2.0


def clip_ring(ring: Ring, box: tuple[float, float, float, float]) -> Ring:
    """Sutherland-Hodgman clipping of a ring to an axis-aligned box (x0, y0, x1, y1)."""
    x0, y0, x1, y1 = box
    edges = [
        (lambda p: p[0] >= x0, lambda a, b: _cut_x(a, b, x0)),
        (lambda p: p[0] <= x1, lambda a, b: _cut_x(a, b, x1)),
        (lambda p: p[1] >= y0, lambda a, b: _cut_y(a, b, y0)),
        (lambda p: p[1] <= y1, lambda a, b: _cut_y(a, b, y1)),
    ]
    out = ring
    for inside, cut in edges:
        if not out:
            break
        src, out = out, []
        prev = src[-1]
        for cur in src:
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
            prev = cur
    return out


def _cut_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return x, a[1] + t * (b[1] - a[1])


def _cut_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return a[0] + t * (b[0] - a[0]), y


def _seg_dist(p: Point, a: Point, b: Point) -> float:
    ax, ay = a
    dx, dy = b[0] - ax, b[1] - ay
    ll = dx * dx + dy * dy
    t = 0.0 if ll == 0 else max(0.0, min(1.0, ((p[0] - ax) * dx + (p[1] - ay) * dy) / ll))
    return math.hypot(p[0] - ax - t * dx, p[1] - ay - t * dy)


def douglas_peucker(points: Ring, tol: float) -> Ring:
    """Simplify an open polyline, keeping its end points (iterative, no recursion limit)."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        i, j = stack.pop()
        best, idx = -1.0, -1
        for k in range(i + 1, j):
            d = _seg_dist(points[k], points[i], points[j])
            if d > best:
                best, idx = d, k
        if best > tol:
            keep[idx] = True
            stack += [(i, idx), (idx, j)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def simplify_ring(ring: Ring, tol: float) -> Ring:
    if len(ring) < 4:
        return ring
    # split at the vertex farthest from the first, so both halves are open polylines
    far = max(range(len(ring)), key=lambda k: math.dist(ring[0], ring[k]))
    a = douglas_peucker([*ring[: far + 1]], tol)
    b = douglas_peucker([*ring[far:], ring[0]], tol)
    out = a[:-1] + b[:-1]
    return out if len(out) >= 3 else ring


def point_in_ring(p: Point, ring: Ring) -> bool:
    x, y = p
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i]
        xj, yj = ring[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def ring_distance(p: Point, ring: Ring) -> float:
    return min(_seg_dist(p, a, b) for a, b in zip(ring, ring[1:] + ring[:1], strict=True))


def interior_point(ring: Ring) -> Point:
    """A point deep inside the ring (a grid search for the pole of inaccessibility)."""
    xs, ys = [p[0] for p in ring], [p[1] for p in ring]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    best, best_d = (sum(xs) / len(xs), sum(ys) / len(ys)), -1.0
    step = max(x1 - x0, y1 - y0) / 24.0
    cx, cy, span = (x0 + x1) / 2, (y0 + y1) / 2, max(x1 - x0, y1 - y0) / 2
    for _ in range(5):
        n = int(span / step) + 1
        for i in range(-n, n + 1):
            for j in range(-n, n + 1):
                p = (cx + i * step, cy + j * step)
                if point_in_ring(p, ring):
                    d = ring_distance(p, ring)
                    if d > best_d:
                        best, best_d = p, d
        cx, cy = best
        span, step = step * 2, step / 4
    return best


def closest_on_rings(p: Point, rings: list[Ring]) -> tuple[Point, float]:
    best, best_d = p, math.inf
    for ring in rings:
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            dx, dy = b[0] - a[0], b[1] - a[1]
            ll = dx * dx + dy * dy
            t = 0.0 if ll == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / ll))
            q = (a[0] + t * dx, a[1] + t * dy)
            d = math.dist(p, q)
            if d < best_d:
                best, best_d = q, d
    return best, best_d


# --------------------------------------------------------------------------- reading


def read_rings(shp_path: str) -> dict[str, list[list[Point]]]:
    """Outer rings (lon, lat) of each country, by ADM0_A3, for the part of the globe we use."""
    out: dict[str, list[list[Point]]] = {}
    with shapefile.Reader(shp_path) as reader:
        for sr in reader.iterShapeRecords():
            code = str(sr.record["ADM0_A3"])
            shape = sr.shape
            bbox = shape.bbox  # lon0, lat0, lon1, lat1
            if bbox[2] < -20 or bbox[0] > 160 or bbox[3] < -5 or bbox[1] > 80:
                continue
            bounds = [*shape.parts, len(shape.points)]
            for i in range(len(shape.parts)):
                ring = [(float(x), float(y)) for x, y in shape.points[bounds[i] : bounds[i + 1]]]
                if len(ring) > 1 and ring[0] == ring[-1]:
                    ring = ring[:-1]
                # shapefile outer rings run clockwise (negative signed area); skip holes
                if len(ring) < 3 or signed_area(ring) > 0:
                    continue
                target = code
                if code == "RUS" and _inside_box(ring, CRIMEA_BOX):
                    target = "UKR"
                out.setdefault(target, []).append(ring)
    return out


def _inside_box(ring: list[Point], box: tuple[float, float, float, float]) -> bool:
    return all(box[0] <= x <= box[2] and box[1] <= y <= box[3] for x, y in ring)


# --------------------------------------------------------------------------- building


def _r(v: float) -> float | int:
    v = round(v, 1)
    return int(v) if v == int(v) else v


def _pt(p: Point) -> list[float | int]:
    return [_r(p[0]), _r(p[1])]


def build(shp_path: str, map_path: str) -> dict[str, Any]:
    with open(map_path, encoding="utf-8") as fh:
        map_doc = yaml.safe_load(fh)
    regions = map_doc["regions"]
    by_iso = {r["iso_a3"]: r for r in regions if r.get("iso_a3")}
    proj = Lambert(LON0, LAT0, LAT1, LAT2)
    raw = read_rings(shp_path)
    missing = sorted(set(by_iso) - set(raw))
    if missing:
        raise SystemExit(f"error: no shape in {shp_path} for ADM0_A3 {', '.join(missing)}")

    xa = proj(*SQUEEZE_FROM)[0]

    def squeeze(p: Point) -> Point:
        u = p[0] - xa
        if u <= 0:
            return p
        g = SQUEEZE_K * u + (1 - SQUEEZE_K) * SQUEEZE_L * (1 - math.exp(-u / SQUEEZE_L))
        return xa + g, p[1]

    def project(lon: float, lat: float) -> Point:
        return squeeze(proj(lon, lat))

    projected = {
        code: [[project(*p) for p in ring] for ring in rings] for code, rings in raw.items()
    }

    # the window: every region but the huge ones, plus the points that must show
    xs: list[float] = []
    ys: list[float] = []
    for code in by_iso:
        if code in ("RUS", "CHN"):
            continue
        for ring in projected[code]:
            if abs(signed_area(ring)) < 2000.0:  # (km²) tiny far islands do not widen it
                continue
            xs += [p[0] for p in ring]
            ys += [p[1] for p in ring]
    for lon, lat in MUST_SHOW:
        x, y = project(lon, lat)
        xs.append(x)
        ys.append(y)
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    mx, my = (x1 - x0) * MARGIN, (y1 - y0) * MARGIN
    x0, x1, y0, y1 = x0 - mx, x1 + mx, y0 - my, y1 + my
    x0 = min(x0, x1 - (y1 - y0) * TARGET_ASPECT)
    scale = CANVAS_WIDTH / (x1 - x0)  # canvas px per km
    height = round((y1 - y0) * scale)

    def to_canvas(p: Point) -> Point:
        return (p[0] - x0) * scale, (y1 - p[1]) * scale

    box = (0.0, 0.0, float(CANVAS_WIDTH), float(height))

    def rings_for(code: str, keep_one: bool) -> list[Ring]:
        out: list[Ring] = []
        for ring in projected.get(code, []):
            c = clip_ring([to_canvas(p) for p in ring], box)
            if len(c) < 3:
                continue
            c = simplify_ring(c, SIMPLIFY_TOLERANCE)
            if len(c) >= 3:
                out.append(c)
        out.sort(key=lambda r: -abs(signed_area(r)))
        big = [r for r in out if abs(signed_area(r)) >= MIN_ISLAND_AREA]
        return big or (out[:1] if keep_one else [])

    seas = {
        sid: (name, to_canvas(project(lon, lat)), to_canvas(project(llon, llat)))
        for sid, (name, lon, lat, llon, llat) in SEAS.items()
    }
    port_radius = PORT_RADIUS_KM * scale

    out_regions: dict[str, Any] = {}
    game_rings: list[Ring] = []
    for reg in regions:
        code = reg.get("iso_a3")
        cities = []
        if not code:
            continue
        rings = rings_for(code, keep_one=True)
        if not rings:
            raise SystemExit(f"error: region {reg['id']} ({code}) lies outside the window")
        game_rings += rings
        anchor = (
            to_canvas(project(*ANCHORS[code])) if code in ANCHORS else interior_point(rings[0])
        )
        for c in reg.get("cities") or []:
            p = to_canvas(project(c["lon"], c["lat"]))
            if 0 <= p[0] <= CANVAS_WIDTH and 0 <= p[1] <= height:
                cities.append({"name": c["name"], "at": _pt(p)})
        ports = {}
        for sid, (_, centre, _) in seas.items():
            q, d = closest_on_rings(centre, rings)
            if d <= port_radius:
                ports[sid] = _pt(q)
        entry: dict[str, Any] = {
            "iso_a3": code,
            "anchor": _pt(anchor),
            "polygons": [[_pt(p) for p in r] for r in rings],
            "cities": cities,
            "ports": ports,
        }
        if code in CALLOUTS:
            dx, dy = CALLOUTS[code]
            entry["callout"] = _pt((anchor[0] + dx, anchor[1] + dy))
        out_regions[reg["id"]] = entry

    land = []
    for code in sorted(projected):
        if code in by_iso:
            continue
        for r in rings_for(code, keep_one=False):
            land.append([_pt(p) for p in r])

    # off-map regions: boxes in free corners (fewest game-land samples inside)
    offmap = [r for r in regions if not r.get("iso_a3")]
    used: list[tuple[float, float, float, float]] = []
    for reg in offmap:
        rect = _free_corner(game_rings, CANVAS_WIDTH, height, used)
        used.append(rect)
        bx, by, bw, bh = rect
        entry = {
            "box": [_r(bx), _r(by), _r(bw), _r(bh)],
            "anchor": _pt((bx + bw / 2, by + bh / 2)),
            "polygons": [],
            "cities": [
                {"name": c["name"], "at": _pt((bx + 16 + i * (bw - 32) / 2 + 8, by + bh - 18))}
                for i, c in enumerate((reg.get("cities") or [])[:2])
            ],
            "ports": {},
        }
        out_regions[reg["id"]] = entry

    graticule = _graticule(project, to_canvas, box)
    return {
        "id": map_doc["id"],
        "source": "Natural Earth 1:110m admin-0 countries 4.1.0 (public domain); "
        "built by tools/build_map.py",
        "projection": {
            "kind": "lambert_conformal_conic",
            "lon0": LON0,
            "lat0": LAT0,
            "parallels": [LAT1, LAT2],
            "window_km": [_r(x0), _r(y0), _r(x1), _r(y1)],
            "px_per_km": round(scale, 6),
            # read by ui/mapdata.py to place regions that have no shape (lon, lat, k, km)
            "squeeze": [*SQUEEZE_FROM, SQUEEZE_K, SQUEEZE_L],
        },
        "width": CANVAS_WIDTH,
        "height": height,
        "regions": out_regions,
        "seas": {
            sid: {"name": name, "center": _pt(c), "label": _pt(lab)}
            for sid, (name, c, lab) in seas.items()
        },
        "land": land,
        "graticule": graticule,
    }


def _free_corner(
    rings: list[Ring], width: float, height: float, used: list[tuple[float, float, float, float]]
) -> tuple[float, float, float, float]:
    bw, bh = OFFMAP_BOX_SIZE
    pad = 14.0
    candidates = [  # the West's box: top left (over Europe) unless that covers a region
        (pad, pad),
        (pad, height - bh - pad),
        (width - bw - pad, height - bh - pad),
        (width - bw - pad, pad),
    ]
    best, best_hits = candidates[0], math.inf
    for cx, cy in candidates:
        if any(abs(cx - u[0]) < bw and abs(cy - u[1]) < bh for u in used):
            continue
        hits = 0
        for i in range(12):
            for j in range(7):
                p = (cx + (i + 0.5) * bw / 12, cy + (j + 0.5) * bh / 7)
                hits += any(point_in_ring(p, r) for r in rings)
        if hits < best_hits:
            best, best_hits = (cx, cy), hits
    return best[0], best[1], bw, bh


def _graticule(proj: Any, to_canvas: Any, box: tuple[float, float, float, float]) -> list[Any]:
    lines = []
    for lon in range(0, 151, 10):
        pts = [to_canvas(proj(lon, lat / 2)) for lat in range(0, 141)]
        lines.append(_visible(pts, box))
    for lat in range(10, 71, 10):
        pts = [to_canvas(proj(lon / 2, lat)) for lon in range(0, 301)]
        lines.append(_visible(pts, box))
    out = []
    for ln in lines:
        if len(ln) >= 2:
            out.append([_pt(p) for p in douglas_peucker(ln, 0.5)])
    return out


def _visible(pts: list[Point], box: tuple[float, float, float, float]) -> list[Point]:
    x0, y0, x1, y1 = box
    m = 30.0
    return [p for p in pts if x0 - m <= p[0] <= x1 + m and y0 - m <= p[1] <= y1 + m]


def main(argv: list[str] | None = None) -> int:
    root = Path(__file__).resolve().parent.parent
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("shp", help="path to ne_110m_admin_0_countries.shp (Natural Earth 4.1.0)")
    data_dir = root / "diplomacy_game" / "data"
    ap.add_argument("--map", default=str(data_dir / "scenarios" / "map.yaml"), help="the map YAML")
    ap.add_argument(
        "--out", default=str(data_dir / "map" / "caspian_2024.json"), help="output JSON"
    )
    args = ap.parse_args(argv)
    if not Path(args.shp).is_file():
        print(f"error: {args.shp}: no such file", file=sys.stderr)
        return 2
    data = build(args.shp, args.map)
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=False)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(text + "\n", encoding="utf-8")
    points = sum(len(p) for r in data["regions"].values() for p in r["polygons"])
    print(
        f"wrote {args.out}: {len(text) // 1024} KB, {data['width']}x{data['height']}, "
        f"{len(data['regions'])} regions, {points} region points, {len(data['land'])} land rings"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
