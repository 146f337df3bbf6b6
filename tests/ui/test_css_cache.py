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


async def open_case_and_tools(root) -> tuple[SamspilApp, set, str, set]:
    """A start that opens the demo case, its gauge and network tabs and the map, then quits (keeping the
    CSS as on quitting): what the later file gave at the open, the rules drawn with, the keys."""
    locations = Locations(root)
    if not locations.documents.exists():
        copy_examples(locations)
    app = SamspilApp(locations)
    app.keep_css = lambda: None  # type: ignore[method-assign] # not the app's own timer (1 s): kept on quitting, below
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        await pilot.press("right")
        await pilot.pause()
        await pilot.press("tab", "m")  # the map is made when first shown
        await pilot.pause()
        assert app.screen.query("NetworkPane") and app.screen.query("NetworkMap")
        prefilled = set(app._css_later or ())
        css = rules_of(app.stylesheet)
        keys = set(app.stylesheet._parse_cache.keys())
    SamspilApp.keep_css(app)
    return app, prefilled, css, keys


async def test_the_rules_parsed_after_the_first_frame_are_kept_apart_and_read_at_the_first_open(tmp_path, kept_at):
    later_at = css_cache.later_path()
    assert later_at.parent == kept_at.parent and later_at != kept_at
    _app, prefilled, parsed_css, parsed = await open_case_and_tools(tmp_path / "data")
    assert prefilled == set() and later_at.is_file()
    # A start that stays at home does not read the later file, nor write over it.
    before = later_at.read_bytes()
    app, *_ = await start(tmp_path / "data")
    assert app._css_later is None and later_at.read_bytes() == before
    # The next open uses it: the case's and its tools' rules come from the file, the same rules.
    _app, prefilled, kept_css, used = await open_case_and_tools(tmp_path / "data")
    later = used - set(_app._css_at_start)
    assert later and later <= prefilled
    assert used == parsed and kept_css == parsed_css
    assert "NetworkMap" in kept_css and "GaugePane" in kept_css


async def test_later_rules_of_a_source_that_changed_are_dropped_and_a_damaged_later_file_means_parsing(tmp_path, kept_at):
    await open_case_and_tools(tmp_path / "data")
    app = SamspilApp(Locations(tmp_path / "data"))
    entries = app.stylesheet._parse_cache
    read_from = ("/somewhere/widget.py", "Gone.DEFAULT_CSS")
    entries[("Gone { width: 1; }", read_from, True, 0, "")] = []
    app.stylesheet.add_source("Gone { width: 2; }", read_from=read_from, is_default_css=True)
    assert ("Gone { width: 1; }", read_from, True, 0, "") not in css_cache.later_keys(app.stylesheet, [])
    entries[("Kept { width: 1; }", ("/x.py", "Kept.DEFAULT_CSS"), True, 0, "")] = []  # not read this session: kept
    assert ("Kept { width: 1; }", ("/x.py", "Kept.DEFAULT_CSS"), True, 0, "") in css_cache.later_keys(app.stylesheet, [])
    assert len(css_cache.later_keys(app.stylesheet, [])) <= css_cache.LATER_MOST
    # Over the cap, the sources read this session come first: older sessions' rules make room.
    for index in range(css_cache.LATER_MOST + 5):
        entries[(f"Old{index} {{ width: 1; }}", ("/x.py", f"Old{index}.DEFAULT_CSS"), True, 0, "")] = []
    live = ("Live { width: 3; }", ("/y.py", "Live.DEFAULT_CSS"), True, 0, "")
    app.stylesheet.add_source(live[0], read_from=live[1], is_default_css=True)
    entries[live] = []  # put in last, read this session: kept first
    keys = css_cache.later_keys(app.stylesheet, [])
    assert len(keys) == css_cache.LATER_MOST and keys[0] == live
    assert ("Gone { width: 2; }", read_from, True, 0, "") not in keys  # never parsed: not in the cache

    css_cache.later_path().write_bytes(b"\x80\x05not a pickle")
    _app, prefilled, css, _keys = await open_case_and_tools(tmp_path / "data")  # no error: parsed as usual
    assert prefilled == set() and "NetworkMap" in css
