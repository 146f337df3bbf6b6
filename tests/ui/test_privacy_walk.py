"""One rule for what the privacy screen hides (models/privacy.py), on every screen kind, dialog and
edit form, and in every report kind (issue 13).

With the privacy screen on, the test walks the home list, every tab of every demo document, the
gauge's four views, the network's list, map and analysis, every edit form and dialog (a reading,
the filter, an actor, a tie, an exnovation item, its force field and a force, the matrix, an
agreed action), and renders every private report; no free text of the demo documents
(models.privacy.free_texts) and no actor's name may appear. The same walk without the privacy
screen shows them, so the check can fail.
"""

from __future__ import annotations

import html
import re
from saved.toml_read import tomllib  # Python 3.10 has tomli
from pathlib import Path

from models.privacy import free_texts
from saved.editing import OpenDocument
from saved.reports import render
from saved.reports.markdown_html import unescape
from saved.store import load
from tests.ui.helpers import every_tab_of, screen_text, settle
from tui.case.gauge.pane import GaugePane, ReadingFilter
from tui.case.gauge.reading_filter import FilterDialog
from tui.case.gauge.reading_form import ReadingForm
from tui.case.network.dialogs import ActorDialog, TieDialog
from tui.case.network.pane import NetworkPane
from tui.exnovation.forces import ForceDialog, ForceFieldScreen
from tui.exnovation.item import ItemScreen
from tui.exnovation.matrix import MatrixScreen
import tui.i18n
from tui.i18n import t
from tui.supervision.actions import ActionForm

TALL = (110, 120)
#: How many of each form to open (each kind of text in them is in the first few of the demo).
FEW = 3


def secrets_of(document) -> list[str]:
    """What the privacy screen must hide: every free text, and every actor's name that is not
    simply its role (an actor named "Borgerservice" may show as "Borgerservice #16")."""
    names = [actor.name for actor in getattr(document, "actors", []) if actor.name != actor.kind]
    return free_texts(document) + names


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def _catalog_words() -> str:
    """Every sentence of the interface (a note may quote one: "Hvad skal vi holde op med?")."""
    values: list[str] = []

    def walk(table: dict) -> None:
        for value in table.values():
            walk(value) if isinstance(value, dict) else values.append(str(value))

    for path in (Path(tui.i18n.__file__).parent / "da").glob("*.toml"):
        walk(tomllib.loads(path.read_text()))
    return flat(" | ".join(values))


CATALOG = _catalog_words()


def leaked(shown: str, secrets: list[str]) -> list[str]:
    """The secrets on screen: a short one whole, a long one by any run of three of its words."""
    shown = flat(shown)
    found = []
    for secret in secrets:
        words = flat(secret).split()
        runs = [" ".join(words[i : i + 3]) for i in range(len(words) - 2)] if len(words) > 3 else [" ".join(words)]
        found += [run for run in runs if len(run) >= 5 and run in shown and run not in CATALOG]
    return sorted(set(found))


async def look(pilot, seen: list[str]) -> None:
    await settle(pilot)
    text = screen_text(pilot.app)
    seen.append(text)
    if pilot.app.privacy and not pilot.app.screen.is_modal:
        assert t("privacy.banner").split(":")[0] in text, f"{type(pilot.app.screen).__name__} says the privacy screen is on"


async def every_tab(pilot, seen: list[str]) -> None:
    for row, tab_id in every_tab_of(pilot.app.screen):
        row.active = tab_id
        await look(pilot, seen)


async def dialog(pilot, screen, seen: list[str]) -> None:
    pilot.app.push_screen(screen)
    await look(pilot, seen)
    pilot.app.pop_screen()
    await settle(pilot)


async def walk(app, pilot, locations) -> list[str]:
    """Every screen kind, tab, view and form, as the screen shows it: one text per stop."""
    seen: list[str] = []
    await look(pilot, seen)  # home
    for path in locations.document_files():
        app.show_document(OpenDocument.open(locations, path))
        await settle(pilot)
        screen = app.screen
        document = screen.session.document
        await every_tab(pilot, seen)
        if document.kind == "case":
            for gauge in screen.query(GaugePane):
                for _ in range(4):
                    await gauge.action_next_view()
                    await look(pilot, seen)
            for network in screen.query(NetworkPane):
                await network.action_toggle_map()
                await look(pilot, seen)
                await network.action_toggle_map()
                await network.action_analysis()
                await look(pilot, seen)
            for reading in [r for r in document.readings if r.context and r.note][:FEW]:
                await dialog(pilot, ReadingForm(document.actors, reading), seen)
            await dialog(pilot, FilterDialog(ReadingFilter(), document.actors), seen)
            for actor in document.actors[-FEW:]:  # family: names that are not roles
                await dialog(pilot, ActorDialog(actor, set(), app.today()), seen)
            for tie in [tie for tie in document.ties if tie.note][:FEW]:
                await dialog(pilot, TieDialog(document, tie.a, tie, app.privacy), seen)
        elif document.kind == "exnovation":
            await dialog(pilot, MatrixScreen(screen.session, None), seen)
            for item in [item for item in document.items if item.steps and item.helping][:FEW]:
                await dialog(pilot, ItemScreen(screen.session, item.id), seen)
                await dialog(pilot, ForceFieldScreen(screen.session, item.id), seen)
                await dialog(pilot, ForceDialog("", item.helping[0].text, item.helping[0].strength), seen)
        elif document.kind == "supervision":
            for action in document.actions:
                await dialog(pilot, ActionForm(action), seen)
        app.close_document(screen)
        await settle(pilot)
    return seen


