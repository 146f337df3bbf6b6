"""The screen of each document kind. The kinds themselves are models.documents.DOCUMENT_KINDS
and their report sections saved.reports.SECTIONS; a test checks that the three agree."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.document.screen import DocumentScreen

#: kind → (module, class). Imported when first opened: a kind's screen costs nothing until then.
SCREENS = {
    "case": ("tui.case.screen", "CaseScreen"),
    "exnovation": ("tui.exnovation.screen", "ExnovationScreen"),
    "supervision": ("tui.supervision.screen", "SupervisionScreen"),
}


def screen_for(kind: str) -> type[DocumentScreen]:
    module, name = SCREENS[kind]
    return getattr(import_module(module), name)
