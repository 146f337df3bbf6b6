"""Team folders in the app: the home list, a board a colleague holds (nominate and vote through
its inbox, see their saves, take it over when they close it), the change log on F6, moving a
document out of the team. The colleague is played by a lock of another host."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

import saved.platform
from models.documents import Case
from models.exnovation import Exnovation
from models.exnovation import Item
from saved import changelog, inbox, store
from saved.files import forget_team_roots
from saved.team import open_team
from saved.toml_read import tomllib
from tests.ui.helpers import burst, keys_done, notes_editor, screen_layouts, screen_text, settle
from tui.document.history import HistoryScreen
from tui.exnovation.inbox import NominateScreen, VoteScreen
from tui.exnovation.screen import ExnovationScreen

pytestmark = pytest.mark.skipif(saved.platform.WINDOWS, reason="team folders are POSIX only")
HOSTILE = "Stop \x1b[31mrød\x1b]8;;http://x\x07 \x9b \u202e [bold]x <script>"
COLLEAGUE = {"user": "kollega", "host": "node2", "pid": 4242, "since": "2026-11-30T09:15:00+01:00"}


@pytest.fixture(autouse=True)
def _forget():
    yield
    forget_team_roots()


@pytest.fixture
def team(tmp_path: Path):
    folder = tmp_path / "team"
    folder.mkdir()
    os.chmod(folder, 0o2770)
    return open_team(folder)


def team_app(make_app, locations, team):
    app = make_app(locations)
    app.teams = [team]
    return app


def held_by_colleague(team, path: Path) -> None:
    team.locations.lock_of(path).write_text(json.dumps(COLLEAGUE))


async def open_first(pilot, title: str) -> None:
    await settle(pilot)
    home = pilot.app.screen
    entry = next(e for e in home.entries if e.title == title)
    pilot.app.open_entry(entry)
    await settle(pilot)


async def test_the_home_list_shows_team_documents_marked_and_saves_go_to_the_team(locations, make_app, team):
    store.create(locations, Case(title="Egen sag"))
    shared = store.create(team.locations, Case(title="Fælles sag"))
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        text = screen_text(app)
        assert "Egen sag" in text and "Fælles sag" in text
        assert text.count(f"◆ {team.name}") == 1
        burst(app, "/", team.name, "enter")  # the team's name finds its documents
        await keys_done(pilot)
        assert "Fælles sag" in screen_text(app) and "Egen sag" not in screen_text(app)
        burst(app, "/", "escape")
        await keys_done(pilot)
        await open_first(pilot, "Fælles sag")
        (await notes_editor(app)).focus()
        burst(app, "ny note", "ctrl+s")
        await keys_done(pilot)
    assert tomllib.loads(shared.path.read_text())["notes"] == "ny note"
    assert oct(shared.path.stat().st_mode & 0o777) == "0o660"
    assert [e.event for e in changelog.read(shared.path)][-1] == "save" and changelog.read(shared.path)[-1].parts == ("notes",)


async def test_nominate_and_vote_while_a_colleague_holds_the_board_then_take_it_when_they_close(locations, make_app, team):
    item = Item(what="Ugentlig statusmail", nominated_on=date(2026, 11, 1))
    board = store.create(team.locations, Exnovation(title="Tavle", items=[item]))
    held_by_colleague(team, board.path)
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "Tavle")
        assert isinstance(app.screen, ExnovationScreen) and app.sessions[-1].read_only
        burst(app, "n")
        await keys_done(pilot)
        assert isinstance(app.screen, NominateScreen)
        text = screen_text(app)
        assert "kollega@node2" in text and "eneste spor" in text  # says plainly what trace is left
        app.screen.query_one("#anonymous").value = True
        app.screen.query_one("#what").focus()
        burst(app, HOSTILE, "ctrl+s")
        await keys_done(pilot)
        assert isinstance(app.screen, ExnovationScreen)
        [entry] = inbox.inbox_of(board.path).glob("nomination-*.toml")
        assert saved.platform.user_name().encode() not in entry.read_bytes()
        burst(app, "d")
        await keys_done(pilot)
        assert isinstance(app.screen, VoteScreen)
        assert "Flere prikker" not in screen_text(app)  # a reader cannot change the number
        burst(app, "+")
        burst(app, "enter")
        await keys_done(pilot)
        assert "1 af 3" not in screen_text(app) and "2 af 3" in screen_text(app)  # a dot spent, waiting
        burst(app, "enter")  # the same item again: the dot, not merged yet, is withdrawn
        await keys_done(pilot)
        assert list(inbox.inbox_of(board.path).glob("vote-*.toml")) == [] and "3 af 3" in screen_text(app)
        burst(app, "enter")
        await keys_done(pilot)
        assert len(list(inbox.inbox_of(board.path).glob("vote-*.toml"))) == 1
        burst(app, "escape")
        await keys_done(pilot)
        # Nothing merged while the colleague holds it; they close it: ours, merged.
        app.follow_team()
        await settle(pilot)
        assert len(store.load(board.path).document.items) == 1
        team.locations.lock_of(board.path).unlink()
        app.follow_team()
        await settle(pilot)
        assert not app.sessions[-1].read_only
        text = screen_text(app)
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text
        assert "Stop" in text
        assert "● 1 prik" in text  # the first item's dot, on the board's detail line
        burst(app, "d", "+", "+", "-")  # the holder now: 4 dots each
        await keys_done(pilot)
        assert "af 4 prikker" in screen_text(app)
        burst(app, "escape", "ctrl+s")
        await keys_done(pilot)
    after = store.load(board.path).document
    assert after.items[0].what == "Ugentlig statusmail"
    assert after.items[1].what.startswith("Stop") and "[bold]x <script>" in after.items[1].what  # as the field took it
    assert after.items[1].nominated_by == "" and len(after.votes) == 1 and after.votes[0].item_id == item.id
    assert after.dots_per_person == 4
    assert inbox.waiting(board.path) == 0
    assert "merged" in [e.event for e in changelog.read(board.path)]


async def test_the_dots_follow_the_holders_merge_while_voting(locations, make_app, team):
    """A reader's dots, merged by the holder, still showed 0 on the open voting screen (found in
    tmux with alice holding the board and bob voting)."""
    from models.team import Vote

    board = store.create(team.locations, Exnovation(title="Tavle", items=[Item(what="Ugentlig statusmail", nominated_on=date(2026, 11, 30))]))
    held_by_colleague(team, board.path)
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "Tavle")
        burst(app, "d")
        await keys_done(pilot)
        assert isinstance(app.screen, VoteScreen) and "talt med på tavlen: 0" in screen_text(app)
        assert "⏎ Sæt/tag prik" in screen_text(app)  # its footer said "⏎ Åbn"
        colleague = store.load(board.path)
        colleague.document.votes = [Vote(item_id=board.document.items[0].id, voter=saved.platform.user_name())]
        store.save(team.locations, colleague)
        app.follow_team()
        await settle(pilot)
        assert isinstance(app.screen, VoteScreen) and "talt med på tavlen: 1" in screen_text(app)


async def test_a_reader_sees_the_holders_saves_appear(locations, make_app, team):
    board = store.create(team.locations, Exnovation(title="Tavle"))
    held_by_colleague(team, board.path)
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "Tavle")
        assert "Praksis fra kollegaen" not in screen_text(app)
        colleague = store.load(board.path)
        colleague.document.items = [Item(what="Praksis fra kollegaen", nominated_on=date(2026, 11, 30))]
        store.save(team.locations, colleague)
        app.follow_team()
        await settle(pilot)
        assert "Praksis fra kollegaen" in screen_text(app)
        assert app.sessions[-1].read_only  # still theirs
        # They close it and a third member opens it before our next look: we are told who has it now.
        team.locations.lock_of(board.path).write_text(json.dumps({**COLLEAGUE, "user": "tredje", "host": "node3"}))
        app.follow_team()
        await settle(pilot)
        assert "tredje@node3" in screen_text(app) and app.sessions[-1].read_only


async def test_the_home_list_follows_the_team_folder(locations, make_app, team):
    """A colleague's new case, and their opening it, showed on the home list only after a
    document was opened and closed (found in tmux with two Unix users)."""
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "Kollegaens sag" not in screen_text(app)
        made = store.create(team.locations, Case(title="Kollegaens sag"))
        app.follow_team()
        await settle(pilot)
        assert "Kollegaens sag" in screen_text(app)
        held_by_colleague(team, made.path)
        app.follow_team()
        await settle(pilot)
        assert "i brug" in screen_text(app)
        with screen_layouts() as layouts:  # every few seconds: nothing changed, nothing laid out
            app.follow_team()
            await settle(pilot)
        assert layouts == []


async def test_f6_shows_who_changed_what(locations, make_app, team):
    shared = store.create(team.locations, Case(title="Fælles sag"))
    shared.document.notes = HOSTILE
    store.save(team.locations, shared)
    # A member who edits the log by hand can write anything into it: shown harmless.
    with open(changelog.log_path(shared.path), "a") as log:
        log.write(json.dumps({"at": "2026-11-30T10:00", "user": HOSTILE, "host": "h", "event": "save", "parts": [HOSTILE]}) + "\n")
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "Fælles sag")
        burst(app, "f6")
        await keys_done(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "Ændringslog" in text and "notes" in text and saved.platform.user_name()[:10] in text and "gemt" in text
        assert "\x1b" not in text and "\x9b" not in text and "\u202e" not in text and "\x07" not in text


async def test_f6_shows_the_change_log_from_the_notes_too(locations, make_app, team):
    """Textual's TextArea takes f6 for itself (select the line): from the notes, where a case
    often has focus, F6 did nothing (found in tmux as two team members)."""
    store.create(team.locations, Case(title="Fælles sag"))
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "Fælles sag")
        (await notes_editor(app)).focus()
        await keys_done(pilot)
        burst(app, "f6")
        await keys_done(pilot)
        assert isinstance(app.screen, HistoryScreen)


async def test_f6_says_the_logs_own_words_in_danish(locations, make_app, team):
    """A move, a merge and an export were listed as the log writes them: "from private", "items +1,
    votes +0, votes -0", "html, full, file" in the Danish app (found in tmux)."""
    shared = store.create(team.locations, Case(title="Fælles sag"))
    for event, parts in (("moved", ["from private"]), ("merged", ["items +1", "votes +2", "votes -0"]), ("export", ["html", "full", "file"])):
        changelog.append(shared.path, event, parts)
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "Fælles sag")
        burst(app, "f6")
        await keys_done(pilot)
        text = screen_text(app)
        assert "eksporteret  html" in text and "fra en egen mappe" in text and "+1 punkt, +2 prikker  " in text and "html, med fritekst, fil" in text
        assert "from private" not in text and "items +" not in text and "full" not in text


