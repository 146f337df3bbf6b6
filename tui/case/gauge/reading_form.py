"""Take or edit one gauge reading, by keyboard, in well under 30 seconds.

Tab (or Enter, or down) walks the fields; on a scale a digit sets the value. The overall
intensity follows the feelings (models.gauge.suggested_intensity) until the user sets it. Every
scale point of intensity and capacity shows its verbal anchor. Ctrl+S saves; nothing invalid
leaves the form: the reason is shown at the field.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import re
from datetime import datetime

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Grid, Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select, Static

from models.clock import TIME_FORMAT
from models.gauge import CITIZEN_RELATION, CAPACITY_ANCHOR_KEYS, FEELINGS, INTENSITY_ANCHOR_KEYS, NOTE_MAX, SITUATIONS, WHOSE, Reading, in_the_future, suggested_intensity
from models.network import Actor
from models.text import safe_text
from tui.commands import bindings
from tui.i18n import t
from tui.privacy import actor_shown_at
from tui.widgets.dialogs import Choice
from tui.widgets.fields import FormScroll, validation_message
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.inputs import TextInput
from tui.case.gauge.scale import Scale
from tui.widgets.footer import KeyFooter
from tui.widgets.text_select import TextSelect

if TYPE_CHECKING:
    from tui.app import SamspilApp

#: The shape of a time: when it matches but the calendar has no such moment (2026-11-31, 25:00),
#: the form says the date or time does not exist rather than that the format is wrong.
TIME_SHAPE = re.compile(r"^(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})$")


def time_problem(text: str) -> str | None:
    """None when `text` is a time in TIME_FORMAT, else the catalog key of what is wrong."""
    try:
        datetime.strptime(text, TIME_FORMAT)
        return None
    except ValueError:
        pass
    shape = TIME_SHAPE.match(text)
    if shape is None:
        return "gauge.form.bad_time"
    try:
        datetime.strptime(shape.group(1), "%Y-%m-%d")
    except ValueError:
        return "gauge.form.no_such_date"
    return "gauge.form.no_such_time"


class ReadingForm(ModalScreen[Reading | None]):
    app: SamspilApp
    CSS_PATH = "reading_form.tcss"
    AUTO_FOCUS = "#feeling-frygt"

    BINDINGS = bindings("save", "cancel")
    HOLDS_DRAFT = True  #: kept in a recovery copy on a hang-up (tui/app.py keep_drafts)

    def __init__(self, actors: list[Actor], reading: Reading | None = None, default_time: datetime | None = None) -> None:
        super().__init__()
        self.actors = actors
        self.reading = reading
        #: A new reading's time when not now (a supervision session's date).
        self.default_time = default_time
        #: What the form held when it opened, to tell whether Esc would throw something away.
        self._initial: tuple | None = None
        #: True once the user set the overall intensity: the suggestion stops overwriting it.
        self.intensity_set_by_user = reading is not None

    def compose(self) -> ComposeResult:
        reading = self.reading
        private = self.app.privacy
        # The scroll area itself takes no focus: the first key pressed must reach the first scale.
        with FormScroll(id="reading-form"):
            yield Label(t("gauge.form.edit_title" if reading else "gauge.form.new_title"), classes="title")
            yield Label(t("gauge.form.feelings_hint"), classes="hint")
            with Grid(id="feelings"):
                for feeling in FEELINGS:
                    value = reading.feelings.get(feeling) if reading else None
                    yield Scale(t(f"gauge.feeling.{feeling}"), value, optional=True, label_width=15, id=f"feeling-{feeling}", classes="feeling")
            yield Scale(t("gauge.field.intensity"), reading.intensity if reading else None, label_width=20, id="intensity")
            yield Static("", id="intensity-anchor", classes="anchor", markup=False)
            yield Scale(t("gauge.field.capacity"), reading.capacity if reading else None, label_width=20, id="capacity")
            yield Static("", id="capacity-anchor", classes="anchor", markup=False)
            with Horizontal(classes="row", id="row-whose"):
                yield Label(t("gauge.field.whose"), classes="label")
                yield TextSelect([(t(f"gauge.whose.{key}"), key) for key in WHOSE], value=reading.whose if reading else "self", allow_blank=False, compact=True, id="whose")
                yield Label(t("gauge.field.situation"), classes="label")
                yield TextSelect(
                    [(t("gauge.situation.none"), "")] + [(t(f"gauge.situation.{key}"), key) for key in SITUATIONS],
                    value=(reading.situation or "") if reading else "",
                    allow_blank=False,
                    compact=True,
                    id="situation",
                )
            with Horizontal(classes="row"):
                yield Label(t("gauge.field.actor"), classes="label")
                yield TextSelect(
                    [(t("gauge.actor_none"), ""), (t("gauge.actor_citizen"), CITIZEN_RELATION)]
                    + [(actor_shown_at(actor, number, private), actor.id) for number, actor in enumerate(self.actors, start=1)],
                    value=(reading.actor_id or "") if reading else "",
                    allow_blank=False,
                    compact=True,
                    id="actor",
                )
            with Horizontal(classes="row"):
                yield Label(t("gauge.field.context"), classes="label")
                # Under the privacy screen an existing context, like a note, is neither shown nor changed.
                hidden_context = private and reading is not None and bool(reading.context.strip())
                context = "" if hidden_context or reading is None else safe_text(reading.context, single_line=True)
                placeholder = t("gauge.form.context_hidden" if hidden_context else "gauge.form.context_hint")
                yield TextInput(context, max_length=200, compact=True, id="context", disabled=hidden_context, placeholder=placeholder)
            with Horizontal(classes="row"):
                yield Label(t("gauge.field.note"), classes="label")
                # Under the privacy screen an existing note is neither shown nor changed.
                hidden = private and reading is not None and bool(reading.note)
                note = "" if hidden or reading is None else safe_text(reading.note, single_line=True)
                yield TextInput(note, max_length=NOTE_MAX, compact=True, id="note", disabled=hidden, placeholder=t("gauge.form.note_hidden" if hidden else "gauge.form.note_hint"))
            with Horizontal(classes="row"):
                yield Label(t("gauge.field.taken"), classes="label")
                taken = reading.taken if reading else (self.default_time or self.app.now())
                yield TextInput(f"{taken:{TIME_FORMAT}}", max_length=16, compact=True, id="taken")
            yield Static("", id="form-error", markup=False)
            yield CprWarning()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.show_anchor("intensity")
        self.show_anchor("capacity")
        self._initial = self.state()

    def state(self) -> tuple:
        """Everything the user can change in the form."""
        scales = tuple(scale.value for scale in self.query(Scale))
        selects = tuple(select.value for select in self.query(Select))
        inputs = tuple(field.value for field in self.query(Input))
        return scales, selects, inputs

    def changed(self) -> bool:
        return self._initial is not None and self.state() != self._initial

    # ---- the scales ----------------------------------------------------------------------

    def feelings(self) -> dict[str, int]:
        return {feeling: value for feeling in FEELINGS if (value := self.query_one(f"#feeling-{feeling}", Scale).value) is not None}

    @on(Scale.Changed, ".feeling")
    def feeling_changed(self) -> None:
        suggestion = suggested_intensity(self.feelings())
        if not self.intensity_set_by_user and suggestion is not None:
            intensity = self.query_one("#intensity", Scale)
            with intensity.prevent(Scale.Changed):
                intensity.value = suggestion
            self.show_anchor("intensity", suggested=True)

    @on(Scale.Changed, "#intensity")
    def intensity_changed(self) -> None:
        self.intensity_set_by_user = True
        self.show_anchor("intensity")

    @on(Scale.Changed, "#capacity")
    def capacity_changed(self) -> None:
        self.show_anchor("capacity")

    def show_anchor(self, name: str, suggested: bool = False) -> None:
        value = self.query_one(f"#{name}", Scale).value
        keys = INTENSITY_ANCHOR_KEYS if name == "intensity" else CAPACITY_ANCHOR_KEYS
        text = t("gauge.form.not_set") if value is None else f"{value}: {t(keys[value])}"
        if suggested:
            text = f"{text}  ({t('gauge.suggested', value=value)})"
        self.query_one(f"#{name}-anchor", Static).update(text)

    # ---- saving --------------------------------------------------------------------------

    def build(self) -> Reading | str:
        """The reading the form describes, or the reason it cannot be saved."""
        intensity = self.query_one("#intensity", Scale).value
        capacity = self.query_one("#capacity", Scale).value
        if intensity is None:
            return t("gauge.form.need_intensity")
        if capacity is None:
            return t("gauge.form.need_capacity")
        text = self.query_one("#taken", Input).value.strip()
        problem = time_problem(text)
        if problem is not None:
            return t(problem, text=text)
        taken = datetime.strptime(text, TIME_FORMAT).astimezone()
        if in_the_future(taken, self.app.now()):
            return t("gauge.form.future")
        values = {
            "taken": taken,
            "feelings": self.feelings(),
            "intensity": intensity,
            "capacity": capacity,
            "whose": self.query_one("#whose", Select).value,
            "situation": self.query_one("#situation", Select).value or None,
            "actor_id": self.query_one("#actor", Select).value or None,
            "context": self.query_one("#context", Input).value.strip(),
            "note": self.query_one("#note", Input).value.strip(),
        }
        if self.query_one("#note", Input).disabled and self.reading is not None:
            values["note"] = self.reading.note
        if self.query_one("#context", Input).disabled and self.reading is not None:
            values["context"] = self.reading.context
        if self.reading is not None:
            values["id"] = self.reading.id
        try:
            return Reading.model_validate(values)
        except ValidationError as error:
            return validation_message(error)

    def action_save(self) -> None:
        result = self.build()
        if isinstance(result, str):
            error = self.query_one("#form-error", Static)
            error.update(f"✗ {result}")
            error.display = True
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        if not self.changed():
            self.dismiss(None)
            return

        def chosen(choice: str | None) -> None:
            if choice == "discard":
                self.dismiss(None)
            elif choice == "save":
                self.action_save()

        choices = [(choice, t(f"gauge.form.{choice}"), t(f"gauge.form.{choice}_key")) for choice in ("stay", "save", "discard")]
        self.app.push_screen(Choice(t("gauge.form.discard_title"), t("gauge.form.discard_body"), choices, focus="stay"), chosen)
