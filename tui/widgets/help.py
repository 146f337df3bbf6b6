"""F1 / ?: the keys of the screen underneath, with what each does, and a word on the screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.i18n import t


def key_name(key: str) -> str:
    return {"question_mark": "?", "slash": "/", "escape": "esc", "enter": "enter"}.get(key, key)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > Vertical { width: 76; max-width: 100%; height: auto; max-height: 100%;
                            border: thick $primary; background: $surface; padding: 0 1; }
    HelpScreen .title { text-style: bold; }
    HelpScreen VerticalScroll { height: auto; max-height: 18; }
    """
    BINDINGS = [Binding("escape,f1,question_mark,q", "dismiss", t("key.close"), id="help.close")]

    def __init__(self, under: Screen) -> None:
        super().__init__()
        self.under = under

    def compose(self) -> ComposeResult:
        name = type(self.under).__name__.removesuffix("Screen").lower()
        # Our own keys (they all have an id, so a keymap can rename them), grouped by action.
        keys: dict[str, list[str]] = {}
        described: dict[str, str] = {}
        for key, active in self.under.active_bindings.items():
            binding = active.binding
            if binding.id is None or not binding.description:
                continue
            keys.setdefault(binding.action, []).append(key_name(key))
            described[binding.action] = binding.description + (f": {active.tooltip}" if active.tooltip else "")
        lines = [f"{', '.join(keys[action]):<12} {text}" for action, text in described.items()]
        with Vertical():
            yield Static(t("help.title"), classes="title", markup=False)
            yield Static(t(f"help.{name}"), markup=False)
            with VerticalScroll():
                yield Static("\n".join(lines), markup=False)
            yield Static(t("help.footer"), markup=False)
