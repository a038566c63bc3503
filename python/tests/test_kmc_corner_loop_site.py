# SPDX-License-Identifier: MIT
"""scripts/kmc_corner_loop_site.py on a small FCC block whose changes and loop are known (ctest Python.Pytest)."""
import importlib.util
import json
import math
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
sys.path.insert(0, str(SCRIPTS))
spec = importlib.util.spec_from_file_location("kmc_corner_loop_site", SCRIPTS / "kmc_corner_loop_site.py")
loops = importlib.util.module_from_spec(spec)
spec.loader.exec_module(loops)

A = 4.0  # lattice constant: neighbours at 2.83 Å, the second shell at 4 Å
CELL_X = 2 * A
BASIS = [(0, 0, 0), (0, 0.5, 0.5), (0.5, 0, 0.5), (0.5, 0.5, 0)]
# One site of the block's top, taken away by "the KMC", and one atom put far below the block.
REMOVED = (0.0, 10.0, 6.0)
ADDED = (2.0, -2.0, 2.0)


def block():
    """FCC sites, 2 cells along the periodic x, 3 × 3 cells in y and z (open)."""
    return [((i + bx) * A, (j + by) * A, (k + bz) * A)
            for i in range(2) for j in range(3) for k in range(3) for bx, by, bz in BASIS]


def frames_text(frames):
    out = []
    for atoms in frames:
        out += [str(len(atoms)), f'Lattice="{CELL_X} 0 0 0 20 0 0 0 20" Properties=species:S:1:pos:R:3 pbc="T F F"']
        out += [f"Ag {x} {y} {z}" for x, y, z in atoms]
    return "\n".join(out) + "\n"


def in_loop(p):
    return p[1] >= 7.9 and 3.9 <= p[2] <= 8.1


def make_run(tmp_path, saddle_shift=0.0, diff_barrier=1.5):
    cut = block()
    frame = [p for p in cut if p != REMOVED] + [ADDED]
    frames = tmp_path / "frames.xyz"
    frames.write_text(frames_text([cut, frame]))
    run = tmp_path / "run"
    run.mkdir()
    lines = [str(len(frame)), f'Lattice="{CELL_X} 0 0 0 20 0 0 0 20" Properties=species:S:1:pos:R:3:slip:R:1']
    for x, y, z in frame:
        lines.append(f"Ag {x + saddle_shift} {y} {z} {1.2 if in_loop((x, y, z)) else 0.0}")
    (run / "saddle_kmc_s0_e0.0250.xyz").write_text("\n".join(lines) + "\n")
    edge = [{"strain": 0.01, "stress_GPa": 1.0, "barrier_eV": 4.0, "used_in_fit": True},
            {"strain": 0.03, "stress_GPa": 3.0, "barrier_eV": 1.0, "used_in_fit": True}]
    segment, settings = {"diameter_A": 10.0, "length_A": CELL_X}, {"neb_images": 9}
    law = tmp_path / "law.json"
    law.write_text(json.dumps({"segment": segment, "settings": settings, "sites": {"edge": {"points": edge}}}))
    corner = {"detected_sites_within_6_A": [], "added_within_A": {"5": 3, "10": 3},
              "removed_within_A": {"5": 1, "10": 1}}
    point = {"strain": 0.025, "stress_GPa": 2.0, "barrier_eV": diff_barrier, "used_in_fit": True,
             "saddle": {"file": "saddle_kmc_s0_e0.0250.xyz"}}
    (run / "nucleation.json").write_text(json.dumps({
        "segment": segment, "settings": settings, "lattice_constant_A": A,
        "surface": {"frame": 1, "scaled_to_A": A, "file_lattice_constant_A": A},
        "sites": {"kmc_s0": {"corner": corner, "points": [point]}}}))
    return law, run, frames


def test_the_kmcs_changes_are_found_against_the_first_frame():
    cut = block()
    removed, added = loops.changes(cut, [p for p in cut if p != REMOVED] + [ADDED], CELL_X)
    assert removed == [REMOVED] and added == [ADDED]
    # A site on the periodic boundary is the same site on either side of it.
    assert loops.changes([(0.0, 1.0, 1.0)], [(CELL_X, 1.0, 1.0)], CELL_X) == ([], [])


def test_the_loop_its_azimuth_and_the_change_near_it(tmp_path, capsys):
    law, run, frames = make_run(tmp_path)
    rows = list(loops.corner_loops(json.loads(law.read_text()), loops.corners.law_tables(json.loads(law.read_text())),
                                   str(run), str(frames)))
    assert len(rows) == 1
    r = rows[0]
    assert r["loop_atoms"] == sum(1 for p in block() if in_loop(p) and p != REMOVED)
    # The loop sits at the top (+y) and a little towards +z: a small positive azimuth.
    assert 0.0 < r["azimuth"] < 30.0
    # The removed site is next to the loop's footprint; the added atom is 10 Å below it.
    assert (r["loop_added"], r["loop_removed"]) == (0, 1)
    assert (r["corner_added"], r["corner_removed"]) == (3, 1)
    # The law at 2 GPa is 2 eV (ln-linear from 4 eV at 1 GPa to 1 eV at 3 GPa).
    assert r["diff"] == pytest.approx(1.5 - 2.0)
    surface, removed, added = loops.census_by_azimuth(loops.read_frames(str(frames)), 1)
    assert sum(removed) == 1 and sum(added) == 1
    # Around the cut block's centre (y, z) = (5, 5), 0° facing +y: the removed site at atan2(1, 5) = 11° (bin 6 of
    # 12 from −180°), the added atom at atan2(−3, −7) = −157° (bin 0).
    assert removed[6] == 1 and added[0] == 1
    assert sum(surface) < len(block())  # interior sites have 12 neighbours and are not surface


def test_a_saddle_that_is_not_the_frame_is_refused(tmp_path):
    law, run, frames = make_run(tmp_path, saddle_shift=2.0)
    doc = json.loads(law.read_text())
    with pytest.raises(SystemExit, match="not frame 1"):
        list(loops.corner_loops(doc, loops.corners.law_tables(doc), str(run), str(frames)))


def test_the_fitted_line_is_exact_on_a_line_and_absent_without_spread():
    slope, se, r = loops.fit_line([0, 1, 2, 3], [1.0, 0.8, 0.6, 0.4])
    assert slope == pytest.approx(-0.2) and se == pytest.approx(0.0, abs=1e-12) and r == pytest.approx(-1.0)
    assert loops.fit_line([2, 2, 2], [0.1, 0.2, 0.3]) is None


def test_the_census_mode_reads_the_frames_own_coordination(tmp_path, capsys):
    # A coordination column of 11 everywhere makes every site a surface site, whatever the geometry says.
    cut = block()
    frame = [p for p in cut if p != REMOVED] + [ADDED]
    out = []
    for atoms in (cut, frame):
        out += [str(len(atoms)), f'Lattice="{CELL_X} 0 0 0 20 0 0 0 20" '
                'Properties=species:S:1:pos:R:3:id:I:1:coordination:I:1 pbc="T F F"']
        out += [f"Ag {x} {y} {z} {i} 11" for i, (x, y, z) in enumerate(atoms)]
    path = tmp_path / "frames.xyz"
    path.write_text("\n".join(out) + "\n")
    loops.main(["kmc_corner_loop_site.py", "--census", str(path)])
    rows = [r.split(" | ") for r in capsys.readouterr().out.splitlines() if r.startswith(f"| {path} [1]")]
    assert [r[1] for r in rows] == ["cut surface sites", "removed", "added"]
    assert [int(r[-1].rstrip(" |")) for r in rows] == [len(cut), 1, 1]
