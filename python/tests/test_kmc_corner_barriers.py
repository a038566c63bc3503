# SPDX-License-Identifier: MIT
"""scripts/kmc_corner_barriers.py and kmc_corner_best_of_two.py on nucleation files whose answers are known
(ctest Python.Pytest)."""
import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
spec = importlib.util.spec_from_file_location("kmc_corner_barriers", SCRIPTS / "kmc_corner_barriers.py")
corners = importlib.util.module_from_spec(spec)
spec.loader.exec_module(corners)

KT = 8.617333262e-5 * 300.0
SEGMENT = {"diameter_A": 25.0, "length_A": 62.0}
SETTINGS = {"neb_images": 11}


def point(strain, stress, barrier, used=True):
    return {"strain": strain, "stress_GPa": stress, "barrier_eV": barrier, "used_in_fit": used}


def law_file(tmp_path, name="law.json", edge=None):
    # The edge falls by e per GPa from 2 eV at 2 GPa (ln-linear between points); a step table lower by half;
    # a 1-vacancy pit; a 3-vacancy pit with one usable point is no law.
    edge = edge or [point(0.01, 1.0, 4.0), point(0.02, 2.0, 2.0), point(0.03, 3.0, 1.0), point(0.04, 3.5, 5.0, False)]
    sites = {"edge": {"points": edge},
             "step_h1": {"points": [point(0.01, 1.0, 2.0), point(0.03, 3.0, 0.5)]},
             "step_h2": {"points": [point(0.01, 1.0, 1.5), point(0.03, 3.0, 0.4)]},
             "pit_m1": {"points": [point(0.01, 1.0, 3.0), point(0.03, 3.0, 0.9)]},
             "pit_m3": {"points": [point(0.02, 2.0, 0.1)]}}
    path = tmp_path / name
    path.write_text(json.dumps({"segment": SEGMENT, "settings": SETTINGS, "sites": sites}))
    return path


def corner(nearest=None, added=0, removed=0):
    sites = [] if nearest is None else [{"class": nearest[0], "size": nearest[1], "distance_A": 1.0},
                                        {"class": "step", "size": 1, "distance_A": 5.0}]
    return {"detected_sites_within_6_A": sites, "added_within_A": {"5": added, "10": added},
            "removed_within_A": {"5": removed, "10": removed}}


def run_dir(tmp_path, name, corners_and_points, settings=SETTINGS):
    folder = tmp_path / name
    folder.mkdir()
    sites = {f"kmc_s{k}": {"corner": c, "points": pts} for k, (c, pts) in enumerate(corners_and_points)}
    (folder / "nucleation.json").write_text(json.dumps({"segment": SEGMENT, "settings": settings, "sites": sites}))
    return folder


def test_table_is_ln_linear_over_the_envelope_and_extends_its_end_intervals():
    t = corners.Table([point(0.01, 1.0, 4.0), point(0.03, 3.0, 1.0), point(0.02, 2.0, 2.5),
                       point(0.04, 4.0, 3.0), point(0.05, 5.0, 9.0, False)])
    assert t.energy(1.0) == pytest.approx(4.0)
    assert t.energy(1.5) == pytest.approx(math.sqrt(4.0 * 2.5))  # geometric mean halfway
    assert t.energy(3.5) == pytest.approx(1.0)  # 3.0 at 4 GPa rises: the envelope keeps 1.0
    assert t.energy(0.0) == pytest.approx(4.0 * 4.0 / 2.5)  # first interval extended below
    with pytest.raises(ValueError):
        corners.Table([point(0.01, 1.0, 4.0), point(0.02, 2.0, 2.0, False)])


def test_boltzmann_mean_weighs_the_lowest():
    assert corners.boltzmann([0.3, 0.3, 0.3]) == pytest.approx(0.3)
    a, b = -0.1, 0.2
    expected = -KT * math.log((math.exp(-a / KT) + math.exp(-b / KT)) / 2.0)
    assert corners.boltzmann([a, b]) == pytest.approx(expected)
    assert corners.boltzmann([a, b]) < (a + b) / 2.0


