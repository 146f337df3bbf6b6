"""The collaboration network around one citizen: the actors (tool 2).

An actor is one party the citizen meets: a unit, a professional or a relative. It is named by a
pseudonym or a role ("Jobcenter, sagsbehandler LN", "Mor"), never by a real name the file does not
need. A tie joins two actors, or the citizen and an actor, and says how well they work together:
how often they are in contact, seven relational-coordination dimensions rated 1-5, and conflicts.
The gauge's readings point at actors by id.
"""

# Annotations evaluated at once, not kept as text: see models/__init__.py.
import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Annotated, Any, Final, Literal, NamedTuple, get_args

from pydantic import Field, StringConstraints, field_validator, model_validator

from models.base import ID_ALPHABET, ID_LENGTH, Id, Name, Rating5, ShortText, Strict, empty_list, new_id

Sector = Literal["region", "municipality", "state", "private", "civil_society", "family"]
#: The sectors in the order the UI lists them (the material: region, municipality, state, private,
#: civil society, and the family around the citizen).
SECTORS: tuple[Sector, ...] = get_args(Sector)

Consent = Literal["none", "oral", "written"]
CONSENTS: tuple[str, ...] = get_args(Consent)

#: Closeness to the citizen: 1 is the inner ring (the closest relatives, her own contact person),
#: 3 the outer ring (units she meets now and then).
Ring = Annotated[int, Field(ge=1, le=3)]
RINGS: tuple[int, ...] = (1, 2, 3)
#: Numbers run far beyond MAX_ACTORS: a number is never reused, and actors come and go.
MAX_NUMBER = 99_999


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
    #: The actor's number in the case, given once and never changed (a printed map or agenda that
    #: says "#12" stays right after others are removed). None only until the case gives one
    #: (`numbered`); files from before version 4 get theirs in list order (`number_actors`).
    number: Annotated[int, Field(ge=1, le=MAX_NUMBER)] | None = None


def actor_number(actor: Actor, index: int) -> int:
    """The actor's number; `index` (its place in the list, 0-based) stands in until it has one."""
    return actor.number if actor.number is not None else index + 1


def numbered(actors: list[Actor]) -> list[Actor]:
    """`actors` (a new list when any changed) with a number for each that has none, after the
    highest number given so far: a number freed by a removal is not handed out again."""
    if all(actor.number is not None for actor in actors):
        return actors
    highest = max((actor_number(actor, i) for i, actor in enumerate(actors) if actor.number is not None), default=0)
    out = []
    for actor in actors:
        if actor.number is None:
            highest += 1
            actor = actor.model_copy(update={"number": highest})
        out.append(actor)
    return out


def number_actors(raw: dict[str, Any]) -> dict[str, Any]:
    """Version-4 step (saved.store.VERSION_4_STEPS): a case's actors get numbers in the order they
    stand, the numbers the screens and reports showed until now."""
    actors = raw.get("actors")
    if raw.get("kind") != "case" or not isinstance(actors, list):
        return raw
    taken = {actor.get("number") for actor in actors if isinstance(actor, dict)}
    out = []
    for index, actor in enumerate(actors):
        if isinstance(actor, dict) and "number" not in actor and index + 1 not in taken:
            actor = {**actor, "number": index + 1}
        out.append(actor)
    return {**raw, "actors": out}


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


_WORD = re.compile(r"\w+")


def match_rank(typed: str, kind: str) -> int | None:
    """0: the kind (or any name) is what was typed (already casefolded); 1: every typed word starts
    a word of it; 2: every typed word is in it; None: no match. Case-insensitive."""
    kind = kind.casefold()
    if kind == typed:
        return 0
    words = _WORD.findall(kind)
    wanted = _WORD.findall(typed) or [typed]
    if all(any(word.startswith(part) for word in words) for part in wanted):
        return 1
    if all(part in kind for part in wanted):
        return 2
    return None


def search_catalogue(typed: str, sector_words: dict[str, str] | None = None) -> list[CatalogueEntry]:
    """The catalogue entries that match `typed`, best first: the exact kind, then a word start
    ("job" finds "Jobcenter" before "Sagsbehandler, jobcenter" only by exactness: both start a
    word), then anywhere in the kind, then by sector name (`sector_words`, the translated sectors);
    among equals the family before the services (a relative is what a typed "søn" or "mor" most
    often means), then the catalogue's order. Nothing typed: the whole catalogue, family first."""
    wanted = typed.strip().casefold()
    ranked: list[tuple[int, int, int, CatalogueEntry]] = []
    for order, entry in enumerate(ACTOR_CATALOGUE):
        rank = match_rank(wanted, entry.kind) if wanted else 1
        if rank is None and sector_words and wanted in sector_words.get(entry.sector, "").casefold():
            rank = 3
        if rank is not None:
            ranked.append((rank, 0 if entry.sector == "family" else 1, order, entry))
    ranked.sort(key=lambda item: item[:3])
    return [item[3] for item in ranked]


# --------------------------------------------------------------------------------------------------
# Ties

#: The citizen as an end of a tie. Fixed, and never a valid actor id ("i" is not in ID_ALPHABET),
#: so a tie's end is either this or the id of an actor of the case.
CITIZEN: Final = "citizen"
#: One pattern rather than a union, so a bad end gives one clear message, not one per alternative.
Endpoint = Annotated[str, StringConstraints(pattern=rf"^([{ID_ALPHABET}]{{{ID_LENGTH}}}|{CITIZEN})$")]

