"""The network of a case as a report: a Markdown section for the coordinated action plan
(koordinerende indsatsplan), and a Graphviz DOT graph.

The words come from `say` (the UI's translation function; see saved/reports.py). With `private`
(the privacy screen), actors are named by their number and kind, never by name, and tie notes are
left out.
"""

from __future__ import annotations

from collections.abc import Callable

from models.documents import Case
from models.network import CITIZEN, CONFLICT_KINDS, SECTORS, Actor, Tie, actor_number
from models.network_analysis import Analysis, analyse, tie_counts
from models.network_findings import findings
from models.ecomap import places
from models.privacy import actor_role, case_actor_label
from models.text import safe_text
from saved.amounts import counted
from saved.reports.markdown_html import inline, table
from saved.reports.network_steps import decimal, step_text, ties_by_id

Say = Callable[[str], str]
#: The outer ring's radius in the DOT export, in inches (Graphviz's unit for a pinned position).
DOT_RADIUS = 7.0


def actor_label(case: Case, actor: Actor, *, private: bool, say: Say) -> str:
    """How an actor is named in a report: as on screen (models/privacy.py), its name, or
    (private) its role and number, "Mor #31"."""
    return case_actor_label(case, actor, private, say(f"network.sector.{actor.sector}"))


def end_label(case: Case, end: str, say: Say, *, private: bool) -> str:
    if end == CITIZEN:
        return say("network.citizen")
    actor = case.actor(end)
    return actor_label(case, actor, private=private, say=say) if actor is not None else end


def mean_text(tie: Tie, say: Say) -> str:
    mean = tie.mean
    if mean is None:
        return say("network.unrated")
    text = decimal(mean, say)
    return f"{text} {say('network.weak')}" if tie.weak else text


def conflicts_text(tie: Tie, say: Say) -> str:
    return ", ".join(say(f"network.conflict.{kind}") for kind in tie.conflicts)


def consent_text(actor: Actor, say: Say) -> str:
    text = say(f"network.consent.{actor.consent}")
    return f"{text} ({actor.consent_date.isoformat()})" if actor.consent_date and actor.consent != "none" else text


def markdown_section(case: Case, *, private: bool, say: Say) -> list[str]:
    """The network as Markdown lines: where to act, the analysis, the actors, the ties."""
    if not case.actors and not case.ties:
        return []
    result = analyse(case.actors, case.ties)
    by_id = ties_by_id(case)
    lines = ["", f"## {say('network.report.title')}", ""]
    lines.append(say("network.report.summary").format(actors=counted(say, "network.number.actors", result.actors), ties=counted(say, "network.number.ties", result.ties)))
    lines += ["", f"### {say('network.report.where_to_act')}", ""]
    steps = findings(case.actors, case.ties).steps
    if steps:
        # Named and ranked (models.network_findings); each name passes the privacy rule and inline().
        lines += [f"{number}. {step_text(case, step, say, lambda end: inline(end_label(case, end, say, private=private)), by_id)}" for number, step in enumerate(steps, start=1)]
    else:
        lines.append(f"- {say('network.act.nothing')}")
    if result.weakest:
        lines += ["", f"### {say('network.report.weakest')}", ""]
        for tie_id in result.weakest:
            tie = by_id[tie_id]
            ends = f"{inline(end_label(case, tie.a, say, private=private))} – {inline(end_label(case, tie.b, say, private=private))}"
            conflicts = conflicts_text(tie, say)
            lines.append(f"- {ends}: {mean_text(tie, say)}" + (f" · {conflicts}" if conflicts else ""))
    lines += _analysis(result, say)
    lines += _actors(case, private, say)
    lines += _ties(case, private, say)
    if private:
        lines += ["", f"_{say('network.report.private')}_"]
    return lines


def _analysis(result: Analysis, say: Say) -> list[str]:
    lines = ["", f"### {say('network.report.analysis')}", ""]
    lines += table(
        [say("network.col.sector"), say("network.col.count")],
        [[say(f"network.sector.{sector}"), str(result.per_sector[sector])] for sector in SECTORS],
    )
    lines.append("")
    means = [[say(f"network.dim.{name}"), decimal(value, say)] for name, value in result.dimension_means.items()]
    lines += table([say("network.col.dimension"), say("network.col.mean")], means)
    lines.append("")
    lines.append(counted(say, "network.analysis.conflict_ties", result.conflict_ties, ties=result.ties))
    lines.append("")
    lines += table(
        [say("network.col.conflict"), say("network.col.count")],
        [[say(f"network.conflict.{kind}"), str(result.conflicts[kind])] for kind in CONFLICT_KINDS],
    )
    return lines


