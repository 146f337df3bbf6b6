"""saved.store: create, load, save with backup, no lost updates, delete, symlinks, check."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import saved.platform
from models.base import SCHEMA_VERSION
from models.documents import Case
from models.exnovation import Exnovation
from models.supervision import Supervision
from saved import lock, store
from saved.check import check
from saved.files import UnsafePath, current_fingerprint, leftover_temp_files
from saved.locations import Locations
from saved.store import ChangedOnDisk, DocumentError, create, delete, dumps, list_entries, load, save


@pytest.fixture
def locations(tmp_path: Path) -> Locations:
    locations = Locations(tmp_path / "data")
    locations.ensure()
    return locations


def all_files(root: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file() and not p.is_symlink()}


# --- create, load, save ----------------------------------------------------------------------


def test_create_writes_a_file_that_loads_back_equal(locations):
    doc = Case(title="K.L.", notes="Første samtale.\nAftalt opfølgning.", review_date=date(2030, 1, 2))
    loaded = create(locations, doc)
    assert loaded.path == locations.documents / f"case-{doc.id}.toml"
    assert loaded.path.read_bytes().startswith(f'kind = "case"\nschema_version = {SCHEMA_VERSION}\n'.encode())
    again = load(loaded.path)
    assert again.document == doc
    assert again.fingerprint == loaded.fingerprint
    assert again.newer_version is None and again.migrated_from is None
    assert not locations.backup_of(loaded.path).exists(), "nothing to back up for a new document"
    with pytest.raises(FileExistsError):
        create(locations, doc)


def test_save_updates_changed_and_the_fingerprint(locations):
    loaded = create(locations, Case(title="x", changed=datetime(2020, 1, 1, tzinfo=timezone.utc)))
    before = loaded.fingerprint
    loaded.document.notes = "more"
    after = save(locations, loaded)
    assert after == loaded.fingerprint != before
    assert loaded.document.changed > datetime(2021, 1, 1, tzinfo=timezone.utc)
    assert load(loaded.path).document == loaded.document
    save(locations, loaded)  # saving twice in a row is fine: the fingerprint is our own


def test_save_as_new_keeps_both_versions(locations):
    loaded = create(locations, Exnovation(title="Team Nord", team="Nord"))
    copy = store.save_as_new(locations, loaded)
    assert copy.document.id != loaded.document.id
    assert copy.path != loaded.path and copy.path.exists() and loaded.path.exists()
    assert load(copy.path).document.title == "Team Nord"


# --- backups ---------------------------------------------------------------------------------


def test_each_save_keeps_the_previous_bytes_as_backup(locations):
    loaded = create(locations, Supervision(title="Supervision 1", agenda="first"))
    backup = locations.backup_of(loaded.path)
    assert backup == locations.backups / f"{loaded.path.name}.bak"
    history = [loaded.path.read_bytes()]
    for n in range(3):
        loaded.document.agenda = f"version {n}"
        save(locations, loaded)
        assert backup.read_bytes() == history[-1], "backup holds exactly the previous file"
        assert stat.S_IMODE(os.lstat(backup).st_mode) == 0o600
        history.append(loaded.path.read_bytes())
    assert load(backup).document.agenda == "version 1"
    assert [p.name for p in locations.backups.iterdir()] == [backup.name]


def test_a_save_reads_the_document_twice_and_never_reads_it_back(locations, monkeypatch):
    loaded = create(locations, Case(title="x"))
    on_disk = loaded.path.read_bytes()
    opened: list[Path] = []
    real_open = os.open
    monkeypatch.setattr(os, "open", lambda path, *args, **kwargs: (opened.append(Path(path)), real_open(path, *args, **kwargs))[1])
    loaded.document.notes = "more"
    save(locations, loaded)
    reads = [path for path in opened if path.name == loaded.path.name]  # by path, or by name in its directory
    # One read both to compare with the fingerprint and to copy to the .bak; one right before the
    # rename, so that no other program's write slips in between (tests/test_concurrent_writer.py).
    assert len(reads) == 2
    assert locations.backup_of(loaded.path).read_bytes() == on_disk
    assert current_fingerprint(loaded.path) == loaded.fingerprint, "the fingerprint is of what was written"


def test_a_hand_edited_file_is_backed_up_byte_for_byte(locations):
    loaded = create(locations, Case(title="x"))
    hand_edited = loaded.path.read_bytes() + b"# a comment the user wrote\n"
    loaded.path.write_bytes(hand_edited)
    loaded = load(loaded.path)
    loaded.document.notes = "saved by samspil"
    save(locations, loaded)
    assert locations.backup_of(loaded.path).read_bytes() == hand_edited


# --- no lost updates -------------------------------------------------------------------------


def test_a_file_changed_on_disk_is_not_overwritten(locations):
    loaded = create(locations, Case(title="x", notes="ours"))
    theirs = loaded.path.read_bytes().replace(b'notes = "ours"', b'notes = "theirs, edited elsewhere"')
    loaded.path.write_bytes(theirs)
    backup_before = all_files(locations.backups)
    loaded.document.notes = "our unsaved edit"
    with pytest.raises(ChangedOnDisk):
        save(locations, loaded)
    assert loaded.path.read_bytes() == theirs
    assert all_files(locations.backups) == backup_before
    assert leftover_temp_files(locations.documents) == []
    # Reloading shows their version; then our save goes through.
    reloaded = load(loaded.path)
    assert reloaded.document.notes == "theirs, edited elsewhere"
    save(locations, reloaded)


def test_a_same_size_edit_within_one_timestamp_tick_is_still_noticed(locations):
    # Coarse clocks (FAT's 2 s, NFS, older kernels) can leave mtime and size unchanged.
    loaded = create(locations, Case(title="x", notes="aaaa"))
    theirs = loaded.path.read_bytes().replace(b"aaaa", b"bbbb")
    loaded.path.write_bytes(theirs)
    os.utime(loaded.path, ns=(loaded.fingerprint.mtime_ns, loaded.fingerprint.mtime_ns))
    assert os.stat(loaded.path).st_size == loaded.fingerprint.size
    with pytest.raises(ChangedOnDisk):
        save(locations, loaded)
    assert loaded.path.read_bytes() == theirs


def test_touching_the_file_without_changing_it_does_not_block_saving(locations):
    loaded = create(locations, Case(title="x", notes="same"))
    data = loaded.path.read_bytes()
    os.utime(loaded.path, ns=(1_000_000_000, 1_000_000_000))
    loaded.path.write_bytes(data)  # rewritten with the same bytes: new mtime, same content
    loaded.document.notes = "changed by us"
    save(locations, loaded)
    assert load(loaded.path).document.notes == "changed by us"
    assert locations.backup_of(loaded.path).read_bytes() == data


def test_a_file_deleted_on_disk_is_not_silently_recreated(locations):
    loaded = create(locations, Case(title="x"))
    os.unlink(loaded.path)
    with pytest.raises(ChangedOnDisk):
        save(locations, loaded)
    assert not loaded.path.exists()


def test_a_file_created_meanwhile_is_not_overwritten_by_create(locations):
    doc = Case(title="x")
    path = locations.document(doc.kind, doc.id)
    path.write_bytes(b"someone else's file")
    with pytest.raises(FileExistsError):
        create(locations, doc)
    assert path.read_bytes() == b"someone else's file"


# --- symlinks in the data directory -----------------------------------------------------------

CANARY = b"canary: must never change\n"


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    path = tmp_path / "canary.toml"
    path.write_bytes(CANARY)
    os.chmod(path, 0o644)
    return path


def assert_intact(canary: Path) -> None:
    assert canary.read_bytes() == CANARY
    assert stat.S_IMODE(os.stat(canary).st_mode) == 0o644


def test_symlink_at_the_document_path_is_refused(locations, canary):
    doc = Case(title="x")
    link = locations.document(doc.kind, doc.id)
    link.symlink_to(canary)
    with pytest.raises(UnsafePath, match="symbolic link"):
        create(locations, doc)
    with pytest.raises(DocumentError, match="cannot be read"):
        load(link)
    assert link.is_symlink()
    assert_intact(canary)


def test_document_replaced_by_a_symlink_after_loading_is_refused(locations, canary):
    loaded = create(locations, Case(title="x"))
    os.unlink(loaded.path)
    loaded.path.symlink_to(canary)
    loaded.document.notes = "would go into the canary"
    with pytest.raises(OSError, match="symbolic link"):
        save(locations, loaded)
    assert loaded.path.is_symlink()
    assert not locations.backup_of(loaded.path).exists()
    assert_intact(canary)


def test_symlink_at_the_backup_path_is_refused(locations, canary):
    loaded = create(locations, Case(title="x", notes="old"))
    before = loaded.path.read_bytes()
    backup = locations.backup_of(loaded.path)
    backup.symlink_to(canary)
    loaded.document.notes = "new"
    with pytest.raises(UnsafePath, match="symbolic link"):
        save(locations, loaded)
    assert loaded.path.read_bytes() == before, "no backup, no save"
    assert backup.is_symlink()
    assert_intact(canary)
    assert leftover_temp_files(locations.backups) == leftover_temp_files(locations.documents) == []


def test_symlink_at_the_lock_path_is_refused(locations, canary):
    loaded = create(locations, Case(title="x"))
    lock_path = locations.lock_of(loaded.path)
    lock_path.symlink_to(canary)
    with pytest.raises(UnsafePath, match="symbolic link"):
        lock.acquire(lock_path)
    with pytest.raises(UnsafePath, match="symbolic link"):
        lock.take_over(lock_path)
    lock.release(lock_path)
    assert lock_path.is_symlink()
    assert_intact(canary)


def test_symlink_as_the_settings_file_is_refused(locations, canary):
    from models.documents import Settings

    locations.settings.symlink_to(canary)
    with pytest.raises(UnsafePath):
        store.save_settings(locations, Settings(lang="en"))
    settings, problems = store.load_settings(locations)
    assert settings == Settings() and problems and "cannot be read" in problems[0].message
    assert_intact(canary)


@pytest.mark.parametrize("which", ["root", "documents", "backups"])
def test_symlinked_data_directories_are_refused(tmp_path, canary, which):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    os.chmod(elsewhere, 0o755)
    os.link(canary, elsewhere / "canary.toml")  # a file inside the target directory
    root = tmp_path / "data"
    if which == "root":
        root.symlink_to(elsewhere)
    else:
        root.mkdir(mode=0o700)
        (root / which).symlink_to(elsewhere)
    locations = Locations(root)
    with pytest.raises(UnsafePath, match="symbolic link"):
        locations.ensure()
    with pytest.raises(UnsafePath, match="symbolic link"):
        create(locations, Case(title="x"))
    assert sorted(p.name for p in elsewhere.iterdir()) == ["canary.toml"]
    assert stat.S_IMODE(os.stat(elsewhere).st_mode) == 0o755
    assert_intact(canary)


# --- delete ----------------------------------------------------------------------------------


def test_delete_removes_document_backup_lock_and_temp_copies(locations):
    secret = "Borgeren fortalte om ..."
    loaded = create(locations, Case(title="x", notes=secret))
    save(locations, loaded)  # now with a backup
    other = create(locations, Case(title="other"))
    lock_path = locations.lock_of(loaded.path)
    lock.acquire(lock_path)
    # Copies an interrupted save could have left behind (as mkstemp would name them).
    temp_doc = locations.documents / f".{loaded.path.name}.k2j4h1.tmp"
    temp_backup = locations.backups / f".{locations.backup_of(loaded.path).name}.x9q8w7.tmp"
    temp_doc.write_bytes(loaded.path.read_bytes())
    temp_backup.write_bytes(loaded.path.read_bytes())
    other_files = all_files(locations.root)
    other_files = {p: b for p, b in other_files.items() if loaded.path.name not in p.name}

    delete(locations, loaded.path)

    for gone in (loaded.path, locations.backup_of(loaded.path), lock_path, temp_doc, temp_backup):
        assert not os.path.lexists(gone), gone
    assert all_files(locations.root) == other_files
    assert other.path.exists()
    # Really deleted: the note text is nowhere under the data directory.
    assert not any(secret.encode() in data for data in all_files(locations.root).values())
    assert [e.path for e in list_entries(locations)] == [other.path]


def test_delete_of_a_missing_document_is_quiet(locations):
    delete(locations, locations.document("case", "abcdefgh"))


def test_delete_refuses_a_symlinked_backup_and_leaves_its_target(locations, canary):
    loaded = create(locations, Case(title="x"))
    locations.backup_of(loaded.path).symlink_to(canary)
    with pytest.raises(UnsafePath):
        delete(locations, loaded.path)
    assert_intact(canary)


# --- check -----------------------------------------------------------------------------------


def test_check_reports_leftover_temp_files_and_stale_locks(locations, tmp_path):
    good = create(locations, Case(title="good"))
    save(locations, good)
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    stale = locations.lock_of(good.path)
    stale.write_text(f'{{"user": "kim", "host": "{socket.gethostname()}", "pid": {dead.pid}, "since": "2024-01-01T09:00:00+01:00"}}')
    live_lock = locations.document("case", "livelock")
    lock.acquire(locations.lock_of(live_lock))  # our own, alive: not a problem
    garbage = locations.documents / "case-zzzzzzzz.toml.lock"
    garbage.write_bytes(b"\xff")
    temps = [
        locations.documents / f".{good.path.name}.abc123.tmp",
        locations.backups / f".{good.path.name}.bak.def456.tmp",
        locations.root / ".settings.toml.ghi789.tmp",
    ]
    for temp in temps:
        temp.write_bytes(b"partial")
    before = all_files(locations.root)

    problems = check(None, locations)
    by_path = {p.path: p.message for p in problems}
    assert set(by_path) == {stale, garbage, *temps}
    assert "stale lock" in by_path[stale] and "kim@" in by_path[stale] and str(dead.pid) in by_path[stale]
    assert "cannot be read" in by_path[garbage]
    for temp in temps:
        assert "interrupted save" in by_path[temp]
    assert all_files(locations.root) == before, "check only reports; it never changes a file"

    # Checking the documents directory alone reports what is in it.
    in_documents = {p.path for p in check(locations.documents, locations)}
    assert in_documents == {stale, garbage, temps[0]}
    assert check(good.path, locations) == []
    assert check(tmp_path / "nowhere", locations)[0].message == "no such file or directory"


def test_check_of_a_clean_data_dir_finds_nothing(locations):
    for doc in (Case(title="a"), Exnovation(title="b"), Supervision(title="c", held_on=date.today() - timedelta(days=3))):
        create(locations, doc)
    assert check(None, locations) == []
    assert len(list_entries(locations)) == 3


def test_list_entries_is_newest_first(locations):
    base = datetime(2024, 5, 1, 12, 0, tzinfo=timezone(timedelta(hours=2)))
    paths = []
    for n in (2, 0, 1):
        doc = Case(title=f"doc {n}")
        path = locations.document(doc.kind, doc.id)
        path.write_bytes(dumps(doc.model_copy(update={"changed": base + timedelta(days=n)})))
        paths.append((n, path))
    entries = list_entries(locations)
    assert [e.document.title for e in entries] == ["doc 2", "doc 1", "doc 0"]



@pytest.mark.parametrize(("old", "new"), [("board", "exnovation"), ("session", "supervision")])
def test_a_schema_1_file_with_an_old_kind_name_is_migrated_on_the_next_save(locations, old, new):
    """Schema 1 named the exnovation board "board" and a supervision "session"; such files still
    open, and are written back under the new name (with a .bak of the old file) when saved."""
    path = locations.documents / f"{old}-abcdefgh.toml"
    path.write_text(f'kind = "{old}"\nschema_version = 1\nid = "abcdefgh"\ntitle = "Gammel"\n')
    before = path.read_bytes()
    loaded = load(path)
    assert loaded.document.kind == new and loaded.migrated_from == 1
    assert path.read_bytes() == before  # read, not rewritten
    save(locations, loaded)
    assert path.read_text().startswith(f'kind = "{new}"\nschema_version = {SCHEMA_VERSION}\n')
    assert locations.backup_of(path).read_bytes() == before


def test_an_old_kind_name_is_refused_in_a_current_file(locations):
    path = locations.documents / "board-abcdefgh.toml"
    path.write_text(f'kind = "board"\nschema_version = {SCHEMA_VERSION}\ntitle = "x"\n')
    with pytest.raises(DocumentError):
        load(path)


def test_delete_refuses_a_document_another_samspil_has_open(locations):
    loaded = create(locations, Case(title="x"))
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        locations.lock_of(loaded.path).write_text(
            json.dumps({"user": "kollega", "host": socket.gethostname(), "pid": other.pid, "since": "2026-11-30T09:00:00+01:00"})
        )
        with pytest.raises(lock.LockHeld):
            delete(locations, loaded.path)
        assert loaded.path.exists() and locations.lock_of(loaded.path).exists()
    finally:
        other.kill()
        other.wait()


# --- settings ------------------------------------------------------------------------------


def test_a_bad_settings_key_is_reported_with_its_line_and_the_rest_are_kept(locations):
    locations.settings.write_text(
        'kind = "settings"\nschema_version = 1\nlang = "en"\ncolour = "red"\ntheme = 7\n'
        '[keymap]\nquit = "ctrl+x"\nhelp = 5\n'
    )
    settings, problems = store.load_settings(locations)
    assert settings.lang == "en" and settings.theme is None and settings.keymap == {"quit": "ctrl+x"}
    assert sorted((p.line, p.message.split(":")[0]) for p in problems) == [(4, "colour"), (5, "theme"), (8, "keymap.help")]
    assert all(p.path == locations.settings for p in problems)


def test_settings_move_once_from_the_data_dir_to_the_config_dir(tmp_path):
    locations = Locations(tmp_path / "data", tmp_path / "config")
    locations.ensure()
    locations.old_settings.write_text('kind = "settings"\nschema_version = 1\nlang = "en"\n')
    assert locations.settings == tmp_path / "config" / "settings.toml"
    assert locations.move_old_settings()
    assert not locations.old_settings.exists()
    assert store.load_settings(locations)[0].lang == "en"
    assert stat.S_IMODE(os.stat(locations.settings.parent).st_mode) == 0o700 or saved.platform.WINDOWS
    assert not locations.move_old_settings(), "once"
    locations.old_settings.write_text('kind = "settings"\nschema_version = 1\nlang = "da"\n')
    assert not locations.move_old_settings(), "settings in the config dir are never replaced"
    assert store.load_settings(locations)[0].lang == "en" and locations.old_settings.exists()


# --- a save after a small change reuses the unchanged lists -----------------------------------


def _case_with_readings(count: int) -> Case:
    from models.gauge import Reading

    return Case(title="K.L.", readings=[Reading(intensity=n % 11, capacity=(n * 7) % 11) for n in range(count)])


def test_a_save_after_a_small_change_reuses_the_lists_it_wrote_and_the_file_is_whole(locations):
    loaded = create(locations, _case_with_readings(40))
    loaded.document.title = "first"
    store.write(locations, loaded, store.snapshot(loaded, reuse_lists=True))
    text_before = loaded.listed.toml["readings"][1]
    loaded.document.title = "second"
    store.write(locations, loaded, store.snapshot(loaded, reuse_lists=True))
    assert loaded.listed.toml["readings"][1] is text_before, "the readings' TOML was made again"
    again = load(loaded.path)
    assert again.document == loaded.document and again.document.title == "second"


def test_a_replaced_or_changed_in_place_list_is_written_anew(locations):
    from models.gauge import Reading

    def save(locations, loaded):
        store.write(locations, loaded, store.snapshot(loaded, reuse_lists=True))

    loaded = create(locations, _case_with_readings(5))
    save(locations, loaded)
    loaded.document.readings = [*loaded.document.readings, Reading(intensity=9, capacity=1)]
    save(locations, loaded)
    assert len(load(loaded.path).document.readings) == 6
    # Not how the app changes a document (it replaces lists), but a save must not be stale then.
    loaded.document.readings.append(Reading(intensity=1, capacity=1))
    save(locations, loaded)
    assert len(load(loaded.path).document.readings) == 7
    loaded.document.readings[0] = Reading(intensity=2, capacity=1)
    save(locations, loaded)
    assert load(loaded.path).document.readings[0].intensity == 2
    loaded.document.readings = []
    save(locations, loaded)
    assert load(loaded.path).document.readings == []
    assert "readings" not in loaded.listed.toml


def test_without_reuse_a_save_dumps_every_list_again(locations):
    """The store's own `save` (command line, inbox merge) may follow a change made in place."""
    loaded = create(locations, _case_with_readings(3))
    save(locations, loaded)
    loaded.document.readings[0].intensity = 10
    save(locations, loaded)
    assert load(loaded.path).document.readings[0].intensity == 10


