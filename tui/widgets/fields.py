"""The fields every document has, and a form row: a label, a field, a message under it."""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from pydantic import ValidationError

from textual.app import ComposeResult
from textual.containers import Vertical, VerticalScroll
from textual.css.scalar import Unit
from textual.geometry import Size
from textual.message import Message
from textual.widget import Widget
from textual.content import Content
from textual.strip import Strip
from textual.visual import RenderOptions, Visual
from textual.widgets import Input, Label, Static

from tui.commands import bindings
from tui.i18n import t
from tui.widgets.cpr_guard import field_text
from tui.widgets.inputs import TextInput

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from textual.app import App
    from textual.css.styles import RulesMap
    from textual.style import Style
    from textual.screen import Screen


class FormScroll(VerticalScroll, can_focus=False):
    """A scrolling form. Not a tab stop of its own: Tab goes from field to field (a focused field
    is scrolled into view), and the first key typed reaches the first field, not the container.
    alt+down / alt+up jump to the first field of the next / previous section (a `.section` heading)."""

    BINDINGS = bindings("section.next", "section.previous")

    def show_sure_scroll_bar(self) -> None:
        """Before the first layout: the scroll bar shown at once if the fields surely overflow
        (taller, as wide as they can be beside it, than the most rows the screen can give the
        form), as the layout would show it. Found by the first layout instead, the bar laid the
        screen out again at the narrower width (the case's overview at 80x24: its notes wrapped
        again). A form that may fit is left to Textual (`overflow-y: auto`)."""
        if self.show_vertical_scrollbar or self.size.width or self.styles.overflow_y != "auto":
            return
        rows = most_rows(self)
        width = self.app.size.width - self.styles.gutter.width - self.styles.scrollbar_size_vertical
        # The arrangement at the size the layout will ask for (kept by Textual for it).
        if rows is not None and width > 0 and self.arrange(Size(width, rows)).total_region.bottom > rows:
            self.show_vertical_scrollbar = True

    def action_section(self, step: int) -> None:
        nodes = list(self.walk_children(Widget))
        focused = self.screen.focused
        here = nodes.index(focused) if focused in nodes else -1
        headings = [index for index, node in enumerate(nodes) if node.has_class("section")]
        before = [index for index in headings if index < here]
        if step > 0:
            targets = [index for index in headings if index > here]
        else:
            targets = before[-2:-1] or before[-1:]
        if not targets:
            return
        start = targets[0]
        for node in nodes[start:]:
            if node.focusable:
                node.focus()
                self.scroll_to_widget(nodes[start], top=True, animate=False)
                return


def most_rows(widget: Widget) -> int | None:
    """The most rows the screen's layout can give `widget` (None: not known before it is laid
    out, or no room): the screen's height, less, for each `1fr` on the way down, the rows of set
    height that its siblings take in the same layer (docked at the top or bottom, or above and
    below it); margins, padding and other fractions left out, so never fewer than it is given."""
    screen = widget.screen
    chain = []
    node: Widget = widget
    while node is not screen:
        chain.append(node)
        node = node.parent  # type: ignore[assignment]
    rows = widget.app.size.height
    for node in reversed(chain):
        if not node.display:
            return None
        styles = node.styles
        height = styles.height
        if height is None or styles.min_height is not None or styles.is_split:
            return None
        if height.unit is Unit.CELLS:
            rows = min(rows, int(height.value))
            continue
        if height.unit is not Unit.FRACTION:  # auto follows the content, a percentage its parent alone
            return None
        parent = node.parent
        assert isinstance(parent, Widget)
        stacked = parent.layout.name == "vertical"
        for sibling in parent.children:
            if sibling is node or not sibling.display or sibling.layer != node.layer:
                continue
            other = sibling.styles
            dock = other.dock
            if other.is_split or other.overlay == "screen" or other.position == "absolute" or dock in ("left", "right"):
                continue
            if (dock in ("top", "bottom") or stacked) and other.height is not None and other.height.unit is Unit.CELLS and other.max_height is None:
                rows -= int(other.height.value)
    return rows if rows > 0 else None  # no room left: Textual gives a fraction a row all the same


