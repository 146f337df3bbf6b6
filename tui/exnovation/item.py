"""One item of an exnovation board, from nomination to evaluation, in five sections.

Every change goes through the document session (common.change_item): a validated copy of the
item replaces it in a new list, and the board saves a second later. A refused value is said at
its field and not saved; what the user typed stays in the field.
"""

from __future__ import annotations

from textual import on
from textual.message import Message
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Select, Static, TextArea
from textual.widgets.option_list import Option

from pydantic import ValidationError

from models.exnovation import CHANGES, SOURCES, STAGES, UNITS, Freed, Item, Step, total
from models.text import safe_text
from tui.document.session import DocumentSession
from tui.commands import bindings
from tui.i18n import t
from tui.widgets.privacy_banner import PrivacyBanner
from tui.exnovation.common import LAW_MARK, ItemView, quadrant_label, stage_label
from tui.exnovation.stages import move_stage
from tui.widgets.fields import Field, FormScroll, date_error, date_input, id_of, leave_unless_refused, parse_date
from tui.privacy import note_shown, privacy_on
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.inputs import NoteArea, TextInput
from tui.widgets.text import user_content
from tui.widgets.footer import KeyFooter
from tui.widgets.text_select import TextSelect

#: One-line text fields: (name, max length). Names are the item's field names.
LINES = {"what": 200, "nominated_by": 80, "owner": 80, "switch_rider": 300, "switch_elephant": 300, "switch_path": 300}
DATES = ("nominated_on", "deadline")
#: Free text, several lines each.
NOTES = ("why", "citizen_value", "if_stopped", "override_note", "current_situation", "new_situation", "stop_note", "evidence", "outcome")
#: Freed time or money: an amount, a unit and a note each (models.exnovation.Freed).
FREED = ("freed_estimated", "freed_measured")
SWITCH = ("switch_rider", "switch_elephant", "switch_path")
#: Hidden while the privacy screen is on: names and free text.
PRIVATE = {"nominated_by", "owner", *NOTES, *SWITCH}

_YES_NO = {"yes": True, "no": False, "unset": None}


def parse_amount(text: str) -> float | None:
    """'7,5', '7.5' or '12 000' as a number; None if it is not one (or is negative)."""
    cleaned = text.strip().replace(" ", "").replace("\u00a0", "").replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if value >= 0 and value == value and value != float("inf") else None


def format_amount(value: float) -> str:
    """15.0 -> '15', 7.5 -> '7.5': what the user would have typed, and read back to the same number
    (opening an item must not change it)."""
    return repr(value).removesuffix(".0")


def _yes_no_key(value: bool | None) -> str:
    return {True: "yes", False: "no", None: "unset"}[value]


class StepList(OptionList):
    """The phase-out steps as a checklist: [x] done, [ ] not yet (words and marks, not colour)."""

    BINDINGS = bindings("item.toggle_step", "delete")

    def show(self, steps: list[Step]) -> None:
        highlighted = self.highlighted
        self.clear_options()
        hidden = t("privacy.text_hidden")
        self.add_options([Option(user_content(f"[{'x' if step.done else ' '}] {note_shown(step.text, privacy_on(self), hidden)}", single_line=True)) for step in steps])
        if steps:
            self.highlighted = min(highlighted or 0, len(steps) - 1)
        # An empty list has nothing to tick: Tab passes it for "New step", else letters typed on
        # after the deadline were the screen's keys (f opened the force field).
        had_focus = self.has_focus
        self.can_focus = bool(steps)
        if had_focus and not steps:
            self.screen.query_one("#new-step").focus()

    class Picked(Message):
        """A step was ticked (or unticked), or removed: `what` is "toggle" or "remove"."""

        def __init__(self, what: str, index: int) -> None:
            super().__init__()
            self.what, self.index = what, index

    def action_toggle_step(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Picked("toggle", self.highlighted))

    def action_delete(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Picked("remove", self.highlighted))


