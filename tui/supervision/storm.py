"""The STORM tab: five areas, four questions each; free-text answers, and 1-10 scales for the
first three Mentalisering questions (as on the slide, Rasmussen & Hagelquist 2019).

Under each question: what the same practitioner answered in earlier sessions, newest first, so a
change shows (a scale says "4 → 6 ▲ +2"). Earlier free text is hidden by the privacy screen like
the answers themselves.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Input, Static, TextArea

from models.supervision import SCALE_MAX, SCALE_MIN, SCALE_QUESTIONS, STORM, question_label_key
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
                text = t(question_label_key(question))
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

    def refresh_from_document(self) -> None:
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
                for session in earlier:
                    when = session.held_on.isoformat()
                    if question in SCALE_QUESTIONS:
                        before = session.storm_scales.get(question)
                        if before is None:
                            continue
                        now = current.storm_scales.get(question)
                        change = f" → {now} {change_word(before, now)}" if now is not None and session is earlier[0] else ""
                        lines.append(t("supervision.storm.earlier_scale", date=when, value=before, change=change))
                    elif question in session.storm:
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
