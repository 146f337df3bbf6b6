"""Every command of samspil, declared once: its keymap id, default keys, label, and where it applies.

Screens and widgets take their `BINDINGS` from here (`bindings("save", "cancel")`); the footer
(tui/widgets/footer.py), the help screen (tui/widgets/help.py) and the command palette
(`SamspilApp.get_system_commands`) show the same commands. A label is a catalog key, translated
when it is shown (`label`), never when a module is imported. One id means one action with the same
keys on every screen; a user's keymap (settings `keymap = {id = "keys"}`) changes them everywhere.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

from textual.binding import Binding, BindingType

from tui.i18n import t


# A NamedTuple, not a frozen dataclass: the same record, made ~0.5 ms faster at import (a
# dataclass compiles its six methods one by one), and each of the ~100 below faster too.
class Command(NamedTuple):
    id: str  #: the keymap id
    keys: str  #: default keys, Textual's names, comma-separated ("" = the palette only)
    action: str  #: the action run, in the namespace of the widget that binds it
    label: str  #: catalog key of the words shown in the footer, the help and the palette
    scope: str  #: where it applies (for the help and README): "everywhere", "documents", a tool
    tip: str | None = None  #: catalog key of a longer explanation
    show: bool = True  #: in the footer
    priority: bool = False  #: works while a text field has focus
    key_display: str | None = None
    args: Mapping[str, object] = MappingProxyType({})  #: values for the label


def _strengths() -> list[Command]:
    return [
        Command(f"forces.strength_{n}", str(n), f"strength({n})", "exnovation.key.strength", "force field", "exnovation.tip.strength", show=False, args={"n": n})
        for n in range(1, 6)
    ]


COMMANDS: tuple[Command, ...] = (
    # Everywhere (the app's own bindings are priority: they work in text fields and dialogs).
    Command("quit", "ctrl+q", "app.quit", "key.quit", "everywhere", "tip.quit", priority=True),
    Command("help", "f1,question_mark", "app.help", "key.help", "everywhere", "tip.help"),
    Command("privacy", "f3,ctrl+t", "app.toggle_privacy", "privacy.key", "everywhere", "privacy.tip", priority=True),
    Command("mask_cpr", "f2,ctrl+r", "app.mask_cpr", "key.mask_cpr", "everywhere", "tip.mask_cpr", show=False, priority=True),
    Command("theme", "", "app.change_theme", "command.theme", "everywhere", "command.theme_tip"),
    Command("screenshot", "", "app.screenshot", "command.screenshot", "everywhere", "command.screenshot_tip"),
    # The same action on every screen where it applies.
    Command("save", "ctrl+s", "save", "key.save", "documents, forms and dialogs", "tip.save"),
    Command("cancel", "escape", "cancel", "key.cancel", "dialogs and forms", "tip.cancel"),
    Command("back", "escape,ctrl+w", "back", "key.back", "documents and their views", "tip.back"),
    Command("delete", "x,delete", "delete", "key.delete", "lists", "tip.delete"),
    Command("open", "enter", "open", "key.open", "lists", "tip.open"),
    Command("report", "f4,ctrl+o", "report", "export.key", "documents", "export.tip"),
    Command("history", "f6", "history", "team.key_history", "documents", "team.tip_history", show=False, priority=True),  # TextArea binds f6 itself (select line)
    Command("close", "escape,f1,question_mark,q", "dismiss", "key.close", "help"),
    Command("tabs", "ctrl+up,f9", "tabs", "key.tabs", "documents", "tip.tabs"),
    Command("section.next", "alt+down", "section(1)", "key.section_next", "long forms", "tip.section", show=False),
    Command("section.previous", "alt+up", "section(-1)", "key.section_previous", "long forms", "tip.section", show=False),
    # Home.
    Command("home.new_case", "n", "new('case')", "key.new_case", "home", "tip.new_case"),
    Command("home.new_exnovation", "b", "new('exnovation')", "key.new_exnovation", "home", "tip.new_exnovation"),
    Command("home.new_supervision", "s", "new('supervision')", "key.new_supervision", "home", "tip.new_supervision"),
    Command("home.rename", "r", "rename", "key.rename", "home", "tip.rename"),
    Command("home.archive", "a", "archive", "key.archive", "home", "tip.archive"),
    Command("home.search", "slash", "search", "key.search", "home", "tip.search"),
    Command("home.show_archived", "v", "toggle_archived", "key.show_archived", "home", "tip.show_archived", show=False),
    Command("home.team", "t", "move_team", "team.key_move", "home", "team.tip_move"),
    # Gauge.
    Command("gauge.new", "n", "new", "gauge.key.new", "gauge", "gauge.tip.new"),
    Command("gauge.edit", "e", "edit", "gauge.key.edit", "gauge", "gauge.tip.edit"),
    Command("gauge.view", "v", "next_view", "gauge.key.view", "gauge", "gauge.tip.view"),
    Command("gauge.filter", "f", "filter", "gauge.key.filter", "gauge", "gauge.tip.filter"),
    Command("gauge.previous", "left", "step(-1)", "gauge.key.previous", "gauge", show=False),
    Command("gauge.next", "right", "step(1)", "gauge.key.next", "gauge", show=False),
    Command("gauge.threshold_up", "plus", "threshold(1)", "gauge.key.threshold_up", "gauge", show=False),
    Command("gauge.threshold_down", "minus", "threshold(-1)", "gauge.key.threshold_down", "gauge", show=False),
    Command("filter.apply", "ctrl+s", "apply", "gauge.filter.apply", "gauge filter"),
    Command("filter.reset", "ctrl+l", "reset", "gauge.filter.reset", "gauge filter"),
    Command("scale.up", "right,plus", "step(1)", "scale.up", "scales", show=False),
    Command("scale.down", "left,minus", "step(-1)", "scale.down", "scales", show=False),
    Command("scale.min", "home", "set(0)", "scale.min", "scales", show=False),
    Command("scale.max", "end", "set(10)", "scale.max", "scales", show=False),
    Command("scale.clear", "backspace,delete", "clear", "scale.clear", "scales", show=False),
    Command("scale.next", "down,enter", "app.focus_next", "scale.next", "scales", show=False),
    Command("scale.previous", "up", "app.focus_previous", "scale.previous", "scales", show=False),
    # Tick boxes (tui/widgets/tick_box.py): a checklist reads down, as any list.
    Command("tick.next", "down", "app.focus_next", "scale.next", "tick boxes", show=False),
    Command("tick.previous", "up", "app.focus_previous", "scale.previous", "tick boxes", show=False),
    # Long lists (tui/widgets/row_list.py).
    Command("list.up", "up", "move(-1)", "key.list_up", "long lists", show=False),
    Command("list.down", "down", "move(1)", "key.list_down", "long lists", show=False),
    Command("list.page_up", "pageup", "page(-1)", "key.list_page_up", "long lists", show=False),
    Command("list.page_down", "pagedown", "page(1)", "key.list_page_down", "long lists", show=False),
    Command("list.first", "home", "first", "key.list_first", "long lists", show=False),
    Command("list.last", "end", "last", "key.list_last", "long lists", show=False),
    Command("list.choose", "enter", "select", "key.list_choose", "long lists", show=False),
    # Network.
    Command("network.add_actor", "a", "add_actor", "network.key.add_actor", "network", "network.tip.add_actor"),
    Command("network.edit", "e", "edit", "network.key.edit", "network", "network.tip.edit"),
    Command("network.add_tie", "t", "add_tie", "network.key.add_tie", "network", "network.tip.add_tie"),
    Command("network.add_many", "c", "add_many", "network.key.add_many", "network", "network.tip.add_many", show=False),
    Command("network.jump", "slash", "jump", "network.key.jump", "network", "network.tip.jump", show=False),
    Command("network.map", "m", "toggle_map", "network.key.map", "network", "network.tip.map"),
    Command("network.analysis", "i", "analysis", "network.key.analysis", "network", "network.tip.analysis"),
    Command("network.ties", "b", "tie_list", "network.key.ties", "network", "network.tip.ties"),
    Command("meetings.new", "n", "new_meeting", "meeting.key.new", "meetings", "meeting.tip.new"),
    Command("meetings.action", "h", "add_action", "meeting.key.action", "meetings", "meeting.tip.action"),
    Command("meetings.task", "g", "add_task", "meeting.key.task", "meetings", "meeting.tip.task"),
    Command("meetings.export", "e", "export_meeting", "meeting.key.export", "meetings", "meeting.tip.export"),
    Command("meetings.agenda", "a", "add_agenda", "meeting.key.agenda", "meetings", "meeting.tip.agenda"),
    Command("meetings.minutes", "r", "minutes", "meeting.key.minutes", "meetings", "meeting.tip.minutes"),
    Command("meetings.done", "d", "toggle_done", "meeting.key.done", "meetings", "meeting.tip.done"),
    Command("meetings.compare", "v", "compare", "meeting.key.compare", "meetings", "meeting.tip.compare"),
    Command("meetings.edit", "c", "edit", "meeting.key.edit", "meetings", "meeting.tip.edit"),
    Command("network.filter", "f", "filter", "network.key.filter", "network", "network.tip.filter"),
    Command("network.sort", "s", "sort", "network.key.sort", "network", "network.tip.sort"),
    Command("network.zoom_in", "plus,equals_sign", "zoom(1)", "network.key.zoom_in", "network", "network.tip.zoom_in", show=False),
    Command("network.zoom_out", "minus", "zoom(-1)", "network.key.zoom_out", "network", "network.tip.zoom_out", show=False),
    Command("network.focus", "o", "focus_only", "network.key.focus", "network", "network.tip.focus", show=False),
    Command("network.next", "n", "step(1)", "network.key.next", "network", "network.tip.next", show=False),
    Command("network.previous", "p", "step(-1)", "network.key.previous", "network", "network.tip.previous", show=False),
    # Exnovation board, item, matrix, force field.
    Command("board.nominate", "n", "nominate", "exnovation.key.nominate", "board", "exnovation.tip.nominate"),
    Command("board.matrix", "m", "matrix", "exnovation.key.matrix", "board", "exnovation.tip.matrix"),
    Command("force_field", "f,ctrl+f", "force_field", "exnovation.key.force_field", "board and item", "exnovation.tip.force_field"),
    Command("board.stage_back", "left_square_bracket,shift+left", "stage(-1)", "exnovation.key.stage_back", "board", "exnovation.tip.stage_back", show=False),
    Command("board.stage_forward", "right_square_bracket,shift+right", "stage(1)", "exnovation.key.stage_forward", "board", "exnovation.tip.stage_forward"),
    Command("board.meeting", "v", "meeting", "exnovation.key.meeting", "board", "exnovation.tip.meeting"),
    Command("meeting.next_view", "tab", "next_view", "exnovation.key.next_view", "meeting", "exnovation.tip.next_view"),
    Command("meeting.next", "down,j", "select(1)", "exnovation.key.next_item", "meeting", "exnovation.tip.next_item", key_display="↑↓"),
    Command("meeting.previous", "up,k", "select(-1)", "exnovation.key.previous_item", "meeting", "exnovation.tip.previous_item", show=False),
    Command("meeting.page_down", "pagedown,space", "page(1)", "exnovation.key.page_down", "meeting", "exnovation.tip.page", show=False),
    Command("meeting.page_up", "pageup", "page(-1)", "exnovation.key.page_up", "meeting", "exnovation.tip.page", show=False),
    Command("board.told", "t", "told", "exnovation.key.told", "board", "exnovation.tip.told", show=False),
    Command("board.details", "e", "details", "exnovation.key.details", "board", "exnovation.tip.details", show=False),
    Command("board.vote", "d", "vote", "team.key_vote", "board", "team.tip_vote"),
    Command("vote.dot", "enter", "open", "team.key_dot", "dot voting", "team.tip_dot"),
    Command("vote.more_dots", "plus", "dots(1)", "team.key_more_dots", "dot voting", "team.tip_dots"),
    Command("vote.fewer_dots", "minus", "dots(-1)", "team.key_fewer_dots", "dot voting", "team.tip_dots"),
    Command("item.toggle_step", "space,enter", "toggle_step", "exnovation.key.toggle_step", "item", "exnovation.tip.toggle_step"),
    Command("matrix.next", "tab,j", "select(1)", "exnovation.key.next_item", "matrix", "exnovation.tip.next_item"),
    Command("matrix.previous", "shift+tab,k", "select(-1)", "exnovation.key.previous_item", "matrix", "exnovation.tip.previous_item", show=False),
    Command("matrix.next_untriaged", "u", "next_untriaged", "exnovation.key.next_untriaged", "matrix", "exnovation.tip.next_untriaged"),
    Command("matrix.move_up", "up", "move('up')", "exnovation.key.move_quadrant", "matrix", "exnovation.tip.move_quadrant", key_display="←→↑↓"),
    Command("matrix.move_down", "down", "move('down')", "exnovation.key.move_quadrant", "matrix", show=False),
    Command("matrix.move_left", "left", "move('left')", "exnovation.key.move_quadrant", "matrix", show=False),
    Command("matrix.move_right", "right", "move('right')", "exnovation.key.move_quadrant", "matrix", show=False),
    Command("matrix.rename", "r", "rename", "exnovation.key.rename_quadrant", "matrix", "exnovation.tip.rename_quadrant"),
    Command("forces.add", "a", "add", "exnovation.key.add_force", "force field", "exnovation.tip.add_force"),
    Command("forces.edit", "enter", "edit", "exnovation.key.edit_force", "force field", "exnovation.tip.edit_force"),
    *_strengths(),
    Command("forces.helping", "left", "side('helping')", "exnovation.key.helping", "force field", show=False),
    Command("forces.hindering", "right", "side('hindering')", "exnovation.key.hindering", "force field", show=False),
    Command("forces.up", "up", "row(-1)", "exnovation.key.up", "force field", show=False),
    Command("forces.down", "down", "row(1)", "exnovation.key.down", "force field", show=False),
    # Supervision.
    Command("supervision.reading", "ctrl+g", "take_reading", "supervision.readings.key", "supervision", "supervision.readings.tip"),
    Command("supervision.action_add", "a", "add", "supervision.actions.key_add", "supervision actions", "supervision.actions.tip_add"),
    Command("supervision.action_edit", "enter", "edit", "supervision.actions.key_edit", "supervision actions", "supervision.actions.tip_edit"),
    Command("supervision.action_done", "space", "toggle_done", "supervision.actions.key_done", "supervision actions", "supervision.actions.tip_done"),
    Command("supervision.action_carry", "c", "carry", "supervision.actions.key_carry", "supervision actions", "supervision.actions.tip_carry"),
    Command("supervision.reading_edit", "e", "edit_reading", "gauge.key.edit", "supervision readings", "gauge.tip.edit"),
)

BY_ID: dict[str, Command] = {command.id: command for command in COMMANDS}


def bindings(*ids: str, hide: tuple[str, ...] = ()) -> list[BindingType]:
    """The bindings of these commands, for a class's BINDINGS. `hide`: shown in the help and the
    palette, not in this footer. The description is the command's id: it is translated when shown."""
    made: list[BindingType] = []
    for command_id in ids:
        command = BY_ID[command_id]
        if command.keys:
            made.append(
                Binding(
                    command.keys,
                    command.action,
                    command.id,
                    show=command.show and command_id not in hide,
                    key_display=command.key_display,
                    priority=command.priority,
                    tooltip=command.tip or "",
                    id=command.id,
                )
            )
    return made


def label(binding: Binding) -> str:
    """The words for a binding in the interface language (Textual's own bindings as they are)."""
    command = BY_ID.get(binding.id or "")
    return t(command.label, **command.args) if command else binding.description


def tip(binding: Binding) -> str:
    command = BY_ID.get(binding.id or "")
    return t(command.tip) if command and command.tip else ""


#: Keys as people write them, where Textual's name differs.
WRITTEN = {
    "question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "equals_sign": "=",
    "left_square_bracket": "[", "right_square_bracket": "]", "escape": "esc", "space": "space",
    "left": "←", "right": "→", "up": "↑", "down": "↓",
}


def written(keys: str) -> str:
    """'left_square_bracket,shift+left' -> '[, shift+←'."""
    out = []
    for key in keys.split(","):
        parts = key.strip().split("+")
        out.append("+".join(WRITTEN.get(part, part) for part in parts))
    return ", ".join(out)
