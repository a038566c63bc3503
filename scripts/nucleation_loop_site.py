#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Where on the wire's perimeter each nucleation saddle's loop sits, from the saddle files of `surfkmc atomistic
nucleation` (extXYZ with a per-atom `slip` column; docs/atomistic.md, "Refined bands").

    scripts/nucleation_loop_site.py RESULTS_DIR [RESULTS_DIR ...]

For every saddle_<site>_e<strain>.xyz of each folder: the atoms slipped by more than half the partial's Burgers
vector b_p = a0/√6 (a0 from the folder's nucleation.json), their count, and the azimuth of their centroid around
the segment's axis, atan2(z − z_c, y − y_c) in degrees (y ∥ [111], z ∥ [1-10], the centre halfway between the
extreme atoms), with its distance from the axis over the section's radius. Loops that start at the same place on
the perimeter have the same azimuth on every segment; a saddle with no slipped atom is not a loop.
"""
import json
import math
import pathlib
import sys


def saddle_atoms(path):
    with open(path) as f:
        n = int(f.readline())
        f.readline()
        atoms = [tuple(float(v) for v in f.readline().split()[1:5]) for _ in range(n)]
    return atoms


def main(argv):
    if not argv:
        raise SystemExit(__doc__)
    print("| folder | D [Å] | site | strain | slipped atoms | azimuth [°] | centroid radius / R |")
    print("| --- | ---: | --- | ---: | ---: | ---: | ---: |")
    for folder in map(pathlib.Path, argv):
        doc = json.loads((folder / "nucleation.json").read_text())
        half_bp = 0.5 * doc["lattice_constant_A"] / math.sqrt(6.0)
        for path in sorted(folder.glob("saddle_*.xyz")):
            atoms = saddle_atoms(path)
            ys = [a[1] for a in atoms]
            zs = [a[2] for a in atoms]
            yc, zc = 0.5 * (max(ys) + min(ys)), 0.5 * (max(zs) + min(zs))
            radius = 0.5 * max(max(ys) - min(ys), max(zs) - min(zs))
            slipped = [a for a in atoms if a[3] > half_bp]
            site, strain = path.stem[len("saddle_"):].rsplit("_e", 1)
            if not slipped:
                print(f"| {folder.name} | {doc['segment']['diameter_A']:g} | {site} | {strain} | 0 | — | — |")
                continue
            my = sum(a[1] for a in slipped) / len(slipped) - yc
            mz = sum(a[2] for a in slipped) / len(slipped) - zc
            print(f"| {folder.name} | {doc['segment']['diameter_A']:g} | {site} | {strain} | {len(slipped)} | "
                  f"{math.degrees(math.atan2(mz, my)):.0f} | {math.hypot(my, mz) / radius:.2f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
