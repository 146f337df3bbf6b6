"""Supervision sessions: the STORM model, the maturity ladder and agreed actions.

Sources (seed 000, Center for Mentalisering): "Model STORM for ledelse" (Rasmussen & Hagelquist
2019) has five columns of four reflection questions each; the first three Mentalisering questions
carry a 1 <-> 10 scale on the slide, the fourth is an open question. "Implementeringserfaringer fra
Mentaliseringsguiden - modenhed" has five levels, 1 Ad-hoc to 5 Optimeret, each with criteria;
levels 4 and 5 are "the same as the level below, plus".

`SOURCE_DA` keeps the material's Danish wording next to the keys, so a report can be written
without the UI; the UI shows the catalogs' text (tui/i18n/*/session.toml, `session.storm.*`,
`session.maturity.*`), and a test checks the Danish catalog says the same as the material.
Everything here is pure: no Textual, no files.
"""

# Annotations evaluated at once, not kept as text: see models/__init__.py.
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any, Literal, NamedTuple, get_args

from pydantic import Field, ModelWrapValidatorHandler, StringConstraints, ValidationInfo, field_validator, model_validator
from pydantic_core import InitErrorDetails

from models.base import Id, Name, ShortText, Strict, empty_list, new_id
from models.documents import MAX_SESSION_READINGS, DocumentBase, checked, reference_error
from models.gauge import Reading
from models.network import CITIZEN

ANSWER_MAX = 4_000
MAX_ACTIONS = 100

# --------------------------------------------------------------------------------------------------
# STORM

AreaKey = Literal["sikkerhed", "traumer", "evner", "ressourcer", "mentalisering"]
AREAS: tuple[str, ...] = get_args(AreaKey)

#: Every question: the area's letter and its place in the column (s1 is Sikkerhed's first).
QuestionKey = Literal[
    "s1", "s2", "s3", "s4",
    "t1", "t2", "t3", "t4",
    "o1", "o2", "o3", "o4",
    "r1", "r2", "r3", "r4",
    "m1", "m2", "m3", "m4",
]
QUESTIONS: tuple[str, ...] = get_args(QuestionKey)

#: The questions the slide gives a 1 <-> 10 scale (Mentalisering's first three).
ScaleKey = Literal["m1", "m2", "m3"]
SCALE_QUESTIONS: tuple[str, ...] = get_args(ScaleKey)
SCALE_MIN, SCALE_MAX = 1, 10
Scale = Annotated[int, Field(ge=SCALE_MIN, le=SCALE_MAX)]
Answer = Annotated[str, StringConstraints(max_length=ANSWER_MAX)]


# A NamedTuple, not a frozen dataclass: the same record, made ~0.4 ms faster at import (a
# dataclass compiles its six methods one by one).
class Area(NamedTuple):
    key: str
    letter: str
    questions: tuple[str, ...]

    @property
    def label_key(self) -> str:
        return f"supervision.storm.area.{self.key}"


STORM: tuple[Area, ...] = tuple(
    Area(key, letter.upper(), tuple(q for q in QUESTIONS if q[0] == letter)) for key, letter in zip(AREAS, "storm")
)


#: Two wordings of the same twenty questions: the seed's, for a leader ("Er du i sikkerhed som
#: leder?"), and one for one-on-one supervision of a practitioner (PRACTITIONER_DA below).
StormVersion = Literal["leader", "practitioner"]
STORM_VERSIONS: tuple[str, ...] = get_args(StormVersion)


def question_label_key(question: str, version: str = "leader") -> str:
    return f"supervision.storm.{'p' if version == 'practitioner' else 'q'}.{question}"


# --------------------------------------------------------------------------------------------------
# Maturity

CriterionKey = Literal["1a", "1b", "1c", "1d", "2a", "2b", "2c", "3a", "3b", "3c", "3d", "4a", "4b", "5a", "5b"]
CRITERIA: tuple[str, ...] = get_args(CriterionKey)


class Level(NamedTuple):
    number: int
    key: str
    #: The level whose criteria must also hold ("Samme som struktureret plus"), or None.
    builds_on: int | None

    @property
    def criteria(self) -> tuple[str, ...]:
        return tuple(c for c in CRITERIA if c[0] == str(self.number))

    @property
    def label_key(self) -> str:
        return f"supervision.maturity.level.{self.key}"


