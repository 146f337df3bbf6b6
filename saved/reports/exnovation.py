"""The Markdown section of an exnovation board: a report management can act on.

In the interface language throughout (`say`, the UI's translation function): an overview of the
board, a table of every item (quadrant, rule, decision, owner, deadline, stage), what was stopped
and when, the time and money freed (estimated and measured, with totals), the rules required by
law that were overridden and why, what is still open, and then each item in full, its force field
as opposing bars. The HTML variant (exnovation_html.py) draws the force fields as SVG and adds
the one-page summary. Under the privacy screen names become initials and free text is left out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from models.exnovation import (
    OPEN_STAGES,
    QUADRANTS,
    Exnovation,
    Force,
    Item,
    counts_by_quadrant,
    counts_by_stage,
    freed_totals,
    is_overdue,
    overdue,
    ranked,
    total,
    waiting_for_feedback,
)
from models.privacy import shown_text
from models.supervision import source_text
from models.text import initials
from saved.reports import freed
from saved.reports.labels import quadrant_label, stage_label
from saved.reports.markdown_html import inline, quote, table

Say = Callable[[str], str]
#: Points of a force as blocks in the Markdown bars: two blocks a point, 10 at most.
BLOCKS_PER_POINT = 2
BAR_CELLS = 5 * BLOCKS_PER_POINT


def markdown_section(board: Exnovation, *, private: bool, say: Say) -> list[str]:
    """The section saved/reports asks each kind for."""
    return board_section(board, private=private, say=say)


class Words:
    """The report's words and the privacy rule for one rendering."""

    def __init__(self, board: Exnovation, today: date, private: bool, say: Say, forces: Callable[[Item, Words], list[str]] | None = None) -> None:
        self.board, self.today, self.private, self.say = board, today, private, say
        #: How a force field is drawn: text bars here; the HTML report puts a placeholder for its SVG.
        self.forces = forces or force_table

    def __call__(self, key: str, **values: object) -> str:
        text = self.say(f"exnovation.report.{key}")
        return text.format(**values) if values else text

    def name(self, text: str) -> str:
        return inline(initials(text) if self.private else text) if text else "–"

    def free(self, text: str) -> str:
        """Free text (one line), or the line that says it was left out."""
        return inline(shown_text(text, self.private, self("left_out")))

    def quadrant(self, item: Item) -> str:
        return inline(quadrant_label(self.board, item.quadrant, self.say))

    def stage(self, stage: str) -> str:
        return stage_label(stage, self.say)

    def rule(self, item: Item) -> str:
        return ("§ " if item.required else "") + self.say(f"exnovation.source.{item.source}")

    def decision(self, item: Item) -> str:
        return self.say(f"exnovation.change.{item.change or 'none'}")

    def deadline(self, item: Item) -> str:
        if item.deadline is None:
            return "–"
        late = f" (! {self.say('exnovation.overdue')})" if is_overdue(item, self.today) else ""
        return item.deadline.isoformat() + late

    def freed(self, item: Item, which: str) -> str:
        return freed.amount(getattr(item, which), self.say)


def stopped_items(items: list[Item]) -> list[Item]:
    """Stopped, or evaluated after being stopped (not kept)."""
    return [item for item in items if item.stage == "stopped" or (item.stage == "evaluated" and item.change != "keep")]


def board_section(
    board: Exnovation, today: date | None = None, *, private: bool = False, say: Say = source_text, forces: Callable[[Item, Words], list[str]] | None = None
) -> list[str]:
    words = Words(board, today or date.today(), private, say, forces)
    lines = summary_lines(board, words)
    lines += overview_lines(board, words)
    lines += stopped_lines(board, words)
    lines += freed_lines(board, words)
    lines += override_lines(board, words)
    lines += follow_up_lines(board, words)
    lines += ["", f"## {words('items')}"]
    for number, item in enumerate(board.items, 1):
        lines += ["", f"### {number}. {inline(item.what)}", ""] + item_lines(item, words)
    return lines


def freed_total_words(board: Exnovation, words: Words, *, short: bool = False) -> tuple[str, str]:
    totals = freed_totals(board.items)
    return (
        freed.total(totals["estimated_hours"], totals["estimated_money"], words.say, short=short),
        freed.total(totals["measured_hours"], totals["measured_money"], words.say, short=short),
    )


