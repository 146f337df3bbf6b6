"""Snapshots of the gauge at 80x24: the gauge, the history, the switch point, the form; NO_COLOR too."""

from __future__ import annotations

import pytest

from tests.ui.helpers import settle


def open_gauge_then(*keys: str):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right", "tab", *keys)
        await settle(pilot)

    return run_before


@pytest.mark.parametrize(
    "keys",
    [(), ("v",), ("v", "v"), ("v", "v", "v"), ("n", "7", "tab", "tab", "tab", "tab", "tab", "4", "tab", "tab", "3")],
    ids=["gauge", "list", "history", "switch_point", "form"],
)
def test_gauge_views(snap_compare, demo_locations, make_app, keys):
    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=open_gauge_then(*keys))


def test_gauge_no_color(snap_compare, demo_locations, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=open_gauge_then())