LEVELS: tuple[Level, ...] = (
    Level(1, "ad_hoc", None),
    Level(2, "basalt", None),
    Level(3, "struktureret", None),
    Level(4, "integreret", 3),
    Level(5, "optimeret", 4),
)
LEVEL_BY_NUMBER = {level.number: level for level in LEVELS}


def criterion_label_key(criterion: str) -> str:
    return f"supervision.maturity.c{criterion}"


def required_criteria(number: int) -> tuple[str, ...]:
    """The criteria a level needs: its own and, for 4 and 5, those of the levels it builds on."""
    level = LEVEL_BY_NUMBER[number]
    below = required_criteria(level.builds_on) if level.builds_on is not None else ()
    return below + level.criteria


def suggest_level(checked: Iterable[str]) -> int | None:
    """The level the ticked criteria suggest, or None when nothing is ticked.

    The highest level whose required criteria are all ticked. The lower rungs of the material
    are descriptions that exclude each other (1: "no one responsible", 2: "only in selected
    departments", 3: "across the organisation"), so when no level is complete the suggestion is
    the level with the largest share of its own criteria ticked; a tie goes to the lower level,
    the cautious reading.
    """
    ticked = set(checked)
    if not ticked:
        return None
    complete = [level.number for level in LEVELS if set(required_criteria(level.number)) <= ticked]
    if complete:
        return max(complete)
    share = {level.number: len(ticked & set(level.criteria)) / len(level.criteria) for level in LEVELS}
    best = max(share.values())
    return min(number for number, value in share.items() if value == best) if best > 0 else None


def next_level_needs(checked: Iterable[str], level: int | None) -> tuple[int, tuple[str, ...]] | None:
    """The next level above `level` and its criteria not yet ticked; None at the top."""
    target = 1 if level is None else level + 1
    if target not in LEVEL_BY_NUMBER:
        return None
    ticked = set(checked)
    return target, tuple(c for c in required_criteria(target) if c not in ticked)


class Maturity(Strict):
    """The organisation's maturity as the supervisor and practitioner assess it."""

    #: The criteria the organisation meets, in catalogue order.
    checked: list[CriterionKey] = Field(default_factory=empty_list, max_length=len(CRITERIA))
    #: The level they settle on; None until they do (the checklist only suggests).
    level: Annotated[int, Field(ge=1, le=5)] | None = None
    #: What the organisation needs to reach the next level, in their words.
    next_steps: Answer = ""

    @field_validator("checked", mode="after")
    @classmethod
    def _unique_in_order(cls, value: list[str]) -> list[str]:
        return [c for c in CRITERIA if c in value]


# --------------------------------------------------------------------------------------------------
# Agreed actions


class Action(Strict):
    """Something agreed in the session: what, who does it (initials) and by when."""

    id: Id = Field(default_factory=new_id)
    what: Annotated[str, StringConstraints(min_length=1, max_length=200)]
    owner: Name = ""
    due: date | None = None
    done: bool = False
    #: The date of the session where it was first agreed, when it was carried forward from there.
    carried_from: date | None = None


def overdue(action: Action, on: date) -> bool:
    """Open and past its due date on `on` (a session's date, or today)."""
    return not action.done and action.due is not None and action.due < on


Carry = Literal["keep", "close", "drop"]
CARRY_CHOICES: tuple[str, ...] = get_args(Carry)


def pending_agreements(current: "Supervision", earlier: "list[Supervision]") -> "tuple[Supervision | None, list[Action]]":
    """The latest earlier session with the same practitioner and its open agreements that this
    session has not yet taken a stand on (kept, closed or dropped). Only the latest: what it did
    not carry was dropped there, and what it kept is among its own actions."""
    if not earlier:
        return None, []
    last = earlier[0]
    decided = set(current.considered) | {action.id for action in current.actions}
    return last, [action for action in last.actions if not action.done and action.id not in decided]


def carry(current: "Supervision", action: Action, choice: str, agreed_on: date) -> dict[str, object]:
    """The new `actions` and `considered` of `current` after a stand on an earlier agreement:
    keep (open, as it was), close (done, kept as a record) or drop (not brought over)."""
    if choice not in CARRY_CHOICES:
        raise ValueError(f"carry: {choice!r} is not one of {CARRY_CHOICES}")
    considered = [*current.considered, action.id]
    if choice == "drop":
        return {"considered": considered, "actions": list(current.actions)}
    brought = action.model_copy(update={"done": choice == "close", "carried_from": action.carried_from or agreed_on})
    return {"considered": considered, "actions": [*current.actions, brought]}


