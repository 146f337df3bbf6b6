"""The board's inbox (saved/inbox.py): nominations and votes without the lock, merged by the
holder exactly once, hostile entries refused without crashing the merge."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

import saved.platform
from models.exnovation import Exnovation
from models.exnovation import Item
from models.team import votes_for
from saved import changelog, inbox, store
from saved.editing import OpenDocument, ReadOnly
from saved.files import forget_team_roots
from saved.team import open_team
from tui.errors import said
from tui.exnovation.inbox import refused_words

pytestmark = pytest.mark.skipif(saved.platform.WINDOWS, reason="team folders are POSIX only")
ME = saved.platform.user_name()
HOSTILE = "\x1b[31m rød \x1b]8;;http://x\x07 \x9b \u202e [bold] <script>"


@pytest.fixture(autouse=True)
def _forget():
    yield
    forget_team_roots()


@pytest.fixture
def board(tmp_path: Path):
    folder = tmp_path / "team"
    folder.mkdir()
    os.chmod(folder, 0o2770)
    team = open_team(folder)
    loaded = store.create(team.locations, Exnovation(title="Tavle", items=[Item(what="Dobbeltregistrering", nominated_on=date(2026, 11, 1))]))
    opened = OpenDocument.open(team.locations, loaded.path)
    yield opened
    opened.close()


def test_a_nomination_and_a_vote_are_merged_once(board):
    item = board.document.items[0].id
    entry = inbox.nominate(board.path, HOSTILE, "fordi", anonymous=False)
    inbox.vote(board.path, item)
    assert oct(os.lstat(entry).st_mode & 0o7777) == "0o660" and oct(os.lstat(entry.parent).st_mode & 0o7777) == "0o2770"
    assert inbox.waiting(board.path) == 2
    pending = inbox.merge_open(board)
    assert (len(pending.items), len(pending.votes), pending.refused) == (1, 1, [])
    again = store.load(board.path).document
    assert [i.what for i in again.items] == ["Dobbeltregistrering", HOSTILE]
    assert again.items[1].nominated_by == ME
    assert votes_for(again.votes, item) == 1
    assert inbox.waiting(board.path) == 0
    assert inbox.merge_open(board).changes is False
    assert [e.event for e in changelog.read(board.path)][-2:] == ["save", "merged"]


def test_an_anonymous_nomination_records_no_name(board):
    path = inbox.nominate(board.path, "Ugentlig statusmail", anonymous=True)
    assert ME.encode() not in path.read_bytes()
    inbox.merge_open(board)
    item = store.load(board.path).document.items[-1]
    assert item.what == "Ugentlig statusmail" and item.nominated_by == ""
    assert ME.encode() not in board.path.read_bytes()


def test_dots_one_per_item_and_a_set_number_per_person(board):
    board.document.dots_per_person = 2
    ids = [board.document.items[0].id]
    for what in ("a", "b"):
        inbox.nominate(board.path, what)
    inbox.merge_open(board)
    ids = [i.id for i in board.document.items]
    inbox.vote(board.path, ids[0])
    inbox.vote(board.path, ids[0])  # the same item twice: one counts
    inbox.vote(board.path, ids[1])
    inbox.vote(board.path, ids[2])  # a third dot: not counted
    inbox.vote(board.path, "zzzzzzzz")  # no such item
    pending = inbox.merge_open(board)
    assert len(pending.votes) == 2 and pending.not_counted == 3
    assert [votes_for(board.document.votes, i) for i in ids] == [1, 1, 0]


def test_a_merge_killed_after_the_save_counts_nothing_twice(board):
    inbox.nominate(board.path, "a")
    inbox.vote(board.path, board.document.items[0].id)
    pending = inbox.collect(board.path, board.document)
    for name, value in pending.apply_to(board.document).items():
        setattr(board.document, name, value)
    board.mark_changed()
    board.save()  # ... and killed here, before the files are removed
    assert inbox.waiting(board.path) == 2
    fresh = OpenDocument(board.locations, store.load(board.path))
    again = inbox.collect(fresh.path, fresh.document)
    assert again.items == [] and again.votes == [] and sorted(again.done) == sorted(pending.done)
    inbox.remove(fresh.path, again.done)
    assert len(fresh.document.items) == 2 and len(fresh.document.votes) == 1 and inbox.waiting(board.path) == 0


def test_a_reader_posts_while_the_holder_has_the_board(board):
    reader = OpenDocument.open(board.locations, board.path)
    assert reader.read_only is ReadOnly.LOCKED and reader.holder is not None and reader.holder.user == ME
    inbox.nominate(reader.path, "mens tavlen er optaget")
    inbox.merge_open(board)
    reader.reload()
    assert reader.document.items[-1].what == "mens tavlen er optaget"


@pytest.mark.parametrize("kind", ["huge", "symlink", "fifo", "bad_toml", "bad_shape", "wrong_name", "id_differs", "not_utf8", "deep", "wrong_group"])
def test_hostile_entries_are_refused_and_the_rest_merged(board, tmp_path, kind):
    box = inbox.inbox_of(board.path)
    good = inbox.nominate(board.path, "god")
    name = "nomination-abcdefgh.toml"
    target = box / name
    if kind == "huge":
        target.write_bytes(b"# " + b"x" * 100_000)
    elif kind == "symlink":
        secret = tmp_path / "secret.toml"
        secret.write_text('kind = "nomination"\n')
        target.symlink_to(secret)
    elif kind == "fifo":
        os.mkfifo(target)
    elif kind == "bad_toml":
        target.write_text('kind = "nomination"\nwhat = \n')
    elif kind == "bad_shape":
        target.write_text('kind = "nomination"\nid = "abcdefgh"\nwhat = ""\nnominated_on = 2026-11-30\n')
    elif kind == "wrong_name":
        target = box / "evil.toml"
        target.write_text("x = 1\n")
    elif kind == "id_differs":
        target.write_text('kind = "nomination"\nid = "hgfedcba"\nwhat = "x"\nnominated_on = 2026-11-30\n')
    elif kind == "not_utf8":
        target.write_bytes(b"\xff\xfe")
    elif kind == "deep":
        target.write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    elif kind == "wrong_group":
        target.write_text('kind = "nomination"\nid = "abcdefgh"\nwhat = "x"\nnominated_on = 2026-11-30\n')
        if os.geteuid() != 0:
            pytest.skip("needs root to give a file another group")
        os.chown(target, -1, 65534)
    pending = inbox.merge_open(board)
    assert [i.what for i in pending.items] == ["god"]
    assert len(pending.refused) == 1 and target.name in str(pending.refused[0])
    assert "x" * 20 not in str(pending.refused[0])
    # Said in the interface's words (the catalogue's, not the store's English), and where it went.
    assert said(pending.refused[0]) != str(pending.refused[0])
    words = refused_words(pending.refused[0])  # the tests' language is Danish (conftest)
    assert f"lagt til side som .refused-{target.name}" in words and "not " not in words and "\x1b" not in words
    assert not os.path.lexists(target) and os.path.lexists(box / f".refused-{target.name}")
    assert not os.path.lexists(good)
    assert inbox.merge_open(board).refused == []  # set aside: not refused again


def test_an_inbox_folder_of_another_group_is_refused_not_read(board):
    if os.geteuid() != 0:
        pytest.skip("needs root to give a folder another group")
    inbox.nominate(board.path, "a")
    os.chown(inbox.inbox_of(board.path), -1, 65534)
    pending = inbox.merge_open(board)
    assert pending.items == [] and len(pending.refused) == 1 and "not the team's" in str(pending.refused[0])
    assert len(board.document.items) == 1


def test_an_inbox_that_is_a_link_is_not_followed(board, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "nomination-abcdefgh.toml").write_text('kind = "nomination"\nid = "abcdefgh"\nwhat = "x"\nnominated_on = 2026-11-30\n')
    inbox.inbox_of(board.path).symlink_to(elsewhere)
    assert inbox.merge_open(board).items == []
    with pytest.raises(OSError):
        inbox.nominate(board.path, "b")


from hypothesis import HealthCheck, example, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(what=st.text(min_size=1, max_size=200).filter(str.strip), why=st.text(max_size=300), anonymous=st.booleans())
@example(what="\x9b31m \u202eomvendt", why="\x85\u2066\u200f", anonymous=False)
def test_any_text_goes_through_the_inbox_unchanged(board, what, why, anonymous):
    """And the entry's file holds no C1 control or bidi mark raw (store.toml_text): `cat` of it
    by a colleague shows them as text."""
    written = inbox.nominate(board.path, what, why, anonymous=anonymous)
    assert not store._RAW_IN_TOML.search(written.read_text(encoding="utf-8"))
    pending = inbox.collect(board.path, board.document)
    inbox.remove(board.path, pending.done)
    assert pending.refused == [] and [(i.what, i.why, i.nominated_by == "") for i in pending.items] == [(what, why, anonymous)]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=600))
def test_any_bytes_in_the_inbox_are_refused_or_merged_never_a_crash(board, data):
    box = inbox.inbox_of(board.path)
    box.mkdir(exist_ok=True)
    (box / "vote-abcdefgh.toml").write_bytes(data)
    pending = inbox.collect(board.path, board.document)
    assert len(pending.refused) + len(pending.done) == 1
    for leftover in box.iterdir():
        leftover.unlink()


@given(st.text(max_size=400))
def test_any_line_in_a_change_log_is_read_or_skipped(line):
    event = changelog._decode(line)
    assert event is None or event.event in changelog.EVENTS


@given(st.dictionaries(st.text(max_size=20), st.text(max_size=5), max_size=5), st.dictionaries(st.text(max_size=20), st.text(max_size=5), max_size=5))
def test_field_paths_carry_plain_keys_only(old, new):
    for part in changelog.changed_parts({"storm": old}, {"storm": new}):
        assert part == "storm" or part in {f"storm.{k}" for k in (*old, *new) if changelog._KEY.match(k)} | {"storm.?"}


def test_deleting_a_board_removes_its_inbox_and_says_so_in_the_log(board, tmp_path):
    inbox.nominate(board.path, "hemmelig tekst")
    outside = tmp_path / "outside"
    outside.write_text("bliver")
    (inbox.inbox_of(board.path) / "link.toml").symlink_to(outside)
    board.close()
    store.delete(board.locations, board.path)
    assert not inbox.inbox_of(board.path).exists() and outside.read_text() == "bliver"
    assert changelog.read(board.path)[-1].event == "deleted"


def test_a_dot_taken_back_frees_it_for_another_item(board):
    board.document.dots_per_person = 1
    inbox.nominate(board.path, "b")
    inbox.merge_open(board)
    first, second = (i.id for i in board.document.items)
    inbox.vote(board.path, first)
    inbox.merge_open(board)
    inbox.vote(board.path, second)  # no dot left
    assert inbox.merge_open(board).not_counted == 1
    assert inbox.my_dots(board.path, board.document) == ({first}, {})
    inbox.vote(board.path, first, retract=True)
    assert inbox.my_dots(board.path, board.document)[0] == set()  # waiting, already off
    pending = inbox.merge_open(board)
    assert len(pending.retracted) == 1 and board.document.votes == []
    inbox.vote(board.path, second)
    inbox.merge_open(board)
    assert [(v.item_id, v.voter) for v in board.document.votes] == [(second, ME)]
    inbox.vote(board.path, first, retract=True)  # no dot there: nothing to take back
    assert inbox.merge_open(board).not_counted == 1 and len(board.document.votes) == 1
    assert changelog.read(board.path)[-1].parts == ("items +0", "votes +0", "votes -0")
