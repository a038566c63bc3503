# SPDX-License-Identifier: MIT
"""scripts/hop_environment_table.py: its environment keys against the C++ ones stored in the shipped hop file, and
its tables on data whose answers are known (ctest Python.Pytest)."""
import importlib.util
import json
import random
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("hop_environment_table", ROOT / "scripts" / "hop_environment_table.py")
env = importlib.util.module_from_spec(spec)
spec.loader.exec_module(env)

I_BITS = [k for k, u in enumerate(env.OFFSETS) if u in env.DIRECTIONS]
J_BITS = [k for k, u in enumerate(env.OFFSETS) if tuple(a - b for a, b in zip(u, env.BOND)) in env.DIRECTIONS]


def count(bits, which):
    return sum(bits >> k & 1 for k in which)


@pytest.fixture(scope="module")
def ag_hops():
    return json.loads((ROOT / "data" / "energetics" / "Ag_hops_v2.json").read_text())


def test_the_stored_keys_are_reduced_and_hold_their_class(ag_hops):
    # kmc's HopEnvironments writes the smallest image under the 4 symmetries that fix the bond; the script's own
    # reduction must leave every stored key as it is. An event sample's key is the performed hop's, the reverse
    # of its class's direction.
    assert len(I_BITS) == len(J_BITS) == 11
    for s in ag_hops["samples"]:
        key = s["environment"]
        assert env.reduced(key) == key
        n_i, n_j, _ = s["class"]
        seen = (count(key, I_BITS), count(key, J_BITS))
        assert seen == ((n_i, n_j) if s["source"] == "frame" else (n_j, n_i))


def test_a_hop_and_its_reverse_share_one_key():
    rng = random.Random(29)
    for _ in range(500):
        bits = rng.getrandbits(18)
        assert env.pair_key(bits) == env.pair_key(env.permuted(bits, env.SWAP))
        # the swap exchanges i's and j's neighbours
        assert count(env.permuted(bits, env.SWAP), I_BITS) == count(bits, J_BITS)


def test_a_table_exact_per_environment_has_no_error():
    # Saddle energies exact per environment, two classes of two environments each: the environment key reproduces
    # every barrier in and out of sample; the class key does not.
    eps = 0.2
    saddle = {1: -0.5, 2: -0.1, 3: 0.3, 4: 0.0}
    rows = []
    for cls, keys in (((5, 6, 2), (1, 2)), ((4, 4, 1), (3, 4))):
        for key in keys:
            for _ in range(3):
                n_i, n_j, _ = cls
                ef, eb = saddle[key] + eps * n_i, saddle[key] + eps * n_j
                rows.append((cls, key, [ef - eps * n_i, eb - eps * n_j], n_i, ef, eb))
    n, ri, mi, rh, mh, compared, not_covered = env.errors(eps, rows, lambda r: r[1])
    assert (n, compared, not_covered) == (4, len(rows), 0)
    assert ri == pytest.approx(0.0, abs=1e-12) and rh == pytest.approx(0.0, abs=1e-12)
    n, ri, _, _, _, _, _ = env.errors(eps, rows, lambda r: r[0])
    assert n == 2 and ri > 0.1


def test_learned_samples_stay_out_of_the_comparison(ag_hops):
    # Ag_hops_v3 is v2 with `surfkmc learn`'s samples appended: the comparison of keys rests on the drawn samples.
    grown = json.loads((ROOT / "data" / "energetics" / "Ag_hops_v3.json").read_text())
    assert len(grown["samples"]) > len(ag_hops["samples"])
    assert env.saddle_estimates(grown) == env.saddle_estimates(ag_hops)
