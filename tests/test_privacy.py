"""CPR detection and masking (research/domain.md section 5, reliability.md section 4.1).

A CPR-like number is DDMMYY-SSSS (dash optional) with a real birth date; digit 7 and YY give the century.
Modulus 11 only raises confidence: numbers without it have been issued since 2007 and must still be found.
All numbers below are fictional.
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from models.privacy import find_cpr, mask_cpr

WEIGHTS = (4, 3, 2, 7, 6, 5, 4, 3, 2, 1)


def mod11(digits: str) -> bool:
    return sum(int(d) * w for d, w in zip(digits, WEIGHTS)) % 11 == 0


def reference_birth_date(digits: str) -> date | None:
    """The century table from domain.md section 5, written out independently."""
    dd, mm, yy, d7 = int(digits[0:2]), int(digits[2:4]), int(digits[4:6]), int(digits[6])
    if d7 in (0, 1, 2, 3):
        year = 1900 + yy
    elif d7 in (4, 9):
        year = (2000 if yy <= 36 else 1900) + yy
    else:  # 5-8
        year = (2000 if yy <= 57 else 1800) + yy
    try:
        return date(year, mm, dd)
    except ValueError:
        return None


def only(text: str):
    found = find_cpr(text)
    assert len(found) == 1, found
    return found[0]


# -- modulus 11 ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("number", ["1111111118", "0101901238", "0707614005", "2412999994", "1508606008"])
@pytest.mark.parametrize("dash", [False, True])
def test_valid_modulus_11_numbers_are_found(number: str, dash: bool) -> None:
    assert mod11(number)
    text = number[:6] + "-" + number[6:] if dash else number
    match = only(text)
    assert (match.start, match.end) == (0, len(text))
    assert match.passes_modulus_11 is True


@pytest.mark.parametrize("number", ["1111111117", "0101651234", "0101651230", "0101901234", "0101851239"])
@pytest.mark.parametrize("dash", [False, True])
def test_numbers_failing_modulus_11_are_still_reported(number: str, dash: bool) -> None:
    # Issued since 1 Oct 2007 (mostly 1 January births): fully valid, must never be rejected.
    assert not mod11(number)
    text = number[:6] + "-" + number[6:] if dash else number
    match = only(text)
    assert match.passes_modulus_11 is False
    assert (match.start, match.end) == (0, len(text))


def test_first_number_without_modulus_11_born_1965() -> None:
    match = only("010165-1234")
    assert match.birth_date == date(1965, 1, 1)
    assert match.passes_modulus_11 is False


# -- what is not a CPR number --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    "text",
    [
        "3213991234",  # day 32
        "0000001234",  # day 0, month 0
        "1234567890",  # month 34
        "0113901234",  # month 13
        "3104901234",  # 31 April
        "2902010123",  # 29 Feb 1901: not a leap year
        "2902000123",  # 29 Feb 1900 (digit 7 = 0): not a leap year
        "2902585123",  # 29 Feb 1858 (digit 7 = 5, YY > 57): not a leap year
        "123-456-7890",
        "010190--1234",
        "01019-01234",
    ],
)
def test_digit_runs_that_are_not_cpr_numbers_are_not_reported(text: str) -> None:
    assert find_cpr(text) == []
    assert mask_cpr(text) == text


@pytest.mark.parametrize(
    "text",
    ["01019012345", "90101901234", "123456789012345", "001019012345", "0101901-1234", "010190-12345", "010190-123456"],
)
def test_longer_digit_runs_are_not_matched(text: str) -> None:
    assert find_cpr(text) == []


# -- the forms people type, and numbers that only contain one -----------------------------------------------

#: Every form of 010190-1234 that must be found (issue 13), and what masking makes of it.
CPR_FORMS = {
    "plain": ("0101901234", "010190XXXX"),
    "dash": ("010190-1234", "010190-XXXX"),
    "space": ("010190 1234", "010190 XXXX"),
    "spaced": ("01 01 90 1234", "01 01 90 XXXX"),
    "dotted": ("01.01.90-1234", "01.01.90-XXXX"),
    "dotted throughout": ("01.01.90.1234", "01.01.90.XXXX"),
    "slashed": ("01/01/90-1234", "01/01/90-XXXX"),
    "slash": ("010190/1234", "010190/XXXX"),
    "dashed date": ("01-01-90-1234", "01-01-90-XXXX"),
    "en dash": ("010190\u20131234", "010190\u2013XXXX"),
    "em dash": ("010190\u20141234", "010190\u2014XXXX"),
    "no-break space": ("010190\u00a01234", "010190\u00a0XXXX"),
    "narrow no-break space": ("010190\u202f1234", "010190\u202fXXXX"),
    "non-breaking hyphen U+2011": ("010190\u20111234", "010190\u2011XXXX"),
    "hyphen U+2010": ("010190\u20101234", "010190\u2010XXXX"),
    "minus sign": ("010190\u22121234", "010190\u2212XXXX"),
    "fullwidth hyphen-minus": ("010190\uff0d1234", "010190\uff0dXXXX"),
    "small hyphen-minus": ("010190\ufe631234", "010190\ufe63XXXX"),
}


@pytest.mark.parametrize("form", CPR_FORMS)
def test_every_typed_form_is_found_and_masked(form: str) -> None:
    text, masked = CPR_FORMS[form]
    match = only(f"borger {text}, ring i morgen")
    assert (match.start, match.end) == (7, 7 + len(text))
    assert match.birth_date == date(1990, 1, 1)
    assert mask_cpr(f"borger {text}.") == f"borger {masked}."
    assert find_cpr(mask_cpr(text)) == []


@pytest.mark.parametrize(
    "text",
    [
        "konto 3100-0101901234",  # reg. no. and account number
        "konto 3100 0101901234",
        "sag 2026-0101901234",  # a case number
        "sag 2026/0101901234",
        "tlf +45 01 01 90 1234",  # a phone number in groups
        "tlf 0045 010190 1234",
        "ref 0101901234-12",  # a longer number after it
        "ref 010190-1234 56",
        "ref 010190-1234.56",
        "01\n01\n90\n1234",  # a line break is not a separator
        "01 01.90-1234",  # the date's parts use one separator
    ],
)
def test_cpr_digits_inside_a_longer_number_are_not_flagged(text: str) -> None:
    assert find_cpr(text) == []
    assert mask_cpr(text) == text


# -- century rule --------------------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("number", "born"),
    [
        ("0101011234", date(1901, 1, 1)),  # digit 7 = 0-3: 1900s
        ("0101993234", date(1999, 1, 1)),
        ("0101004007", date(2000, 1, 1)),  # digit 7 = 4, YY <= 36: 2000s
        ("0101364003", date(2036, 1, 1)),
        ("0101374009", date(1937, 1, 1)),  # digit 7 = 4, YY > 36: 1900s
        ("0101369003", date(2036, 1, 1)),  # digit 7 = 9 like 4
        ("0101999003", date(1999, 1, 1)),
        ("0101575004", date(2057, 1, 1)),  # digit 7 = 5-8, YY <= 57: 2000s
        ("0101585000", date(1858, 1, 1)),  # digit 7 = 5-8, YY > 57: 1800s
        ("1508606008", date(1860, 8, 15)),
        ("3112997007", date(1899, 12, 31)),
        ("2902004001", date(2000, 2, 29)),  # leap day exists only in the right century
        ("2902605000", date(1860, 2, 29)),
    ],
)
def test_century_from_digit_7(number: str, born: date) -> None:
    assert only(number).birth_date == born
    assert only(number[:6] + "-" + number[6:]).birth_date == born


@settings(max_examples=300, deadline=None)
@given(st.from_regex(r"\A[0-9]{10}\Z"), st.booleans())
def test_property_find_cpr_agrees_with_reference(digits: str, dash: bool) -> None:
    text = digits[:6] + "-" + digits[6:] if dash else digits
    born = reference_birth_date(digits)
    found = find_cpr(f"x {text} y")
    if born is None:
        assert found == []
    else:
        assert len(found) == 1
        assert found[0].birth_date == born
        assert found[0].passes_modulus_11 == mod11(digits)
        assert (found[0].start, found[0].end) == (2, 2 + len(text))


# -- inside text ---------------------------------------------------------------------------------------------

def test_numbers_inside_text_are_found() -> None:
    text = "ring 0101901234 i morgen"
    match = only(text)
    assert text[match.start : match.end] == "0101901234"
    assert match.birth_date == date(1990, 1, 1)


def test_several_numbers_and_punctuation() -> None:
    text = "Borger (010190-1234), pårørende:1111111118. Tlf 12345678, sag 2024-0042."
    found = find_cpr(text)
    assert [text[m.start : m.end] for m in found] == ["010190-1234", "1111111118"]


def test_letters_next_to_the_number_do_not_hide_it() -> None:
    assert [m.start for m in find_cpr("cpr0101901234x")] == [3]


# -- masking -------------------------------------------------------------------------------------------------

def test_mask_with_and_without_dash() -> None:
    assert mask_cpr("010190-1234") == "010190-XXXX"
    assert mask_cpr("0101901234") == "010190XXXX"


def test_mask_leaves_other_text_intact() -> None:
    text = "ring 0101901234 i morgen, ikke 3213991234 eller 12345678; CPR 111111-1118.\nNy linje æøå"
    assert mask_cpr(text) == "ring 010190XXXX i morgen, ikke 3213991234 eller 12345678; CPR 111111-XXXX.\nNy linje æøå"


def test_mask_without_numbers_is_identity() -> None:
    for text in ["", "ingen tal", "1234", "[bold]x[/bold]"]:
        assert mask_cpr(text) == text


_SEPARATORS = ["", "-", " ", ".", "/", "\u2013", "\u00a0", "\u2011", "\uff0d"]
_cpr_like = st.builds(
    lambda d, date_sep, dash: date_sep.join((d[:2], d[2:4], d[4:6])) + dash + d[6:],
    st.from_regex(r"\A(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{6}\Z"),
    st.sampled_from(_SEPARATORS),
    st.sampled_from(_SEPARATORS),
)
_mixed = st.lists(
    st.one_of(_cpr_like, st.text(alphabet="0123456789- ./\u2013xX\n", max_size=14), st.text(max_size=5)), max_size=8
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_mixed)
def test_property_mask_leaves_no_cpr_and_is_idempotent(text: str) -> None:
    masked = mask_cpr(text)
    assert find_cpr(masked) == []
    assert mask_cpr(masked) == masked
    assert len(masked) == len(text)
    # Only the four serial digits of each match change.
    changed = {i for i, (a, b) in enumerate(zip(text, masked)) if a != b}
    allowed = {i for m in find_cpr(text) for i in range(m.end - 4, m.end)}
    assert changed <= allowed


_SPY_PLUGIN = """
import os, sys
with open(os.environ["SPY_MARKER"], "a", encoding="utf-8") as marker:
    marker.write("loaded\\n")


