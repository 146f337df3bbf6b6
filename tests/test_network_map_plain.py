"""The map's build (tui/case/network/map.py `map_base`) draws exactly what the plain drawing draws
(tests/network_map_plain.py: every tie's line walked, every cell of every tie put on the canvas):
the same characters, styles and ranks in every cell, the same markers and labels, the same cells
for every tie, the same crossings, uses and × marks. For the demo case, a capped case, filters and
Hypothesis-made networks (hostile names, crowded and tiny canvases, routed and unrouted)."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from textual.geometry import Size

from models.documents import Case
from models.network import CITIZEN, CONFLICT_KINDS, DIMENSIONS, SECTORS, Actor, Tie
from tests.network_map_plain import plain_map_base
from tui.case.network.map import MOST_ROUTED, MapBase, map_base, selection_canvas, with_selection

HOSTILE = ["\x1b[31mrød", "\x1b]8;;http://x\x07link", "\x9bC1", "\u202eomvendt", "[bold]fed[/bold]", "<script>x</script>", "ÆØÅ 漢字", "a\tb\nc"]


def demo_case() -> Case:
    from saved.examples import HERE
    from saved.store import load

    return load(HERE / "case-demcasea.toml").document


def assert_same(case: Case, size: Size, show_tie: Callable[[Tie], bool] = lambda tie: True, private: bool = False) -> MapBase:
    new, plain = map_base(case, size, show_tie, private), plain_map_base(case, size, show_tie, private)
    assert (new.canvas.width, new.canvas.height) == (plain.canvas.width, plain.canvas.height)
    for y in range(plain.canvas.height):
        assert new.canvas.chars[y] == plain.canvas.chars[y], f"row {y}: characters"
        assert new.canvas.styles[y] == plain.canvas.styles[y], f"row {y}: styles"
        assert new.canvas.rank[y] == plain.canvas.rank[y], f"row {y}: ranks"
    assert new.markers == plain.markers and new.labels == plain.labels
    assert [(tie.id, cells) for tie, cells in new.ties] == [(tie.id, cells) for tie, cells in plain.ties]
    assert new.crossings == plain.crossings
    assert dict(new.used or {}) == dict(plain.used or {})
    assert new.marks == plain.marks
    # And so every selection over it: the selected actor's ties drawn on top of the same base.
    for end in [None, CITIZEN, *(actor.id for actor in case.actors[:6])]:
        assert with_selection(new, end) == with_selection(plain, end)
        drawn, expected = selection_canvas(new, end), selection_canvas(plain, end)
        assert (drawn.chars, drawn.styles, drawn.rank) == (expected.chars, expected.styles, expected.rank)
    return new


@pytest.mark.parametrize("size", [Size(78, 15), Size(80, 16), Size(158, 39), Size(10, 5)], ids=["80x24", "80x24-map", "160x48", "tiny"])
def test_the_demo_case_is_drawn_as_the_plain_drawing_draws_it(size):
    case = demo_case()
    assert_same(case, size)
    assert_same(case, size, private=True)
    assert_same(case, size, lambda tie: tie.weak)
    assert_same(case, size, lambda tie: bool(tie.conflicts))
    selected = case.actors[3].id
    assert_same(case, size, lambda tie: tie.touches(selected))


def capped_case() -> Case:
    """The benchmark's case at the caps (500 actors, 3000 ties, 20000 readings)."""
    from tests.bench.grow import CASE, demo_raw, grown

    return Case.model_validate(grown(demo_raw(CASE), "caps"))


@pytest.mark.parametrize("size", [Size(80, 16), Size(158, 39), Size(160 * 3, 32 * 3)], ids=["80x24", "160x48", "zoom 3"])
def test_the_capped_case_is_drawn_as_the_plain_drawing_draws_it(size):
    case = capped_case()
    base = assert_same(case, size)
    assert len(base.ties) == 3000 and base.crossings > 0
    assert_same(case, size, lambda tie: tie.weak)  # the map's f: weak ties only (771 of them)


