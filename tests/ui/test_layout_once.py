"""tui/layout_once.py: a screen's full reflow asks for no second layout of the same sizes.

It replaces a piece of Textual's behaviour, so: it fails when the Textual code it relies on
changes (an upgrade must look at the patch again), and every view of the demo documents is laid
out and drawn the same with it and without it, at 80x24, at 60x20 and after resizes, in fewer
layouts.
"""

from __future__ import annotations

import hashlib
import inspect
import re
from pathlib import Path

import pytest

from tests.ui.helpers import burst, keys_done

#: sha256 of the source of what the patch relies on, in the pinned Textual (pyproject.toml).
TEXTUAL_SOURCES = {
    "Widget._size_updated": "21ffb00b8a9833150e0faafd8ed4854f683814efd042832f4b5eeacc00c01f64",
    "Widget._scroll_update": "edb9f6257285830d14f94d0a27212a96275f14e21ae80350c6a7ce562628b7b8",
    "Widget._refresh_scrollbars": "4e52a14aae901b5b2f4fb4aac913c9405a8a295df4b59cdfa1e1ae8bca3973d1",
    "ScrollView._size_updated": "1606ca15d9392999c954bd802d2cf583ac1ef65bfa30b6e4324ffd5f92da2999",
    "Screen._refresh_layout": "889715478130b7e06cbb02a266d699b5abb68053f767327b86ffc995ebe38bfb",
    "Compositor._arrange_root": "e893dcd84bf247f80b560016dd8bd5259571fce7641b0d2e6642bf6fb766a27e",
    "Compositor.reflow": "a08580a81a779473a4ac5fbb5f9ce489cf6c4aa8a7310eb52b4ed25f4fc4de80",
    "Screen._compositor_refresh": "7a40efe563816a061e3ee82fefdc73ac853717b4dbdeb4359f1202cdfbd2878d",
    "Screen._on_timer_update": "421401660de142c5973004a369930228e8b242dcf4921b17e5aff7cad51990da",
    # `layout_follows`: ScreenResume lays a new screen out at once and leaves its own request set.
    "Screen._on_screen_resume": "f39caa8ec4424d3cade603cf3bd714950323ca9bf16e922ba0dcad147fb9b9cf",
    # NoteArea._refresh_size (tui/widgets/note_area.py) does what this does, without a layout.
    "TextArea._refresh_size": "dddf5bc75815b9bdace633ceef3d6ec36bc6959a895ab9d7efbd245510d5987d",
    # HomeScreen._screen_resized (tui/home/screen.py) skips this for a resize to the size laid out.
    "Screen._screen_resized": "9ac8cd9df56307829154c091a9e9b0b4bfa5eece40941ddb994165fe51f5e895",
}


def _source_hash(name: str) -> str:
    from textual._compositor import Compositor
    from textual.screen import Screen
    from textual.scroll_view import ScrollView
    from textual.widgets import TextArea

    from tui import layout_once

    owners = {"Widget": layout_once.Widget, "ScrollView": ScrollView, "Screen": Screen, "Compositor": Compositor, "TextArea": TextArea}
    owner, attribute = name.split(".")
    kept = {"Widget._size_updated": layout_once._textual_size_updated, "Screen._compositor_refresh": layout_once._textual_compositor_refresh}
    function = kept[name] if name in kept else getattr(owners[owner], attribute)
    return hashlib.sha256(inspect.getsource(function).encode()).hexdigest()


@pytest.mark.parametrize("name", sorted(TEXTUAL_SOURCES))
def test_the_textual_code_the_patch_relies_on_is_unchanged(name):
    assert _source_hash(name) == TEXTUAL_SOURCES[name], f"Textual's {name} changed: read tui/layout_once.py again, then update the hash"


def test_what_still_asks_for_a_layout_does():
    """A scroll bar shown or hidden is a layout of its own: the patch leaves it to that."""
    import tui.app  # noqa: F401  (installs the patch)
    from textual.widget import Widget

    from tui import layout_once

    from textual.screen import Screen

    assert Widget._size_updated is layout_once._size_updated
    assert Screen._compositor_refresh is layout_once._compositor_refresh
    assert Widget.show_vertical_scrollbar._layout and Widget.show_horizontal_scrollbar._layout
    assert Widget.virtual_size._layout  # what the patch leaves out in the full reflow


def _terminal(monkeypatch, frames: list[int]) -> dict[tuple[int, int], tuple[str, str]]:
    """The cells a terminal shows: every frame the app sends (a full one or changed pieces),
    painted one on another (headless, the app sends none, so they are painted here instead)."""
    from rich.cells import cell_len
    from textual._compositor import ChopsUpdate, LayoutUpdate
    from textual.app import App

    cells: dict[tuple[int, int], tuple[str, str]] = {}
    display = App._display

    def paint(x: int, y: int, strip) -> None:
        for segment in strip:
            if segment.control:
                continue
            for char in segment.text:
                cells[(x, y)] = (char, str(segment.style))
                x += 1
                if cell_len(char) == 2:
                    cells[(x, y)] = ("", str(segment.style))
                    x += 1

    def shown(self, screen, update) -> None:
        frames[-1] += update is not None and not self._batch_count
        if isinstance(update, LayoutUpdate) and not self._batch_count:
            for y, line in enumerate(update.strips, update.region.y):
                x = update.region.x
                for strip in line:
                    paint(x, y, strip)
                    x += strip.cell_length
        elif isinstance(update, ChopsUpdate) and not self._batch_count:  # as ChopsUpdate.render_segments
            for y, x1, x2 in update.spans:
                for end, (x, strip) in zip(update.chop_ends[y], update.chops[y].items()):
                    if strip is None or x > x2 or end <= x1:
                        continue
                    paint(x, y, strip if (x2 > x >= x1 and end <= x2) else strip.crop(0, min(end, x2) - x))
        display(self, screen, update)

    monkeypatch.setattr(App, "_display", shown)
    return cells


