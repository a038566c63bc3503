# SPDX-License-Identifier: MIT
"""surfkmc from Python: read results into pandas, build specimens as ASE Atoms, run scenarios.

    import surfkmc
    res = surfkmc.load("results/ag_pt_default")   # {"points": DataFrame, ..., "summary": dict}
    atoms = surfkmc.wire("scenarios/default.yaml")  # ase.Atoms, with the persistent atom ids
    surfkmc.run({"schema_version": 1, "name": "demo", ...}, out_dir="results/demo")

`load` needs only pandas. `wire`, `run` and `sweep` use the compiled extension `_surfkmc`, which
`make` builds into build/python/ (SURFKMC_BUILD_DIR names another build folder). Runs happen in this
process with the GIL released, so other Python threads keep going.
"""
from __future__ import annotations

import hashlib
import importlib
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Mapping, Optional, Union

__all__ = ["load", "read_csv", "wire", "run", "sweep", "extension"]

PathLike = Union[str, os.PathLike]
Scenario = Union[PathLike, Mapping[str, Any]]

_REPOSITORY = Path(__file__).resolve().parent.parent


def extension():
    """The compiled `_surfkmc` module, found in $SURFKMC_BUILD_DIR/python or <repository>/build/python."""
    if "_surfkmc" in sys.modules:
        return sys.modules["_surfkmc"]
    build = Path(os.environ.get("SURFKMC_BUILD_DIR", _REPOSITORY / "build"))
    folder = str(build / "python")
    if folder not in sys.path:
        sys.path.insert(0, folder)
    try:
        return importlib.import_module("_surfkmc")
    except ImportError as err:
        raise ImportError(
            f"surfkmc's extension is not built in {folder}: run `make` in {_REPOSITORY} "
            "(it needs Debian's pybind11-dev and python3-dev), or set SURFKMC_BUILD_DIR") from err


def read_csv(path: PathLike):
    """One surfkmc CSV as a DataFrame. The provenance lines before the header (they start with '#')
    go to `df.attrs["provenance"]`; a UTF-8 byte-order mark is accepted."""
    import pandas as pd

    path = Path(path)
    provenance = []
    with open(path, encoding="utf-8-sig") as stream:
        for line in stream:
            if not line.startswith("#"):
                break
            provenance.append(line[1:].strip())
    frame = pd.read_csv(path, skiprows=len(provenance), encoding="utf-8-sig")
    frame.attrs["provenance"] = provenance
    return frame


def load(results_dir: PathLike) -> dict:
    """Everything a `run` or `sweep` folder holds, by name: each CSV as a DataFrame under its stem
    ("points", "yield", "timeseries", ...) and summary.json as a dict under "summary"."""
    folder = Path(results_dir)
    if not folder.is_dir():
        raise FileNotFoundError(f"{folder}: no such results folder")
    results: dict = {}
    for csv in sorted(folder.glob("*.csv")):
        results[csv.stem] = read_csv(csv)
    summary = folder / "summary.json"
    if summary.is_file():
        with open(summary, encoding="utf-8") as stream:
            results["summary"] = json.load(stream)
    if not results:
        raise FileNotFoundError(f"{folder}: no surfkmc results (no CSV, no summary.json)")
    return results


def _scenario_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    folder = Path(base) / "surfkmc" / "scenarios"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _scenario_file(scenario: Scenario) -> Path:
    """A scenario path as it is. A mapping is written as JSON (which YAML reads), one key per line so a
    located error points at the offending key, to a file named by its content's hash in
    $XDG_CACHE_HOME/surfkmc/scenarios: it outlives the call, so run.json's scenario path stays valid
    and `resume_dir` works. Material paths in a mapping must be absolute (or a shipped name)."""
    if not isinstance(scenario, Mapping):
        return Path(scenario)
    text = json.dumps(scenario, indent=2) + "\n"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    path = _scenario_cache() / f"{digest}.yaml"
    if not path.is_file():
        with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=path.parent, delete=False) as stream:
            stream.write(text)
        os.replace(stream.name, path)
    return path


def _optional(path: Optional[PathLike]) -> Optional[str]:
    return None if path is None else str(path)


def wire(scenario: Scenario):
    """The scenario's initial specimen as an ase.Atoms, with arrays "id" (persistent atom ids, as in
    the extXYZ frames) and "coordination"."""
    import ase

    built = extension().wire(str(_scenario_file(scenario)))
    atoms = ase.Atoms(symbols=[built["species"]] * len(built["ids"]), positions=built["positions"],
                      cell=list(built["cell"]), pbc=list(built["pbc"]))
    atoms.new_array("id", built["ids"])
    atoms.new_array("coordination", built["coordination"])
    atoms.info["rounding_note"] = built["rounding_note"]
    return atoms


def run(scenario: Scenario, out_dir: Optional[PathLike] = None, *, threads: int = 0, force: bool = False,
        resume_dir: Optional[PathLike] = None) -> str:
    """`surfkmc run` in this process; returns the report it prints. The results go to `out_dir`
    (default results/<scenario name>, as on the command line). Bad input raises ValueError with the
    located message."""
    return extension().run(str(_scenario_file(scenario)), _optional(out_dir), threads, force, _optional(resume_dir))


def sweep(scenario: Optional[Scenario] = None, out_dir: Optional[PathLike] = None, *, threads: int = 0,
          force: bool = False, resume_dir: Optional[PathLike] = None, data_file: Optional[PathLike] = None,
          series: bool = False) -> str:
    """`surfkmc sweep` in this process (oneTBB threads, never MPI); returns the table it prints.
    `series=True` is `--series`: every replica streams its time series to
    series/p<point>_r<replica>.csv in the results folder."""
    path = None if scenario is None else str(_scenario_file(scenario))
    return extension().sweep(path, _optional(out_dir), threads, force, _optional(resume_dir), _optional(data_file),
                             series)