class ItemScreen(ItemView):
    CSS_PATH = "exnovation.tcss"
    HELP = "help.item"
    AUTO_FOCUS = "#what"

    BINDINGS = bindings("back", "save", "force_field")

    def __init__(self, session: DocumentSession, item_id: str, *, new: bool = False) -> None:
        super().__init__(session, item_id)
        self.new = new  # just named: opens on the first empty field (on_mount)

    def compose(self) -> ComposeResult:
        yield PrivacyBanner()
        yield Static("", id="item-top")
        yield Static(t("exnovation.private_hidden"), id="item-private")
        with FormScroll(id="item-form"):
            yield Static(t("exnovation.section.nominate"), classes="section")
            yield self._line("what")
            yield self._line("nominated_by")
            yield Field(t("exnovation.field.nominated_on"), date_input(None, "nominated_on"), id="field-nominated_on")
            yield self._note("why")

            yield Static(t("exnovation.section.triage"), classes="section")
            yield self._select("urgent", [(t(f"exnovation.answer.{k}"), k) for k in ("unset", "yes", "no")])
            yield self._select("important", [(t(f"exnovation.answer.{k}"), k) for k in ("unset", "yes", "no")])
            yield Static("", id="quadrant-shown", classes="derived")

            yield Static(t("exnovation.section.rule"), classes="section")
            yield self._select("source", [(t(f"exnovation.source.{k}"), k) for k in SOURCES])
            yield Static("", id="law-flag", classes="derived")
            yield self._note("citizen_value")
            yield self._note("if_stopped")
            yield self._note("override_note")

            yield Static(t("exnovation.section.forces"), classes="section")
            yield Static("", id="forces-shown", classes="derived")
            yield self._note("current_situation")
            yield self._note("new_situation")

            yield Static(t("exnovation.section.decide"), classes="section")
            yield self._select("change", [(t(f"exnovation.change.{k}"), k) for k in ("none", *CHANGES)])
            yield self._line("owner")
            yield Field(t("exnovation.field.deadline"), date_input(None, "deadline"), id="field-deadline")
            yield Field(t("exnovation.field.steps"), StepList(id="steps", compact=True), id="field-steps")
            yield Field(t("exnovation.field.new_step"), TextInput(id="new-step", max_length=200, compact=True, placeholder=t("exnovation.new_step_hint")), id="field-new-step")
            yield self._note("stop_note")
            yield Static(t("exnovation.switch_intro"), classes="derived")
            for name in SWITCH:
                yield self._line(name)
            yield from self._freed("freed_estimated")
            yield self._select("stage", [(stage_label(k), k) for k in STAGES])
            yield self._note("evidence")
            yield self._note("outcome")
            yield from self._freed("freed_measured")
            yield self._select("nominator_told", [(t(f"exnovation.answer.{k}"), k) for k in ("no", "yes")])
        yield CprWarning()
        yield KeyFooter()

    def _line(self, name: str) -> Field:
        field = Field(t(f"exnovation.field.{name}"), TextInput(id=name, max_length=LINES[name], compact=True), id=f"field-{name}")
        return field.set_class(name in PRIVATE, "private")

    def _note(self, name: str) -> Field:
        field = Field(t(f"exnovation.field.{name}"), NoteArea(id=name, soft_wrap=True, compact=True), id=f"field-{name}", classes="note")
        return field.set_class(name in PRIVATE, "private")

    def _freed(self, name: str) -> ComposeResult:
        """Amount, unit and note of freed time or money; an empty amount means not given."""
        yield Field(t(f"exnovation.field.{name}"), TextInput(id=f"{name}-amount", max_length=12, compact=True, placeholder=t("exnovation.amount_hint")), id=f"field-{name}")
        yield Field(t("exnovation.field.freed_unit"), TextSelect([(t(f"exnovation.unit.{k}"), k) for k in UNITS], allow_blank=False, compact=True, id=f"{name}-unit"), id=f"field-{name}-unit")
        note = Field(t("exnovation.field.freed_note"), TextInput(id=f"{name}-note", max_length=300, compact=True), id=f"field-{name}-note")
        yield note.set_class(True, "private")

    def _select(self, name: str, options: list[tuple[str, str]]) -> Field:
        return Field(t(f"exnovation.field.{name}"), TextSelect(options, allow_blank=False, compact=True, id=name), id=f"field-{name}")

    def on_mount(self) -> None:
        self.fill()
        if self.new:  # just named: what is typed next goes to who nominated it, not onto the name
            self.query_one("#nominated_by", TextInput).focus(scroll_visible=False)
        # Focusing the first field scrolls it to the top edge; show the section heading above it.
        self.call_after_refresh(self.query_one("#item-form", FormScroll).scroll_home, animate=False)
        self.watch(self.app, "privacy", self._privacy_changed)
        if self.session.read_only:
            for widget in self.query("Input, Select"):
                widget.disabled = True
            for area in self.query(TextArea):
                area.read_only = True

    @on(DocumentSession.Changed)
    def document_changed(self, event: DocumentSession.Changed) -> None:
        if self.item is None:  # removed, or not in the version reloaded from disk
            self.dismiss()
        elif event.reloaded:
            self.fill()
        elif event.touches("items"):
            self.show_derived()

    def on_screen_resume(self) -> None:
        # Back from the force field, or after the board was reloaded: show the item as it is now.
        if self.item is None:
            self.dismiss()
        else:
            self.fill()

    def _privacy_changed(self, private: bool) -> None:
        self.set_class(private, "-private")
        self.show_derived()

    def fill(self) -> None:
        """Show the item as it is now; a field that refused what was typed (its message says why)
        keeps the typed text, to be corrected: back from the question "leave anyway?" with "stay",
        or from the help, it was replaced by the stored value and the typing lost."""
        item = self.item
        if item is None:
            return
        refused = {field.id for field in self.query(Field) if field.error}
        for name in LINES:
            if f"field-{name}" not in refused:
                self.query_one(f"#{name}", Input).value = safe_text(getattr(item, name), single_line=True)
        for name in DATES:
            value = getattr(item, name)
            if f"field-{name}" not in refused:
                self.query_one(f"#{name}", Input).value = value.isoformat() if value else ""
        for name in NOTES:
            area = self.query_one(f"#{name}", TextArea)
            if area.text != safe_text(getattr(item, name)) and f"field-{name}" not in refused:
                area.text = safe_text(getattr(item, name))
        self.query_one("#urgent", Select).value = _yes_no_key(item.urgent)
        self.query_one("#important", Select).value = _yes_no_key(item.important)
        self.query_one("#source", Select).value = item.source
        self.query_one("#change", Select).value = item.change or "none"
        self.query_one("#stage", Select).value = item.stage
        self.query_one("#nominator_told", Select).value = "yes" if item.nominator_told else "no"
        for name in FREED:
            freed: Freed | None = getattr(item, name)
            if f"field-{name}" not in refused:
                self.query_one(f"#{name}-amount", Input).value = format_amount(freed.amount) if freed else ""
            self.query_one(f"#{name}-unit", Select).value = freed.unit if freed else "hours_month"
            self.query_one(f"#{name}-note", Input).value = safe_text(freed.note, single_line=True) if freed else ""
        self.show_derived()

    def show_derived(self) -> None:
        """What follows from the fields: the quadrant, the law flag, the forces, the steps."""
        item = self.item
        if item is None:
            return
        self.query_one("#item-top", Static).update(user_content(f"{stage_label(item.stage)} · {item.what}", single_line=True))
        self.query_one("#quadrant-shown", Static).update(user_content(t("exnovation.quadrant_is", quadrant=quadrant_label(self.session.document, item.quadrant))))
        flag = self.query_one("#law-flag", Static)
        flag.update(f"{LAW_MARK} {t('exnovation.required_flag')}" if item.required else "")
        flag.display = item.required
        self.query_one("#forces-shown", Static).update(
            t("exnovation.forces_line", helping=total(item.helping), hindering=total(item.hindering), count=len(item.helping) + len(item.hindering))
        )
        self.query_one(StepList).show(item.steps)

    # ---- changes --------------------------------------------------------------------------

    def update(self, name: str, value: object) -> None:
        """Set one field of the item, or say at the field why not."""
        field = self.query_one(f"#field-{name}", Field)
        item = self.item
        if item is None:
            return
        current = getattr(item, name)
        if current == value or (isinstance(current, str) and safe_text(current) == value):
            field.set_error(None)
            return
        problem = self.change(**{name: value})
        field.set_error(problem)
        if problem is None:
            self.show_derived()

    @on(Input.Changed, "#freed_estimated-amount, #freed_estimated-note, #freed_measured-amount, #freed_measured-note")
    def freed_typed(self, event: Input.Changed) -> None:
        self.freed_changed(id_of(event.input).rsplit("-", 1)[0])

    def freed_changed(self, name: str) -> None:
        """Amount, unit and note make one value: none when the amount is empty."""
        field = self.query_one(f"#field-{name}", Field)
        text = self.query_one(f"#{name}-amount", Input).value
        amount = parse_amount(text)
        if not text.strip():
            self.update(name, None)
            return
        if amount is None:
            field.set_error(t("exnovation.error.amount"))
            return
        unit = str(self.query_one(f"#{name}-unit", Select).value)
        note = self.query_one(f"#{name}-note", Input).value.strip()
        try:
            freed = Freed(amount=amount, unit=unit, note=note)  # type: ignore[arg-type]  # unit is one of UNITS (the Select's options)
        except ValidationError:
            field.set_error(t("exnovation.error.amount"))
            return
        self.update(name, freed)

    @on(Input.Changed, "#what, #nominated_by, #owner, #switch_rider, #switch_elephant, #switch_path")
    def line_changed(self, event: Input.Changed) -> None:
        self.update(id_of(event.input), event.value.strip())

    @on(Input.Changed, "#nominated_on, #deadline")
    def date_changed(self, event: Input.Changed) -> None:
        name = id_of(event.input)
        text = event.value.strip()
        if not text and name == "deadline":
            self.update(name, None)
            return
        parsed = parse_date(text)
        if parsed is None:
            self.query_one(f"#field-{name}", Field).set_error(date_error(text))
        else:
            self.update(name, parsed)

    @on(TextArea.Changed)
    def note_changed(self, event: TextArea.Changed) -> None:
        if event.text_area.id in NOTES:
            self.update(id_of(event.text_area), event.text_area.text)

    @on(Select.Changed)
    def choice_changed(self, event: Select.Changed) -> None:
        name, value = id_of(event.select), event.value
        if value != event.select.value:
            return  # stale: the field was set again since (fill after mount), the newer event follows
        if name in ("urgent", "important"):
            self.update(name, _YES_NO[str(value)])
        elif name == "change":
            self.update(name, None if value == "none" else value)
        elif name == "nominator_told":
            self.update(name, value == "yes")
        elif name == "source":
            self.update(name, value)
            self.query_one("#field-stage", Field).set_error(None)  # the law flag may now allow the stage
        elif name == "stage":
            self.stage_chosen(str(value))
        elif name.endswith("-unit"):
            self.freed_changed(name.removesuffix("-unit"))

    def stage_chosen(self, target: str) -> None:
        """The guards and the skip question apply here as on the board; a refused or cancelled
        move puts the field back to the item's stage."""
        item = self.item
        if item is None or item.stage == target:
            return
        field = self.query_one("#field-stage", Field)

        def done(problem: str | None) -> None:
            field.set_error(problem or None)
            current = self.item
            if problem is not None and current is not None:
                self.query_one("#stage", Select).value = current.stage
            self.show_derived()

        move_stage(self.app, self.session, self.item_id, target, done)

    @on(Input.Submitted, "#new-step")
    def add_step(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        item = self.item
        if not text or item is None:
            return
        problem = self.change(steps=[*item.steps, Step(text=text)])
        self.query_one("#field-new-step", Field).set_error(problem)
        if problem is None:
            event.input.value = ""
            self.show_derived()

    @on(StepList.Picked)
    def step_picked(self, event: StepList.Picked) -> None:
        (self.toggle_step if event.what == "toggle" else self.remove_step)(event.index)

    def toggle_step(self, index: int) -> None:
        item = self.item
        if item is None or index >= len(item.steps):
            return
        steps = list(item.steps)
        steps[index] = steps[index].model_copy(update={"done": not steps[index].done})
        self._set_steps(item, steps)

    def remove_step(self, index: int) -> None:
        item = self.item
        if item is not None and index < len(item.steps):
            self._set_steps(item, [step for i, step in enumerate(item.steps) if i != index])

    def _set_steps(self, item: Item, steps: list[Step]) -> None:
        problem = self.change(steps=steps)
        self.query_one("#field-steps", Field).set_error(problem)
        self.show_derived()

    # ---- keys -----------------------------------------------------------------------------

    def action_back(self) -> None:
        leave_unless_refused(self.app, [self], self.dismiss)

    def action_save(self) -> None:
        self.session.save_asked()

    def action_force_field(self) -> None:
        from tui.exnovation.forces import ForceFieldScreen

        self.app.push_screen(ForceFieldScreen(self.session, self.item_id))
