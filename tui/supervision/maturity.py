"""The Modenhed tab: the organisation's maturity in implementing mentalizing, 1 Ad-hoc to
5 Optimeret (seed 000). Ticking the criteria suggests a level (models.supervision.suggest_level);
the two settle on a level themselves, and the tab says what the next level needs.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Checkbox, Select, Static, TextArea

from models.supervision import (
    CRITERIA,
    LEVELS,
    criterion_label_key,
    next_level_needs,
    suggest_level,
)
from models.text import safe_text
from tui.document.session import DocumentSession
from saved.reports import labels
from tui.i18n import t
from tui.widgets.fields import Field, FormScroll, id_of
from tui.widgets.inputs import NoteArea
from tui.widgets.privacy_banner import PrivateText
from tui.widgets.text_select import TextSelect
from tui.widgets.tick_box import TickBox


def level_name(number: int | None) -> str:
    return labels.level_name(number, t)


class MaturityPane(Vertical):
    """Edits the session's `maturity` (new lists each time)."""

    def __init__(self, session: DocumentSession, **kwargs) -> None:
        super().__init__(**kwargs)
        self.session = session


    def compose(self) -> ComposeResult:
        # The suggestion and the choice stay in view while the checklist scrolls under them.
        yield Static("", id="maturity-suggestion", markup=False)
        with Horizontal(id="maturity-choice"):
            yield TextSelect(
                [(level_name(level.number), level.number) for level in LEVELS],
                prompt=t("supervision.maturity.not_settled"),
                compact=True,
                id="maturity-level",
            )
            yield Button(t("supervision.maturity.use_suggestion"), id="use-suggestion", compact=True, classes="edit")
        with FormScroll(id="maturity-scroll"):
            yield Static(t("supervision.maturity.intro"), classes="hint", markup=False)
            yield Static("", id="maturity-earlier", markup=False)
            yield Field(t("supervision.maturity.checklist"), Vertical(*self.checklist(), id="criteria"), id="field-criteria")
            yield Static("", id="maturity-needs", markup=False)
            yield Field(t("supervision.maturity.next_steps"), PrivateText(NoteArea(id="maturity-note", soft_wrap=True)), id="field-maturity-note")

    def checklist(self) -> list:
        widgets = []
        for level in LEVELS:
            heading = level_name(level.number)
            if level.builds_on is not None:
                heading += "  " + t("supervision.maturity.builds_on", level=level_name(level.builds_on))
            widgets.append(Static(heading, classes="level-heading section", markup=False))
            widgets += [TickBox(Content(t(criterion_label_key(c))), id=f"crit-{c}", compact=True) for c in level.criteria]
        return widgets

    def refresh_from_document(self) -> None:
        maturity = self.session.document.maturity
        for criterion in CRITERIA:
            self.query_one(f"#crit-{criterion}", Checkbox).value = criterion in maturity.checked
        select = self.query_one("#maturity-level", Select)
        select.value = maturity.level if maturity.level is not None else Select.NULL
        self.query_one("#maturity-note", TextArea).text = safe_text(maturity.next_steps)
        self.show_suggestion()

    def show_suggestion(self) -> None:
        maturity = self.session.document.maturity
        suggested = suggest_level(maturity.checked)
        if suggested is None:
            self.query_one("#maturity-suggestion", Static).update(t("supervision.maturity.no_suggestion"))
        else:
            self.query_one("#maturity-suggestion", Static).update(t("supervision.maturity.suggested", level=level_name(suggested)))
        needs = next_level_needs(maturity.checked, maturity.level or suggested)
        if needs is None:
            text = t("supervision.maturity.at_top")
        elif not needs[1]:
            text = t("supervision.maturity.next_all_met", level=level_name(needs[0]))
        else:
            target, missing = needs
            text = "\n".join([t("supervision.maturity.next_needs", level=level_name(target))] + [f"  ☐ {t(criterion_label_key(c))}" for c in missing])
        self.query_one("#maturity-needs", Static).update(text)

    def show_earlier(self, earlier: list) -> None:
        lines = [
            t("supervision.maturity.earlier", date=session.held_on.isoformat(), level=level_name(session.maturity.level), suggested=level_name(suggest_level(session.maturity.checked)))
            for session in earlier
        ]
        self.query_one("#maturity-earlier", Static).update("\n".join(lines) or t("supervision.earlier_none"))

    @on(Checkbox.Changed)
    def criterion_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        criterion = id_of(event.checkbox).removeprefix("crit-")
        maturity = self.session.document.maturity
        if (criterion in maturity.checked) == event.value:
            return
        checked = [c for c in maturity.checked if c != criterion] + ([criterion] if event.value else [])
        self.query_one("#field-criteria", Field).set_error(self.session.update(maturity, checked=checked))

    @on(Select.Changed, "#maturity-level")
    def level_changed(self, event: Select.Changed) -> None:
        event.stop()
        value = None if event.value is Select.NULL else event.value
        self.query_one("#field-criteria", Field).set_error(self.session.update(self.session.document.maturity, level=value))

    @on(Button.Pressed, "#use-suggestion")
    def use_suggestion(self, event: Button.Pressed) -> None:
        event.stop()
        suggested = suggest_level(self.session.document.maturity.checked)
        if suggested is None:
            self.notify(t("supervision.maturity.no_suggestion"), severity="warning")
            return
        self.query_one("#maturity-level", Select).value = suggested

    @on(TextArea.Changed, "#maturity-note")
    def note_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        problem = self.session.update(self.session.document.maturity, next_steps=event.text_area.text)
        self.query_one("#field-maturity-note", Field).set_error(problem)
