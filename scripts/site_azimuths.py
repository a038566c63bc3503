#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Where around the axis the nucleation sites of a wire lie, from `surfkmc wire SCENARIO -o FILE.xyz` (extXYZ with
the per-atom columns `site_class` and `site_size`; docs/atomistic.md, "Where the edge law's loop forms and what the
census counts").

    scripts/site_azimuths.py WIRE.xyz [BIN_DEGREES]

Prints, per azimuth bin (default 30°), the surface atoms (coordination < 12) and the atoms the site detector marks,
by class. The azimuth is atan2(z − z_c, y − y_c) in degrees, as in scripts/nucleation_loop_site.py (y ∥ [111],
z ∥ [1-10]; the centre halfway between the extreme atoms): 0° and ±180° face the (111) facets, ±90° the [1-10]
sides.
"""
import math
import sys

CLASSES = {0: "facet_edge", 1: "step", 2: "multi_step"}


def read(path):
    with open(path) as f:
        n = int(f.readline())
        header = f.readline()
        if "site_class:I:1" not in header:
            raise SystemExit(f"{path}: no site_class column; write it with `surfkmc wire`")
        atoms = []
        for _ in range(n):
            v = f.readline().split()
            atoms.append((float(v[2]), float(v[3]), int(v[5]), int(v[6])))
    return atoms


def main(argv):
    if not argv or len(argv) > 2:
        raise SystemExit(__doc__)
    width = float(argv[1]) if len(argv) == 2 else 30.0
    if not 0.0 < width <= 180.0 or (360.0 / width) % 1.0:
        raise SystemExit(f"BIN_DEGREES: {argv[1]!r}; allowed: a number in (0, 180] that divides 360")
    atoms = read(argv[0])
    ys = [a[0] for a in atoms]
    zs = [a[1] for a in atoms]
    yc, zc = 0.5 * (max(ys) + min(ys)), 0.5 * (max(zs) + min(zs))
    bins = int(round(360.0 / width))
    surface = [0] * bins
    sites = {c: [0] * bins for c in CLASSES}
    for y, z, coordination, cls in atoms:
        if coordination >= 12:
            continue
        k = int(((math.degrees(math.atan2(z - zc, y - yc)) + 180.0) % 360.0) // width) % bins
        surface[k] += 1
        if cls in sites:
            sites[cls][k] += 1
    print("| azimuth [°] | surface atoms | " + " | ".join(CLASSES.values()) + " |")
    print("| --- | ---: |" + " ---: |" * len(CLASSES))
    for k in range(bins):
        lo = -180.0 + k * width
        print(f"| {lo:g} to {lo + width:g} | {surface[k]} | " + " | ".join(str(sites[c][k]) for c in CLASSES) + " |")
    print(f"| all | {sum(surface)} | " + " | ".join(str(sum(sites[c])) for c in CLASSES) + " |")


if __name__ == "__main__":
    main(sys.argv[1:])
