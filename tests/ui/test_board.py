"""The exnovation board, driven by the keys a user presses; assertions on the saved TOML and the screen."""

from __future__ import annotations

from saved.toml_read import tomllib
from tests.ui.helpers import screen_text, settle, type_text
from tui.exnovation.screen import ExnovationScreen
from tui.exnovation.forces import ForceDialog, ForceFieldScreen
from tui.exnovation.item import ItemScreen
from tui.exnovation.matrix import MatrixScreen
from tui.widgets.dialogs import Ask, Choice


def saved_board(locations) -> dict:
    [path] = locations.document_files()
    return tomllib.loads(path.read_text())


def saved_item(locations) -> dict:
    [item] = saved_board(locations)["items"]
    return item


def record_notices(app) -> list[str]:
    """Every notification's text (widgets' notify goes through the app's)."""
    said: list[str] = []
    original = app.notify

    def spy(message, *args, **kwargs):
        said.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = spy
    return said


async def focus(pilot, selector: str) -> None:
    """Put the focus on a field (as tab would, without counting tabs through the form)."""
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()


async def choose(pilot, selector: str, downs: int) -> None:
    """Open a Select with enter, move down `downs` options, pick with enter."""
    await focus(pilot, selector)
    await pilot.press("enter", *["down"] * downs, "enter")
    await pilot.pause()


async def new_board(pilot) -> None:
    await settle(pilot)
    await pilot.press("b")
    await type_text(pilot, "Team Syd")
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(pilot.app.screen, ExnovationScreen)


