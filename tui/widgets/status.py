"""The saved / unsaved / read-only marker: a symbol and a word, never colour alone."""

from __future__ import annotations

from rich.cells import cell_len
from textual.screen import Screen
from textual.widgets import Static

from models.text import safe_text
from tui.i18n import t


SYMBOLS = {"saved": "✓", "unsaved": "●", "saving": "…", "failed": "✗", "readonly": "⊘"}


class SaveStatus(Static):
    """`detail` may name a lock holder read from a file: shown as plain text, never as markup."""

    DEFAULT_CSS = """
    SaveStatus { width: auto; padding: 0 1; text-style: bold; text-align: right; }
    SaveStatus.-unsaved { text-style: bold reverse; }
    SaveStatus.-readonly { text-style: bold underline; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self._shown: tuple[str, str] | None = None
        self._pending: tuple[str, str] | None = None

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)
        # As wide as the widest plain state: saved -> unsaved (the first letter typed) moves
        # nothing else on the line, so it is drawn without a second layout.
        self.styles.min_width = max(cell_len(self._text(state)) for state in SYMBOLS) + 2

    @staticmethod
    def _text(state: str) -> str:
        return f"{SYMBOLS[state]} {t('status.' + state)}"

    def _screen_changed(self, screen: Screen) -> None:
        if self._pending is not None and screen is self.screen:
            self.show(*self._pending)

    def show(self, state: str, detail: str = "") -> None:
        """state: saved, unsaved, saving, failed or readonly."""
        if (state, detail) == self._shown:
            # Each change of the document asks again: a repaint (and a layout) only when it
            # changed. A state kept for later (below) is stale now: "unsaved" typed on the item
            # over its board, then saved, showed "unsaved" on the board.
            self._pending = None
            return
        top = self.app.screen
        if self.is_mounted and self.screen is not top and top.styles.background.a == 1:
            # Hidden under another screen (the matrix over its board): Textual would repaint that
            # screen whole for this one's new layout. Shown when this screen is on top again.
            self._pending = (state, detail)
            return
        self._shown, self._pending = (state, detail), None
        self.set_classes({"unsaved": "-unsaved", "failed": "-unsaved", "readonly": "-readonly"}.get(state, ""))
        text = self._text(state)
        self.update(safe_text(f"{text}: {detail}" if detail else text, single_line=True))