def summary_lines(board: Exnovation, words: Words) -> list[str]:
    stages = counts_by_stage(board.items)
    quadrants = counts_by_quadrant(board.items)
    estimated, measured = freed_total_words(board, words)
    lines = ["", f"## {words('summary')}", ""]
    if board.team:
        lines.append(f"- {words('team')}: {inline(board.team)}")
    lines += [
        f"- {words('count')}: {len(board.items)}",
        f"- {words('by_stage')}: " + ", ".join(f"{words.stage(stage)} {count}" for stage, count in stages.items() if count),
        f"- {words('by_quadrant')}: "
        + ", ".join(f"{inline(quadrant_label(board, q, words.say))} {quadrants[q]}" for q in (*QUADRANTS, None)),
        f"- {words('stopped_count')}: {len(stopped_items(board.items))}",
        f"- {words('freed_estimated')}: {estimated}",
        f"- {words('freed_measured')}: {measured}",
        f"- {words('overdue_count')}: {len(overdue(board.items, words.today))}",
        f"- {words('waiting_count')}: {len(waiting_for_feedback(board.items))}",
    ]
    return lines


def overview_lines(board: Exnovation, words: Words) -> list[str]:
    header = [words("col.number"), words("col.item"), words("col.quadrant"), words("col.rule"), words("col.decision"), words("col.owner"), words("col.deadline"), words("col.stage")]
    rows = [
        [str(number), inline(item.what), words.quadrant(item), words(f"rule_short.{item.source}"), words.decision(item), words.name(item.owner), words.deadline(item), words.stage(item.stage)]
        for number, item in enumerate(board.items, 1)
    ]
    lines = ["", f"## {words('overview')}", ""]
    return lines + (table(header, rows) if rows else [f"_{words('none')}_"])


def stopped_lines(board: Exnovation, words: Words) -> list[str]:
    lines = ["", f"## {words('stopped')}", ""]
    stopped = stopped_items(board.items)
    if not stopped:
        return lines + [f"_{words('none')}_"]
    header = [words("col.item"), words("col.stopped_on"), words("col.decision"), words("col.steps"), words("col.stage")]
    rows = []
    for item in sorted(stopped, key=lambda one: (one.stopped_on or date.max, one.what)):
        done = sum(step.done for step in item.steps)
        steps = f"{done}/{len(item.steps)}" if item.steps else "–"
        rows.append([inline(item.what), item.stopped_on.isoformat() if item.stopped_on else words("not_recorded"), words.decision(item), steps, words.stage(item.stage)])
    lines += table(header, rows)
    notes = [item for item in stopped if item.stop_note]
    for item in notes:
        lines += ["", f"- {words('stop_note', item=inline(item.what))}: {words.free(item.stop_note)}"]
    return lines


def freed_lines(board: Exnovation, words: Words) -> list[str]:
    lines = ["", f"## {words('freed')}", "", words("freed_intro"), ""]
    with_freed = [item for item in board.items if item.freed_estimated or item.freed_measured]
    if not with_freed:
        return lines + [f"_{words('none')}_"]
    header = [words("col.item"), words("col.stage"), words("col.estimated"), words("col.measured"), words("col.note")]
    rows = []
    for item in with_freed:
        notes = [words.free(one.note) for one in (item.freed_estimated, item.freed_measured) if one is not None and one.note]
        rows.append([inline(item.what), words.stage(item.stage), words.freed(item, "freed_estimated"), words.freed(item, "freed_measured"), " · ".join(notes) or "–"])
    estimated, measured = freed_total_words(board, words)
    rows.append([f"**{words('total')}**", "", f"**{estimated}**", f"**{measured}**", ""])
    return lines + table(header, rows)


def override_lines(board: Exnovation, words: Words) -> list[str]:
    lines = ["", f"## {words('overrides')}", ""]
    required = [item for item in board.items if item.required]
    if not required:
        return lines + [f"_{words('no_law')}_"]
    for item in required:
        note = words.free(item.override_note) if item.override_note else f"_{words('no_override')}_"
        lines.append(f"- **{inline(item.what)}** ({words.stage(item.stage)}): {note}")
    return lines


def follow_up_lines(board: Exnovation, words: Words) -> list[str]:
    lines = ["", f"## {words('follow_up')}", ""]
    open_items = [item for item in board.items if item.stage in OPEN_STAGES]
    waiting = waiting_for_feedback(board.items)
    if not open_items and not waiting:
        return lines + [f"_{words('none')}_"]
    if open_items:
        header = [words("col.item"), words("col.stage"), words("col.owner"), words("col.deadline"), words("col.next")]
        ordered = sorted(open_items, key=lambda one: (one.deadline or date.max, one.what))
        lines += table(header, [[inline(item.what), words.stage(item.stage), words.name(item.owner), words.deadline(item), words(f"next.{item.stage}")] for item in ordered])
    if waiting:
        lines += ["", f"{words('waiting')}:", ""]
        lines += [f"- {inline(item.what)} ({words.stage(item.stage)})" for item in waiting]
    return lines


