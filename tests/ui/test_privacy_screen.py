"""The privacy screen (F3) on every screen kind: while it is on, the rendered screen holds no note
text and no actor's real name, a banner says it is on, and the footer shows its key.

Each screen is rendered tall, so every tab's whole content is on screen and checked, not only
what fits in 24 rows. A note counts as shown if any run of three of its words is on screen.
"""

from __future__ import annotations

import re

import pytest

from saved.store import load
from tests.ui.helpers import every_tab_of, notes_editor, screen_text, settle
from tui.widgets.tab_row import TabRow

TALL = (100, 160)
BANNER = "PRIVATSKÆRM TIL"


def word_runs(text: str, size: int = 3) -> set[str]:
    words = text.split()
    return {" ".join(words[i : i + size]) for i in range(len(words) - size + 1) if len("".join(words[i : i + size])) >= 10}


def shown(screen: str, texts: list[str]) -> list[str]:
    """The runs of words of `texts` that appear on the screen (lines joined by single spaces)."""
    flat = re.sub(r"\s+", " ", screen)
    return sorted(run for text in texts for run in word_runs(text) if run in flat)


def notes_of(document) -> list[str]:
    """Every free-text note a document holds, by kind."""
    texts = [document.notes]
    if document.kind == "case":
        texts += [reading.note for reading in document.readings]
    elif document.kind == "exnovation":
        for item in document.items:
            texts += [item.why, item.citizen_value, item.if_stopped, item.override_note, item.current_situation, item.new_situation, item.evidence, item.outcome]
    elif document.kind == "supervision":
        texts += [document.maturity.next_steps, *document.storm.values()]
    return [text for text in texts if text]


def real_names(document) -> list[str]:
    return [actor.name for actor in getattr(document, "actors", [])]


async def every_tab(pilot) -> str:
    """The screen's text with each of its tabs shown in turn."""
    screen = pilot.app.screen
    tabs = every_tab_of(screen)
    if not tabs:
        return screen_text(pilot.app)
    seen = []
    for row, tab_id in tabs:
        row.active = tab_id
        await settle(pilot)
        seen.append(screen_text(pilot.app))
    return "\n".join(seen)


async def open_document(pilot, title: str) -> None:
    await pilot.press("slash", *title, "enter", "enter")
    await settle(pilot)


@pytest.mark.parametrize(
    ("path_name", "title"),
    [("case-demcasea.toml", "K.M."), ("exnovation-dembrd2a.toml", "tavle"), ("supervision-demsupv2.toml", "november")],
)
async def test_no_note_and_no_real_name_on_a_document_screen(demo_locations, make_app, path_name, title):
    document = load(demo_locations.documents / path_name).document
    private = notes_of(document) + real_names(document)
    if document.kind == "supervision":  # the earlier session's answers are shown beside this one's
        earlier = load(demo_locations.document("supervision", "demsupva")).document
        private += notes_of(earlier)
    assert private, "the demo document has something to hide"
    app = make_app(demo_locations)
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        await pilot.press("slash", *title, "enter", "enter")
        await settle(pilot)
        assert app.screen.document.id == document.id
        before = await every_tab(pilot)
        assert shown(before, private), "without the privacy screen the notes are on screen (the check can fail)"

        await pilot.press("f3")
        await settle(pilot)
        assert app.privacy
        during = await every_tab(pilot)
        assert shown(during, private) == []
        assert BANNER in during
        assert "f3 Privat" in during, "the key is in the footer"

        await pilot.press("ctrl+t")  # the ctrl alternative turns it off again
        await settle(pilot)
        after = await every_tab(pilot)
        assert BANNER not in after and shown(after, private)


async def test_no_note_and_no_real_name_on_the_home_screen(demo_locations, make_app):
    documents = [load(path).document for path in demo_locations.document_files()]
    private = [text for doc in documents for text in notes_of(doc) + real_names(doc)]
    app = make_app(demo_locations)
    async with app.run_test(size=TALL) as pilot:
        await settle(pilot)
        await pilot.press("f3")
        await settle(pilot)
        for _ in documents:  # every row's detail pane
            assert shown(screen_text(app), private) == []
            await pilot.press("down")
            await pilot.pause()
        assert BANNER in screen_text(app) and "f3 Privat" in screen_text(app)


async def test_the_privacy_screen_at_80x24_and_in_a_text_field(demo_locations, make_app):
    session = load(demo_locations.document("supervision", "demsupv2")).document
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_document(pilot, "november")
        notes = await notes_editor(app)
        notes.focus()
        await pilot.press("f3")  # priority: works while a text field has focus
        await settle(pilot)
        text = screen_text(app)
        assert text.splitlines()[0].strip().startswith("◉ PRIVATSKÆRM TIL")
        assert app.focused is not notes, "a hidden note cannot keep the focus (keys would edit it unseen)"
        await pilot.press("x")
        assert load(demo_locations.document("supervision", "demsupv2")).document.notes == session.notes
        app.screen.query_one(TabRow).active = "tab-storm"
        await settle(pilot)
        assert shown(screen_text(app), notes_of(session)) == []
        assert "noter skjult (privatskærm)" in screen_text(app)


async def test_the_line_for_hidden_notes_is_made_when_first_shown_on_every_screen_of_the_stack(demo_locations, make_app):
    """A document opens without it (one widget less); the privacy screen turned on under a screen
    on top (the help) gives it to the case below, and a case opened while it is on has it at once."""
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await open_document(pilot, "K.M.")
        case = app.screen
        assert not case.query(".private-hidden")
        await pilot.press("f1")
        await settle(pilot)
        assert app.screen is not case
        await pilot.press("f3")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is case and len(case.query(".private-hidden")) == 1
        assert "noter skjult (privatskærm)" in screen_text(app)
        await pilot.press("f3", "f3")  # off and on again: still one line
        await settle(pilot)
        assert len(case.query(".private-hidden")) == 1 and "noter skjult (privatskærm)" in screen_text(app)
        await pilot.press("escape")
        await settle(pilot)
        await open_document(pilot, "K.M.")
        assert len(app.screen.query(".private-hidden")) == 1 and "noter skjult (privatskærm)" in screen_text(app)
