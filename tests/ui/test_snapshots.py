"""SVG snapshots of the main screens at 80x24 (update with: pytest --snapshot-update).

Deterministic: the demo documents have fixed ids and dates, 'today' is fixed, cursors do not
blink. SVGs are truecolour only; NO_COLOR is checked here too, 16 colours in test_colours.py.
"""

from __future__ import annotations

import os

from tests.ui.helpers import settle


def test_home(snap_compare, demo_locations, make_app):
    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=settle)


def test_home_with_a_damaged_file(snap_compare, demo_locations, make_app):
    broken = demo_locations.documents / "case-brokenaa.toml"
    broken.write_text('kind = "case"\nschema_version = 1\ntitle = 7\n')
    os.utime(broken, (1_790_000_000, 1_790_000_000))  # a fixed "changed" time

    async def select_damaged(pilot):
        await settle(pilot)
        await pilot.press("slash", *"case-broken", "enter")
        await pilot.pause()

    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=select_damaged)


def test_case_overview(snap_compare, demo_locations, make_app):
    async def open_case(pilot):
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=open_case)


def test_help_on_home(snap_compare, demo_locations, make_app):
    async def help_(pilot):
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=help_)


def test_home_no_color(snap_compare, demo_locations, make_app, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(demo_locations)
    assert app.no_color
    assert snap_compare(app, terminal_size=(80, 24), run_before=settle)
