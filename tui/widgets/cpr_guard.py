"""Warn when a text field holds something that looks like a CPR number, and offer to mask it."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, TypeGuard

from textual.widget import Widget
from textual.widgets import Input, Static

from models.privacy import find_cpr, mask_cpr
from tui.i18n import t

if TYPE_CHECKING:
    from textual.widgets import TextArea


def _is_text_area(widget: object) -> TypeGuard[TextArea]:
    """isinstance(widget, TextArea) without importing TextArea (~7 ms, not needed at home): a
    TextArea exists only once its module has been imported."""
    module = sys.modules.get("textual.widgets._text_area")
    return module is not None and isinstance(widget, module.TextArea)


def field_text(widget: Widget) -> str | None:
    if isinstance(widget, Input):
        return widget.value
    if _is_text_area(widget):
        return widget.text
    return None


def mask_field(widget: Widget | None) -> bool:
    """Mask the CPR-like numbers in a text field. True if there was one."""
    text = field_text(widget) if widget is not None else None
    if text is None or not find_cpr(text):
        return False
    if isinstance(widget, Input):
        widget.value = mask_cpr(text)
    elif _is_text_area(widget):
        widget.text = mask_cpr(text)
    return True


class CprWarning(Static):
    """A bar that names the field holding a CPR-like number; F2 or ctrl+r masks it."""

    DEFAULT_CSS = """
    CprWarning { height: auto; padding: 0 1; display: none; text-style: bold reverse; }
    CprWarning.-visible { display: block; }
    """

    def __init__(self) -> None:
        super().__init__(id="cpr-warning")
        self.field: Input | TextArea | None = None

    def inspect(self, widget: Input | TextArea) -> None:
        text = field_text(widget)
        if text is not None and find_cpr(text):
            self.field = widget
            self.update(t("cpr.warning"))
            self.add_class("-visible")
        elif widget is self.field or self.field is None:
            self.field = None
            self.remove_class("-visible")

    def mask(self) -> bool:
        """Mask the numbers in the flagged field. True if there was one."""
        widget, self.field = self.field, None
        if widget is None or not widget.is_attached:  # gone with its dialog: nothing to mask
            self.remove_class("-visible")
            return False
        if isinstance(widget, Input):
            widget.value = mask_cpr(widget.value)
        else:
            widget.text = mask_cpr(widget.text)
        self.remove_class("-visible")
        return True
