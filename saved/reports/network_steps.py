"""The words of "what to do" (models.network_findings.Step): one sentence per step, for the
analysis view, the report and a meeting's agenda alike.

The caller says how an end is named (`name`: the screen's plain name, or a report's escaped one,
both through the privacy rule) and how a number is written; the catalog has the sentences
(network.do.<key>) and the suggested actions (network.suggest.<dimension>).
"""

from __future__ import annotations

from collections.abc import Callable

from models.documents import Case
from models.network import Tie
from models.network_findings import CITIZEN_SECTOR, Step
from saved.amounts import counted, plural

Say = Callable[[str], str]
#: The steps whose sentence is a counted text (network.do.<key>.one and .other).
COUNTED = frozenset({"unrated"})
#: How many actors a step that names a group lists before "+N".
NAMES_SHOWN = 8


def decimal(value: float | None, say: Say) -> str:
    """One decimal, with the language's decimal mark (network.decimal_mark: "," in Danish)."""
    if value is None:
        return "–"
    return f"{value:.1f}".replace(".", say("network.decimal_mark"))


def sector_word(sector: str, say: Say) -> str:
    return say("network.citizen") if sector == CITIZEN_SECTOR else say(f"network.sector.{sector}")


def _names(ids: tuple[str, ...], name: Callable[[str], str]) -> str:
    shown = ", ".join(name(end) for end in ids[:NAMES_SHOWN])
    return shown + (f" (+{len(ids) - NAMES_SHOWN})" if len(ids) > NAMES_SHOWN else "")


def ties_by_id(case: Case) -> dict[str, Tie]:
    return {tie.id: tie for tie in case.ties}


def step_text(case: Case, step: Step, say: Say, name: Callable[[str], str], ties: dict[str, Tie] | None = None) -> str:
    """The sentence of one step, its actors named by `name` (an actor id or CITIZEN -> text).
    `ties` (ties_by_id) saves a pass over the ties per step when many steps are worded."""
    if ties is None and step.tie_ids:
        ties = ties_by_id(case)
    ties = ties or {}
    tie: Tie | None = ties.get(step.tie_ids[0]) if len(step.tie_ids) == 1 else None
    values: dict[str, object] = {
        "count": len(step.tie_ids) or len(step.actor_ids),
        "names": _names(step.actor_ids, name),
        "name": name(step.actor_ids[0]) if step.actor_ids else "",
        "mean": decimal(step.value, say),
    }
    if tie is not None:
        values["a"], values["b"] = name(tie.a), name(tie.b)
        values["kinds"] = ", ".join(say(f"network.conflict.{kind}") for kind in tie.conflicts)
        values["mean"] = decimal(tie.mean, say) if tie.mean is not None else say("network.unrated")
    if step.key == "hotspot" and step.actor_ids:
        actor_id = step.actor_ids[0]
        problem = [ties[tie_id] for tie_id in step.tie_ids if tie_id in ties]
        values["weak"] = counted(say, "network.number.weak", sum(1 for tie in problem if tie.weak))
        values["conflicts"] = sum(1 for tie in problem if tie.conflicts)
        values["ties"] = len(case.ties_of(actor_id))
        values["problems"] = len(problem)
    if step.sectors is not None and step.dimension is not None:
        values["a"], values["b"] = (sector_word(sector, say) for sector in step.sectors)
        values["dimension"] = say(f"network.dim.{step.dimension}")
        values["suggestion"] = say(f"network.suggest.{step.dimension}")
    if step.key == "broker" and step.value is not None:
        values["share"] = ("~" if step.estimated else "") + str(round(step.value * 100))
    # format_map with a default: a point kept on a meeting's agenda may name a tie since removed.
    key = f"network.do.{step.key}"
    return say(plural(key, values["count"]) if step.key in COUNTED else key).format_map(_Known(values))


class _Known(dict):
    def __missing__(self, key: str) -> str:
        return "?"

