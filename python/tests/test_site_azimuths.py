# SPDX-License-Identifier: MIT
"""scripts/site_azimuths.py on a frame whose bins are known (ctest Python.Pytest)."""
import importlib.util
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
spec = importlib.util.spec_from_file_location("site_azimuths", SCRIPTS / "site_azimuths.py")
azimuths = importlib.util.module_from_spec(spec)
spec.loader.exec_module(azimuths)


def frame(tmp_path, atoms, columns=True):
    """atoms: (y, z, coordination, site_class, site_size); x = 0 for all."""
    props = "species:S:1:pos:R:3:id:I:1:coordination:I:1" + (":site_class:I:1:site_size:I:1" if columns else "")
    lines = [str(len(atoms)), f'Lattice="10 0 0 0 20 0 0 0 20" Properties={props}']
    for i, (y, z, c, cls, size) in enumerate(atoms):
        lines.append(f"Ag 0 {y} {z} {i} {c}" + (f" {cls} {size}" if columns else ""))
    path = tmp_path / "wire.xyz"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_atoms_fall_in_their_azimuth_bins_and_bulk_atoms_are_not_surface(tmp_path, capsys):
    # Centre (0, 0): the extremes are ±5 on both axes.
    path = frame(tmp_path, [(5, 0, 7, 0, 1),     # 0°: a facet edge
                            (0, 5, 8, -1, 0),    # 90°: a side atom, no site
                            (-5, 0, 9, 1, 1),    # 180° = -180°, the first bin: a step
                            (0, -5, 7, 2, 3),    # -90°: a multi-layer step
                            (1, 1, 12, -1, 0)])  # bulk: not counted
    azimuths.main([path, "90"])
    rows = [r for r in capsys.readouterr().out.splitlines() if " to " in r or r.startswith("| all")]
    assert rows == ["| -180 to -90 | 1 | 0 | 1 | 0 |",
                    "| -90 to 0 | 1 | 0 | 0 | 1 |",
                    "| 0 to 90 | 1 | 1 | 0 | 0 |",
                    "| 90 to 180 | 1 | 0 | 0 | 0 |",
                    "| all | 4 | 1 | 1 | 1 |"]


def test_a_frame_without_the_census_or_a_bad_bin_is_refused(tmp_path):
    with pytest.raises(SystemExit, match="no site_class column"):
        azimuths.main([frame(tmp_path, [(5, 0, 7, 0, 1)], columns=False)])
    with pytest.raises(SystemExit, match="allowed: a number in"):
        azimuths.main([frame(tmp_path, [(5, 0, 7, 0, 1)]), "7"])
