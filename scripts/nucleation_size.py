#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The ideal edge's nucleation barrier on segments of several sizes, compared at equal core stress, and the
first-passage strengths of wires that each segment's barriers predict.

    scripts/nucleation_size.py NUCLEATION_JSON [NUCLEATION_JSON ...] [--pull JSON ...] [--site edge] [--rate 1e-3]
                               [--lower-band]

Each file is the output of `surfkmc atomistic nucleation`; files of the same segment (same diameter and length)
are pooled, so a segment's points may come from several runs. Every segment needs a point at ε = 0: its stress
there is the segment's own surface pull σ_s (docs/model.md#computed-stress). A file given with --pull gives only
that: its ε = 0 stress, never a barrier (the stress is the relaxed perfect segment's, so a run with fewer NEB images
gives it as well, at a fraction of the cost). A segment's barriers are read as the
production tabulated law reads them (`used_in_fit` points only; with --lower-band, a point computed with `--refine`
counts the lower of its two bands' barriers, each band's highest energy being an upper bound on the barrier of the
lowest path (docs/atomistic.md, "Refined bands"); their non-increasing envelope in stress,
straight lines in ln ΔG between points, the end intervals' lines beyond them).

Prints three tables:
1. per segment: atoms, σ_s, and every usable point as (σ_n, σ_c = σ_n − σ_s, ΔG);
2. ΔG of each segment at common core stresses σ_c (interpolated inside each segment's own points only, no
   extension), and its difference from the largest segment's;
3. the applied stress σ at which the edge of a D-nm cylinder fires at a constant strain rate by Eq. 2's
   first-passage condition N ν_D e^(−ΔG/k_BT) = Ω E ε̇ / k_BT, Ω = −dΔG/dσ, with ΔG evaluated at
   σ_n = σ + σ_s (1 − D_seg/D) as the production hazard does (300 K, ν_D = 4.5 THz, E<112> = 83.4 GPa; N the median
   facet-edge sites of Fig. 1's Ag wires: 59, 221 and 443 at 4, 10 and 20 nm, 886 assumed at 40 nm; the numbers of
   docs/atomistic.md, "Size, seen at the wire's stress").
"""
import argparse
import json
import math
import pathlib

KB_EV = 8.617333262e-5
NU_D = 4.5e12  # Debye frequency of Ag [1/s] (data/materials/Ag.yaml)
E_112_GPA = 83.4  # Young's modulus along <112> [GPa] (data/materials/Ag.yaml)
WIRES = ((4.0, 59), (10.0, 221), (20.0, 443), (40.0, 886))  # diameter [nm], facet-edge sites


class Segment:
    """One segment's pooled points: σ_s and the usable (σ_n, ΔG) of one site, as the tabulated law reads them."""

    def __init__(self, diameter_A, length_A):
        self.diameter_A = diameter_A
        self.length_A = length_A
        self.atoms = None
        self.sigma_s = None
        self.raw = {}  # strain → (σ_n, ΔG) of usable points

    def add(self, doc, site, pull_only=False, lower_band=False):
        for p in doc["sites"].get(site, {}).get("points", []):
            if "stress_GPa" not in p:
                continue
            if p["strain"] == 0.0:
                self.sigma_s = p["stress_GPa"]
            self.atoms = p.get("atoms", self.atoms)
            if p.get("used_in_fit") and not pull_only:
                barrier = p["barrier_eV"]
                if lower_band and "coarse_band" in p:
                    barrier = min(barrier, p["coarse_band"]["barrier_eV"])
                self.raw[p["strain"]] = (p["stress_GPa"], barrier)

    def table(self):
        """(σ_n, ΔG) sorted by stress, on the non-increasing envelope (docs/calibration.md, session 25 item 2)."""
        out = []
        for s, g in sorted(self.raw.values()):
            out.append((s, min(g, out[-1][1]) if out else g))
        return out


def ln_interp(table, stress, extend):
    """ΔG at `stress` from straight lines in ln ΔG between the table's points; None outside unless `extend`."""
    if len(table) < 2:
        return None
    if not extend and not table[0][0] <= stress <= table[-1][0]:
        return None
    k = 0
    while k < len(table) - 2 and stress > table[k + 1][0]:
        k += 1
    (s0, g0), (s1, g1) = table[k], table[k + 1]
    slope = (math.log(g1) - math.log(g0)) / (s1 - s0)
    return g0 * math.exp(slope * (stress - s0)), slope


def first_passage_stress(table, sigma_off, sites, strain_rate, temperature_K=300.0):
    """Applied stress [GPa] where N ν_D e^(−ΔG/kT) = Ω E ε̇/kT (Ω = −dΔG/dσ [eV/GPa]), ΔG at σ + sigma_off."""
    kt = KB_EV * temperature_K

    def mismatch(sigma):
        g, slope = ln_interp(table, sigma + sigma_off, extend=True)
        omega = max(-slope * g, 1e-12)
        return math.log(sites * NU_D) - g / kt - math.log(omega * E_112_GPA * strain_rate / kt)

    lo, hi = -sigma_off, 20.0
    if mismatch(lo) > 0.0:
        return lo
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if mismatch(mid) > 0.0:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


def load_segments(paths, site, pulls=(), lower_band=False):
    segments = {}
    for path, pull_only in [(p, False) for p in paths] + [(p, True) for p in pulls]:
        doc = json.loads(pathlib.Path(path).read_text())
        key = (doc["segment"]["diameter_A"], doc["segment"]["length_A"])
        segments.setdefault(key, Segment(*key)).add(doc, site, pull_only, lower_band)
    return [segments[k] for k in sorted(segments) if segments[k].raw]


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--pull", nargs="+", default=[], help="files that give only the ε = 0 stress σ_s")
    ap.add_argument("--site", default="edge")
    ap.add_argument("--rate", type=float, default=1e-3, help="strain rate [1/s] of table 3")
    ap.add_argument("--step", type=float, default=0.25, help="spacing of table 2's core stresses [GPa]")
    ap.add_argument("--lower-band", action="store_true", help="refined points: the lower of the two bands' barriers")
    a = ap.parse_args(argv)
    segs = load_segments(a.files, a.site, a.pull, a.lower_band)
    missing = [f"{s.diameter_A:g} Å" for s in segs if s.sigma_s is None]
    if missing:
        raise SystemExit(f"nucleation_size.py: no ε = 0 point (σ_s) for the segment(s) {', '.join(missing)}")

    print("## 1. Segments")
    print("| D [Å] | L [Å] | atoms | σ_s [GPa] | usable points (σ_n, σ_c, ΔG) |")
    print("| ---: | ---: | ---: | ---: | --- |")
    for s in segs:
        pts = "; ".join(f"{sn:.2f}, {sn - s.sigma_s:.2f}, {g:.3f}" for sn, g in s.table())
        print(f"| {s.diameter_A:g} | {s.length_A:g} | {s.atoms} | {s.sigma_s:.3f} | {pts} |")

    print("\n## 2. ΔG [eV] at equal core stress σ_c = σ_n − σ_s (within each segment's points; Δ from the largest)")
    ref = segs[-1]
    ref_core = [(sn - ref.sigma_s, g) for sn, g in ref.table()]
    lo = min(sn - s.sigma_s for s in segs for sn, _ in s.table())
    hi = max(sn - s.sigma_s for s in segs for sn, _ in s.table())
    grid = [round(a.step * k, 6) for k in range(math.ceil(lo / a.step), math.floor(hi / a.step) + 1)]
    print("| σ_c [GPa] | " + " | ".join(f"{s.diameter_A:g} Å" for s in segs) + " |")
    print("| ---: |" + " ---: |" * len(segs))
    for c in grid:
        cells = []
        r = ln_interp(ref_core, c, extend=False)
        for s in segs:
            v = ln_interp([(sn - s.sigma_s, g) for sn, g in s.table()], c, extend=False)
            if v is None:
                cells.append("")
            elif r is None or s is ref:
                cells.append(f"{v[0]:.3f}")
            else:
                cells.append(f"{v[0]:.3f} ({v[0] - r[0]:+.3f})")
        print(f"| {c:.2f} | " + " | ".join(cells) + " |")

    print(f"\n## 3. Applied stress [GPa] at which the edge of a D-nm wire fires, Eq. 2 at {a.rate:g} /s, 300 K")
    print("| segment | " + " | ".join(f"{d:g} nm (N = {n})" for d, n in WIRES) + " |")
    print("| --- |" + " ---: |" * len(WIRES))
    for s in segs:
        cells = []
        for d, n in WIRES:
            off = s.sigma_s * (1.0 - s.diameter_A / (10.0 * d))
            cells.append(f"{first_passage_stress(s.table(), off, n, a.rate):.2f}")
        print(f"| {s.diameter_A:g} Å (σ_s {s.sigma_s:.2f}) | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
