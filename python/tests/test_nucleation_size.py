# SPDX-License-Identifier: MIT
"""scripts/nucleation_size.py on nucleation files whose answers are known (ctest Python.Pytest)."""
import importlib.util
import json
import math
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
spec = importlib.util.spec_from_file_location("nucleation_size", SCRIPTS / "nucleation_size.py")
size = importlib.util.module_from_spec(spec)
spec.loader.exec_module(size)

KT = 8.617333262e-5 * 300.0


def point(strain, stress, barrier, used=True):
    return {"strain": strain, "stress_GPa": stress, "barrier_eV": barrier, "used_in_fit": used, "atoms": 100}


def write(tmp_path, name, diameter, points, length=62.0):
    path = tmp_path / name
    path.write_text(json.dumps({"segment": {"diameter_A": diameter, "length_A": length},
                                "sites": {"edge": {"points": points}}}))
    return str(path)


def test_parts_of_one_segment_are_pooled_and_the_envelope_is_non_increasing(tmp_path):
    a = write(tmp_path, "a.json", 25.0, [point(0.0, 1.0, 5.0, used=False), point(0.02, 2.0, 2.0)])
    b = write(tmp_path, "b.json", 25.0, [point(0.03, 3.0, 2.5), point(0.04, 4.0, 0.5)])
    c = write(tmp_path, "c.json", 30.0, [point(0.0, 0.8, 5.0), point(0.02, 2.0, 1.0)])
    segs = size.load_segments([a, b, c], "edge")
    assert [s.diameter_A for s in segs] == [25.0, 30.0]
    assert segs[0].sigma_s == 1.0  # the ε = 0 stress, whether or not its barrier is usable
    # 2.5 eV at 3 GPa rises above 2.0 at 2 GPa: the envelope keeps the lower one.
    assert segs[0].table() == [(2.0, 2.0), (3.0, 2.0), (4.0, 0.5)]


def test_a_pull_file_gives_sigma_s_and_no_barrier(tmp_path):
    a = write(tmp_path, "a.json", 30.0, [point(0.02, 2.0, 2.0), point(0.03, 3.0, 1.0)])
    pull = write(tmp_path, "p.json", 30.0, [point(0.0, 0.7, 9.0), point(0.01, 1.5, 3.0)])
    (seg,) = size.load_segments([a], "edge", [pull])
    assert seg.sigma_s == 0.7
    assert seg.table() == [(2.0, 2.0), (3.0, 1.0)]
    # a segment known only from a pull file is no segment
    other = write(tmp_path, "o.json", 40.0, [point(0.0, 0.6, 9.0)])
    assert [s.diameter_A for s in size.load_segments([a], "edge", [pull, other])] == [30.0]


def test_interpolation_is_linear_in_ln_barrier_and_extends_the_end_intervals():
    table = [(1.0, 4.0), (2.0, 2.0), (3.0, 1.0)]
    g, slope = size.ln_interp(table, 1.5, extend=False)
    assert g == pytest.approx(math.sqrt(8.0))
    assert slope == pytest.approx(-math.log(2.0))
    assert size.ln_interp(table, 3.5, extend=False) is None
    assert size.ln_interp(table, 4.0, extend=True)[0] == pytest.approx(0.5)
    assert size.ln_interp(table, 0.0, extend=True)[0] == pytest.approx(8.0)


def test_first_passage_stress_solves_eq2():
    # ΔG = 2 e^{−(σ_n − 2)} eV: Ω = ΔG per GPa. At the solution N ν e^{−ΔG/kT} = Ω E ε̇ / kT.
    table = [(1.0, 2.0 * math.e), (3.0, 2.0 / math.e)]
    off, n, rate = 0.7, 221, 1e-3
    sigma = size.first_passage_stress(table, off, n, rate)
    g = 2.0 * math.exp(-(sigma + off - 2.0))
    lhs = n * size.NU_D * math.exp(-g / KT)
    rhs = g * size.E_112_GPA * rate / KT
    assert math.log(lhs) == pytest.approx(math.log(rhs), abs=1e-9)
    # More sites or a slower ramp fire earlier, a larger offset at a lower applied stress.
    assert size.first_passage_stress(table, off, 4 * n, rate) < sigma
    assert size.first_passage_stress(table, off, n, rate / 10) < sigma
    assert size.first_passage_stress(table, off + 0.3, n, rate) == pytest.approx(sigma - 0.3, abs=1e-9)


def test_a_segment_without_its_zero_strain_point_is_refused(tmp_path, capsys):
    a = write(tmp_path, "a.json", 25.0, [point(0.02, 2.0, 2.0), point(0.03, 3.0, 1.0)])
    with pytest.raises(SystemExit) as e:
        size.main([a])
    assert "25 Å" in str(e.value)
