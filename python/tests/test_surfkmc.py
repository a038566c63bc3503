# SPDX-License-Identifier: MIT
"""The surfkmc Python package against the command-line program it wraps (ctest Python.Pytest)."""
import json
import os
import subprocess
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import surfkmc

BUILD = Path(os.environ.get("SURFKMC_BUILD_DIR", Path(__file__).resolve().parents[2] / "build"))
SURFKMC = BUILD / "bin" / "surfkmc"

# A KMC-only run of a small Ag wire: 20 000 events, a few seconds.
KMC_SCENARIO = {
    "schema_version": 1,
    "name": "py_kmc",
    "seed": 11,
    "material": "Ag",
    "geometry": {"shape": "cylinder", "diameter_nm": 3, "length_nm": 3},
    "kmc": {"temperature_K": 300, "max_events": 20000},
}

# A sweep of one loaded point that yields quickly: a thin Pt wire pulled fast.
SWEEP_SCENARIO = {
    "schema_version": 1,
    "name": "py_sweep",
    "seed": 5,
    "material": "Pt",
    "geometry": {"shape": "cylinder", "diameter_nm": 3, "length_nm": 3},
    "kmc": {"temperature_K": 300},
    "loading": {"strain_rate_per_s": 1.0e3, "max_strain": 0.1},
    "replicas": 2,
    "sweep": {"geometry.diameter_nm": [3, 4]},
}


@pytest.fixture(autouse=True)
def scenario_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))


def write_scenario(folder: Path, scenario: dict) -> Path:
    path = folder / f"{scenario['name']}.yaml"
    path.write_text(json.dumps(scenario, indent=2))
    return path


def test_wire_matches_the_command_lines_extxyz(tmp_path):
    import ase.io

    scenario = write_scenario(tmp_path, KMC_SCENARIO)
    atoms = surfkmc.wire(scenario)
    xyz = tmp_path / "wire.xyz"
    subprocess.run([str(SURFKMC), "wire", str(scenario), "-o", str(xyz)], check=True, capture_output=True)
    reference = ase.io.read(xyz)
    assert len(atoms) == len(reference) > 0
    assert set(atoms.get_chemical_symbols()) == {"Ag"}
    np.testing.assert_array_equal(atoms.arrays["id"], reference.arrays["id"])
    # The file holds 10 significant digits; the arrays are the doubles themselves.
    np.testing.assert_allclose(atoms.positions, reference.positions, rtol=0, atol=1e-6)
    np.testing.assert_allclose(atoms.cell.lengths(), reference.cell.lengths(), rtol=1e-9)
    assert list(atoms.pbc) == list(reference.pbc)


def test_run_in_process_gives_the_command_lines_results(tmp_path):
    ours = tmp_path / "ours"
    theirs = tmp_path / "theirs"
    report = surfkmc.run(KMC_SCENARIO, out_dir=ours)
    assert "py_kmc" in report or str(ours) in report
    scenario = write_scenario(tmp_path, KMC_SCENARIO)
    subprocess.run([str(SURFKMC), "run", str(scenario), "--out", str(theirs)], check=True, capture_output=True)
    mine, reference = surfkmc.load(ours), surfkmc.load(theirs)
    assert mine["summary"]["events"] == reference["summary"]["events"] == 20000
    assert mine["summary"]["simulated_time_s"] == reference["summary"]["simulated_time_s"]
    assert mine["summary"]["final_surface"] == reference["summary"]["final_surface"]
    pd.testing.assert_frame_equal(mine["timeseries"], reference["timeseries"])


def test_sweep_and_load_give_labelled_frames(tmp_path):
    out = tmp_path / "sweep"
    surfkmc.sweep(SWEEP_SCENARIO, out_dir=out, threads=2)
    results = surfkmc.load(out)
    points = results["points"]
    # One row per (point, replica), the swept key as a column, numbers as numbers.
    assert len(points) == 4
    assert sorted(points["geometry.diameter_nm"].unique()) == [3, 4]
    assert list(points.groupby("point")["replica"].count()) == [2, 2]
    assert pd.api.types.is_float_dtype(points["strength_GPa"])
    assert (points["strength_GPa"] > 0).all()
    assert points.attrs["provenance"][0].startswith("surfkmc")
    assert "summary" in results


def test_sweep_series_streams_one_time_series_per_replica(tmp_path):
    out = tmp_path / "series"
    surfkmc.sweep(SWEEP_SCENARIO, out_dir=out, threads=2, series=True)
    files = sorted(path.name for path in (out / "series").iterdir())
    assert files == ["p00000_r0000.csv", "p00000_r0001.csv", "p00001_r0000.csv", "p00001_r0001.csv"]
    frame = surfkmc.read_csv(out / "series" / "p00001_r0001.csv")
    assert list(frame.columns[:4]) == ["replica", "time_s", "applied_strain", "stress_GPa"]
    assert (frame["replica"] == 1).all() and len(frame) > 0
    assert frame.attrs["provenance"][0].startswith("surfkmc")


def test_read_csv_skips_provenance_and_a_byte_order_mark(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("\ufeff# surfkmc 0 (x) scenario=s\n# second line\na,b\n1,2.5\n".encode("utf-8"))
    frame = surfkmc.read_csv(path)
    assert list(frame.columns) == ["a", "b"]
    assert frame.attrs["provenance"] == ["surfkmc 0 (x) scenario=s", "second line"]
    assert frame["b"].iloc[0] == 2.5


def test_bad_input_is_a_located_value_error(tmp_path):
    bad = dict(KMC_SCENARIO, kmc={"temperature_K": -5, "max_events": 10})
    with pytest.raises(ValueError) as error:
        surfkmc.run(bad, out_dir=tmp_path / "bad")
    message = str(error.value)
    assert "temperature_K" in message and ".yaml:" in message
    assert not (tmp_path / "bad").exists()


def test_run_releases_the_gil(tmp_path):
    """A Python thread keeps counting while a run goes: with the GIL held it would stand still."""
    scenario = dict(KMC_SCENARIO, kmc={"temperature_K": 300, "max_events": 1500000})
    ticks = []
    done = threading.Event()

    def count():
        while not done.is_set():
            ticks.append(time.monotonic())
            time.sleep(0.005)

    counter = threading.Thread(target=count)
    counter.start()
    start = time.monotonic()
    surfkmc.run(scenario, out_dir=tmp_path / "gil")
    end = time.monotonic()
    done.set()
    counter.join()
    during = [t for t in ticks if start < t < end]
    # The run takes well over 0.1 s (about 0.5 s at 3 × 10⁶ events/s; 300 000 events took 0.099 s once the engine
    # restored the rates of moves taken back); a thread blocked by the GIL could not tick at all while it ran.
    assert end - start > 0.1
    assert len(during) >= 5


def test_load_refuses_a_folder_without_results(tmp_path):
    with pytest.raises(FileNotFoundError):
        surfkmc.load(tmp_path)
