"""Add several actors from the catalogue at once: type to narrow the list, space ticks, ctrl+s adds

Each ticked entry becomes an actor named by its kind (a role, not a person: the name can be
changed later), in its catalogue sector and ring. A name the case already has gets a number
("SKP 2"), since names are unique in a case. Returns the new actors, or None (cancelled).
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from models.network import ACTOR_CATALOGUE, SECTORS, Actor, search_catalogue
from tui.i18n import t
from tui.case.network.dialogs import FormDialog
from tui.widgets.fields import FormScroll
from tui.widgets.inputs import TextInput
from tui.widgets.tick_box import tick


def unique_name(wanted: str, taken: set[str]) -> str:
    """`wanted`, or with the first free number after it, among `taken` (casefolded names)."""
    name, number = wanted, 1
    while name.casefold() in taken:
        number += 1
        name = f"{wanted} {number}"
    return name


def catalogue_actors(kinds: list[str], taken: set[str]) -> list[Actor]:
    """An actor for each catalogue kind, in the given order, each with a unique name."""
    by_kind = {entry.kind: entry for entry in ACTOR_CATALOGUE}
    taken = set(taken)
    actors = []
    for kind in kinds:
        entry = by_kind[kind]
        name = unique_name(entry.kind, taken)
        taken.add(name.casefold())
        actors.append(Actor(name=name, kind=entry.kind, sector=entry.sector, ring=entry.ring))  # type: ignore[arg-type]
    return actors


class CatalogueDialog(FormDialog):
    def __init__(self, taken_names: set[str]) -> None:
        super().__init__()
        self.taken = taken_names
        self.ticked: list[str] = []  # in the order ticked: the order they are added

    def compose(self) -> ComposeResult:
        with FormScroll(classes="form"):
            yield Static(t("network.dialog.catalogue_title"), classes="form-title", markup=False)
            yield from self.row(t("network.dialog.search"), TextInput("", placeholder=t("network.dialog.kind_hint"), max_length=60, id="catalogue-search", compact=True), name="catalogue-search")
            yield OptionList(id="catalogue-list", compact=True, markup=False)
            yield Static("", id="catalogue-count", markup=False)
            yield from self.buttons()

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#catalogue-search", Input).focus()

    def _fill(self, typed: str) -> None:
        found = self.query_one("#catalogue-list", OptionList)
        found.clear_options()
        sector_words: dict[str, str] = {sector: t(f"network.sector.{sector}") for sector in SECTORS}
        for entry in search_catalogue(typed, sector_words):
            found.add_option(Option(self._prompt(entry.kind, entry.sector), id=entry.kind))
        self.query_one("#catalogue-count", Static).update(t("network.dialog.catalogue_count", count=len(self.ticked)))

    @on(Input.Changed, "#catalogue-search")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#catalogue-search")
    def _into_list(self, event: Input.Submitted) -> None:
        event.stop()
        found = self.query_one("#catalogue-list", OptionList)
        if found.option_count:
            found.focus()
            found.highlighted = 0

    def _prompt(self, kind: str, sector: str) -> str:
        # A tick that reads without colour: [✓] or [ ] (Textual's selection list shows X both ways).
        return f"[{tick(kind in self.ticked)}] {kind} · {t(f'network.sector_short.{sector}')}"

    def on_key(self, event) -> None:
        found = self.query_one("#catalogue-list", OptionList)
        if event.key == "down" and self.focused is self.query_one("#catalogue-search", Input):
            event.stop()
            self._into_list(Input.Submitted(self.query_one("#catalogue-search", Input), ""))
        elif event.key == "space" and self.focused is found and found.highlighted is not None:
            event.stop()
            self._toggle(found.highlighted)

    @on(OptionList.OptionSelected, "#catalogue-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._toggle(event.option_index)

    def _toggle(self, index: int) -> None:
        found = self.query_one("#catalogue-list", OptionList)
        kind = str(found.get_option_at_index(index).id)
        self.ticked = [k for k in self.ticked if k != kind] if kind in self.ticked else [*self.ticked, kind]
        entry = next(entry for entry in ACTOR_CATALOGUE if entry.kind == kind)
        found.replace_option_prompt_at_index(index, self._prompt(kind, entry.sector))
        self.query_one("#catalogue-count", Static).update(t("network.dialog.catalogue_count", count=len(self.ticked)))

    def action_save(self) -> None:
        self.dismiss(catalogue_actors(self.ticked, self.taken) if self.ticked else None)
