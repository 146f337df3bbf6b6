"""The network tab, driven by the keys a user presses; assertions on the saved TOML and the screen."""

from __future__ import annotations

from models.documents import Case
from models.network import CITIZEN, Actor, Tie
from saved import store
from saved.store import load
from saved.toml_read import tomllib
from tests.ui.helpers import screen_text, settle, type_text
from tui.widgets.dialogs import Choice
from tui.case.network.dialogs import ActorDialog, TieDialog
from tui.case.network.pane import NetworkPane


async def open_network(pilot) -> NetworkPane:
    """From the home screen: open the newest document (a case), go to the network tab and into its list."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("right", "right", "tab")
    await pilot.pause()
    pane = pilot.app.screen.query_one(NetworkPane)
    assert pilot.app.focused is pane.query_one("#net-actors")
    return pane


def saved(path) -> dict:
    return tomllib.loads(path.read_text())


async def test_build_a_small_network_by_keyboard(locations, make_app):
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await type_text(pilot, "AB")
        await pilot.press("enter")
        await settle(pilot)
        path = app.screen.session.opened.path
        await pilot.press("right", "right", "tab")
        await pilot.pause()
        assert "Ingen aktører endnu" in screen_text(app)

        # An actor from the catalogue: typing filters it, Enter takes the first match.
        await pilot.press("a")
        assert isinstance(app.screen, ActorDialog)
        await type_text(pilot, "Mor")
        await pilot.press("tab")
        await type_text(pilot, "mor")
        await pilot.press("enter")  # picks "Mor": family, ring 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActorDialog)

        # The coordinator: catalogue entry, then tick the box and give oral consent.
        await pilot.press("a")
        await type_text(pilot, "Brobygger MK")
        await pilot.press("tab")
        await type_text(pilot, "brobyg")
        await pilot.press("enter")  # Psykiatribrobygger; focus moves to the sector
        await pilot.press("tab", "tab", "space")  # ring, then the coordinator box
        await pilot.press("tab", "enter", "down", "enter")  # consent: "mundtligt"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, ActorDialog)

        # A tie from the coordinator (selected after adding) to Mor, with a rating out of range first.
        await pilot.press("t")
        assert isinstance(app.screen, TieDialog)
        await pilot.press("enter", "down", "down", "enter")  # Til: "1 Mor"
        await pilot.press("tab", "tab", "tab")  # past the frequency and the string of seven, to the first dimension
        await type_text(pilot, "4")
        await pilot.press("tab")
        await type_text(pilot, "9")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TieDialog), "a rating out of range keeps the dialog open"
        assert "✗ 1–5 eller tomt" in screen_text(app)
        await pilot.press("backspace", "2")
        for _ in range(5 + 1):  # past the remaining five dimensions, to the first conflict
            await pilot.press("tab")
        await pilot.press("tab", "tab", "space")  # the third conflict: goals
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, TieDialog)
        await pilot.press("ctrl+s")

        data = saved(path)
        mor, bro = data["actors"]
        assert (mor["name"], mor["kind"], mor["sector"], mor["ring"], mor["consent"]) == ("Mor", "Mor", "family", 1, "none")
        assert (bro["name"], bro["kind"], bro["sector"], bro["coordinator"], bro["consent"]) == ("Brobygger MK", "Psykiatribrobygger", "municipality", True, "oral")
        assert bro["consent_date"].isoformat() == "2026-11-23", "consent given today by default"
        (tie,) = data["ties"]
        assert (tie["a"], tie["b"]) == (bro["id"], mor["id"])
        assert tie["ratings"] == {"shared_goals": 4, "shared_knowledge": 2}
        assert tie["rated_on"].isoformat() == "2026-11-23" and "rated_by" not in tie, "rated today, by nobody said"
        assert tie["conflicts"] == ["goals"]
        assert "Brobygger MK" in screen_text(app) and "3,0" in screen_text(app), "a Danish decimal comma, as the analysis writes it"


async def test_removing_an_actor_asks_and_takes_its_ties_and_unlinks_its_readings(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    before = load(path).document
    bro = next(actor for actor in before.actors if actor.coordinator)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        await pilot.press("down")  # from the citizen to the first actor (sorted by ring: the coordinator)
        assert app.screen.query_one(NetworkPane).selected == bro.id
        await pilot.press("x")
        assert isinstance(app.screen, Choice)
        assert "14 bånd" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert len(app.screen.document.actors) == 34, "cancel keeps everything"
        await pilot.press("x")
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("ctrl+s")
    after = load(path).document
    assert len(after.actors) == 33 and after.actor(bro.id) is None
    assert len(after.ties) == len(before.ties) - len(before.ties_of(bro.id))
    assert len(after.readings) == len(before.readings), "readings are kept"
    assert not any(reading.actor_id == bro.id for reading in after.readings)


async def test_a_duplicate_name_is_refused_at_the_field(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        await pilot.press("a")
        await type_text(pilot, "mor (gm)")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActorDialog)
        assert "Navnet bruges allerede" in screen_text(app)
        assert "Vælg en sektor" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen.document.actors) == 34


async def test_a_second_tie_between_the_same_two_is_refused(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_network(pilot)
        assert pane.selected == CITIZEN
        await pilot.press("t")
        await pilot.press("enter", "down", "down", "enter")  # "2 Psyk. ambulatorium", already tied to the citizen
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, TieDialog)
        assert "Der er allerede et bånd" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen.document.ties) == 70


async def test_editing_a_tie_from_the_neighbours_list(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        await pilot.press("tab")  # the citizen's ties, weakest first
        weakest = app.screen.query_one(NetworkPane).query_one("#net-ties").coordinate_to_cell_key((0, 0)).row_key.value
        await pilot.press("enter")
        assert isinstance(app.screen, TieDialog)
        await pilot.press("backspace", "5")  # the first dimension
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("ctrl+s")
    tie = next(tie for tie in load(path).document.ties if tie.id == weakest)
    assert tie.ratings["shared_goals"] == 5


async def test_the_list_shows_consent_weak_ties_and_the_latest_reading(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        text = screen_text(app)
        assert "34 aktører · 70 bånd" in text
        assert "⊘ intet" in text and "● skriftl." in text
        assert "! svag" in text and "× mål og kriterier" in text
        mor = next(line for line in text.splitlines() if "Mor (GM)" in line)
        assert "7/4 ▲▲" in mor, "Mor's latest reading: intensity 7, capacity 4, zone 'regulate'"


async def test_filter_and_sort(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_network(pilot)
        table = pane.query_one("#net-actors")
        await pilot.press("f", "f", "f")  # all -> weak -> conflict -> no consent
        assert "uden samtykke" in screen_text(app)
        assert table.row_count == 9
        await pilot.press("f", "f")  # -> no tie to the coordinator -> all
        assert table.row_count == 35
        await pilot.press("s", "s")  # ring -> sector -> name
        assert "Sortering (s): navn" in screen_text(app)


async def test_map_and_analysis(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        await pilot.press("m")
        await pilot.pause()
        text = screen_text(app)
        assert "◉" in text and "PsyM★" in text and "KOMMUNE" in text
        assert "JobN" in text and "Mor" in text, "short unique names, not bare numbers"
        await pilot.press("n")
        await pilot.pause()
        assert "Psykiatribrobygger MK · Kommune, ring 1" in screen_text(app)
        await pilot.press("plus", "o")
        await pilot.pause()
        await pilot.press("m", "i")
        await pilot.pause()
        text = screen_text(app)
        assert "Hvad skal vi gøre" in text
        assert "1. Brændpunkt: Jobcenter, sagsbehandler LN" in text, "the hotspot is named, first"
        assert "Tovholderen når 31 af 33 aktører" in text


async def test_the_tie_list_filters_conflict_and_weak_ties_and_edits_and_removes(demo_locations, make_app):
    from tests.ui.helpers import burst, keys_done

    path = demo_locations.document("case", "demcasea")
    before = load(path).document
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_network(pilot)
        burst(app, "b")
        await keys_done(pilot)
        table = pane.query_one("#net-all-ties")  # made when first shown
        assert app.focused is table
        problem = {tie.id for tie in before.ties if tie.weak or tie.conflicts}
        assert {str(row.key.value) for row in table.ordered_rows} == problem
        assert "23 bånd · filter (f): svage eller med konflikt" in screen_text(app)
        burst(app, "f")
        await keys_done(pilot)
        listed = [str(row.key.value) for row in table.ordered_rows]
        assert set(listed) == {tie.id for tie in before.ties if tie.conflicts}
        worst = next(tie for tie in before.ties if tie.id == listed[0])
        assert len(worst.conflicts) == 2 and "Misbrugscentret" in screen_text(app)
        burst(app, "f")
        await keys_done(pilot)
        assert {str(row.key.value) for row in table.ordered_rows} == {tie.id for tie in before.ties if tie.weak}
        # x on the first listed tie removes that tie (asked first), and the list follows.
        first = str(table.ordered_rows[0].key.value)
        burst(app, "x", "j", "ctrl+s")
        await keys_done(pilot)
        assert first not in {str(row.key.value) for row in table.ordered_rows}
    after = load(path).document
    assert len(after.ties) == len(before.ties) - 1 and all(tie.id != first for tie in after.ties)


async def test_privacy_shows_actors_by_role_and_number(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        assert "SKP, bostøtte HL" in screen_text(app)
        await pilot.press("f3")
        await pilot.pause()
        assert "SKP, bostøtte HL" not in screen_text(app)
        assert "SKP #9" in screen_text(app), "its role from the catalogue and its number, not initials"


async def test_a_read_only_case_cannot_be_changed(demo_locations, make_app):
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_network(pilot)
        from saved.editing import ReadOnly

        app.screen.session.opened.read_only = ReadOnly.LOCK_FAILED
        await pilot.press("a")
        await pilot.pause()
        assert not isinstance(app.screen, ActorDialog)
        assert len(pane.case.actors) == 34


def big_case() -> Case:
    sectors = ["region", "municipality", "state", "private", "civil_society", "family"]
    actors = [Actor(name=f"Aktør {n}", sector=sectors[n % 6], ring=1 + n % 3, coordinator=n == 0, consent=("none", "oral", "written")[n % 3]) for n in range(500)]
    ties = [Tie(a=actors[n].id, b=actors[(n + step) % 500].id, ratings={"shared_goals": 1 + (n + step) % 5}, conflicts=["domain"] if n % 7 == 0 else []) for n in range(500) for step in (1, 2, 3)]
    ties += [Tie(a=CITIZEN, b=actors[n].id) for n in range(0, 500, 10)]
    return Case(title="Stor", actors=actors, ties=ties)


async def test_a_case_with_500_actors_loads_and_every_view_renders(locations, make_app):
    store.create(locations, big_case())
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_network(pilot)
        assert "500 aktører · 1550 bånd" in screen_text(app)
        # A row's cells are made when it is drawn (FixedTable.add_keyed_rows): one screen of 501.
        actors = pane.query_one("#net-actors")
        made = [key for key, cells in actors._data.items() if cells._cells_of is None]
        assert 0 < len(made) <= actors.size.height and actors.row_count == 501
        for keys in (("m",), ("plus", "plus", "n"), ("m", "i"), ("i", "f", "s")):
            await pilot.press(*keys)
            await pilot.pause()
            if keys == ("m", "i"):
                # More actors than betweenness searches from: the brokers' shares say they are estimates.
                analysis = str(pane.query_one("#net-analysis").render())
                assert "Mæglere, hvor mange korteste veje går igennem (anslået ud fra 150 af 500)" in analysis
        assert pane.query_one("#net-actors").row_count > 0


async def test_a_document_opened_on_a_full_disk_says_why_it_is_read_only(demo_locations, make_app, monkeypatch):
    import errno

    import saved.lock

    def full(path):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(saved.lock, "acquire", full)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        assert "kunne ikke låse filen: disken er fuld" in screen_text(app)
    assert not demo_locations.lock_of(demo_locations.document("case", "demcasea")).exists()


async def test_a_wide_terminal_shows_the_whole_actor_table_beside_the_ties(demo_locations, make_app):
    """From 110 columns the ties stood beside the actors at 45%: at 120 the actors' table was cut
    at "Svag" and its reading column gone, the column a coordinator reads for the weakest ties.
    Side by side only where both fit (130); below that, the ties under the actors."""
    for size, beside in (((120, 40), False), ((130, 40), True), ((160, 48), True)):
        app = make_app(demo_locations)
        async with app.run_test(size=size) as pilot:
            pane = await open_network(pilot)
            await settle(pilot)
            lines = screen_text(app).splitlines()
            [header] = [line for line in lines if "Svagest" in line]
            assert "Svagest  Måling" in header, (size, header)
            focus = pane.query_one("#net-focus")
            assert (focus.region.x >= 80) is beside, (size, focus.region)
            assert any("Gennemsnit" in line for line in lines), size


async def test_the_kind_column_is_made_safe_and_follows_the_privacy_screen(locations, make_app):
    """The actors' last column showed the kind as stored: an escape sequence in it reached the
    terminal raw, and a kind typed freely (a person's name, say) stayed under the privacy screen.
    It was off screen at 80 columns and in the split from 110; from 110 to 129 it is in sight."""
    path = store.create(locations, Case(title="T.T.", actors=[
        Actor(id="aaaaaaaa", name="Nabo", kind="Nabo Hansen \x1b]0;x\x07\x1b[2J", sector="civil_society", ring=3),
        Actor(id="bbbbbbbb", name="Mor", kind="Mor", sector="family", ring=1),
    ])).path
    app = make_app(locations)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_network(pilot)
        text = screen_text(app)
        assert "\x1b" not in text and "\x07" not in text
        assert "Nabo Hansen ␛]0;x␇␛[2J" in text
        await pilot.press("f3")
        await settle(pilot)
        text = screen_text(app)
        assert "Hansen" not in text, "a kind typed freely is private"
        [row] = [line for line in text.splitlines() if "Mor" in line and "Familie" in line]
        assert row.rstrip().endswith("Mor"), "a catalogue role is not"
    assert path.exists()
