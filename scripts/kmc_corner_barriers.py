#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Nucleation barriers at corners the KMC made, against the production law of the class detected there.

    scripts/kmc_corner_barriers.py LAW_FILE RUN_DIR [RUN_DIR ...]

LAW_FILE is a material's production nucleation.json (data/nucleation/Ag/classes_D25/nucleation.json);
each RUN_DIR holds the nucleation.json of `surfkmc atomistic nucleation --surface ...` on the same segment
(docs/atomistic.md). For every corner (site kmc_s<shift>) and strain it takes the class of the detected site
nearest the corner within 6 Å (none: the edge, the ideal cut's class there), reads that class's law at the
point's own segment stress by the production rule of tabulated laws (docs/model.md, "Tabulated laws": ln ΔG
linear in σ between the usable points of the non-increasing envelope, the end intervals extended; steps of
h ≥ 5 take the tallest computed step's table, as runs do), and prints ΔG_KMC − ΔG_law. Then, per strain,
the mean difference with its standard error over corners and, treating each run (frame) as one sample, over
runs. Only usable points (`used_in_fit`) enter. Nothing but the files named is read.

A hazard sums rates, so a third column gives the Boltzmann mean over corners at 300 K,
ΔG_eff − ΔG_law = −k_BT ln⟨exp(−(ΔG_KMC − ΔG_law)/k_BT)⟩: how much lower a uniform barrier would give the
corners' summed rate. Its standard error is a bootstrap over corners (2000 resamples, fixed seed); since
neighbouring corners of one frame share atoms, the last column takes each run's own Boltzmann mean and gives
their mean and standard error over runs. A last
table splits the corners by what the KMC did within 5 Å of them: more sites vacated than filled against the
ideal cut (the edge retreated), more filled (advanced), or neither.
"""
import json
import math
import pathlib
import random
import statistics
import sys

KT_300_EV = 8.617333262e-5 * 300.0  # k_B T at 300 K [eV]


def mean_se(values):
    n = len(values)
    if n == 0:
        return float("nan"), float("nan")
    m = sum(values) / n
    if n < 2:
        return m, float("nan")
    return m, math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1) / n)


class Table:
    """ln ΔG linear in σ through the non-increasing envelope of the usable points."""

    def __init__(self, points):
        pts = sorted((p["stress_GPa"], p["barrier_eV"]) for p in points if p.get("used_in_fit"))
        if len(pts) < 2:
            raise ValueError("fewer than 2 usable points")
        lowest = math.inf
        self.s, self.ln = [], []
        for s, g in pts:
            lowest = min(lowest, g)
            self.s.append(s)
            self.ln.append(math.log(lowest))

    def energy(self, sigma):
        s, ln = self.s, self.ln
        k = 0
        while k < len(s) - 2 and sigma > s[k + 1]:
            k += 1
        t = (sigma - s[k]) / (s[k + 1] - s[k])
        return math.exp(ln[k] + t * (ln[k + 1] - ln[k]))


def boltzmann(diffs):
    """−k_BT ln⟨exp(−d/k_BT)⟩ over the differences d [eV]."""
    low = min(diffs)
    return low - KT_300_EV * math.log(sum(math.exp(-(d - low) / KT_300_EV) for d in diffs) / len(diffs))


def bootstrap_se(diffs, resamples=2000, seed=27):
    rng = random.Random(seed)
    return statistics.stdev(boltzmann([rng.choice(diffs) for _ in diffs]) for _ in range(resamples))


def law_name(corner, tables):
    near = corner.get("detected_sites_within_6_A", [])
    if not near:
        return "edge", "none"
    site = min(near, key=lambda d: d["distance_A"])
    kind, size = site["class"], site["size"]
    label = f"{kind}" + (f" h={size}" if kind == "multi_step" else f" m={size}" if kind == "pit" else "")
    if kind == "facet_edge":
        return "edge", label
    if kind in ("step", "multi_step", "slip_step"):
        h = max(1, size)
        steps = sorted(int(n[6:]) for n in tables if n.startswith("step_h"))
        h = min(h, steps[-1])
        return f"step_h{h}", label
    if kind == "pit":
        pits = sorted(int(n[5:]) for n in tables if n.startswith("pit_m"))
        m = max(p for p in pits if p <= size) if any(p <= size for p in pits) else pits[0]
        return f"pit_m{m}", label
    raise ValueError(f"unknown class {kind}")


def law_tables(law):
    """The class tables of a production nucleation.json; a site with fewer than 2 usable points is no law (as in runs)."""
    return {name: Table(site["points"]) for name, site in law["sites"].items()
            if sum(1 for p in site["points"] if p.get("used_in_fit")) >= 2}


def corner_rows(law, tables, run):
    """Every point of RUN_DIR's corners as a dict: name, label, law, moved, strain, and for usable points
    stress, barrier, expected, diff and kind (retreated / advanced / neither within 5 Å)."""
    j = json.loads((pathlib.Path(run) / "nucleation.json").read_text())
    if j["segment"] != law["segment"] or j["settings"] != law["settings"]:
        sys.exit(f"{run}: another segment or NEB settings than the law's")
    for name, site in sorted(j["sites"].items(), key=lambda kv: int(kv[0][5:])):
        corner = site["corner"]
        which, label = law_name(corner, tables)
        moved = (f"{corner['added_within_A']['5']}/{corner['removed_within_A']['5']}, "
                 f"{corner['added_within_A']['10']}/{corner['removed_within_A']['10']}")
        net = corner["added_within_A"]["5"] - corner["removed_within_A"]["5"]
        kind = "retreated" if net < 0 else "advanced" if net > 0 else "neither"
        for p in site["points"]:
            row = {"name": name, "label": label, "law": which, "moved": moved, "strain": p["strain"], "kind": kind,
                   "usable": bool(p.get("used_in_fit"))}
            if row["usable"]:
                expected = tables[which].energy(p["stress_GPa"])
                row.update(stress=p["stress_GPa"], barrier=p["barrier_eV"], expected=expected,
                           diff=p["barrier_eV"] - expected)
            yield row


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    law = json.loads(pathlib.Path(argv[1]).read_text())
    tables = law_tables(law)
    by_strain, by_run, by_change = {}, {}, {}
    print("| run | corner | class at corner | law | added / removed within 5, 10 Å | ε | σ [GPa] | ΔG_KMC [eV] "
          "| ΔG_law(σ) [eV] | difference [eV] |")
    print("| --- | --- | --- | --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for run in argv[2:]:
        for r in corner_rows(law, tables, run):
            head = f"| {run} | {r['name']} | {r['label']} | {r['law']} | {r['moved']} | {r['strain']} |"
            if not r["usable"]:
                print(f"{head} — | unusable | | |")
                continue
            by_strain.setdefault(r["strain"], []).append(r["diff"])
            by_run.setdefault((r["strain"], run), []).append(r["diff"])
            by_change.setdefault((r["strain"], r["kind"]), []).append(r["diff"])
            print(f"{head} {r['stress']:.3f} | {r['barrier']:.3f} | {r['expected']:.3f} | {r['diff']:+.3f} |")
    print()
    print("| ε | corners | mean ΔG_KMC − ΔG_law [eV] | SE over corners | runs | SE over runs (run means) "
          "| Boltzmann mean at 300 K [eV] | bootstrap SE | Boltzmann mean per run, mean ± SE over runs [eV] |")
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for strain in sorted(by_strain):
        m, se = mean_se(by_strain[strain])
        run_means = [sum(v) / len(v) for (e, _), v in by_run.items() if e == strain]
        _, se_runs = mean_se(run_means)
        d = by_strain[strain]
        run_b = mean_se([boltzmann(v) for (e, _), v in by_run.items() if e == strain])
        print(f"| {strain} | {len(d)} | {m:+.3f} | {se:.3f} | {len(run_means)} | {se_runs:.3f} "
              f"| {boltzmann(d):+.3f} | {bootstrap_se(d):.3f} | {run_b[0]:+.3f} ± {run_b[1]:.3f} |")
    print()
    print("| ε | edge within 5 Å | corners | mean ΔG_KMC − ΔG_law [eV] | SE |")
    print("| ---: | --- | ---: | ---: | ---: |")
    for (strain, kind), d in sorted(by_change.items()):
        m, se = mean_se(d)
        print(f"| {strain} | {kind} | {len(d)} | {m:+.3f} | {se:.3f} |")


if __name__ == "__main__":
    main(sys.argv)
