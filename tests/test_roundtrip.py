"""Property tests: any valid document saved and loaded compares equal; any bytes given to the
loader give a document or a clean DocumentError, never another exception."""

from __future__ import annotations

import tempfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
import tomli_w
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

from models.base import ID_ALPHABET, ID_LENGTH, SCHEMA_VERSION
from models.documents import Case, DocumentBase
from models.exnovation import Exnovation
from models.supervision import Supervision
from saved import store
from saved.check import check_file
from saved.store import _RAW_IN_TOML as RAW_IN_TOML, DocumentError, Loaded, dumps, load

# No example database in the repository; no deadline (the first call imports and warms up).
PROPERTY = settings(max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(scope="module")
def workdir():
    with tempfile.TemporaryDirectory() as name:
        yield Path(name)


# --- strategies --------------------------------------------------------------------------------

offsets = st.integers(min_value=-(23 * 60 + 59), max_value=23 * 60 + 59).map(lambda m: timezone(timedelta(minutes=m)))
timestamps = st.datetimes(
    min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30), timezones=offsets
).map(lambda d: d.replace(microsecond=0))
ids = st.text(alphabet=ID_ALPHABET, min_size=ID_LENGTH, max_size=ID_LENGTH)


def text(max_size: int, min_size: int = 0):
    # Any unicode text a user could type or paste: controls, bidi marks, emoji, NUL, CR, ...
    # (hypothesis leaves out lone surrogates, which no UTF-8 file can hold).
    return st.text(min_size=min_size, max_size=max_size)


def common(**extra):
    return dict(
        id=ids,
        title=text(80, min_size=1),
        created=timestamps,
        changed=timestamps,
        archived=st.booleans(),
        # Short notes of any text, and notes right at the 20,000 character limit.
        notes=st.one_of(text(2_000), text(20, min_size=1).map(lambda s: (s * 20_000)[:20_000])),
        **extra,
    )


cases = st.builds(Case, **common(review_date=st.dates()))
boards = st.builds(Exnovation, **common(team=text(80)))
sessions = st.builds(
    Supervision,
    **common(
        held_on=st.dates(),
        supervisor=text(80),
        practitioner=text(80),
        case_id=st.none() | ids,
        agenda=text(200),
    ),
)
documents = st.one_of(cases, boards, sessions)


# --- (a) round trip --------------------------------------------------------------------------


@PROPERTY
@given(document=documents)
@example(document=Case(id="abcdefgh", title="\x1b[2J\r\n\t\x00\x7f\u202e\U0001f600\"'\\", notes='"""\n[table]\nkey = 1\n"""'))
@example(document=Case(id="abcdefgh", title="\x85\x9b31m\u061c\u200e\u200f\u2028\u2029\u202a\u202e\u2066\u2069", notes="\x80\x9f\\u202e"))
@example(document=Exnovation(id="abcdefgh", title="x" * 80, notes="n" * 20_000, team="t" * 80))
@example(
    document=Supervision(
        id="abcdefgh",
        title="æøå ÆØÅ",
        created=datetime(2024, 3, 31, 2, 30, tzinfo=timezone(timedelta(hours=-23, minutes=-59))),
        changed=datetime(1, 1, 2, tzinfo=timezone(timedelta(hours=23, minutes=59))),
        held_on=date(1, 1, 1),
        case_id=None,
    )
)
def test_any_valid_document_saved_and_loaded_compares_equal(workdir, document: DocumentBase):
    path = workdir / "doc.toml"
    data = dumps(document)
    path.write_bytes(data)
    loaded = load(path)
    assert loaded.document == document
    assert type(loaded.document) is type(document)
    assert loaded.newer_version is None and loaded.migrated_from is None
    assert dumps(loaded.document) == data, "dump is stable: a load and save changes nothing"
    # C1 controls and bidi marks are written as \u escapes, so `cat` of the file shows them as
    # text (a colleague's, in a team folder): the file holds none raw, the document is the same.
    assert not RAW_IN_TOML.search(data.decode("utf-8"))