def scale_trend(current: "Supervision", earlier: "Iterable[Supervision]", question: str) -> list[tuple[date, int]]:
    """A STORM scale's answers over every earlier session and this one, oldest first."""
    points = [(session.held_on, session.storm_scales[question]) for session in earlier if question in session.storm_scales]
    points.sort()
    if question in current.storm_scales:
        points.append((current.held_on, current.storm_scales[question]))
    return points


# --------------------------------------------------------------------------------------------------
# Earlier sessions


def same_person(a: str, b: str) -> bool:
    """Initials compare without case, spaces or dots: 'L.B.' is 'lb'."""

    def norm(text: str) -> str:
        return "".join(ch for ch in text.casefold() if ch.isalnum())

    return bool(norm(a)) and norm(a) == norm(b)


def earlier_sessions(current: "Supervision", others: "Iterable[Supervision]", limit: int | None = 3) -> "list[Supervision]":
    """The sessions with the same practitioner held before `current`, newest first."""
    found = [
        other
        for other in others
        if other.id != current.id
        and same_person(other.practitioner, current.practitioner)
        and (other.held_on, other.created) < (current.held_on, current.created)
    ]
    found.sort(key=lambda other: (other.held_on, other.created), reverse=True)
    return found if limit is None else found[:limit]


# --------------------------------------------------------------------------------------------------
# The material's wording (seed 000), keyed like the catalogs

SOURCE_DA: dict[str, str] = {
    "supervision.storm.area.sikkerhed": "Sikkerhed",
    "supervision.storm.area.traumer": "Tænk små og store traumer",
    "supervision.storm.area.evner": "Opbyg evner",
    "supervision.storm.area.ressourcer": "Ressourcer",
    "supervision.storm.area.mentalisering": "Mentalisering",
    "supervision.storm.q.s1": "Er du i sikkerhed som leder?",
    "supervision.storm.q.s2": "Formår du at støtte de fagprofessionelle, så de oplever sig i sikkerhed?",
    "supervision.storm.q.s3": "Har du en sikker relation, hvor medarbejderne har lyst til at lytte og dele, når de har det svært?",
    "supervision.storm.q.s4": "Hvad er dit indsatsmål i forhold til sikkerhed?",
    "supervision.storm.q.t1": "Tror du, at en eller flere af dine medarbejdere har oplevet traumer i deres arbejde?",
    "supervision.storm.q.t2": "Har organisationen nogen fælles traumehistorier? Ulykker, fyringer, utryghed, dårlig omtale, fx i presse eller andre medier?",
    "supervision.storm.q.t3": "Oplever du, at medarbejdere har triggere/stærke reaktioner?",
    "supervision.storm.q.t4": "Hvad er dit indsatsmål i forhold til traumer?",
    "supervision.storm.q.o1": "Hvordan kan du støtte dine medarbejdere, så de formår at opbygge deres mentaliseringsevne individuelt?",
    "supervision.storm.q.o2": "Hvordan kan du støtte dine medarbejdere, så de formår at opbygge deres mentaliseringsevne som gruppe?",
    "supervision.storm.q.o3": "Hvad er dit indsatsmål i forhold til at opbygge mentaliseringsevne?",
    "supervision.storm.q.o4": "Hvilken eller hvilke kompetencer vil du arbejde med at udvikle?",
    "supervision.storm.q.r1": "Nævn medarbejdergruppens positive sider.",
    "supervision.storm.q.r2": "Hvilke ressourcer kan medarbejdergruppen trække på, når de er belastede?",
    "supervision.storm.q.r3": "Hvilke ressourcer hos ledelsen vil medarbejdergruppen nævne, hvis man spørger dem?",
    "supervision.storm.q.r4": "Hvordan bliver medarbejdergruppen i højere grad set i et ressourcefokus?",
    "supervision.storm.q.m1": "Oplever du, at du formår at mentalisere den enkelte medarbejder?",
    "supervision.storm.q.m2": "Oplever du, at du formår at mentalisere medarbejderne ved mentaliseringsvigt?",
    "supervision.storm.q.m3": "Oplever du, at du kan se dig selv udefra i samspil med medarbejdere?",
    "supervision.storm.q.m4": "Hvordan kan jeg blive bedre til at mentalisere medarbejderne og mig selv?",
    "supervision.maturity.level.ad_hoc": "Ad-hoc",
    "supervision.maturity.level.basalt": "Basalt",
    "supervision.maturity.level.struktureret": "Struktureret",
    "supervision.maturity.level.integreret": "Integreret",
    "supervision.maturity.level.optimeret": "Optimeret",
    "supervision.maturity.c1a": "Anerkender mentalisering som virksomt",
    "supervision.maturity.c1b": "Anvender Mentaliseringsguiden sporadisk",
    "supervision.maturity.c1c": "Ingen formalisering af anvendelse",
    "supervision.maturity.c1d": "Ingen ansvarlig",
    "supervision.maturity.c2a": "Visse arbejdsgange er formaliseret",
    "supervision.maturity.c2b": "Kun på udvalgte afdelinger",
    "supervision.maturity.c2c": "Mentaliseringsguiden ikke institutionaliseret på tværs af organisationen",
    "supervision.maturity.c3a": "Mentaliseringsguiden institutionaliseret på tværs af organisationen",
    "supervision.maturity.c3b": "Mentaliseringsguidens brug er formaliseret for at sikre et fælles sprog",
    "supervision.maturity.c3c": "Implementering forankret på højeste niveau",
    "supervision.maturity.c3d": "Arbejdsgange fleksible ift. nye målgrupper og behov",
    "supervision.maturity.c4a": "Fuldt integreret i organisationens metode (ikke personafhængig)",
    "supervision.maturity.c4b": "Opfølgning på anvendelse og brug (metrikker) som redskab til at fastholde nysgerrighed omkring anvendelsen",
    "supervision.maturity.c5a": "Fokusskift fra metode mod personlig indstilling",
    "supervision.maturity.c5b": "Løbende forbedringsprogrammer ift. metrikker, der udvikler personalets mentaliseringsevne og fastholder nysgerrighed, fleksibilitet og et \"frisk\" sind",
}


