"""Opening a case and its tabs: only what is shown is built, and built from the document as it is."""

from __future__ import annotations

from datetime import datetime, timezone

from models.documents import Case
from models.gauge import Reading
from models.network import Actor
from saved.store import create
from tests.ui.helpers import burst, keys_done, screen_text
from tui.i18n import t


def make_case(locations):
    actors = [Actor(id="aaaaaaaa", name="Mor Hanne Jensen", kind="Pårørende", sector="family", ring=1)]
    return create(locations, Case(title="T.T.", actors=actors)).path


async def open_case(app, pilot) -> None:
    """From home, Enter on the only document: the case is open and every key taken."""
    await keys_done(pilot)
    burst(app, "enter")
    await keys_done(pilot)


async def test_a_tab_passed_over_is_built_when_the_keys_stop_on_it(locations, make_app):
    from tui.case.gauge.pane import GaugePane
    from tui.case.network.pane import NetworkPane

    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        burst(app, "right", "right")  # typed ahead: over the gauge to the network
        await keys_done(pilot)
        screen = app.screen
        assert not screen.query(GaugePane)
        assert screen.query(NetworkPane)
        assert "Mor Hanne Jensen" in screen_text(app)
        # The document changes while the gauge is not built; built later, it shows the change.
        reading = Reading(id="rrrrrrrr", taken=datetime(2026, 3, 1, 10, 0, tzinfo=timezone.utc), intensity=7, capacity=3)
        assert screen.session.update(readings=[reading]) is None
        burst(app, "left", "tab")  # back to the gauge, and into it
        await keys_done(pilot)
        assert screen.query(GaugePane)
        assert isinstance(app.focused, GaugePane)
        text = screen_text(app)
        assert "1 af 1 måling" in text and "7/10" in text and "3/10" in text


async def test_a_tab_the_keys_stop_on_is_built_before_the_key_after(locations, make_app):
    from tui.case.gauge.pane import GaugePane

    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        burst(app, "enter", "right", "tab", "n")  # n in the gauge: a new reading
        await keys_done(pilot)
        assert type(app.screen).__name__ == "ReadingForm"
        burst(app, "escape")
        await keys_done(pilot)
        assert isinstance(app.focused, GaugePane)


async def test_the_case_and_the_list_under_it_follow_a_resize(locations, make_app):
    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        await pilot.resize_terminal(100, 30)
        await keys_done(pilot)
        assert app.screen.size == (100, 30)
        assert app.screen.query_one("#case-tabs").size.width == 100
        burst(app, "escape")
        await keys_done(pilot)
        assert app.screen.size == (100, 30)
        assert max(strip.cell_length for strip in app.screen._compositor.render_strips()) == 100


async def test_the_gauge_sorts_its_readings_once_as_it_is_built(locations, make_app, monkeypatch):
    """Sorting is the cost that grows with the readings (~60 ms at 20000): building the tab does it
    once, a key that steps through them not at all, and a new reading makes it again."""
    from tui.case.gauge.pane import ReadingFilter

    sorts: list[int] = []
    real_apply = ReadingFilter.apply

    def counted(self, readings):
        sorts.append(len(readings))
        return real_apply(self, readings)

    monkeypatch.setattr(ReadingFilter, "apply", counted)
    readings = [Reading(id=f"rrrrrrr{'abcdefgh'[n]}", taken=datetime(2026, 3, 1 + n, 10, 0, tzinfo=timezone.utc), intensity=n, capacity=9 - n) for n in range(8)]
    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        assert app.screen.session.update(readings=readings) is None
        await keys_done(pilot)
        sorts.clear()
        burst(app, "right", "tab", "left", "left", "v", "down", "down")
        await keys_done(pilot)
        assert sorts == [8], "built once, then stepped through without sorting again"
        assert "8 af 8 målinger" in screen_text(app)
        later = Reading(id="rrrrrrrj", taken=datetime(2026, 4, 1, 10, 0, tzinfo=timezone.utc), intensity=2, capacity=8)
        assert app.screen.session.update(readings=[*readings, later]) is None
        await keys_done(pilot)
        assert sorts == [8, 9], "a new list of readings is sorted again"
    assert path.exists()


async def test_the_tab_row_takes_the_first_focus_and_a_click_on_a_label_opens_that_tool(locations, make_app):
    from tui.case.network.pane import NetworkPane
    from tui.widgets.tab_row import TabRow

    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        row = app.screen.query_one("#case-tabs", TabRow)
        assert app.focused is row
        assert [label for _id, label in row.tabs] == ["Oversigt", "Måler", "Netværk", "Møder"]
        burst(app, "tab", "ctrl+up")  # into the overview's first field, and back to the row
        await keys_done(pilot)
        assert app.focused is row
        network = next(start for tab_id, start, _end in row.spans() if tab_id == "tab-network")
        await pilot.click(TabRow, offset=(network, 0))
        await keys_done(pilot)
        assert row.active == "tab-network" and app.focused is row
        assert app.screen.query(NetworkPane)
        assert "Mor Hanne Jensen" in screen_text(app)
        burst(app, "tab")
        await keys_done(pilot)
        assert app.screen.query_one(NetworkPane) in app.focused.ancestors_with_self


