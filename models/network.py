"""The collaboration network around one citizen: the actors (tool 2).

An actor is one party the citizen meets: a unit, a professional or a relative. It is named by a
pseudonym or a role ("Jobcenter, sagsbehandler LN", "Mor"), never by a real name the file does not
need. Ties between actors come later (issue 4); the gauge's readings already point at actors by id.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal, NamedTuple, get_args

from pydantic import Field

from models.base import Id, Name, ShortText, Strict, new_id

Sector = Literal["region", "municipality", "state", "private", "civil_society", "family"]
#: The sectors in the order the UI lists them (the material: region, municipality, state, private,
#: civil society, and the family around the citizen).
SECTORS: tuple[str, ...] = get_args(Sector)

Consent = Literal["none", "oral", "written"]
CONSENTS: tuple[str, ...] = get_args(Consent)

#: Closeness to the citizen: 1 is the inner ring (the closest relatives, her own contact person),
#: 3 the outer ring (units she meets now and then).
Ring = Annotated[int, Field(ge=1, le=3)]
RINGS: tuple[int, ...] = (1, 2, 3)


class Actor(Strict):
    """One party in the citizen's network."""

    id: Id = Field(default_factory=new_id)
    #: A pseudonym, initials or a role; what the practitioner calls this actor.
    name: Annotated[Name, Field(min_length=1)]
    #: What kind of actor: a catalogue entry (ACTOR_CATALOGUE) or free text.
    kind: ShortText = ""
    sector: Sector
    ring: Ring = 2
    #: The tovholder / brobygger: the one who holds the threads together.
    coordinator: bool = False
    #: The citizen's consent to share information with this actor (samtykke), often oral.
    consent: Consent = "none"
    consent_date: date | None = None


class CatalogueEntry(NamedTuple):
    kind: str
    sector: str
    ring: int


def _entries(sector: str, *pairs: tuple[str, int]) -> tuple[CatalogueEntry, ...]:
    return tuple(CatalogueEntry(kind, sector, ring) for kind, ring in pairs)


#: The 34 actors around one citizen in the material's diagram (seed 004, "Det psykiatriske felt som
#: organisatorisk netværk"), as (Danish kind, sector, default ring), grouped by sector.
#:
#: The diagram's text shows 33 boxes; the 34th is the psykiatribrobygger, who is the subject of the
#: same deck's section on bridge-building (employed by the municipality) and the natural coordinator.
#: The diagram's three "Sagsbehandler" boxes and its two doctors are told apart by the boxes they
#: stand beside: the job centre, the adult social services, and children and family; the doctor
#: beside the addiction centre.
#: Sector choices that could go either way: the GP (egen læge) is a private practice under a regional
#: agreement -> "private"; the bistandsværge is appointed by Familieretshuset -> "state"; LARS
#: (opioid substitution) is given by the municipal addiction treatment -> "municipality"; the
#: drop-in centre (værested) is often run by a voluntary association -> "civil_society".
ACTOR_CATALOGUE: tuple[CatalogueEntry, ...] = (
    *_entries(
        "region",
        ("Behandlingspsykiatri", 2),
        ("Psykiatrisk ambulatorium", 2),
        ("Akutmodtagelse", 3),
        ("Sengeafsnit", 2),
        ("Følge-hjem-sygeplejerske", 2),
        ("Læge + sygeplejerske", 2),
        ("IMR-gruppe", 2),
    ),
    *_entries(
        "municipality",
        ("Psykiatribrobygger", 1),
        ("SKP", 1),
        ("Sagsbehandler, jobcenter", 2),
        ("Sagsbehandler, voksen/socialpsykiatri", 2),
        ("Sagsbehandler, børn og familie", 3),
        ("Jobcenter", 2),
        ("Beskæftigelsesmentor", 2),
        ("Job Café", 3),
        ("Borgerservice", 3),
        ("Socialforvaltning", 3),
        ("Huslejerestance", 3),
        ("Børne- og familieafdeling", 3),
        ("Familiebehandler", 3),
        ("Søns SKP", 3),
        ("Misbrugscenter", 2),
        ("Misbrugsbehandler", 2),
        ("Misbrugsgruppe", 3),
        ("Læge, misbrugscenter", 3),
        ("LARS", 2),
    ),
    *_entries(
        "state",
        ("Kriminalforsorgen", 3),
        ("Bistandsværge", 2),
    ),
    *_entries(
        "private",
        ("Egen læge", 2),
    ),
    *_entries(
        "civil_society",
        ("Værested", 2),
    ),
    *_entries(
        "family",
        ("Mor", 1),
        ("Søn", 1),
        ("Ekskone", 2),
        ("Kæreste", 1),
    ),
)


def catalogue_entry(kind: str) -> CatalogueEntry | None:
    """The catalogue entry of this kind (case-insensitive), or None for a free-text kind."""
    wanted = kind.strip().casefold()
    for entry in ACTOR_CATALOGUE:
        if entry.kind.casefold() == wanted:
            return entry
    return None


def actor_from_catalogue(kind: str, name: str | None = None) -> Actor:
    """A new actor with the catalogue's sector and ring for this kind; the name defaults to the kind."""
    entry = catalogue_entry(kind)
    if entry is None:
        raise KeyError(kind)
    return Actor(name=name or entry.kind, kind=entry.kind, sector=entry.sector, ring=entry.ring)  # type: ignore[arg-type]
