"""No copies left behind (issue 13): deleting a document deletes its reports in exports/ (after
saying how many), its backup and a recovery copy; temp files of interrupted saves (whole copies of
documents) are removed at the next start, after any recovery copy has been offered."""

from __future__ import annotations

import os
import time

from saved import recovery, store
from saved.recovery import TEMP_MIN_AGE, remove_leftover_temps
from saved.store import exports_of
from tests.ui.helpers import screen_text, settle
from tui.widgets.dialogs import Choice


def make_exports(locations, path, count: int) -> list:
    locations.exports.mkdir(mode=0o700, exist_ok=True)
    doc_id = path.stem.split("-", 1)[1]
    made = []
    for n in range(count):
        report = locations.exports / f"case-{doc_id}-2026112{n}-100000.{'md' if n % 2 else 'html'}"
        report.write_text("report")
        made.append(report)
    return made


def aged(path, seconds: float = TEMP_MIN_AGE + 5):
    past = time.time() - seconds
    os.utime(path, (past, past))
    return path


def test_delete_removes_the_reports_backup_and_recovery_copy_of_that_document_only(demo_locations):
    path = demo_locations.document("case", "demcasea")
    other = demo_locations.document("case", "demcaseb")
    mine, theirs = make_exports(demo_locations, path, 3), make_exports(demo_locations, other, 2)
    unrelated = demo_locations.exports / "notes.txt"
    unrelated.write_text("mine")
    demo_locations.backup_of(path).write_bytes(path.read_bytes())
    recovery.write(demo_locations, store.load(path))
    assert exports_of(demo_locations, path) == sorted(mine)

    store.delete(demo_locations, path)
    assert not path.exists() and not demo_locations.backup_of(path).exists()
    assert not any(report.exists() for report in mine)
    assert not recovery.copies(demo_locations)
    assert all(report.exists() for report in theirs) and unrelated.exists() and other.exists()


def test_leftover_temps_are_removed_but_not_a_save_in_progress(demo_locations):
    demo_locations.exports.mkdir(mode=0o700, exist_ok=True)
    demo_locations.recovery.mkdir(mode=0o700, exist_ok=True)
    folders = (demo_locations.root, demo_locations.documents, demo_locations.backups, demo_locations.recovery, demo_locations.exports)
    old = []
    for n, folder in enumerate(folders):
        folder.mkdir(mode=0o700, exist_ok=True)
        temp = folder / f".case-x{n}.toml.ab{n}.tmp"
        temp.write_text("a whole document")
        old.append(aged(temp))
    young = demo_locations.documents / ".case-y.toml.new.tmp"
    young.write_text("a save in progress")
    documents = sorted(demo_locations.document_files())

    assert remove_leftover_temps(demo_locations) == len(folders)
    assert not any(temp.exists() for temp in old)
    assert young.exists(), "a temp younger than a minute may be another samspil's save"
    assert sorted(demo_locations.document_files()) == documents


async def test_the_next_start_removes_temps_after_the_recovery_copy_was_offered(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    recovery.write(demo_locations, store.load(path))
    temp = demo_locations.documents / f".{path.name}.k3j2.tmp"
    temp.write_text("a whole document, from a save cut off by a crash")
    aged(temp)
    young = demo_locations.documents / ".case-other.toml.x1.tmp"
    young.write_text("a save in progress elsewhere")
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, Choice), "the recovery copy is offered first"
        assert temp.exists(), "nothing is removed before the offer is answered"
        await pilot.press("s")  # senere: the copy stays
        await settle(pilot)
        assert not temp.exists() and young.exists()
        assert recovery.copies(demo_locations)


async def test_delete_says_how_many_reports_go_with_the_document(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    reports = make_exports(demo_locations, path, 2)
    app = make_app(demo_locations)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")  # delete (the command table: x or delete everywhere)
        await settle(pilot)
        assert isinstance(app.screen, Choice)
        assert "Også de 2 rapporter af dokumentet" in " ".join(screen_text(app).split())
        await pilot.press("y")
        await settle(pilot)
    assert not path.exists() and not any(report.exists() for report in reports)
