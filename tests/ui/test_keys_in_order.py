"""Keys land where they were typed (tui/keys.py): every test posts a whole burst at once, as keys
arrive over SSH or from fast typing, and asserts on the saved file.

`burst` posts every key without awaiting in between; Pilot's `press` would wait for the app after
each key and hide exactly the fault these tests are about.
"""

from __future__ import annotations

from saved.toml_read import tomllib  # Python 3.10 has tomli


from models.documents import Case
from models.gauge import FEELINGS
from models.network import Actor
from saved.store import create, load
from tests.ui.helpers import burst, keys_done, screen_text, settle
from tui.case.gauge.reading_form import ReadingForm
from tui.case.network.dialogs import ActorDialog, TieDialog
from tui.exnovation.forces import ForceFieldScreen
from tui.exnovation.item import ItemScreen
from tui.exnovation.matrix import MatrixScreen
from tui.exnovation.screen import ExnovationScreen
from tui.supervision.screen import SupervisionScreen
from tui.widgets.dialogs import Ask
from tui.widgets.tab_row import TabRow

ACTORS = [Actor(id="aaaaaaaa", name="Mor", kind="Pårørende", sector="family", ring=1)]


def saved(path) -> dict:
    return tomllib.loads(path.read_text())


async def keys(pilot, *typed: str) -> None:
    burst(pilot.app, *typed)
    await keys_done(pilot)


async def new_board_with_item(pilot) -> None:
    await settle(pilot)
    await keys(pilot, "b", "Team Syd", "enter", "n", "Fax", "enter")
    assert isinstance(pilot.app.screen, ItemScreen)