async def test_t_moves_a_document_out_of_the_team_and_back(locations, make_app, team):
    shared = store.create(team.locations, Case(title="Fælles sag"))
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t", "y")
        await keys_done(pilot)
        assert not shared.path.exists() and [p.name for p in locations.document_files()] == [shared.path.name]
        assert f"◆ {team.name}" not in screen_text(app)
        burst(app, "t", "1")
        await keys_done(pilot)
        assert shared.path.exists() and locations.document_files() == []
        assert f"◆ {team.name}" in screen_text(app)
    assert [e.event for e in changelog.read(shared.path)] == ["save", "moved", "moved"]


async def test_t_on_a_document_a_colleague_has_open_says_it_is_not_moved(locations, make_app, team):
    """It said "kan ikke slettes nu" (the delete's words) for a move (found in tmux as alice,
    with bob in the case)."""
    shared = store.create(team.locations, Case(title="Fælles sag"))
    held_by_colleague(team, shared.path)
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        burst(app, "t")
        await keys_done(pilot)
        [said] = [n.message for n in app._notifications]
        assert said.startswith("Ikke flyttet: dokumentet er åbent hos kollega@node2")
    assert shared.path.exists()


def test_a_wrong_team_folder_on_the_command_line_stops_with_how_to_set_it_up(tmp_path, capsys):
    from saved.locations import Locations
    from tui.__main__ import build_parser, run_app

    wrong = tmp_path / "wrong"
    wrong.mkdir()
    os.chmod(wrong, 0o775)
    args = build_parser().parse_args(["--team", str(wrong), "--team", str(tmp_path)])
    assert args.team == [str(wrong), str(tmp_path)]
    assert run_app(Locations(tmp_path / "data"), None, teams=[str(wrong)]) == 2
    err = capsys.readouterr().err
    assert "Teammappen bruges ikke" in err and "install -d -m 2770 -g" in err