def test_the_nearest_detected_site_picks_the_law_as_runs_do():
    tables = {name: None for name in ("edge", "step_h1", "step_h2", "pit_m1")}
    assert corners.law_name(corner(), tables)[0] == "edge"  # nothing within 6 Å: the ideal cut's class
    assert corners.law_name(corner(("facet_edge", 1)), tables)[0] == "edge"
    assert corners.law_name(corner(("step", 1)), tables)[0] == "step_h1"
    assert corners.law_name(corner(("multi_step", 6)), tables)[0] == "step_h2"  # taller: the tallest computed
    assert corners.law_name(corner(("pit", 2)), tables)[0] == "pit_m1"  # between sizes: the smaller


def test_report_against_the_law_at_each_corners_own_stress(tmp_path):
    law = law_file(tmp_path)
    offsets = [-0.2, 0.1, 0.4]
    rows = [(corner(("facet_edge", 1), removed=3), [point(0.02, 2.5, math.sqrt(2.0 * 1.0) + offsets[0])]),
            (corner(("facet_edge", 1), added=2), [point(0.02, 2.5, math.sqrt(2.0 * 1.0) + offsets[1])]),
            (corner(("step", 1), added=1), [point(0.02, 2.0, 1.0 + offsets[2]),
                                             point(0.025, 2.2, 7.0, False)])]  # unusable: reported, not used
    run = run_dir(tmp_path, "run", rows)
    out = subprocess.run([sys.executable, SCRIPTS / "kmc_corner_barriers.py", law, run], capture_output=True,
                         text=True, check=True).stdout
    assert "| 0.025 | — | unusable |" in out
    summary = [line for line in out.splitlines() if line.startswith("| 0.02 | 3 |")]
    assert len(summary) == 1
    cells = [c.strip() for c in summary[0].split("|")]
    assert float(cells[3]) == pytest.approx(sum(offsets) / 3, abs=1e-3)
    assert float(cells[7]) == pytest.approx(corners.boltzmann(offsets), abs=1e-3)
    assert "| 0.02 | retreated | 1 | -0.200 |" in out
    other = run_dir(tmp_path, "other", rows, settings={"neb_images": 9})
    refused = subprocess.run([sys.executable, SCRIPTS / "kmc_corner_barriers.py", law, other], capture_output=True,
                             text=True)
    assert refused.returncode != 0 and "another segment or NEB settings" in refused.stderr


def test_best_of_two_takes_the_lower_barrier_per_corner_and_for_the_law(tmp_path):
    law = law_file(tmp_path)
    extra = law_file(tmp_path, "extra.json", edge=[point(0.02, 2.0, 1.6)])  # the other setting: lower law point
    a = run_dir(tmp_path, "a", [(corner(), [point(0.02, 2.0, 1.5)]), (corner(), [point(0.02, 2.0, 1.9)]),
                                (corner(), [point(0.02, 2.0, 1.2)])])
    b = run_dir(tmp_path, "b", [(corner(), [point(0.02, 2.0, 1.7)]), (corner(), [point(0.02, 2.0, 1.4)]),
                                (corner(), [point(0.02, 2.0, 0.3, False)])])
    out = subprocess.run([sys.executable, SCRIPTS / "kmc_corner_best_of_two.py", law, extra, a, b],
                         capture_output=True, text=True, check=True).stdout
    best = [line for line in out.splitlines() if line.startswith("| best of two |")][0].split("|")
    single = [line for line in out.splitlines() if line.startswith("| production setting alone |")][0].split("|")
    # Best: 1.5, 1.4, 1.2 against 1.6 (the lower law point); alone: 1.5, 1.9, 1.2 against 2.0.
    assert float(best[3]) == pytest.approx((1.5 + 1.4 + 1.2) / 3 - 1.6, abs=1e-3)
    assert float(single[3]) == pytest.approx((1.5 + 1.9 + 1.2) / 3 - 2.0, abs=1e-3)
    assert float(best[5]) == pytest.approx(corners.boltzmann([-0.1, -0.2, -0.4]), abs=1e-3)


