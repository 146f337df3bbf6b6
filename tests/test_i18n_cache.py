"""The merged catalog's cache (tui/i18n): used when it matches the TOML files, never trusted otherwise."""

from __future__ import annotations

import os

import pytest

import tui.i18n as i18n


@pytest.fixture
def words(tmp_path, monkeypatch):
    (tmp_path / "da").mkdir()
    (tmp_path / "da" / "core.toml").write_text('[home]\ntitle = "Dokumenter"\n', encoding="utf-8")
    (tmp_path / "da" / "gauge.toml").write_text('[gauge]\nname = "Måler"\n', encoding="utf-8")
    monkeypatch.setattr(i18n, "_HERE", tmp_path)
    monkeypatch.setattr(i18n, "_catalogs", {})
    return tmp_path


def fresh() -> dict[str, str]:
    i18n._catalogs.clear()
    return i18n.catalog("da")


def test_the_cache_is_written_and_read_back(words):
    assert fresh() == {"home.title": "Dokumenter", "gauge.name": "Måler"}
    assert i18n._cache_path("da").is_file()
    assert i18n._cached("da") == {"home.title": "Dokumenter", "gauge.name": "Måler"}
    assert fresh() == {"home.title": "Dokumenter", "gauge.name": "Måler"}


def test_a_changed_added_or_removed_file_is_parsed_again(words):
    fresh()
    core = words / "da" / "core.toml"
    core.write_text('[home]\ntitle = "Alle dokumenter"\n', encoding="utf-8")
    os.utime(core, ns=(1, 1))  # even with an old mtime: the size differs
    assert fresh()["home.title"] == "Alle dokumenter"
    (words / "da" / "network.toml").write_text('[network]\nname = "Netværk"\n', encoding="utf-8")
    assert fresh()["network.name"] == "Netværk"
    (words / "da" / "network.toml").unlink()
    assert "network.name" not in fresh()


def test_a_damaged_cache_is_ignored_and_replaced(words):
    fresh()
    i18n._cache_path("da").write_bytes(b"\x00not marshal")
    assert fresh()["home.title"] == "Dokumenter"
    assert i18n._cached("da") is not None


def test_keys_defined_twice_are_still_an_error(words):
    (words / "da" / "gauge.toml").write_text('[home]\ntitle = "To gange"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="already defined"):
        fresh()


def test_no_cache_folder_to_write_still_gives_the_words(words, monkeypatch):
    monkeypatch.setattr(i18n, "_cache_path", lambda lang: words / "missing" / "deeper" / "x.marshal")
    assert fresh()["home.title"] == "Dokumenter"
