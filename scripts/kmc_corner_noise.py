#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""How much of the corners' Boltzmann mean the NEB's own scatter would give on its own.

    scripts/kmc_corner_noise.py LAW_FILE --pairs RUN_A RUN_B [--pairs RUN_A RUN_B ...] RUN_DIR [RUN_DIR ...]

The Boltzmann mean over a frame's corners (scripts/kmc_corner_barriers.py) weighs the lowest barriers most, so a
scatter of the single NEB values about the true barriers lowers it even where every corner is the same. Each
--pairs names two computations of the same corners with two NEB settings (e.g. 9 and 11 intermediate images);
their differences at equal corner and strain size the scatter of one value, σ_path = RMS(difference)/√2 (both
settings taken as equally scattered and unbiased), with a bootstrap standard error over the pairs. For each
RUN_DIR and strain it then gives the gap between the Boltzmann mean and the plain mean of ΔG_KMC − ΔG_law over
the run's corners, and the same gap for as many corners whose barriers differ by path scatter alone (Gaussian,
σ_path; 4000 draws, fixed seed): its mean and 5–95 % range, and the fraction of draws with a gap at least as
negative as the run's. The excess (gap − null mean) is the part of the gap the NEB's scatter does not explain.
The last table averages, per strain, the runs' means, gaps and excesses (± SE over runs), and the mean plus
excess again with σ_path one standard error lower and higher (the null gap grows about as σ_path²). docs/atomistic.md,
"Corners the KMC made".
"""
import json
import math
import pathlib
import random
import statistics
import sys

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from kmc_corner_barriers import boltzmann, corner_rows, law_tables, mean_se  # noqa: E402

DRAWS = 4000


def usable_points(run):
    """(corner, strain) → barrier [eV] of RUN_DIR's usable points."""
    j = json.loads((pathlib.Path(run) / "nucleation.json").read_text())
    return {(name, p["strain"]): p["barrier_eV"] for name, site in j["sites"].items() for p in site["points"]
            if p.get("used_in_fit")}


def path_scatter(pairs, resamples=2000, seed=28):
    """σ_path [eV] and its bootstrap SE from the differences of paired computations."""
    diffs = []
    for a, b in pairs:
        pa, pb = usable_points(a), usable_points(b)
        diffs += [pb[k] - pa[k] for k in sorted(set(pa) & set(pb))]
    if len(diffs) < 2:
        sys.exit("fewer than 2 corners computed with both settings")

    def sigma(d):
        return math.sqrt(sum(x * x for x in d) / len(d) / 2.0)

    rng = random.Random(seed)
    se = statistics.stdev(sigma([rng.choice(diffs) for _ in diffs]) for _ in range(resamples))
    return sigma(diffs), se, len(diffs)


def gap(diffs):
    return boltzmann(diffs) - sum(diffs) / len(diffs)


def null_gaps(n, sigma, seed):
    rng = random.Random(seed)
    return sorted(gap([rng.gauss(0.0, sigma) for _ in range(n)]) for _ in range(DRAWS))


def parse(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    law_path, pairs, runs = argv[1], [], []
    rest = argv[2:]
    while rest:
        if rest[0] == "--pairs":
            if len(rest) < 3:
                sys.exit("--pairs needs two run folders")
            pairs.append((rest[1], rest[2]))
            rest = rest[3:]
        else:
            runs.append(rest[0])
            rest = rest[1:]
    if not pairs or not runs:
        sys.exit(__doc__)
    return law_path, pairs, runs


def main(argv):
    law_path, pairs, runs = parse(argv)
    law = json.loads(pathlib.Path(law_path).read_text())
    tables = law_tables(law)
    sigma, sigma_se, n_pairs = path_scatter(pairs)
    print(f"σ_path = {sigma:.3f} ± {sigma_se:.3f} eV from {n_pairs} paired points")
    print()
    print("| run | ε | corners | mean [eV] | SD [eV] | Boltzmann mean [eV] | gap [eV] | null gap, mean [5–95 %] [eV] "
          "| P(null ≤ gap) | excess [eV] |")
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: |")
    per_strain = {}
    for i, run in enumerate(runs):
        by_strain = {}
        for r in corner_rows(law, tables, run):
            if r["usable"]:
                by_strain.setdefault(r["strain"], []).append(r["diff"])
        for strain, d in sorted(by_strain.items()):
            if len(d) < 2:
                continue
            g = gap(d)
            null = null_gaps(len(d), sigma, seed=1000 * i + round(strain * 1e4))
            null_mean = sum(null) / len(null)
            p = sum(1 for x in null if x <= g) / len(null)
            mean = sum(d) / len(d)
            print(f"| {run} | {strain} | {len(d)} | {mean:+.3f} | {statistics.stdev(d):.3f} | {boltzmann(d):+.3f} "
                  f"| {g:+.3f} | {null_mean:+.3f} [{null[len(null) // 20]:+.3f}, {null[-len(null) // 20]:+.3f}] "
                  f"| {p:.2f} | {g - null_mean:+.3f} |")
            # The excess again with σ_path one standard error lower and higher (the null gap grows with σ_path).
            shifted = [g - statistics.fmean(null_gaps(len(d), sigma + k * sigma_se, seed=1000 * i + 7))
                       for k in (-1.0, 1.0)]
            per_strain.setdefault(strain, []).append((mean, g, g - null_mean, *shifted))
    print()
    print("| ε | runs | mean [eV] | gap [eV] | excess [eV] | mean + excess [eV] | mean + excess, σ_path ∓ SE [eV] |")
    print("| ---: | ---: | --- | --- | --- | --- | --- |")
    for strain, rows in sorted(per_strain.items()):
        cols = [mean_se([r[k] for r in rows]) for k in range(3)] + [mean_se([r[0] + r[2] for r in rows])]
        low, high = (statistics.fmean(r[0] + r[k] for r in rows) for k in (3, 4))
        print(f"| {strain} | {len(rows)} | " + " | ".join(f"{m:+.3f} ± {se:.3f}" for m, se in cols)
              + f" | {low:+.3f} … {high:+.3f} |")


if __name__ == "__main__":
    main(sys.argv)
