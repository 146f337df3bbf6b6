"""While a document is open, what existed when it was opened is left out of the garbage
collector's full collections (tui/document/session.py, `gc.freeze`); when the last document
closes, everything is collected as before: a cycle dropped while a document was open is freed
then, and the document's file is as saved."""

from __future__ import annotations

import gc
import weakref

from saved.toml_read import tomllib
from tests.ui.helpers import burst, cursor_to_end, keys_done, settle
from tui.document import session as document_session


class _Cycle:
    def __init__(self) -> None:
        self.me = self


async def test_an_open_document_keeps_the_old_objects_out_of_collections_until_it_closes(demo_locations, make_app, monkeypatch):
    monkeypatch.setattr(document_session, "_open_documents", 0)  # whatever an earlier test left open
    gc.unfreeze()
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert gc.get_freeze_count() == 0
        cycle = _Cycle()
        gone = weakref.ref(cycle)
        await pilot.press("enter")  # the newest document: K.M. (demo)
        await settle(pilot)
        session = app.screen.session
        assert gc.get_freeze_count() > 0, "the case's models are out of the collections"
        frozen_models = gc.get_freeze_count()
        del cycle
        gc.collect()
        assert gone() is not None, "frozen while the case is open: not collected"
        await cursor_to_end(app)
        burst(app, "abc")
        await keys_done(pilot)
        await pilot.press("escape")  # back home: the case is saved and closed
        await settle(pilot)
        assert not any(open_session is session for open_session in app.sessions)
        assert gc.get_freeze_count() == 0, "unfrozen when the last document closed"
        gc.collect()
        assert gone() is None, "collected once the document closed"
        assert frozen_models > 0
    assert "abc" in tomllib.loads(path.read_text(encoding="utf-8"))["notes"]


async def test_an_app_that_ends_with_a_document_open_leaves_nothing_frozen(demo_locations, make_app):
    """A test's app (or one of the benchmark's, in one process) ends without closing its document:
    what it froze would otherwise stay out of collections for every app after it."""
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.session in app.sessions
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
    assert document_session._open_documents == 0


def test_the_app_runs_with_young_collections_every_5000_new_objects(tmp_path, monkeypatch):
    """tui/__main__.py: the app itself (not the tests, which keep Python's default) collects young
    objects every 5000 new ones: a screen's build is ~10^4 objects that live on."""
    from saved.locations import Locations
    from tui import __main__ as cli
    from tui.app import SamspilApp

    seen: dict[str, object] = {}
    monkeypatch.setattr(SamspilApp, "run", lambda self, *args, **kwargs: seen.setdefault("threshold", gc.get_threshold()))
    monkeypatch.setattr("tui.driver.samspil_driver", lambda plain: None)  # no terminal here (nor msvcrt on a simulated Windows)
    before = gc.get_threshold()
    try:
        cli.run_app(Locations(tmp_path / "data"), "da")
    finally:
        gc.set_threshold(*before)
        gc.unfreeze()
    assert seen["threshold"] == (cli.YOUNG_COLLECTION, *before[1:]) and cli.YOUNG_COLLECTION == 5000