@settings(max_examples=25, deadline=None, database=None)
@given(document=documents)
def test_any_valid_document_survives_the_real_save_path(tmp_path_factory, document: DocumentBase):
    from saved.locations import Locations

    locations = Locations(tmp_path_factory.mktemp("data"))
    created = store.create(locations, document.model_copy())
    again = load(created.path)
    assert again.document == created.document
    # Equal to what was made, but for `changed`, which saving stamps.
    assert again.document == document.model_copy(update={"changed": created.document.changed})
    assert check_file(created.path) == []


# --- (b) any bytes: a document or a clean error ----------------------------------------------


def load_cleanly(path: Path, data: bytes) -> Loaded | None:
    path.write_bytes(data)
    try:
        loaded = load(path)
    except DocumentError as error:
        assert error.problems and all(p.path == path for p in error.problems)
        assert all(isinstance(p.message, str) and p.message for p in error.problems)
        assert all(p.line is None or 1 <= p.line <= data.count(b"\n") + 1 for p in error.problems)
        assert path.read_bytes() == data
        return None
    assert isinstance(loaded.document, DocumentBase)
    assert path.read_bytes() == data
    return loaded


@PROPERTY
@given(data=st.binary(max_size=2_000))
@example(data=b"\xff")
@example(data=b"\x00")
@example(data=b"kind = [1]\nschema_version = 1\n")
@example(data=b"kind = {a = 1}\nschema_version = 1\n")
@example(data=b"schema_version = 1\nkind = 1.5\n")
@example(data=b"a=" + b"[" * 5000)
def test_any_bytes_give_a_document_or_a_clean_error(workdir, data: bytes):
    load_cleanly(workdir / "any.toml", data)


TOML_SCALARS = st.one_of(
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.dates(),
    timestamps,
    st.datetimes(),  # local (naive) datetimes
    st.times(),
)
KEYS = st.sampled_from(
    ["kind", "schema_version", "id", "title", "notes", "created", "changed", "archived", "review_date",
     "team", "held_on", "supervisor", "practitioner", "case_id", "agenda", "extra", "x"]
)
TOML_VALUES = st.recursive(
    TOML_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS | st.text(max_size=5), inner, max_size=4),
    max_leaves=12,
)


@PROPERTY
@given(
    kind=st.sampled_from(["case", "exnovation", "supervision", "board", "session", "settings", ""]) | TOML_VALUES,
    version=st.sampled_from([SCHEMA_VERSION, SCHEMA_VERSION + 1, 0, -1, 10**30]) | TOML_VALUES,
    fields=st.dictionaries(KEYS, TOML_VALUES, max_size=8),
)
def test_any_toml_table_gives_a_document_or_a_clean_error(workdir, kind, version, fields):
    raw = {**fields, "kind": kind, "schema_version": version}
    try:
        data = tomli_w.dumps(raw).encode()
    except (TypeError, ValueError):
        assume(False)  # not representable in TOML (e.g. a NaN key or nested None)
    loaded = load_cleanly(workdir / "table.toml", data)
    if loaded is not None and loaded.newer_version is None:
        assert loaded.document.kind == kind


@PROPERTY
@given(document=documents, data=st.data())
def test_a_mutated_valid_file_gives_a_document_or_a_clean_error(workdir, document, data):
    text = dumps(document).decode()
    for _ in range(data.draw(st.integers(min_value=1, max_value=4), label="mutations")):
        start = data.draw(st.integers(min_value=0, max_value=len(text)), label="start")
        end = data.draw(st.integers(min_value=start, max_value=min(len(text), start + 40)), label="end")
        insert = data.draw(
            st.one_of(
                st.just(""),
                st.text(max_size=10),
                st.sampled_from(['"', "'", '"""', "[", "]", "[[", "=", "\n", ".", "#", "\\", "{", "}", ",", "\x00", "\r"]),
            ),
            label="insert",
        )
        text = text[:start] + insert + text[end:]
    load_cleanly(workdir / "mutated.toml", text.encode("utf-8"))