async def test_the_gauges_new_reading_key_is_offered_on_its_tab_only(locations, make_app):
    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        footer = screen_text(app).splitlines()[-1]
        assert "Ny måling" not in footer
        burst(app, "right")
        await keys_done(pilot)
        assert "Ny måling" in screen_text(app).splitlines()[-1]
        burst(app, "right")
        await keys_done(pilot)
        assert "Ny måling" not in screen_text(app).splitlines()[-1]


async def test_each_tools_first_key_works_from_the_tab_row_where_its_empty_view_names_it(locations, make_app):
    """The meetings' empty view said "Tryk n" and the network's "Tryk a", and from the tab row
    (where focus is after → →) neither key did anything; the gauge's n did. Nor did the ties'
    "Tryk t" (not in the footer there: it would not fit at 80 columns). Typed at once."""
    from tui.case.gauge.reading_form import ReadingForm
    from tui.case.meetings.dialogs import MeetingDialog
    from tui.case.network.dialogs import ActorDialog, TieDialog

    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        for steps, key, label, dialog in (
            ("right", "n", "Ny måling", ReadingForm),
            ("right right", "a", "Ny aktør", ActorDialog),
            ("right right", "t", "Ny aktør", TieDialog),
            ("right right right", "n", "Nyt møde", MeetingDialog),
        ):
            burst(app, *steps.split(), key)
            await keys_done(pilot)
            assert isinstance(app.screen, dialog), (key, app.screen)
            burst(app, "escape")
            await keys_done(pilot)
            assert label in screen_text(app).splitlines()[-1], "the footer names it"
            burst(app, *["left"] * len(steps.split()))  # back to the overview (the row wraps round)
            await keys_done(pilot)


async def test_the_footer_is_built_once_as_a_case_opens(locations, make_app, monkeypatch):
    """Textual's Footer mounts empty, then mounts a widget per key once the screen's bindings
    are refreshed, and again whenever they change: a compose and a layout each time. samspil's
    draws its keys itself (tui/widgets/footer.py): built at mount, again only when what they show
    changes, and never a child widget."""
    from tui.widgets.footer import KeyFooter

    built: list[int] = []
    real_show = KeyFooter.show_keys

    def counted(self, screen):
        before = self.keys
        real_show(self, screen)
        if self.keys is not before:
            built.append(len(self.keys))

    monkeypatch.setattr(KeyFooter, "show_keys", counted)
    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        built.clear()
        burst(app, "enter")
        await keys_done(pilot)
        footer = screen_text(app).splitlines()[-1]
        assert built == [6] and not app.screen.query_one(KeyFooter).children
        assert footer.split() == ["f1", "Hjælp", "^q", "Afslut", "f3", "Privat", "esc", "Tilbage", "^s", "Gem", "f4", "Eksportér"]
        burst(app, "right")  # the gauge's tab: its "n" joins the footer
        await keys_done(pilot)
        assert built == [6, 7] and "n Ny måling" in screen_text(app).splitlines()[-1]


async def test_update_refuses_a_model_inside_a_list(locations, make_app):
    """`session.update(actor, name=...)` changed the actor in place, and no view or save heard of
    it: a model in a list is refused; the list is replaced instead."""
    import pytest

    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        session = app.screen.session
        before = session.document.model_dump()
        with pytest.raises(ValueError, match="replace its list"):
            session.update(session.document.actors[0], name="X")
        assert session.document.model_dump() == before and not session.dirty
        assert session.update(title="Ny titel") is None and session.dirty


