"""Faster, surer entry in the network tab: the catalogue search's ranking, several catalogue actors at
once, seven ratings in one string, who rated when, numbers that never change, typing a number to
jump. Keys go in as bursts; assertions on the saved file."""

from __future__ import annotations

from datetime import date

from saved.store import load
from tests.ui.helpers import burst, keys_done, screen_text
from tests.ui.test_network import open_network
from tui.case.network.catalogue import CatalogueDialog, catalogue_actors, unique_name
from tui.case.network.dialogs import ActorDialog, TieDialog


async def test_enter_takes_the_best_match_not_the_first_in_catalogue_order(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        burst(app, "a", "Lillebror", "tab", "søn", "enter", "ctrl+s")
        await keys_done(pilot)
        assert not isinstance(app.screen, ActorDialog)
        burst(app, "a", "Jobcenter Syd", "tab", "jobcenter", "enter", "ctrl+s")
        await keys_done(pilot)
        burst(app, "ctrl+s")
        await keys_done(pilot)
    case = load(path).document
    son = next(actor for actor in case.actors if actor.name == "Lillebror")
    assert (son.kind, son.sector, son.ring) == ("Søn", "family", 1), "not Søns SKP"
    job = next(actor for actor in case.actors if actor.name == "Jobcenter Syd")
    assert job.kind == "Jobcenter", "not Sagsbehandler, jobcenter"
    assert [son.number, job.number] == [35, 36]


async def test_several_catalogue_actors_at_once(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        burst(app, "c")
        await keys_done(pilot)
        assert isinstance(app.screen, CatalogueDialog)
        # "mor": Mor first; Enter ticks it. Then "skp": SKP and Søns SKP, both ticked with space.
        burst(app, "mor")
        await keys_done(pilot)
        burst(app, "down", "enter")
        await keys_done(pilot)
        app.screen.query_one("#catalogue-search").value = ""
        app.screen.query_one("#catalogue-search").focus()
        burst(app, "skp")
        await keys_done(pilot)
        burst(app, "down", "space", "down", "space")
        await keys_done(pilot)
        assert app.screen.ticked == ["Mor", "SKP", "Søns SKP"]
        assert str(app.screen.query_one("#catalogue-list").get_option_at_index(0).prompt).startswith("[✓] SKP")
        burst(app, "ctrl+s")
        await keys_done(pilot)
        assert not isinstance(app.screen, CatalogueDialog)
        burst(app, "ctrl+s")
        await keys_done(pilot)
    case = load(path).document
    added = case.actors[34:]
    assert [(actor.name, actor.kind, actor.sector, actor.ring, actor.number) for actor in added] == [
        ("Mor", "Mor", "family", 1, 35),
        ("SKP", "SKP", "municipality", 1, 36),
        ("Søns SKP", "Søns SKP", "municipality", 3, 37),
    ]


def test_catalogue_names_are_made_unique():
    assert unique_name("SKP", {"skp", "skp 2"}) == "SKP 3"
    actors = catalogue_actors(["Mor", "Mor"], {"mor"})
    assert [actor.name for actor in actors] == ["Mor 2", "Mor 3"]


async def test_seven_ratings_in_one_string_with_the_date_and_the_rater(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    before = load(path).document
    lone = next(actor for actor in before.actors if actor.name == "Borgerservice")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_network(pilot)
        pane._select(lone.id)
        burst(app, "t")
        await keys_done(pilot)
        assert isinstance(app.screen, TieDialog)
        # To: the citizen (first in the list); Tab past the frequency to the string of seven.
        burst(app, "enter", "down", "enter", "tab", "tab", "4343344")
        await keys_done(pilot)
        assert app.screen.query_one("#dim-problem_solving").value == "4"
        assert app.screen.query_one("#tie-rated-on").value == app.today().isoformat()
        app.screen.query_one("#tie-rated-by").value = "to"
        burst(app, "ctrl+s")
        await keys_done(pilot)
        assert not isinstance(app.screen, TieDialog)
        burst(app, "ctrl+s")
        await keys_done(pilot)
    tie = next(tie for tie in load(path).document.ties if lone.id in (tie.a, tie.b))
    assert list(tie.ratings.values()) == [4, 3, 4, 3, 3, 4, 4]
    assert tie.rated_on == app.today() and isinstance(tie.rated_on, date)
    assert tie.rated_by == tie.other(lone.id) == "citizen"


async def test_numbers_stay_after_a_removal_and_typing_a_number_jumps_to_it(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    before = load(path).document
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_network(pilot)
        burst(app, "3", "1")
        await keys_done(pilot)
        assert pane.selected == before.actors[30].id, "#31, Mor"
        burst(app, "x", "j")
        await keys_done(pilot)
        burst(app, "3", "4")
        await keys_done(pilot)
        assert pane.selected == before.actors[33].id, "#34 is still #34"
        assert "34   1     Familie   Kæreste (A.)" in screen_text(app)
        burst(app, "ctrl+s")
        await keys_done(pilot)
    case = load(path).document
    assert [actor.number for actor in case.actors] == [n for n in range(1, 35) if n != 31]


async def test_slash_and_a_name_jump_to_that_actor_and_escape_only_closes_the_field(demo_locations, make_app):
    from tui.case.screen import CaseScreen

    before = load(demo_locations.document("case", "demcasea")).document
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_network(pilot)
        burst(app, "/", "kær")
        await keys_done(pilot)
        assert pane.selected == before.actors[33].id, "Kæreste (A.)"
        burst(app, "ctrl+a")
        pane.query_one("#net-jump").value = ""
        burst(app, "job n")
        await keys_done(pilot)
        assert pane.selected == next(actor.id for actor in before.actors if actor.name == "Jobcenter Nord"), "word starts"
        burst(app, "escape")
        await keys_done(pilot)
        assert isinstance(app.screen, CaseScreen) and app.focused is pane.query_one("#net-actors")
        assert not pane.query_one("#net-jump").has_class("-shown")


async def test_tab_from_the_kind_goes_to_the_sector_and_down_into_the_matches(demo_locations, make_app):
    """The catalogue's list under the kind field is reached with ↓, never with Tab: a kind with no
    match left an empty list as an invisible Tab stop, and the keys after it went nowhere."""
    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        # Free text with no catalogue match, Tab, then the sector list: the fifth sector (Civilsamfund).
        burst(app, "a", "Naboen Ib", "tab", "Nabo til borgeren", "tab", "enter", *["down"] * 5, "enter", "ctrl+s")
        await keys_done(pilot)
        assert not isinstance(app.screen, ActorDialog)
        # A kind with matches: Tab still goes to the sector; ↓ goes into the matches and Enter picks.
        burst(app, "a", "Lillebror", "tab", "søn", "down", "enter", "ctrl+s")
        await keys_done(pilot)
        burst(app, "ctrl+s")  # the case (the dialogs' ctrl+s closed them)
        await keys_done(pilot)
    case = load(path).document
    neighbour = next(actor for actor in case.actors if actor.name == "Naboen Ib")
    assert (neighbour.kind, neighbour.sector) == ("Nabo til borgeren", "civil_society")
    son = next(actor for actor in case.actors if actor.name == "Lillebror")
    assert (son.kind, son.sector) == ("Søn", "family")


async def test_an_unrated_dimension_shows_a_dash_whole_not_a_cut_placeholder(demo_locations, make_app):
    # The rating fields are three cells wide: "(tom)" showed as "(to" beside each dimension.
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_network(pilot)
        burst(app, "t")
        await keys_done(pilot)
        assert isinstance(app.screen, TieDialog)
        shown = screen_text(app)
    rows = [line for line in shown.splitlines() if "Fælles mål" in line or "Løser problemer sammen" in line]
    assert len(rows) == 2 and all("–" in row and "(to" not in row for row in rows), rows


async def test_the_jump_under_the_privacy_screen_finds_only_what_it_shows(locations, make_app):
    """A kind typed freely is free text (models/privacy.py): under the privacy screen the list shows
    the sector instead, so "/" must not find the actor by it (the jump would tell whether a word
    is in the hidden kind). Without the privacy screen it does."""
    from models.documents import Case
    from models.network import Actor
    from saved import store

    neighbour = Actor(name="N.", kind="Naboen Hansen", sector="family")
    mother = Actor(name="M.", kind="Mor", sector="family")
    store.create(locations, Case(title="K.", actors=[mother, neighbour]))
    app = make_app(locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_network(pilot)
        burst(app, "f3", "/", "mor", "escape")
        await keys_done(pilot)
        assert app.privacy and pane.selected == mother.id
        burst(app, "/", "hansen")
        await keys_done(pilot)
        assert pane.selected == mother.id, "not found by the hidden kind"
        burst(app, "escape", "f3", "/", "hansen")
        await keys_done(pilot)
        assert not app.privacy and pane.selected == neighbour.id