async def test_board_item_tab_then_text_lands_in_the_next_field(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board_with_item(pilot)  # opens on who nominated it, the first empty field
        await keys(pilot, "AB", "tab", "2026-11-02", "ctrl+s")
        [item] = saved(app.screen.session.opened.path)["items"]
        assert (item["what"], item["nominated_by"], item["nominated_on"].isoformat()) == ("Fax", "AB", "2026-11-02")


async def test_a_paste_after_tab_lands_in_the_next_field(locations, make_app):
    from textual import events

    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board_with_item(pilot)
        burst(app, "shift+tab", "tab")  # to the name and back to who nominated it
        app.post_message(events.Paste("LB\x1b]0;x\x07"))  # stored as typed, shown sanitised
        burst(app, "ctrl+s")
        await keys_done(pilot)
        [item] = saved(app.screen.session.opened.path)["items"]
        assert (item["what"], item["nominated_by"]) == ("Fax", "LB\x1b]0;x\x07")
        assert "\x1b" not in screen_text(app)


async def test_force_dialog_text_tab_strength_enter(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board_with_item(pilot)
        await keys(pilot, "ctrl+f")
        assert isinstance(app.screen, ForceFieldScreen)
        # The strength field holds "3", selected when it takes focus: the "2" replaces it.
        await keys(pilot, "a", "Y1 beta", "tab", "2", "enter", "escape", "ctrl+s")
        [item] = saved(app.screen.session.opened.path)["items"]
        [force] = item["helping"]
        assert (force["text"], force["strength"]) == ("Y1 beta", 2)


async def test_stray_letters_while_a_dialog_opens_stay_in_the_dialog(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board_with_item(pilot)
        await keys(pilot, "escape")
        assert isinstance(app.screen, ExnovationScreen)
        # "n" opens the name dialog; "tdx" typed at once must be its text, not the board's
        # one-key commands (t: nominator told, delete: remove the item).
        await keys(pilot, "n", "tdx", "delete")
        assert isinstance(app.screen, Ask)
        assert app.screen.query_one("Input").value == "tdx"
        await keys(pilot, "escape", "ctrl+s")
        [item] = saved(app.screen.session.opened.path)["items"]
        assert item["what"] == "Fax" and item.get("nominator_told") is not True


async def test_matrix_rename_in_a_burst(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board_with_item(pilot)
        await keys(pilot, "escape", "m")
        assert isinstance(app.screen, MatrixScreen)
        await keys(pilot, "r", "1", "ctrl+u", "Nu", "enter", "escape", "ctrl+s")
        labels = saved(app.screen.session.opened.path)["quadrant_labels"]
        assert "Nu" in labels.values()


def make_case(locations):
    return create(locations, Case(title="T.T.", actors=ACTORS)).path


async def open_case_tab(pilot, rights: int) -> None:
    await settle(pilot)
    await keys(pilot, "enter", *["right"] * rights, "tab")


async def test_reading_form_values_land_on_the_feeling_tabbed_to(locations, make_app):
    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case_tab(pilot, 1)
        tabs_to_intensity = len(FEELINGS) - 5
        await keys(pilot, "n", "tab", "6", "tab", "5", "tab", "tab", "tab", "6", *["tab"] * tabs_to_intensity, "7", "tab", "4", "ctrl+s")
        assert not isinstance(app.screen, ReadingForm)
        await keys(pilot, "ctrl+s")
    [reading] = saved(path)["readings"]
    assert reading["feelings"] == {FEELINGS[1]: 6, FEELINGS[2]: 5, FEELINGS[5]: 6}
    assert (reading["intensity"], reading["capacity"]) == (7, 4)


async def test_actor_dialog_name_tab_kind(locations, make_app):
    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case_tab(pilot, 2)
        # Enter in the kind field takes the catalogue's first match (and its sector).
        await keys(pilot, "a", "Anna", "tab", "misbrugsc", "enter", "ctrl+s")
        assert not isinstance(app.screen, ActorDialog)
        await keys(pilot, "ctrl+s")
    actor = saved(path)["actors"][-1]
    assert (actor["name"], actor["kind"], actor["sector"]) == ("Anna", "Misbrugscenter", "municipality")


async def test_tie_dialog_ratings_in_a_burst(locations, make_app):
    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case_tab(pilot, 2)
        # From the citizen: to Mor, frequency left unknown, the first two ratings 4 and 2: as the
        # string of seven ("42"), then one of them again in its own field (tab past the other six).
        await keys(pilot, "t", "enter", "down", "enter", "tab", "tab", "42", "tab", "backspace", "4", "ctrl+s")
        assert not isinstance(app.screen, TieDialog)
        await keys(pilot, "ctrl+s")
    [tie] = saved(path)["ties"]
    assert list(tie["ratings"].values()) == [4, 2]


async def test_supervision_tabs_and_answers_in_a_burst(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "s", "Supervision", "enter")
        assert isinstance(app.screen, SupervisionScreen)
        path = app.screen.session.opened.path
        # The tab row has focus: over to STORM, into its first answer, on to the second.
        await keys(pilot, "right", "tab", "Ja", "tab", "Nej", "ctrl+s")
        assert app.screen.query_one(TabRow).active == "tab-storm"
    assert load(path).document.storm == {"s1": "Ja", "s2": "Nej"}


async def test_a_paste_into_a_note_is_kept_as_typed_and_shown_sanitised(locations, make_app):
    from textual import events

    hostile = "A\x1b]0;x\x07B\u202eC\x9bD"
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "s", "Supervision", "enter")
        path = app.screen.session.opened.path
        burst(app, "right", "tab")
        app.post_message(events.Paste(hostile))
        burst(app, "tab", "ok", "ctrl+s")
        await keys_done(pilot)
        shown = screen_text(app)
        assert not any(control in shown for control in ("\x1b", "\x07", "\u202e", "\x9b"))
        assert "A␛]0;x" in shown  # (Textual drops the BEL itself)
    assert load(path).document.storm == {"s1": hostile, "s2": "ok"}


async def test_home_search_then_open_in_a_burst(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "/", "J.P", "enter", "enter")
        assert "J.P. (demo)" in screen_text(app)
        assert app.screen.document.title.startswith("J.P.")


def quiet_by_walking(app) -> bool:
    """The quiet check as it was first written: every widget of the top screen looked at."""
    from textual.widgets import Footer

    from tui.keys import _busy

    def deciding(node):
        yield node
        # A widget's scrollbars are pumps under it too, outside its children (Textual's "virtual
        # DOM"): the quiet check waits for them as well. Left out, one busy scrollbar under load
        # (CI, simulated Windows) read as a disagreement.
        for child in (*node._nodes, *node._get_virtual_dom()):
            if not isinstance(child, Footer):
                yield from deciding(child)

    if _busy(app):
        return False
    try:
        screen = app.screen
    except Exception:  # noqa: BLE001 - no screen: nothing to wait for
        return True
    return not screen._callbacks and not any(_busy(node) for node in deciding(screen))


async def test_the_quiet_check_agrees_with_a_walk_of_every_widget(locations, make_app, monkeypatch):
    """The quiet check looks only at the pumps that were given work (tui/keys.py, `_maybe_busy`);
    at every check along bursts that open a document, move between tabs, type and open dialogs,
    it says what a walk of every widget of the screen says."""
    from tui.keys import KeyOrder, _busy, _decides, _maybe_busy

    checks: list[tuple[bool, bool]] = []
    disagreements: list[tuple[bool, bool, list[str]]] = []
    original = KeyOrder.quiet

    def compared(self) -> bool:
        answer = original(self)
        walked = quiet_by_walking(self.app)
        checks.append((answer, walked))
        if answer != walked:  # which pumps the quick check saw busy, to say what differed
            busy = [type(node).__name__ for node in list(_maybe_busy) if node is not self.app and _busy(node) and _decides(node, self.app.screen)]
            disagreements.append((answer, walked, busy))
        return answer

    monkeypatch.setattr(KeyOrder, "quiet", compared)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "s", "Supervision", "enter", "right", "tab", "Ja", "tab", "Nej", "ctrl+s")
        await keys(pilot, "escape")
        await new_board_with_item(pilot)
        await keys(pilot, "tab", "AB", "ctrl+s", "escape")
    assert load(next(p for p in locations.document_files() if p.name.startswith("supervision-"))).document.storm == {"s1": "Ja", "s2": "Nej"}
    assert len(checks) > 50 and any(answer for answer, _ in checks) and not all(answer for answer, _ in checks)
    assert disagreements == []


async def test_widgets_never_mounted_leave_the_quiet_check(demo_locations, make_app):
    """The footer's keys are widgets Textual's Footer makes and never mounts, each with a data
    bind queued: they are busy for good. The quiet check drops them (they decide nothing), so they
    are neither checked on every key nor kept alive; it still waits for a mounted widget."""
    from textual.widgets._footer import FooterKey

    from tui.keys import _maybe_busy

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await keys(pilot, "enter", "right", "tab", "left", "right", "v", "v", "escape")
        await settle(pilot)
        assert app.key_order.quiet()
        made = [node for node in list(_maybe_busy) if isinstance(node, FooterKey)]
        assert made == []
        # One made now is dropped by the next check, and one mounted is waited for while busy.
        stray = FooterKey("x", "x", "x", "x").data_bind()
        assert stray in _maybe_busy and app.key_order.quiet() and stray not in _maybe_busy
        mounted = FooterKey("y", "y", "y", "y").data_bind()
        await app.screen.mount(mounted)
        mounted.call_next(lambda: None)
        assert not app.key_order.quiet()
        await settle(pilot)
        assert app.key_order.quiet()


async def test_saved_on_an_item_then_back_the_board_says_saved(locations, make_app):
    """Typed on an item (the board under it kept "unsaved" to show later), ctrl+s, Esc in one
    burst: the board said "unsaved" though nothing was (seen in tmux)."""
    from tui.i18n import t

    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board_with_item(pilot)
        burst(app, "MK", "ctrl+s", "escape")
        await keys_done(pilot)
        assert isinstance(app.screen, ExnovationScreen) and not app.screen.session.dirty
        header = screen_text(app).splitlines()[0]
        assert t("status.saved") in header and t("status.unsaved") not in header
        [item] = saved(app.screen.session.opened.path)["items"]
        assert item["nominated_by"] == "MK"
