"""The saved / unsaved / read-only marker: a symbol and a word, never colour alone."""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Static

from models.text import safe_text
from tui.i18n import t


class SaveStatus(Static):
    """`detail` may name a lock holder read from a file: shown as plain text, never as markup."""

    DEFAULT_CSS = """
    SaveStatus { width: auto; padding: 0 1; text-style: bold; }
    SaveStatus.-unsaved { text-style: bold reverse; }
    SaveStatus.-readonly { text-style: bold underline; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self._shown: tuple[str, str] | None = None
        self._pending: tuple[str, str] | None = None

    def on_mount(self) -> None:
        self.app.screen_change_signal.subscribe(self, self._screen_changed)

    def _screen_changed(self, screen: Screen) -> None:
        if self._pending is not None and screen is self.screen:
            self.show(*self._pending)

    def show(self, state: str, detail: str = "") -> None:
        """state: saved, unsaved, saving, failed or readonly."""
        if (state, detail) == self._shown:
            return  # each change of the document asks again: a repaint (and a layout) only when it changed
        top = self.app.screen
        if self.is_mounted and self.screen is not top and top.styles.background.a == 1:
            # Hidden under another screen (the matrix over its board): Textual would repaint that
            # screen whole for this one's new layout. Shown when this screen is on top again.
            self._pending = (state, detail)
            return
        self._shown, self._pending = (state, detail), None
        symbol = {"saved": "✓", "unsaved": "●", "saving": "…", "failed": "✗", "readonly": "⊘"}[state]
        self.set_classes({"unsaved": "-unsaved", "failed": "-unsaved", "readonly": "-readonly"}.get(state, ""))
        text = f"{symbol} {t('status.' + state)}"
        self.update(safe_text(f"{text}: {detail}" if detail else text, single_line=True))
