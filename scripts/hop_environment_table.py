#!/usr/bin/python3
# SPDX-License-Identifier: MIT
"""What keying the KMC's barriers by environment instead of by class would gain, measured on a hop file.

    scripts/hop_environment_table.py HOPS_JSON

HOPS_JSON is an output of `surfkmc atomistic hops` (e.g. data/energetics/Ag_hops_v2.json). With the pair
Hamiltonian H = −ε·(bonds) (ε = the file's `pair_energy_from_end_states_eV`), a hop i → j and its reverse share
a saddle energy S, and their barriers are E_f = S + ε n_i and E_b = S + ε n_j (n_j without the moving atom): any
table of S obeys detailed balance exactly, whatever its key, as long as a hop and its reverse read the same
entry. Each valid sample gives two estimates of its S, E_f − ε n_i and E_b − ε n_j.

Two keys are compared:
- class: (n_i, n_j, c) with its reverse (n_j, n_i, c) (what the KMC's table resolves);
- environment: the occupancy of the 18 sites next to i or j, reduced by the 4 lattice symmetries that fix the
  bond (the file's `environment`, kmc's HopEnvironments) and by the inversion through the bond's midpoint,
  which swaps i and j, so that a hop and its reverse have one key.

For each key: the number of entries, and the RMS and largest error of the forward barriers predicted by a
table of entry means, (a) in sample, (b) leaving each sample out of its own entry's mean (an entry with no
other sample falls back to the class entry without that sample; a class with no other sample is "not
covered"). docs/atomistic.md, "Keying by environment: what it would gain".
"""
import collections
import itertools
import json
import math
import sys

# kmc's kDirections (lattice/frame.hpp): the 12 <110>/2 neighbour vectors in cubic half-units, direction 0 first.
DIRECTIONS = [(1, 1, 0), (-1, -1, 0), (1, -1, 0), (-1, 1, 0), (1, 0, 1), (-1, 0, -1), (1, 0, -1), (-1, 0, 1),
              (0, 1, 1), (0, -1, -1), (0, 1, -1), (0, -1, 1)]


def add(a, b):
    return tuple(x + y for x, y in zip(a, b))


def environment_offsets(bond):
    """The sites next to i (at 0) or j (at bond), without i and j, sorted: HopEnvironments' bit order."""
    out = set()
    for d in DIRECTIONS:
        if d != bond:
            out.add(d)
        if add(bond, d) != (0, 0, 0):
            out.add(add(bond, d))
    return sorted(out)


def cubic_ops():
    for perm in itertools.permutations(range(3)):
        for signs in itertools.product((1, -1), repeat=3):
            yield lambda v, p=perm, s=signs: tuple(s[k] * v[p[k]] for k in range(3))


BOND = DIRECTIONS[0]
OFFSETS = environment_offsets(BOND)
INDEX = {u: k for k, u in enumerate(OFFSETS)}
assert len(OFFSETS) == 18
FIXING = [[INDEX[op(u)] for u in OFFSETS] for op in cubic_ops() if op(BOND) == BOND]
assert len(FIXING) == 4
SWAP = [INDEX[tuple(b - x for b, x in zip(BOND, u))] for u in OFFSETS]  # u ↦ bond − u


def permuted(bits, perm):
    return sum(1 << perm[k] for k in range(18) if bits >> k & 1)


def reduced(bits):
    return min(permuted(bits, p) for p in FIXING)


def pair_key(environment):
    """One key for a hop and its reverse: the smaller of the reduced keys of both directions."""
    return min(reduced(environment), reduced(permuted(environment, SWAP)))


def saddle_estimates(doc):
    """Per valid sample: (class pair key, environment pair key, [S from E_f, S from E_b], n_i, E_f, E_b)."""
    eps = doc["pair_energy_from_end_states_eV"]
    rows = []
    for s in doc["samples"]:
        # Learned samples (`surfkmc learn`) were chosen because their environment was missing, one each: they would
        # bias a comparison of keys on drawn samples, so it rests on the sampled ones alone.
        if not s.get("valid") or s.get("source") == "learned":
            continue
        n_i, n_j, c = s["class"]
        ef, eb = s["barrier_forward_eV"], s["barrier_backward_eV"]
        cls = (min(n_i, n_j), max(n_i, n_j), c)
        rows.append((cls, pair_key(s["environment"]), [ef - eps * n_i, eb - eps * n_j], n_i, ef, eb))
    return eps, rows


def errors(eps, rows, key_of):
    """(entries, in-sample RMS and max, held-out RMS and max, held-out compared, not covered)."""
    by_key = collections.defaultdict(list)
    by_cls = collections.defaultdict(list)
    for k, r in enumerate(rows):
        by_key[key_of(r)].append(k)
        by_cls[r[0]].append(k)

    def mean_of(indices):
        vals = [v for k in indices for v in rows[k][2]]
        return sum(vals) / len(vals) if vals else None

    ins, held, not_covered = [], [], 0
    for k, r in enumerate(rows):
        ins.append(mean_of(by_key[key_of(r)]) + eps * r[3] - r[4])
        s = mean_of([m for m in by_key[key_of(r)] if m != k])
        if s is None:
            s = mean_of([m for m in by_cls[r[0]] if m != k])
        if s is None:
            not_covered += 1
            continue
        held.append(s + eps * r[3] - r[4])

    def rms(v):
        return math.sqrt(sum(x * x for x in v) / len(v))

    return (len(by_key), rms(ins), max(map(abs, ins)), rms(held), max(map(abs, held)), len(held), not_covered)


def main(argv):
    if len(argv) != 1:
        raise SystemExit(__doc__)
    doc = json.load(open(argv[0]))
    eps, rows = saddle_estimates(doc)
    print(f"{len(rows)} valid samples; ε = {eps:.4f} eV")
    print("| key | entries | in sample: RMS, max [eV] | held out: RMS, max [eV] | held out compared | not covered |")
    print("| --- | ---: | --- | --- | ---: | ---: |")
    for name, key_of in (("class", lambda r: r[0]), ("environment", lambda r: r[1])):
        n, ri, mi, rh, mh, cmp, nc = errors(eps, rows, key_of)
        print(f"| {name} | {n} | {ri:.3f}, {mi:.3f} | {rh:.3f}, {mh:.3f} | {cmp} | {nc} |")
    per_env = collections.Counter(r[1] for r in rows)
    # The same keys with a perfect H: each sample's own ΔE from its NEB, E_f = KRA + ΔE/2 with KRA = (E_f + E_b)/2
    # per entry (so the table's error is the key's alone, not the pair H's).
    perfect = [(r[0], r[1], [(r[4] + r[5]) / 2.0], 0, r[4] - (r[4] - r[5]) / 2.0) for r in rows]
    for name, key_of in (("class, perfect H", lambda r: r[0]), ("environment, perfect H", lambda r: r[1])):
        n, ri, mi, rh, mh, cmp, nc = errors(0.0, perfect, key_of)
        print(f"| {name} | {n} | {ri:.3f}, {mi:.3f} | {rh:.3f}, {mh:.3f} | {cmp} | {nc} |")
    print(f"environment entries with 1 sample: {sum(1 for v in per_env.values() if v == 1)}; "
          f"with ≥ 3: {sum(1 for v in per_env.values() if v >= 3)}")


if __name__ == "__main__":
    main(sys.argv[1:])
