"""The network's actors and the catalogue of the material's 34 actors."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from pydantic import ValidationError

from models.network import (
    ACTOR_CATALOGUE,
    CONSENTS,
    SECTORS,
    Actor,
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
