#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Plain vs rate-scaled D_s from a sweep over acceleration.rate_scaling, beside the runs' own bias probes.

    scripts/acceleration_table.py RESULTS_DIR

RESULTS_DIR is a `surfkmc sweep --series` folder of scenarios/validation/acceleration_catalogue_ag.yaml
(or any sweep whose keys include acceleration.rate_scaling and one other swept key). For each value
of the other key it prints one Markdown row: D_s at the end of the run (the last row of each
replica's series/p<point>_r<replica>.csv), mean ± standard error over the replicas, plain and
scaled; their ratio with its standard error (first-order propagation of the two independent means);
and the bias the rate-scaled replicas measured themselves (summary.json points[].rate_scaling_bias),
with the number of events per replica. Nothing but the folder's files is read.
"""
import csv
import json
import math
import pathlib
import sys


def mean_se(values):
    n = len(values)
    m = sum(values) / n
    if n < 2:
        return m, float("nan")
    var = sum((v - m) ** 2 for v in values) / (n - 1)
    return m, math.sqrt(var / n)


def last_row(path):
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    return rows[-1]


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    folder = pathlib.Path(sys.argv[1])
    summary = json.loads((folder / "summary.json").read_text())
    keys = summary["keys"]
    other = [k for k in keys if k != "acceleration.rate_scaling"]
    if "acceleration.rate_scaling" not in keys or len(other) != 1:
        sys.exit("the sweep must have acceleration.rate_scaling and one other key")
    rows = {}
    for p in summary["points"]:
        value = p["values"][other[0]]
        scaled = p["values"]["acceleration.rate_scaling"] in (True, "true")
        ds, events = [], []
        for r in range(p["replicas"]):
            last = last_row(folder / "series" / f"p{p['point']:05d}_r{r:04d}.csv")
            ds.append(float(last["surface_diffusivity_m2_per_s"]))
            events.append(float(last["events"]))
        rows.setdefault(value, {})["scaled" if scaled else "plain"] = (mean_se(ds), mean_se(events), p)
    print(f"| {other[0]} | D_s plain [m²/s] | D_s scaled [m²/s] | scaled / plain | probe: transport ratio | "
          "probe time [s] | events per replica, plain / scaled |")
    print("| ---: | --- | --- | --- | --- | --- | --- |")
    for value, arms in rows.items():
        (pm, ps), (pe, _), _ = arms["plain"]
        (sm, ss), (se_, _), point = arms["scaled"]
        ratio = sm / pm
        ratio_se = ratio * math.sqrt((ss / sm) ** 2 + (ps / pm) ** 2)
        bias = point.get("rate_scaling_bias", {"measured": False})
        probe = (f"{bias['transport_ratio']:.3f} ± {bias['standard_error']:.3f} ({bias['probes']} probes)"
                 if bias.get("measured") else "not measured")
        probe_time = f"{bias['probe_time_s']:.3g}" if bias.get("measured") else "-"
        print(f"| {value} | {pm:.3g} ± {ps:.2g} | {sm:.3g} ± {ss:.2g} | {ratio:.3f} ± {ratio_se:.3f} | {probe} | "
              f"{probe_time} | {pe:.3g} / {se_:.3g} |")


if __name__ == "__main__":
    main()