def test_the_case_and_its_tools_are_shown_without_dialogs_findings_or_the_emoji_table(tmp_path):
    """Opening the demo case and showing its gauge and its network list imports no dialog (one
    opens on a save conflict, closing unsaved or a delete), not the network's findings (the
    analysis view and the unlinked filter) and not rich's emoji table (no label read as markup)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent.parent
    probe = (
        "import sys, asyncio; sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path\n"
        "from saved.examples import copy_examples\n"
        "from saved.locations import Locations\n"
        "from tui.app import SamspilApp\n"
        "WATCHED = ('tui.widgets.dialogs', 'models.network_findings', 'rich._emoji_codes')\n"
        "locations = Locations(Path(sys.argv[2])); copy_examples(locations)\n"
        "seen = []\n"
        "async def main():\n"
        "    app = SamspilApp(locations)\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause(); await app.workers.wait_for_complete(); await pilot.pause()\n"
        "        await pilot.press('enter'); await pilot.pause()\n"
        "        for tool in ('GaugePane', 'NetworkPane'):\n"
        "            await pilot.press('right'); await pilot.pause()\n"
        "            seen.append([tool, bool(app.screen.query(tool)), sorted(m for m in WATCHED if m in sys.modules)])\n"
        "asyncio.run(main())\n"
        "import json; print(json.dumps(seen))\n"
    )
    result = subprocess.run([sys.executable, "-I", "-c", probe, str(root), str(tmp_path / "data")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [["GaugePane", True, []], ["NetworkPane", True, []]]


async def test_a_fields_message_line_is_made_with_its_first_message(locations, make_app):
    """The overview's fields have no message line until one has something to say (each was a
    hidden widget to build on every open); it shows, clears and shows again in place."""
    from saved.store import load
    from tui.widgets.fields import Field

    path = make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        screen = app.screen
        assert screen.query(Field) and not screen.query(".field-error")
        screen.query_one("#review-date").focus()
        burst(app, "end", *["backspace"] * 12, "2026-13-45")
        await keys_done(pilot)
        field = screen.query_one("#field-review", Field)
        lines = field.query(".field-error")
        assert len(lines) == 1 and lines.first().display and field.has_class("-invalid")
        assert "✗ " in screen_text(app)
        burst(app, *["backspace"] * 12, "2027-01-02", "ctrl+s")
        await keys_done(pilot)
        assert len(field.query(".field-error")) == 1 and not field.query_one(".field-error").display
        assert not field.has_class("-invalid") and "✗ " not in screen_text(app)
        burst(app, *["backspace"] * 12, "x")
        await keys_done(pilot)
        assert len(field.query(".field-error")) == 1 and field.query_one(".field-error").display
    assert str(load(path).document.review_date) == "2027-01-02"


async def test_opening_imports_the_models_the_home_lists_way(locations, make_app, monkeypatch):
    """A later start lists from the index without pydantic; Enter imports it (and the models) as
    the first listing does, with the collector off and frozen after (saved.summaries.import_store),
    before the document is read."""
    from saved import summaries
    from saved.editing import OpenDocument

    order: list[str] = []
    monkeypatch.setattr(summaries, "import_store", lambda: order.append("import"))
    real_open = OpenDocument.open.__func__
    monkeypatch.setattr(OpenDocument, "open", classmethod(lambda cls, *a, **k: order.append("open") or real_open(cls, *a, **k)))
    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        assert type(app.screen).__name__ == "CaseScreen"
    assert order[-2:] == ["import", "open"]  # (the first listing of this data folder imported it too)


async def test_f6_outside_a_team_folder_says_why_there_is_no_log_and_nothing_else(locations, make_app):
    """It showed its one line over an empty table with its header, a focus stop that led nowhere."""
    from textual.widgets import DataTable

    from tui.document.history import HistoryScreen

    make_case(locations)
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(app, pilot)
        burst(app, "f6")
        await keys_done(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert t("team.history_none") in text and t("team.col_who") not in text
        assert not app.screen.query(DataTable) and app.focused is None
        burst(app, "tab", "escape")  # nothing to stop on; esc still closes
        await keys_done(pilot)
        assert not isinstance(app.screen, HistoryScreen)


def test_a_case_opened_on_a_later_start_imports_no_boards_or_sessions_model(tmp_path):
    """On a later start the home list comes from the index; opening the demo case then imports
    its own model, not the boards' and sessions' (models.documents DOCUMENT_KINDS: ~4 ms)."""
    import json
    import subprocess
    import sys
    from pathlib import Path

    from saved.examples import copy_examples
    from saved.locations import Locations

    root = Path(__file__).resolve().parent.parent.parent
    locations = Locations(tmp_path / "data")
    copy_examples(locations)
    # The first start's listing writes the index; here of files just copied (it records none younger than 2 s).
    first = (
        "import sys; sys.path.insert(0, sys.argv[1]); from pathlib import Path; from saved.locations import Locations; from saved import summaries\n"
        "summaries.RECENT_NS = 0; summaries.summaries(Locations(Path(sys.argv[2])))"
    )
    subprocess.run([sys.executable, "-I", "-c", first, str(root), str(locations.root)], check=True, timeout=120)
    probe = (
        "import sys, asyncio; sys.path.insert(0, sys.argv[1])\n"
        "from pathlib import Path\n"
        "from saved.locations import Locations\n"
        "from tui.app import SamspilApp\n"
        "WATCHED = ('pydantic', 'models.documents', 'models.exnovation', 'models.supervision', 'models.team')\n"
        "seen = []\n"
        "async def main():\n"
        "    app = SamspilApp(Locations(Path(sys.argv[2])))\n"
        "    async with app.run_test(size=(80, 24)) as pilot:\n"
        "        await pilot.pause(); await app.workers.wait_for_complete(); await pilot.pause()\n"
        "        seen.append(sorted(m for m in WATCHED if m in sys.modules))\n"
        "        await pilot.press('enter'); await pilot.pause(); await pilot.press('right'); await pilot.pause()\n"
        "        seen.append([type(app.screen).__name__, sorted(m for m in WATCHED if m in sys.modules)])\n"
        "asyncio.run(main())\n"
        "import json; print(json.dumps(seen))\n"
    )
    result = subprocess.run([sys.executable, "-I", "-c", probe, str(root), str(locations.root)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [[], ["CaseScreen", ["models.documents", "pydantic"]]]
