"""The benchmark's own arithmetic (tests/bench/files.py): the growth fit and the case at the caps.
Nothing here is timed."""

from __future__ import annotations

import math

import pytest

from models.documents import MAX_ACTORS, MAX_READINGS, MAX_TIES, Case
from tests.bench.files import at_caps, demo_case_raw, fit_growth


def test_the_growth_fit_finds_the_exponent_under_a_fixed_cost():
    sizes = [3e4, 3e5, 1e6, 5e6]
    a, b, k = fit_growth(sizes, [0.004 + 1e-7 * size for size in sizes])
    assert k == pytest.approx(1.0, abs=0.02) and a == pytest.approx(0.004, rel=0.1)
    # The same data read from its two end points alone, without the fixed cost, looks sublinear.
    two_points = math.log((0.004 + 1e-7 * 5e6) / (0.004 + 1e-7 * 3e4)) / math.log(5e6 / 3e4)
    assert two_points < 0.9


def test_the_growth_fit_sees_quadratic_growth_and_no_fixed_cost():
    sizes = [1e3, 1e4, 1e5, 1e6]
    a, b, k = fit_growth(sizes, [2e-12 * size**2 for size in sizes])
    assert k == pytest.approx(2.0, abs=0.02) and a == 0.0
    with pytest.raises(ValueError):
        fit_growth(sizes[:3], [1.0, 2.0, 3.0])


def test_the_case_at_the_caps_is_valid_and_full():
    case = Case.model_validate(at_caps(demo_case_raw()))
    assert (len(case.actors), len(case.ties), len(case.readings)) == (MAX_ACTORS, MAX_TIES, MAX_READINGS)
    assert len(case.notes) == 20_000