def _views(layouts: list[int], cells: dict[tuple[int, int], tuple[str, str]]):
    """The steps through the demo documents, and after each what is laid out and drawn."""

    def geometry(app) -> list[str]:
        rows = [str(app.size)]
        for widget, geo in app.screen._compositor.layers:
            rows.append(
                f"{type(widget).__name__}#{widget.id} {tuple(geo.region)} {tuple(geo.virtual_size)} {tuple(widget.virtual_size)}"
                f" {widget.show_vertical_scrollbar} {widget.show_horizontal_scrollbar} {widget.scroll_offset}"
            )
        svg = re.sub(r"terminal-\d+", "terminal", app.export_screenshot())
        rows.append(hashlib.sha256(_no_minutes(svg).encode()).hexdigest())
        # What the terminal was sent ends as what the widgets show now (no frame left out).
        width, height = app.size
        terminal = [[cells.get((x, y), (" ", "")) for x in range(width)] for y in range(height)]
        drawn = []
        for strip in app.screen._compositor.render_strips():
            row = []
            for segment in strip:
                row += [(char, str(segment.style)) for char in segment.text]
            drawn.append(row)
        assert terminal == drawn
        rows += [_no_minutes("".join(char for char, _style in line)) for line in terminal]
        rows += [hashlib.sha256(repr([style for _char, style in line]).encode()).hexdigest() for line in terminal]
        return rows

    async def walk(app, pilot, size) -> list[list[str]]:
        seen = []

        async def step(*keys: str) -> None:
            if keys:
                burst(app, *keys)
            await keys_done(pilot)
            seen.append([" ".join(keys), *geometry(app)])

        await step()
        for document in range(4):
            await step(*["down"] * document, "enter")
            for _tab in range(3):
                await step("right")
            for other in ((60, 20), (100, 30), size):
                await pilot.resize_terminal(*other)
                await keys_done(pilot)
                seen.append([f"resized {other}", *geometry(app)])
            await step("left", "left", "left", "tab", "m")
            await step("escape")
            await step("escape")
        return seen

    return walk


def _no_minutes(text: str) -> str:
    """Home lists when a file was saved: the minute may turn between the two runs."""
    return re.sub(r"\b\d\d:\d\d\b", "hh:mm", text)


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
async def test_every_view_is_laid_out_and_drawn_the_same_with_fewer_layouts(tmp_path: Path, make_app, monkeypatch, size):
    from saved.examples import copy_examples
    from saved.locations import Locations
    from textual.screen import Screen
    from textual.widget import Widget

    from tui import layout_once

    layouts: list[int] = []
    count = Screen._refresh_layout

    def counted(self, *args, **kwargs):
        layouts[-1] += 1
        return count(self, *args, **kwargs)

    monkeypatch.setattr(Screen, "_refresh_layout", counted)
    frames: list[int] = []
    cells = _terminal(monkeypatch, frames)
    runs = {}
    for patched in (True, False):
        if not patched:
            monkeypatch.setattr(Widget, "_size_updated", layout_once._textual_size_updated)
            monkeypatch.setattr(Screen, "_compositor_refresh", layout_once._textual_compositor_refresh)
        locations = Locations(tmp_path / str(patched))
        locations.ensure()
        copy_examples(locations)
        app = make_app(locations)
        layouts.append(0)
        frames.append(0)
        cells.clear()
        async with app.run_test(size=size) as pilot:
            runs[patched] = await _views(layouts, cells)(app, pilot, size)
    assert len(runs[True]) == len(runs[False]) > 40
    for with_patch, without in zip(runs[True], runs[False]):
        assert with_patch == without
    assert layouts[0] < layouts[1], layouts  # one fewer on opening a document or a tool, mostly
    assert frames[0] < frames[1], frames


async def test_a_full_reflow_arranges_the_screen_once(demo_locations, make_app, monkeypatch):
    """The reflow makes the compositor's full map; the first widget of a new size asked for it and
    found it marked stale (new widgets), and the whole screen was arranged a second time, to the
    same map (`_size_updated`). The gauge's build: one layout, one arrangement."""
    from textual._compositor import Compositor

    from tests.ui.helpers import screen_layouts

    arranged: list[bool] = []
    arrange = Compositor._arrange_root

    def counted(self, root, size, visible_only=True):
        arranged.append(visible_only)
        return arrange(self, root, size, visible_only)

    monkeypatch.setattr(Compositor, "_arrange_root", counted)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await keys_done(pilot)
        burst(app, "enter")
        await keys_done(pilot)
        arranged.clear()
        with screen_layouts() as layouts:
            burst(app, "right")
            await keys_done(pilot)
        assert (len(layouts), arranged) == (1, [False])
