"""Dialogs of the network: one actor, one tie. Each returns a new, valid model or None (cancelled).

A problem is said under the field it concerns, and the dialog stays open: nothing invalid is
returned, nothing typed is lost. Both fit 80x24 (a label column and compact fields).
"""

from __future__ import annotations

from datetime import date

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Input, Label, OptionList, Select, Static
from textual.widgets.option_list import Option

from models.documents import Case
from models.network import CITIZEN, CONFLICT_KINDS, CONSENTS, DIMENSIONS, FREQUENCIES, RINGS, SECTORS, Actor, Tie, actor_number, catalogue_entry, parse_ratings, ratings_string, search_catalogue
from models.privacy import actor_role
from models.text import safe_text
from tui.commands import bindings
from tui.widgets.footer import KeyFooter
from tui.i18n import t
from tui.privacy import privacy_on
from tui.widgets.fields import FormScroll, date_error, parse_date, validation_message
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.inputs import TextInput
from tui.case.network.cells import end_name
from tui.widgets.text_select import TextSelect
from tui.widgets.tick_box import TickBox


class CatalogueList(OptionList, can_focus=False):
    """The catalogue's matches under the kind field: reached with ↓ from the field, never with
    Tab, which goes on to the sector as in any form (an empty list was an invisible Tab stop)."""

    def enter(self) -> None:
        self.can_focus = True
        self.focus()
        self.highlighted = 0

    def on_blur(self) -> None:
        self.can_focus = False


