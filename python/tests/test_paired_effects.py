# SPDX-License-Identifier: MIT
"""scripts/paired_effects.py on a results folder whose answers are known (ctest Python.Pytest)."""
import importlib.util
import json
import math
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
spec = importlib.util.spec_from_file_location("paired_effects", SCRIPTS / "paired_effects.py")
paired = importlib.util.module_from_spec(spec)
spec.loader.exec_module(paired)

# point -> swept values; arms of one cut share their streams, and cut_shift_z only renumbers the sites.
VALUES = {
    0: {"geometry.cut_shift_y": 0.0, "geometry.cut_shift_z": 0.0, "ablation": "none"},
    1: {"geometry.cut_shift_y": 0.0, "geometry.cut_shift_z": 0.0, "ablation": "frozen_surface"},
    2: {"geometry.cut_shift_y": 0.0, "geometry.cut_shift_z": 0.5, "ablation": "none"},
    3: {"geometry.cut_shift_y": 0.0, "geometry.cut_shift_z": 0.5, "ablation": "frozen_surface"},
    4: {"geometry.cut_shift_y": 0.5, "geometry.cut_shift_z": 0.0, "ablation": "none"},
    5: {"geometry.cut_shift_y": 0.5, "geometry.cut_shift_z": 0.0, "ablation": "frozen_surface"},
}
# (point, replica) -> (strength, flow stress or "" when the replica did not flow)
ROWS = {
    (0, 0): (2.10, 1.9), (0, 1): (2.20, 1.8), (1, 0): (2.00, 1.7), (1, 1): (2.14, 1.7),
    (2, 0): (2.30, ""), (2, 1): (2.40, ""), (3, 0): (2.27, ""), (3, 1): (2.36, ""),
    (4, 0): (3.00, ""), (4, 1): (3.10, ""), (5, 0): (3.00, ""), (5, 1): (3.12, ""),
}


def folder(tmp_path):
    points = [{"point": p, "values": v} for p, v in VALUES.items()]
    (tmp_path / "summary.json").write_text(json.dumps({"points": points}))
    lines = ["# surfkmc test", "point,replica,ablation,strength_GPa,flow_stress_GPa"]
    lines += [f"{p},{r},{VALUES[p]['ablation']},{s},{f}" for (p, r), (s, f) in ROWS.items()]
    (tmp_path / "points.csv").write_text("\n".join(lines) + "\n")
    return tmp_path


def test_each_swept_point_is_paired_replica_by_replica(tmp_path):
    rows = paired.paired_effects(folder(tmp_path))
    strength = {dict(key)["geometry.cut_shift_z"] if dict(key)["geometry.cut_shift_y"] == 0.0 else "y": e
                for key, arm, column, n, f, a, e in rows if column == "strength_GPa"}
    # cut (0, 0): differences 0.10 and 0.06
    assert math.isclose(strength[0.0][0], 0.08) and math.isclose(strength[0.0][1], 0.02)
    # cut (0, 0.5): 0.03 and 0.04
    assert math.isclose(strength[0.5][0], 0.035) and math.isclose(strength[0.5][1], 0.005)
    # cut (0.5, 0): 0.00 and -0.02
    assert math.isclose(strength["y"][0], -0.01) and math.isclose(strength["y"][1], 0.01)
    flow = [(dict(key), e) for key, arm, column, n, f, a, e in rows if column == "flow_stress_GPa"]
    assert len(flow) == 1 and math.isclose(flow[0][1][0], 0.15)  # only the replicas that flowed


def test_a_pooled_key_adds_its_points_as_further_streams(tmp_path):
    rows = paired.paired_effects(folder(tmp_path), pool=("geometry.cut_shift_z",))
    cut0 = [r for r in rows if dict(r[0]) == {"geometry.cut_shift_y": 0.0} and r[2] == "strength_GPa"]
    assert len(cut0) == 1
    key, arm, column, n, full, ablated, effect = cut0[0]
    assert arm == "frozen_surface" and n == 4
    diffs = [0.10, 0.06, 0.03, 0.04]
    m = sum(diffs) / 4
    se = math.sqrt(sum((d - m) ** 2 for d in diffs) / 3 / 4)
    assert math.isclose(effect[0], m) and math.isclose(effect[1], se)
    assert math.isclose(full[0], (2.10 + 2.20 + 2.30 + 2.40) / 4)