#: The one-on-one version for a practitioner (our wording, not the seed's): the seed's twenty
#: questions with the leader's role turned to the practitioner's own, question by question, the
#: same five areas and the same three scales. "Medarbejderne" becomes the citizens and colleagues
#: the practitioner meets (the material's three foci: den anden, selv, os alle).
PRACTITIONER_DA: dict[str, str] = {
    "supervision.storm.p.s1": "Er du i sikkerhed i dit arbejde, fysisk, psykisk og relationelt?",
    "supervision.storm.p.s2": "Oplever du, at din leder og dine kolleger støtter dig, så du føler dig i sikkerhed?",
    "supervision.storm.p.s3": "Har du en sikker relation, hvor du har lyst til at lytte og dele, når du har det svært?",
    "supervision.storm.p.s4": "Hvad er dit indsatsmål i forhold til sikkerhed?",
    "supervision.storm.p.t1": "Har du oplevet noget i dit arbejde, små eller store traumer, der stadig fylder?",
    "supervision.storm.p.t2": "Har jeres arbejdsplads fælles traumehistorier? Ulykker, fyringer, utryghed, dårlig omtale, fx i presse eller andre medier?",
    "supervision.storm.p.t3": "Oplever du selv triggere/stærke reaktioner i mødet med borgere eller kolleger?",
    "supervision.storm.p.t4": "Hvad er dit indsatsmål i forhold til traumer?",
    "supervision.storm.p.o1": "Hvordan kan du opbygge din egen mentaliseringsevne i det daglige arbejde?",
    "supervision.storm.p.o2": "Hvordan kan du og dine kolleger opbygge jeres mentaliseringsevne som gruppe?",
    "supervision.storm.p.o3": "Hvad er dit indsatsmål i forhold til at opbygge mentaliseringsevne?",
    "supervision.storm.p.o4": "Hvilken eller hvilke kompetencer vil du arbejde med at udvikle?",
    "supervision.storm.p.r1": "Nævn dine egne positive sider i arbejdet.",
    "supervision.storm.p.r2": "Hvilke ressourcer kan du trække på, når du er belastet?",
    "supervision.storm.p.r3": "Hvilke ressourcer hos dig vil dine kolleger nævne, hvis man spørger dem?",
    "supervision.storm.p.r4": "Hvordan kan du i højere grad se dig selv og borgeren i et ressourcefokus?",
    "supervision.storm.p.m1": "Oplever du, at du formår at mentalisere den enkelte borger?",
    "supervision.storm.p.m2": "Oplever du, at du formår at mentalisere borgeren ved mentaliseringsvigt?",
    "supervision.storm.p.m3": "Oplever du, at du kan se dig selv udefra i samspil med borgere og kolleger?",
    "supervision.storm.p.m4": "Hvordan kan jeg blive bedre til at mentalisere borgerne og mig selv?",
}


