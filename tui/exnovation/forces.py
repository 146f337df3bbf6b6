"""The force field analysis of one item (Lewin): current and new situation side by side, the
helping and hindering forces as opposing bars, ranked, with totals per side."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Static

from models.exnovation import Force, total
from models.text import safe_text
from tui.document.session import DocumentSession
from tui.commands import bindings
from tui.i18n import t
from tui.widgets.privacy_banner import PrivacyBanner
from tui.privacy import note_shown, privacy_on
from tui.exnovation.common import ItemView, stage_label
from tui.exnovation.force_bars import ForceBars
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.inputs import TextInput
from tui.widgets.text import user_content
from tui.widgets.footer import KeyFooter


class ForceDialog(ModalScreen[tuple[str, int] | None]):
    """Ask for a force's text and strength (1-5). A bad value is said at its field; nothing is lost."""

    DEFAULT_CSS = """
    ForceDialog { align: center middle; }
    ForceDialog > Vertical { width: 70; max-width: 100%; height: auto; border: thick $primary;
                             padding: 0 1; background: $surface; }
    ForceDialog .title { text-style: bold; }
    ForceDialog .error { text-style: bold; }
    ForceDialog .hint { color: $text-muted; }
    """

    BINDINGS = bindings("save", "cancel")
    HOLDS_DRAFT = True  #: kept in a recovery copy on a hang-up (tui/app.py keep_drafts)

    def __init__(self, title: str, text: str = "", strength: int = 3) -> None:
        super().__init__()
        self._title, self._text, self._strength = title, text, strength
        #: Under the privacy screen a force's text is neither shown nor changed (its strength may be).
        self._hidden = False

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="title", markup=False)
            yield Label(t("exnovation.force_text"), markup=False)
            self._hidden = privacy_on(self) and bool(self._text)
            shown = "" if self._hidden else safe_text(self._text, single_line=True)
            placeholder = t("privacy.text_hidden") if self._hidden else ""
            yield TextInput(shown, placeholder, max_length=120, id="force-text", compact=True, disabled=self._hidden)
            yield Static("", id="text-error", classes="error", markup=False)
            yield Label(t("exnovation.force_strength"), markup=False)
            yield TextInput(str(self._strength), max_length=3, id="force-strength", compact=True)
            yield Static("", id="strength-error", classes="error", markup=False)
            yield Static(t("exnovation.force_hint"), classes="hint", markup=False)
            yield CprWarning()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        text = self._text if self._hidden else self.query_one("#force-text", Input).value.strip()
        strength = self.query_one("#force-strength", Input).value.strip()
        text_error = "" if text else f"✗ {t('ask.empty')}"
        valid = strength in {"1", "2", "3", "4", "5"}
        strength_error = "" if valid else f"✗ {t('exnovation.error.strength')}"
        self.query_one("#text-error", Static).update(text_error)
        self.query_one("#strength-error", Static).update(strength_error)
        if text_error or strength_error:
            self.query_one("#force-strength" if strength_error else "#force-text", Input).focus()
            return
        self.dismiss((text, int(strength)))

    def action_cancel(self) -> None:
        self.dismiss(None)


class ForceFieldScreen(ItemView):
    CSS_PATH = "exnovation.tcss"
    HELP = "help.forcefield"
    AUTO_FOCUS = "ForceBars"

    BINDINGS = bindings(
        "back", "forces.add", "forces.edit", *(f"forces.strength_{n}" for n in range(1, 6)), "delete",
        "forces.helping", "forces.hindering", "forces.up", "forces.down",
    )

    def compose(self) -> ComposeResult:
        yield PrivacyBanner()
        yield Static("", id="forces-top")
        with Horizontal(id="situations"):
            yield Static("", id="current", classes="situation")
            yield Static("", id="new", classes="situation")
        yield ForceBars(t("exnovation.helping"), t("exnovation.hindering"), id="bars")
        yield Static("", id="verdict")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#current").border_title = t("exnovation.field.current_situation")
        self.query_one("#new").border_title = t("exnovation.field.new_situation")
        self.watch(self.app, "privacy", self._privacy_changed, init=False)
        self.show_item()

    def _privacy_changed(self, _private: bool) -> None:
        self.show_item()

    @on(DocumentSession.Changed)
    def document_changed(self, event: DocumentSession.Changed) -> None:
        if self.item is None:
            self.dismiss()
        elif event.touches("items"):
            self.show_item()

    def show_item(self) -> None:
        item = self.item
        if item is None:
            return
        self.query_one("#forces-top", Static).update(
            user_content(f"{t('exnovation.force_field')} · {stage_label(item.stage)} · {item.what}", single_line=True)
        )
        hidden = t("exnovation.private_note")
        for widget_id, text in (("#current", item.current_situation), ("#new", item.new_situation)):
            shown = note_shown(text, self.app.privacy, hidden) or t("exnovation.not_described")
            self.query_one(widget_id, Static).update(user_content(shown))
        self.query_one(ForceBars).show(item.helping, item.hindering)
        helping, hindering = total(item.helping), total(item.hindering)
        key = "exnovation.verdict_helping" if helping > hindering else "exnovation.verdict_hindering" if hindering > helping else "exnovation.verdict_even"
        self.query_one("#verdict", Static).update(t(key, helping=helping, hindering=hindering))

    def _set(self, side: str, forces: list[Force], select: int | None = None) -> None:
        item = self.item
        if item is None:
            return
        problem = self.change(**{side: forces})
        if problem:
            self.notify(problem, severity="error", timeout=8)
            return
        self.show_item()
        if select is not None:
            self.query_one(ForceBars).select(side, select)

    # ---- keys -----------------------------------------------------------------------------

    def action_back(self) -> None:
        self.dismiss()

    def action_side(self, side: str) -> None:
        self.query_one(ForceBars).move(side=side)

    def action_row(self, rows: int) -> None:
        self.query_one(ForceBars).move(rows=rows)

    def action_add(self) -> None:
        side = self.query_one(ForceBars).side
        item = self.item
        if item is None:
            return

        def add(answer: tuple[str, int] | None) -> None:
            current = self.item
            if answer is not None and current is not None:
                forces = [*getattr(current, side), Force(text=answer[0], strength=answer[1])]
                self._set(side, forces, len(forces) - 1)

        self.app.push_screen(ForceDialog(t(f"exnovation.add_{side}")), add)

    def action_edit(self) -> None:
        bars = self.query_one(ForceBars)
        side, index, item = bars.side, bars.selected(), self.item
        if index is None or item is None:
            self.action_add()
            return
        force = getattr(item, side)[index]

        def edit(answer: tuple[str, int] | None) -> None:
            current = self.item
            if answer is not None and current is not None:
                forces = list(getattr(current, side))
                forces[index] = Force(text=answer[0], strength=answer[1])
                self._set(side, forces, index)

        self.app.push_screen(ForceDialog(t("exnovation.edit_force"), force.text, force.strength), edit)

    def action_strength(self, strength: int) -> None:
        bars, item = self.query_one(ForceBars), self.item
        index = bars.selected()
        if index is None or item is None:
            return
        forces = list(getattr(item, bars.side))
        forces[index] = forces[index].model_copy(update={"strength": strength})
        self._set(bars.side, forces, index)

    def action_delete(self) -> None:
        bars, item = self.query_one(ForceBars), self.item
        index = bars.selected()
        if index is None or item is None:
            return
        self._set(bars.side, [force for i, force in enumerate(getattr(item, bars.side)) if i != index])
