"""The gauge's zone text shows a scroll bar it surely needs before its first layout
(`GaugePane._sure_scroll_bar`): one layout for the tab, and the screen Textual draws without it."""

from __future__ import annotations

from tests.ui.helpers import burst, keys_done, screen_layouts
from tests.ui.test_table_cells import _cells


async def _gauge_screens(demo_locations, make_app, size) -> tuple[list, int]:
    """The gauge as first shown at this size, then after ← and →; and the layouts of the tab."""
    app = make_app(demo_locations)
    shots = []
    async with app.run_test(size=size) as pilot:
        await keys_done(pilot)
        burst(app, "enter")
        await keys_done(pilot)
        with screen_layouts() as layouts:
            burst(app, "right")
            await keys_done(pilot)
        shots.append(_cells(app))
        scroll = app.screen.query_one("#zone-scroll")
        assert scroll.styles.overflow_y == "auto", "the scroll area's own rule again once laid out"
        burst(app, "tab", "left", "right")
        await keys_done(pilot)
        shots.append(_cells(app))
        case = app.screen
    return shots, layouts.count(case)


async def test_the_zone_text_scroll_bar_is_there_for_the_first_layout_and_looks_as_textual_draws_it(demo_locations, make_app, monkeypatch):
    from tui.case.gauge.pane import GaugePane

    ours = {size: await _gauge_screens(demo_locations, make_app, size) for size in ((80, 24), (100, 60))}
    assert ours[(80, 24)][1] == 1, "the bar is known before the layout: one layout, not two"
    monkeypatch.setattr(GaugePane, "_sure_scroll_bar", lambda self, text: None)
    for size, (shots, _layouts) in ours.items():
        theirs, _ = await _gauge_screens(demo_locations, make_app, size)
        assert theirs == shots, size


async def test_a_reading_is_as_high_as_its_text(demo_locations, make_app):
    """`reserved_height` wraps each reading's pieces joined, not its Text (which Rich makes
    stripping control codes): the same characters, privacy off and on, with a note, a context
    and an actor's name holding control codes as typed."""
    from models.network import Actor
    from tui.case.gauge.pane import GaugePane
    from tests.ui.helpers import change_demo_case

    typed = "a\rb\x07c\x08d\x0be\x0cf \x1b[31mrød\x1b]8;;http://x\x07 \x9b\u202e[bold]\n\tæøå"

    def hostile(case) -> None:
        actor = Actor(name=typed, sector="family")
        case.actors = [*case.actors, actor]
        case.readings = [*case.readings[:-1], case.readings[-1].model_copy(update={"note": typed, "context": typed, "actor_id": actor.id})]

    change_demo_case(demo_locations, hostile)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        burst(app, "enter", "right")
        await keys_done(pilot)
        pane = app.screen.query_one(GaugePane)
        for private in (False, True):
            app.privacy = private
            await keys_done(pilot)
            shown = pane.shown_readings()
            assert any(reading.note == typed for reading in shown)
            for reading in shown:
                text = pane.reading_text(reading, shown)
                assert pane._reading_plain(reading, shown) == text.plain
