"""The gauge's domain: readings, the suggested intensity, zones, the switch point and filters."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from models.gauge import (
    CAPACITY_ANCHOR_KEYS,
    FEELINGS,
    INTENSITY_ANCHOR_KEYS,
    NO_ACTOR,
    SITUATIONS,
    WHOSE,
    ZONE_GUIDANCE_KEYS,
    ZONES,
    Reading,
    decreasing_isotonic,
    filter_readings,
    suggested_intensity,
    switch_point,
    zone,
)

CET = timezone(timedelta(hours=1))
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=CET)


def reading(intensity: int, capacity: int, **fields) -> Reading:
    return Reading(intensity=intensity, capacity=capacity, taken=fields.pop("taken", T0), **fields)


def readings(pairs) -> list[Reading]:
    return [reading(i, c, taken=T0 + timedelta(hours=n)) for n, (i, c) in enumerate(pairs)]


# --- Reading -----------------------------------------------------------------------------------


def test_vocabulary_is_the_materials():
    assert FEELINGS == ("frygt", "vrede", "skuffelse", "skam", "forvirring", "afmagt")
    assert WHOSE == ("self", "citizen", "colleague", "team")
    assert {"meeting", "home_visit", "phone", "crisis", "coercion", "network_meeting", "supervision", "team"} <= set(SITUATIONS)


def test_a_minimal_reading_has_sensible_defaults():
    r = Reading(intensity=4, capacity=6)
    assert r.whose == "self" and r.situation is None and r.actor_id is None and r.feelings == {}
    assert r.taken.tzinfo is not None
    assert len(r.id) == 8


@pytest.mark.parametrize(
    "fields",
    [
        {"intensity": 11, "capacity": 5},
        {"intensity": -1, "capacity": 5},
        {"intensity": 5, "capacity": 11},
        {"intensity": 5.0, "capacity": 5},
        {"intensity": "5", "capacity": 5},
        {"intensity": True, "capacity": 5},
        {"intensity": 5, "capacity": 5, "feelings": {"glæde": 3}},
        {"intensity": 5, "capacity": 5, "feelings": {"vrede": 11}},
        {"intensity": 5, "capacity": 5, "whose": "boss"},
        {"intensity": 5, "capacity": 5, "situation": "party"},
        {"intensity": 5, "capacity": 5, "note": "x" * 501},
        {"intensity": 5, "capacity": 5, "context": "x" * 201},
        {"intensity": 5, "capacity": 5, "actor_id": "ABCDEFGH"},
        {"intensity": 5, "capacity": 5, "actor_id": "aaaaaa0a"},
        {"intensity": 5, "capacity": 5, "taken": datetime(2026, 11, 2, 9, 0)},
        {"intensity": 5, "capacity": 5, "mood": "fine"},
        {"capacity": 5},
    ],
)
def test_invalid_readings_are_refused(fields):
    with pytest.raises(ValidationError):
        Reading(**fields)


def test_feelings_are_kept_in_catalogue_order():
    r = Reading(intensity=5, capacity=5, feelings={"afmagt": 6, "frygt": 2, "skam": 4})
    assert list(r.feelings) == ["frygt", "skam", "afmagt"]
    assert r.feelings == {"afmagt": 6, "frygt": 2, "skam": 4}


def test_assignment_is_validated():
    r = Reading(intensity=5, capacity=5)
    with pytest.raises(ValidationError):
        r.capacity = 12
    r.feelings = {"vrede": 9, "frygt": 1}
    assert list(r.feelings) == ["frygt", "vrede"]


# --- suggested_intensity -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "feelings, expected",
    [
        ({}, None),
        ({"frygt": 0}, 0),
        ({"vrede": 6}, 6),
        ({"vrede": 6, "skam": 3, "afmagt": 5}, 6),  # the strongest, not the mean
        ({"vrede": 7, "skam": 7}, 7),  # two strong feelings: no nudge
        ({"vrede": 7, "skam": 7, "frygt": 7}, 8),  # three at 7+: one up
        ({"vrede": 9, "skam": 7, "frygt": 8, "afmagt": 2}, 10),
        ({"vrede": 10, "skam": 10, "frygt": 10}, 10),  # capped
        ({"vrede": 6, "skam": 6, "frygt": 6, "afmagt": 6}, 6),  # many, but none at 7
    ],
)
def test_suggested_intensity(feelings, expected):
    assert suggested_intensity(feelings) == expected


def test_suggested_intensity_is_a_valid_rating_for_every_input():
    rng = random.Random(3)
    for _ in range(500):
        chosen = rng.sample(FEELINGS, rng.randint(1, 6))
        feelings = {name: rng.randint(0, 10) for name in chosen}
        value = suggested_intensity(feelings)
        assert max(feelings.values()) <= value <= 10
        Reading(intensity=value, capacity=5, feelings=feelings)


# --- zones -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "intensity, capacity, key",
    [
        (7, 4, "regulate"),
        (10, 0, "regulate"),
        (7, 5, "name"),  # capacity still holds at high intensity
        (10, 10, "name"),
        (6, 4, "name"),
        (4, 0, "name"),
        (4, 6, "name"),
        (6, 6, "name"),
        (4, 7, "explore"),
        (6, 10, "explore"),
        (0, 7, "explore"),
        (3, 10, "explore"),
        (3, 5, "steady"),
        (0, 6, "steady"),
        (3, 4, "depleted"),
        (0, 0, "depleted"),
    ],
)
def test_zone_boundaries(intensity, capacity, key):
    assert zone(intensity, capacity).key == key


def test_every_point_of_the_grid_has_exactly_one_zone_and_urgency_follows_the_picture():
    seen = set()
    for intensity in range(11):
        for capacity in range(11):
            z = zone(intensity, capacity)
            seen.add(z.key)
            # Less capacity at the same intensity is never less urgent (except the calm/flat corner,
            # where depleted is more urgent than steady and explore, as intended).
            if capacity < 10:
                assert z.urgency >= zone(intensity, capacity + 1).urgency
    assert seen == set(ZONES)


def test_zones_have_symbols_that_are_not_colour():
    symbols = [z.symbol for z in ZONES.values()]
    asciis = [z.ascii for z in ZONES.values()]
    assert len(set(symbols)) == len(symbols) and len(set(asciis)) == len(asciis)
    assert all(s and a.isascii() and a.isprintable() for s, a in zip(symbols, asciis))
    assert all(z.key == key and z.label_key == f"gauge.zone.{key}" for key, z in ZONES.items())


def test_every_zone_has_guidance_keys():
    assert set(ZONE_GUIDANCE_KEYS) == set(ZONES)
    for key, keys in ZONE_GUIDANCE_KEYS.items():
        assert keys[0] == f"gauge.zone.{key}" and len(keys) >= 3
    assert len(INTENSITY_ANCHOR_KEYS) == len(CAPACITY_ANCHOR_KEYS) == 11


@pytest.mark.parametrize("bad", [(11, 5), (-1, 5), (5, 11), (5.0, 5), (True, 5), ("5", 5)])
def test_zone_refuses_values_off_the_scale(bad):
    with pytest.raises(ValueError):
        zone(*bad)


# --- the switch point -------------------------------------------------------------------------------


def test_decreasing_isotonic_pools_violators():
    points = [(0, 1, Fraction(8)), (1, 1, Fraction(9)), (2, 2, Fraction(5)), (3, 1, Fraction(6)), (4, 1, Fraction(1))]
    fitted = decreasing_isotonic(points)
    assert fitted == [Fraction(17, 2), Fraction(17, 2), Fraction(16, 3), Fraction(16, 3), Fraction(1)]
    assert all(a >= b for a, b in zip(fitted, fitted[1:]))


def test_decreasing_isotonic_leaves_a_decreasing_sequence_alone():
    points = [(x, 1, Fraction(10 - x)) for x in range(11)]
    assert decreasing_isotonic(points) == [Fraction(10 - x) for x in range(11)]


def test_switch_point_of_a_clean_line():
    # capacity = 10 - intensity: below 5 from intensity 6 on.
    result = switch_point(readings((i, 10 - i) for i in range(11)))
    assert (result.intensity, result.reason, result.enough, result.readings_used) == (6, "ok", True, 11)
    assert (result.lowest, result.highest) == (0, 10)
    assert [p.fitted for p in result.fit] == [float(10 - i) for i in range(11)]


def test_switch_point_threshold_is_strict_and_adjustable():
    data = readings((i, 10 - i) for i in range(11))
    assert switch_point(data, threshold=6).intensity == 5
    assert switch_point(data, threshold=5.5).intensity == 5
    assert switch_point(data, threshold=4).intensity == 7


def test_switch_point_does_not_depend_on_order():
    data = readings([(2, 8), (3, 9), (5, 6), (6, 3), (7, 2), (8, 4), (4, 7), (6, 5)])
    expected = switch_point(data)
    rng = random.Random(7)
    for _ in range(20):
        rng.shuffle(data)
        assert switch_point(data) == expected


def test_switch_point_of_noisy_readings():
    # A practitioner whose capacity falls once intensity passes 6, with noise and one odd reading.
    rng = random.Random(11)
    pairs = []
    for _ in range(60):
        intensity = rng.randint(0, 10)
        base = 8 if intensity <= 6 else 3
        pairs.append((intensity, max(0, min(10, base + rng.randint(-2, 2)))))
    pairs.append((9, 9))  # a good day at high intensity does not move the answer
    result = switch_point(readings(pairs))
    assert result.reason == "ok" and result.enough
    assert result.intensity == 7
    fitted = [p.fitted for p in result.fit]
    assert all(a >= b for a, b in zip(fitted, fitted[1:]))
    assert sum(p.readings for p in result.fit) == result.readings_used == 61


def test_one_odd_reading_is_pooled_not_followed():
    # A single low capacity at intensity 3 among good readings must not make 3 the switch point.
    pairs = [(1, 8), (2, 8), (2, 9), (3, 2), (4, 8), (4, 7), (5, 7), (7, 3), (8, 2), (8, 3)]
    result = switch_point(readings(pairs))
    assert result.intensity == 7 and result.reason == "ok"


def test_too_few_readings_say_so():
    result = switch_point(readings([(2, 9), (8, 2), (9, 1)]))
    assert (result.intensity, result.reason, result.enough, result.readings_used) == (None, "too_few", False, 3)
    assert switch_point([]).reason == "too_few"
    assert switch_point(readings([(2, 9), (8, 2), (9, 1)]), min_readings=3).reason != "too_few"


def test_never_below():
    result = switch_point(readings([(1, 9), (3, 8), (5, 7), (6, 6), (8, 5), (9, 5)]))
    assert (result.intensity, result.reason, result.enough) == (None, "never_below", False)
    assert result.highest == 9


def test_always_below():
    result = switch_point(readings([(5, 4), (6, 3), (7, 2), (8, 2), (9, 1), (10, 0)]))
    assert (result.intensity, result.reason, result.enough) == (None, "always_below", False)
    assert result.lowest == 5


def test_all_readings_at_one_intensity_is_one_sided():
    assert switch_point(readings([(6, 7)] * 8)).reason == "never_below"
    assert switch_point(readings([(6, 2)] * 8)).reason == "always_below"


def test_a_crossing_with_a_thin_side_is_tentative():
    # Only one reading at or above the crossing.
    result = switch_point(readings([(1, 9), (2, 8), (3, 8), (4, 7), (5, 7), (9, 2)]))
    assert (result.intensity, result.reason, result.enough) == (9, "thin_side", False)
    assert switch_point(readings([(1, 9), (2, 8), (3, 8), (4, 7), (5, 7), (9, 2)]), min_per_side=1).reason == "ok"


def test_switch_point_refuses_nonsense_parameters():
    with pytest.raises(ValueError):
        switch_point([], min_readings=0)


# --- filter_readings -----------------------------------------------------------------------------------


def test_filter_readings():
    a, b = "aaaaaaaa", "bbbbbbbb"
    data = [
        reading(3, 8, whose="self", situation="meeting", actor_id=a, context="Jobcentret, opfølgning", taken=T0),
        reading(8, 2, whose="self", situation="crisis", actor_id=None, context="Akut på afsnittet", taken=T0 + timedelta(days=1)),
        reading(6, 4, whose="citizen", situation="meeting", actor_id=b, context="Mor ringer", taken=T0 + timedelta(days=2)),
        reading(5, 5, whose="team", situation=None, actor_id=None, context="", taken=T0 + timedelta(days=3)),
    ]
    assert filter_readings(data) == data
    assert filter_readings(data, whose="self") == data[:2]
    assert filter_readings(data, situation="meeting") == [data[0], data[2]]
    assert filter_readings(data, actor_id=a) == [data[0]]
    assert filter_readings(data, actor_id=NO_ACTOR) == [data[1], data[3]]
    assert filter_readings(data, context_contains="JOBCENTRET") == [data[0]]
    assert filter_readings(data, context_contains="") == data
    assert filter_readings(data, whose="self", situation="meeting", actor_id=a) == [data[0]]
    assert filter_readings(data, whose="colleague") == []
    assert filter_readings(data, since=T0 + timedelta(days=1), until=T0 + timedelta(days=3)) == data[1:3]
    assert filter_readings(iter(data), whose="team") == [data[3]]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 10), st.integers(0, 10)), max_size=40), st.integers(0, 10))
def test_switch_point_properties(pairs, threshold):
    result = switch_point(readings(pairs), threshold=threshold)
    assert result.readings_used == len(pairs)
    if result.reason == "too_few":
        assert len(pairs) < 6 and result.intensity is None and result.fit == ()
        return
    fitted = [p.fitted for p in result.fit]
    assert all(a >= b - 1e-9 for a, b in zip(fitted, fitted[1:])), "the fit never rises"
    # The fit keeps the total: pooled blocks carry their weighted mean.
    assert abs(sum(p.readings * p.fitted for p in result.fit) - sum(c for _, c in pairs)) < 1e-6
    assert [p.intensity for p in result.fit] == sorted({i for i, _ in pairs})
    if result.intensity is not None:
        at = {p.intensity: p.fitted for p in result.fit}
        assert at[result.intensity] < threshold
        assert all(f >= threshold for i, f in at.items() if i < result.intensity)
        assert result.reason in ("ok", "thin_side") and result.enough == (result.reason == "ok")
    else:
        assert result.reason in ("never_below", "always_below") and not result.enough