class Field(Vertical):
    """A labelled field with room for a message (an invalid value is said here, not saved)."""

    DEFAULT_CSS = """
    Field { height: auto; margin-bottom: 1; }
    Field > Label { text-style: bold; }
    Field > .field-error { text-style: bold reverse; display: none; }
    Field.-invalid > .field-error { display: block; }
    """

    def __init__(self, label: str, field: Widget, **kwargs) -> None:
        super().__init__(**kwargs)
        self._label, self._field = label, field
        self._error: str | None = None

    def compose(self) -> ComposeResult:
        yield Label(self._label, markup=False)
        yield self._field
        # The line for a message is made with the first message: most fields never have one, and
        # each hidden line was a widget to register and style on opening a document (a case has 4).

    @property
    def label(self) -> str:
        return self._label

    @property
    def error(self) -> str | None:
        """Why the value shown was not taken (not saved), or None."""
        return self._error

    class Refused(Message):
        """The field began or stopped refusing what it shows (its screen's save marker says so)."""

        def __init__(self, field: Field) -> None:
            super().__init__()
            self.field = field

    def set_error(self, message: str | None) -> None:
        if message == self._error:  # each typed letter sets it again: no new layout for that
            return
        if (message is None) != (self._error is None):
            self.post_message(self.Refused(self))
        self._error = message
        text = f"✗ {message}" if message else ""
        line = self.query(".field-error")
        if line:
            line.first(Static).update(text)
        elif message:
            self.mount(Static(text, classes="field-error", markup=False))
        self.set_class(bool(message), "-invalid")


