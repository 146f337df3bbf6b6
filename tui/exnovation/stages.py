"""Moving an item to another stage, with the guards: one path for the board's [ and ] keys and
the item editor's stage field.

A move the guards refuse (models.exnovation.stage_refusals) is said and not made; a move that
jumps over stages asks first; the law gate stays the model's (a refused change says why).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.document.session import DocumentSession
from tui.exnovation.common import change_item, stage_label
from tui.i18n import t
from tui.widgets.dialogs import Choice
from models.exnovation import skipped_stages, stage_changes, stage_refusals

if TYPE_CHECKING:
    from tui.app import SamspilApp


def refusal_text(keys: list[str]) -> str:
    return " ".join(t(f"exnovation.guard.{key}") for key in keys)


def move_stage(app: SamspilApp, session: DocumentSession, item_id: str, target: str, done: Callable[[str | None], None]) -> None:
    """Move the item to `target`, asking first if that skips stages. `done(problem)` is called
    with the reason it was not moved ("" when the user said no), or None when it moved."""
    item = session.document.item(item_id)
    if item is None:
        done("")
        return
    refusals = stage_refusals(item, target)
    if refusals:
        done(refusal_text(refusals))
        return
    changes = stage_changes(item, target, app.today())
    skipped = skipped_stages(item, target)
    if not skipped:
        done(change_item(session, item_id, **changes))
        return

    def answered(choice: str | None) -> None:
        done(change_item(session, item_id, **changes) if choice == "yes" else "")

    body = t("exnovation.skip_body", stages=", ".join(stage_label(stage) for stage in skipped), target=stage_label(target))
    app.push_screen(Choice(t("exnovation.skip_title"), body, [("yes", t("exnovation.skip_yes"), "y"), ("no", t("key.cancel"), "n")], focus="no"), answered)
