"""The samspil command line. Exit codes: 0 ok, 1 problems found, 2 usage error."""

from __future__ import annotations

import asyncio
import gc
import os
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import TYPE_CHECKING

from models.text import safe_text
from tui import __version__
from tui.i18n import LANGUAGES, catalog, choose_language, set_language, t

#: New objects between young garbage collections (Python's default is 700): see `run_app`.
YOUNG_COLLECTION = 5000

if TYPE_CHECKING:
    import argparse

    from saved.store import Problem


def build_parser() -> argparse.ArgumentParser:
    import argparse  # ~3 ms with gettext: not on a plain start's way to the first frame

    _argparse_in_language(argparse)
    parser = argparse.ArgumentParser(prog="samspil", description=t("cli.description"))
    parser.add_argument("--version", action="version", version=f"samspil {__version__}", help=t("argparse.version"))
    _add_common(parser)
    parser.set_defaults(team=[])
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # The common options also after the command (`samspil demo --lang en`), as users write them;
    # unset there unless given, so that one given before the command stands.
    common = argparse.ArgumentParser(add_help=False, argument_default=argparse.SUPPRESS)
    _add_common(common, teams="teams_after")  # its own list: one would replace those before
    commands.add_parser("demo", help=t("cli.demo"), parents=[common])
    check = commands.add_parser("check", help=t("cli.check"), parents=[common])
    check.add_argument("path", nargs="?", type=Path, help=t("cli.check_path"))
    commands.add_parser("locate", help=t("cli.locate"), parents=[common])
    commands.add_parser("due", help=t("due.cli"), parents=[common])
    export = commands.add_parser("export", help=t("cli.export"), parents=[common])
    export.add_argument("file", type=Path)
    export.add_argument("--format", choices=("md", "html", "summary", "dot", "svg", "json"), default="md")
    export.add_argument("-o", "--output", type=Path, help=t("cli.output"))
    export.add_argument("--private", action="store_true", help=t("export.cli_private"))
    return parser


def _argparse_in_language(argparse: ModuleType) -> None:
    """argparse's own words (usage, headings, its errors) in the interface language. It has no
    Danish: it looks each text up through its module's `_` (gettext) when it shows it, so that name
    is pointed at our catalogue, keyed by argparse's English (the English catalogue's texts).
    A text a Python version words differently stays English."""
    english = {text: key for key, text in catalog("en").items() if key.startswith("argparse.")}
    argparse._ = lambda text: t(english[text]) if text in english else text  # type: ignore[attr-defined]


def _add_common(parser: argparse.ArgumentParser, teams: str = "team") -> None:
    """The options every command takes: before the command, or after it."""
    import argparse

    parser.add_argument("--data-dir", metavar="DIR", help=t("cli.data_dir"))
    parser.add_argument("--team", metavar="DIR", action="append", dest=teams, help=t("team.cli"))
    parser.add_argument("--lang", choices=LANGUAGES, help=t("cli.lang"))
    parser.add_argument("--ascii", action=argparse.BooleanOptionalAction, help=t("cli.ascii"))


def parse_args(argv: list[str]) -> argparse.Namespace:
    args = build_parser().parse_args(argv)
    args.team = [*args.team, *vars(args).pop("teams_after", [])]
    return args


def plain_start(argv: list[str]) -> SimpleNamespace | None:
    """The arguments of a plain start, `samspil [--data-dir DIR] [--lang da|en] [--team DIR]...
    [--ascii|--no-ascii]`, read without building the whole parser (~7 ms before the first frame);
    None for anything else (a command, --help, an abbreviation, a mistake), which `build_parser`
    reads and explains. A test checks both readings agree."""
    values: dict[str, object] = {"data_dir": None, "lang": None, "ascii": None, "command": None}
    teams: list[str] = []
    rest = list(argv)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name in ("--ascii", "--no-ascii") and not equals:
            values["ascii"] = name == "--ascii"
            continue
        if name not in ("--data-dir", "--lang", "--team"):
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        if name == "--lang" and value not in LANGUAGES:
            return None
        if name == "--team":
            teams.append(value)
        else:
            values[name[2:].replace("-", "_")] = value
    return SimpleNamespace(team=teams, **values)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    from tui.ascii_mode import protect_output
    from tui.errors import plain_excepthook

    protect_output(sys.stdout, sys.stderr)  # a Latin-1 terminal gets "+" for "✓", not a UnicodeEncodeError

    sys.excepthook = plain_excepthook  # no traceback with values, even outside the app
    plain = plain_start(argv)
    args: SimpleNamespace | argparse.Namespace
    if plain is not None:
        set_language(choose_language(plain.lang, None))
        args = plain
    else:  # the language of --help itself comes from --lang or the environment
        import argparse

        early = argparse.ArgumentParser(add_help=False)
        early.add_argument("--lang", choices=LANGUAGES)
        early.add_argument("--data-dir")
        known, _ = early.parse_known_args(argv)
        set_language(choose_language(known.lang, None))
        args = parse_args(argv)

    from saved.files import UnsafePath
    from saved.locations import Locations

    locations = Locations.resolve(args.data_dir)
    try:
        if args.command == "locate":
            return locate(locations)
        if args.command == "check":
            return check(args.path, locations)
        if args.command == "due":
            from tui.due import due_command

            return due_command(locations)
        if args.command == "export":
            if args.team:  # `--team DIR export FILE`: a team's document, logged in its export and change logs
                locations = team_locations(args.team, args.file) or locations
            return export(args.file, args.format, args.output, private=args.private, locations=locations)
        if args.command == "demo":
            return leave(run_demo(args.lang, ascii=args.ascii))
        return leave(run_app(locations, args.lang, ascii=args.ascii, teams=args.team))
    except UnsafePath as error:
        print(t("cli.unsafe", reason=safe_text(str(error), single_line=True)), file=sys.stderr)
        return 1
    except BrokenPipeError:  # `samspil export ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # no second error at exit
        return 0


