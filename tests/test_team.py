"""Team folders (saved/team.py): checked as strictly as the private directory, written for the
team's group only, and every save there recorded in the document's change log (saved/changelog.py).

One user and their own group suffice here; tests/test_two_users_team.py uses two real users."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

import saved.platform
from models.documents import Case, ExportRecord
from models.exnovation import Exnovation
from saved import changelog, lock, store
from saved.files import UnsafePath, forget_team_roots
from saved.team import TeamFolderError, open_team, team_of, teams_from

#: Team folders are POSIX only; on Windows they are refused (test_refused_on_windows runs there too).
POSIX = saved.platform.WINDOWS


@pytest.fixture(autouse=True)
def _posix_only(request):
    if POSIX and request.node.name != "test_refused_on_windows":
        pytest.skip("team folders are POSIX only")


@pytest.fixture(autouse=True)
def _forget():
    yield
    forget_team_roots()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """What `install -d -m 2770 -g GROUP DIR` makes, with this user's own group."""
    path = tmp_path / "team"
    path.mkdir()
    os.chmod(path, 0o2770)
    return path


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_a_team_folder_is_written_for_the_group_only_whatever_the_umask(folder):
    old = os.umask(0o077)
    try:
        team = open_team(folder)
        loaded = store.create(team.locations, Case(title="K.M."))
        store.save(team.locations, loaded)
        lock.acquire(team.locations.lock_of(loaded.path))
    finally:
        os.umask(old)
    docs = team.locations.documents
    assert mode(docs) == 0o2770 and mode(team.locations.backups) == 0o2770
    assert mode(loaded.path) == 0o660
    assert mode(team.locations.backup_of(loaded.path)) == 0o660
    assert mode(team.locations.lock_of(loaded.path)) == 0o660
    assert mode(changelog.log_path(loaded.path)) == 0o660
    assert all(os.lstat(p).st_gid == team.gid for p in (docs, loaded.path, changelog.log_path(loaded.path)))
    from saved import recovery

    copy = recovery.write(team.locations, loaded)
    assert mode(copy) == 0o660 and mode(copy.parent) == 0o2770 and os.lstat(copy).st_gid == team.gid
    lock.release(team.locations.lock_of(loaded.path))


def test_a_private_folder_stays_private_beside_a_team(folder, locations):
    open_team(folder)
    loaded = store.create(locations, Case(title="egen"))
    assert mode(loaded.path) == 0o600 and mode(locations.documents) == 0o700
    assert not changelog.log_path(loaded.path).exists()


@pytest.mark.parametrize(
    ("bits", "said"),
    [
        (0o2775, "open to users outside the team"),
        (0o2777, "open to users outside the team"),
        (0o0770, "not a team folder"),
        (0o2750, "not a team folder"),
    ],
)
def test_a_wrong_folder_is_refused_with_how_to_set_it_up(folder, bits, said):
    os.chmod(folder, bits)
    with pytest.raises(TeamFolderError) as error:
        open_team(folder)
    assert said in str(error.value)
    assert f"install -d -m 2770 -g {saved.platform.group_name(os.lstat(folder).st_gid)} '{folder}'" in str(error.value)


def test_a_missing_folder_or_a_link_is_refused(tmp_path, folder):
    with pytest.raises(TeamFolderError, match="does not exist; set it up with: install -d -m 2770 -g GROUP"):
        open_team(tmp_path / "nowhere")
    (tmp_path / "link").symlink_to(folder)
    with pytest.raises(TeamFolderError, match="symbolic link"):
        open_team(tmp_path / "link")


def test_a_parent_strangers_can_write_is_refused(tmp_path):
    parent = tmp_path / "open"
    parent.mkdir()
    os.chmod(parent, 0o777)
    team = parent / "team"
    team.mkdir()
    os.chmod(team, 0o2770)
    with pytest.raises(TeamFolderError, match="parent of the team folder.*chmod go-w"):
        open_team(team)
    os.chmod(parent, 0o1777)  # sticky, as /tmp: nobody renames another's entry
    assert open_team(team).root == team


def test_a_subfolder_changed_under_us_is_refused(folder):
    team = open_team(folder)
    os.chmod(team.locations.documents, 0o2777)
    with pytest.raises(UnsafePath, match="open to users outside the team"):
        store.create(team.locations, Case(title="x"))


def test_several_teams_and_their_problems(tmp_path, folder):
    other = tmp_path / "other"
    other.mkdir()
    os.chmod(other, 0o755)
    teams, problems = teams_from([str(folder), str(folder), str(other)])
    assert [team.root for team in teams] == [folder]
    assert len(problems) == 1 and "install -d -m 2770" in problems[0]
    assert team_of(teams, folder / "documents" / "case-x.toml") == teams[0]
    assert team_of(teams, tmp_path / "documents" / "case-x.toml") is None


def test_every_save_is_in_the_change_log_with_field_paths_never_text(folder):
    team = open_team(folder)
    loaded = store.create(team.locations, Exnovation(title="Tavle"))
    from models.exnovation import Item
    from datetime import date

    secret = "Borger K.M. \x1b[31m hemmelig"
    loaded.document.items = [Item(what=secret, nominated_on=date(2026, 11, 30))]
    store.save(team.locations, loaded)
    item_id = loaded.document.items[0].id
    loaded.document.items[0].stage = "assessed"
    loaded.document.notes = secret
    store.save(team.locations, loaded)
    loaded.document.exports = [ExportRecord(format="md", private=True, to="file", path="/tmp/K.M. report.md")]
    store.save(team.locations, loaded)
    events = changelog.read(loaded.path)
    assert [e.event for e in events] == ["save", "save", "save", "export"]
    assert events[0].parts == ("(new)",)
    assert events[1].parts == (f"items[+{item_id}]",)
    assert set(events[2].parts) == {f"items[{item_id}].stage", "notes"}
    assert events[3].parts == ("md", "private", "file")
    assert all(e.user == saved.platform.user_name() for e in events)
    raw = changelog.log_path(loaded.path).read_bytes()
    assert b"hemmelig" not in raw and b"K.M." not in raw and b"\x1b" not in raw


