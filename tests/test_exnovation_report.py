"""The exnovation board's report for management: tables and totals, the interface language, the
force fields (text bars and SVG), the one-page summary, privacy and hostile text."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.exnovation import Exnovation
from models.exnovation import Force, Freed, Item, Step
from saved.reports import render
from saved.reports.exnovation import bar, board_section
from saved.reports.exnovation_html import one_page, standalone
from saved.store import load
from tui.i18n import set_language, t

TODAY = date(2026, 11, 23)
EXAMPLE = Path(__file__).resolve().parent.parent / "saved" / "examples" / "exnovation-dembrd2a.toml"
HOSTILE = "\x1b[31mrød\x1b]8;;http://x\x07link\x9b\u202e[bold]B[/bold]<script>alert(1)</script>|**x**"


@pytest.fixture
def say():
    def choose(lang: str):
        set_language(lang)
        return t

    yield choose
    set_language("da")


def demo() -> Exnovation:
    return load(EXAMPLE).document


def section(board: Exnovation, say, **kw) -> str:
    return "\n".join(board_section(board, TODAY, say=say, **kw))


def table_after(md: str, heading: str) -> list[list[str]]:
    """The rows of the first table after `heading`, as cells."""
    block = md.split(heading, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in block.splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in re.split(r"(?<!\\)\|", row)[1:-1]] for row in rows[2:]]


def test_the_overview_table_has_every_item_with_its_decision(say):
    md = section(demo(), say("da"))
    rows = table_after(md, "## Oversigt over punkterne")
    assert len(rows) == 11
    assert rows[2] == ["3", "Udskrivningsbreve sendes med fax til egen læge", "GØR", "myte", "erstat", "Afdelingssygeplejersken", "2026-11-10 (! forsinket)", "◑ besluttet"]
    assert rows[5][3] == "§ lov", "short in the table; the item's own section says it in full"


def test_what_was_stopped_and_when(say):
    rows = table_after(section(demo(), say("da")), "## Hvad er stoppet, og hvornår")
    assert [(row[0][:12], row[1]) for row in rows] == [('"Vi skal alt', "2026-09-28"), ("Ugentligt ko", "2026-10-01"), ("Skriftlig va", "2026-10-15")]


def test_freed_estimated_and_measured_with_totals(say):
    rows = table_after(section(demo(), say("da")), "## Frigjort tid og ressourcer")
    assert rows[0][2:4] == ["10 timer om ugen", "–"]
    assert rows[-1] == ["**I alt**", "", "**132,5 timer om måneden + 2.400 kr. om året**", "**10 timer om måneden**", ""]
    english = table_after(section(demo(), say("en")), "## Time and resources freed")
    assert english[-1][2] == "**132.5 hours a month + 2,400 kr. a year**"


def test_law_overrides_and_open_follow_ups(say):
    md = section(demo(), say("da"))
    overrides = md.split("## Lovkrav, der er tilsidesat", 1)[1].split("\n## ", 1)[0]
    assert "**Magtanvendelse registreres både på papirskema og elektronisk** (◑ besluttet): Loven kræver" in overrides
    assert "_ingen begrundelse: kan ikke stoppes_" in overrides
    rows = table_after(md, "## Åben opfølgning")
    assert rows[0][:4] == ["Udskrivningsbreve sendes med fax til egen læge", "◑ besluttet", "Afdelingssygeplejersken", "2026-11-10 (! forsinket)"]
    assert len(rows) == 7, "every open item, earliest deadline first"


def test_switch_answers_and_force_bars_appear(say):
    md = section(demo(), say("da"))
    assert "- Rytteren (det konkrete første skridt): Fra 1. december" in md
    assert "| Tid frigøres til borgerkontakt | 5 ██████████ | ████████·· 4 | Adgang til Nexus mangler for nye |" in md
    assert bar(2, "helping") == "······████" and bar(2, "hindering") == "████······"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_report_is_in_one_language(say, lang):
    md = render(demo(), "md", say=say(lang)) + render(demo(), "html", say=say(lang), lang=lang)
    assert "exnovation." not in md, "every key has its words"
    english = ("Summary", "Stage:", "Overview", "Force field", "Helping", "Nominated on", "Phase-out steps", "Quadrant", "Owner")
    danish = ("Overblik", "Stadie", "Kraftfelt", "Hjælpende", "Udfasningstrin", "Ansvarlig", "Frigjort")
    for word in english if lang == "da" else danish:
        assert word not in md, word


def test_html_draws_each_force_field_as_svg_without_scripts(say):
    page = render(demo(), "html", say=say("da"), lang="da")
    assert page.count("<svg") == sum(1 for item in demo().items if item.helping or item.hindering)
    assert "<script" not in page and "http://" not in page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "break-after: avoid" in page and "break-inside: avoid" in page
    assert "Kraftfelt for Dobbeltdokumentation" in page, "the chart says what it shows"
    assert 'fill="url(#hatch-0)"' in page, "hindering bars are hatched: they read without colour"
    assert re.search(r'<div class="keep"><p><strong>Udfasningstrin</strong></p>\n<ul>', page), "the label stays with its steps"


def test_the_html_report_has_each_force_in_full(say):
    """A force's label beside its bar was cut after three lines ("dobbeltregistrere de samme…"),
    and the chart was its only place in the HTML report: now the label has every line it needs,
    and the chart's description (what a screen reader says for it) names every force in full."""
    long = "Personalet bruger i gennemsnit tyve minutter om dagen på at dobbeltregistrere de samme oplysninger i to systemer i dag"
    hostile = HOSTILE[:120]
    item = Item(what="Dobbelt", nominated_on=TODAY, helping=[Force(text=long, strength=4), Force(text=hostile, strength=2)], hindering=[Force(text="Vane", strength=3)])
    page = render(Exnovation(title="t", items=[item]), "html", say=say("da"), lang="da")
    chart = page[page.index("<svg"):page.index("</svg>")]
    labels = " ".join(re.findall(r'<text x="\d+" y="\d+" text-anchor="(?:end|start)">([^<]*)</text>', chart))
    assert long in labels and "…" not in labels
    desc = re.search(r"<desc>([^<]*)</desc>", chart).group(1)
    assert long in desc and "(4)" in desc and "Vane (3)" in desc and "Hindrende" in desc
    assert_clean(page.replace("&lt;script&gt;", ""))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in desc and "[bold]" in desc, "shown as typed, inert"
    private = render(Exnovation(title="t", items=[item]), "html", private=True, say=say("da"), lang="da")
    assert long not in private and "Personalet" not in private


