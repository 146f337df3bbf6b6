"""The export log (issue 13): each report, export or clipboard copy of a document is recorded in
that document (when, format, private or not, where to), through the document session when the
document is open, and the case overview shows it. An export that cannot be logged is not made."""

from __future__ import annotations

import json
import os

from saved.lock import LockInfo
from saved.store import load
from tests.conftest import NOW
from tests.ui.helpers import screen_text, settle
from tui.__main__ import main
from tui.document.export_dialog import ExportDialog


async def test_exports_and_copies_are_logged_in_the_document_and_shown_on_the_overview(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    assert load(path).document.exports == []
    app = make_app(demo_locations)
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert "Sagen er ikke eksporteret" in screen_text(app)
        app.push_screen(ExportDialog(app.screen.document))
        await pilot.pause()
        await pilot.press("m")  # Markdown file
        await settle(pilot)
        app.privacy = True
        app.push_screen(ExportDialog(app.screen.document))
        await pilot.pause()
        await pilot.press("c")  # clipboard
        await settle(pilot)
        [to_file, to_clipboard] = app.screen.document.exports
        assert (to_file.format, to_file.private, to_file.to) == ("md", False, "file")
        assert to_file.path.startswith(str(demo_locations.exports)) and os.path.exists(to_file.path)
        assert (to_clipboard.format, to_clipboard.private, to_clipboard.to, to_clipboard.path) == ("md", True, "clipboard", "")
        assert to_file.at == NOW
        text = " ".join(screen_text(app).split())
        assert "2026-11-23 14:00 · md · privat · udklipsholder" in text
        assert f"2026-11-23 14:00 · md · med fritekst · fil {os.path.basename(to_file.path)}" in text
        await pilot.press("escape")  # leaving saves
        await settle(pilot)
    saved = load(path).document.exports
    assert [(r.format, r.private, r.to) for r in saved] == [("md", False, "file"), ("md", True, "clipboard")]


async def test_an_export_that_cannot_be_logged_is_not_made(demo_locations, make_app):
    from saved.editing import ReadOnly

    app = make_app(demo_locations)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.screen.session.opened.read_only = ReadOnly.LOCK_FAILED
        app.push_screen(ExportDialog(app.screen.document))
        await pilot.pause()
        await pilot.press("m")
        await settle(pilot)
        assert app.screen.document.exports == []
        assert not demo_locations.exports.exists() or not any(demo_locations.exports.iterdir())
        assert any("kan ikke logges" in str(n.message) for n in app._notifications)


def test_the_command_line_logs_an_export_of_a_document_in_the_data_directory(demo_locations, tmp_path, capsys):
    path = demo_locations.document("case", "demcasea")
    out = tmp_path / "rapport.html"
    assert main(["--data-dir", str(demo_locations.root), "export", str(path), "--format", "html", "--private", "-o", str(out)]) == 0
    assert main(["--data-dir", str(demo_locations.root), "export", str(path), "--format", "json"]) == 0
    [to_file, to_stdout] = load(path).document.exports
    assert (to_file.format, to_file.private, to_file.to, to_file.path) == ("html", True, "file", str(out.resolve()))
    assert (to_stdout.format, to_stdout.private, to_stdout.to, to_stdout.path) == ("json", False, "stdout", "")
    assert not demo_locations.lock_of(path).exists(), "the lock taken to log it is released"


def test_the_command_line_refuses_an_export_it_cannot_log_and_says_so_for_a_file_elsewhere(demo_locations, tmp_path, capsys):
    path = demo_locations.document("case", "demcasea")
    other = {"user": "kollega", "host": LockInfo.mine().host, "pid": os.getppid(), "since": "2026-11-23T08:00:00+01:00"}
    demo_locations.lock_of(path).write_text(json.dumps(other))
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["--lang", "da", "--data-dir", str(demo_locations.root), "export", str(path), "--format", "md"]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and "kan ikke logges" in captured.err
    assert path.read_bytes() == before

    elsewhere = tmp_path / "copy.toml"
    elsewhere.write_bytes(before)
    assert main(["--lang", "da", "--data-dir", str(demo_locations.root), "export", str(elsewhere), "--format", "md"]) == 0
    captured = capsys.readouterr()
    assert captured.out.startswith("# ") and "ikke logget" in captured.err
    assert elsewhere.read_bytes() == before


def test_the_command_line_says_when_the_log_could_not_be_saved(demo_locations, tmp_path, capsys, monkeypatch):
    from saved.editing import OpenDocument

    def fails(self, record):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(OpenDocument, "log_export", fails)
    path = demo_locations.document("case", "demcasea")
    out = tmp_path / "r.md"
    assert main(["--lang", "da", "--data-dir", str(demo_locations.root), "export", str(path), "-o", str(out)]) == 1
    assert "kunne ikke logges" in capsys.readouterr().err
    assert not demo_locations.lock_of(path).exists()


async def test_the_printable_ecomap_is_exported_from_the_dialog_and_logged(demo_locations, make_app):
    import xml.etree.ElementTree as ET

    path = demo_locations.document("case", "demcasea")
    app = make_app(demo_locations)
    async with app.run_test(size=(100, 60)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        app.privacy = True
        app.push_screen(ExportDialog(app.screen.document))
        await pilot.pause()
        await pilot.press("k")
        await settle(pilot)
        [record] = app.screen.document.exports
        assert (record.format, record.private, record.to) == ("svg", True, "file") and record.path.endswith(".svg")
        svg = open(record.path, encoding="utf-8").read()
        ET.fromstring(svg.encode())
        assert "Mor #31" in svg and "Mor (GM)" not in svg
        await pilot.press("escape")
        await settle(pilot)
    assert [r.format for r in load(path).document.exports] == ["svg"]


async def test_a_boards_one_page_summary_is_exported_from_the_dialog_and_logged_as_html(demo_locations, make_app):
    path = next(p for p in demo_locations.document_files() if p.name.startswith("exnovation-"))
    app = make_app(demo_locations)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Exnovation", "enter", "enter")
        await settle(pilot)
        app.push_screen(ExportDialog(app.screen.document))
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot)
        [record] = app.screen.document.exports
        assert (record.format, record.to) == ("html", "file") and record.path.endswith(".summary.html")
        page = open(record.path, encoding="utf-8").read()
        assert page.startswith("<!doctype html>") and "Frigjort" in page
        await pilot.press("escape")
        await settle(pilot)
    assert [r.format for r in load(path).document.exports] == ["html"]
