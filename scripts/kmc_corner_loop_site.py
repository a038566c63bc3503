#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Where the loops of corners cut from KMC frames form, and what the KMC changed there (docs/atomistic.md,
"Where the KMC corners' loops form").

    scripts/kmc_corner_loop_site.py LAW_FILE RUN_DIR FRAMES_FILE [RUN_DIR FRAMES_FILE ...]
    scripts/kmc_corner_loop_site.py --census FRAMES_FILE [FRAMES_FILE ...]

LAW_FILE is the production nucleation.json the corners are read against (as scripts/kmc_corner_barriers.py);
RUN_DIR the results of `surfkmc atomistic nucleation --surface FRAMES_FILE --frame K --shifts ...` with its saddle
files; FRAMES_FILE the KMC run's frames, whose first frame is the cut wire.

The KMC's change is the frame against the cut wire: sites of the first frame empty in frame K (removed) and atoms
of frame K on no site of the first (added), both moved along x by the corner's shift, as the command places them,
and stretched by the saddle's box. The loop is the atoms slipped by more than b_p/2 at the saddle; its footprint,
those with fewer than 12 neighbours within 3.5 Å. For every usable corner the script prints the loop's centroid
azimuth (atan2(z − z_c, y − y_c), 0° the top (111) facet, ±90° the [1-10] sides, as
scripts/nucleation_loop_site.py), the sites added and removed within 5 Å of any footprint atom, the same at the
seeded corner (stored by the command), and ΔG_KMC − ΔG_law(σ). Then the least-squares line of that difference on
n = added − removed near the loop and near the seeded corner (slope ± SE, r), per strain over all runs; and per
30° of azimuth, each frame's surface sites of the cut wire and what the KMC removed and added there. With
--census, only that last table, for every frame after the first of each file (any KMC run's frames: a wire of
Fig. 1 as well as a segment).
"""
import json
import math
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
import kmc_corner_barriers as corners  # noqa: E402
import numpy as np  # noqa: E402

NEIGHBOUR_CUTOFF_A = 3.5
NEAR_A = 5.0
BIN_DEG = 30.0


def read_frames(path):
    """Every frame of an extXYZ file as (cell_x, [(x, y, z)], [coordination] or None without that column)."""
    frames = []
    with open(path) as f:
        while True:
            line = f.readline()
            if not line.strip():
                return frames
            n = int(line)
            header = f.readline()
            cell_x = float(header.split('Lattice="', 1)[1].split()[0])
            props = header.split("Properties=", 1)[1].split()[0].split(":")
            names = props[0::3]
            widths = [int(w) for w in props[2::3]]
            column = sum(widths[:names.index("coordination")]) if "coordination" in names else None
            atoms, coordination = [], []
            for _ in range(n):
                v = f.readline().split()
                atoms.append((float(v[1]), float(v[2]), float(v[3])))
                if column is not None:
                    coordination.append(int(v[column]))
            frames.append((cell_x, atoms, coordination if column is not None else None))


def read_saddle(path):
    with open(path) as f:
        n = int(f.readline())
        cell_x = float(f.readline().split('Lattice="', 1)[1].split()[0])
        return cell_x, [tuple(float(v) for v in f.readline().split()[1:5]) for _ in range(n)]


def key(p, cell_x):
    """A site's position rounded to 0.1 Å, x wrapped into the cell."""
    return (round((p[0] % cell_x) * 10) % round(cell_x * 10), round(p[1] * 10), round(p[2] * 10))


def changes(cut, frame, cell_x):
    """(removed, added): positions of the cut wire's sites empty in the frame, and of the frame's atoms on none."""
    cut_keys = {key(p, cell_x): p for p in cut}
    frame_keys = {key(p, cell_x): p for p in frame}
    removed = [p for k, p in cut_keys.items() if k not in frame_keys]
    added = [p for k, p in frame_keys.items() if k not in cut_keys]
    return removed, added


def centre(points):
    ys = [p[1] for p in points]
    zs = [p[2] for p in points]
    return 0.5 * (max(ys) + min(ys)), 0.5 * (max(zs) + min(zs))


def azimuth(p, c):
    return math.degrees(math.atan2(p[2] - c[1], p[1] - c[0]))


def distances(points, others, cell_x):
    """|p − q| for every p of points (rows) and q of others (columns), x periodic with cell_x."""
    p, q = np.asarray(points, float)[:, None, :3], np.asarray(others, float)[None, :, :3]
    d = p - q
    d[..., 0] -= cell_x * np.round(d[..., 0] / cell_x)
    return np.sqrt((d * d).sum(axis=-1))