class ReadOnlyField(Static):
    """A labelled text that cannot be edited (the case's export log), drawn as a Field draws its
    label over a Static, by one widget in place of three: each is registered, styled and drawn
    on opening a document."""

    DEFAULT_CSS = "ReadOnlyField { margin-bottom: 1; }"

    def __init__(self, label: str, text: str = "", **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self._label = Content.styled(label, "bold")
        self.show(text)

    def show(self, text: str) -> None:
        self.update(_LabelOver(self._label, Content(text)))


class _LabelOver(Visual):
    """A label's one line over a text: the label clipped at the width, as a Label (as wide as its
    text) is clipped by its Field; the text wrapped as a Static wraps it."""

    def __init__(self, label: Content, text: Content) -> None:
        self.label, self.text = label, text

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return max(self.label.cell_length, self.text.get_optimal_width(rules, container_width))

    def get_height(self, rules: RulesMap, width: int) -> int:
        return 1 + self.text.get_height(rules, width)

    def render_strips(self, width: int, height: int | None, style: Style, options: RenderOptions) -> list[Strip]:
        if not width:
            return []
        label = self.label.render_strips(max(width, self.label.cell_length), 1, style, options)[0].crop(0, width)
        return [label, *self.text.render_strips(width, None if height is None else height - 1, style, options)]


def leave_unless_refused(app: App, screens: Iterable[Screen], leave: Callable[[], object]) -> None:
    """Leave (close, go back, quit) at once, unless a field on `screens` shows a value it did not
    take (its message says why: too long, not a date): leaving loses what was typed there, a
    30,000-character paste into the notes, say. Then ask first, naming the field."""
    refused = next((field for screen in screens for field in screen.query(Field) if field.error), None)
    if refused is None:
        leave()
        return
    from tui.widgets.dialogs import Choice  # only here: not on the way to a document's first frame

    body = t("close.refused_body", field=refused.label, problem=refused.error)
    choices = [("stay", t("close.stay"), "s"), ("leave", t("close.leave"), "l")]

    def chosen(choice: str | None) -> None:
        if choice == "leave":
            leave()

    app.push_screen(Choice(t("close.refused_title"), body, choices), chosen)


def _field_of(widget: Widget) -> Field | None:
    return next((ancestor for ancestor in widget.ancestors_with_self if isinstance(ancestor, Field)), None)


def _label_of(widget: Widget) -> str:
    """The label a text field is shown under or after: its Field's, the row's Label before it, or its id."""
    field = _field_of(widget)
    if field is not None:
        return field.label
    parent = widget.parent
    siblings = list(parent.children) if parent is not None else []
    before = [s for s in siblings[: siblings.index(widget)] if isinstance(s, Label)] if widget in siblings else []
    return str(before[-1].content) if before else widget.id or type(widget).__name__


def held_text(screen: Screen, *, every: bool) -> list[tuple[str, str | None, str]]:
    """(label, problem, text) of what `screen`'s text fields show and no document holds: each
    Field's that refused its text (too long, not a date), or, `every`, each enabled text field's
    with text (a dialog that could not be saved: none of it went anywhere)."""
    held = []
    for widget in screen.query("Input, TextArea"):
        field = _field_of(widget)
        problem = field.error if field is not None else None
        text = field_text(widget) or ""
        if (problem or (every and not widget.disabled)) and text.strip():
            held.append((_label_of(widget), problem, text))
    return held


def validation_message(error: ValidationError) -> str:
    """A short, translated reason for the first problem (no document text in it)."""
    first = error.errors(include_url=False)[0]
    ctx = first.get("ctx") or {}
    kind = first["type"]
    if kind == "required_by_law":
        return t("exnovation.error.required_by_law")
    if kind in ("greater_than_equal", "less_than_equal") and first["loc"] and first["loc"][-1] == "strength":
        return t("exnovation.error.strength")
    if kind in ("date_type", "date_from_datetime_parsing", "date_parsing"):
        return t("error.date")
    if kind == "too_long":  # a list: actors, readings, items
        return t("error.too_many", max=ctx.get("max_length", "?"))
    if kind == "string_too_long":
        return t("error.too_long", max=ctx.get("max_length", "?"))
    if kind == "string_too_short":
        return t("error.title_empty")
    if kind in ("greater_than_equal", "less_than_equal", "greater_than", "less_than"):
        return t("error.range", **{"min": ctx.get("ge", ctx.get("gt", "")), "max": ctx.get("le", ctx.get("lt", ""))})
    return first["msg"]


def id_of(widget: Widget) -> str:
    """The id of a widget that was given one (every field is); "" otherwise."""
    return widget.id or ""


#: The forms a date is typed in: YYYY-MM-DD (the placeholder's), and day first as Danes write it,
#: DD-MM-YYYY, DD.MM.YYYY or DD/MM/YYYY (the year last, so never read wrongly as month first).
#: Not date.fromisoformat: from Python 3.11 it also takes 20270131 and week dates (2027-W05-7),
#: which 3.10 refuses, so one install would have saved what another refused.
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_FIRST = re.compile(r"(\d{1,2})([-./])(\d{1,2})\2(\d{4})")


def _date_parts(text: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date typed in one of the forms, whether or not the day exists."""
    text = text.strip()
    if found := _ISO_DATE.fullmatch(text):
        return int(found[1]), int(found[2]), int(found[3])
    if found := _DAY_FIRST.fullmatch(text):
        return int(found[4]), int(found[3]), int(found[1])
    return None


def parse_date(text: str) -> date | None:
    """A date typed as YYYY-MM-DD (or day first, see _DAY_FIRST), or None."""
    parts = _date_parts(text)
    try:
        return date(*parts) if parts is not None else None
    except ValueError:
        return None


def date_error(text: str) -> str:
    """Why `text` is not a date: a day the calendar does not have (2026-02-30) is said to be
    that, not "type YYYY-MM-DD" to a user who did."""
    return t("error.no_such_date" if _date_parts(text) is not None else "error.date")


def date_input(value: date | None, field_id: str) -> Input:
    return TextInput(value.isoformat() if value else "", placeholder=t("field.date_placeholder"), id=field_id, max_length=10, compact=True)
