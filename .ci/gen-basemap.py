#!/usr/bin/env python3
"""Regenerate Sources/AugustMap/Resources/basemap-gshhg.txt from GSHHG through GMT (`make basemap`).

Needs Debian's `gmt` and `gmt-gshhg-low` (apt-get install gmt gmt-gshhg-low). Python 3 standard library only.

What it does, in order:
  1. asks `gmt coast` for the shorelines (-W: level 1 coast, 2 lake; levels 3-4, islands in lakes and ponds
     in those islands, are left out), the permanent rivers (-Ir, levels 1-4) and the national borders (-N1),
     low resolution (-Dl), for the theatre lon 100-160, lat 30-60, as multi-segment text (-M);
  2. GMT writes each line cut into tiles ("bins"): pieces whose ends meet (after rounding to the quantum)
     are joined again, within one layer and one level;
  3. each joined line is simplified (Douglas-Peucker, TOLERANCE degrees: about one braille dot when the
     whole theatre is 100 cells wide) and its coordinates rounded to QUANTUM degrees;
  4. closed rings (islands, lakes) whose bounding box is smaller than MIN_RING degrees across are dropped,
     and so are open pieces shorter than that.
The output is deterministic: the same GMT and GSHHG give the same file byte for byte.

Format (one line per polyline, after a one-line header starting with '#'):
  <layer> <level> <lon>,<lat> <lon>,<lat> ...
layer is coast, lake, river or border; level is GSHHG's level (rivers: 1 major .. 4 minor).
"""
import math, os, re, subprocess, sys, tempfile

REGION = "100/160/30/60"
TOLERANCE = 0.03
QUANTUM = 0.01
MIN_RING = 0.15
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Sources", "AugustMap", "Resources", "basemap-gshhg.txt")


def gmt(*args):
    # run in a scratch folder: GMT leaves a gmt.history file in its working directory
    with tempfile.TemporaryDirectory() as scratch:
        return subprocess.run(["gmt", "coast", "-R" + REGION, "-Dl", "-M", *args], cwd=scratch,
                              check=True, capture_output=True, text=True).stdout


def package_version(name):
    try:
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name], capture_output=True, text=True)
        return out.stdout.strip() or "unknown"
    except OSError:
        return "unknown"


def segments(text):
    """(level, [(lon, lat)]) for each '>' segment of GMT's multi-segment output."""
    out, level, pts = [], None, []
    for line in text.splitlines():
        if line.startswith(">"):
            if pts:
                out.append((level, pts))
            m = re.search(r"Level (\d+)", line)
            level, pts = (int(m.group(1)) if m else 1), []
        elif line.strip():
            lon, lat = map(float, line.split()[:2])
            pts.append((lon, lat))
    if pts:
        out.append((level, pts))
    return out


def q(v):
    return round(v / QUANTUM) * QUANTUM


def key(p):
    return (round(p[0] / QUANTUM), round(p[1] / QUANTUM))


def join(pieces):
    """Join pieces whose ends meet; keeps GMT's order for determinism."""
    pieces = [list(p) for p in pieces if len(p) >= 2]
    changed = True
    while changed:
        changed = False
        i = 0
        while i < len(pieces):
            a = pieces[i]
            j = i + 1
            while j < len(pieces):
                b = pieces[j]
                if key(a[-1]) == key(b[0]):
                    a.extend(b[1:])
                elif key(b[-1]) == key(a[0]):
                    a[:0] = b[:-1]
                elif key(a[-1]) == key(b[-1]):
                    a.extend(reversed(b[:-1]))
                elif key(a[0]) == key(b[0]):
                    a[:0] = list(reversed(b[1:]))
                else:
                    j += 1
                    continue
                del pieces[j]
                changed = True
            i += 1
    return pieces


def dp(pts, tol):
    if len(pts) < 3:
        return pts
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        s, e = stack.pop()
        (x1, y1), (x2, y2) = pts[s], pts[e]
        dx, dy = x2 - x1, y2 - y1
        norm = math.hypot(dx, dy)
        best, idx = -1.0, -1
        for k in range(s + 1, e):
            x, y = pts[k]
            d = abs(dy * (x - x1) - dx * (y - y1)) / norm if norm > 0 else math.hypot(x - x1, y - y1)
            if d > best:
                best, idx = d, k
        if idx >= 0 and best > tol:
            keep[idx] = True
            stack.append((s, idx))
            stack.append((idx, e))
    return [p for p, k in zip(pts, keep) if k]


def simplify(pts):
    closed = key(pts[0]) == key(pts[-1]) and len(pts) > 3
    if closed:
        # split a ring at its farthest point from the start so both halves keep their shape
        far = max(range(len(pts)), key=lambda k: math.hypot(pts[k][0] - pts[0][0], pts[k][1] - pts[0][1]))
        out = dp(pts[:far + 1], TOLERANCE)[:-1] + dp(pts[far:], TOLERANCE)
    else:
        out = dp(pts, TOLERANCE)
    qd = []
    for lon, lat in out:
        p = (q(lon), q(lat))
        if not qd or key(qd[-1]) != key(p):
            qd.append(p)
    return qd, closed


def big_enough(pts, closed):
    lons, lats = [p[0] for p in pts], [p[1] for p in pts]
    if closed:
        return max(max(lons) - min(lons), max(lats) - min(lats)) >= MIN_RING
    length = sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(pts, pts[1:]))
    return length >= MIN_RING


def fmt(v):
    s = f"{v:.2f}"
    return "0.00" if s == "-0.00" else s


def main():
    layers = []
    shore = segments(gmt("-W"))
    for name, levels in (("coast", {1}), ("lake", {2})):
        layers.append((name, [(lv, p) for lv, p in shore if lv in levels]))
    layers.append(("river", segments(gmt("-Ir"))))
    layers.append(("border", segments(gmt("-N1"))))

    rows, npoints = [], 0
    for name, segs in layers:
        for level in sorted({lv for lv, _ in segs}):
            for piece in join([p for lv, p in segs if lv == level]):
                pts, closed = simplify(piece)
                if len(pts) < 2 or not big_enough(pts, closed):
                    continue
                npoints += len(pts)
                rows.append(f"{name} {level} " + " ".join(f"{fmt(lon)},{fmt(lat)}" for lon, lat in pts))
    header = (f"# august-basemap v1 lines={len(rows)} points={npoints} region={REGION} tolerance={TOLERANCE} "
              f"quantum={QUANTUM} source=GSHHG {package_version('gmt-gshhg-low')} via GMT {package_version('gmt')} "
              f"(Wessel & Smith, LGPL-3.0; see basemap-ATTRIBUTION.md)")
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", encoding="utf-8", newline="\n") as f:
        f.write(header + "\n")
        for r in rows:
            f.write(r + "\n")
    print(f"wrote {os.path.relpath(OUT)}: {len(rows)} lines, {npoints} points, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