def item_lines(item: Item, words: Words) -> list[str]:
    say = words.say
    lines = [f"- {words('col.stage')}: {words.stage(item.stage)} · {words('col.quadrant')}: {words.quadrant(item)}"]
    nominated = words("nominated", date=item.nominated_on.isoformat())
    lines.append(f"- {nominated}" + (f" {words('by', who=words.name(item.nominated_by))}" if item.nominated_by else ""))
    if item.why:
        lines.append(f"- {say('exnovation.field.why')} {words.free(item.why)}")
    rule = f"- {words('col.rule')}: {words.rule(item)}"
    lines.append(rule + (f" ({words('law_gate')})" if item.required else ""))
    for key in ("citizen_value", "if_stopped", "override_note"):
        text = getattr(item, key)
        if text:
            lines.append(f"- {words('field.' + key)}: {words.free(text)}")
    decision = [f"{words('col.decision')}: {words.decision(item)}", f"{words('col.owner')}: {words.name(item.owner)}", f"{words('col.deadline')}: {words.deadline(item)}"]
    lines.append("- " + " · ".join(decision))
    if item.switch_rider or item.switch_elephant or item.switch_path:
        lines += ["", f"**{words('switch')}**", ""]
        for key in ("switch_rider", "switch_elephant", "switch_path"):
            lines.append(f"- {words('field.' + key)}: {words.free(getattr(item, key)) if getattr(item, key) else '–'}")
    lines += [
        "",
        f"- {say('exnovation.field.freed_estimated')}: {words.freed(item, 'freed_estimated')}",
        f"- {say('exnovation.field.freed_measured')}: {words.freed(item, 'freed_measured')}",
    ]
    if item.stopped_on:
        lines.append(f"- {words('col.stopped_on')}: {item.stopped_on.isoformat()}")
    for key in ("stop_note", "evidence", "outcome"):
        text = getattr(item, key)
        if text:
            lines.append(f"- {words('field.' + key)}: {words.free(text)}")
    lines.append(f"- {words('told')}: {say('exnovation.answer.yes') if item.nominator_told else say('exnovation.answer.no')}")
    if item.helping or item.hindering:
        lines += ["", f"**{words('force_field', helping=total(item.helping), hindering=total(item.hindering))}**", ""]
        lines += words.forces(item, words)
    for key in ("current_situation", "new_situation"):
        text = getattr(item, key)
        if text:
            lines += ["", f"{words('field.' + key)}:", ""] + (quote(text) if not words.private else [f"_{words('left_out')}_"])
    if item.steps:
        lines += ["", f"**{words('steps')}**", ""]
        lines += [f"- [{'x' if step.done else ' '}] {words.free(step.text)}" for step in item.steps]
    return lines


def bar(strength: int, side: str) -> str:
    """A force as blocks padded with dots to the centre line: '····██████' | '██████····'."""
    blocks = "█" * (strength * BLOCKS_PER_POINT)
    pad = "·" * (BAR_CELLS - len(blocks))
    return pad + blocks if side == "helping" else blocks + pad


def force_table(item: Item, words: Words) -> list[str]:
    """The force field as opposing text bars: helping left of the centre, hindering right,
    strongest first, each with its strength as a number (reads without the bars)."""
    left, right = ranked(item.helping), ranked(item.hindering)
    header = [words("helping"), "", "", words("hindering")]
    rows = []
    for row in range(max(len(left), len(right))):
        cells = ["", "", "", ""]
        if row < len(left):
            cells[0], cells[1] = _force_text(left[row], words), f"{left[row].strength} {bar(left[row].strength, 'helping')}"
        if row < len(right):
            cells[2], cells[3] = f"{bar(right[row].strength, 'hindering')} {right[row].strength}", _force_text(right[row], words)
        rows.append(cells)
    rows.append([f"**{words('total')}**", f"**{total(item.helping)}**", f"**{total(item.hindering)}**", ""])
    return table(header, rows)


def _force_text(force: Force, words: Words) -> str:
    return words.free(force.text)
