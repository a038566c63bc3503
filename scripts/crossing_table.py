#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""The crossing table of docs/atomistic.md ("Results: Ag crossings", "Results: Pt crossings") from a hop file.

    scripts/crossing_table.py HOPS_JSON

HOPS_JSON is an output of `surfkmc atomistic hops --crossings on` (e.g. data/energetics/Ag_hops_v2.json). For
every rim sample (a sample with `crossings`), by its rim entry class (n, 2, c): how many samples, how many have a
valid crossing (a hop or an exchange with status valid, to any exit), the mean and range of each sample's lowest
valid forward barrier, whether that lowest move is a hop or an exchange, and whether its exit is a nearest
neighbour of the origin a (`k_is_neighbour_of_origin`). Prints a Markdown table.
"""
import json
import statistics
import sys
from collections import defaultdict


def lowest_crossings(hops):
    """{class: [lowest (E_f, mechanism, exit next to a) or None, per rim sample]}."""
    rows = defaultdict(list)
    for s in hops["samples"]:
        if not s.get("crossings"):
            continue
        best = None
        for exit_ in s["crossings"]:
            moves = []
            hop = exit_.get("hop")
            if hop and hop["status"] == "valid":
                moves.append((hop["barrier_forward_eV"], "hop", exit_["k_is_neighbour_of_origin"]))
            for x in exit_.get("exchanges", []):
                if x["status"] == "valid":
                    moves.append((x["barrier_forward_eV"], "exchange", exit_["k_is_neighbour_of_origin"]))
            for m in moves:
                if best is None or m[0] < best[0]:
                    best = m
        rows[tuple(s["class"])].append(best)
    return rows


def table(hops):
    out = ["| rim entry class | samples | with a valid crossing | lowest E_f [eV], mean (range) | "
           "lowest by hop / exchange | lowest exit a neighbour of a |",
           "| --- | ---: | ---: | --- | ---: | ---: |"]
    for cls, samples in sorted(lowest_crossings(hops).items()):
        valid = [b for b in samples if b]
        e = [b[0] for b in valid]
        barrier = f"{statistics.mean(e):.3f} ({min(e):.3f}–{max(e):.3f})" if e else "—"
        hops_, exchanges = sum(b[1] == "hop" for b in valid), sum(b[1] == "exchange" for b in valid)
        out.append(f"| ({cls[0]},{cls[1]},{cls[2]}) | {len(samples)} | {len(valid)} | {barrier} | "
                   f"{hops_} / {exchanges} | {sum(bool(b[2]) for b in valid)} |")
    return "\n".join(out)


def main(args):
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        print(table(json.load(f)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
