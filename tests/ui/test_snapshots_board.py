"""SVG snapshots of the exnovation board at 80x24: the board, the priority matrix, the force field
and the item editor (update with: pytest --snapshot-update). Deterministic: the demo board has
fixed ids and dates, 'today' is fixed (2026-11-23), cursors do not blink."""

from __future__ import annotations

from tests.ui.helpers import settle


async def open_board(pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", *"Exnovation", "enter", "enter")
    await settle(pilot)


def test_board(snap_compare, demo_locations, make_app):
    async def run_before(pilot):
        await open_board(pilot)
        await pilot.press("down", "down")  # the overdue fax item: its detail line says so

    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=run_before)


def test_matrix(snap_compare, demo_locations, make_app):
    async def run_before(pilot):
        await open_board(pilot)
        await pilot.press("m")
        await pilot.pause()

    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=run_before)


def test_matrix_wide(snap_compare, demo_locations, make_app):
    """160x48, the untriaged item selected with u: stage and owner on each line, full guidance."""

    async def run_before(pilot):
        await open_board(pilot)
        await pilot.press("m", "u")
        await pilot.pause()

    assert snap_compare(make_app(demo_locations), terminal_size=(160, 48), run_before=run_before)


def test_force_field(snap_compare, demo_locations, make_app):
    async def run_before(pilot):
        await open_board(pilot)
        await pilot.press("f", "right")  # the hindering side selected
        await pilot.pause()

    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=run_before)


def test_item_editor(snap_compare, demo_locations, make_app):
    async def run_before(pilot):
        await open_board(pilot)
        await pilot.press(*["down"] * 5, "enter")  # the item required by law (§)
        await pilot.pause()

    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=run_before)


def meeting(keys: tuple[str, ...]):
    async def run_before(pilot):
        await open_board(pilot)
        await pilot.press("v", *keys)
        await pilot.pause()

    return run_before


def test_meeting_table(snap_compare, demo_locations, make_app):
    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=meeting(()))


def test_meeting_forces(snap_compare, demo_locations, make_app):
    assert snap_compare(make_app(demo_locations), terminal_size=(80, 24), run_before=meeting(("tab", "tab")))


def test_meeting_table_wide(snap_compare, demo_locations, make_app):
    assert snap_compare(make_app(demo_locations), terminal_size=(160, 48), run_before=meeting(("down", "down")))


def test_meeting_matrix_wide(snap_compare, demo_locations, make_app):
    assert snap_compare(make_app(demo_locations), terminal_size=(160, 48), run_before=meeting(("tab",)))


def test_meeting_forces_wide(snap_compare, demo_locations, make_app):
    assert snap_compare(make_app(demo_locations), terminal_size=(160, 48), run_before=meeting(("tab", "tab")))
