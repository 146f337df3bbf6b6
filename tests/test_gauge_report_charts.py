"""The gauge's charts in the case report: SVG in HTML (no scripts, escaped), text in Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from saved.reports import render
from saved.store import load

DEMO = Path(__file__).resolve().parents[1] / "saved" / "examples" / "case-demcasea.toml"
HOSTILE = "\x1b[31m\x1b]8;;http://x\x07\x9b\u202e[bold]<script>alert(1)</script>```"


def test_html_report_draws_both_charts_as_svg():
    case = load(DEMO).document
    page = render(case, "html")
    assert page.count("<svg") == 3 and page.count('<figure class="chart">') == 2  # the two charts and the ecomap
    assert "<script" not in page.lower() and "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "stroke-dasharray" in page  # capacity dashed: not colour alone
    assert "<pre>" not in page  # the text charts are replaced, not shown twice


def test_markdown_report_draws_text_charts():
    case = load(DEMO).document
    from tui.i18n import t

    text = render(case, "md", say=t)
    assert "```chart:gauge-history" in text and "```chart:gauge-switch" in text
    assert "bygger på 24 målinger, 16 relationer, 47 dage" in text or "pools 24 readings, 16 relationships, 47 days" in text
    switch_block = text.split("```chart:gauge-switch", 1)[1].split("```", 1)[0]
    assert " v " in switch_block.splitlines()[1] and "|" in switch_block


def test_hostile_text_cannot_open_a_chart_block_or_reach_the_svg():
    case = load(DEMO).document
    actors = [actor.model_copy(update={"name": HOSTILE}) for actor in case.actors]
    readings = [reading.model_copy(update={"context": HOSTILE, "note": HOSTILE}) for reading in case.readings]
    hostile = case.model_copy(update={"actors": actors, "readings": readings, "title": HOSTILE})
    page = render(hostile, "html")
    for raw in ("\x1b", "\x9b", "\u202e", "<script>"):
        assert raw not in page
    for chart in page.split('<figure class="chart">')[1:]:  # no user text in a chart (the ecomap names actors, escaped)
        assert "alert" not in chart.split("</figure>")[0]
    markdown = render(hostile, "md")
    fences = [line for line in markdown.splitlines() if line.startswith("```")]
    assert fences == ["```chart:gauge-history", "```", "```chart:gauge-switch", "```"]


def test_session_report_shows_the_scales_course_over_every_earlier_session():
    from datetime import date

    from saved.reports.supervision import trends
    from tui.i18n import t

    here = DEMO.parent
    november = load(here / "supervision-demsupv2.toml").document
    october = load(here / "supervision-demsupva.toml").document
    september = october.model_copy(update={"id": "demsupv9", "held_on": date(2026, 9, 10), "storm_scales": {"m1": 2}})
    course = trends(november, [october, september])
    assert course["m1"] == [(date(2026, 9, 10), 2), (date(2026, 10, 15), 4), (date(2026, 11, 12), 6)]
    text = render(november, "md", say=t, earlier=[october, september])
    block = text.split("```chart:storm-course", 1)[1].split("```", 1)[0].splitlines()[1:]
    assert block[:3] == ["M1  2026-09-10   2 ##", "M1  2026-10-15   4 ####        +2", "M1  2026-11-12   6 ######      +2"]
    assert "- Koblet sag: K.M. (demo)" in text  # the pseudonym, not the id
    page = render(november, "html", say=t, earlier=[october, september])
    assert page.count("<svg") == 1 and "M3" in page and "<script" not in page
    # without earlier sessions there is no course to show
    assert "chart:storm-course" not in render(november, "md", say=t)


def test_case_report_per_relationship_weeks_and_feelings():
    from tui.i18n import t

    case = load(DEMO).document
    text = render(case, "md", say=t)
    assert "| Mor (GM) | 2 | 7 | 4 | ▲▲ Regulér dig selv først | for få |" in text
    assert "| Jobcenter, sagsbehandler LN | 4 | 6,5 | 5,5 |" in text
    assert "- Uge 45 (2026-11-02): 3 målinger · ▲▲1 ▽1 ?1 · højeste intensitet 9." in text
    assert "| Følelser |" in text and "Frygt 7, Forvirring 7" in text
    private = render(case, "md", say=t, private=True)
    assert "Mor (GM)" not in private and "| Følelser |" in private


def test_an_old_session_report_names_its_case_by_pseudonym_without_changing_the_file(locations):
    from models.documents import Case
    from models.supervision import Supervision
    from saved.reports.supervision import for_report
    from saved.store import create
    from tui.i18n import t

    case = create(locations, Case(title="A.B. (pseudonym)")).document
    older = create(locations, Supervision(title="Sept", practitioner="L.B.", held_on=date(2026, 9, 1), storm_scales={"m1": 3}))
    created = create(locations, Supervision(title="Okt", practitioner="lb", case_id=case.id, storm_scales={"m1": 5}))
    before = created.path.read_bytes()
    shown, earlier = for_report(load(created.path).document, locations)
    assert shown.case_label == "A.B. (pseudonym)" and [s.id for s in earlier] == [older.document.id]
    text = render(shown, "md", say=t, earlier=earlier)
    assert "- Koblet sag: A.B. (pseudonym)" in text and case.id not in text
    assert created.path.read_bytes() == before
    assert for_report(case, locations) == (case, [])


def test_a_reading_about_the_citizen_is_reported_as_the_citizen_not_as_no_one():
    from tui.i18n import t

    case = load(DEMO).document
    newest = max(case.readings, key=lambda reading: reading.taken)  # the report lists the latest ones
    readings = [r.model_copy(update={"actor_id": "citizen"}) if r is newest else r for r in case.readings]
    text = render(case.model_copy(update={"readings": readings}), "md", say=t)
    when = f"{newest.taken:%Y-%m-%d %H:%M}"
    [row] = [line for line in text.splitlines() if line.startswith(f"| {when}")]
    assert "| Borgeren |" in row or "| The citizen |" in row


def test_the_markdown_history_is_explained_by_its_own_marks():
    """The Markdown history's heading promised "● intensitet, □ mentalisering" over a text chart
    drawn with I/# and M/=: on paper, a legend for marks that are not there."""
    from tui.i18n import t

    case = load(DEMO).document
    text = render(case, "md", say=t)
    heading = next(line for line in text.splitlines() if line.startswith("### Forløb"))
    assert "●" not in heading and "□" not in heading
    block = text.split("```chart:gauge-history", 1)[1].split("```", 1)[0].splitlines()
    assert block[1].startswith("I = følelsesintensitet (#)") and block[2].lstrip()[:2] == "20"
    page = render(case, "html", say=t)
    assert "I = følelsesintensitet" not in page, "the HTML draws the SVG, which has its own legend"
