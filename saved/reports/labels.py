"""The words for a document's parts, one set for reports and screens alike.

Each takes `say`, the one translation function: the app and the command line pass tui.i18n.t,
so a quadrant, a stage or a maturity level reads the same on the screen and in a report. Text from
the file (a team's own quadrant name) is returned as stored: each output escapes it for its format.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from models.exnovation import Exnovation
from models.supervision import LEVEL_BY_NUMBER

Say = Callable[[str], str]

#: Every stage has a symbol as well as a word: the state reads without colour.
STAGE_SYMBOLS = {
    "nominated": "○",
    "assessed": "◔",
    "decided": "◑",
    "phasing_out": "◕",
    "stopped": "●",
    "kept": "◆",
    "evaluated": "✓",
}


def stage_word(stage: str, say: Say) -> str:
    return say(f"exnovation.stage.{stage}")


def stage_label(stage: str, say: Say) -> str:
    return f"{STAGE_SYMBOLS[stage]} {stage_word(stage, say)}"


def quadrant_label(board: Exnovation, quadrant: str | None, say: Say) -> str:
    """The team's own name for the quadrant, or the default (DO / GØR ...); '?' when not triaged."""
    if quadrant is None:
        return say("exnovation.quadrant.none")
    labels = cast("dict[str, str]", board.quadrant_labels)  # Quadrant keys are strings
    return labels.get(quadrant) or say(f"exnovation.quadrant.{quadrant}")


def level_name(number: int | None, say: Say) -> str:
    """A maturity level as '3 Struktureret'; '–' when none is set."""
    return "–" if number is None else f"{number} {say(LEVEL_BY_NUMBER[number].label_key)}"
