"""The meetings tab, driven by keys: a new meeting with its agenda from the analysis and a snapshot,
an agreed action, a task with a grey zone, the minutes exported and logged. Assertions on the
saved file."""

from __future__ import annotations

from datetime import date

from saved.store import load
from tests.ui.helpers import burst, change_demo_case, keys_done, screen_text, settle
from tui.case.meetings.dialogs import ActionDialog, MeetingDialog, MinutesDialog, TaskDialog
from tui.case.meetings.pane import MeetingsPane


async def open_meetings(pilot) -> MeetingsPane:
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press("right", "right", "right", "tab")
    await pilot.pause()
    return pilot.app.screen.query_one(MeetingsPane)


async def test_a_meeting_by_keyboard_with_an_action_a_grey_zone_and_the_minutes(demo_locations, make_app):
    path = demo_locations.document("case", "demcasea")
    before = load(path).document
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meetings(pilot)
        assert "Ingen netværksmøder endnu" in screen_text(app)
        burst(app, "n")
        await keys_done(pilot)
        assert isinstance(app.screen, MeetingDialog)
        # The date, then the kind (kept), then tick Mor in the participants (the 32nd row: the citizen first).
        burst(app, "ctrl+a")
        app.screen.query_one("#meeting-date").value = "2026-12-03"
        people = app.screen.query_one("#meeting-people")
        people.focus()
        await keys_done(pilot)
        people.highlighted = 31
        burst(app, "space", "ctrl+s")
        await keys_done(pilot)
        assert not isinstance(app.screen, MeetingDialog)
        text = screen_text(app)
        assert "2026-12-03" in text and "Brændpunkt: Jobcenter, sagsbehandler LN" in text
        burst(app, "h", "Ring til udlejer", "tab", "enter", "down", "enter", "tab", "2026-12-10", "ctrl+s")
        await keys_done(pilot)
        assert not isinstance(app.screen, ActionDialog)
        burst(app, "g", "Kontakt til udlejer", "ctrl+s")
        await keys_done(pilot)
        assert not isinstance(app.screen, TaskDialog)
        burst(app, "a", "Bolig", "enter", "d", "1", "r", "Borgeren ønsker færre møder.", "ctrl+s")
        await keys_done(pilot)
        burst(app, "e", "r")
        await keys_done(pilot)
        burst(app, "ctrl+s")
        await keys_done(pilot)
    case = load(path).document
    [meeting] = case.meetings
    assert meeting.held_on == date(2026, 12, 3) and meeting.kind == "coordinating_plan"
    mor = next(actor.id for actor in before.actors if actor.name == "Mor (GM)")
    bro = next(actor.id for actor in before.actors if actor.coordinator)
    assert meeting.participants == ["citizen", bro, mor]
    assert meeting.agenda[0].key == "hotspot" and len(meeting.agenda) == 11
    assert meeting.snapshot is not None and meeting.snapshot.taken == date(2026, 12, 3) and len(meeting.snapshot.ties) == 70
    [action] = meeting.actions
    assert (action.what, action.owner, action.due, action.done) == ("Ring til udlejer", "citizen", date(2026, 12, 10), True)
    assert (meeting.agenda[-1].key, meeting.agenda[-1].text) == ("own", "Bolig") and meeting.minutes == "Borgeren ønsker færre møder."
    [task] = meeting.tasks
    assert task.what == "Kontakt til udlejer" and task.owners == [] and task.grey_zone
    [record] = case.exports
    assert record.format == "md" and "-minutes-2026-12-03-" in record.path
    minutes = open(record.path, encoding="utf-8").read()
    assert minutes.startswith("# Referat: Koordinerende indsatsplan 2026-12-03") and "- [x] Ring til udlejer" in minutes
    assert "11. Bolig" in minutes and "> Borgeren ønsker færre møder." in minutes


async def test_the_privacy_screen_names_roles_and_hides_a_meetings_texts(demo_locations, make_app):
    from models.meeting import AgendaItem, Meeting, MeetingAction, Task
    from saved import store

    path = demo_locations.document("case", "demcasea")
    loaded = store.load(path)
    case = loaded.document
    ln = next(actor.id for actor in case.actors if actor.name == "Jobcenter, sagsbehandler LN")
    hostile = "\x1b[31mrød\x1b]8;;http://x\x07 \u202e [bold]x[/bold] <script>"
    case.meetings = [
        Meeting(
            held_on=date(2026, 12, 3),
            participants=["citizen", ln],
            agenda=[AgendaItem(text=hostile)],
            tasks=[Task(what=hostile, owners=[ln])],
            actions=[MeetingAction(what=hostile, owner=ln)],
            minutes=hostile,
        )
    ]
    path.write_bytes(store.dumps(case))
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meetings(pilot)
        text = screen_text(app)
        assert "Jobcenter, sagsbehandler LN" in text
        assert "\x1b" not in text and "\u202e" not in text and "rød" in text, "shown, made harmless"
        app.privacy = True
        await pilot.pause()
        text = screen_text(app)
        assert "Sagsbehandler, jobcenter #10" in text and "Jobcenter, sagsbehandler LN" not in text
        assert "rød" not in text and "skjult (privat udgave)" in text
        burst(app, "r")
        await keys_done(pilot)
        assert not isinstance(app.screen, MinutesDialog), "hidden minutes are not edited"


