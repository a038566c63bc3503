#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The KMC's effect per sweep point, paired replica by replica, for every swept key.

    scripts/paired_effects.py RESULTS_DIR [--pool KEY]...

`surfkmc compare` groups a sweep's points by material, diameter, strain rate and temperature, so points that
differ only in another swept key (the cut, `geometry.cut_shift_y`, say) are pooled there. This script keys each
point by all its swept values (summary.json points[].values) except `ablation`, and pairs the arms of one key
replica by replica (a sweep's arms share their random streams): for the strength and, where the points flowed,
the flow stress, it prints one Markdown row per key and ablated arm with the full and ablated means ± standard
error and the paired effect, full − ablated, ± the standard error of the differences. `--pool KEY` drops KEY from
the keying, so its values count as further sets of streams of one condition (e.g. `geometry.cut_shift_z`, which
cuts the same wire). Nothing but the folder's files is read.
"""
import csv
import json
import math
import pathlib
import statistics
import sys


def mean_se(values):
    """Mean and its standard error (NaN for one value)."""
    m = statistics.fmean(values)
    return m, statistics.stdev(values) / math.sqrt(len(values)) if len(values) > 1 else float("nan")


def number(text):
    try:
        v = float(text)
    except (TypeError, ValueError):
        return None
    return v if math.isfinite(v) else None


def order(value):
    """Sorts numbers as numbers and before text."""
    return (0, value, "") if isinstance(value, (int, float)) else (1, 0, str(value))


def load(folder):
    folder = pathlib.Path(folder)
    summary = json.loads((folder / "summary.json").read_text())
    values = {p["point"]: p.get("values", {}) for p in summary["points"]}
    rows = {}
    with open(folder / "points.csv", newline="") as f:
        lines = [line for line in f if not line.startswith("#")]
    for r in csv.DictReader(lines):
        rows[(int(r["point"]), int(r["replica"]))] = r
    return values, rows


def paired_effects(folder, pool=()):
    """[(key, ablated arm, column, n, (full mean, se), (ablated mean, se), (effect, se))] in key order."""
    values, rows = load(folder)
    conditions = {}  # key -> arm -> {(pooled values, replica): row}
    for (point, replica), row in rows.items():
        v = values[point]
        arm = v.get("ablation", row.get("ablation", "none"))
        key = tuple(sorted((k, x) for k, x in v.items() if k != "ablation" and k not in pool))
        pooled = tuple(sorted((k, str(x)) for k, x in v.items() if k in pool))
        conditions.setdefault(key, {}).setdefault(arm, {})[(pooled, replica)] = row
    out = []
    for key in sorted(conditions, key=lambda kv: [(k, order(x)) for k, x in kv]):
        arms = conditions[key]
        full = arms.get("none")
        if not full:
            continue
        for arm in sorted(a for a in arms if a != "none"):
            for column in ("strength_GPa", "flow_stress_GPa"):
                pairs = [(number(full[k].get(column)), number(arms[arm][k].get(column)))
                         for k in sorted(full) if k in arms[arm]]
                pairs = [(a, b) for a, b in pairs if a is not None and b is not None]
                if not pairs:
                    continue
                out.append((key, arm, column, len(pairs), mean_se([a for a, _ in pairs]),
                            mean_se([b for _, b in pairs]), mean_se([a - b for a, b in pairs])))
    return out


def main(argv):
    args, pool = [], []
    it = iter(argv[1:])
    for a in it:
        if a == "--pool":
            pool.append(next(it, ""))
        else:
            args.append(a)
    if len(args) != 1 or "" in pool:
        print(__doc__, file=sys.stderr)
        return 2
    print("| point | ablated arm | quantity | pairs | full [GPa] | ablated [GPa] | effect, paired [GPa] |")
    print("| --- | --- | --- | ---: | --- | --- | --- |")
    for key, arm, column, n, f, a, e in paired_effects(args[0], pool):
        name = ", ".join(f"{k} = {v}" for k, v in key) or "(all)"
        print(f"| {name} | {arm} | {column} | {n} | {f[0]:.4f} ± {f[1]:.4f} | {a[0]:.4f} ± {a[1]:.4f} | "
              f"{e[0]:+.4f} ± {e[1]:.4f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
