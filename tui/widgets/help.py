"""F1 / ?: the keys of the screen underneath, with what each does, and a word on the screen."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.commands import BY_ID, bindings, written
from tui.widgets.footer import KeyFooter
from tui.i18n import t


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
                            border: thick $primary; background: $surface; padding: 0 1; }
    HelpScreen .title { text-style: bold; }
    HelpScreen VerticalScroll { height: auto; max-height: 18; }
    """
    BINDINGS = bindings("close")

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        about = getattr(self.under, "HELP", None)  # a catalog key, not the class's name
        # Our own keys, one line per command: the keys as people write them, what it does, and
        # the id a keymap uses to change them (README lists every id).
        keys: dict[str, list[str]] = {}
        for key, active in self.under.active_bindings.items():
            if active.binding.id in BY_ID:
                keys.setdefault(active.binding.id, []).append(written(key))
        # A grid, so that a description that wraps keeps to its column instead of running back
        # under the keys.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(width=14, no_wrap=True)
        grid.add_column(ratio=1)
        for command_id, pressed in keys.items():
            command = BY_ID[command_id]
            what = f"{t(command.label, **command.args)}  [{command_id}]"
            grid.add_row(Text(", ".join(pressed)), Text(f"{what}\n{t(command.tip)}" if command.tip else what))  # Texts: no markup
        with Vertical():
            # How to close it on the title's row: the footer below says Esc, the row says the rest.
            yield Static(f"{t('help.title')}  ·  {t('help.footer')}", classes="title", markup=False)
            if about:
                yield Static(t(about), markup=False)
            with VerticalScroll():
                yield Static(grid)
        yield KeyFooter()