def nearest(points, others, cell_x, rows=256):
    """The distance from every p of points to the nearest q of others (in blocks of rows, as coordination)."""
    return np.concatenate([distances(points[k:k + rows], others, cell_x).min(axis=1)
                           for k in range(0, len(points), rows)])


def coordination(atoms, cell_x, rows=256):
    """Neighbours within the cutoff of every atom (in blocks of rows, so a wire of 10⁵ atoms fits in memory)."""
    out = []
    for k in range(0, len(atoms), rows):
        d = distances(atoms[k:k + rows], atoms, cell_x)
        out += ((d < NEIGHBOUR_CUTOFF_A).sum(axis=1) - 1).tolist()
    return out


def near_count(points, footprint, cell_x):
    """How many of points lie within NEAR_A of any footprint atom."""
    if not points or not footprint:
        return 0
    return int((nearest(points, footprint, cell_x) < NEAR_A).sum())


def fit_line(xs, ys):
    """Least squares y = a + b x: (b, SE of b, r), or None when x does not vary."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if n < 3 or sxx == 0.0:
        return None
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys))
    b = sxy / sxx
    residual = sum((y - my - b * (x - mx)) ** 2 for x, y in zip(xs, ys))
    return b, math.sqrt(residual / (n - 2) / sxx), sxy / math.sqrt(sxx * syy) if syy > 0 else 0.0


def corner_loops(law, tables, run, frames_file):
    """One dict per usable corner of RUN_DIR, with its loop, the changes near it and near the seeded corner."""
    doc = json.loads((pathlib.Path(run) / "nucleation.json").read_text())
    frames = read_frames(frames_file)
    k = doc["surface"]["frame"]
    scale = doc["surface"]["scaled_to_A"] / doc["surface"]["file_lattice_constant_A"]
    cells = round(frames[0][0] / (doc["surface"]["file_lattice_constant_A"] * math.sqrt(6.0) / 2.0))
    cut = [tuple(scale * v for v in p) for p in frames[0][1]]
    here = [tuple(scale * v for v in p) for p in frames[k][1]]
    length = scale * frames[0][0]
    removed, added = changes(cut, here, length)
    half_bp = 0.5 * doc["lattice_constant_A"] / math.sqrt(6.0)
    stored = {(r["name"], r["strain"]): r for r in corners.corner_rows(law, tables, run)}
    for name, site in sorted(doc["sites"].items(), key=lambda kv: int(kv[0][len("kmc_s"):])):
        shift = int(name[len("kmc_s"):]) * length / cells
        for p in site["points"]:
            row = stored[(name, p["strain"])]
            if not row["usable"]:
                continue
            cell_x, atoms = read_saddle(pathlib.Path(run) / p["saddle"]["file"])
            stretch = cell_x / length

            def moved(q):
                return ((q[0] + shift) * stretch % cell_x, q[1], q[2])

            c = centre(atoms)
            # The saddle must be the frame's occupancy where the command placed it: every atom farther than 6 Å
            # from any that slipped by more than 0.2 Å (near the loop the saddle's strain field moves atoms by up
            # to an ångström; relaxation moves a few others by up to 0.75 Å) lies within half a neighbour
            # distance of a moved frame atom. A shift wrong by one cell leaves the KMC's changes 2.6 Å off on the
            # production segment.
            moving = [a for a in atoms if a[3] > 0.2] or atoms[:1]
            far = [a for a, d in zip(atoms, nearest(atoms, moving, cell_x)) if d > 6.0]
            placed = [moved(q) for q in here]
            worst = float(nearest(far, placed, cell_x).max()) if far else 0.0
            if len(atoms) != len(here) or worst > 0.5 * doc["lattice_constant_A"] / math.sqrt(2.0):
                raise SystemExit(f"{run}/{p['saddle']['file']}: not frame {k} of {frames_file} at shift "
                                 f"{name} ({len(atoms)} atoms against {len(here)}; an atom away from the loop "
                                 f"{worst:.2f} Å from the nearest frame atom)")
            loop = [a for a in atoms if a[3] > half_bp]
            nb = coordination(atoms, cell_x)
            footprint = [a for a, n in zip(atoms, nb) if a[3] > half_bp and n < 12]
            n_removed = near_count([moved(q) for q in removed], footprint, cell_x)
            n_added = near_count([moved(q) for q in added], footprint, cell_x)
            my = sum(a[1] for a in loop) / len(loop)
            mz = sum(a[2] for a in loop) / len(loop)
            spans = [azimuth(a, c) for a in footprint]
            corner = site["corner"]
            yield {"run": run, "name": name, "strain": p["strain"], "stress": p["stress_GPa"],
                   "barrier": p["barrier_eV"], "diff": row["diff"], "loop_atoms": len(loop),
                   "azimuth": azimuth((0.0, my, mz), c), "footprint": len(footprint),
                   "span": (min(spans), max(spans)) if spans else None,
                   "loop_added": n_added, "loop_removed": n_removed,
                   "corner_added": corner["added_within_A"]["5"], "corner_removed": corner["removed_within_A"]["5"]}


def census_by_azimuth(frames, k):
    """Per 30° bin of frame k: the cut wire's (first frame's) surface sites, the sites the KMC removed and added.
    Surface: the frame's own coordination column below 12 where it has one, else neighbours within 3.5 Å."""
    cell_x, cut, cut_coordination = frames[0]
    removed, added = changes(cut, frames[k][1], cell_x)
    c = centre(cut)
    bins = int(360.0 / BIN_DEG)

    def index(p):
        return int(((azimuth(p, c) + 180.0) % 360.0) // BIN_DEG) % bins

    surface = [0] * bins
    for p, n in zip(cut, cut_coordination if cut_coordination is not None else coordination(cut, cell_x)):
        if n < 12:
            surface[index(p)] += 1
    out_removed, out_added = [0] * bins, [0] * bins
    for p in removed:
        out_removed[index(p)] += 1
    for p in added:
        out_added[index(p)] += 1
    return surface, out_removed, out_added


def print_census(rows):
    """rows: (label, frame index, census)."""
    heads = [f"{-180 + k * BIN_DEG:g} to {-180 + (k + 1) * BIN_DEG:g}" for k in range(int(360 / BIN_DEG))]
    print("| frame | per 30° of azimuth | " + " | ".join(heads) + " | all |")
    print("| --- | --- |" + " ---: |" * (len(heads) + 1))
    for label, k, census in rows:
        for what, counts in zip(("cut surface sites", "removed", "added"), census):
            print(f"| {label} [{k}] | {what} | " + " | ".join(map(str, counts)) + f" | {sum(counts)} |")


def main(argv):
    if len(argv) >= 3 and argv[1] == "--census":
        for frames_file in argv[2:]:
            frames = read_frames(frames_file)
            print_census([(frames_file, k, census_by_azimuth(frames, k)) for k in range(1, len(frames))])
        return
    if len(argv) < 4 or len(argv) % 2:
        raise SystemExit(__doc__)
    law = json.loads(pathlib.Path(argv[1]).read_text())
    tables = corners.law_tables(law)
    pairs = list(zip(argv[2::2], argv[3::2]))
    rows = [r for run, frames in pairs for r in corner_loops(law, tables, run, frames)]
    print("| run | corner | ε | σ [GPa] | ΔG_KMC − ΔG_law [eV] | slipped atoms | loop azimuth [°] | footprint atoms "
          "| footprint span [°] | added / removed near the loop | added / removed at the seeded corner |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- | --- |")
    for r in rows:
        span = f"{r['span'][0]:.0f} to {r['span'][1]:.0f}" if r["span"] else "—"
        print(f"| {r['run']} | {r['name']} | {r['strain']} | {r['stress']:.3f} | {r['diff']:+.3f} | {r['loop_atoms']} "
              f"| {r['azimuth']:.0f} | {r['footprint']} | {span} | {r['loop_added']} / {r['loop_removed']} "
              f"| {r['corner_added']} / {r['corner_removed']} |")
    print()
    print("| ε | corners | n = added − removed near | slope [eV per site] | SE | r |")
    print("| ---: | ---: | --- | ---: | ---: | ---: |")
    for strain in sorted({r["strain"] for r in rows}):
        sel = [r for r in rows if r["strain"] == strain]
        for where in ("loop", "corner"):
            fit = fit_line([r[f"{where}_added"] - r[f"{where}_removed"] for r in sel], [r["diff"] for r in sel])
            label = "the loop" if where == "loop" else "the seeded corner"
            if fit is None:
                print(f"| {strain} | {len(sel)} | {label} | — | — | — |")
            else:
                print(f"| {strain} | {len(sel)} | {label} | {fit[0]:+.4f} | {fit[1]:.4f} | {fit[2]:+.2f} |")
    print()
    census = []
    for run, frames_file in pairs:
        k = json.loads((pathlib.Path(run) / "nucleation.json").read_text())["surface"]["frame"]
        census.append((run, k, census_by_azimuth(read_frames(frames_file), k)))
    print_census(census)

if __name__ == "__main__":
    main(sys.argv)
