"""The Markdown section of a supervision session's report (see saved/reports.py).

`say(key)` gives the words (the UI's translation function; without one, the material's Danish).
With `private`, free text is left out as on the privacy screen (models/privacy.py: notes, the
agenda, STORM answers, the maturity note, the agreed actions' texts, reading contexts and notes)
and a line says so; initials, ratings, ticks, due dates and whether an action is done stay.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, TypeVar

from models.supervision import (
    LEVELS,
    SCALE_MAX,
    SCALE_QUESTIONS,
    STORM,
    Supervision,
    criterion_label_key,
    next_level_needs,
    overdue,
    question_label_key,
    suggest_level,
)
from models.privacy import shown_text
from models.supervision import earlier_sessions, scale_trend
from saved.reports.labels import level_name
from saved.reports.markdown_html import inline, quote, table


def scale_bar(value: int) -> str:
    """6 -> '6/10 ██████░░░░': the number first, so it reads without the bar."""
    return f"{value}/{SCALE_MAX} {'█' * value}{'░' * (SCALE_MAX - value)}"


if TYPE_CHECKING:
    from saved.locations import Locations

D = TypeVar("D")


def for_report(document: D, locations: Locations | None) -> tuple[D, list[Supervision]]:
    """What a session's report needs from the data directory: the document with its linked case's
    pseudonym filled in when the file predates `case_label` (a copy; the file is not changed), and
    its earlier sessions with the same practitioner, newest first (for the STORM course). Another
    kind, or no data directory: the document as it is and no earlier sessions."""
    if not isinstance(document, Supervision) or locations is None:
        return document, []
    from models.documents import Case
    from saved.store import list_entries

    documents = [entry.document for entry in list_entries(locations) if entry.document is not None]
    if document.case_id and not document.case_label:
        case = next((doc for doc in documents if isinstance(doc, Case) and doc.id == document.case_id), None)
        if case is not None:
            labelled = document.model_copy(update={"case_label": case.title})
            return labelled, earlier_sessions(labelled, [doc for doc in documents if isinstance(doc, Supervision)], limit=None)
    others = [doc for doc in documents if isinstance(doc, Supervision)]
    return document, earlier_sessions(document, others, limit=None)


def trends(doc: Supervision, earlier: Sequence[Supervision]) -> dict[str, list]:
    """Each scale question's course over the earlier sessions and this one (only where there is
    more than this session's own answer)."""
    out = {}
    for question in SCALE_QUESTIONS:
        points = scale_trend(doc, [session for session in earlier if isinstance(session, Supervision)], question)
        if len(points) > 1 or (points and question not in doc.storm_scales):
            out[question] = points
    return out


def markdown_section(document: Supervision, *, private: bool, say: Callable[[str], str], earlier: Sequence[Supervision] = ()) -> list[str]:
    lines = _overview(document, private, say)
    lines += _storm(document, private, say)
    lines += _storm_course(document, earlier, say)
    lines += _maturity(document, private, say)
    lines += _actions(document, private, say)
    lines += _readings(document, private, say)
    return lines


def _overview(doc: Supervision, private: bool, say: Callable[[str], str]) -> list[str]:
    lines = [
        f"- {say('supervision.held_on_short')}: {doc.held_on.isoformat()}",
        f"- {say('supervision.supervisor_short')}: {inline(doc.supervisor) or '–'}",
        f"- {say('supervision.practitioner_short')}: {inline(doc.practitioner) or '–'}",
    ]
    if doc.case_id:
        # The case by its pseudonym (a case title is never a real name); the id only for an old file.
        lines.append(f"- {say('supervision.case_short')}: {inline(doc.case_label) if doc.case_label else doc.case_id}")
    lines.append(f"- {say('supervision.storm_version')}: {say('supervision.storm.version_' + doc.storm_version)}")
    if doc.agenda:
        lines.append(f"- {say('supervision.agenda_short')}: {inline(shown_text(doc.agenda, private, say('export.note_left_out')))}")
    if doc.next_session:
        lines.append(f"- {say('supervision.next_session_short')}: {doc.next_session.isoformat()}")
    return lines


