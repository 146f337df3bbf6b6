"""The command line: exit codes 0 ok, 1 problems, 2 usage; output says file:line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import saved.platform
from saved.examples import example_files
from tui.__main__ import main

ROOT = Path(__file__).resolve().parent.parent


def test_version(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert "samspil 0.1.0" in capsys.readouterr().out


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "fr"])
    assert exit_.value.code == 2


def test_locate_prints_every_place(tmp_path, capsys):
    assert main(["--lang", "en", "--data-dir", str(tmp_path / "d"), "locate"]) == 0
    out = capsys.readouterr().out
    for part in ("d\n", "d/documents", "d/backups", str(Path(os.environ["SAMSPIL_CONFIG_DIR"], "settings.toml"))):
        assert part in out


def test_locate_uses_the_environment(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("SAMSPIL_DATA_DIR", str(tmp_path / "env-dir"))
    assert main(["locate"]) == 0
    assert "env-dir/documents" in capsys.readouterr().out


def test_check_the_examples_is_clean(capsys):
    assert main(["--lang", "en", "check", str(example_files()[0].parent)]) == 0
    assert "No problems" in capsys.readouterr().out


def test_check_lists_every_problem_with_file_and_line(locations, capsys):
    (locations.documents / "case-aaaaaaaa.toml").write_text('kind = "case"\nschema_version = 1\ntitle = "x\n')
    (locations.documents / "case-bbbbbbbb.toml").write_text(
        'kind = "case"\nschema_version = 1\nid = "bbbbbbbb"\ntitle = "ok"\nmystery = 1\n'
    )
    (locations.documents / ".case-cccccccc.toml.x.tmp").write_text("half a save")
    code = main(["--lang", "en", "--data-dir", str(locations.root), "check"])
    out = capsys.readouterr().out
    assert code == 1
    assert "case-aaaaaaaa.toml:3: not valid TOML" in out
    assert "case-bbbbbbbb.toml:5: mystery: unknown key: not part of a samspil document" in out
    assert ".tmp: left behind by an interrupted save" in out
    main(["--lang", "da", "--data-dir", str(locations.root), "check"])  # the interface's language
    out = capsys.readouterr().out
    assert "case-aaaaaaaa.toml:3: ikke gyldig TOML" in out
    assert "case-bbbbbbbb.toml:5: mystery: ukendt nøgle: ikke en del af et samspil-dokument" in out
    assert ".tmp: efterladt af en afbrudt gemning" in out


def test_check_output_has_no_terminal_escapes(locations, capsys):
    (locations.documents / "case-aaaaaaaa.toml").write_bytes(b'kind = "case"\nschema_version = 1\ntitle = "\x1b]0;x\x07\n')
    assert main(["--data-dir", str(locations.root), "check"]) == 1
    assert "\x1b" not in capsys.readouterr().out


def test_export_markdown_and_json(tmp_path, capsys):
    case = next(p for p in example_files() if p.name.startswith("case-demcasea"))
    assert main(["export", str(case), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["kind"] == "case" and data["title"] == "K.M. (demo)"
    out = tmp_path / "report.md"
    assert main(["export", str(case), "--format", "md", "-o", str(out)]) == 0
    assert out.read_text().startswith("# K.M. (demo)")
    assert oct(out.stat().st_mode & 0o777) == "0o600"


def test_export_to_a_folder_that_does_not_exist_says_so(tmp_path, capsys):
    """-o into a missing folder was 'samspil: unexpected error (FileNotFoundError at ...)' (found
    trying exports as a user)."""
    case = next(p for p in example_files() if p.name.startswith("case-demcasea"))
    assert main(["--lang", "da", "export", str(case), "--format", "md", "-o", str(tmp_path / "mangler" / "r.md")]) == 1
    err = capsys.readouterr().err
    assert "Ikke eksporteret: kan ikke skrive" in err and "mappen eller filen findes ikke" in err and "unexpected" not in err


def test_export_of_a_damaged_file_fails_cleanly(tmp_path, capsys):
    bad = tmp_path / "x.toml"
    bad.write_text("not = [toml")
    assert main(["export", str(bad)]) == 1
    assert "x.toml:1" in capsys.readouterr().err


@pytest.mark.skipif(saved.platform.WINDOWS, reason="mode bits are POSIX only")
def test_an_unsafe_data_dir_is_refused(tmp_path, capsys):
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o777)
    assert main(["--lang", "en", "--data-dir", str(shared), "check"]) in (0, 1)  # check reads only
    code = subprocess.run(
        [sys.executable, "-m", "tui", "--lang", "en", "--data-dir", str(shared)],
        capture_output=True, text=True, cwd=ROOT, stdin=subprocess.DEVNULL, timeout=60,
    )
    assert code.returncode == 1
    assert "can be written by other users" in code.stderr


def test_help_speaks_the_language_asked_for():
    def run(*args, lang="C.UTF-8"):
        env = {**os.environ, "LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""}
        return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60).stdout

    assert "find alle problemer" in run("--help"), "Danish when the environment names no language"
    assert "find every problem" in run("--help", lang="en_US.UTF-8")
    assert "find alle problemer" in run("--help", lang="da_DK.UTF-8")
    assert "find every problem" in run("--lang", "en", "--help", lang="da_DK.UTF-8")


def test_argparse_own_words_speak_the_language_too():
    """`samspil export` without a file said "error: the following arguments are required" to a
    Danish user, and --help's headings were English."""

    def run(*args, lang):
        env = {**os.environ, "LANG": lang, "LC_ALL": "", "LC_MESSAGES": ""}
        return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=60)

    helped = run("--help", lang="da_DK.UTF-8").stdout
    assert helped.startswith("brug: samspil") and "\ntilvalg:\n" in helped and "vis denne hjælp og afslut" in helped
    missing = run("export", lang="da_DK.UTF-8")
    assert missing.returncode == 2 and missing.stderr.splitlines()[-1] == "samspil export: fejl: disse argumenter mangler: file"
    assert "ugyldigt valg: 'x'" in run("export", "--format", "x", "f", lang="da_DK.UTF-8").stderr
    english = run("export", lang="en_US.UTF-8")
    assert english.stderr.splitlines()[-1] == "samspil export: error: the following arguments are required: file"


