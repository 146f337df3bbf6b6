"""Both catalogs are complete, and every key the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

from saved.amounts import counted
from tui.i18n import catalog, choose_language, language_from_environment, set_language, t

TUI = Path(__file__).resolve().parent.parent / "tui"


def placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_catalogs_have_the_same_keys_and_placeholders():
    da, en = catalog("da"), catalog("en")
    assert set(da) == set(en), f"only in da: {set(da) - set(en)}; only in en: {set(en) - set(da)}"
    for key in da:
        assert placeholders(da[key]) == placeholders(en[key]), key


def test_every_literal_key_used_in_the_code_exists():
    used = set()
    for path in TUI.rglob("*.py"):
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_]+\.[a-z_.]+)["']""", path.read_text()))
    words = catalog("en")
    missing = sorted(key for key in used if key not in words and f"{key}.one" not in words)  # or a counted text
    assert not missing, missing


def test_language_choice(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert language_from_environment() == "da", "Danish when nothing is set"
    for value, lang in [("C.UTF-8", "da"), ("POSIX", "da"), ("de_DE.UTF-8", "da"), ("en_US.UTF-8", "en"), ("en_DK", "en"), ("da_DK.UTF-8", "da")]:
        monkeypatch.setenv("LANG", value)
        assert language_from_environment() == lang, value
    monkeypatch.setenv("LC_MESSAGES", "en_GB.UTF-8")
    assert language_from_environment() == "en", "LC_MESSAGES beats LANG"
    monkeypatch.setenv("LC_ALL", "C")
    assert language_from_environment() == "da", "LC_ALL beats both, and C names no language"
    monkeypatch.setenv("LC_ALL", "da_DK.UTF-8")
    assert choose_language(None, None) == "da"
    assert choose_language(None, "en") == "en", "settings beat the environment"
    assert choose_language("da", "en") == "da", "--lang beats settings"


def counted_keys(lang: str) -> list[str]:
    return sorted(key.removesuffix(".one") for key in catalog(lang) if key.endswith(".one"))


def test_every_counted_text_has_both_forms():
    for lang in ("da", "en"):
        words = catalog(lang)
        assert len(counted_keys(lang)) > 30
        for key in counted_keys(lang):
            assert f"{key}.other" in words, (lang, key)
            assert placeholders(words[f"{key}.one"]) == placeholders(words[f"{key}.other"]), (lang, key)
            assert "count" in placeholders(words[f"{key}.other"]), (lang, key)


def test_no_text_hedges_a_plural():
    """"1 problem(er)", "2 dot(s)": a counted text has a form for one and one for the rest."""
    hedged = re.compile(r"\w\((?:s|er|r|e|ker|es)\)")
    for lang in ("da", "en"):
        found = {key: text for key, text in catalog(lang).items() if hedged.search(text)}
        assert not found, (lang, found)


def test_one_for_1_and_the_other_form_for_0_and_2(monkeypatch):
    monkeypatch.setattr("tui.i18n._current", "da")
    expected = {
        "da": {"check.problems": ["0 problemer fundet", "1 problem fundet", "2 problemer fundet"],
               "network.number.actors": ["0 aktører", "1 aktør", "2 aktører"],
               "network.number.weak": ["0 svage", "1 svagt", "2 svage"],
               "due.count": ["0 forfaldne", "1 forfalden", "2 forfaldne"],
               "due.home.item": ["0 tavlepunkter", "1 tavlepunkt", "2 tavlepunkter"],
               "gauge.summary.readings": ["0 målinger", "1 måling", "2 målinger"]},
        "en": {"check.problems": ["0 problems found", "1 problem found", "2 problems found"],
               "network.number.actors": ["0 actors", "1 actor", "2 actors"],
               "network.number.ties": ["0 ties", "1 tie", "2 ties"],
               "due.home.item": ["0 board items", "1 board item", "2 board items"],
               "gauge.summary.readings": ["0 readings", "1 reading", "2 readings"]},
    }
    for lang, texts in expected.items():
        set_language(lang)
        for key, forms in texts.items():
            assert [t(key, count=n) for n in (0, 1, 2)] == forms, (lang, key)
        # Every counted text: the form for one at 1, the other at 0 and 2, the count filled in.
        words = catalog(lang)
        for key in counted_keys(lang):
            values = {name: "X" for name in placeholders(words[f"{key}.other"])}
            for n in (0, 1, 2):
                values["count"] = n
                form = words[f"{key}.{'one' if n == 1 else 'other'}"]
                assert t(key, **values) == form.format(**values), (lang, key, n)
                assert counted(words.__getitem__, key, n, **{k: v for k, v in values.items() if k != "count"}) == form.format(**values)
                assert str(n) in t(key, **values)
    set_language("da")
    assert t("home.counts", shown=1, total=1, archived=0) == "1 af 1 vist · 0 arkiveret", "a text that is not counted is found as before"


def test_the_screens_say_counts_in_the_right_form(monkeypatch):
    """Texts put together from counted parts, as their callers build them."""
    from pathlib import Path as P

    monkeypatch.setattr("tui.i18n._current", "da")

    from saved.store import Problem
    from tui.errors import said

    set_language("da")
    assert t("gauge.count", shown=1, count=1) == "1 af 1 måling"
    assert t("gauge.count", shown=1, count=3) == "1 af 3 målinger"
    assert said(Problem(P("a.toml"), "and 1 more problems like these", code="more", values=(("count", "1"),))).endswith("og 1 problem mere af samme slags")
    assert "urørt i 1 minut;" in said(Problem(P("a.toml"), "idle", code="lock_idle", values=(("holder", "ab"), ("count", "1"))))
    set_language("en")
    assert said(Problem(P("a.toml"), "x", code="more_unknown", values=(("count", "1"),))).endswith("and 1 more unknown key")
