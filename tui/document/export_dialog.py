"""F4 / ctrl+o on a document: a report as Markdown or HTML in the data directory's exports/
folder (0600), or Markdown on the clipboard through OSC 52.

OSC 52 asks the terminal to set the clipboard; over SSH that is the clipboard of the user's own
machine, not the server's. Some terminals ignore it, and the message says so. The report leaves
out notes while the privacy screen is on (saved/reports.py), and the dialog says which it will be.
Each export is recorded in the document's export log (models.documents.ExportRecord).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from datetime import datetime
from pathlib import Path

from textual.widgets import Static

from models.documents import ExportFormat, ExportRecord, ExportTarget, logged
from saved.reports import render
from saved.files import atomic_write, ensure_private_dir
from models.privacy import texts_with_cpr
from models.text import safe_text
from tui.errors import os_reason
from tui.i18n import current_language, t
from tui.widgets.dialogs import Choice

if TYPE_CHECKING:
    from tui.app import SamspilApp
    from tui.document.session import DocumentSession

EXTENSIONS = {"md": "md", "html": "html", "svg": "svg", "summary": "summary.html"}


def export_path(app, document, fmt: str, when: datetime) -> Path:
    """exports/<kind>-<id>-<date>-<time>.<ext>: no title in the name (it may name a person)."""
    return app.locations.exports / f"{document.kind}-{document.id}-{when:%Y%m%d-%H%M%S}.{EXTENSIONS[fmt]}"


def report(app, document, fmt: str) -> str:
    from saved.reports.supervision import for_report  # a session's case pseudonym and scales' course

    document, earlier = for_report(document, app.locations)
    return render(document, fmt, private=app.privacy, say=t, lang=current_language(), earlier=earlier)


class ExportDialog(Choice):
    """Markdown file [m], HTML file [h], copy to the clipboard [c]; Esc cancels."""

    app: SamspilApp

    def __init__(self, document) -> None:
        super().__init__(
            t("export.title"),
            "",
            [
                ("md", t("export.to_md"), "m"),
                ("html", t("export.to_html"), "h"),
                # A case's network as a printable ecomap [k, kort]
                *([("svg", t("export.to_svg"), "k")] if getattr(document, "actors", None) else []),
                # A board's one-page summary for management [s]
                *([("summary", t("export.to_summary"), "s")] if document.kind == "exnovation" else []),
                ("copy", t("export.to_clipboard"), "c"),
            ],
        )
        self.document = document

    def on_mount(self) -> None:
        super().on_mount()
        self.watch(self.app, "privacy", self._show_privacy)

    def _show_privacy(self, private: bool) -> None:
        folder = safe_text(str(self.app.locations.exports), single_line=True)
        which = t("export.private_on" if private else "export.private_off")
        lines = [which, t("export.where", folder=folder)]
        cpr = texts_with_cpr(self.document, private)
        if cpr:  # said again here: it would leave samspil (models/privacy.py)
            lines.insert(0, t("export.cpr", count=cpr))
        self.query_one(".body", Static).update("\n".join(lines))

    def dismiss(self, result: str | None = None):
        if result is not None:
            self.do_export(result)
        return super().dismiss(result)

    def do_export(self, choice: str) -> None:
        app = self.app
        # Every export is logged in the document (its export log), through its session; one that
        # cannot be logged (the document is read-only here) is not made.
        session = next((session for session in app.sessions if session.document is self.document), None)
        if session is None or session.refusal() is not None:
            reason = session.refusal() if session is not None else None
            app.notify(t("export.not_logged", reason=reason or t("edit.read_only")), severity="error", timeout=10)
            return
        if choice == "copy":
            app.copy_to_clipboard(report(app, self.document, "md"))
            self.record_export(session, "md", "clipboard")
            app.notify(t("export.copied"), timeout=8)
            return
        path = export_path(app, self.document, choice, datetime.now())
        try:
            ensure_private_dir(app.locations.exports)
            atomic_write(path, report(app, self.document, choice).encode("utf-8"))
        except OSError as error:
            app.notify(t("export.failed", reason=os_reason(error)), severity="error", timeout=10)
            return
        logged_as = "html" if choice == "summary" else choice  # the summary is an HTML report
        self.record_export(session, cast("ExportFormat", logged_as), "file", str(path))
        app.notify(t("export.saved", path=safe_text(str(path), single_line=True)), timeout=10)

    def record_export(self, session: DocumentSession, fmt: ExportFormat, to: ExportTarget, path: str = "") -> None:
        record = ExportRecord(at=self.app.now(), format=fmt, private=self.app.privacy, to=to, path=path)
        problem = session.update(exports=logged(self.document.exports, record))
        if problem is not None:
            self.app.notify(problem, severity="error", timeout=10)