def test_the_argparse_keys_are_argparse_own_english():
    """The English catalogue's texts are the keys the other languages are found by: a text argparse
    does not have (a typo, another wording) would never be translated."""
    import argparse
    import inspect

    from tui.i18n import catalog

    source = inspect.getsource(argparse)
    newer = {"subcommands"} if sys.version_info < (3, 13) else set()  # a heading of Python 3.13's
    texts = {key: text for key, text in catalog("en").items() if key.startswith("argparse.")}
    assert len(texts) > 15
    for key, text in texts.items():
        assert text.replace("\n", "\\n") in source or text in newer, key  # the source's "\n" as written


def test_the_common_options_may_follow_the_command(tmp_path, capsys):
    """`samspil demo --lang en` was a usage error: the options had to come before the command."""
    from tui.__main__ import parse_args

    assert main(["locate", "--data-dir", str(tmp_path / "here"), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "here") in out and "documents:" in out  # English, and that folder
    args = parse_args(["--team", "A", "export", "f.toml", "--team", "B", "--no-ascii", "--lang", "da"])
    assert (args.team, args.ascii, args.lang, args.command) == (["A", "B"], False, "da", "export")
    before = parse_args(["--lang", "en", "--data-dir", "D", "demo"])
    assert (before.lang, before.data_dir, before.team) == ("en", "D", [])


@pytest.mark.parametrize(("prefix", "fmt", "said"), [
    ("case-demcasea", "summary", "findes kun for en tavle"),
    ("exnovation-dembrd2a", "svg", "findes kun for en sag"),
    ("supervision-demsupva", "dot", "findes kun for en sag"),
])
def test_a_format_the_document_has_not_is_a_usage_error(prefix, fmt, said, capsys):
    """`export CASE --format summary` (the board's one-page summary) said "samspil: unexpected
    error (ValueError at saved/reports/__init__.py:54 ...)" and exited 1 (found as a user)."""
    document = next(p for p in example_files() if p.name.startswith(prefix))
    assert main(["--lang", "da", "export", str(document), "--format", fmt]) == 2
    err = capsys.readouterr().err
    assert said in err and "unexpected" not in err
