"""SVG snapshots of the network tab: the list, the map and the analysis, at 80x24 and 120x40
(the map at 160x48 too; update with: pytest --snapshot-update). Deterministic: the demo case has fixed ids, today is fixed."""

from __future__ import annotations

import pytest

from tests.ui.helpers import settle

SIZES = [(80, 24), (120, 40)]


def open_network_then(*keys: str):
    async def run(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await pilot.press("right", "right", "tab")
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
        await pilot.pause()

    return run


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_network_list(snap_compare, demo_locations, make_app, size):
    assert snap_compare(make_app(demo_locations), terminal_size=size, run_before=open_network_then("down"))


@pytest.mark.parametrize("size", [*SIZES, (160, 48)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_network_map(snap_compare, demo_locations, make_app, size):
    assert snap_compare(make_app(demo_locations), terminal_size=size, run_before=open_network_then("down", "m"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_network_analysis(snap_compare, demo_locations, make_app, size):
    assert snap_compare(make_app(demo_locations), terminal_size=size, run_before=open_network_then("i"))


def test_tie_dialog(snap_compare, demo_locations, make_app):
    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=open_network_then("tab", "enter"))


def test_network_map_no_color(snap_compare, demo_locations, make_app, monkeypatch):
    """Under NO_COLOR the weak ties are still dashed and each conflict's × in reverse video."""
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=open_network_then("down", "m"))
