"""Textual's parsed CSS kept between starts (tui/css_cache.py): the same rules as parsing, used
only when made with the same CSS variables, never trusted when damaged, never an error."""

from __future__ import annotations

import pickle

import pytest
from textual.css.stylesheet import Stylesheet

from saved.examples import copy_examples
from saved.locations import Locations
from tui import css_cache
from tui.app import SamspilApp


@pytest.fixture
def kept_at(tmp_path, monkeypatch):
    path = tmp_path / "cache" / "css.pickle"
    monkeypatch.setattr(css_cache, "cache_path", lambda: path)
    return path


def rules_of(stylesheet: Stylesheet) -> str:
    """Every rule the stylesheet applies, in order: selectors, declarations and where from."""
    return "\n".join(
        repr((rule.selectors, sorted(rule.styles.get_rules().items()), rule.is_default_rules, rule.tie_breaker, sorted(rule.selector_names), sorted(rule.pseudo_classes)))
        for rule in stylesheet.rules
    )


async def start(root) -> tuple[SamspilApp, set, str, set]:
    """A start to home: what the kept file gave, the stylesheet as the app drew with it, and the
    parse cache's keys. The app keeps what it parsed as it does on quitting."""
    locations = Locations(root)
    if not locations.documents.exists():
        copy_examples(locations)
    app = SamspilApp(locations)
    prefilled = set(app._css_kept)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        css = rules_of(app.stylesheet)
        keys = set(app.stylesheet._parse_cache.keys())
    app.keep_css()
    return app, prefilled, css, keys


async def test_a_second_start_uses_the_kept_rules_and_draws_with_the_same_css(tmp_path, kept_at):
    _app, prefilled, parsed_css, parsed = await start(tmp_path / "data")
    assert prefilled == set() and kept_at.is_file()
    _app, prefilled, kept_css, used = await start(tmp_path / "data")
    # Every source the start needed came from the file (none parsed), and the rules are the same.
    assert used == parsed and used <= prefilled
    assert kept_css == parsed_css
    assert "#documents" in kept_css and "KeyFooter" in kept_css and "link_color" in kept_css


async def test_other_css_variables_a_damaged_file_or_an_unwritable_folder_mean_parsing(tmp_path, kept_at):
    await start(tmp_path / "data")
    app = SamspilApp(Locations(tmp_path / "data"))
    assert app._css_kept  # made with the app's own variables: used
    other = Stylesheet(variables={**app.stylesheet._variables, "primary": "#123456"})
    assert css_cache.prefill(other) == set()  # another theme's colours: not used
    assert not other._parse_cache.keys()

    kept_at.write_bytes(b"\x80\x05not a pickle")
    assert css_cache.prefill(Stylesheet(variables=app.stylesheet._variables)) == set()
    kept_at.write_bytes(pickle.dumps("another stamp") + pickle.dumps([]))
    assert css_cache.prefill(Stylesheet(variables=app.stylesheet._variables)) == set()
    kept_at.write_bytes(pickle.dumps(css_cache._stamp(app.stylesheet)))  # cut short after the stamp
    assert css_cache.prefill(Stylesheet(variables=app.stylesheet._variables)) == set()

    kept_at.unlink()
    kept_at.parent.rmdir()
    kept_at.parent.write_text("a file where the folder would be")  # as unwritable as a read-only install
    _app, prefilled, css, _keys = await start(tmp_path / "data")  # no error: parsed as usual
    assert prefilled == set() and kept_at.parent.is_file() and "#documents" in css
