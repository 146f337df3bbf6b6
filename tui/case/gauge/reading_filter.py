"""Choose which readings the gauge shows: whose state, situation, relationship, context."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, Select

from models.gauge import CITIZEN_RELATION, NO_ACTOR, SITUATIONS, WHOSE
from models.network import Actor
from tui.commands import bindings
from tui.i18n import t
from tui.privacy import actor_shown_at
from tui.case.gauge.pane import ReadingFilter
from tui.widgets.cpr_guard import CprWarning
from tui.widgets.inputs import TextInput
from tui.widgets.footer import KeyFooter
from tui.widgets.text_select import TextSelect

if TYPE_CHECKING:
    from tui.app import SamspilApp

ANY = "*"


class FilterDialog(ModalScreen["ReadingFilter | None"]):
    app: SamspilApp
    DEFAULT_CSS = """
    FilterDialog { align: center middle; }
    FilterDialog > Vertical { width: 70; max-width: 100%; height: auto; border: thick $primary;
                              padding: 0 1; background: $surface; }
    FilterDialog .title { text-style: bold; margin-bottom: 1; }
    FilterDialog Horizontal { height: 1; margin-bottom: 1; }
    FilterDialog .label { width: 16; }
    FilterDialog Select, FilterDialog Input { width: 1fr; }
    """

    BINDINGS = bindings("filter.apply", "filter.reset", "cancel")

    def __init__(self, current: ReadingFilter, actors: list[Actor]) -> None:
        super().__init__()
        self.current, self.actors = current, actors

    def compose(self) -> ComposeResult:
        private = self.app.privacy
        every = (t("gauge.filter.any"), ANY)
        with Vertical():
            yield Label(t("gauge.filter.title"), classes="title")
            with Horizontal():
                yield Label(t("gauge.field.whose"), classes="label")
                yield TextSelect([every] + [(t(f"gauge.whose.{key}"), key) for key in WHOSE], value=self.current.whose or ANY, allow_blank=False, compact=True, id="filter-whose")
            with Horizontal():
                yield Label(t("gauge.field.situation"), classes="label")
                yield TextSelect([every] + [(t(f"gauge.situation.{key}"), key) for key in SITUATIONS], value=self.current.situation or ANY, allow_blank=False, compact=True, id="filter-situation")
            with Horizontal():
                yield Label(t("gauge.field.actor"), classes="label")
                options = [every, (t("gauge.actor_citizen"), CITIZEN_RELATION), (t("gauge.actor_none"), NO_ACTOR)]
                options += [(actor_shown_at(actor, number, private), actor.id) for number, actor in enumerate(self.actors, start=1)]
                yield TextSelect(options, value=self.current.actor_id or ANY, allow_blank=False, compact=True, id="filter-actor")
            with Horizontal():
                yield Label(t("gauge.field.context"), classes="label")
                yield TextInput(self.current.context, placeholder=t("gauge.filter.context_hint"), max_length=200, compact=True, id="filter-context")
            yield CprWarning()
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#filter-whose", Select).focus()

    def chosen(self) -> ReadingFilter:
        def value(name: str) -> str | None:
            chosen = self.query_one(f"#filter-{name}", Select).value
            return None if chosen == ANY or chosen is Select.NULL else str(chosen)

        return ReadingFilter(value("whose"), value("situation"), value("actor"), self.query_one("#filter-context", Input).value.strip())

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_apply()

    def action_apply(self) -> None:
        self.dismiss(self.chosen())

    def action_reset(self) -> None:
        self.dismiss(ReadingFilter())

    def action_cancel(self) -> None:
        self.dismiss(None)