async def test_two_meetings_networks_are_compared(demo_locations, make_app):
    from models.meeting import Meeting, snapshot
    from saved import store

    path = demo_locations.document("case", "demcasea")
    case = store.load(path).document
    kaereste = next(actor.id for actor in case.actors if actor.name == "Kæreste (A.)")
    old = Meeting(held_on=date(2026, 9, 20), snapshot=snapshot(case.actors, case.ties, date(2026, 9, 20)))
    kept = [tie for tie in case.ties if not tie.touches(kaereste)]
    new = Meeting(held_on=date(2026, 12, 3), kind="local", snapshot=snapshot(case.actors, kept, date(2026, 12, 3)))
    case.meetings = [old, new]
    path.write_bytes(store.dumps(case))
    app = make_app(demo_locations)
    async with app.run_test(size=(100, 40)) as pilot:
        pane = await open_meetings(pilot)
        assert pane.selected == new.id, "the latest first"
        burst(app, "v", "1")
        await keys_done(pilot)
        text = " ".join(screen_text(app).split())
        assert "Netværket 2026-09-20 → 2026-12-03" in text
        removed = text.split("Bånd ikke længere med: ")[1].split(" - ")[0]
        assert removed.count("Kæreste (A.)") == len(case.ties) - len(kept) == 2


async def test_x_removes_an_action_a_task_or_the_meeting(demo_locations, make_app):
    from models.meeting import Meeting, MeetingAction, Task
    from saved import store

    path = demo_locations.document("case", "demcasea")
    case = store.load(path).document
    case.meetings = [Meeting(held_on=date(2026, 12, 3), actions=[MeetingAction(what="A1"), MeetingAction(what="A2")], tasks=[Task(what="T1")])]
    path.write_bytes(store.dumps(case))
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_meetings(pilot)
        burst(app, "x", "h")
        await keys_done(pilot)
        burst(app, "1")
        await keys_done(pilot)
        assert [action.what for action in pane.case.meetings[0].actions] == ["A2"]
        burst(app, "x", "g")
        await keys_done(pilot)
        burst(app, "1")
        await keys_done(pilot)
        assert pane.case.meetings[0].tasks == []
        burst(app, "x", "m")
        await keys_done(pilot)
        burst(app, "j", "ctrl+s")
        await keys_done(pilot)
    assert store.load(path).document.meetings == []


async def test_c_changes_an_action_and_a_task_keeping_their_ids(demo_locations, make_app):
    from models.meeting import Meeting, MeetingAction, Task
    from saved import store

    path = demo_locations.document("case", "demcasea")
    case = store.load(path).document
    action, task = MeetingAction(what="Ring til LN", done=True), Task(what="T1")
    case.meetings = [Meeting(held_on=date(2026, 12, 3), actions=[action], tasks=[task])]
    path.write_bytes(store.dumps(case))
    typed = " [bold]<b>"  # markup and HTML as text (control characters are a paste's, not typing's)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_meetings(pilot)
        burst(app, "c", "h")  # an action: the first
        await keys_done(pilot)
        burst(app, "1")
        await keys_done(pilot)
        burst(app, "end", typed, "tab", "tab", "2026-12-24", "ctrl+s")
        await keys_done(pilot)
        [changed] = pane.case.meetings[0].actions
        assert (changed.id, changed.done, changed.due) == (action.id, True, date(2026, 12, 24))
        burst(app, "c", "g", "1")  # a task: the first
        await keys_done(pilot)
        burst(app, "end", " 2", "ctrl+s")
        await keys_done(pilot)
        app.privacy = True
        await pilot.pause()
        burst(app, "c")  # the texts are hidden: not shown, not changed
        await keys_done(pilot)
        await pilot.press("ctrl+s")
        await keys_done(pilot)
    [meeting] = store.load(path).document.meetings
    assert (meeting.actions[0].what, meeting.actions[0].id) == ("Ring til LN [bold]<b>", action.id)
    assert (meeting.tasks[0].what, meeting.tasks[0].id) == ("T1 2", task.id)


async def test_the_empty_tab_says_its_whole_hint_at_80_columns(demo_locations, make_app):
    from tests.ui.helpers import screen_text

    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meetings(pilot)
        text = " ".join(screen_text(app).split())
        assert "dagsordenen laves ud fra analysen af netværket." in text


