"""The Markdown section of an exnovation board: the summary, then every item with its analysis."""

from __future__ import annotations


from collections.abc import Callable
from datetime import date

from models.documents import Exnovation
from models.supervision import source_text
from saved.reports.labels import quadrant_label, stage_word
from models.exnovation import (
    QUADRANTS,
    Force,
    Item,
    counts_by_quadrant,
    counts_by_stage,
    is_overdue,
    overdue,
    ranked,
    total,
    waiting_for_feedback,
)
from models.privacy import shown_text
from models.text import initials
from saved.reports.markdown_html import inline as _inline

LEFT_OUT = "(left out: privacy screen)"
SOURCE_WORDS = {"unknown": "not checked", "law": "law or regulation", "local": "local rule", "myth": "myth"}


def markdown_section(board: Exnovation, *, private: bool, say: Callable[[str], str]) -> list[str]:
    """The section saved/reports.py asks each kind for. Under the privacy screen names become
    initials and the free-text fields that may tell about a citizen are left out."""
    return board_section(board, private=private, say=say)


def board_section(board: Exnovation, today: date | None = None, *, private: bool = False, say: Callable[[str], str] = source_text) -> list[str]:
    today = today or date.today()
    stages = counts_by_stage(board.items)
    quadrants = counts_by_quadrant(board.items)
    lines = ["", "## Summary", ""]
    if board.team:
        lines.append(f"- Team: {_inline(board.team)}")
    lines += [
        f"- Items: {len(board.items)}",
        "- By stage: " + ", ".join(f"{stage_word(stage, say)} {count}" for stage, count in stages.items() if count),
        "- By quadrant: "
        + ", ".join(f"{_inline(quadrant_label(board, q, say))} {quadrants[q]}" for q in QUADRANTS)
        + f", not triaged {quadrants[None]}",
        f"- Overdue: {len(overdue(board.items, today))}",
        f"- Waiting for feedback to the nominator: {len(waiting_for_feedback(board.items))}",
        "",
        "## Items",
    ]
    for number, item in enumerate(board.items, 1):
        lines += ["", f"### {number}. {_inline(item.what)}", ""] + _item_lines(board, item, today, private, say)
    return lines


def _item_lines(board: Exnovation, item: Item, today: date, private: bool = False, say: Callable[[str], str] = source_text) -> list[str]:
    def name(text: str) -> str:
        return initials(text) if private else _inline(text)

    def free(text: str) -> str:
        return _inline(shown_text(text, private, LEFT_OUT))

    quadrant = quadrant_label(board, item.quadrant, say)
    lines = [f"- Stage: {stage_word(item.stage, say)} · Quadrant: {_inline(quadrant)}"]
    nominated = f"- Nominated on {item.nominated_on.isoformat()}"
    lines.append(nominated + (f" by {name(item.nominated_by)}" if item.nominated_by else ""))
    if item.why:
        lines.append(f"- Why it seems wasteful: {free(item.why)}")
    rule = f"- Rule: {SOURCE_WORDS[item.source]}"
    lines.append(rule + (" (required by law: not stopped without an override note)" if item.required else ""))
    for label, text in (
        ("Value to the citizen", item.citizen_value),
        ("If we stop", item.if_stopped),
        ("Override note", item.override_note),
    ):
        if text:
            lines.append(f"- {label}: {free(text)}")
    decision = [f"Change: {item.change}" if item.change else "Change: not decided"]
    if item.owner:
        decision.append(f"Owner: {name(item.owner)}")
    if item.deadline:
        decision.append(f"Deadline: {item.deadline.isoformat()}" + (" (overdue)" if is_overdue(item, today) else ""))
    lines.append("- " + " · ".join(decision))
    for label, text in (("Data that will show it worked", item.evidence), ("What happened", item.outcome)):
        if text:
            lines.append(f"- {label}: {free(text)}")
    lines.append(f"- Nominator told the outcome: {'yes' if item.nominator_told else 'no'}")
    if item.helping or item.hindering or item.current_situation or item.new_situation:
        lines += ["", f"Force field: helping {total(item.helping)}, hindering {total(item.hindering)}", ""]
        lines += _forces("Helping", item.helping, private) + _forces("Hindering", item.hindering, private)
        if item.current_situation:
            lines.append(f"- Current situation: {free(item.current_situation)}")
        if item.new_situation:
            lines.append(f"- New situation: {free(item.new_situation)}")
    if item.steps:
        lines += ["", "Phase-out steps:", ""]
        lines += [f"- [{'x' if step.done else ' '}] {free(step.text)}" for step in item.steps]
    return lines


def _forces(side: str, forces: list[Force], private: bool) -> list[str]:
    return [f"- {side} ({force.strength}/5): {_inline(shown_text(force.text, private, LEFT_OUT))}" for force in ranked(forces)]
