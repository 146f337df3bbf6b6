"""Helpers for driving the app with Pilot."""

from __future__ import annotations


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


def cursor_to_end(app, selector: str = "#notes") -> None:
    """TextArea has no key for 'end of document': put the cursor there for the next keys."""
    area = app.screen.query_one(selector)
    area.focus()
    area.move_cursor(area.document.end)
