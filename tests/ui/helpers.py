"""Helpers for driving the app with Pilot."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


def change_demo_case(locations, change) -> tuple[Any, Any]:
    """The demo case changed by `change(case)` and written back, before the app starts:
    (its path, the case as written)."""
    from saved import store

    path = locations.document("case", "demcasea")
    case = store.load(path).document
    change(case)
    path.write_bytes(store.dumps(case))
    return path, case


async def settle(pilot) -> None:
    """Wait until background work (the document list) is done and the screen has caught up."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def screen_text(app) -> str:
    """What the top screen shows, row by row, as plain text (Textual is pinned, so the
    compositor's strips are a stable way to read it)."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def notes_editor(app):
    """The document screen's notes editor (a TextArea), made now if nobody had used the notes yet
    (tui/widgets/resting_note.py)."""
    return await app.screen.notes_editor()


async def cursor_to_end(app) -> None:
    """TextArea has no key for 'end of document': put the cursor there for the next keys."""
    area = await notes_editor(app)
    area.focus()
    area.move_cursor(area.document.end)


#: Key names a burst may hold, with the character a terminal sends for them.
NAMED_KEYS = {"tab": "\t", "shift+tab": None, "enter": "\r", "escape": "\x1b", "backspace": "\x7f", "space": " ",
              "up": None, "down": None, "left": None, "right": None, "home": None, "end": None, "delete": None}


def burst(app, *keys: str) -> None:
    """Post keys to the app all at once, as a terminal delivers them over SSH or from a paste:
    no await between them (Pilot's `press` waits for the app after every key, and so would hide
    keys landing in the wrong place). A key name ("tab", "enter", "ctrl+s", "f3") is one key; any other
    string is typed a character at a time."""
    from textual import events
    from textual.keys import _character_to_key

    for item in keys:
        if item in NAMED_KEYS or (len(item) > 1 and "+" in item) or re.fullmatch(r"f[0-9]{1,2}", item):
            app.post_message(events.Key(item, NAMED_KEYS.get(item)))
            continue
        for char in item:
            app.post_message(events.Key(char if char.isalnum() else _character_to_key(char), char))


async def keys_done(pilot) -> None:
    """Wait until the app has taken every key of a burst and is quiet."""
    app = pilot.app
    for _ in range(400):
        await pilot.pause()
        if not app.key_order.busy and app.key_order.quiet():
            break
    await settle(pilot)


async def open_matrix(pilot) -> None:
    """From home: open the only board, then its priority matrix (m)."""
    from tui.exnovation.matrix import MatrixScreen

    await settle(pilot)
    burst(pilot.app, "enter")
    await keys_done(pilot)
    burst(pilot.app, "m")
    await keys_done(pilot)
    assert isinstance(pilot.app.screen, MatrixScreen)


def every_tab_of(screen) -> list[tuple[Any, str]]:
    """Each tab of each row of tabs on the screen, as (row, tab id): set `row.active = tab id` to
    show it (tui/widgets/tab_row.py)."""
    from tui.widgets.tab_row import TabRow

    return [(row, tab_id) for row in screen.query(TabRow) for tab_id in row.tab_ids]


@contextmanager
def screen_layouts() -> Iterator[list[Any]]:
    """Inside: the screen of each layout (Textual's `Screen._refresh_layout`, run as usual). A
    test counts its own screen's: the home list under a case may be laid out meanwhile, when
    the first start's validation in the background ends late (a loaded machine)."""
    from textual.screen import Screen

    layouts: list[Any] = []
    original = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        layouts.append(self)
        return original(self, *args, **kwargs)

    Screen._refresh_layout = counted  # type: ignore[method-assign]
    try:
        yield layouts
    finally:
        Screen._refresh_layout = original  # type: ignore[method-assign]