def _storm(doc: Supervision, private: bool, say: Callable[[str], str]) -> list[str]:
    lines = ["", f"## {say('supervision.tab.storm')}"]
    if private and doc.storm:
        lines += ["", f"_{say('export.answers_left_out')}_"]
    for area in STORM:
        answered = [q for q in area.questions if q in doc.storm or q in doc.storm_scales]
        if not answered:
            continue
        lines += ["", f"### {area.letter} · {say(area.label_key)}"]
        for question in answered:
            lines += ["", f"**{inline(say(question_label_key(question, doc.storm_version)))}**"]
            if question in SCALE_QUESTIONS and question in doc.storm_scales:
                lines += ["", f"- {say('supervision.storm.scale_short')}: {scale_bar(doc.storm_scales[question])}"]
            if question in doc.storm and not private:
                lines += [""] + quote(doc.storm[question])
    if not doc.storm and not doc.storm_scales:
        lines += ["", f"_{say('supervision.storm.none')}_"]
    return lines


def _storm_course(doc: Supervision, earlier: Sequence[Supervision], say: Callable[[str], str]) -> list[str]:
    """The scales over every earlier session: a table, and a text chart the HTML draws as SVG."""
    course = trends(doc, earlier)
    if not course:
        return []
    from saved.reports.supervision_charts import trend_text

    lines = ["", f"### {say('supervision.report.course_title')}", ""]
    marks = ("● —", "□ - -", "△ ···")  # the chart's mark and line for each question
    for number, question in enumerate(course, start=1):
        lines.append(f"- M{number} {marks[(number - 1) % 3]}: {inline(say(question_label_key(question, doc.storm_version)))}")
    return [*lines, "", "```chart:storm-course", *trend_text(course), "```"]


def html_figures(document: Supervision, *, private: bool, say: Callable[[str], str], earlier: Sequence[Supervision] = ()) -> dict[str, str]:
    course = trends(document, earlier)
    if not course:
        return {}
    from saved.reports.supervision_charts import trend_svg

    return {"storm-course": trend_svg(course, say("supervision.report.course_title"))}


def _maturity(doc: Supervision, private: bool, say: Callable[[str], str]) -> list[str]:
    maturity = doc.maturity
    suggested = suggest_level(maturity.checked)
    lines = [
        "",
        f"## {say('supervision.tab.maturity')}",
        "",
        f"- {say('supervision.maturity.chosen')}: {level_name(maturity.level, say)}",
        f"- {say('supervision.maturity.suggested_short')}: {level_name(suggested, say)}",
        "",
    ]
    rows = []
    for level in LEVELS:
        for criterion in level.criteria:
            mark = "☑ " + say("supervision.maturity.met") if criterion in maturity.checked else "☐"
            rows.append([level_name(level.number, say), inline(say(criterion_label_key(criterion))), mark])
    lines += table([say("supervision.maturity.col_level"), say("supervision.maturity.col_criterion"), say("supervision.maturity.col_met")], rows)
    needs = next_level_needs(maturity.checked, maturity.level or suggested)
    if needs is not None and needs[1]:
        target, missing = needs
        lines += ["", say("supervision.maturity.next_needs").format(level=level_name(target, say)), ""]
        lines += [f"- {inline(say(criterion_label_key(c)))}" for c in missing]
    if maturity.next_steps:
        lines += ["", f"**{say('supervision.maturity.next_steps')}**", ""]
        lines += [f"_{say('export.note_left_out')}_"] if private else quote(maturity.next_steps)
    return lines


def _actions(doc: Supervision, private: bool, say: Callable[[str], str]) -> list[str]:
    lines = ["", f"## {say('supervision.tab.actions')}", ""]
    if not doc.actions:
        return lines + [f"_{say('supervision.actions.none')}_"]
    def status(action) -> str:
        if action.done:
            return "✓ " + say("supervision.actions.done")
        return say("supervision.actions.overdue") if overdue(action, doc.held_on) else "☐ " + say("supervision.actions.open")

    def what(action) -> str:
        text = inline(shown_text(action.what, private, say("export.note_left_out")))
        return f"↪ {action.carried_from.isoformat()} · {text}" if action.carried_from else text

    rows = [[what(action), inline(action.owner) or "–", action.due.isoformat() if action.due else "–", status(action)] for action in doc.actions]
    header = [say("supervision.actions.col_what"), say("supervision.actions.col_owner"), say("supervision.actions.col_due"), say("supervision.actions.col_done")]
    return lines + table(header, rows)


def _readings(doc: Supervision, private: bool, say: Callable[[str], str]) -> list[str]:
    if not doc.readings:
        return []
    from saved.reports.gauge import readings_table

    return ["", f"## {say('supervision.readings.title')}", "", *readings_table(doc.readings, private=private, say=say)]
