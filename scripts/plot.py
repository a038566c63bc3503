#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""Redraw a surfkmc results folder's figures from its CSVs with matplotlib (python3-matplotlib).

    scripts/plot.py RESULTS_DIR [--format pdf|png|svg]

A sweep folder (points.csv, stress_strain.csv, summary.json) gives yield_vs_diameter and
stress_strain; a run folder gives timeseries (KMC-only: surface energy and roughness against time;
loaded: stress against strain per replica). Figures are written into RESULTS_DIR as
<name>.mpl.<format>, beside the gnuplot ones. Nothing but the CSVs and summary.json is read.
"""
import argparse
import csv
import json
import math
import pathlib
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

# Replica endings as the figures tell them (the same markers as the gnuplot figures).
ENDINGS = {
    "nucleated": dict(marker="o", fillstyle="full", label="nucleated (one replica)"),
    "crept": dict(marker="^", fillstyle="none", label="crept, no nucleation (one replica)"),
    "cut_short": dict(marker="x", fillstyle="full", label="cut short by max_events (one replica)"),
    "flowed": dict(marker="s", fillstyle="full", label="went on past its first nucleation (one replica)"),
}


def read_csv(path):
    """Rows of a surfkmc CSV as dicts, skipping its '#' provenance line."""
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(line for line in f if not line.startswith("#")))


def number(text):
    try:
        return float(text)
    except (TypeError, ValueError):
        return math.nan


def ending(row):
    if int(float(row.get("slip_events") or 0)) > 0:
        return "flowed"
    if row["stop_reason"] == "nucleated":
        return "nucleated"
    return "cut_short" if row["stop_reason"] == "max_events" else "crept"


def legend_below(ax, n):
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.13), ncol=min(3, max(1, n)), fontsize=8, frameon=False)


def yield_vs_diameter(folder, fmt):
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    points = {p["point"]: p for p in summary["points"]}
    if len({p["diameter_nm"] for p in points.values()}) < 2:
        return None
    fig, ax = plt.subplots(figsize=(7, 5.2))
    groups = {}
    for p in points.values():
        key = (p["material"], p["strain_rate_per_s"], p["temperature_K"])
        groups.setdefault(key, []).append(p)
    for (material, rate, temperature), ps in sorted(groups.items(), key=lambda kv: str(kv[0])):
        ps = sorted(ps, key=lambda p: p["diameter_nm"])
        d = [p["diameter_nm"] for p in ps]
        mean = [number(p["strength_GPa"]["mean"]) for p in ps]
        se = [number(p["strength_GPa"]["stderr"]) if p["strength_GPa"]["stderr"] is not None else 0.0 for p in ps]
        label = f"{material}, {rate:g} /s, {temperature:g} K: mean ± SE"
        line = ax.errorbar(d, mean, yerr=se, capsize=3, lw=1.8, label=label)
        ax.fill_between(d, [m - s for m, s in zip(mean, se)], [m + s for m, s in zip(mean, se)],
                        color=line[0].get_color(), alpha=0.18, lw=0)
    rows = read_csv(folder / "points.csv")
    for name, style in ENDINGS.items():
        mine = [r for r in rows if ending(r) == name]
        if mine:
            ax.plot([points[int(r["point"])]["diameter_nm"] for r in mine], [number(r["strength_GPa"]) for r in mine],
                    ls="none", color="black", ms=6, **style)
    ax.set_xlabel("Diameter D (nm)")
    ax.set_ylabel("Strength (GPa)")
    ax.set_title(f"Yield strength vs diameter ({summary['scenario']})")
    ax.grid(alpha=0.3)
    legend_below(ax, len(groups) + len(ENDINGS))
    return save(fig, folder / f"yield_vs_diameter.mpl.{fmt}")


def stress_strain(folder, fmt):
    endings = {(r["point"], r["replica"]): ending(r) for r in read_csv(folder / "points.csv")}
    curves = {}
    for r in read_csv(folder / "stress_strain.csv"):
        if r["replica"] == "0":
            curves.setdefault(r["point"], []).append((number(r["applied_strain"]), number(r["stress_GPa"])))
    summary = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    fig, ax = plt.subplots(figsize=(7, 5.2))
    styles = ["-", "--", ":", "-."]
    for i, (point, xy) in enumerate(sorted(curves.items(), key=lambda kv: int(kv[0]))):
        info = summary["points"][int(point)]
        line, = ax.plot([x for x, _ in xy], [y for _, y in xy], ls=styles[i % len(styles)], lw=1.6,
                        label=f"{point}: {info['material']}, D {info['diameter_nm']:g} nm")
        ax.plot(*xy[-1], ls="none", color=line.get_color(), ms=8, **{**ENDINGS[endings[(point, "0")]], "label": None})
    for name, style in ENDINGS.items():
        if name in {endings.get((p, "0")) for p in curves}:
            ax.plot([], [], ls="none", color="black", **{**style, "label": style["label"].replace("one replica", "end of curve")})
    ax.set_xlabel("Applied strain")
    ax.set_ylabel("Stress (GPa)")
    ax.set_title(f"Stress-strain, replica 0 of each point ({summary['scenario']})")
    ax.grid(alpha=0.3)
    legend_below(ax, len(curves) + 2)
    return save(fig, folder / f"stress_strain.mpl.{fmt}")


def run_timeseries(folder, fmt):
    rows = read_csv(folder / "timeseries.csv")
    if not rows:
        return None
    fig, ax = plt.subplots(figsize=(7, 5.2))
    if "stress_GPa" in rows[0]:
        for replica in sorted({r["replica"] for r in rows}, key=int):
            mine = [r for r in rows if r["replica"] == replica]
            ax.plot([number(r["applied_strain"]) for r in mine], [number(r["stress_GPa"]) for r in mine],
                    lw=1.6, label=f"replica {replica}")
        ax.set_xlabel("Applied strain")
        ax.set_ylabel("Stress (GPa)")
    else:
        t = [number(r["time_s"]) for r in rows]
        ax.plot(t, [number(r["surface_energy_eV"]) for r in rows], lw=1.6, label="surface energy (eV)")
        ax.set_xlabel("Time (s)")
        ax.set_ylabel("Surface energy (eV)")
        twin = ax.twinx()
        twin.plot(t, [number(r["roughness_A"]) for r in rows], ls="--", color="C1", lw=1.6)
        twin.set_ylabel("Roughness (Å), dashed")
    ax.set_title(f"Time series ({folder.name})")
    ax.grid(alpha=0.3)
    legend_below(ax, 3)
    return save(fig, folder / f"timeseries.mpl.{fmt}")


def save(fig, path):
    fig.tight_layout()
    fig.savefig(path, dpi=150)
    plt.close(fig)
    return path


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("results_dir", type=pathlib.Path)
    parser.add_argument("--format", default="png", choices=["png", "pdf", "svg"])
    args = parser.parse_args()
    folder = args.results_dir
    if (folder / "points.csv").is_file():
        drawn = [yield_vs_diameter(folder, args.format), stress_strain(folder, args.format)]
    elif (folder / "timeseries.csv").is_file():
        drawn = [run_timeseries(folder, args.format)]
    else:
        sys.exit(f"{folder}: no points.csv or timeseries.csv: not a finished surfkmc results folder")
    for path in drawn:
        if path:
            print(path)


if __name__ == "__main__":
    main()
