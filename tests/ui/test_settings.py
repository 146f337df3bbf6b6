"""Settings the app writes: a theme picked in the command palette is kept for the next start."""

from __future__ import annotations

from saved.store import load_settings


async def test_a_theme_picked_is_saved_and_used_at_the_next_start(locations, make_app):
    app = make_app(locations)
    async with app.run_test() as pilot:
        app.theme = "nord"  # what the palette's theme command does
        await pilot.pause()
    settings, problems = load_settings(locations)
    assert settings.theme == "nord" and problems == []

    app = make_app(locations)
    app.settings = settings
    async with app.run_test() as pilot:
        await pilot.pause()
        assert app.theme == "nord"


async def test_a_settings_file_with_problems_is_not_overwritten(locations, make_app):
    text = 'kind = "settings"\nschema_version = 1\nlang = "en"\nmystery = 1\n'
    locations.settings.write_text(text)
    app = make_app(locations)
    async with app.run_test() as pilot:
        app.theme = "nord"
        await pilot.pause()
    assert locations.settings.read_text() == text