class FormDialog(ModalScreen):
    """What both dialogs share: rows of label + field + message, ctrl+s saves, escape cancels."""

    HOLDS_DRAFT = True  #: kept in a recovery copy on a hang-up (tui/app.py keep_drafts)

    CSS_PATH = "network.tcss"
    BINDINGS = bindings("cancel", "save")

    def row(self, label: str, *fields: Widget, name: str) -> ComposeResult:
        with Horizontal(classes="form-row"):
            yield Label(label, classes="form-label", markup=False)
            yield from fields
        yield Static("", id=f"{name}-error", classes="form-error", markup=False)

    def buttons(self) -> ComposeResult:
        with Horizontal(classes="form-buttons"):
            yield Button(Content(f"{t('network.dialog.save')} [ctrl+s]"), id="save", compact=True)
            yield Button(Content(f"{t('key.cancel')} [Esc]"), id="cancel", compact=True)

    def say(self, name: str, message: str | None) -> None:
        error = self.query_one(f"#{name}-error", Static)
        error.update(f"✗ {message}" if message else "")
        error.set_class(bool(message), "-shown")

    def clear_errors(self) -> None:
        for error in self.query(".form-error").results(Static):
            error.update("")
            error.remove_class("-shown")

    @on(Button.Pressed, "#save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:  # pragma: no cover - each dialog has its own
        raise NotImplementedError


class ActorDialog(FormDialog):
    """Add or edit an actor. The kind field searches the catalogue of the material's 34 actors as
    you type (↓ goes into the list, Enter picks); anything else typed is kept as free text."""

    def __init__(self, actor: Actor | None, taken_names: set[str], today: date) -> None:
        super().__init__()
        self.actor, self.taken, self.today = actor, taken_names, today
        self._filtered_for: str | None = None

    def compose(self) -> ComposeResult:
        actor = self.actor
        # Under the privacy screen an actor's name, and a kind typed freely, are neither shown nor changed.
        self.hidden = {key for key in ("name", "kind") if actor is not None and privacy_on(self) and getattr(actor, key) and not (key == "kind" and actor_role(actor.kind))}
        with FormScroll(classes="form"):
            yield Static(t("network.dialog.actor_edit" if actor else "network.dialog.actor_new"), classes="form-title", markup=False)
            name = self._text_input(actor.name if actor else "", "name", t("network.dialog.name_hint"), 80)
            yield from self.row(t("network.dialog.name"), name, name="actor-name")
            kind = self._text_input(actor.kind if actor else "", "kind", t("network.dialog.kind_hint"), 200)
            yield from self.row(t("network.dialog.kind"), kind, name="actor-kind")
            yield CatalogueList(id="kind-options", compact=True, markup=False)
            sectors = [(t(f"network.sector.{sector}"), sector) for sector in SECTORS]
            yield from self.row(t("network.dialog.sector"), TextSelect(sectors, value=actor.sector if actor else Select.NULL, prompt="–", id="actor-sector", compact=True), name="actor-sector")
            rings = [(t(f"network.dialog.ring_{ring}"), ring) for ring in RINGS]
            yield from self.row(t("network.dialog.ring"), TextSelect(rings, value=actor.ring if actor else 2, allow_blank=False, id="actor-ring", compact=True), name="actor-ring")
            yield TickBox(t("network.dialog.coordinator"), value=actor.coordinator if actor else False, id="actor-coordinator", compact=True)
            consents = [(t(f"network.consent.{consent}"), consent) for consent in CONSENTS]
            date_text = actor.consent_date.isoformat() if actor and actor.consent_date else ""
            yield from self.row(
                t("network.dialog.consent"),
                TextSelect(consents, value=actor.consent if actor else "none", allow_blank=False, id="actor-consent", compact=True),
                Label(t("network.dialog.consent_date"), classes="form-label-inline", markup=False),
                TextInput(date_text, placeholder=t("field.date_placeholder"), max_length=10, id="actor-consent-date", compact=True),
                name="actor-consent",
            )
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield from self.buttons()
            yield CprWarning()
        yield KeyFooter()

    def _text_input(self, text: str, key: str, hint: str, most: int) -> TextInput:
        if key in self.hidden:
            return TextInput("", placeholder=t("privacy.text_hidden"), max_length=most, id=f"actor-{key}", compact=True, disabled=True)
        return TextInput(safe_text(text, single_line=True), placeholder=hint, max_length=most, id=f"actor-{key}", compact=True)

    def on_mount(self) -> None:
        self._filter_catalogue(self.query_one("#actor-kind", Input).value)
        self.query_one("#actor-sector" if "name" in self.hidden else "#actor-name").focus()

    def _filter_catalogue(self, typed: str) -> None:
        """The matches for what the kind field holds. Also called by ↓ and Enter there, which a
        burst of keys can deliver before the field's Changed for the last letter: they act on the
        text as it is, and that Changed finds the list already made for it."""
        if typed == self._filtered_for:
            return
        self._filtered_for = typed
        options = self.query_one("#kind-options", OptionList)
        options.clear_options()
        sector_words: dict[str, str] = {sector: t(f"network.sector.{sector}") for sector in SECTORS}
        for entry in search_catalogue(typed, sector_words):  # the best match first: Enter takes it
            options.add_option(Option(f"{entry.kind} · {t(f'network.sector_short.{entry.sector}')}", id=entry.kind))

    @on(Input.Changed, "#actor-kind")
    def _kind_typed(self, event: Input.Changed) -> None:
        self._filter_catalogue(event.input.value)  # as it is now: a burst's earlier Changed come late

    @on(OptionList.OptionSelected, "#kind-options")
    def _kind_picked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._use_catalogue(str(event.option.id))

    def _use_catalogue(self, kind: str) -> None:
        entry = catalogue_entry(kind)
        if entry is None:
            return
        kind_input = self.query_one("#actor-kind", Input)
        with kind_input.prevent(Input.Changed):
            kind_input.value = entry.kind
        self.query_one("#actor-sector", Select).value = entry.sector
        self.query_one("#actor-ring", Select).value = entry.ring
        name = self.query_one("#actor-name", Input)
        if not name.value.strip():
            name.value = entry.kind
        self.query_one("#actor-sector", Select).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.input.id == "actor-kind":
            self._filter_catalogue(event.value)
            options = self.query_one("#kind-options", OptionList)
            # Enter on a typed kind takes the (first) catalogue match; on free text (no match) it saves.
            if options.option_count:
                highlighted = options.highlighted if options.highlighted is not None else 0
                self._use_catalogue(str(options.get_option_at_index(highlighted).id))
                return
        self.action_save()

    def on_key(self, event) -> None:
        kind = self.query_one("#actor-kind", Input)
        if event.key == "down" and self.focused is kind:
            self._filter_catalogue(kind.value)
            options = self.query_one("#kind-options", CatalogueList)
            if options.option_count:
                event.stop()
                options.enter()

    @on(Select.Changed, "#actor-consent")
    def _consent_changed(self, event: Select.Changed) -> None:
        when = self.query_one("#actor-consent-date", Input)
        if event.value in ("oral", "written") and not when.value.strip():
            when.value = self.today.isoformat()  # consent given now, most often; the user can change it

    def action_save(self) -> None:
        self.clear_errors()
        name = self.query_one("#actor-name", Input).value.strip()
        kind = self.query_one("#actor-kind", Input).value.strip()
        sector = self.query_one("#actor-sector", Select).value
        consent = self.query_one("#actor-consent", Select).value
        date_text = self.query_one("#actor-consent-date", Input).value.strip()
        ok = True
        if self.actor is not None:
            name = self.actor.name if "name" in self.hidden else name
            kind = self.actor.kind if "kind" in self.hidden else kind
        if not name:
            self.say("actor-name", t("error.title_empty"))
            ok = False
        elif name.casefold() in self.taken:
            self.say("actor-name", t("network.error.name_taken"))
            ok = False
        if sector is Select.NULL:
            self.say("actor-sector", t("network.error.sector"))
            ok = False
        consent_date = parse_date(date_text) if date_text else None
        if date_text and consent_date is None:
            self.say("actor-consent", date_error(date_text))
            ok = False
        if not ok:
            return
        fields = dict(
            name=name,
            kind=kind,
            sector=sector,
            ring=self.query_one("#actor-ring", Select).value,
            coordinator=self.query_one("#actor-coordinator", Checkbox).value,
            consent=consent,
            # No consent has no date: a date left from before would say otherwise.
            consent_date=None if consent == "none" else consent_date,
        )
        if self.actor is not None:
            fields["id"] = self.actor.id
            fields["number"] = self.actor.number  # given once, never changed
            for key in ("name", "kind"):  # unchanged: keep the stored text as it was, not its screen form
                if safe_text(getattr(self.actor, key), single_line=True) == fields[key]:
                    fields[key] = getattr(self.actor, key)
        try:
            actor = Actor.model_validate(fields)
        except ValidationError as error:
            self.say("form", validation_message(error))
            return
        self.dismiss(actor)


class TieDialog(FormDialog):
    """Add or edit the tie between `start` (an actor or the citizen) and another end."""

    def __init__(self, case: Case, start: str, tie: Tie | None, private: bool, today: date | None = None) -> None:
        super().__init__()
        self.case, self.start, self.tie, self.private = case, start, tie, private
        self.today = today or date.today()

    def compose(self) -> ComposeResult:
        tie, case = self.tie, self.case
        ends = [CITIZEN, *(actor.id for actor in case.actors)]
        choices = [(f"{self._number(end)}{end_name(case, end, self.private)}", end) for end in ends if end != self.start]
        with FormScroll(classes="form"):
            yield Static(t("network.dialog.tie_edit" if tie else "network.dialog.tie_new"), classes="form-title", markup=False)
            yield from self.row(t("network.dialog.from"), Static(end_name(case, self.start, self.private), markup=False, classes="form-value"), name="tie-from")
            other = tie.other(self.start) if tie else Select.NULL
            yield from self.row(t("network.dialog.to"), TextSelect(choices, value=other, prompt="–", id="tie-to", compact=True), name="tie-to")
            frequencies = [(t(f"network.freq.{f}"), f) for f in FREQUENCIES]
            frequency = TextSelect(frequencies, value=tie.frequency if tie and tie.frequency else Select.NULL, prompt=t("network.freq.unknown"), id="tie-frequency", compact=True)
            # All seven ratings as one string ("4343344"), before the seven fields in the Tab order.
            quick = TextInput(ratings_string(tie.ratings) if tie else "", max_length=13, restrict=r"[1-5 \-]*", id="tie-quick", compact=True)
            yield from self.row(
                t("network.dialog.frequency"),
                frequency,
                Label(t("network.dialog.quick"), classes="form-label-inline", markup=False),
                quick,
                name="tie-frequency",
            )
            with Horizontal(id="tie-columns"):
                with Vertical(id="tie-ratings"):
                    yield Static(t("network.dialog.ratings"), classes="form-subtitle", markup=False)
                    for dim in DIMENSIONS:
                        value = str(tie.ratings[dim]) if tie and dim in tie.ratings else ""
                        with Horizontal(classes="rating-row"):
                            yield Label(t(f"network.dim.{dim}"), classes="rating-label", markup=False)
                            yield TextInput(value, max_length=1, restrict=r"[0-9]?", id=f"dim-{dim}", classes="rating", compact=True)
                            yield Static("", id=f"dim-{dim}-error", classes="form-error rating-error", markup=False)
                with Vertical(id="tie-conflicts"):
                    yield Static(t("network.dialog.conflicts"), classes="form-subtitle", markup=False)
                    for kind in CONFLICT_KINDS:
                        yield TickBox(t(f"network.conflict.{kind}"), value=bool(tie and kind in tie.conflicts), id=f"conflict-{kind}", compact=True)
                    with Horizontal(classes="rated-row"):
                        yield Label(t("network.dialog.rated_by"), classes="rated-label", markup=False)
                        yield TextSelect(self._raters(tie.other(self.start) if tie else None), value=self._rater_value(tie), prompt="–", id="tie-rated-by", compact=True)
                    with Horizontal(classes="rated-row"):
                        yield Label(t("network.dialog.rated_on"), classes="rated-label", markup=False)
                        rated_on = tie.rated_on.isoformat() if tie and tie.rated_on else ""
                        yield TextInput(rated_on, placeholder=t("field.date_placeholder"), max_length=10, id="tie-rated-on", compact=True)
                    yield Static("", id="tie-rated-error", classes="form-error", markup=False)
            # The note hides with the privacy screen (the App hides every .private-text widget).
            note = TextInput(safe_text(tie.note, single_line=True) if tie else "", max_length=1000, id="tie-note", classes="private-text", compact=True)
            yield from self.row(t("network.dialog.note"), note, name="tie-note")
            yield Static("", id="form-error", classes="form-error", markup=False)
            yield from self.buttons()
            yield CprWarning()

    def _number(self, end: str) -> str:
        if end == CITIZEN:
            return ""
        index = self.case.actor_index(end) or 0
        return f"{actor_number(self.case.actors[index], index)} "

    def _raters(self, other: str | None) -> list[tuple[str, str]]:
        """Who may have rated: this end, or the other once it is chosen (values "from" and "to")."""
        found = [(end_name(self.case, self.start, self.private), "from")]
        if other is not None:
            found.append((end_name(self.case, other, self.private), "to"))
        return found

    def _rater_value(self, tie: Tie | None) -> str | object:
        if tie is None or tie.rated_by is None:
            return Select.NULL
        return "from" if tie.rated_by == self.start else "to"

    def on_mount(self) -> None:
        self.query_one("#tie-to" if self.tie is None else "#tie-quick").focus()

    @on(Select.Changed, "#tie-to")
    def _other_chosen(self, event: Select.Changed) -> None:
        rater = self.query_one("#tie-rated-by", Select)
        kept = rater.value
        other = None if event.value is Select.NULL else str(event.value)
        rater.set_options(self._raters(other))
        if kept == "from" or (kept == "to" and other is not None):
            rater.value = kept

    @on(Input.Changed, "#tie-quick")
    def _quick_typed(self, event: Input.Changed) -> None:
        ratings = parse_ratings(event.value)
        if ratings is None:
            self.say("tie-frequency", t("network.error.quick"))
            return
        self.say("tie-frequency", None)
        for dim in DIMENSIONS:
            field = self.query_one(f"#dim-{dim}", Input)
            with field.prevent(Input.Changed):
                field.value = str(ratings[dim]) if dim in ratings else ""
        self._rated_now(ratings)

    @on(Input.Changed, ".rating")
    def _one_rating_typed(self) -> None:
        values = {dim: self.query_one(f"#dim-{dim}", Input).value.strip() for dim in DIMENSIONS}
        if all(value in ("", "1", "2", "3", "4", "5") for value in values.values()):
            ratings = {dim: int(value) for dim, value in values.items() if value}
            quick = self.query_one("#tie-quick", Input)
            with quick.prevent(Input.Changed):
                quick.value = ratings_string(ratings)
            self._rated_now(ratings)

    def _rated_now(self, ratings: dict[str, int]) -> None:
        """A rating changed now was most often given now: the date, unless one is there. (The
        fields' first values, the tie's own ratings, are no change.)"""
        when = self.query_one("#tie-rated-on", Input)
        if ratings and ratings != (dict(self.tie.ratings) if self.tie else {}) and not when.value.strip():
            when.value = self.today.isoformat()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        self.clear_errors()
        other = self.query_one("#tie-to", Select).value
        ok = True
        if other is Select.NULL:
            self.say("tie-to", t("network.error.to_missing"))
            ok = False
        elif other == self.start:
            self.say("tie-to", t("network.error.self_tie"))
            ok = False
        elif any(tie.ends == {self.start, other} for tie in self.case.ties if self.tie is None or tie.id != self.tie.id):
            self.say("tie-to", t("network.error.tie_exists"))
            ok = False
        ratings: dict[str, int] = {}
        for dim in DIMENSIONS:
            text = self.query_one(f"#dim-{dim}", Input).value.strip()
            if not text:
                continue
            if not text.isdigit() or not 1 <= int(text) <= 5:
                self.say(f"dim-{dim}", t("network.error.rating"))
                ok = False
                continue
            ratings[dim] = int(text)
        rated_text = self.query_one("#tie-rated-on", Input).value.strip()
        rated_on = parse_date(rated_text) if rated_text else None
        if rated_text and rated_on is None:
            self.say("tie-rated", date_error(rated_text))
            ok = False
        if not ok:
            return
        rater = self.query_one("#tie-rated-by", Select).value
        frequency = self.query_one("#tie-frequency", Select).value
        fields = dict(
            a=self.start,
            b=other,
            frequency=None if frequency is Select.NULL else frequency,
            ratings=ratings,
            conflicts=[kind for kind in CONFLICT_KINDS if self.query_one(f"#conflict-{kind}", Checkbox).value],
            note=self.query_one("#tie-note", Input).value,
            # Without ratings there is nothing rated: a date or rater left over would say otherwise.
            rated_on=rated_on if ratings else None,
            rated_by={"from": self.start, "to": other}.get(str(rater)) if ratings else None,
        )
        if self.tie is not None:
            fields["id"] = self.tie.id
            if self.tie.note and safe_text(self.tie.note, single_line=True) == fields["note"]:
                fields["note"] = self.tie.note  # unchanged: keep the stored text as it was
        try:
            tie = Tie.model_validate(fields)
        except ValidationError as error:
            self.say("form", validation_message(error))
            return
        self.dismiss(tie)
