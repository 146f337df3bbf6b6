"""A DataTable that repaints nothing for a key that moves nothing.

Textual's DataTable hides the mouse's hover cursor on every cursor key and repaints that row
even when it was hidden already: ↑ on the first row sent the row again (150 bytes over SSH).
"""

from __future__ import annotations

from textual.widgets import DataTable


class QuietTable(DataTable):
    def _set_hover_cursor(self, active: bool) -> None:
        if active == self._show_hover_cursor:
            return  # already so: nothing changes on the screen
        super()._set_hover_cursor(active)