def team_locations(named: list[str], file: Path):
    """The folders of the team (of those named) that holds `file`, or None. A folder that cannot be
    used is said on stderr, as at the app's start."""
    from saved.team import team_of, teams_from

    teams, unusable = teams_from(named)
    for reason in unusable:
        print(t("team.unusable", reason=safe_text(reason, single_line=True)), file=sys.stderr)
    team = team_of(teams, file.expanduser().absolute())
    return team.locations if team is not None else None


def locate(locations) -> int:
    rows = [
        (t("locate.data"), locations.root),
        (t("locate.documents"), locations.documents),
        (t("locate.backups"), locations.backups),
        (t("locate.settings"), locations.settings),
        (t("locate.recovery"), locations.recovery),
        (t("locate.exports"), locations.exports),
        (t("locate.log"), locations.log),
    ]
    width = max(len(name) for name, _ in rows)
    for name, path in rows:
        print(f"{name + ':':<{width + 1}} {path}")
    return 0


def check(path: Path | None, locations) -> int:
    from saved.check import check as check_files

    problems = check_files(path, locations)
    from tui.errors import said

    for problem in problems:
        print(safe_text(said(problem), single_line=True))
    if path is None:  # what is overdue: said, not a problem (the exit code stays)
        from tui.due import check_notices

        for notice in check_notices(locations):
            print(notice)
    if problems:
        print(t("check.problems", count=len(problems)), file=sys.stderr)
        return 1
    print(t("check.ok"))
    return 0


def export(path: Path, fmt: str, output: Path | None, *, private: bool = False, locations=None) -> int:
    """A report or export of one document. A document of the data directory records it in its
    export log (it is locked for that; one open in samspil is refused: export it there with F4,
    which logs it); a file elsewhere is not a document samspil keeps, and stderr says it is not logged."""
    from saved.reports import ONE_KIND_FORMATS, REPORT_FORMATS, render
    from tui.i18n import current_language
    from saved.files import atomic_write
    from saved.store import DocumentError, load

    try:
        loaded = load(path)
    except DocumentError as error:
        from tui.errors import said

        for problem in error.problems:
            print(safe_text(said(problem), single_line=True), file=sys.stderr)
        return 1
    if private and fmt not in REPORT_FORMATS:
        print(t("export.cli_private_formats"), file=sys.stderr)
        return 2
    kind = loaded.document.kind
    if ONE_KIND_FORMATS.get(fmt, kind) != kind:  # was "unexpected error (ValueError ...)", exit 1
        print(t("export.cli_format_kind", format=fmt, kind=t(f"kind.{ONE_KIND_FORMATS[fmt]}").lower()), file=sys.stderr)
        return 2
    opened = None
    if locations is not None and path.resolve().parent == locations.documents.resolve():
        from saved.editing import OpenDocument
        from saved.lock import LockHeld

        try:
            opened = OpenDocument.open(locations, path)
        except (DocumentError, LockHeld, OSError):
            opened = None
        if opened is None or opened.read_only is not None:
            if opened is not None:
                opened.close()
            print(t("export.cli_not_logged"), file=sys.stderr)
            return 1
    try:
        document = opened.document if opened is not None else loaded.document
        from saved.reports.supervision import for_report  # a session's case pseudonym and scales' course

        shown, earlier = for_report(document, locations)
        text = render(shown, fmt, private=private, say=t, lang=current_language(), earlier=earlier)
        from models.privacy import texts_with_cpr

        cpr = texts_with_cpr(document, private)
        if cpr:
            print(t("export.cli_cpr", count=cpr), file=sys.stderr)
        if output is None:
            sys.stdout.write(text if not sys.stdout.isatty() else safe_text(text))
        else:
            try:
                atomic_write(output, text.encode("utf-8"), private=False)  # where the user asked for it
            except OSError as error:  # a folder that does not exist, no access, a full disk: said, not "unexpected"
                from tui.errors import os_reason

                print(t("export.cli_write_failed", path=safe_text(str(output), single_line=True), reason=os_reason(error)), file=sys.stderr)
                return 1
        if opened is None:
            print(t("export.cli_outside"), file=sys.stderr)
            return 0
        from models.clock import now
        from models.documents import ExportRecord
        from saved.store import ChangedOnDisk

        record = ExportRecord.model_validate(
            {"at": now(), "format": "html" if fmt == "summary" else fmt, "private": private, "to": "stdout" if output is None else "file", "path": "" if output is None else str(output.resolve())}
        )
        try:
            opened.log_export(record)
        except (ChangedOnDisk, OSError):
            print(t("export.cli_log_failed"), file=sys.stderr)
            return 1
    finally:
        if opened is not None:
            opened.close()
    return 0