async def test_a_damaged_team_document_keeps_its_team_mark(locations, make_app, team):
    """Its folder says it is the team's even when the file cannot be read."""
    (team.locations.documents / "case-brokenab.toml").write_text('kind = "case"\ntitle = x\n')
    (locations.documents / "case-brokencd.toml").write_text('kind = "case"\ntitle = x\n')
    for width in (80, 120):
        app = team_app(make_app, locations, team)
        async with app.run_test(size=(width, 24)) as pilot:
            await settle(pilot)
            text = screen_text(app)
            assert text.count("✗ BESKADIGET") == 2
            assert text.count("✗ BESKADIGET, ◆") == 1, "the team's; the own one has no mark"
            if width == 120:
                assert f"✗ BESKADIGET, ◆ {team.name}" in text


async def test_f6_on_a_team_document_with_an_empty_log_says_it_is_empty(locations, make_app, team):
    """It said that only documents in a team folder have a change log: this one is in one."""
    shared = store.create(team.locations, Case(title="Fælles sag"))
    changelog.log_path(shared.path).unlink(missing_ok=True)  # e.g. a file copied into the folder
    app = team_app(make_app, locations, team)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_first(pilot, "Fælles sag")
        burst(app, "f6")
        await keys_done(pilot)
        assert isinstance(app.screen, HistoryScreen)
        text = screen_text(app)
        assert "Ændringsloggen er tom" in text and "kun dokumenter i en teammappe" not in text
