"""SVG snapshots at 80x24 of the team screens: nominating to a board a colleague holds, and dot
voting (update with: pytest --snapshot-update). The demo board is moved into a team folder and
held by a fixed colleague (kollega@node2), so nothing depends on this machine."""

from __future__ import annotations

import json
import os

import pytest

import saved.platform
from models.team import Vote
from saved import store
from saved.files import forget_team_roots
from saved.team import move, open_team
from tests.ui.helpers import settle

pytestmark = pytest.mark.skipif(saved.platform.WINDOWS, reason="team folders are POSIX only")


@pytest.fixture
def team_board(tmp_path, demo_locations):
    folder = tmp_path / "team"
    folder.mkdir()
    os.chmod(folder, 0o2770)
    team = open_team(folder)
    [board] = [p for p in demo_locations.document_files() if p.name.startswith("exnovation")]
    moved = move(board, demo_locations, team.locations)
    loaded = store.load(moved)
    loaded.document.votes = [Vote(item_id="exnvaaaa", voter="a"), Vote(item_id="exnvaaaa", voter="b"), Vote(item_id="exnvcccc", voter="a")]
    store.save(team.locations, loaded)
    team.locations.lock_of(moved).write_text(json.dumps({"user": "kollega", "host": "node2", "pid": 4242, "since": "2026-11-23T09:15:00+01:00"}))
    yield team
    forget_team_roots()


def build(make_app, locations, team):
    app = make_app(locations)
    app.teams = [team]
    return app


async def open_board(pilot) -> None:
    await settle(pilot)
    await pilot.press("slash", *"Exnovation", "enter", "enter")
    await settle(pilot)


def test_nominate_to_a_held_board(snap_compare, demo_locations, make_app, team_board):
    async def run_before(pilot):
        await open_board(pilot)
        await pilot.press("n", *"Faxen til kommunen")
        await pilot.pause()

    assert snap_compare(build(make_app, demo_locations, team_board), terminal_size=(80, 24), run_before=run_before)


def test_dot_voting(snap_compare, demo_locations, make_app, team_board):
    async def run_before(pilot):
        await open_board(pilot)
        await pilot.press("d")
        await pilot.pause()

    assert snap_compare(build(make_app, demo_locations, team_board), terminal_size=(80, 24), run_before=run_before)
