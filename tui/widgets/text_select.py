"""Textual's Select with its options shown as text.

Textual reads a str option as markup: an actor named "[/]x" was a MarkupError in the reading
form, and "[bold]" styled the name. Every Select in samspil is a TextSelect (tests/test_layout.py),
whose labels pass `safe_text` and become plain `Text` (which Select's type-to-search also reads).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich.text import Text
from textual.widgets import Select

from models.text import safe_text


def _as_text(options: Iterable[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    return [(Text(safe_text(label, single_line=True)) if isinstance(label, str) else label, value) for label, value in options]


class TextSelect(Select):
    def __init__(self, options: Iterable[tuple[Any, Any]] = (), **kwargs: Any) -> None:
        super().__init__(_as_text(options), **kwargs)

    def set_options(self, options: Iterable[tuple[Any, Any]]) -> None:
        super().set_options(_as_text(options))
