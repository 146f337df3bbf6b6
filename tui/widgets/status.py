"""The saved / unsaved / read-only marker: a symbol and a word, never colour alone."""

from __future__ import annotations

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

    def show(self, state: str, detail: str = "") -> None:
        """state: saved, unsaved, saving, failed or readonly."""
        symbol = {"saved": "✓", "unsaved": "●", "saving": "…", "failed": "✗", "readonly": "⊘"}[state]
        self.set_classes({"unsaved": "-unsaved", "failed": "-unsaved", "readonly": "-readonly"}.get(state, ""))
        text = f"{symbol} {t('status.' + state)}"
        self.update(safe_text(f"{text}: {detail}" if detail else text, single_line=True))