async def test_walk_one_item_from_nomination_to_evaluation(locations, make_app):
    app = make_app(locations)
    said = record_notices(app)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board(pilot)
        assert "Ingen punkter endnu" in screen_text(app)

        # 1. Nominate: the item opens in its editor at once.
        await pilot.press("n")
        assert isinstance(app.screen, Ask)
        await type_text(pilot, "Fax af udskrivningsbreve")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ItemScreen)
        await focus(pilot, "#nominated_by")
        await type_text(pilot, "LB")
        await focus(pilot, "#why")
        await type_text(pilot, "Faxen står i et andet rum")
        await pilot.press("ctrl+s")
        item = saved_item(locations)
        assert item["what"] == "Fax af udskrivningsbreve" and item["nominated_by"] == "LB"
        assert item["nominated_on"].isoformat() == "2026-11-23", "nominated today, by the app's clock"
        assert item["why"] == "Faxen står i et andet rum" and item["stage"] == "nominated"

        # 2. Triage: urgent yes, important yes -> DO.
        await choose(pilot, "#urgent", 1)
        await choose(pilot, "#important", 1)
        assert "Kvadrant: GØR" in screen_text(app) or "GØR" in app.screen.query_one("#quadrant-shown").render().plain

        # 3. Rule check: the team finds the rule is in law (sources: unknown, law, local, myth).
        await choose(pilot, "#source", 1)
        assert app.screen.query_one("#law-flag").display

        # 5. Decide: remove, an owner, a bad deadline then a good one, two steps, one ticked.
        await choose(pilot, "#change", 1)
        await focus(pilot, "#owner")
        await type_text(pilot, "MK")
        await focus(pilot, "#deadline")
        await type_text(pilot, "næste uge")
        error = app.screen.query_one("#field-deadline .field-error").render().plain
        assert "Ikke en dato" in error
        await pilot.press("ctrl+u")
        await type_text(pilot, "2026-12-01")
        await focus(pilot, "#new-step")
        await type_text(pilot, "Skriv til lægerne")
        await pilot.press("enter")
        await type_text(pilot, "Fjern faxen")
        await pilot.press("enter")
        await focus(pilot, "#steps")
        await pilot.press("space")
        await pilot.press("ctrl+s")
        item = saved_item(locations)
        assert (item["urgent"], item["important"], item["source"], item["change"]) == (True, True, "law", "remove")
        assert item["owner"] == "MK" and item["deadline"].isoformat() == "2026-12-01"
        assert item["steps"] == [{"text": "Skriv til lægerne", "done": True}, {"text": "Fjern faxen", "done": False}]

        # 4. Force field: a strength out of 1-5 is refused in the dialog, nothing lost.
        await pilot.press("ctrl+f")
        assert isinstance(app.screen, ForceFieldScreen)
        await pilot.press("a")
        assert isinstance(app.screen, ForceDialog)
        await type_text(pilot, "Epikrisen sendes allerede elektronisk")
        await pilot.press("tab", "backspace")
        await type_text(pilot, "7")
        await pilot.press("enter")
        assert isinstance(app.screen, ForceDialog), "a bad strength keeps the dialog open"
        assert "1 til 5" in screen_text(app)
        await pilot.press("backspace")
        await type_text(pilot, "5")
        await pilot.press("enter")
        await pilot.press("right", "a")
        await type_text(pilot, "Enkelte læger beder om fax")
        await pilot.press("tab", "backspace", "2", "ctrl+s")  # ctrl+s saves, as in every dialog
        await pilot.press("1")  # the selected (hindering) force's strength becomes 1
        assert "Hjælpende (5)" in screen_text(app) and "(1) Hindrende" in screen_text(app)
        await pilot.press("escape", "escape")  # force field -> item -> board
        await pilot.pause()
        assert isinstance(app.screen, ExnovationScreen)
        await pilot.press("ctrl+s")
        item = saved_item(locations)
        assert item["helping"] == [{"text": "Epikrisen sendes allerede elektronisk", "strength": 5}]
        assert item["hindering"] == [{"text": "Enkelte læger beder om fax", "strength": 1}]

        # Stages by keyboard: ] moves forward; "stopped" is refused while the law flag has no override.
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        await pilot.press("ctrl+s")
        assert saved_item(locations)["stage"] == "phasing_out"
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "begrundelse for at tilsidesætte" in said[-1]
        await pilot.press("ctrl+s")
        assert saved_item(locations)["stage"] == "phasing_out", "refused: nothing saved"

        await pilot.press("enter")
        assert isinstance(app.screen, ItemScreen)
        await focus(pilot, "#override_note")
        await type_text(pilot, "Regionen har udfaset fax; lovkravet gælder epikrisen, ikke faxen")
        await focus(pilot, "#evidence")
        await type_text(pilot, "Ingen epikriser mangler hos lægerne")
        await pilot.press("escape")
        # The guard for "stopped": one step is not ticked and there is no note why not.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Ikke alle udfasningstrin er krydset af" in said[-1]
        await pilot.press("ctrl+s")
        assert saved_item(locations)["stage"] == "phasing_out"
        await pilot.press("enter")
        await focus(pilot, "#stop_note")
        await type_text(pilot, "Faxen blev fjernet af regionen")
        await pilot.press("escape")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        await pilot.press("ctrl+s")
        item = saved_item(locations)
        assert item["stage"] == "stopped" and item["stopped_on"].isoformat() == "2026-11-23", "the day it stopped"
        # The guard for "evaluated": an outcome and the measured effect.
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert "Evalueringen mangler" in said[-1] and "målte effekt mangler" in said[-1]
        await pilot.press("enter")
        await focus(pilot, "#outcome")
        await type_text(pilot, "Lægerne får epikrisen samme dag")
        await focus(pilot, "#freed_measured-amount")
        await type_text(pilot, "2,5")
        await focus(pilot, "#freed_measured-unit")
        await pilot.press("enter", "up", "enter")  # from hours a month up to hours a week
        await pilot.pause()
        await pilot.press("escape")
        await pilot.press("right_square_bracket")
        await pilot.press("t")  # the nominator has been told
        await pilot.press("ctrl+s")
        item = saved_item(locations)
        assert item["freed_measured"] == {"amount": 2.5, "unit": "hours_week", "note": ""}
        assert item["stage"] == "evaluated" and item["nominator_told"] is True
        assert item["override_note"].startswith("Regionen har udfaset fax")
        assert item["evidence"] == "Ingen epikriser mangler hos lægerne"
        assert "✓ evalueret" in screen_text(app)


async def test_matrix_moves_items_and_renames_a_quadrant(demo_locations, make_app):
    path = demo_locations.document("exnovation", "dembrd2a")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Exnovation", "enter", "enter")
        await settle(pilot)
        assert isinstance(app.screen, ExnovationScreen)
        await pilot.press("m")
        assert isinstance(app.screen, MatrixScreen)
        selected = app.screen.selected
        assert selected == "exnvaaaa", "the board's selected item is selected in the matrix"
        await pilot.press("right", "down")  # DO -> SCHEDULE -> DELETE
        await pilot.press("r")
        assert isinstance(app.screen, Choice)
        await pilot.press("4")  # the fourth quadrant, SLET
        assert isinstance(app.screen, Ask)
        await pilot.press("ctrl+u")
        await type_text(pilot, "STOP")
        await pilot.press("enter")
        await pilot.pause()
        assert "STOP (3)" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("ctrl+s")
        board = tomllib.loads(path.read_text())
        moved = next(item for item in board["items"] if item["id"] == "exnvaaaa")
        assert (moved["urgent"], moved["important"]) == (False, False)
        assert board["quadrant_labels"] == {"delete": "STOP"}
        assert "STOP" in screen_text(app)


