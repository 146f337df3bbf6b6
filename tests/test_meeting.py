"""Network meetings (models/meeting.py, saved/reports/meeting.py): the record in the case, its
agenda drawn from the analysis, grey zones, agreed actions, snapshots and their comparison, and
the agenda and minutes as Markdown and HTML, private variant included."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from models.documents import Case
from models.meeting import AgendaItem, Meeting, MeetingAction, Task, agenda_from, compare, grey_zones, snapshot
from models.network import CITIZEN, Tie
from models.network_findings import findings
from saved.examples import HERE
from saved.reports import render
from saved.reports.meeting import meeting_report
from saved.store import dumps, load
from saved.toml_read import tomllib
from tests.test_hostile_text import TERMINAL_CONTROLS, Tags, markdown_markup
from tui.i18n import t


def demo_case() -> Case:
    return load(HERE / "case-demcasea.toml").document


def by_name(case: Case, name: str) -> str:
    return next(actor.id for actor in case.actors if actor.name == name)


def a_meeting(case: Case, when: date = date(2026, 12, 3)) -> Meeting:
    bro, ln, mor = by_name(case, "Psykiatribrobygger MK"), by_name(case, "Jobcenter, sagsbehandler LN"), by_name(case, "Mor (GM)")
    return Meeting(
        held_on=when,
        kind="coordinating_plan",
        participants=[CITIZEN, bro, ln, mor],
        agenda=[*agenda_from(findings(case.actors, case.ties).steps), AgendaItem(text="Bolig: huslejerestancen")],
        tasks=[Task(what="Følge op på medicin", owners=[bro]), Task(what="Kontakt til udlejer"), Task(what="Aktiveringsplan", owners=[ln, bro])],
        actions=[MeetingAction(what="Ring til udlejer", owner=bro, due=date(2026, 12, 10)), MeetingAction(what="Ny plan", due=date(2027, 1, 5), done=True)],
        minutes="Borgeren ønsker færre møder.",
        snapshot=snapshot(case.actors, case.ties, when),
    )


def test_a_meeting_is_kept_in_the_case_and_read_back():
    case = demo_case()
    case.meetings = [a_meeting(case)]
    again = Case.model_validate(tomllib.loads(dumps(case).decode()))
    assert again.meetings == case.meetings
    meeting = again.meetings[0]
    assert meeting.agenda[0].key == "hotspot" and len(meeting.agenda) == 11
    assert [task.what for task in grey_zones(meeting.tasks)] == ["Kontakt til udlejer", "Aktiveringsplan"]
    assert (meeting.actions[0].due, meeting.actions[0].done) == (date(2026, 12, 10), False), "due and done, for a list of what is due"
    assert len(meeting.snapshot.actors) == 34 and len(meeting.snapshot.ties) == 70


def test_comparing_two_snapshots():
    case = demo_case()
    first = snapshot(case.actors, case.ties, date(2026, 9, 1))
    gone = by_name(case, "Borgerservice")
    ln, pj = by_name(case, "Jobcenter, sagsbehandler LN"), by_name(case, "Socialpsykiatrien, sagsbehandler PJ")
    changed = []
    for tie in case.ties:
        if tie.ends == {ln, pj}:
            tie = tie.model_copy(update={"ratings": {**tie.ratings, "shared_goals": 4}, "conflicts": ["goals"]})
        changed.append(tie)
    lone = by_name(case, "Job Café i Kulturhuset")
    changed.append(Tie(a=lone, b=CITIZEN, ratings={"timely": 4}))
    actors = [actor for actor in case.actors if actor.id != gone]
    second = snapshot(actors, changed, date(2026, 12, 1))
    diff = compare(first, second)
    assert diff.actors_removed == [gone] and diff.actors_added == []
    assert diff.ties_added == [tuple(sorted((lone, CITIZEN)))] and diff.ties_removed == []
    pair = tuple(sorted((ln, pj)))
    assert [ends for ends, _, _ in diff.ties_up] == [pair] and diff.ties_down == []
    assert [(c.ends, c.dimension, c.before, c.after) for c in diff.ratings] == [(pair, "shared_goals", 2, 4)]
    assert diff.conflicts_resolved == [(pair, "collaboration_form")] and diff.conflicts_added == []
    assert compare(first, first).ratings == []


def test_the_agenda_names_what_to_do_and_the_minutes_say_what_changed():
    case = demo_case()
    september = a_meeting(case, date(2026, 9, 20))
    case.ties = [tie for tie in case.ties if not tie.touches(by_name(case, "Kæreste (A.)"))]
    december = a_meeting(case)
    case.meetings = [september, december]
    agenda = meeting_report(case, december, part="agenda", fmt="md", private=False, say=t)
    assert agenda.startswith("# Dagsorden: Koordinerende indsatsplan 2026-12-03")
    assert "Deltagere: Borgeren, Psykiatribrobygger MK, Jobcenter, sagsbehandler LN, Mor (GM)" in agenda
    assert "1. Brændpunkt: Jobcenter, sagsbehandler LN." in agenda and "11. Bolig: huslejerestancen" in agenda
    assert "- Kontakt til udlejer: ingen ansvarlig **gråzone**" in agenda
    assert "2 opgaver ligger i en gråzone" in agenda
    assert "Åbne handlinger fra tidligere møder" in agenda and "- [ ] Ring til udlejer · ansvarlig: Psykiatribrobygger MK · frist: 2026-12-10" in agenda
    minutes = meeting_report(case, december, part="minutes", fmt="md", private=False, say=t)
    assert "## Aftalte handlinger" in minutes and "- [x] Ny plan · ansvarlig: ingen ansvarlig · frist: 2027-01-05" in minutes
    assert "## Ændringer i netværket siden mødet 2026-09-20" in minutes
    assert "Bånd ikke længere med: " in minutes and "Kæreste (A.)" in minutes
    assert "> Borgeren ønsker færre møder." in minutes


def test_the_private_agenda_and_minutes_name_roles_and_hide_free_text():
    case = demo_case()
    case.meetings = [a_meeting(case)]
    for part in ("agenda", "minutes"):
        text = meeting_report(case, case.meetings[0], part=part, fmt="md", private=True, say=t)
        assert "Sagsbehandler, jobcenter \\#10" in text and "Mor \\#31" in text
        assert all(actor.name not in text for actor in case.actors if actor.name != actor.kind)
        assert "huslejerestancen" not in text and "udlejer" not in text and "færre møder" not in text
        assert "skjult (privat udgave)" in text


def test_the_case_report_holds_the_meetings_and_html_is_clean():
    case = demo_case()
    case.meetings = [a_meeting(case)]
    md = render(case, "md", say=t)
    assert "## Netværksmøder" in md and "### Referat: Koordinerende indsatsplan 2026-12-03" in md
    page = meeting_report(case, case.meetings[0], part="minutes", fmt="html", private=False, say=t)
    tags = Tags()
    tags.feed(page)
    assert tags.bad == [] and tags.csp


HOSTILE = st.sampled_from(["\x1b[31mrød", "\x1b]8;;http://x\x07l", "\x9bC", "\u202eomvendt", "[bold]x[/bold]", "<script>x</script>", "a & b"]) | st.text(max_size=30)


@settings(max_examples=30, deadline=None)
@given(HOSTILE)
def test_hostile_text_in_a_meeting_reaches_no_report_raw(text):
    case = demo_case()
    meeting = a_meeting(case)
    meeting = meeting.model_copy(
        update={
            "agenda": [*meeting.agenda, AgendaItem(text=text)],
            "tasks": [Task(what=text)],
            "actions": [MeetingAction(what=text)],
            "minutes": text,
        }
    )
    case.meetings = [meeting]
    case.actors[7].name = text[:80] or "x"
    for private in (False, True):
        for part in ("agenda", "minutes"):
            md = meeting_report(case, meeting, part=part, fmt="md", private=private, say=t)
            assert TERMINAL_CONTROLS.findall(md) == [] and markdown_markup(md) == []
            page = meeting_report(case, meeting, part=part, fmt="html", private=private, say=t)
            tags = Tags()
            tags.feed(page)
            assert tags.bad == [] and TERMINAL_CONTROLS.findall(page) == []
