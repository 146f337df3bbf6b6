"""The STORM tab: five areas, four questions each; free-text answers, and 1-10 scales for the
first three Mentalisering questions (as on the slide, Rasmussen & Hagelquist 2019).

Under each question: what the same practitioner answered in earlier sessions, newest first; a
scale shows its whole course over every earlier session ("3 → 4 → 6 ▲ +2 since last, +3 since
first"). Earlier free text is hidden by the privacy screen like the answers themselves. The
questions come in the session's STORM version (the leader's or the practitioner's), each label
wrapped in full at any width.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Label, Static, TextArea

from models.supervision import SCALE_MAX, SCALE_MIN, SCALE_QUESTIONS, STORM, question_label_key, scale_trend
from models.text import safe_text
from tui.document.session import DocumentSession
from tui.i18n import t
from tui.widgets.fields import Field, FormScroll, id_of
from tui.widgets.inputs import NoteArea, TextInput
from tui.widgets.privacy_banner import PrivateText, hidden_line

#: How much of an earlier answer is shown under the current one.
EARLIER_CHARS = 160


def change_word(before: int, now: int) -> str:
    """'▲ +2', '▼ -1' or '= 0': a symbol and a number, never colour alone."""
    if now > before:
        return f"▲ +{now - before}"
    if now < before:
        return f"▼ {now - before}"
    return "= 0"


def trend_line(points: list, includes_now: bool) -> str:
    """'Forløb: 3 (2026-09-01) → 4 (2026-10-01) → 6 (2026-11-03) ▲ +2 siden sidst, ▲ +3 siden første'."""
    if not points or (includes_now and len(points) == 1):
        return ""
    shown = " → ".join(f"{value} ({when.isoformat()})" for when, value in points)
    if includes_now and len(points) >= 2:
        first, last, now = points[0][1], points[-2][1], points[-1][1]
        shown += " " + t("supervision.storm.trend_change", change=change_word(last, now), total=change_word(first, now))
    return t("supervision.storm.trend", points=shown)


class StormPane(FormScroll):
    """Edits the session's `storm` / `storm_scales` (new dicts each time)."""

    def __init__(self, session: DocumentSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session


    def compose(self) -> ComposeResult:
        yield Static(t("supervision.storm.intro"), classes="hint", markup=False)
        for area in STORM:
            yield Static(f"{area.letter} · {t(area.label_key)}", classes="storm-area section", markup=False)
            for question in area.questions:
                text = t(question_label_key(question, self.session.document.storm_version))
                if question in SCALE_QUESTIONS:
                    row = Horizontal(
                        TextInput(id=f"scale-{question}", max_length=2, restrict=r"[0-9]*", compact=True, classes="scale-input"),
                        Static(t("supervision.storm.scale_hint"), classes="scale-hint", markup=False),
                        classes="scale-row",
                    )
                    yield Field(text, row, id=f"field-{question}", classes="storm-question")
                    yield Static("", id=f"earlier-{question}", classes="earlier", markup=False)
                else:
                    area_widget = NoteArea(id=f"answer-{question}", soft_wrap=True, classes="storm-answer", placeholder=t("supervision.storm.answer_placeholder"))
                    yield Field(text, PrivateText(area_widget), id=f"field-{question}", classes="storm-question")
                    yield Static("", id=f"earlier-{question}", classes="earlier private-text", markup=False)
                    yield hidden_line("privacy.earlier_hidden", id=f"earlier-hidden-{question}")

    def relabel(self) -> None:
        """The questions in the session's STORM version (when it is changed on the Session tab)."""
        version = self.session.document.storm_version
        for area in STORM:
            for question in area.questions:
                self.query_one(f"#field-{question} > Label", Label).update(t(question_label_key(question, version)))

    def refresh_from_document(self) -> None:
        self.relabel()
        doc = self.session.document
        for area in STORM:
            for question in area.questions:
                if question in SCALE_QUESTIONS:
                    value = doc.storm_scales.get(question)
                    self.query_one(f"#scale-{question}", Input).value = "" if value is None else str(value)
                else:
                    self.query_one(f"#answer-{question}", TextArea).text = safe_text(doc.storm.get(question, ""))

    def show_earlier(self, earlier: list) -> None:
        current = self.session.document
        for area in STORM:
            for question in area.questions:
                lines = []
                if question in SCALE_QUESTIONS:
                    trend = trend_line(scale_trend(current, earlier, question), question in current.storm_scales)
                    lines += [trend] if trend else []
                for session in earlier[:3] if question not in SCALE_QUESTIONS else ():
                    when = session.held_on.isoformat()
                    if question in session.storm:
                        answer = safe_text(session.storm[question], single_line=True)
                        if len(answer) > EARLIER_CHARS:
                            answer = answer[: EARLIER_CHARS - 1] + "…"
                        lines.append(t("supervision.storm.earlier_answer", date=when, answer=answer))
                widget = self.query_one(f"#earlier-{question}", Static)
                widget.update("\n".join(lines))
                # Classes, not `display`: an inline style would beat the privacy screen's rule.
                widget.set_class(not lines, "-empty")
                if question not in SCALE_QUESTIONS:  # the "hidden" line stands in only where there is text
                    self.query_one(f"#earlier-hidden-{question}").set_class(not lines, "-empty")

    @on(Input.Changed, ".scale-input")
    def scale_changed(self, event: Input.Changed) -> None:
        question = id_of(event.input).removeprefix("scale-")
        field = self.query_one(f"#field-{question}", Field)
        scales = dict(self.session.document.storm_scales)
        text = event.value.strip()
        if not text:
            scales.pop(question, None)
        elif not text.isdigit() or not SCALE_MIN <= int(text) <= SCALE_MAX:
            field.set_error(t("error.range", min=SCALE_MIN, max=SCALE_MAX))
            return
        else:
            scales[question] = int(text)
        field.set_error(self.session.update(storm_scales=scales))

    @on(TextArea.Changed, ".storm-answer")
    def answer_changed(self, event: TextArea.Changed) -> None:
        question = id_of(event.text_area).removeprefix("answer-")
        field = self.query_one(f"#field-{question}", Field)
        stored = self.session.document.storm.get(question, "")
        text = event.text_area.text
        if text == safe_text(stored):  # the field shows stored control characters as placeholders
            field.set_error(None)
            return
        answers = dict(self.session.document.storm)
        if text.strip():
            answers[question] = text
        else:
            answers.pop(question, None)
        field.set_error(self.session.update(storm=answers))
