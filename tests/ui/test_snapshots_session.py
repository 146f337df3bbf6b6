"""SVG snapshots of the supervision screen's tabs and of the privacy screen at 80x24
(update with: pytest tests/ui/test_snapshots_session.py --snapshot-update).

Deterministic: the demo documents have fixed ids and dates, 'today' is fixed, cursors do not
blink, and the toast that the privacy key shows is cleared before the picture is taken.
"""

from __future__ import annotations

import pytest

from tests.ui.helpers import settle
from tui.widgets.tab_row import TabRow

SIZE = (80, 24)


def open_session(tab: str | None = None, *, private: bool = False, focus: str | None = None):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("slash", *"november", "enter", "enter")
        await settle(pilot)
        if tab is not None:
            pilot.app.screen.query_one(TabRow).active = tab
            await settle(pilot)
        if focus is not None:
            pilot.app.screen.query_one(focus).focus()
            await settle(pilot)
        if private:
            await pilot.press("f3")
            await settle(pilot)
            pilot.app.clear_notifications()
            await pilot.pause()

    return run_before


@pytest.mark.parametrize(
    ("tab", "focus"),
    [("tab-session", None), ("tab-storm", None), ("tab-maturity", None), ("tab-actions", "#actions")],
)
def test_session_tabs(snap_compare, demo_locations, make_app, tab, focus):
    assert snap_compare(make_app(demo_locations), terminal_size=SIZE, run_before=open_session(tab, focus=focus))


def test_session_storm_with_the_privacy_screen(snap_compare, demo_locations, make_app):
    assert snap_compare(make_app(demo_locations), terminal_size=SIZE, run_before=open_session("tab-storm", private=True))


def test_home_with_the_privacy_screen(snap_compare, demo_locations, make_app):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(demo_locations), terminal_size=SIZE, run_before=run_before)


def test_new_action_form(snap_compare, demo_locations, make_app):
    async def run_before(pilot):
        await open_session("tab-actions", focus="#actions")(pilot)
        await pilot.press("a")
        await settle(pilot)

    assert snap_compare(make_app(demo_locations), terminal_size=SIZE, run_before=run_before)


def test_session_with_carried_agreements(snap_compare, demo_locations, make_app):
    """The November session after taking a stand on October's open agreements: the overdue one
    kept (marked overdue, "from 2026-10-15"), the other closed."""

    async def run_before(pilot):
        await open_session("tab-actions", focus="#actions")(pilot)
        await pilot.press("c")
        await settle(pilot)
        await pilot.press("b")
        await settle(pilot)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("ctrl+s")  # saved: the marker does not depend on when autosave ran
        await settle(pilot)
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(demo_locations), terminal_size=SIZE, run_before=run_before)
