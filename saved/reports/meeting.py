"""Network meetings as reports: an agenda before, minutes after (Markdown and HTML, private variant
included), and the meetings' section of the case report.

Names pass the privacy rule (saved.reports.network.end_label); an actor that is no longer in the
case is named from the meeting's snapshot (its role and number when private). Free texts (own
agenda points, tasks, actions, the minutes) are left out of a private report, as on the screen.
"""

from __future__ import annotations

from collections.abc import Callable

from models.documents import Case
from models.meeting import Comparison, Meeting, as_step, compare, grey_zones
from models.network import CITIZEN
from models.privacy import actor_label
from saved.amounts import counted
from saved.reports import markdown_html
from saved.reports.markdown_html import inline
from saved.reports.network import end_label
from saved.reports.network_steps import decimal, step_text, ties_by_id

Say = Callable[[str], str]


def namer(case: Case, meeting: Meeting, private: bool, say: Say) -> Callable[[str], str]:
    """How an end is named in this meeting's report (escaped for Markdown)."""
    kept = {actor.id: actor for actor in meeting.snapshot.actors} if meeting.snapshot else {}

    def name(end: str) -> str:
        if end == CITIZEN or case.actor(end) is not None:
            return inline(end_label(case, end, say, private=private))
        old = kept.get(end)
        if old is None:
            return "?"
        return inline(actor_label(old.name, old.kind, say(f"network.sector.{old.sector}"), old.number, private))

    return name


def _hidden(text: str, private: bool, say: Say) -> str:
    return f"_{say('meeting.hidden')}_" if private else inline(text)


def previous(case: Case, meeting: Meeting) -> Meeting | None:
    """The latest meeting before this one that kept a snapshot."""
    earlier = [other for other in case.meetings if other.held_on < meeting.held_on and other.snapshot is not None]
    return max(earlier, key=lambda other: other.held_on) if earlier else None


def meeting_lines(case: Case, meeting: Meeting, *, part: str, private: bool, say: Say, level: int = 1) -> list[str]:
    """One meeting as Markdown: `part` "agenda" (before) or "minutes" (after)."""
    name = namer(case, meeting, private, say)
    h = "#" * level
    title = say(f"meeting.{part}_title").format(kind=say(f"meeting.kind.{meeting.kind}"), date=meeting.held_on.isoformat())
    lines = [f"{h} {title}", ""]
    if meeting.participants:
        lines.append(f"{say('meeting.participants')}: " + ", ".join(name(end) for end in meeting.participants))
        lines.append("")
    lines += [f"{h}# {say('meeting.agenda')}", ""]
    by_id = ties_by_id(case)
    for number, item in enumerate(meeting.agenda, start=1):
        text = _hidden(item.text, private, say) if item.key == "own" else step_text(case, as_step(item), say, name, by_id)
        lines.append(f"{number}. {text}")
    if not meeting.agenda:
        lines.append(f"- {say('meeting.none')}")
    lines += ["", f"{h}# {say('meeting.tasks')}", ""]
    for task in meeting.tasks:
        owners = ", ".join(name(end) for end in task.owners) or say("meeting.no_owner")
        grey = f" **{say('meeting.grey_zone')}**" if task.grey_zone else ""
        lines.append(f"- {_hidden(task.what, private, say)}: {owners}{grey}")
    if not meeting.tasks:
        lines.append(f"- {say('meeting.none')}")
    zones = grey_zones(meeting.tasks)
    if zones:
        lines += ["", counted(say, "meeting.grey_zones", len(zones))]
    if part == "agenda":
        open_actions = [(other, action) for other in case.meetings if other.held_on < meeting.held_on for action in other.actions if not action.done]
        if open_actions:
            lines += ["", f"{h}# {say('meeting.open_actions')}", ""]
            lines += [_action_line(action, name, private, say) for _, action in open_actions]
        return lines
    lines += ["", f"{h}# {say('meeting.actions')}", ""]
    lines += [_action_line(action, name, private, say) for action in meeting.actions] or [f"- {say('meeting.none')}"]
    if meeting.minutes:
        lines += ["", f"{h}# {say('meeting.minutes')}", ""]
        lines += [f"_{say('meeting.hidden')}_"] if private else markdown_html.quote(meeting.minutes)
    before = previous(case, meeting)
    if before is not None and before.snapshot is not None and meeting.snapshot is not None:
        lines += ["", f"{h}# {say('meeting.changes').format(date=before.held_on.isoformat())}", ""]
        lines += comparison_lines(compare(before.snapshot, meeting.snapshot), name, say)
    return lines


def _action_line(action, name: Callable[[str], str], private: bool, say: Say) -> str:
    owner = name(action.owner) if action.owner else say("meeting.no_owner")
    due = action.due.isoformat() if action.due else "–"
    tick = "x" if action.done else " "
    return f"- [{tick}] {_hidden(action.what, private, say)} · {say('meeting.owner')}: {owner} · {say('meeting.due')}: {due}"


def comparison_lines(changes: Comparison, name: Callable[[str], str], say: Say) -> list[str]:
    def pair(ends: tuple[str, str]) -> str:
        return f"{name(ends[0])} – {name(ends[1])}"

    lines = []
    if changes.actors_added:
        lines.append(f"- {say('meeting.actors_added')}: " + ", ".join(map(name, changes.actors_added)))
    if changes.actors_removed:
        lines.append(f"- {say('meeting.actors_removed')}: " + ", ".join(map(name, changes.actors_removed)))
    if changes.ties_added:
        lines.append(f"- {say('meeting.ties_added')}: " + "; ".join(map(pair, changes.ties_added)))
    if changes.ties_removed:
        lines.append(f"- {say('meeting.ties_removed')}: " + "; ".join(map(pair, changes.ties_removed)))
    for key, moved in (("meeting.ties_up", changes.ties_up), ("meeting.ties_down", changes.ties_down)):
        if moved:
            lines.append(f"- {say(key)}: " + "; ".join(f"{pair(ends)} ({decimal(old, say)} → {decimal(new, say)})" for ends, old, new in moved))
    if changes.conflicts_added:
        lines.append(f"- {say('meeting.conflicts_added')}: " + "; ".join(f"{pair(ends)} ({say(f'network.conflict.{kind}')})" for ends, kind in changes.conflicts_added))
    if changes.conflicts_resolved:
        lines.append(f"- {say('meeting.conflicts_resolved')}: " + "; ".join(f"{pair(ends)} ({say(f'network.conflict.{kind}')})" for ends, kind in changes.conflicts_resolved))
    return lines or [f"- {say('meeting.no_changes')}"]


def meeting_report(case: Case, meeting: Meeting, *, part: str, fmt: str, private: bool, say: Say, lang: str = "da") -> str:
    """The agenda or minutes of one meeting as a document of its own (md or html)."""
    lines = [*meeting_lines(case, meeting, part=part, private=private, say=say)]
    lines += ["", f"_{inline(case.title)}" + (f" · {say('export.private')}_" if private else "_")]
    text = "\n".join(lines) + "\n"
    if fmt == "md":
        return text
    return markdown_html.standalone(text, f"{case.title} · {meeting.held_on.isoformat()}", lang)


def markdown_section(case: Case, *, private: bool, say: Say) -> list[str]:
    """The case report's section: each meeting's minutes, the latest first."""
    if not case.meetings:
        return []
    lines = ["", f"## {say('meeting.report_title')}"]
    for meeting in sorted(case.meetings, key=lambda m: m.held_on, reverse=True):
        lines += ["", *meeting_lines(case, meeting, part="minutes", private=private, say=say, level=3)]
    return lines