def _actors(case: Case, private: bool, say: Say) -> list[str]:
    counts = tie_counts(case.ties)
    rows = []
    for index, actor in enumerate(case.actors):
        number = actor_number(actor, index)
        mark = f" {say('network.coordinator_mark')}" if actor.coordinator else ""
        rows.append(
            [
                str(number),
                inline(actor_label(case, actor, private=private, say=say)) + mark,
                inline(actor_role(actor.kind) or say(f"network.sector.{actor.sector}")) if private else inline(actor.kind),
                say(f"network.sector.{actor.sector}"),
                str(actor.ring),
                consent_text(actor, say),
                str(counts[actor.id]),
            ]
        )
    header = ["#", say("network.col.name"), say("network.col.kind"), say("network.col.sector"), say("network.col.ring"), say("network.col.consent"), say("network.col.ties")]
    return ["", f"### {say('network.report.actors')}", "", *table(header, rows)]


def _ties(case: Case, private: bool, say: Say) -> list[str]:
    if not case.ties:
        return []
    rows = []
    for tie in case.ties:
        frequency = say(f"network.freq.{tie.frequency}") if tie.frequency else "–"
        note = "" if private else inline(tie.note)
        rated = tie.rated_on.isoformat() if tie.rated_on else ""
        if tie.rated_by is not None:
            by = say("network.report.rated_by").format(name=inline(end_label(case, tie.rated_by, say, private=private)))
            rated = f"{rated} {by}".strip()
        rows.append(
            [
                inline(end_label(case, tie.a, say, private=private)),
                inline(end_label(case, tie.b, say, private=private)),
                frequency,
                mean_text(tie, say),
                conflicts_text(tie, say),
                rated,
                note,
            ]
        )
    header = [say(f"network.col.{key}") for key in ("end_a", "end_b", "frequency", "mean", "conflicts", "rated", "note")]
    return ["", f"### {say('network.report.ties')}", "", *table(header, rows)]


# --------------------------------------------------------------------------------------------------
# Graphviz


def _dot_string(text: str) -> str:
    """A DOT quoted string: one line, no control characters, quotes and backslashes escaped."""
    flat = safe_text(text, single_line=True)
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_lines(parts: list[str]) -> str:
    """The inside of a DOT label of several lines."""
    return "\\n".join(_dot_string(part)[1:-1] for part in parts)


def network_dot(case: Case, *, private: bool = False, say: Say) -> str:
    """The network as an undirected Graphviz graph, each actor pinned where the ecomap puts it
    (models.ecomap: its sector's wedge, its ring's distance from the citizen), so Graphviz keeps
    the rings and sectors (neato honours pinned positions; overlap=false only nudges).

    Readable without colour: weak ties are dashed, ties with conflicts are bold and labelled with
    their kinds, actors without consent have a dashed border, the coordinator a double border.
    """
    spots = places(case.actors)
    lines = [
        "graph network {",
        '  graph [layout=neato, overlap=false, splines=true, fontname="sans-serif"];',
        '  node [shape=box, style=rounded, fontname="sans-serif"];',
        '  edge [fontname="sans-serif", fontsize=9];',
        f'  citizen [label={_dot_string(say("network.citizen"))}, shape=doublecircle, pos="0,0!"];',
    ]
    for actor in case.actors:
        parts = [actor_label(case, actor, private=private, say=say), f"{say(f'network.sector.{actor.sector}')} · {say('network.col.ring')} {actor.ring}"]
        attributes = []
        if actor.coordinator:
            parts.append(say("network.coordinator"))
            attributes.append("peripheries=2")
        if actor.consent == "none":
            parts.append(say("network.consent.none"))
            attributes.append('style="rounded,dashed"')
        x, y = spots[actor.id]
        attributes.append(f'pos="{x * DOT_RADIUS:.2f},{-y * DOT_RADIUS:.2f}!"')  # inches; Graphviz's y grows upwards
        lines.append(f'  "{actor.id}" [label="{_dot_lines(parts)}"{"".join(", " + a for a in attributes)}];')
    for tie in case.ties:
        label_parts = [mean_text(tie, say)]
        if tie.conflicts:
            label_parts.append(conflicts_text(tie, say))
        attributes = [f'label="{_dot_lines(label_parts)}"']
        if tie.weak:
            attributes.append("style=dashed")
        if tie.conflicts:
            attributes.append("penwidth=2.5")
        lines.append(f'  "{tie.a}" -- "{tie.b}" [{", ".join(attributes)}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
