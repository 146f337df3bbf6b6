"""The network's actors and the catalogue of the material's 34 actors."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from models.network import (
    ACTOR_CATALOGUE,
    CITIZEN,
    CONSENTS,
    DIMENSIONS,
    SECTORS,
    Actor,
    Tie,
    catalogue_entry,
)


def test_a_minimal_actor():
    actor = Actor(name="Mor", sector="family", ring=1)
    assert (actor.kind, actor.coordinator, actor.consent, actor.consent_date) == ("", False, "none", None)
    assert len(actor.id) == 8


def test_a_full_actor():
    actor = Actor(
        id="brbyg2ab",
        name="Psykiatribrobygger MK",
        kind="Psykiatribrobygger",
        sector="municipality",
        ring=1,
        coordinator=True,
        consent="oral",
        consent_date=date(2026, 9, 3),
    )
    assert actor.coordinator and actor.consent == "oral"


@pytest.mark.parametrize(
    "fields",
    [
        {"name": "", "sector": "family", "ring": 1},
        {"name": "x" * 81, "sector": "family", "ring": 1},
        {"name": "Mor", "sector": "church", "ring": 1},
        {"name": "Mor", "sector": "family", "ring": 0},
        {"name": "Mor", "sector": "family", "ring": 4},
        {"name": "Mor", "sector": "family", "ring": "1"},
        {"name": "Mor", "sector": "family", "ring": 1.0},
        {"name": "Mor", "sector": "family", "ring": True},
        {"name": "Mor", "sector": "family", "ring": 1, "kind": "x" * 201},
        {"name": "Mor", "sector": "family", "ring": 1, "consent": "maybe"},
        {"name": "Mor", "sector": "family", "ring": 1, "consent_date": "2026-09-03"},
        {"name": "Mor", "sector": "family", "ring": 1, "coordinator": "yes"},
        {"name": "Mor", "sector": "family", "ring": 1, "id": "0101701234"},
        {"name": "Mor", "sector": "family", "ring": 1, "cpr": "010170-1234"},
        {"name": "Mor", "ring": 1},
    ],
)
def test_invalid_actors_are_refused(fields):
    with pytest.raises(ValidationError):
        Actor(**fields)


@pytest.mark.parametrize("ring", [1, 2, 3])
def test_every_ring(ring):
    assert Actor(name="X", sector="state", ring=ring).ring == ring


def test_vocabularies():
    assert SECTORS == ("region", "municipality", "state", "private", "civil_society", "family")
    assert CONSENTS == ("none", "oral", "written")


def test_the_catalogue_has_the_materials_34_actors():
    assert len(ACTOR_CATALOGUE) == 34
    kinds = [entry.kind for entry in ACTOR_CATALOGUE]
    assert len(set(kinds)) == 34, "each kind is distinct, so a kind finds its entry"
    for expected in ("Behandlingspsykiatri", "Akutmodtagelse", "Sengeafsnit", "Egen læge", "IMR-gruppe", "Jobcenter",
                     "Beskæftigelsesmentor", "Job Café", "Borgerservice", "Huslejerestance", "Søns SKP", "Værested",
                     "Misbrugscenter", "LARS", "Kriminalforsorgen", "Bistandsværge", "Mor", "Søn", "Ekskone", "Kæreste"):
        assert expected in kinds
    assert sum(1 for kind in kinds if kind.startswith("Sagsbehandler")) == 3


def test_the_catalogue_is_grouped_by_sector_in_order():
    sectors = [entry.sector for entry in ACTOR_CATALOGUE]
    order = [sector for i, sector in enumerate(sectors) if i == 0 or sectors[i - 1] != sector]
    assert order == list(SECTORS), "one run per sector, in the order of SECTORS"
    assert Counter(sectors)["family"] == 4


def test_every_catalogue_entry_makes_a_valid_actor():
    for entry in ACTOR_CATALOGUE:
        actor = Actor(name=entry.kind, kind=entry.kind, sector=entry.sector, ring=entry.ring)
        assert (actor.sector, actor.ring) == (entry.sector, entry.ring)


def test_catalogue_lookup():
    assert catalogue_entry("  lars ").kind == "LARS"
    assert catalogue_entry("Naboen") is None


# --- numbers that never change (models.network.numbered, number_actors) ----------------------------


def test_numbers_are_given_once_and_a_freed_number_is_not_reused():
    from models.network import actor_number, numbered

    actors = numbered([Actor(name=name, sector="family") for name in ("A", "B", "C")])
    assert [actor.number for actor in actors] == [1, 2, 3]
    assert numbered(actors) is actors, "nothing to give: the same list"
    without_b = [actors[0], actors[2]]
    assert [actor_number(actor, i) for i, actor in enumerate(without_b)] == [1, 3], "C keeps 3 after B goes"
    again = numbered([*without_b, Actor(name="D", sector="family")])
    assert [actor.number for actor in again] == [1, 3, 4]
    assert actor_number(Actor(name="E", sector="family"), 6) == 7, "no number yet: the place stands in"


def test_an_old_case_gets_numbers_in_list_order_when_it_is_opened(tmp_path):
    from saved.examples import HERE
    from saved.store import load

    path = tmp_path / "case-demcasea.toml"
    text = (HERE / "case-demcasea.toml").read_text()
    assert "schema_version = 2" in text and "number =" not in text
    path.write_text(text)
    case = load(path).document
    assert [actor.number for actor in case.actors] == list(range(1, 35))


def test_the_version_4_step_leaves_given_numbers_and_other_kinds_alone():
    from models.network import number_actors

    raw = {"kind": "case", "actors": [{"name": "A", "number": 2}, {"name": "B"}, "not a table"]}
    assert number_actors(raw)["actors"] == [{"name": "A", "number": 2}, {"name": "B"}, "not a table"], "2 is taken: left for the case to give"
    assert number_actors({"kind": "case", "actors": [{"name": "A"}, {"name": "B"}]})["actors"] == [{"name": "A", "number": 1}, {"name": "B", "number": 2}]
    board = {"kind": "exnovation", "actors": [{"name": "A"}]}
    assert number_actors(board) is board


# --- the catalogue search (models.network.search_catalogue) -----------------------------------------


def kinds(typed: str, sector_words=None) -> list[str]:
    from models.network import search_catalogue

    return [entry.kind for entry in search_catalogue(typed, sector_words)]


def test_the_exact_kind_comes_first_then_word_starts_then_substrings():
    assert kinds("søn")[:2] == ["Søn", "Søns SKP"]
    assert kinds("jobcenter")[:2] == ["Jobcenter", "Sagsbehandler, jobcenter"]
    assert kinds("Mor")[0] == "Mor"
    assert kinds("skp")[:2] == ["SKP", "Søns SKP"]
    assert kinds("læge")[0] == "Læge + sygeplejerske" and "Egen læge" in kinds("læge")
    # "behandler" starts no word of "Misbrugsbehandler" but is in it: after the word starts.
    found = kinds("behandl")
    assert found.index("Behandlingspsykiatri") < found.index("Misbrugsbehandler")
    assert kinds("sag job") == ["Sagsbehandler, jobcenter"], "every typed word must match"
    assert kinds("zzz") == []


def test_family_roles_come_before_services_among_equals_and_sectors_match_last():
    everything = kinds("")
    assert everything[:4] == ["Mor", "Søn", "Ekskone", "Kæreste"]
    assert len(everything) == 34
    found = kinds("familie", {"family": "Familie og netværk"})
    assert set(found[:3]) == {"Sagsbehandler, børn og familie", "Børne- og familieafdeling", "Familiebehandler"}
    assert found[-4:] == ["Mor", "Søn", "Ekskone", "Kæreste"], "by sector name: after every kind that matched"


@given(st.text(max_size=20))
def test_the_search_never_fails_and_gives_catalogue_entries(typed):
    from models.network import ACTOR_CATALOGUE, search_catalogue

    assert set(search_catalogue(typed, {"family": "Familie"})) <= set(ACTOR_CATALOGUE)


# --- seven ratings in one string, and who rated when ------------------------------------------------


def test_seven_ratings_from_one_string():
    from models.network import parse_ratings, ratings_string

    assert parse_ratings("4343344") == dict(zip(DIMENSIONS, (4, 3, 4, 3, 3, 4, 4)))
    assert parse_ratings("43") == {"shared_goals": 4, "shared_knowledge": 3}
    assert parse_ratings("4-3 4") == {"shared_goals": 4, "mutual_respect": 3, "frequent": 4}
    assert parse_ratings("") == {}
    for bad in ("43433441", "6", "4x", "0"):
        assert parse_ratings(bad) is None
    assert ratings_string({"shared_goals": 4, "mutual_respect": 3}) == "4-3"


@given(st.dictionaries(st.sampled_from(DIMENSIONS), st.integers(1, 5)))
def test_a_ratings_string_reads_back(ratings):
    from models.network import parse_ratings, ratings_string

    assert parse_ratings(ratings_string(ratings)) == ratings


@given(st.text(max_size=12))
def test_any_string_parses_or_is_refused(text):
    from models.network import parse_ratings

    found = parse_ratings(text)
    assert found is None or Tie(a=CITIZEN, b="abcdefgh", ratings=found).ratings == found


def test_a_rating_may_say_when_and_by_which_end():
    tie = Tie(a=CITIZEN, b="abcdefgh", ratings={"timely": 2}, rated_on=date(2026, 11, 3), rated_by="abcdefgh")
    assert tie.rated_by == "abcdefgh"
    with pytest.raises(ValidationError, match="one of the tie's two ends"):
        Tie(a=CITIZEN, b="abcdefgh", rated_by="bcdefghj")
