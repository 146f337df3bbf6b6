"""The footer of every screen: compact, without the palette hint, help and quit first, so that at
80 columns they always show. ctrl+p still opens the command palette.
Labels come from the command table (tui/commands.py), translated as the footer is drawn."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from tui.commands import BY_ID
from tui.i18n import current_language, t


#: Shown first on every screen.
FIRST = [BY_ID["help"].action, BY_ID["quit"].action]


class KeyFooter(Footer):
    def __init__(self) -> None:
        super().__init__(compact=True, show_command_palette=False)
        self._shown: tuple[object, ...] | None = None

    @staticmethod
    def shown_by(screen: Screen) -> tuple[object, ...]:
        """What the keys show for the screen's bindings as they are now."""
        return (current_language(), tuple((key, binding, enabled, tooltip) for key, (_node, binding, enabled, tooltip) in screen.active_bindings.items()))

    def bindings_changed(self, screen: Screen) -> None:
        """Build the keys again only when what they show changed. Textual rebuilds the footer
        whenever a screen says its bindings may have changed (after many keys), and a rebuilt
        footer is a repainted row: bytes over SSH for a key that changed nothing here."""
        shown = self.shown_by(screen)
        if shown == self._shown and self._bindings_ready:
            return
        super().bindings_changed(screen)
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self._shown = shown

    def compose(self) -> ComposeResult:
        if not self._bindings_ready and self.is_attached:
            # Textual's Footer mounts empty and builds its keys after the screen's first refresh
            # of bindings: a second compose and layout for every screen opened. The keys are
            # built here from the screen's bindings as they are; if focus landing changes
            # them, bindings_changed builds them again (and not if it does not).
            try:
                shown = self.shown_by(self.screen)
            except NoMatches:  # a check_action looking for a widget not mounted yet: wait, as Textual does
                return
            self.set_reactive(Footer._bindings_ready, True)
            self._shown = shown
        keys = list(super().compose())
        for widget in keys:
            if isinstance(widget, FooterKey):
                command = BY_ID.get(widget.description)  # a samspil binding's description is its id
                if command is not None:
                    widget.description = t(command.label, **command.args)
        # Help and quit first: at 80 columns the screen's own keys may not all fit, these must.
        first = [widget for widget in keys if isinstance(widget, FooterKey) and widget.action in FIRST]
        yield from sorted(first, key=lambda widget: FIRST.index(widget.action))
        yield from (widget for widget in keys if widget not in first)