def picks(app) -> list[str]:
    """The lines of the Pick dialog on top."""
    from textual.widgets import OptionList

    options = app.screen.query_one(OptionList)
    return [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)]


def _with_meeting(demo_locations, own_points: tuple[str, ...] = (), **parts):
    """The demo case with one meeting of `parts` (its agenda from the findings unless given, then
    a point of one's own for each of `own_points`): (its path, the case)."""
    from models.meeting import AgendaItem, Meeting, agenda_from
    from models.network_findings import findings

    def change(case) -> None:
        parts.setdefault("agenda", agenda_from(findings(case.actors, case.ties).steps))
        parts["agenda"] = [*parts["agenda"], *(AgendaItem(text=text) for text in own_points)]
        case.meetings = [Meeting(held_on=date(2026, 12, 3), **parts)]

    return change_demo_case(demo_locations, change)


async def test_an_agenda_point_is_changed_or_removed_and_a_long_list_is_picked_past_nine(demo_locations, make_app):
    """c changes a point of one's own (the findings' points are worded afresh: removed, not changed);
    x removes any point; actions past the ninth are picked with the arrows (a row of buttons showed
    two or three, and the number keys reach nine)."""
    from models.meeting import MeetingAction
    from saved import store
    from tui.case.meetings.dialogs import AgendaDialog
    from tui.widgets.dialogs import Choice, Pick

    actions = [MeetingAction(what=f"Handling {n} [bold]x[/] som er lang nok til at fylde en hel linje") for n in range(1, 13)]
    path, case = _with_meeting(demo_locations, own_points=("Bolig",), actions=actions)
    findings_agenda = case.meetings[0].agenda[:-1]
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meetings(pilot)
        burst(app, "c", "a")  # what to change: an agenda point; the own points only
        await keys_done(pilot)
        assert isinstance(app.screen, Pick) and picks(app) == ["1 Bolig"]
        burst(app, "1")
        await keys_done(pilot)
        assert isinstance(app.screen, AgendaDialog)
        burst(app, "end", " og job", "enter")
        await keys_done(pilot)
        burst(app, "x")  # the choice of what to remove: too wide for one row, so one per line, all inside the dialog
        await keys_done(pilot)
        assert isinstance(app.screen, Choice)
        dialog = app.screen.query_one("Choice > Vertical").region
        assert all(dialog.contains_region(button.region) for button in app.screen.query("Button"))
        burst(app, "a", "2")  # the second point: a finding
        await keys_done(pilot)
        burst(app, "x", "h")  # the last action, by the arrows
        await keys_done(pilot)
        assert len(picks(app)) == 12 and picks(app)[9].startswith("  Handling 10 [bold]x[/]"), "past nine: no number; text, not markup"
        burst(app, "end", "enter", "d", "end", "up", "enter", "ctrl+s")  # and the 10th is done
        await keys_done(pilot)
    [meeting] = store.load(path).document.meetings
    assert [item.key for item in meeting.agenda] == [item.key for item in findings_agenda[:1] + findings_agenda[2:]] + ["own"]
    assert meeting.agenda[-1].text == "Bolig og job"
    assert [action.what.split(" [")[0] for action in meeting.actions] == [f"Handling {n}" for n in range(1, 12)]
    assert [action.done for action in meeting.actions] == [False] * 9 + [True, False]


async def test_participants_named_with_markup_are_listed_as_text(demo_locations, make_app):
    """A name such as "[/]" was a MarkupError in the new meeting's list of participants."""
    def rename(case) -> None:
        case.actors = [case.actors[0].model_copy(update={"name": "[/]Mor [bold]GM"}), *case.actors[1:]]

    change_demo_case(demo_locations, rename)
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 40)) as pilot:
        await open_meetings(pilot)
        burst(app, "n")
        await keys_done(pilot)
        assert isinstance(app.screen, MeetingDialog)
        assert "[/]Mor [bold]GM" in screen_text(app)


async def test_down_from_the_first_participant_ticks_the_second(demo_locations, make_app):
    """The participants' list had no cursor when Tab reached it: the first ↓ went to the citizen,
    so "Tab Tab ↓ space" (tick the second row) unticked the citizen (tmux, measured)."""
    path = demo_locations.document("case", "demcasea")
    before = load(path).document
    app = make_app(demo_locations)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_meetings(pilot)
        burst(app, "n", "tab", "tab", "down", "space", "ctrl+s")
        await keys_done(pilot)
        assert not isinstance(app.screen, MeetingDialog)
        burst(app, "ctrl+s")
        await keys_done(pilot)
    [meeting] = load(path).document.meetings
    assert meeting.participants[:2] == ["citizen", before.actors[0].id]
