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


def holder_text(holder) -> str:
    """Who holds a document's lock (saved.lock.LockInfo), in the interface language and sanitised:
    user@host, since when (on their clock), and the process number for someone who must look."""
    from datetime import datetime

    from tui.i18n import t

    try:
        since = datetime.fromisoformat(holder.since).strftime("%Y-%m-%d %H:%M")  # the holder's own clock
    except (TypeError, ValueError):  # a lock file from elsewhere: shown as it is
        since = holder.since
    return safe_text(t("lock.holder", who=f"{holder.user}@{holder.host}", since=since, pid=holder.pid), single_line=True)