async def test_no_free_text_and_no_name_on_any_screen_with_the_privacy_screen_on(demo_locations, make_app):
    documents = [load(path).document for path in demo_locations.document_files()]
    secrets = [secret for document in documents for secret in secrets_of(document)]
    assert len(secrets) > 100

    app = make_app(demo_locations)
    async with app.run_test(size=TALL) as pilot:
        open_walk = await walk(app, pilot, demo_locations)
        assert len(leaked("\n".join(open_walk), secrets)) > 50, "without the privacy screen the walk shows them (the check can fail)"

        app.privacy = True
        await settle(pilot)
        private_walk = await walk(app, pilot, demo_locations)
    assert len(private_walk) == len(open_walk) > 40
    assert leaked("\n".join(private_walk), secrets) == []


def test_no_free_text_and_no_name_in_any_private_report(demo_locations):
    for path in demo_locations.document_files():
        document = load(path).document
        secrets = secrets_of(document)
        shown = {fmt: render(document, fmt, say=t) for fmt in ("md", "html")}
        private = {fmt: render(document, fmt, private=True, say=t) for fmt in ("md", "html", "dot") if fmt != "dot" or document.kind == "case"}
        readable = {"md": unescape, "html": html.unescape, "dot": lambda text: text}
        if secrets and document.kind != "case" or len(secrets) > 1:
            assert leaked(unescape(shown["md"]), secrets), "a report without privacy shows them (the check can fail)"
        for fmt, text in private.items():
            assert leaked(readable[fmt](text), secrets) == [], (path.name, fmt)


async def test_one_privacy_state_shown_truly_on_the_screen_below(demo_locations, make_app):
    """Home, Enter, F3 (on), Esc: home says the privacy screen is on (it did not: Textual restyled
    only the top screen), and F3 there turns it off, which the document says when shown again."""
    banner = t("privacy.banner").split(":")[0]
    app = make_app(demo_locations)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        document_screen = app.screen
        await pilot.press("f3")
        await settle(pilot)
        assert app.privacy and banner in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is not document_screen and app.privacy
        assert banner in screen_text(app), "home says it is on"
        await pilot.press("f3")
        await settle(pilot)
        assert not app.privacy and banner not in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert banner not in screen_text(app), "the document says it is off"


async def test_a_setting_starts_samspil_with_the_privacy_screen_on(demo_locations, make_app):
    from saved.store import load_settings

    demo_locations.settings.write_text("privacy = true\n")
    settings, problems = load_settings(demo_locations)
    assert problems == [] and settings.privacy
    app = make_app(demo_locations)
    app.settings = settings
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.privacy and t("privacy.banner").split(":")[0] in screen_text(app)
        secrets = [secret for path in demo_locations.document_files() for secret in secrets_of(load(path).document)]
        await pilot.press("enter")
        await settle(pilot)
        assert leaked(screen_text(app), secrets) == []


async def test_hostile_text_in_every_field_reaches_no_screen_raw(locations, make_app):
    """The demo documents with escape sequences, C1 and bidi controls and markup in every text
    field (tests/test_hostile_text.py), walked like above with the privacy screen off (everything
    shown): no stop of the walk holds a control character, and markup shows as text."""
    from saved.store import dumps
    from tests.test_hostile_text import BASES, FRAGMENTS, TERMINAL_CONTROLS, hostile_copy

    text = "[b]x[/b]" + "".join(FRAGMENTS[:10])  # within the 80 characters every field holds
    for base in BASES:
        document = hostile_copy(base, text)
        (locations.documents / f"{document.kind}-{document.id}.toml").write_bytes(dumps(document))
    app = make_app(locations)
    async with app.run_test(size=TALL) as pilot:
        seen = await walk(app, pilot, locations)
        assert len(seen) > 30
        assert [stop for stop in seen if TERMINAL_CONTROLS.search(stop)] == []
        assert any("[b]x[/b]" in stop for stop in seen), "markup is shown as text"
