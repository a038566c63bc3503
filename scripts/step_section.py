#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""How much of a multi-layer step's lower nucleation barrier is the section it takes away, from the nucleation.json
files of `surfkmc atomistic nucleation` (docs/atomistic.md, "What a step's barrier measures on a thin segment").

    scripts/step_section.py [--grid LO:HI:STEP] FILE [FILE ...]

Files of one segment (same diameter and length) are pooled; each segment needs the edge and at least one step_h<h>
site. `atomistic nucleation` cuts a step by removing the top h (111) layers over half the segment, and reports the
mean axial stress over the segment's atoms; at equal reported stress the stepped half therefore carries
r = N_h / (2 N_h − N_edge) times as much (N: the segment's atoms with the step and without). For every step the
script prints r and the step's barrier minus the edge's at equal reported stress and at equal stress in the stepped
half (the step's stresses times r), both with ln ΔG interpolated linearly in stress between usable points
(`used_in_fit`), never extrapolated ("–" outside the points), at the stresses of --grid (GPa; default 1.5:3.3:0.2,
Ag's range; Pt's is about 5:7.8:0.4).
"""
import json
import math
import sys
from collections import defaultdict

GRID = [round(1.5 + 0.2 * k, 1) for k in range(10)]  # 1.5 ... 3.3 GPa


def parse_grid(text):
    try:
        lo, hi, step = (float(v) for v in text.split(":"))
    except ValueError:
        raise SystemExit(f"--grid: {text!r}; allowed: LO:HI:STEP, three numbers with STEP > 0 and HI >= LO")
    if not (step > 0.0 and hi >= lo and (hi - lo) / step <= 1000):
        raise SystemExit(f"--grid: {text!r}; allowed: LO:HI:STEP, three numbers with STEP > 0 and HI >= LO")
    return [round(lo + step * k, 6) for k in range(int(math.floor((hi - lo) / step + 1e-9)) + 1)]


def interpolate(points, stress):
    for (s0, b0), (s1, b1) in zip(points, points[1:]):
        if s0 <= stress <= s1:
            return math.exp(math.log(b0) + (math.log(b1) - math.log(b0)) * (stress - s0) / (s1 - s0))
    return None


def load(paths):
    segments = defaultdict(lambda: defaultdict(dict))  # (D, L) -> site -> strain -> point
    for path in paths:
        with open(path) as f:
            doc = json.load(f)
        key = (doc["segment"]["diameter_A"], doc["segment"]["length_A"])
        for site, entry in doc["sites"].items():
            for p in entry["points"]:
                segments[key][site][p["strain"]] = p
    return segments


def table(points_by_strain, scale=1.0):
    used = sorted((p["stress_GPa"] * scale, p["barrier_eV"]) for p in points_by_strain.values() if p.get("used_in_fit"))
    return used


def cell(value):
    return "–" if value is None else f"{value:+.2f}"


def main(argv):
    grid = GRID
    if len(argv) >= 2 and argv[0] == "--grid":
        grid, argv = parse_grid(argv[1]), argv[2:]
    if not argv:
        raise SystemExit(__doc__)
    segments = load(argv)
    print("| D [Å] | site | r | reading | " + " | ".join(f"{s:g}" for s in grid) + " |")
    print("| ---: | --- | ---: | --- |" + " ---: |" * len(grid))
    for (diameter, _), sites in sorted(segments.items()):
        if "edge" not in sites:
            continue
        edge = table(sites["edge"])
        n_edge = next(p["atoms"] for p in sites["edge"].values() if "atoms" in p)
        steps = sorted((s for s in sites if s.startswith("step_h")), key=lambda s: int(s[6:]))
        for site in steps:
            n_step = next(p["atoms"] for p in sites[site].values() if "atoms" in p)
            r = n_step / (2 * n_step - n_edge)
            for reading, scale in (("equal reported stress", 1.0), ("equal stress in the stepped half", r)):
                step = table(sites[site], scale)
                diffs = []
                for s in grid:
                    a, b = interpolate(step, s), interpolate(edge, s)
                    diffs.append(None if a is None or b is None else a - b)
                print(f"| {diameter:g} | {site} | {r:.3f} | {reading} | " + " | ".join(map(cell, diffs)) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