spec_noise = importlib.util.spec_from_file_location("kmc_corner_noise", SCRIPTS / "kmc_corner_noise.py")
noise = importlib.util.module_from_spec(spec_noise)
spec_noise.loader.exec_module(noise)


def test_path_scatter_is_the_rms_of_paired_differences_over_root_two(tmp_path):
    a = run_dir(tmp_path, "a", [(corner(), [point(0.02, 2.0, 1.5), point(0.025, 2.5, 1.0)]),
                                (corner(), [point(0.02, 2.0, 1.9)])])
    b = run_dir(tmp_path, "b", [(corner(), [point(0.02, 2.0, 1.8), point(0.025, 2.5, 0.9)]),
                                (corner(), [point(0.02, 2.0, 9.0, False)])])  # unusable: no pair
    sigma, se, n = noise.path_scatter([(a, b)])
    assert n == 2
    assert sigma == pytest.approx(math.sqrt((0.3 ** 2 + 0.1 ** 2) / 2 / 2))
    assert se >= 0.0


def test_null_gap_of_two_corners_matches_its_integral():
    # Two corners differing by path scatter alone: gap = −k_BT ln cosh(Δ/2k_BT), Δ ~ N(0, 2σ²).
    sigma = 0.13
    s = math.sqrt(2.0) * sigma
    steps = 4000
    lo, hi = -8.0 * s, 8.0 * s
    h = (hi - lo) / steps
    total = 0.0
    for k in range(steps + 1):
        x = lo + k * h
        y = abs(x) / (2.0 * KT)
        ln_cosh = y + math.log1p(math.exp(-2.0 * y)) - math.log(2.0)
        w = 0.5 if k in (0, steps) else 1.0
        total += w * h * (-KT * ln_cosh) * math.exp(-x * x / (2.0 * s * s)) / (s * math.sqrt(2.0 * math.pi))
    draws = noise.null_gaps(2, sigma, seed=5)
    mean = sum(draws) / len(draws)
    se = math.sqrt(sum((d - mean) ** 2 for d in draws) / (len(draws) - 1) / len(draws))
    assert abs(mean - total) < 4.0 * se


def test_excess_is_what_path_scatter_does_not_explain(tmp_path):
    law = law_file(tmp_path)
    flat = run_dir(tmp_path, "flat", [(corner(), [point(0.02, 2.0, 2.0)]) for _ in range(12)])
    dip = run_dir(tmp_path, "dip", [(corner(), [point(0.02, 2.0, 1.0 if k == 0 else 2.0)]) for k in range(12)])
    b = run_dir(tmp_path, "b", [(corner(), [point(0.02, 2.0, 2.2)]), (corner(), [point(0.02, 2.0, 1.8)])])
    out = subprocess.run([sys.executable, SCRIPTS / "kmc_corner_noise.py", law, "--pairs", flat, b, flat, dip],
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("σ_path = 0.141")  # differences +0.2, −0.2: RMS 0.2, over √2
    rows = {line.split("|")[1].strip().split("/")[-1]: [c.strip() for c in line.split("|")]
            for line in out.splitlines() if line.startswith(f"| {tmp_path}")}
    # Identical corners: no gap; every draw of the null lies below it.
    assert float(rows["flat"][7]) == pytest.approx(0.0, abs=1e-3)
    assert float(rows["flat"][9]) == pytest.approx(1.0)
    assert float(rows["flat"][10]) > 0.0
    # One corner 1 eV low among 12: gap −1 + k_BT ln 12 + 1/12, far beyond path scatter.
    assert float(rows["dip"][7]) == pytest.approx(-1.0 + KT * math.log(12.0) + 1.0 / 12.0, abs=2e-3)
    assert float(rows["dip"][9]) == pytest.approx(0.0)
    assert float(rows["dip"][10]) < -0.5