class _Plugin:
    def new_schema_validator(self, schema, schema_type, schema_type_path, schema_kind, config, plugin_settings):
        def on_enter(input, **kwargs):
            with open(os.environ["SPY_MARKER"], "a", encoding="utf-8") as marker:
                marker.write(repr(input) + "\\n")

        return (type("Handler", (), {"on_enter": staticmethod(on_enter)})(), None, None)


plugin = _Plugin()
"""

_VALIDATE_A_NOTE = """
import os, sys
sys.path[:0] = [sys.argv[1], sys.argv[2]]
if sys.argv[3] == "samspil":
    from saved import store
    from tests.bench.grow import demo_raw

    raw = dict(demo_raw("K.M. (demo)"))
    raw["notes"] = "HEMMELIG-NOTE"
    store.validate(raw)
else:  # pydantic as any other program uses it: the plugin is installed, nothing turns it off
    os.environ.pop("PYDANTIC_DISABLE_PLUGINS", None)
    from pydantic import BaseModel

    class Note(BaseModel):
        text: str

    Note(text="HEMMELIG-NOTE")
"""


@pytest.mark.parametrize("who", ["samspil", "plain pydantic"])
def test_no_pydantic_plugin_sees_the_documents(tmp_path, who):
    """Pydantic gives every validated value to the plugins installed in the environment (entry
    points of the group "pydantic"): models/ turns them off, so a package installed beside samspil
    never gets a citizen's notes. A plugin is installed here for real (a distribution's metadata on
    the path) and a document validated in a fresh process; plain pydantic, beside it, shows that
    the plugin would otherwise be loaded and given the note."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    repo = Path(__file__).resolve().parent.parent
    site = tmp_path / "site"
    (site / "spy_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "spy_plugin-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: spy-plugin\nVersion: 1.0\n", encoding="utf-8")
    (site / "spy_plugin-1.0.dist-info" / "entry_points.txt").write_text("[pydantic]\nspy = spy_plugin:plugin\n", encoding="utf-8")
    (site / "spy_plugin.py").write_text(_SPY_PLUGIN, encoding="utf-8")
    marker = tmp_path / "seen.txt"
    mode = "samspil" if who == "samspil" else "plain"
    env = {**os.environ, "SPY_MARKER": str(marker)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    result = subprocess.run([sys.executable, "-c", _VALIDATE_A_NOTE, str(site), str(repo), mode], capture_output=True, text=True, timeout=120, env=env, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    seen = marker.read_text(encoding="utf-8") if marker.exists() else ""
    if who == "samspil":
        assert seen == "", "a pydantic plugin was loaded"
    else:
        assert "loaded" in seen and "HEMMELIG-NOTE" in seen, "the installed plugin was not used: this test could not see one"


def test_the_texts_a_report_would_carry_with_a_cpr_number_are_counted():
    """Title, free texts and actors' names in a full report; only the title in a private one."""
    from models.documents import Case
    from models.network import Actor
    from models.privacy import texts_with_cpr

    case = Case(title="K.M.", notes="ring 010203-1234 i morgen", actors=[Actor(name="Mor 01 02 03 1234", kind="Mor", sector="family")])
    assert texts_with_cpr(case, private=False) == 2
    assert texts_with_cpr(case, private=True) == 0
    assert texts_with_cpr(case.model_copy(update={"title": "010203-1234"}), private=True) == 1
    assert texts_with_cpr(Case(title="K.M.", notes="konto 3100-0101901234"), private=False) == 0
