"""Repair instead of "delete": one bad value no longer locks a whole case."""

from __future__ import annotations

from saved.toml_read import tomllib  # Python 3.10 has tomli

from saved import store
from saved.repair import usable_backup, without_bad_items
from tests.ui.helpers import settle
from tui.case.screen import CaseScreen
from tui.widgets.dialogs import Choice


def damage(path, old: str, new: str) -> bytes:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    return path.read_bytes()


def test_one_bad_reading_is_left_out_and_the_rest_kept(demo_locations):
    path = demo_locations.document("case", "demcasea")
    before = store.load(path).document
    damaged = damage(path, "intensity = ", "intensity = 11 # was ")
    repair = without_bad_items(path)
    assert repair is not None and repair.dropped == [("readings", 0)]
    case = repair.loaded.document
    assert len(case.readings) == len(before.readings) - 1 and case.actors == before.actors and case.ties == before.ties
    assert path.read_bytes() == damaged  # nothing written


def test_an_actor_that_fails_takes_its_ties_along(demo_locations):
    path = demo_locations.document("case", "demcasea")
    before = store.load(path).document
    first = before.actors[0]
    damage(path, f'ring = {first.ring}', "ring = 9")
    repair = without_bad_items(path)
    assert repair is not None
    dropped_ties = {index for name, index in repair.dropped if name == "ties"}
    assert ("actors", 0) in repair.dropped
    assert dropped_ties == {i for i, tie in enumerate(before.ties) if tie.touches(first.id)}
    assert all(reading.actor_id != first.id for reading in repair.loaded.document.readings)


def test_a_problem_outside_the_lists_is_not_mended(demo_locations):
    path = demo_locations.document("case", "demcasea")
    damage(path, "review_date = ", "review_date = 12 # ")
    assert without_bad_items(path) is None


async def test_a_damaged_case_opens_without_the_bad_reading_and_is_saved_only_when_asked(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    store.save(demo_locations, store.load(path))  # so there is a backup
    damaged = damage(path, "intensity = ", "intensity = 11 # was ")
    assert usable_backup(demo_locations, path) is not None
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")  # the damaged case is first (newest)
        await pilot.pause()
        assert isinstance(app.screen, Choice)
        await pilot.press("u")  # åbn uden de fejlbehæftede
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen)
        session = app.screen.session
        assert session.dirty and path.read_bytes() == damaged
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not session.dirty
    saved = tomllib.loads(path.read_text())
    assert all(reading["intensity"] <= 10 for reading in saved["readings"])
    assert demo_locations.backup_of(path).read_bytes() == damaged


async def test_the_backup_can_be_put_back(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    store.save(demo_locations, store.load(path))
    good = store.load(demo_locations.backup_of(path)).document
    damage(path, "review_date = ", "review_date = 12 # ")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("s")  # sikkerhedskopien
        await pilot.pause()
        assert isinstance(app.screen, CaseScreen) and app.screen.session.dirty
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert store.load(path).document.readings == good.readings
