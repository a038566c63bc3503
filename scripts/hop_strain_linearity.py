#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""How linear each hop pair's barrier is in axial strain beyond the ±1 % the KMC's slopes come from.

    scripts/hop_strain_linearity.py ZERO LOW HIGH EXTRA [EXTRA ...]

ZERO, LOW and HIGH are the hops.json files a material's `hop_catalogue` names (file, strain_response.low and
.high); EXTRA are the same hops computed at other axial strains (`surfkmc atomistic hops --axial-strain`,
same scenario). Every file must hold the same hops index by index (same scenario hash, same class at each
index), as the loader requires of LOW and HIGH.

The KMC moves a pair's K = (forward + backward)/2 linearly: K(e) = K(0) + e dK/de, with dK/de the mean over
the pair's samples of (K(HIGH) − K(LOW))/(e_high − e_low) (kmc/hop_table.cpp, addStrainResponse). Here, on
the samples valid at every strain given, each pair's measured shift K(e) − K(0) at each EXTRA strain is set
beside that linear prediction: each sample's shift less its own linear extrapolation (measured − linear),
mean ± standard error over the pair's samples. The same is done for the pair energy: the least-squares slope through zero of the end-state energy
change against n_i − n_j, from LOW/HIGH and from ZERO to each EXTRA. Prints Markdown; reads nothing else.
"""
import json
import math
import sys


def load(path):
    """(axial strain, scenario hash, samples) of one hops.json."""
    with open(path) as f:
        j = json.load(f)
    return j["settings"]["axial_strain"], j["provenance"].get("scenario_hash", ""), j["samples"]


def kra(sample):
    return 0.5 * (sample["barrier_forward_eV"] + sample["barrier_backward_eV"])


def pair_of(sample):
    n_i, n_j, c = sample["class"]
    return (min(n_i, n_j), max(n_i, n_j), c)


def mean_se(values):
    n = len(values)
    m = sum(values) / n
    if n < 2:
        return m, float("nan")
    return m, math.sqrt(sum((v - m) ** 2 for v in values) / (n - 1) / n)


def check_same_hops(files):
    """Raises ValueError unless every file samples the same scenario with the same class at each index."""
    _, hash0, samples0 = files[0]
    for strain, h, samples in files[1:]:
        if h != hash0:
            raise ValueError(f"the file at strain {strain:g} samples another scenario ({h} against {hash0})")
        if len(samples) != len(samples0):
            raise ValueError(f"the file at strain {strain:g} holds {len(samples)} hops, not {len(samples0)}")
        for i, (a, b) in enumerate(zip(samples0, samples)):
            if a["class"] != b["class"]:
                raise ValueError(f"hop {i} has class {b['class']} at strain {strain:g}, {a['class']} at 0")


def analyse(zero, low, high, extras):
    """Per pair: samples, dK/de from LOW/HIGH, and per extra strain the (measured, linear, difference) shifts
    as (mean, se) over the samples valid at every strain; and the pair-energy slopes."""
    files = [zero, low, high] + extras
    check_same_hops(files)
    e_lo, e_hi = low[0], high[0]
    if not (zero[0] == 0.0 and e_lo < 0.0 < e_hi):
        raise ValueError("ZERO must be at strain 0, LOW below it and HIGH above it")
    span = e_hi - e_lo
    valid = [i for i in range(len(zero[2])) if all(f[2][i]["status"] == "valid" for f in files)]
    by_pair = {}
    for i in valid:
        by_pair.setdefault(pair_of(zero[2][i]), []).append(i)
    pairs = {}
    for pair, idx in sorted(by_pair.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        slopes = [(kra(high[2][i]) - kra(low[2][i])) / span for i in idx]
        slope = sum(slopes) / len(slopes)
        per_extra = []
        for e, _, samples in extras:
            measured = [kra(samples[i]) - kra(zero[2][i]) for i in idx]
            # Paired: each sample against its own linear extrapolation, so the spread of slopes between
            # samples of a pair cancels and what is left is the curvature.
            off = [m - s * e for m, s in zip(measured, slopes)]
            per_extra.append((mean_se(measured), slope * e, mean_se(off)))
        pairs[pair] = (len(idx), slope, per_extra)

    def pair_energy_slope(a, b, de):
        sxy = sxx = 0.0
        for i in valid:
            n_i, n_j, _ = zero[2][i]["class"]
            dn = n_i - n_j
            sxy += (b[2][i]["delta_energy_eV"] - a[2][i]["delta_energy_eV"]) / de * dn
            sxx += dn * dn
        return sxy / sxx if sxx > 0 else 0.0

    energy = [pair_energy_slope(low, high, span)] + [pair_energy_slope(zero, x, x[0]) for x in extras]
    return len(valid), pairs, energy


def markdown(n_valid, pairs, energy, extras):
    strains = ", ".join(f"{100 * x[0]:+g} %" for x in extras)
    out = [f"{n_valid} samples valid at 0, the two slope strains and {strains}.", ""]
    head = "| pair (a, b, c) | samples | dK/de (±1 %) [eV] |"
    rule = "| --- | ---: | ---: |"
    for x in extras:
        e = f"{100 * x[0]:+g} %"
        head += f" K({e}) − K(0) [meV] | linear [meV] | measured − linear [meV] |"
        rule += " ---: | ---: | ---: |"
    out += [head, rule]
    for pair, (n, slope, per_extra) in pairs.items():
        row = f"| {pair} | {n} | {slope:+.3f} |"
        for (m, m_se), linear, (d, d_se) in per_extra:
            row += f" {1e3 * m:+.1f} ± {1e3 * m_se:.1f} | {1e3 * linear:+.1f} | {1e3 * d:+.1f} ± {1e3 * d_se:.1f} |"
        out.append(row)
    out += ["", "Pair-energy slope dε/de [eV per unit strain]: "
            + "; ".join([f"from ±1 % {energy[0]:+.3f}"]
                        + [f"from 0 to {100 * x[0]:+g} % {s:+.3f}" for x, s in zip(extras, energy[1:])])]
    return "\n".join(out)


def main(argv):
    if len(argv) < 5:
        sys.exit(__doc__)
    zero, low, high = (load(p) for p in argv[1:4])
    extras = [load(p) for p in argv[4:]]
    try:
        n_valid, pairs, energy = analyse(zero, low, high, extras)
    except ValueError as e:
        sys.exit(f"hop_strain_linearity: {e}")
    print(markdown(n_valid, pairs, energy, extras))


if __name__ == "__main__":
    main(sys.argv)