async def test_the_board_shows_overdue_and_waiting_items(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Exnovation", "enter", "enter")
        await settle(pilot)
        text = screen_text(app)
        assert "! forsinket 1" in text and "✉ venter på svar 3" in text
        assert "§ Magtanvendelse" in text, "an item required by law is marked"
        await pilot.press("f3")  # the privacy screen: owners become initials
        await pilot.pause()
        assert "M.T." in screen_text(app) and "MK, team" not in screen_text(app)


async def test_quit_from_the_item_editor_saves_and_help_names_its_keys(demo_locations, make_app):
    path = demo_locations.document("exnovation", "dembrd2a")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("slash", *"Exnovation", "enter", "enter")
        await settle(pilot)
        await pilot.press("enter")
        assert isinstance(app.screen, ItemScreen)
        await pilot.press("end", "!")
        await pilot.press("f1")
        await pilot.pause()
        assert "ctrl+f" in screen_text(app) and "Kraftfelt" in screen_text(app)
        await pilot.press("escape")
        await pilot.press("ctrl+q")
        await pilot.pause()
    app.release_all()
    first = tomllib.loads(path.read_text())["items"][0]
    assert first["what"].endswith("Nexus!")


async def test_typed_ahead_after_naming_an_item_goes_to_the_next_empty_field(locations, make_app):
    """`n`, the name, Enter, and typing on without looking: the item opens on who nominated it
    (the name is filled already), so the rest does not land on the end of the name."""
    from tests.ui.helpers import burst, keys_done

    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board(pilot)
        burst(app, "n", "Fax af breve", "enter", "LB", "ctrl+s")
        await keys_done(pilot)
        assert isinstance(app.screen, ItemScreen) and app.focused is app.screen.query_one("#nominated_by")
        item = saved_item(locations)
        assert item["what"] == "Fax af breve" and item["nominated_by"] == "LB"

        # Opened again from the board, an item starts on its name as before.
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ItemScreen) and app.focused is app.screen.query_one("#what")


async def test_several_nominations_in_a_row_typed_ahead(locations, make_app):
    """Typed on after Enter goes to who nominated the item (above), so a list of nominations is
    typed with Esc after each name: back to the board, where `n` nominates the next. The dialog
    says that Enter opens the item (it said only "Enter nominates")."""
    from tests.ui.helpers import burst, keys_done

    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board(pilot)
        burst(app, "n")
        await keys_done(pilot)
        assert "Enter nominerer og åbner punktet" in " ".join(screen_text(app).split())
        burst(app, "Fax af breve", "enter", "escape", "n", "Møder om fredagen", "enter", "escape", "n", "Tjekliste", "enter", "LB", "ctrl+s")
        await keys_done(pilot)
        items = saved_board(locations)["items"]
        assert [(item["what"], item["nominated_by"]) for item in items] == [("Fax af breve", ""), ("Møder om fredagen", ""), ("Tjekliste", "LB")]


async def test_tab_past_the_deadline_with_no_steps_types_the_first_step(locations, make_app):
    """Tab from the deadline landed on the empty list of phase-out steps, where letters are the
    screen's keys: "Informér teamet" typed on opened the force field at its f and made a force
    "met" at its a (found in tmux). With no step yet, the list is passed over to "New step"."""
    from tests.ui.helpers import burst, keys_done

    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board(pilot)
        burst(app, "n", "Ugentlig statusmail", "enter")
        await keys_done(pilot)
        assert isinstance(app.screen, ItemScreen)
        await focus(pilot, "#deadline")
        burst(app, "2027-01-15", "tab", "Informér teamet", "enter", "Stop udsendelse", "enter")
        await keys_done(pilot)
        assert isinstance(app.screen, ItemScreen), "still on the item, no force field"
        burst(app, "shift+tab", "space")  # the steps exist now: back on the list, tick the first
        await keys_done(pilot)
        await pilot.press("ctrl+s")
        await settle(pilot)
    item = saved_item(locations)
    assert [(step["text"], step["done"]) for step in item["steps"]] == [("Informér teamet", True), ("Stop udsendelse", False)]
    assert not item.get("helping") and not item.get("hindering")


async def test_deleting_the_last_step_leaves_the_focus_on_new_step(locations, make_app):
    from tests.ui.helpers import burst, keys_done

    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await new_board(pilot)
        burst(app, "n", "Fax", "enter")
        await keys_done(pilot)
        await focus(pilot, "#new-step")
        burst(app, "Et trin", "enter", "shift+tab", "delete", "Ny plan", "enter")
        await keys_done(pilot)
        assert isinstance(app.screen, ItemScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
    assert [step["text"] for step in saved_item(locations)["steps"]] == ["Ny plan"]
