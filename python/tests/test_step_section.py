# SPDX-License-Identifier: MIT
"""scripts/step_section.py on files whose answers are known (ctest Python.Pytest)."""
import importlib.util
import json
import math
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
spec = importlib.util.spec_from_file_location("step_section", SCRIPTS / "step_section.py")
section = importlib.util.module_from_spec(spec)
spec.loader.exec_module(section)


def edge_law(stress):
    return 4.0 * math.exp(-0.8 * stress)


def write(tmp_path, name, sites, diameter=25.0):
    path = tmp_path / name
    path.write_text(json.dumps({"segment": {"diameter_A": diameter, "length_A": 62.0}, "sites": sites}))
    return str(path)


def points(stresses, law, atoms, used=True):
    return {"points": [{"strain": 0.01 * k, "stress_GPa": s, "barrier_eV": law(s), "atoms": atoms, "used_in_fit": used}
                       for k, s in enumerate(stresses)]}


def test_a_step_that_is_only_lost_section_has_the_edges_barrier_at_equal_stepped_half_stress(tmp_path, capsys):
    # 100 atoms without the step, 90 with it: the stepped half holds 40 of 50, so r = 90 / 80 = 1.125.
    r = 1.125
    edge = points([1.4, 2.0, 2.6, 3.4], edge_law, 100)
    # The step's barrier is the edge's at r times its reported stress.
    step = points([1.4, 2.0, 2.6, 3.0], lambda s: edge_law(r * s), 90)
    # Parts of one segment are pooled: the edge in one file, the step in another.
    section.main([write(tmp_path, "e.json", {"edge": edge}), write(tmp_path, "s.json", {"step_h3": step})])
    rows = [r.split(" | ") for r in capsys.readouterr().out.splitlines()[2:]]
    assert [row[1] for row in rows] == ["step_h3", "step_h3"]
    assert rows[0][2] == "1.125"
    reported = rows[0][4:-1]
    scaled = rows[1][4:-1]
    grid = section.GRID
    for s, cell in zip(grid, scaled):
        inside = 1.4 * r <= s <= 3.0 * r and 1.4 <= s <= 3.4
        # ln ΔG is linear in stress for both, so interpolation is exact: zero wherever both are defined.
        assert cell == ("+0.00" if inside else "–"), (s, cell)
    for s, cell in zip(grid, reported):
        if 1.4 <= s <= 3.0:
            assert float(cell) == round(edge_law(r * s) - edge_law(s), 2), (s, cell)


def test_unused_points_and_segments_without_an_edge_are_left_out(tmp_path, capsys):
    step = points([1.4, 2.0, 2.6], edge_law, 90)
    section.main([write(tmp_path, "a.json", {"step_h2": step}, diameter=40.0),
                  write(tmp_path, "b.json", {"edge": points([1.0, 4.0], edge_law, 100, used=False),
                                             "step_h2": step})])
    rows = capsys.readouterr().out.splitlines()[2:]
    assert len(rows) == 2  # 25 Å only; its edge has no usable point, so every cell is "–"
    assert all(c.strip() == "–" for row in rows for c in row.split("|")[5:-1])


def test_the_grid_is_read_and_a_bad_one_refused(tmp_path, capsys):
    path = write(tmp_path, "a.json",
                 {"edge": points([5.0, 7.0], edge_law, 100), "step_h2": points([5.0, 7.0], edge_law, 90)})
    section.main(["--grid", "5:7:1", path])
    head = capsys.readouterr().out.splitlines()[0]
    assert head.endswith("| 5 | 6 | 7 |")
    for bad in ("5:7", "7:5:1", "5:7:0", "a:b:c"):
        try:
            section.main(["--grid", bad, path])
        except SystemExit as e:
            assert "allowed: LO:HI:STEP" in str(e)
        else:
            raise AssertionError(bad)
