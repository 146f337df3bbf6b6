"""The ecomap in characters (tui/case/network/map.py) and its geometry (models/ecomap.py): short
unique names, ties that never run through another actor's label, a conflict's × on its own tie."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.geometry import Size

from models.ecomap import RING_RADIUS, abbreviations, places, wedges
from models.network import SECTORS, Actor
from tui.case.network.map import CONFLICT_CHAR, CONFLICT_STYLE, map_base, map_labels, with_selection

HOSTILE = ["\x1b[31mrød", "\x1b]8;;http://x\x07link", "\x9bC1", "\u202eomvendt", "[bold]fed[/bold]", "<script>x</script>"]


def demo_case():
    from saved.examples import HERE
    from saved.store import load

    return load(HERE / "case-demcasea.toml").document


def test_the_demo_names_are_short_unique_and_readable():
    case = demo_case()
    labels = abbreviations([actor.name for actor in case.actors], 5)
    assert len({label.casefold() for label in labels}) == 34
    assert all(len(label) <= 5 for label in labels)
    named = dict(zip((actor.name for actor in case.actors), labels))
    assert named["Mor (GM)"] == "Mor" and named["SKP, bostøtte HL"] == "SKP"
    assert named["Jobcenter Nord"] == "JobN" and named["Psykiatribrobygger MK"] == "PsyM"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.text(min_size=1, max_size=30), st.sampled_from(HOSTILE)), min_size=1, max_size=40), st.integers(3, 9))
def test_abbreviations_are_always_unique_and_carry_no_control_characters(names, width):
    labels = abbreviations(names, width, list(range(1, len(names) + 1)))
    assert len({label.casefold() for label in labels}) == len(names)
    assert all(label.isprintable() and "\x1b" not in label and "[" not in label and "<" not in label for label in labels)


def test_wedges_cover_the_circle_and_rings_go_outwards():
    case = demo_case()
    spans = wedges(case.actors)
    assert list(spans) == list(SECTORS)
    assert sum(span for _, span in spans.values()) == pytest.approx(360)
    spots = places(case.actors)
    for actor in case.actors:
        x, y = spots[actor.id]
        assert abs((x * x + y * y) ** 0.5 - RING_RADIUS[actor.ring]) < 0.1


def label_cells(base):
    owner = {}
    for end, region in base.markers.items():
        for x in range(region.x - 1, region.x + region.width + 1):
            owner[(x, region.y)] = end
    return owner


@pytest.mark.parametrize("size", [Size(78, 15), Size(158, 39)], ids=["80x24", "160x48"])
def test_no_tie_runs_through_another_label_and_each_conflict_mark_is_on_its_own_tie(size):
    case = demo_case()
    base = map_base(case, size)
    assert base.crossings == 0
    owner = label_cells(base)
    for tie, cells in base.ties:
        assert not {owner[cell] for cell in cells if cell in owner} - {tie.a, tie.b}, "through a label"
    text = with_selection(base, None)
    rows = text.plain.split("\n")
    marks = 0
    for tie, cells in base.ties:
        if tie.conflicts:
            spot = base.marks[tie.id]
            assert spot in cells
            assert rows[spot[1]][spot[0]] == CONFLICT_CHAR, "every conflict tie shows its ×"
            assert base.used[spot] == 1, "in a cell no other tie passes through: it belongs to one tie"
            marks += 1
    assert marks == 17
    # Every × is bright on a block: it stands out without colour too (see the NO_COLOR snapshot).
    assert all(str(span.style) == CONFLICT_STYLE for span in text.spans if CONFLICT_CHAR in text.plain[span.start : span.end])


def test_every_actor_has_its_label_on_the_map_and_privacy_changes_the_labels():
    case = demo_case()
    base = map_base(case, Size(78, 15))
    rows = with_selection(base, case.actors[0].id).plain.split("\n")
    for end, region in base.markers.items():
        assert rows[region.y][region.x : region.x + region.width] == base.labels[end]
    private = map_labels(case, 78, private=True)
    assert private[case.actors[30].id].startswith("Mor") and "GM" not in "".join(private.values())


def test_a_hostile_name_never_reaches_the_map():
    case = demo_case()
    for actor, name in zip(case.actors, HOSTILE):
        actor.name = name
    plain = with_selection(map_base(case, Size(78, 15)), None).plain
    assert "\x1b" not in plain and "\x9b" not in plain and "\u202e" not in plain and "[bold]" not in plain and "<script>" not in plain


def test_the_map_at_the_caps_is_drawn_without_routing_every_tie():
    import random

    from models.documents import Case
    from models.network import Tie

    rng = random.Random(3)
    actors = [Actor(name=f"Aktør {i}", sector=rng.choice(SECTORS), ring=rng.choice((1, 2, 3))) for i in range(500)]
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < 3000:
        a, b = rng.sample(range(500), 2)
        pairs.add((min(a, b), max(a, b)))
    case = Case(title="stor", actors=actors, ties=[Tie(a=actors[a].id, b=actors[b].id) for a, b in pairs])
    base = map_base(case, Size(158, 39))
    assert len(base.ties) == 3000 and len(base.markers) == 501
