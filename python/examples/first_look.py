#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""A first look at surfkmc from Python: a short KMC run of a 4 nm Ag wire, its surface as ASE Atoms,
and a small yield sweep read back with pandas. Run from the repository root after `make`:

    python3 python/examples/first_look.py [OUT_DIR]

It writes OUT_DIR (default results/first_look) and, if matplotlib is installed, first_look.png there.
"""
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import surfkmc  # noqa: E402

out = Path(sys.argv[1] if len(sys.argv) > 1 else "results/first_look")

wire = {
    "schema_version": 1,
    "name": "first_look_kmc",
    "seed": 1,
    "material": "Ag",
    "geometry": {"shape": "cylinder", "diameter_nm": 4, "length_nm": 5},
    "kmc": {"temperature_K": 300, "max_events": 200000, "timeseries_every_s": 1.0e-6},
}
atoms = surfkmc.wire(wire)
print(f"initial wire: {len(atoms)} atoms, cell {atoms.cell.lengths().round(2)} Å, "
      f"{(atoms.arrays['coordination'] < 12).sum()} surface atoms")
print(surfkmc.run(wire, out_dir=out / "kmc", force=True))
kmc = surfkmc.load(out / "kmc")
print(kmc["timeseries"].tail())

sweep = dict(wire, name="first_look_sweep", material="Pt", kmc={"temperature_K": 300},
             loading={"strain_rate_per_s": 1.0e3, "max_strain": 0.1}, replicas=2,
             sweep={"geometry.diameter_nm": [3, 4, 5]})
print(surfkmc.sweep(sweep, out_dir=out / "sweep", force=True))
points = surfkmc.load(out / "sweep")["points"]
print(points)

try:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
except ImportError:
    sys.exit(0)
by_diameter = points.groupby("geometry.diameter_nm")["strength_GPa"]
mean, se = by_diameter.mean(), by_diameter.sem()
fig, ax = plt.subplots(figsize=(4, 3))
ax.errorbar(mean.index, mean.values, yerr=se.values, marker="o", capsize=3)
ax.set_xlabel("diameter (nm)")
ax.set_ylabel("yield strength (GPa)")
fig.tight_layout()
fig.savefig(out / "first_look.png", dpi=150)
print(f"wrote {out / 'first_look.png'}")