_keys = st.from_regex(r"[a-z][a-z_]{0,6}", fullmatch=True)
_scalars = st.one_of(st.integers(-5, 5), st.text(max_size=40), st.booleans(), st.dates())
_tables = st.recursive(st.dictionaries(_keys, _scalars, max_size=4), lambda inner: st.dictionaries(_keys, st.one_of(_scalars, inner, st.lists(inner, max_size=3)), max_size=4), max_leaves=12)


@settings(max_examples=150, deadline=None)
@given(rest=st.dictionaries(_keys, st.one_of(_scalars, _tables, st.lists(_scalars, max_size=3)), max_size=5),
       lists=st.dictionaries(_keys, st.lists(_tables, max_size=4), max_size=3))
def test_the_toml_made_list_by_list_reads_back_as_the_whole_file_would(rest, lists):
    """Lists of short tables come out inline, long ones as `[[name]]` sections, nested tables as
    `[name]`: in every mix the file made from cached pieces holds the same data."""
    from saved.store import ListCache, _toml

    from saved.toml_read import tomllib

    data = {"kind": "case", "schema_version": 4, **{k: v for k, v in rest.items() if k not in lists}, **lists}
    cache = ListCache()
    whole = tomllib.loads(_toml(data).decode())
    assert tomllib.loads(_toml(data, cache).decode()) == whole
    assert tomllib.loads(_toml(data, cache).decode()) == whole  # now from the cache


def test_every_example_document_saves_the_same_data_from_the_cache(locations):
    from saved.examples import example_files
    from saved.store import ListCache, _toml

    for path in example_files():
        document = load(path).document
        data = document.model_dump(mode="python", exclude_none=True)
        assert load_text(_toml(data, ListCache())) == load_text(_toml(data)), path.name


def load_text(data: bytes) -> dict:
    from saved.toml_read import tomllib

    return tomllib.loads(data.decode("utf-8"))
