# SPDX-License-Identifier: MIT
"""scripts/crossing_table.py on a hop file whose answers are known, and on the shipped Ag file against the table
docs/atomistic.md quotes (ctest Python.Pytest)."""
import importlib.util
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
spec = importlib.util.spec_from_file_location("crossing_table", ROOT / "scripts" / "crossing_table.py")
crossing = importlib.util.module_from_spec(spec)
spec.loader.exec_module(crossing)


def move(status, forward):
    return {"status": status, "barrier_forward_eV": forward}


def test_each_samples_lowest_valid_move_by_class():
    hops = {"samples": [
        # (5,2,1): exit 1 by hop 0.4 (next to a), exit 2 by exchange 0.3 (not next to a): the exchange is lowest.
        {"class": [5, 2, 1], "crossings": [
            {"hop": move("valid", 0.4), "exchanges": [move("valid", 0.9)], "k_is_neighbour_of_origin": True},
            {"hop": move("unstable_end_state", 0.1), "exchanges": [move("valid", 0.3)],
             "k_is_neighbour_of_origin": False}]},
        # (5,2,1): only a hop, 0.5.
        {"class": [5, 2, 1], "crossings": [
            {"hop": move("valid", 0.5), "exchanges": [], "k_is_neighbour_of_origin": True}]},
        # (6,2,2): nothing valid.
        {"class": [6, 2, 2], "crossings": [
            {"hop": move("not_converged", 0.2), "exchanges": [], "k_is_neighbour_of_origin": False}]},
        {"class": [5, 5, 2]},  # not a rim sample
    ]}
    rows = crossing.lowest_crossings(hops)
    assert rows[(5, 2, 1)] == [(0.3, "exchange", False), (0.5, "hop", True)]
    assert rows[(6, 2, 2)] == [None]
    assert (5, 5, 2) not in rows
    lines = crossing.table(hops).splitlines()
    assert lines[2] == "| (5,2,1) | 2 | 2 | 0.400 (0.300–0.500) | 1 / 1 | 1 |"
    assert lines[3] == "| (6,2,2) | 1 | 0 | — | 0 / 0 | 0 |"


def test_the_shipped_ag_crossings_give_the_documented_table():
    hops = json.loads((ROOT / "data" / "energetics" / "Ag_hops_v2.json").read_text())
    lines = crossing.table(hops).splitlines()
    assert "| (5,2,1) | 10 | 10 | 0.297 (0.209–0.573) | 9 / 1 | 9 |" in lines
    assert "| (9,2,2) | 10 | 9 | 1.567 (0.938–1.691) | 1 / 8 | 1 |" in lines
    doc = (ROOT / "docs" / "atomistic.md").read_text()
    for line in lines[2:]:
        assert line in doc