def source_text(key: str) -> str:
    """The material's Danish wording for a STORM or maturity key (and our practitioner version's);
    other keys come back as they are."""
    return SOURCE_DA.get(key) or PRACTITIONER_DA.get(key, key)


class Supervision(DocumentBase):
    """One supervision meeting between a supervisor and a practitioner: the document of this module.

    `supervisor` and `practitioner` are initials; `notes`, the STORM answers and the maturity
    note are free text that the privacy screen hides.
    """

    kind: Literal["supervision"] = "supervision"
    held_on: date = Field(default_factory=date.today)
    supervisor: Name = ""
    practitioner: Name = ""
    case_id: Id | None = None
    agenda: ShortText = ""
    #: STORM: free-text answers by question key, and the 1-10 scales of Mentalisering.
    storm: dict[QuestionKey, Answer] = Field(default_factory=dict, max_length=len(QUESTIONS))
    storm_scales: dict[ScaleKey, Scale] = Field(default_factory=dict, max_length=len(SCALE_QUESTIONS))
    maturity: Maturity = Field(default_factory=Maturity)
    actions: list[Action] = Field(default_factory=empty_list, max_length=MAX_ACTIONS)
    next_session: date | None = None
    #: Which wording of the STORM questions the session uses (STORM_VERSIONS).
    storm_version: StormVersion = "leader"
    #: Ids of earlier sessions' open agreements this session took a stand on (kept, closed, dropped).
    considered: list[Id] = Field(default_factory=empty_list, max_length=MAX_ACTIONS)
    #: The linked case's pseudonym when it was linked, so a report can name it (a case title is a
    #: pseudonym, never a real name).
    case_label: ShortText = ""
    #: Gauge readings taken in the session, for the practitioner (actors of the linked case, if any).
    readings: list[Reading] = Field(default_factory=empty_list, max_length=MAX_SESSION_READINGS)

    @field_validator("storm", "storm_scales", mode="after")
    @classmethod
    def _in_question_order(cls, value: dict[str, object]) -> dict[str, object]:
        # Empty answers are not kept, and a stable order keeps saved files diff-friendly.
        return {key: value[key] for key in QUESTIONS if key in value and value[key] != ""}

    @model_validator(mode="wrap")  # type: ignore[arg-type, unused-ignore]  # mypy matches pydantic's protocol for a wrap validator or not, by the order it checks modules in
    @classmethod
    def _ids_hold(cls, data: Any, handler: ModelWrapValidatorHandler["Supervision"], info: ValidationInfo) -> "Supervision":
        """Action and reading ids are unique, and a reading names an actor only with a linked case.
        A refused assignment is rolled back, as in Case."""
        return checked(cls, data, handler, info, Supervision._reference_errors, ("actions", "readings"))

    def _reference_errors(self, assigned: str | None = None) -> list[InitErrorDetails]:
        errors: list[InitErrorDetails] = []
        ids_of = {"actions": [action.id for action in self.actions], "readings": [reading.id for reading in self.readings]}
        for name, ids in ids_of.items():
            seen: set[str] = set()
            for index, item_id in enumerate(ids):
                if item_id in seen:
                    errors.append(reference_error("duplicate_id", f"{name[:-1]} {{index}}: the id '{{id}}' is used twice", (name, index, "id"), index, item_id))
                seen.add(item_id)
        for index, reading in enumerate(self.readings):
            # A session's reading may name an actor of the linked case (that file checks its actors).
            if reading.actor_id not in (None, CITIZEN) and self.case_id is None:
                errors.append(reference_error("unknown_actor", "reading {index}: the session has no linked case for the actor '{id}'", ("readings", index, "actor_id"), index, reading.actor_id))
        return errors
