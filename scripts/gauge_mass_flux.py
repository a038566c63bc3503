#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The KMC's own axial mass flux between a dog-bone wire's thin gauge and its thick ends, and the largest
diffusional strain rate that flux could give (issue 18, item 2; docs/validation.md, "Diffusional strain from the
KMC's own mass flux").

    scripts/gauge_mass_flux.py --gauge-length-nm 9 --loaded FRAMES [FRAMES ...] [--unloaded FRAMES ...]
                               [--from-s 1.0]

FRAMES are the extXYZ frames of replicas of a run on a `geometry.gauge` wire (`frames_r<k>.xyz`, written with
`kmc.snapshot_every_s`). The gauge is the slice |x − x_c| < L_g/2 about the box's middle x_c (lattice/wire_builder.cpp
centres the gauge on the box). For each replica it counts the atoms in the gauge, N_g(t), and fits a straight line
to N_g against t over the frames at t ≥ --from-s (the cut surface's first relaxation left out), giving the net
rate Ṅ_g at which atoms enter (> 0) or leave (< 0) the gauge.

On a fixed lattice an atom that enters or leaves the gauge cannot lengthen it; it thickens or thins it. If every
such atom were instead plated on a plane normal to the axis (the most a mass flux between the gauge and its ends
can do), the gauge would lengthen at ε̇_bound = |Ṅ_g| / N_g: each atom adds its volume Ω to a gauge of volume
N_g·Ω. That bound is what the script reports, per replica and as a mean ± standard error, beside the applied rate.

With --unloaded (the same replicas held at zero stress: same seed, so the same random streams), it also reports the
paired difference loaded − unloaded, each pair fitted over the loaded replica's span, the part of the flux the
stress drives; what remains at zero stress is
capillary (the thin gauge's higher curvature pushes atoms to the ends).
"""
import argparse
import math
import statistics
import sys

from ase.io import read


def gauge_counts(path, gauge_length_A):
    """[(t, stress_GPa, N_gauge, N_total)] of each frame of one extXYZ file."""
    rows = []
    half = gauge_length_A / 2.0
    for atoms in read(path, index=":", format="extxyz"):
        cell_x = atoms.cell[0][0]
        origin = atoms.info.get("Origin", [0.0, 0.0, 0.0])
        x_c = float(origin[0]) + cell_x / 2.0
        x = atoms.positions[:, 0]
        n_gauge = int(((x - x_c) ** 2 < half * half).sum())
        t = float(atoms.info.get("time", atoms.info.get("time_s", math.nan)))
        stress = float(atoms.info.get("stress_GPa", atoms.info.get("yield_stress_GPa", math.nan)))
        rows.append((t, stress, n_gauge, len(atoms)))
    return rows


def slope(ts, ns):
    """Least-squares slope of n against t and its standard error (nan with fewer than 3 points)."""
    m = len(ts)
    if m < 2:
        return math.nan, math.nan
    t_mean = sum(ts) / m
    n_mean = sum(ns) / m
    sxx = sum((t - t_mean) ** 2 for t in ts)
    if sxx == 0.0:
        return math.nan, math.nan
    b = sum((t - t_mean) * (n - n_mean) for t, n in zip(ts, ns)) / sxx
    if m < 3:
        return b, math.nan
    resid = sum((n - n_mean - b * (t - t_mean)) ** 2 for t, n in zip(ts, ns))
    return b, math.sqrt(resid / (m - 2) / sxx)


class Replica:
    def __init__(self, path, gauge_length_A, from_s):
        self.path = path
        self.rows = gauge_counts(path, gauge_length_A)
        if not self.rows:
            raise ValueError(f"{path}: no frames")
        self.from_s = from_s
        self.n0 = self.rows[0][2]
        self.t_end = self.rows[-1][0]
        self.stress_end = self.rows[-1][1]
        self.rate, self.rate_se, self.frames_used = self.rate_until(math.inf)

    def rate_until(self, t_end):
        """(Ṅ_g, its standard error, frames fitted) over the frames with from_s ≤ t ≤ t_end."""
        used = [r for r in self.rows if self.from_s <= r[0] <= t_end]
        b, se = slope([r[0] for r in used], [r[2] for r in used])
        return b, se, len(used)

    def strain_rate_bound(self):
        return abs(self.rate) / self.n0


def mean_se(values):
    values = [v for v in values if not math.isnan(v)]
    if not values:
        return math.nan, math.nan
    if len(values) == 1:
        return values[0], math.nan
    return statistics.fmean(values), statistics.stdev(values) / math.sqrt(len(values))


def fmt(v, se, digits=3):
    if math.isnan(se):
        return f"{v:.{digits}g}"
    return f"{v:.{digits}g} ± {se:.2g}"


def report(loaded, unloaded, out):
    print("| arm | replica | N_g at t = 0 | frames fitted | t_end [s] | σ at t_end [GPa] | Ṅ_g [atoms/s] | "
          "ε̇ bound |Ṅ_g|/N_g [1/s] |", file=out)
    print("| --- | --- | --- | --- | --- | --- | --- | --- |", file=out)
    for arm, reps in (("loaded", loaded), ("unloaded", unloaded)):
        for k, r in enumerate(reps):
            print(f"| {arm} | {k} | {r.n0} | {r.frames_used} | {r.t_end:.3g} | {r.stress_end:.3f} | "
                  f"{fmt(r.rate, r.rate_se)} | {r.strain_rate_bound():.2g} |", file=out)
    for arm, reps in (("loaded", loaded), ("unloaded", unloaded)):
        if reps:
            m, se = mean_se([r.rate for r in reps])
            b, bse = mean_se([r.strain_rate_bound() for r in reps])
            print(f"{arm}: Ṅ_g = {fmt(m, se)} atoms/s over {len(reps)} replicas; ε̇ bound = {fmt(b, bse)} /s", file=out)
    if loaded and unloaded:
        if len(loaded) != len(unloaded):
            raise ValueError("paired arms need the same number of replicas")
        # Each pair on the frames both replicas have, over the loaded one's span (it stops at its nucleation; the
        # unloaded one runs on): the straight-line rate of the difference N_g(loaded) − N_g(unloaded).
        pairs = [paired_rate(a, b) for a, b in zip(loaded, unloaded)]
        rates = [p[0] for p in pairs]
        if len(pairs) == 1:
            m, se = pairs[0][0], pairs[0][1]
            how = "1 pair, standard error of the fit (frames are correlated, so it is a lower bound)"
        else:
            m, se = mean_se(rates)
            how = f"{len(pairs)} pairs, standard error over pairs"
        n0 = statistics.fmean([a.n0 for a in loaded])
        print(f"stress-driven (loaded − unloaded, paired): Ṅ_g = {fmt(m, se)} atoms/s ({how}); "
              f"ε̇ bound = {fmt(abs(m) / n0, se / n0)} /s; largest |ΔN_g| between the arms: "
              f"{max(p[2] for p in pairs)} atoms", file=out)


def paired_rate(loaded, unloaded):
    """(rate, its standard error, largest |difference|) of N_g(loaded) − N_g(unloaded) on common frame times."""
    other = {round(r[0], 6): r[2] for r in unloaded.rows}
    common = [(r[0], r[2] - other[round(r[0], 6)]) for r in loaded.rows
              if round(r[0], 6) in other and loaded.from_s <= r[0] <= loaded.t_end]
    if not common:
        raise ValueError(f"{loaded.path} and {unloaded.path} share no frame times")
    b, se = slope([c[0] for c in common], [c[1] for c in common])
    return b, se, max(abs(c[1]) for c in common)


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--gauge-length-nm", type=float, required=True)
    p.add_argument("--loaded", nargs="+", required=True, metavar="FRAMES")
    p.add_argument("--unloaded", nargs="*", default=[], metavar="FRAMES")
    p.add_argument("--from-s", type=float, default=1.0, help="fit frames at t ≥ this [s] (default 1)")
    a = p.parse_args(argv)
    length_A = 10.0 * a.gauge_length_nm
    loaded = [Replica(f, length_A, a.from_s) for f in a.loaded]
    unloaded = [Replica(f, length_A, a.from_s) for f in a.unloaded]
    report(loaded, unloaded, sys.stdout)


if __name__ == "__main__":
    main()