def run_app(locations, lang: str | None, *, demo: bool = False, ascii: bool | None = None, teams: list[str] | None = None) -> int:
    locations.ensure()
    if locations.move_old_settings():
        print(t("settings.moved", old=locations.old_settings, new=locations.settings), file=sys.stderr)
    settings = None
    problems: list[Problem] = []
    # No settings file, no settings model: pydantic (~0.1 s, 12 MB) then loads after the first frame.
    if locations.settings.exists():
        from saved.store import load_settings

        settings, problems = load_settings(locations)
    set_language(choose_language(lang, settings.lang if settings else None))
    if problems:
        from tui.errors import said

        for problem in problems:
            print(t("settings.damaged", problem=safe_text(said(problem), single_line=True)), file=sys.stderr)
    team_folders: list = []
    if teams or (settings is not None and settings.teams):  # saved/team.py: checked as strictly as ours
        from saved.team import teams_from

        team_folders, unusable = teams_from([*(settings.teams if settings else []), *(teams or [])])
        for reason in unusable:
            print(t("team.unusable", reason=safe_text(reason, single_line=True)), file=sys.stderr)
        if unusable and teams:
            return 2
    # Importing Textual and the app makes ~10^5 objects and no garbage: collecting meanwhile is
    # wasted start time (~5-10%), and once frozen later collections need not walk them again.
    gc.disable()
    try:
        from tui.app import SamspilApp
        from tui.driver import samspil_driver
    finally:
        gc.freeze()
        gc.enable()
    # A screen is built as ~10^4 objects that live as long as it does; a young collection every
    # 700 new objects (Python's default) walked them as they came, and the middle generation
    # again and again: ~15 ms of collecting from the start to a case's network, 8 ms at 5000.
    # Garbage in cycles (a closed screen) is still collected, a little later.
    gc.set_threshold(YOUNG_COLLECTION, *gc.get_threshold()[1:])

    app = SamspilApp(locations, settings=settings, demo=demo, teams=team_folders)
    from tui.ascii_mode import wanted

    plain = wanted(ascii if ascii is not None else getattr(settings, "ascii", None), encoding=sys.__stderr__.encoding if sys.__stderr__ else None)
    app.ascii = plain
    app.driver_class = samspil_driver(plain)  # fewer bytes per frame, no wait on quit, ASCII if asked
    app.quick_exit = True  # the process ends after the app (`leave`): no widget-by-widget teardown
    # A loop of our own: Textual then does not close it, which would cancel and unwind every
    # widget's task one by one (~10-20 ms on quit); `leave` ends the process right after.
    loop = asyncio.new_event_loop()
    from tui.app import hold_stop_signals

    hold_stop_signals(app)
    try:
        app.run(loop=loop)
    finally:
        app.release_all()
        app.keep_css()  # CSS parsed in a session too short for the app's own timer (tui/css_cache.py)
    return app.return_code or 0


def leave(code: int) -> int:
    """End the process at once after the app: no interpreter teardown (0.05-0.2 s of freeing memory).

    By now every change is saved (each save is fsynced), every lock released, the demo copy
    removed and the terminal restored; only Python's own clean-up is skipped.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def run_demo(lang: str | None, *, ascii: bool | None = None) -> int:
    """The app on a fresh temporary copy of the bundled example documents, removed afterwards."""
    import shutil
    import tempfile

    from saved.examples import copy_examples
    from saved.locations import Locations

    root = Path(tempfile.mkdtemp(prefix="samspil-demo-"))
    try:
        locations = Locations(root)
        copy_examples(locations)
        return run_app(locations, lang, demo=True, ascii=ascii)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
