"""Both catalogs are complete, and every key the code asks for exists."""

from __future__ import annotations

import re
from pathlib import Path

from tui.i18n import catalog, choose_language, language_from_environment

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
    missing = sorted(key for key in used if key not in catalog("en"))
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