@pytest.mark.parametrize("times", ["3x", "10x", "100x"])
def test_the_demo_grown_is_drawn_as_the_plain_drawing_draws_it(times):
    """3x: 210 ties, each routed, on a map so crowded that most searches cell by cell find no
    way (the free parts of the canvas say so first); 10x and 100x: drawn straight."""
    from tests.bench.grow import CASE, demo_raw, grown

    case = Case.model_validate(grown(demo_raw(CASE), times))
    base = assert_same(case, Size(80, 16))
    assert_same(case, Size(80, 16), lambda tie: bool(tie.conflicts))
    if times == "3x":
        assert len(base.ties) <= MOST_ROUTED and base.crossings > 100


@st.composite
def networks(draw) -> tuple[Case, Size]:
    count = draw(st.integers(0, 60))
    rng = random.Random(draw(st.integers(0, 2**32)))
    names = st.one_of(st.text(min_size=1, max_size=24), st.sampled_from(HOSTILE))
    actors = [
        Actor(
            name=draw(names),
            sector=rng.choice(SECTORS),
            ring=rng.choice((1, 2, 3)),
            coordinator=rng.random() < 0.1,
            consent=rng.choice(("none", "oral", "written")),
        )
        for _ in range(count)
    ]
    ends = [CITIZEN, *(actor.id for actor in actors)]
    pairs = [(a, b) for i, a in enumerate(ends) for b in ends[i + 1 :]]
    rng.shuffle(pairs)
    # Few ties (every one routed round the labels) or many (above MOST_ROUTED: drawn straight).
    many = draw(st.booleans()) and len(pairs) > MOST_ROUTED
    chosen = pairs[: rng.randint(MOST_ROUTED + 1, min(len(pairs), MOST_ROUTED + 200))] if many else pairs[: draw(st.integers(0, min(len(pairs), 80)))]
    ties = [
        Tie(
            a=a,
            b=b,
            ratings={name: rng.randint(1, 5) for name in DIMENSIONS if rng.random() < 0.5},
            conflicts=[kind for kind in CONFLICT_KINDS if rng.random() < 0.15],
        )
        for a, b in chosen
    ]
    size = Size(draw(st.integers(1, 170)), draw(st.integers(1, 50)))
    return Case(title="hyp", actors=actors, ties=ties), size


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(networks(), st.sampled_from(["all", "weak", "conflict", "focus"]), st.booleans())
def test_any_network_is_drawn_as_the_plain_drawing_draws_it(network, shown, private):
    case, size = network
    focus = case.actors[0].id if case.actors else CITIZEN
    show_tie = {
        "all": lambda tie: True,
        "weak": lambda tie: tie.weak,
        "conflict": lambda tie: bool(tie.conflicts),
        "focus": lambda tie: tie.touches(focus),
    }[shown]
    base = assert_same(case, size, show_tie, private)
    plain = with_selection(base, None).plain
    assert "\x1b" not in plain and "\x9b" not in plain and "\u202e" not in plain and "[bold]" not in plain and "<script>" not in plain


def test_a_straight_line_with_an_end_off_the_canvas_keeps_only_its_cells_on_it():
    """Never so on the map (the anchors are on the canvas), but `_straight` then says what the
    plain route search says: the cells on the canvas, outside the tie's own labels; not free."""
    from tests.network_map_plain import _line
    from tui.case.network.map import _straight

    owner = {(3, 1): "a", (4, 1): "a", (6, 2): "x"}
    inside = {(4, 1)}
    cells, free = _straight((4, 1), (14, 7), owner, inside, {"a", "b"}, 10, 5)
    assert cells == [cell for cell in _line(4, 1, 14, 7) if cell != (4, 1) and cell[0] < 10 and cell[1] < 5]
    assert not free
    cells, free = _straight((4, 1), (8, 3), owner, inside, {"a", "b"}, 10, 5)
    assert cells == list(_line(4, 1, 8, 3)) and not free  # through (6, 2), another's
    cells, free = _straight((4, 1), (0, 4), owner, inside, {"a", "b"}, 10, 5)
    assert cells == list(_line(4, 1, 0, 4)) and free
