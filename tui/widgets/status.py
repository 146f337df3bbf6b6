"""The saved / unsaved / read-only marker: a symbol and a word, never colour alone."""

from __future__ import annotations

from rich.cells import cell_len
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
        self._shown = ""

    def on_mount(self) -> None:
        # As wide as the widest plain state: saved -> unsaved (each first letter typed) moves
        # nothing else on the line, so it is drawn without a second layout.
        self.styles.min_width = max(cell_len(self._text(state)) for state in SYMBOLS) + 2

    @staticmethod
    def _text(state: str) -> str:
        return f"{SYMBOLS[state]} {t('status.' + state)}"

    def show(self, state: str, detail: str = "") -> None:
        """state: saved, unsaved, saving, failed or readonly."""
        self.set_classes({"unsaved": "-unsaved", "failed": "-unsaved", "readonly": "-readonly"}.get(state, ""))
        text = self._text(state)
        shown = safe_text(f"{text}: {detail}" if detail else text, single_line=True)
        if shown != self._shown:  # every typed letter says "unsaved" again: no new layout for that
            self._shown = shown
            self.update(shown)
