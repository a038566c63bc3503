#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Best of two NEB settings at KMC-made corners: the lower barrier per corner, against the law's lower one.

    scripts/kmc_corner_best_of_two.py LAW_FILE LAW_EXTRA RUN_A RUN_B [RUN_B2 ...]

LAW_FILE is the production nucleation.json (data/nucleation/Ag/classes_D25/nucleation.json); LAW_EXTRA a
nucleation.json of the ideal edge computed with the other setting (e.g. 11 images) at some of the law's strains;
RUN_A the corners with the production setting, RUN_B... the same corners (same surface, frame and strain) with
the other. Only (corner, strain) pairs the other setting computed enter. Per corner it takes the lower of the usable barriers (a converged band that finds the higher saddle
has missed the lower path), and for the law, point by point at equal strain, the lower of the two (the edge table
of the production rule then runs through those points). It prints each corner and the mean and Boltzmann mean
(300 K) of ΔG_best − ΔG_law,best, the latter with a bootstrap standard error over corners, and the same for the
production setting alone on the same corners. docs/atomistic.md, "Corners the KMC made".
"""
import json
import pathlib
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from kmc_corner_barriers import Table, boltzmann, bootstrap_se, mean_se  # noqa: E402


def load(path):
    p = pathlib.Path(path)
    return json.loads((p / "nucleation.json" if p.is_dir() else p).read_text())


def usable(site):
    return {p["strain"]: p for p in site["points"] if p.get("used_in_fit")}


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    law = load(argv[1])["sites"]["edge"]["points"]
    extra = {p["strain"]: p for p in load(argv[2])["sites"]["edge"]["points"] if p.get("used_in_fit")}
    best_law = []
    for p in law:
        q = dict(p)
        if p.get("used_in_fit") and p["strain"] in extra and extra[p["strain"]]["barrier_eV"] < p["barrier_eV"]:
            q["barrier_eV"] = extra[p["strain"]]["barrier_eV"]
        best_law.append(q)
    table, best_table = Table(law), Table(best_law)
    a = load(argv[3])["sites"]
    b = {}
    for run in argv[4:]:
        b.update(load(run)["sites"])
    single, best = [], []
    print("| corner | ε | σ [GPa] | ΔG, production setting [eV] | ΔG, other [eV] | best − law(best) [eV] |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for name in sorted(a, key=lambda n: int(n[5:])):
        computed = {q["strain"] for q in b.get(name, {"points": []})["points"]}  # the other setting's strains
        for strain, p in usable(a[name]).items():
            if strain not in computed:
                continue
            q = usable(b[name]).get(strain)
            other = q["barrier_eV"] if q else None
            low = min(p["barrier_eV"], other) if other is not None else p["barrier_eV"]
            single.append(p["barrier_eV"] - table.energy(p["stress_GPa"]))
            best.append(low - best_table.energy(p["stress_GPa"]))
            shown = f"{other:.3f}" if other is not None else "unusable"
            print(f"| {name} | {strain} | {p['stress_GPa']:.3f} | {p['barrier_eV']:.3f} | {shown} | {best[-1]:+.3f} |")
    print()
    print("| estimator | corners | mean difference [eV] | SE | Boltzmann mean at 300 K [eV] | bootstrap SE |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    for label, d in (("production setting alone", single), ("best of two", best)):
        m, se = mean_se(d)
        print(f"| {label} | {len(d)} | {m:+.3f} | {se:.3f} | {boltzmann(d):+.3f} | {bootstrap_se(d):.3f} |")


if __name__ == "__main__":
    main(sys.argv)
