# SPDX-License-Identifier: MIT
"""scripts/hop_strain_linearity.py on hops files whose barriers are known functions of strain (ctest Python.Pytest)."""
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "hop_strain_linearity.py"
spec = importlib.util.spec_from_file_location("hop_strain_linearity", SCRIPT)
linearity = importlib.util.module_from_spec(spec)
spec.loader.exec_module(linearity)

# Two pairs: (3, 4, 1) with K = 0.5 + s e + 20 e^2, s = 0.2 and 0.4 for its two samples, and (5, 6, 2) with K = 0.7 − 0.4 e (exactly linear); the
# pair energy is 0.25 (n_i − n_j)(1 + 0.1 e). Sample 3 fails at one strain and must not count anywhere.
CLASSES = [[3, 4, 1], [4, 3, 1], [5, 6, 2], [6, 5, 2]]


def k_of(cls, e):
    # The two (3, 4, 1) samples differ in slope (0.2 and 0.4) but share the curvature.
    if sorted(cls[:2]) == [3, 4]:
        return 0.5 + (0.2 if cls[0] == 3 else 0.4) * e + 20.0 * e * e
    return 0.7 - 0.4 * e


def write(tmp_path, e, scenario_hash="fnv1a64:1", broken=None):
    samples = []
    for i, cls in enumerate(CLASSES):
        k = k_of(cls, e) + (5.0 * e if i == 3 else 0.0)  # off the law: only its validity keeps it out
        delta = 0.25 * (cls[0] - cls[1]) * (1.0 + 0.1 * e)
        samples.append({"class": cls, "barrier_forward_eV": k + delta / 2, "barrier_backward_eV": k - delta / 2,
                        "delta_energy_eV": delta, "status": "not_converged" if (i == 3 and e == 0.02) else "valid"})
    if broken is not None:
        samples[broken]["class"] = [7, 7, 3]
    path = tmp_path / f"hops_{e:+g}.json"
    path.write_text(json.dumps({"settings": {"axial_strain": e}, "provenance": {"scenario_hash": scenario_hash},
                                "samples": samples}))
    return path


def test_linear_pairs_match_and_the_quadratic_term_is_what_remains(tmp_path):
    files = [linearity.load(write(tmp_path, e)) for e in (0.0, -0.01, 0.01, 0.02, 0.035)]
    n_valid, pairs, energy = linearity.analyse(files[0], files[1], files[2], files[3:])
    assert n_valid == 3
    n, slope, per_extra = pairs[(3, 4, 1)]
    assert n == 2
    assert slope == pytest.approx(0.3, abs=1e-12)  # the mean of central differences, exact for a quadratic
    for (e, _, _), ((measured, _), linear, (diff, se)) in zip(files[3:], per_extra):
        assert measured == pytest.approx(0.3 * e + 20.0 * e * e, abs=1e-12)  # the mean of the two samples
        assert linear == pytest.approx(0.3 * e, abs=1e-12)
        assert diff == pytest.approx(20.0 * e * e, abs=1e-12)
        assert se == pytest.approx(0.0, abs=1e-12)  # paired per sample: the two slopes do not add scatter
    n, slope, per_extra = pairs[(5, 6, 2)]
    assert n == 1
    assert slope == pytest.approx(-0.4, abs=1e-12)
    assert all(d == pytest.approx(0.0, abs=1e-12) for _, _, (d, _) in per_extra)
    # (1 + 0.1 e) 0.25 dn: slope 0.025 from every pair of strains.
    assert energy == pytest.approx([0.025, 0.025, 0.025], abs=1e-12)


def test_files_of_other_hops_are_refused(tmp_path):
    zero, low, high = (linearity.load(write(tmp_path, e)) for e in (0.0, -0.01, 0.01))
    other_class = linearity.load(write(tmp_path, 0.02, broken=1))
    with pytest.raises(ValueError, match="hop 1 has class"):
        linearity.analyse(zero, low, high, [other_class])
    other_scenario = linearity.load(write(tmp_path, 0.035, scenario_hash="fnv1a64:2"))
    with pytest.raises(ValueError, match="another scenario"):
        linearity.analyse(zero, low, high, [other_scenario])
    run = subprocess.run([sys.executable, str(SCRIPT), *(str(tmp_path / f"hops_{e:+g}.json")
                                                        for e in (0.0, -0.01, 0.01, 0.035))],
                         capture_output=True, text=True)
    assert run.returncode != 0
    assert "another scenario" in run.stderr