def test_the_log_is_bounded_and_damaged_lines_are_skipped(folder, monkeypatch):
    team = open_team(folder)
    loaded = store.create(team.locations, Case(title="x"))
    monkeypatch.setattr(changelog, "MAX_BYTES", 2000)
    for _ in range(60):
        changelog.append(loaded.path, "save", ["notes"])
    log = changelog.log_path(loaded.path)
    assert log.stat().st_size <= 2000 + changelog.MAX_LINE
    assert log.with_name(log.name + ".1").exists()
    with open(log, "ab") as handle:
        handle.write(b"not json\n" + json.dumps({"event": "evil", "at": 1, "user": 2, "host": 3}).encode() + b"\n")
    events = changelog.read(loaded.path)
    assert events and all(e.event == "save" for e in events)


def test_field_paths_show_no_user_keys():
    old = {"title": "a", "storm": {"s1": "x"}, "quadrant_labels": {}}
    new = {"title": "b", "storm": {"s1": "y", "Borger K.M.": "z"}, "quadrant_labels": {}}
    assert changelog.changed_parts(old, new) == ["title", "storm.s1", "storm.?"]


def test_refused_on_windows(monkeypatch, folder):
    monkeypatch.setattr(saved.platform, "WINDOWS", True)
    with pytest.raises(TeamFolderError, match="need a Linux or Unix server"):
        open_team(folder)


def test_a_document_leaves_the_team_and_comes_back_with_its_backup_and_log(folder, locations):
    from saved.team import CannotMove, move
    from saved import inbox

    team = open_team(folder)
    loaded = store.create(team.locations, Exnovation(title="Tavle"))
    loaded.document.notes = "ændret"
    store.save(team.locations, loaded)
    private = move(loaded.path, team.locations, locations)
    assert not loaded.path.exists() and not team.locations.backup_of(loaded.path).exists()
    assert store.load(private).document.notes == "ændret"
    assert mode(private) == 0o600 and mode(locations.backup_of(private)) == 0o600
    assert mode(changelog.log_path(private)) == 0o600 and mode(changelog.log_path(private).parent) == 0o700
    assert [e.event for e in changelog.read(private)] == ["save", "save", "moved"]
    back = move(private, locations, team.locations)
    assert mode(back) == 0o660 and mode(team.locations.backup_of(back)) == 0o660
    assert [e.event for e in changelog.read(back)] == ["save", "save", "moved", "moved"]
    assert changelog.read(back)[-1].parts == ("from private",)
    assert not private.exists() and not changelog.log_path(private).exists()
    inbox.nominate(back, "venter")
    with pytest.raises(CannotMove, match="wait in its inbox"):
        move(back, team.locations, locations)
    inbox.remove(back, [p.name for p in inbox.inbox_of(back).iterdir()])
    # A colleague on another login node has it open: not moved from under them.
    team.locations.lock_of(back).write_text(json.dumps({"user": "kollega", "host": "node2", "pid": 7, "since": "2026-11-30T10:00:00+01:00"}))
    with pytest.raises(lock.LockHeld):
        move(back, team.locations, locations)
    assert back.exists() and team.locations.lock_of(back).exists()


def test_the_settings_name_team_folders(tmp_path, folder):
    from saved.locations import Locations

    locations = Locations(tmp_path / "data", tmp_path / "config")
    (tmp_path / "config").mkdir(mode=0o700)
    (tmp_path / "config" / "settings.toml").write_text(f'teams = ["{folder}", "{tmp_path / "nowhere"}"]\n')
    settings, problems = store.load_settings(locations)
    assert problems == [] and settings.teams == [str(folder), str(tmp_path / "nowhere")]
    teams, unusable = teams_from(settings.teams)
    assert [t.root for t in teams] == [folder] and "does not exist" in unusable[0]


@pytest.mark.parametrize("planted", ["symlink", "fifo", "directory"])
def test_a_change_log_planted_over_does_not_undo_the_save(folder, tmp_path, planted):
    team = open_team(folder)
    loaded = store.create(team.locations, Case(title="x"))
    log = changelog.log_path(loaded.path)
    log.unlink()
    if planted == "symlink":
        victim = tmp_path / "victim"
        victim.write_text("")
        log.symlink_to(victim)
    elif planted == "fifo":
        os.mkfifo(log)
    else:
        log.mkdir()
    loaded.document.notes = "gemt"
    store.save(team.locations, loaded)
    assert store.load(loaded.path).document.notes == "gemt"
    assert loaded.log_problem is not None and str(log) in loaded.log_problem
    assert planted != "symlink" or (tmp_path / "victim").read_text() == ""


def test_export_of_a_team_document_from_the_command_line_is_logged(folder, locations, capsys):
    from tui.__main__ import export, team_locations

    team = open_team(folder)
    loaded = store.create(team.locations, Case(title="Fælles"))
    forget_team_roots()  # a fresh command line: only --team names it
    team_folders = team_locations([str(folder)], loaded.path)
    assert team_folders is not None and team_folders.root == folder
    assert export(loaded.path, "md", None, locations=team_folders) == 0
    assert store.load(loaded.path).document.exports[0].to == "stdout"
    assert [e.event for e in changelog.read(loaded.path)] == ["save", "export"]
    assert mode(loaded.path) == 0o660
