"""F1 / ?: the keys of the screen underneath, with what each does, and a word on the screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.commands import BY_ID, bindings, written
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
        lines = []
        for command_id, pressed in keys.items():
            command = BY_ID[command_id]
            lines.append(f"{', '.join(pressed):<14} {t(command.label, **command.args)}  [{command_id}]")
            if command.tip:
                lines.append(f"{'':<14} {t(command.tip)}")
        with Vertical():
            yield Static(t("help.title"), classes="title", markup=False)
            if about:
                yield Static(t(about), markup=False)
            with VerticalScroll():
                yield Static("\n".join(lines), markup=False)
            yield Static(t("help.footer"), markup=False)