def test_the_one_page_summary_has_the_figures_and_cuts_long_lists(say):
    board = demo()
    page = one_page(board, private=False, say=say("da"), lang="da", today=TODAY)
    assert "Resumé på én side" in page and "132,5 t/md. + 2.400 kr./år" in page and "@page { size: A4" in page
    many = board.model_copy(update={"items": [Item(what=f"Punkt {n}", nominated_on=TODAY) for n in range(40)]})
    assert "og 22 punkter mere" in one_page(many, private=False, say=say("da"), today=TODAY)


def hostile_board() -> Exnovation:
    freed = Freed(amount=3, unit="hours_week", note=HOSTILE)
    item = Item(
        what=HOSTILE[:200], nominated_by=HOSTILE[:80], nominated_on=TODAY, why=HOSTILE, source="law", override_note=HOSTILE,
        helping=[Force(text=HOSTILE[:120], strength=5)], hindering=[Force(text=HOSTILE[:120], strength=2)],
        change="remove", owner=HOSTILE[:80], steps=[Step(text=HOSTILE[:200])], stage="stopped", stopped_on=TODAY, stop_note=HOSTILE,
        switch_rider=HOSTILE, switch_elephant=HOSTILE, switch_path=HOSTILE, freed_estimated=freed, freed_measured=freed, outcome=HOSTILE,
    )
    return Exnovation(title=HOSTILE[:80], team=HOSTILE[:80], items=[item])


def assert_clean(text: str) -> None:
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "<script>"):
        assert raw not in text, repr(raw)


@pytest.mark.parametrize("private", [False, True])
def test_hostile_text_comes_out_inert_everywhere(say, private):
    board = hostile_board()
    words = say("en")
    md = render(board, "md", private=private, say=words)
    page = render(board, "html", private=private, say=words, lang="en")
    summary = one_page(board, private=private, say=words, today=TODAY)
    for text in (md, page, summary):
        assert_clean(text)
    assert "[bold]" not in md.replace("\\[bold\\]", "") and "**x**" not in md.replace("\\*\\*x\\*\\*", "")


def test_a_private_report_leaves_free_text_out_of_tables_and_charts(say):
    board = demo()
    words = say("da")
    texts = [text for item in board.items for text in (
        item.stop_note, item.switch_rider, item.switch_elephant, item.switch_path, item.override_note,
        *(force.text for force in (*item.helping, *item.hindering)),
        *(one.note for one in (item.freed_estimated, item.freed_measured) if one is not None),
    ) if len(text) > 10]
    assert texts
    for output in (render(board, "md", private=True, say=words), standalone(board, private=True, say=words), one_page(board, private=True, say=words)):
        for text in texts:
            assert text not in output and text.replace('"', "&quot;") not in output
        assert "(udeladt: privatskærm)" in output or "Udeladt" in output
    assert "10 timer om ugen" in render(board, "md", private=True, say=words), "amounts stay"


@settings(max_examples=40, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(st.text(min_size=1, max_size=120), st.text(max_size=300))
def test_any_text_in_forces_and_switch_renders_inert(say, force, answer):
    item = Item(what="x", nominated_on=TODAY, helping=[Force(text=force, strength=3)], switch_path=answer)
    board = Exnovation(title="t", items=[item])
    page = render(board, "html", say=say("en"), lang="en")
    assert_clean(page.replace("&lt;script&gt;", ""))
    assert page.count("<svg") == 1 and page.count("</svg>") == 1
