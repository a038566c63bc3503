# SPDX-License-Identifier: MIT
"""scripts/gauge_mass_flux.py on frames whose gauge counts are known (ctest Python.Pytest)."""
import importlib.util
import io
import math
from pathlib import Path

import pytest

SCRIPTS = Path(__file__).resolve().parents[2] / "scripts"
spec = importlib.util.spec_from_file_location("gauge_mass_flux", SCRIPTS / "gauge_mass_flux.py")
flux = importlib.util.module_from_spec(spec)
spec.loader.exec_module(flux)

CELL_X = 100.0
ORIGIN_X = -20.0  # the gauge is centred on the box, not on x = 0


def write_frames(path, counts, times, outside=50):
    """Frames in the layout surfkmc writes, with `counts[i]` atoms inside a 40 Å gauge and `outside` beyond it."""
    lines = []
    centre = ORIGIN_X + CELL_X / 2.0
    for n, t in zip(counts, times):
        xs = [centre - 19.0 + 38.0 * k / max(n - 1, 1) for k in range(n)]  # inside |x − c| < 20
        xs += [ORIGIN_X + 1.0 + 8.0 * k / max(outside - 1, 1) for k in range(outside)]  # well outside
        lines.append(str(len(xs)))
        lines.append(f'Lattice="{CELL_X} 0 0 0 50 0 0 0 50" Origin="{ORIGIN_X} 0 0" pbc="T F F" '
                     f"Properties=species:S:1:pos:R:3:id:I:1:coordination:I:1 time={t} applied_strain=0 "
                     f"stress_GPa={t * 0.1} replica=0")
        for i, x in enumerate(xs):
            lines.append(f"Ag {x} 0 0 {i} 9")
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_counts_follow_the_gauge_about_the_box_middle(tmp_path):
    f = write_frames(tmp_path / "a.xyz", [400, 390], [0.0, 1.0])
    rows = flux.gauge_counts(f, 40.0)
    assert [r[2] for r in rows] == [400, 390]
    assert [r[3] for r in rows] == [450, 440]
    assert rows[1][0] == 1.0 and rows[1][1] == pytest.approx(0.1)


def test_a_steady_loss_gives_its_rate_and_the_strain_rate_bound(tmp_path):
    times = [0.0, 0.5, 1.0, 2.0, 3.0, 4.0]
    counts = [400, 380, 396, 393, 390, 387]  # −3 atoms/s from t = 1 s; the first relaxation is left out
    r = flux.Replica(write_frames(tmp_path / "a.xyz", counts, times), 40.0, from_s=1.0)
    assert r.frames_used == 4
    assert r.rate == pytest.approx(-3.0)
    assert r.rate_se == pytest.approx(0.0, abs=1e-9)
    assert r.strain_rate_bound() == pytest.approx(3.0 / 400)


def test_the_paired_difference_is_the_stress_driven_part(tmp_path):
    times = [1.0, 2.0, 3.0]
    loaded = [flux.Replica(write_frames(tmp_path / f"l{k}.xyz", [400, 400 - s, 400 - 2 * s], times), 40.0, 1.0)
              for k, s in enumerate((5, 7))]
    unloaded = [flux.Replica(write_frames(tmp_path / f"u{k}.xyz", [400, 398, 396], times), 40.0, 1.0)
                for k in range(2)]
    out = io.StringIO()
    flux.report(loaded, unloaded, out)
    text = out.getvalue()
    # loaded −5 and −7, unloaded −2 each: differences −3 and −5, mean −4, SE 1.
    assert "stress-driven (loaded − unloaded, paired): Ṅ_g = -4 ± 1 atoms/s (2 pairs" in text
    assert "ε̇ bound = 0.01 ± 0.0025 /s; largest |ΔN_g| between the arms: 10 atoms" in text


def test_unpaired_arms_are_refused(tmp_path):
    times = [1.0, 2.0, 3.0]
    a = flux.Replica(write_frames(tmp_path / "a.xyz", [10, 9, 8], times), 40.0, 1.0)
    with pytest.raises(ValueError):
        flux.report([a, a], [a], io.StringIO())


def test_slope_has_no_error_bar_from_two_points():
    b, se = flux.slope([0.0, 1.0], [3.0, 5.0])
    assert b == 2.0 and math.isnan(se)


def test_each_pair_is_fitted_over_the_loaded_replicas_span(tmp_path):
    # The loaded replica nucleates at 3 s; its unloaded twin runs on to 5 s and turns round after 3 s.
    loaded = flux.Replica(write_frames(tmp_path / "l.xyz", [400, 397, 394], [1.0, 2.0, 3.0]), 40.0, 1.0)
    unloaded = flux.Replica(write_frames(tmp_path / "u.xyz", [400, 399, 398, 420, 440], [1.0, 2.0, 3.0, 4.0, 5.0]),
                            40.0, 1.0)
    assert unloaded.rate_until(3.0)[:1] == pytest.approx((-1.0,))
    out = io.StringIO()
    flux.report([loaded], [unloaded], out)
    assert "stress-driven (loaded − unloaded, paired): Ṅ_g = -2 ± 0 atoms/s (1 pair" in out.getvalue()
    assert flux.paired_rate(loaded, unloaded) == pytest.approx((-2.0, 0.0, 4))


def test_a_yield_frame_gives_its_yield_stress(tmp_path):
    path = tmp_path / "y.xyz"
    path.write_text('2\nLattice="100 0 0 0 50 0 0 0 50" Origin="0 0 0" pbc="T F F" '
                    'Properties=species:S:1:pos:R:3:id:I:1:coordination:I:1:nucleation_site:I:1 time=20.5 '
                    'yield_stress_GPa=1.72 site_class=multi_step replica=0\nAg 50 0 0 0 9 1\nAg 5 0 0 1 9 0\n')
    assert flux.gauge_counts(str(path), 40.0) == [(20.5, pytest.approx(1.72), 1, 2)]
