"""saved.files: the order of fsync and rename, private modes under any umask, no symlinks,
and an I/O error at any step leaving the old file whole."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

import saved.files
import saved.platform
from models.documents import Case, Settings
from saved import files, lock, store
from saved.files import UnsafePath, atomic_write, ensure_private_dir, leftover_temp_files, read_capped
from saved.locations import Locations


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


@pytest.fixture
def locations(tmp_path: Path) -> Locations:
    locations = Locations(tmp_path / "data")
    locations.ensure()
    return locations


# Inherently POSIX, so skipped under (simulated) Windows, where the profile's access rules keep
# data private and NTFS journals a rename without a directory fsync.
posix_modes = pytest.mark.skipif(saved.platform.WINDOWS, reason="mode bits and umask are POSIX only")
posix_dir_sync = pytest.mark.skipif(saved.platform.WINDOWS, reason="directory fsync is POSIX only")


@pytest.fixture(params=[0o000, 0o022, 0o077, 0o777], ids=lambda m: f"umask{m:03o}")
def umask(request):
    old = os.umask(request.param)
    try:
        yield request.param
    finally:
        os.umask(old)


# --- durability: write, fsync(temp), rename, fsync(directory) -------------------------------


@posix_dir_sync
def test_save_syncs_the_temp_file_before_the_rename_and_the_directory_after(locations, monkeypatch):
    loaded = store.create(locations, Case(title="x", notes="first version"))
    old = loaded.path.read_bytes()
    events: list[tuple] = []
    real_fsync, real_replace = os.fsync, os.replace

    def spy_fsync(fd):
        info = os.fstat(fd)
        kind = "dir" if stat.S_ISDIR(info.st_mode) else "file"
        events.append(("fsync", kind, os.readlink(f"/proc/self/fd/{fd}"), info.st_size))
        real_fsync(fd)

    def spy_replace(src, dst, *args, **kwargs):
        events.append(("replace", str(src), str(dst)))
        real_replace(src, dst, *args, **kwargs)

    real_exchange = files._exchange

    def spy_exchange(dir_fd, src, dst):  # the document itself: its name swapped with the temp file's
        swapped = real_exchange(dir_fd, src, dst)
        if swapped:
            events.append(("replace", str(src), str(dst)))
        return swapped

    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "replace", spy_replace)
    monkeypatch.setattr(files, "_exchange", spy_exchange)
    loaded.document.notes = "second, longer version"
    store.save(locations, loaded)
    new = loaded.path.read_bytes()
    backup = locations.backup_of(loaded.path)

    # Two atomic writes, the backup first: each is fsync(temp) -> replace -> fsync(dir).
    assert [e[0] for e in events] == ["fsync", "replace", "fsync"] * 2, events
    for (_, kind, temp, size), (_, src, dst), (_, dir_kind, directory, _), (target, data) in zip(
        events[0::3], events[1::3], events[2::3], [(backup, old), (loaded.path, new)]
    ):
        assert kind == "file" and Path(temp).name == src, "the temp file that was synced is the one renamed"
        assert size == len(data), "fsync comes after the whole content was written"
        assert Path(temp).parent == target.parent, "temp file in the target's directory (same file system)"
        assert Path(temp).name.startswith(f".{target.name}.") and temp.endswith(".tmp")
        assert dst == target.name, "renamed within the directory opened once (no path to redirect)"
        assert dir_kind == "dir" and directory == str(target.parent)
    assert backup.read_bytes() == old
    assert leftover_temp_files(locations.documents) == leftover_temp_files(locations.backups) == []


@posix_dir_sync
def test_atomic_write_syncs_the_directory_only_after_the_rename(tmp_path, monkeypatch):
    order: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace
    target = tmp_path / "settings.toml"

    def spy_fsync(fd):
        is_dir = stat.S_ISDIR(os.fstat(fd).st_mode)
        order.append(f"fsync-{'dir' if is_dir else 'file'}")
        if is_dir:
            assert target.read_bytes() == b"new", "the rename must be done before the directory is synced"
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", spy_fsync)
    monkeypatch.setattr(os, "replace", lambda a, b, **at: (order.append("replace"), real_replace(a, b, **at)))
    target.write_bytes(b"old")
    atomic_write(target, b"new")
    assert order == ["fsync-file", "replace", "fsync-dir"]


# --- an I/O error at any step ---------------------------------------------------------------

FALLIBLE = {"open", "fstat", "fchmod", "fdopen", "fsync", "replace", "stat", "lstat"}


class FailingOs:
    """Stands in for `os` inside saved.files: the Nth fallible call (or every call from the Nth
    on) raises ENOSPC. Writes fail too: files opened with fdopen refuse to write."""

    def __init__(self, fail_at: int, persistent: bool):
        self.fail_at = fail_at
        self.persistent = persistent
        self.calls: list[str] = []
        self.failed: str | None = None

    def _should_fail(self, name: str) -> bool:
        self.calls.append(name)
        n = len(self.calls)
        return n == self.fail_at or (self.persistent and n > self.fail_at)

    def __getattr__(self, name):
        real = getattr(os, name)
        if name not in FALLIBLE:
            return real

        def wrapper(*args, **kwargs):
            if self._should_fail(name):
                self.failed = self.failed or name
                raise OSError(errno.ENOSPC, f"No space left on device (injected in os.{name})")
            result = real(*args, **kwargs)
            if name == "fdopen" and "w" in (args[1] if len(args) > 1 else kwargs.get("mode", "r")):
                return FailingWriter(result, self)
            return result

        return wrapper


class FailingWriter:
    def __init__(self, handle, owner: FailingOs):
        self._handle = handle
        self._owner = owner

    def write(self, data):
        if self._owner._should_fail("write"):
            self._owner.failed = self._owner.failed or "write"
            raise OSError(errno.ENOSPC, "No space left on device (injected in write)")
        return self._handle.write(data)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self._handle.__exit__(*exc)

    def __getattr__(self, name):
        return getattr(self._handle, name)


@pytest.mark.parametrize("persistent", [False, True], ids=["transient", "persistent"])
def test_an_io_error_at_any_step_leaves_the_old_or_new_file_whole_and_no_temp(locations, monkeypatch, persistent):
    first = store.create(locations, Case(title="x", notes="old"))
    store.save(locations, first)  # now there is a backup too
    tried = 0
    for fail_at in range(1, 100):
        path = first.path
        loaded = store.load(path)
        old, old_backup = path.read_bytes(), locations.backup_of(path).read_bytes()
        loaded.document.notes = f"new {fail_at}"
        failing = FailingOs(fail_at, persistent)
        real_exchange = saved.files._exchange

        def exchange(dir_fd, a, b, calls=failing.calls, real_exchange=real_exchange):
            calls.append("replace")  # the document's rename, made by swapping the two names
            return real_exchange(dir_fd, a, b)

        monkeypatch.setattr(saved.files, "_exchange", exchange)
        monkeypatch.setattr(saved.files, "os", failing)
        monkeypatch.setattr(saved.platform, "os", failing)
        try:
            store.save(locations, loaded)
        except OSError as error:
            assert "injected" in str(error)  # the error reaches the caller, to be shown
        finally:
            monkeypatch.setattr(saved.files, "os", os)
            monkeypatch.setattr(saved.files, "_exchange", real_exchange)
            monkeypatch.setattr(saved.platform, "os", os)
        if failing.failed is None:
            break  # every step passed: we have failed each one in turn
        tried += 1
        new = store.dumps(loaded.document)
        now = path.read_bytes()
        assert now in (old, new), f"step {fail_at} ({failing.failed}) left a mixed file"
        if now == new:
            # Only a failure after the rename (syncing the directory, reading what it displaced)
            # may leave the new file.
            assert failing.calls.count("replace") == 2 and failing.failed in ("open", "fsync", "fstat", "fdopen", "lstat")
        assert locations.backup_of(path).read_bytes() in (old_backup, old)
        assert store.load(path).document.notes in ("old", *(f"new {n}" for n in range(1, fail_at + 1)))
        leftovers = leftover_temp_files(locations.documents) + leftover_temp_files(locations.backups)
        # When every call fails from the directory sync on, the file the rename displaced cannot
        # be read to compare it, so it stays: it holds the old version, and check reports it.
        kept = [p for p in leftovers if persistent and p.read_bytes() == old]
        assert leftovers == kept, f"step {fail_at} ({failing.failed}) left {leftovers}"
        for p in kept:
            p.unlink()
        if now == old:
            store.save(locations, loaded)  # the same document can be saved once the error is gone
            assert path.read_bytes() == store.dumps(loaded.document)
    assert tried >= 10, "expected at least ten fallible steps in a save"


# --- modes under any umask -------------------------------------------------------------------


@posix_modes
def test_everything_created_is_private_whatever_the_umask(tmp_path, umask):
    locations = Locations(tmp_path / "not" / "yet" / "data")
    loaded = store.create(locations, Case(title="x"))
    store.save(locations, loaded)
    lock_path = locations.lock_of(loaded.path)
    lock.acquire(lock_path)
    store.save_settings(locations, Settings(lang="da"))

    for directory in (tmp_path / "not", tmp_path / "not" / "yet", locations.root, locations.documents, locations.backups):
        assert mode(directory) == 0o700, directory
    for file in (loaded.path, locations.backup_of(loaded.path), lock_path, locations.settings):
        assert mode(file) == 0o600, file
    assert os.umask(umask) == umask  # the umask was left as it was


@posix_modes
def test_an_existing_readable_data_dir_is_tightened(tmp_path):
    root = tmp_path / "data"
    root.mkdir()
    os.chmod(root, 0o755)
    (root / "documents").mkdir(mode=0o750)
    os.chmod(root / "documents", 0o750)
    Locations(root).ensure()
    assert mode(root) == mode(root / "documents") == mode(root / "backups") == 0o700


@posix_modes
@pytest.mark.parametrize("unsafe_mode", [0o775, 0o757, 0o777, 0o722, 0o1777])
def test_a_data_dir_others_can_write_is_refused(tmp_path, unsafe_mode):
    root = tmp_path / "data"
    root.mkdir()
    os.chmod(root, unsafe_mode)
    with pytest.raises(UnsafePath, match="can be written by other users"):
        Locations(root).ensure()
    assert mode(root) == unsafe_mode, "refused, not silently changed"
    assert list(root.iterdir()) == []
    with pytest.raises(UnsafePath):
        store.create(Locations(root), Case(title="x"))
    assert list(root.iterdir()) == []


@posix_modes
def test_an_unsafe_documents_dir_is_refused(tmp_path):
    root = tmp_path / "data"
    (root / "documents").mkdir(parents=True)
    os.chmod(root / "documents", 0o777)
    with pytest.raises(UnsafePath, match="documents"):
        Locations(root).ensure()


@pytest.mark.skipif(saved.platform.WINDOWS or os.getuid() != 0, reason="needs POSIX root to give a directory to another user")
def test_a_data_dir_another_user_owns_is_refused(tmp_path):
    root = tmp_path / "data"
    root.mkdir(mode=0o700)
    os.chown(root, 12345, 12345)
    with pytest.raises(UnsafePath, match="another user"):
        Locations(root).ensure()
    assert os.lstat(root).st_uid == 12345


def test_a_file_where_the_data_dir_should_be_is_refused(tmp_path):
    (tmp_path / "data").write_text("not a directory")
    with pytest.raises(UnsafePath, match="not a directory"):
        Locations(tmp_path / "data").ensure()
    assert (tmp_path / "data").read_text() == "not a directory"


# --- symlinks ---------------------------------------------------------------------------------


@pytest.fixture
def canary(tmp_path: Path) -> Path:
    path = tmp_path / "canary.txt"
    path.write_bytes(b"canary: must never change\n")
    os.chmod(path, 0o644)
    return path


def assert_canary_intact(canary: Path) -> None:
    assert canary.read_bytes() == b"canary: must never change\n"
    assert mode(canary) == 0o644


def test_atomic_write_refuses_a_symlink_at_the_target(tmp_path, canary):
    link = tmp_path / "target.toml"
    link.symlink_to(canary)
    with pytest.raises(UnsafePath, match="symbolic link"):
        atomic_write(link, b"evil")
    assert link.is_symlink()
    assert_canary_intact(canary)
    assert leftover_temp_files(tmp_path) == []


def test_read_capped_refuses_a_symlink(tmp_path, canary):
    link = tmp_path / "link.toml"
    link.symlink_to(canary)
    with pytest.raises(OSError) as caught:
        read_capped(link, 1000)
    assert caught.value.errno == errno.ELOOP


def test_ensure_private_dir_refuses_a_symlinked_directory(tmp_path, canary):
    target = tmp_path / "elsewhere"
    target.mkdir(mode=0o755)
    os.chmod(target, 0o755)
    (tmp_path / "link").symlink_to(target)
    with pytest.raises(UnsafePath, match="symbolic link"):
        ensure_private_dir(tmp_path / "link")
    assert mode(target) == 0o755, "the link's target was not chmod-ed"


def test_leftover_temp_files_finds_only_temp_files(tmp_path):
    (tmp_path / ".case-abcdefgh.toml.x1y2.tmp").write_text("partial")
    (tmp_path / ".settings.toml.zz.tmp").write_text("partial")
    (tmp_path / "case-abcdefgh.toml").write_text("document")
    (tmp_path / "notes.tmp").write_text("not ours: no leading dot")
    (tmp_path / ".dir.tmp").mkdir()
    assert [p.name for p in leftover_temp_files(tmp_path)] == [".case-abcdefgh.toml.x1y2.tmp", ".settings.toml.zz.tmp"]


def test_a_failed_directory_sync_after_the_rename_is_no_false_change_on_disk(locations, monkeypatch):
    loaded = store.create(locations, Case(title="x", notes="first"))
    real_sync = files.OpenDir.sync
    calls = []

    def failing_after_the_document_rename(directory):
        calls.append(directory.path)
        if directory.path == loaded.path.parent and len(calls) == 2:  # the backup's dir first, then the document's
            raise OSError(errno.EIO, "injected in the directory sync")
        real_sync(directory)

    monkeypatch.setattr(files.OpenDir, "sync", failing_after_the_document_rename)
    loaded.document.notes = "second"
    with pytest.raises(OSError, match="injected"):
        store.save(locations, loaded)
    monkeypatch.setattr(files.OpenDir, "sync", real_sync)
    loaded.document.notes = "third"
    store.save(locations, loaded)  # not ChangedOnDisk: the file on disk is our own second version
    assert store.load(loaded.path).document.notes == "third"
