"""Letters typed on a closed list field choose from it, as on a web form's select. Textual's Select
searches only while its list is open: "Mor" typed on the tie dialog's closed "To" field (a burst,
then Tab) was dropped without a trace and the tie could not be saved."""

from __future__ import annotations

from models.documents import Case
from models.network import Actor
from saved.store import create
from saved.toml_read import tomllib
from tests.ui.helpers import burst, keys_done, settle
from tests.ui.test_network import open_network
from tui.case.network.dialogs import TieDialog
from tui.widgets.text_select import TextSelect

ACTORS = [
    Actor(id="aaaaaaaa", name="Mor A", kind="Mor", sector="family", ring=1),
    Actor(id="bbbbbbbb", name="Jobcenter", kind="Jobcenter", sector="municipality", ring=2),
    Actor(id="cccccccc", name="Egen læge", kind="Praktiserende læge", sector="region", ring=2),
]


async def test_typing_on_a_closed_list_chooses_and_tab_goes_on(locations, make_app):
    path = create(locations, Case(title="T.T.", actors=ACTORS)).path
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, TieDialog)
        burst(app, "mor", "tab", "m")  # the other end, then the contact frequency: "månedligt"
        await keys_done(pilot)
        [to, contact] = list(app.screen.query(TextSelect))[:2]
        assert to.value == "aaaaaaaa", "the first option holding 'mor'"
        assert not to.expanded and app.focused is contact
        assert contact.value == "monthly"
        burst(app, "tab", "2123221", "ctrl+s")
        await keys_done(pilot)
        assert not isinstance(app.screen, TieDialog)
        await pilot.press("ctrl+s")
        await settle(pilot)
    [tie] = tomllib.loads(path.read_text())["ties"]
    assert "aaaaaaaa" in (tie["a"], tie["b"])


async def test_typing_again_after_a_pause_starts_a_new_search(locations, make_app):
    create(locations, Case(title="T.T.", actors=ACTORS))
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        await pilot.press("t")
        await settle(pilot)
        to = app.screen.query_one(TextSelect)
        await pilot.press("j", "o", "b")
        assert to.value == "bbbbbbbb"
        to._typed_at -= 5  # as after a pause
        await pilot.press("e", "g", "e", "n")
        assert to.value == "cccccccc"
        await pilot.press("x", "y", "z")  # nothing holds it: the choice stays
        assert to.value == "cccccccc"
