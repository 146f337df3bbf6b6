"""What is due, in words: `samspil due`, the notices of `samspil check` and the home screen's line.

All from the home index (saved/summaries.py): a listing the index knows loads no document.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from models.text import safe_text
from saved.due import Due, overdue
from saved.summaries import Summary, summaries
from tui.i18n import t


def describe(row: Summary, due: Due) -> str:
    """'2026-11-10 · Punkt på tavlen: Fax … · Exnovation, team Nord (exnovation-x.toml)'."""
    what = t(f"due.kind.{due.kind}") + (f": {due.what}" if due.what else "")
    if due.kind == "agreement":
        what = t("due.kind.agreement") + (f" ({due.what})" if due.what else "")
    return safe_text(f"{due.on.isoformat()} · {what} · {row.title} ({row.path.name})", single_line=True)


def due_lines(locations, today: date) -> list[str]:
    return [describe(row, due) for row, due in overdue(summaries(locations), today)]


def due_command(locations, today: date | None = None, out: Callable[[str], None] = print) -> int:
    """`samspil due`: every overdue entry, oldest first; exit 0 (it is a list, not a check)."""
    lines = due_lines(locations, today or date.today())
    for line in lines:
        out(line)
    out(t("due.count", count=len(lines)) if lines else t("due.none"))
    return 0


def check_notices(locations, today: date | None = None) -> list[str]:
    """The same entries as notices for `samspil check`: said, but not problems."""
    return [t("due.notice", what=line) for line in due_lines(locations, today or date.today())]


def home_line(rows: list[Summary], today: date) -> str:
    """The home screen's lines: what is overdue by kind, then the boards' freed totals."""
    from saved.amounts import total  # not saved.reports: no pydantic before the list is drawn

    late = overdue(rows, today)
    counts = {kind: sum(1 for _, due in late if due.kind == kind) for kind in ("item", "agreement", "review")}
    parts = [t(f"due.home.{kind}", count=count) for kind, count in counts.items() if count]
    line = (f"! {t('due.home.overdue')}: " + " · ".join(parts)) if parts else f"✓ {t('due.home.nothing')}"
    totals = [row.freed for row in rows if row.freed is not None and not row.archived]
    if totals:
        estimated = total(sum(x[0] for x in totals), sum(x[1] for x in totals), t, short=True)
        measured = total(sum(x[2] for x in totals), sum(x[3] for x in totals), t, short=True)
        # A line of its own: beside what is due it was cut off at 80 columns.
        line += "\n" + t("exnovation.freed_total", estimated=estimated, measured=measured)
    return line
