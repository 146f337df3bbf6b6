"""What is due across documents: the index keeps the dates, `samspil due` and `samspil check` list
what is overdue (saved/due.py, tui/due.py)."""

from __future__ import annotations

import json
from datetime import date

from models.exnovation import Exnovation
from models.supervision import Supervision
from models.exnovation import Item
from models.supervision import Action
from saved.due import Due, due_dates, overdue
from saved.store import dumps
from saved.summaries import summaries
from tui.__main__ import main
from tui.due import home_line

TODAY = date(2026, 11, 23)


def write(locations, document) -> None:
    locations.ensure()
    (locations.documents / f"{document.kind}-{document.id}.toml").write_bytes(dumps(document))


def board(today: date = TODAY) -> Exnovation:
    return Exnovation(id="bcardaaa", title="Team Syd", items=[
        Item(what="Fax \x1b[31m<script>", nominated_on=date(2026, 9, 1), deadline=date(2026, 11, 1)),
        Item(what="Stoppet", nominated_on=date(2026, 9, 1), deadline=date(2026, 10, 1), change="remove", stage="stopped"),
        Item(what="Senere", nominated_on=date(2026, 9, 1), deadline=date(2026, 12, 24)),
        Item(what="I dag", nominated_on=date(2026, 9, 1), deadline=today),
    ])


def session() -> Supervision:
    return Supervision(id="sessaaab", title="Supervision", actions=[
        Action(what="Ring til lægen om borgeren", owner="LB", due=date(2026, 11, 2)),
        Action(what="Gjort", owner="LB", due=date(2026, 11, 2), done=True),
    ])


def test_due_dates_keep_open_items_and_agreements_not_done_and_no_free_text():
    assert [due.what for due in due_dates(board())] == ["Fax \x1b[31m<script>", "I dag", "Senere"], "a stopped item is not due"
    held = session()
    [agreement] = due_dates(held)
    assert agreement == Due("agreement", date(2026, 11, 2), "LB", held.actions[0].id), "an agreement's text is free text: only its owner"


def test_overdue_is_after_the_day_and_a_review_on_its_day():
    assert not Due("item", TODAY, "x").overdue(TODAY) and Due("item", date(2026, 11, 22)).overdue(TODAY)
    assert Due("review", TODAY).overdue(TODAY)


def test_the_index_keeps_due_dates_and_totals_and_a_second_listing_loads_nothing(locations):
    write(locations, board())
    write(locations, session())
    first = summaries(locations)
    index = json.loads(locations.index.read_text())
    entry = index["files"]["exnovation-bcardaaa.toml"] if index["files"] else None
    rows = summaries(locations)
    assert [r.due for r in rows] == [r.due for r in first] and [r.freed for r in rows] == [r.freed for r in first]
    assert entry is None or entry["freed"] == [0.0, 0.0, 0.0, 0.0]
    late = overdue(rows, TODAY)
    assert [(row.path.name, due.kind) for row, due in late] == [("exnovation-bcardaaa.toml", "item"), ("supervision-sessaaab.toml", "agreement")]


def test_an_archived_document_is_not_due(locations):
    archived = board()
    archived.archived = True
    write(locations, archived)
    assert overdue(summaries(locations), TODAY) == []


def test_samspil_due_lists_each_with_its_document_and_check_says_notices(locations, capsys):
    write(locations, board(date.today()))  # the command line asks the real clock
    write(locations, session())
    assert main(["--data-dir", str(locations.root), "--lang", "da", "due"]) == 0
    out = capsys.readouterr().out
    assert "2026-11-01 · Punkt på tavlen: Fax ␛[31m<script> · Team Syd" in out and "(exnovation-bcardaaa.toml)" in out
    assert "Aftale fra supervision (LB) · Supervision (supervision-sessaaab.toml)" in out
    assert "Ring til lægen" not in out, "an agreement's text stays out"
    assert "\x1b" not in out and "2 forfaldne" in out
    assert main(["--data-dir", str(locations.root), "--lang", "en", "check"]) == 0, "notices are not problems"
    out = capsys.readouterr().out
    assert out.count("notice: overdue:") == 2 and "No problems found" in out


def test_nothing_due(locations, capsys):
    locations.ensure()
    assert main(["--data-dir", str(locations.root), "--lang", "en", "due"]) == 0
    assert "Nothing is overdue" in capsys.readouterr().out


def test_the_home_line_counts_by_kind_and_totals_what_boards_freed(locations):
    from tui.i18n import set_language

    set_language("da")
    write(locations, board())
    write(locations, session())
    line = home_line(summaries(locations), TODAY)
    due, freed = line.splitlines()
    assert due == "! Forfaldent: 1 tavlepunkt · 1 aftale"
    assert freed == "Frigjort: skønnet 0 t/md. · målt 0 t/md.", "a line of its own: it fits at 80 columns"
    assert home_line([], TODAY) == "✓ Intet forfaldent"


def test_an_agreement_a_later_session_took_a_stand_on_is_due_once_or_not_at_all(locations):
    """Kept: due once, from the later session (where it now lives). Closed or dropped: not due.
    The earlier session's file still holds it open; the index carries the ids (`settled`)."""
    from models.supervision import carry

    october = Supervision(id="sessaktb", title="Oktober", practitioner="LB", held_on=date(2026, 10, 15), actions=[
        Action(what="Ring til jobcentret", owner="LB", due=date(2026, 11, 1)),
        Action(what="Læs afsnittet", owner="LB", due=date(2026, 11, 2)),
        Action(what="Skriv til lægen", owner="HR", due=date(2026, 11, 3)),
    ])
    kept, closed, dropped = october.actions
    november = Supervision(id="sessnvmb", title="November", practitioner="LB", held_on=date(2026, 11, 12))
    for action, choice in ((kept, "keep"), (closed, "close"), (dropped, "drop")):
        november = november.model_copy(update=carry(november, action, choice, october.held_on))
    write(locations, october)
    write(locations, november)
    late = overdue(summaries(locations), TODAY)
    assert [(row.path.name, due.ref) for row, due in late] == [("supervision-sessnvmb.toml", kept.id)]
