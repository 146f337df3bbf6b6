"""`t` on the home list: move the selected document into a team folder, or out of it into the
user's own (saved/team.py `move`, with its backup and change log)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from models.text import safe_text
from tui.errors import os_reason
from tui.i18n import t
from tui.widgets.dialogs import Choice

if TYPE_CHECKING:
    from saved.summaries import Summary
    from saved.team import Team
    from tui.app import SamspilApp


def move_entry(app: SamspilApp, entry: Summary) -> None:
    from saved.team import team_of

    if entry.damaged:
        app.notify(t("damaged.cannot_edit"), severity="error")
        return
    holder = app.lock_holder(entry.path)
    if holder is not None:
        from tui.widgets.text import holder_text

        app.notify(t("team.in_use", who=holder_text(holder)), severity="error", timeout=10)
        return
    if any(s.opened.path == entry.path for s in app.sessions):
        app.notify(t("team.in_use_here"), severity="error")
        return
    title = safe_text(entry.title, single_line=True)
    current = team_of(app.teams, entry.path)
    if current is not None:
        body = t("team.move_out_body", title=title, team=current.name)
        choices = [("go", t("team.move_out"), "y"), ("no", t("key.cancel"), "n")]
        app.push_screen(Choice(t("team.move_title"), body, choices, focus="no"), lambda choice: _move(app, entry, None) if choice == "go" else None)
        return
    choices = [(str(number), t("team.move_into", team=team.name), str(number)) for number, team in enumerate(app.teams[:9], start=1)]
    body = t("team.move_in_body", title=title)
    app.push_screen(
        Choice(t("team.move_title"), body, [*choices, ("no", t("key.cancel"), "n")], focus="no"),
        lambda choice: _move(app, entry, app.teams[int(choice) - 1]) if choice and choice.isdigit() else None,
    )


def _move(app: SamspilApp, entry: Summary, team: Team | None) -> None:
    from saved.lock import LockHeld
    from saved.team import CannotMove, move

    target = team.locations if team is not None else app.locations
    try:
        moved = move(entry.path, app.locations_for(entry.path), target)
    except LockHeld:  # opened by another samspil since the question was asked
        app.notify(t("team.in_use_other"), severity="error")
        return
    except CannotMove as error:
        app.notify(t("team.cannot_move", reason=safe_text(str(error), single_line=True)), severity="error", timeout=10)
        return
    except OSError as error:
        app.notify(t("team.cannot_move", reason=os_reason(error)), severity="error", timeout=10)
        return
    app.notify(t("team.moved_in", team=team.name) if team is not None else t("team.moved_out"))
    app.refresh_home(moved)