#: How often the two are in contact.
Frequency = Literal["daily", "weekly", "monthly", "quarterly", "rarely", "never"]
FREQUENCIES: tuple[str, ...] = get_args(Frequency)

#: Relational coordination (Gittell 2002; the material, seed 004): what holds a network together.
#: Three relations (shared goals, shared knowledge, mutual respect) and four qualities of
#: communication (frequent, timely, accurate, problem-solving). Each rated 1 (poor) to 5 (strong).
Dimension = Literal[
    "shared_goals",
    "shared_knowledge",
    "mutual_respect",
    "frequent",
    "timely",
    "accurate",
    "problem_solving",
]
DIMENSIONS: tuple[str, ...] = get_args(Dimension)


def means_of(ratings: Sequence[Mapping[Any, int]]) -> dict[str, float | None]:
    """Each dimension's mean over these ties' ratings, None where none rated it. One
    comprehension per dimension, not an addition per rating: at the caps 4.4 -> 0.8 ms."""
    means: dict[str, float | None] = {}
    for name in DIMENSIONS:
        values = [rated[name] for rated in ratings if name in rated]
        means[name] = sum(values) / len(values) if values else None
    return means

#: The five critical collaboration relations of the material (seed 004, "Kritiske
#: samarbejdsrelationer"): who does what (domain), treatment ideology and methods (the material's
#: "teknologikonflikter"), goals and criteria, internal structures and cultures, and the wanted form
#: of collaboration (meeting structure, frequency).
ConflictKind = Literal["domain", "method", "goals", "structure", "collaboration_form"]
CONFLICT_KINDS: tuple[ConflictKind, ...] = get_args(ConflictKind)

#: What stands for "not rated" in a string of ratings ("43-3344").
UNRATED_CHAR = "-"


def parse_ratings(text: str) -> dict[str, int] | None:
    """The seven dimensions from one string, in DIMENSIONS order: "4343344" rates all seven,
    "43" the first two, "-" skips one; spaces are ignored. None when the string is not that."""
    chars = [char for char in text if not char.isspace()]
    if len(chars) > len(DIMENSIONS) or any(char not in "12345" + UNRATED_CHAR for char in chars):
        return None
    return {dim: int(char) for dim, char in zip(DIMENSIONS, chars) if char != UNRATED_CHAR}


def ratings_string(ratings: Mapping[Any, int]) -> str:
    """The ratings as `parse_ratings` reads them, trailing unrated dimensions left out."""
    return "".join(str(ratings[dim]) if dim in ratings else UNRATED_CHAR for dim in DIMENSIONS).rstrip(UNRATED_CHAR)


#: A tie is weak when the mean of its rated dimensions is at or below this: on a 1-5 scale whose
#: middle is 3, a mean of 2.5 or less says that most of what holds the two together is poor.
WEAK_MEAN: Final = 2.5

TIE_NOTE_MAX = 1000


class Tie(Strict):
    """The working relation between two actors, or between the citizen and an actor. Undirected."""

    id: Id = Field(default_factory=new_id)
    a: Endpoint
    b: Endpoint
    frequency: Frequency | None = None
    #: Only the dimensions that were rated, each 1-5; kept in the order of DIMENSIONS.
    ratings: dict[Dimension, Rating5] = Field(default_factory=dict, max_length=len(DIMENSIONS))
    #: The kinds of conflict on this tie, in the order of CONFLICT_KINDS, each at most once.
    conflicts: list[ConflictKind] = Field(default_factory=empty_list, max_length=len(CONFLICT_KINDS))
    note: Annotated[str, StringConstraints(max_length=TIE_NOTE_MAX)] = ""
    #: When the ratings were given, and by which end (relational coordination is rated by one
    #: party about the other); None: not said (most often the practitioner's own judgement).
    rated_on: date | None = None
    rated_by: Endpoint | None = None

    @model_validator(mode="after")
    def _rated_by_an_end(self) -> "Tie":
        if self.rated_by is not None and self.rated_by not in (self.a, self.b):
            raise ValueError("rated_by must be one of the tie's two ends")
        return self

    @field_validator("ratings", mode="after")
    @classmethod
    def _ratings_in_order(cls, value: dict[str, int]) -> dict[str, int]:
        # A stable order keeps saved files diff-friendly whatever order the UI set them in.
        return {name: value[name] for name in DIMENSIONS if name in value}

    @field_validator("conflicts", mode="after")
    @classmethod
    def _conflicts_once_in_order(cls, value: list[str]) -> list[str]:
        return [kind for kind in CONFLICT_KINDS if kind in value]

    @property
    def ends(self) -> frozenset[str]:
        return frozenset((self.a, self.b))

    def other(self, end: str) -> str:
        """The other end of the tie, seen from `end`."""
        return self.b if self.a == end else self.a

    def touches(self, end: str) -> bool:
        return end in (self.a, self.b)

    @property
    def mean(self) -> float | None:
        """The mean of the rated dimensions, or None when none is rated."""
        if not self.ratings:
            return None
        return sum(self.ratings.values()) / len(self.ratings)

    @property
    def weak(self) -> bool:
        mean = self.mean
        return mean is not None and mean <= WEAK_MEAN
