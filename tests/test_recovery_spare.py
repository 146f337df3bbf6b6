"""Recovery copies when the data directory cannot take them (a full disk, a read-only mount):
the spare folder in the system's temp folder (saved.locations.Locations.spare_recovery), offered,
restored and deleted as the copies in the data directory are. Tried in tmux on a full 300 KB
tmpfs: the notes typed before SIGTERM were gone without a word; tests/test_signals.py runs that."""

from __future__ import annotations

import errno
import os
import tempfile

import pytest

from saved import files, recovery
from saved.store import delete, load


@pytest.fixture
def full(demo_locations, tmp_path, monkeypatch):
    """The data directory full: any write under it fails as on a full disk."""
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    real = recovery.atomic_write

    def atomic_write(path, data, **kwargs):
        if demo_locations.root in path.parents:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data, **kwargs)

    monkeypatch.setattr(recovery, "atomic_write", atomic_write)
    return demo_locations


def _changed(locations):
    loaded = load(locations.document("case", "demcasea"))
    loaded.document.notes = "kept on a full disk"
    return loaded


def test_a_copy_the_data_directory_cannot_take_goes_to_the_spare_folder(full):
    copy = recovery.write(full, _changed(full))
    assert copy.parent == full.spare_recovery and str(copy).startswith(tempfile.gettempdir())
    assert oct(copy.stat().st_mode & 0o777) == "0o600" or os.name == "nt"
    assert recovery.copies(full) == [copy]
    typed = recovery.write_typed(full, full.document("case", "demcasea"), "case", "K.M.", [recovery.Typed("Titel", "for lang", "x")])
    assert typed.parent == full.spare_recovery and recovery.typed_copies(full) == [typed]


def test_the_spare_copy_is_restored_into_its_own_data_directory_and_deleted_with_its_document(full, monkeypatch):
    copy = recovery.write(full, _changed(full))
    monkeypatch.undo()  # room again
    monkeypatch.setattr(tempfile, "tempdir", str(copy.parents[2]))
    target = recovery.restore(full, copy)
    assert target == full.document("case", "demcasea") and load(target).document.notes == "kept on a full disk"
    assert not recovery.copies(full)
    again = recovery.write(full, _changed(full))
    assert again.parent == full.recovery
    delete(full, target)
    assert not recovery.copies(full)


def test_a_newer_copy_in_the_data_directory_replaces_the_spare_one(full, monkeypatch):
    recovery.write(full, _changed(full))
    monkeypatch.setattr(recovery, "atomic_write", files.atomic_write)  # room again
    newer = recovery.write(full, _changed(full))
    assert recovery.copies(full) == [newer] and newer.parent == full.recovery


def test_each_data_directory_has_its_own_spare_folder(tmp_path):
    from saved.locations import Locations

    assert Locations(tmp_path / "a").spare_recovery != Locations(tmp_path / "b").spare_recovery


@pytest.mark.skipif(getattr(os, "geteuid", lambda: -1)() != 0, reason="another user's folder: needs root to make one")
def test_a_spare_folder_another_user_made_in_the_temp_folder_is_refused(full):
    parent = full.spare_recovery.parent
    parent.mkdir(mode=0o777)
    os.chmod(parent, 0o777)
    os.chown(parent, 12345, 12345)
    with pytest.raises(OSError) as raised:
        recovery.write(full, _changed(full))
    assert raised.value.errno == errno.ENOSPC, "the data directory's own error is said"
    assert not any(parent.iterdir())
