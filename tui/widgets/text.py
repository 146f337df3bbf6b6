"""Show document text on screen: always sanitised, never parsed as markup."""

from __future__ import annotations

from rich.text import Text
from textual.content import Content

from models.text import safe_text


def user_content(text: str, *, single_line: bool = False) -> Content:
    return Content(safe_text(text, single_line=single_line))


def user_cell(text: str) -> Text:
    """A DataTable cell: DataTable parses plain strings as markup, a Text it does not."""
    return Text(safe_text(text, single_line=True), no_wrap=True, overflow="ellipsis")
