"""The gauge as a report: the readings' count, the switch point and the latest readings.

Words come from `say` (the UI's translation function, see saved/reports.py). With `private` the
context and note of each reading are left out and actors are named by number and kind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from models.documents import Case
from models.clock import TIME_FORMAT
from models.gauge import SWITCH_MIN_READINGS, SWITCH_THRESHOLD, Reading, filter_readings, reading_zone, switch_point
from models.gauge import CITIZEN_RELATION, NO_ACTOR, ZONES
from models.gauge_stats import NAMED_FEELING, by_relationship, pooling, weeks
from saved.amounts import counted
from saved.reports.gauge_charts import history_svg, history_text, scatter_svg, scatter_text
from saved.reports.markdown_html import inline, table

Say = Callable[[str], str]

#: How many of the latest readings the report lists (the file keeps them all).
LATEST = 20
#: How many of the latest weeks the report summarises.
WEEKS = 6
#: The threshold and the minimum the report's switch point uses (the screen's defaults).
THRESHOLD, NEEDED = SWITCH_THRESHOLD, SWITCH_MIN_READINGS


def readings_table(readings: Sequence[Reading], *, private: bool, say: Say, relation: Callable[[Reading], str] | None = None) -> list[str]:
    """The readings as a table, in the order given."""
    header = [say(f"gauge.column.{key}") for key in ("when", "intensity", "capacity", "zone", "whose", "situation")]
    header += [say("gauge.field.feelings")]
    header += [say("gauge.column.actor")] if relation else []
    header += [say("gauge.field.note")]
    rows = []
    for reading in readings:
        zone = reading_zone(reading)
        row = [
            f"{reading.taken:{TIME_FORMAT}}",
            str(reading.intensity),
            str(reading.capacity),
            f"{zone.symbol} {say(zone.label_key)}",
            say(f"gauge.whose.{reading.whose}"),
            say(f"gauge.situation.{reading.situation or 'none'}"),
            ", ".join(f"{say(f'gauge.feeling.{name}')} {value}" for name, value in reading.feelings.items()) or "–",
        ]
        row += [inline(relation(reading))] if relation else []
        row += ["" if private else inline(" · ".join(part for part in (reading.context, reading.note) if part))]
        rows.append(row)
    return table(header, rows)


def markdown_section(case: Case, *, private: bool, say: Say) -> list[str]:
    if not case.readings:
        return []
    from saved.reports.network import actor_label

    def relation(reading: Reading) -> str:
        if reading.actor_id == CITIZEN_RELATION:
            return say("gauge.actor_citizen")
        actor = case.actor(reading.actor_id) if reading.actor_id else None
        return actor_label(case, actor, private=private, say=say) if actor else say("gauge.actor_none")

    own = filter_readings(case.readings, whose="self")
    point = switch_point(own, threshold=THRESHOLD, min_readings=NEEDED)
    values = {"intensity": point.intensity, "threshold": THRESHOLD, "count": point.readings_used, "needed": NEEDED, "lowest": point.lowest, "highest": point.highest}
    latest = sorted(case.readings, key=lambda reading: reading.taken, reverse=True)[:LATEST]
    pooled = pooling(own)
    pools = {name: counted(say, f'gauge.summary.{name}', getattr(pooled, name)) for name in ('readings', 'relationships', 'days')}
    lines = [
        "",
        f"## {say('gauge.title')}",
        "",
        f"- {counted(say, 'gauge.count', len(case.readings), shown=len(latest))}",
        f"- {say('gauge.switch.title').format(whose=say('gauge.whose.self'))}: {say(f'gauge.switch.{point.reason}').format(**values)}",
        f"- {say('gauge.report.pooled').format(**pools)}",
    ]
    if own:
        # Charts: text here, the same as SVG in the HTML report (html_figures). Only one's own state.
        lines += ["", f"### {say('gauge.report.history_heading')}", "", "```chart:gauge-history", say("gauge.report.history_legend_text"), *history_text(own[-60:]), "```"]
        lines += ["", f"### {say('gauge.report.switch_title')}", "", "```chart:gauge-switch", *scatter_text(own, point), "```"]
    if own:
        lines += _per_relationship(own, relation_of=lambda key: relation_name(case, key, private, say), say=say)
        lines += _weeks(own, relation_of=lambda key: relation_name(case, key, private, say), say=say)
    return [*lines, "", f"### {say('gauge.report.latest_title')}", "", *readings_table(latest, private=private, say=say, relation=relation)]


def relation_name(case: Case, key: str, private: bool, say: Say) -> str:
    """A relationship key (actor id, "citizen" or NO_ACTOR) in words, private-aware, inline-safe."""
    from saved.reports.network import actor_label

    if key == NO_ACTOR:
        return say("gauge.actor_none")
    if key == CITIZEN_RELATION:
        return say("gauge.actor_citizen")
    actor = case.actor(key)
    return inline(actor_label(case, actor, private=private, say=say)) if actor else "?"


def _per_relationship(own: Sequence[Reading], *, relation_of: Callable[[str], str], say: Say) -> list[str]:
    """One's own readings per relationship: count, medians, the zone most often, own switch point."""
    keys = ("gauge.summary.per_relationship", "gauge.summary.col.count", "gauge.column.intensity", "gauge.column.capacity", "gauge.summary.col.zone", "gauge.summary.col.switch")
    header = [say(key) for key in keys]
    comma = say("gauge.summary.decimal") == ","

    def number(value: float) -> str:
        return f"{value:g}".replace(".", ",") if comma else f"{value:g}"

    rows = []
    for group in by_relationship(own, THRESHOLD):
        zone = ZONES[group.common_zone]
        point = group.switch
        switch = str(point.intensity) if point.enough else say(f"gauge.summary.short.{point.reason}")
        rows.append([relation_of(group.key), str(group.count), number(group.median_intensity), number(group.median_capacity), f"{zone.symbol} {say(zone.label_key)}", switch])
    return ["", f"### {say('gauge.report.per_relationship_title')}", "", *table(header, rows)]


def _weeks(own: Sequence[Reading], *, relation_of: Callable[[str], str], say: Say) -> list[str]:
    """The latest weeks of one's own readings, for supervision."""
    lines = ["", f"### {say('gauge.report.weeks_title')}", ""]
    for week in weeks(own)[:WEEKS]:
        zones = " ".join(f"{ZONES[key].symbol}{count}" for key, count in week.zones)
        feelings = ", ".join(f"{say(f'gauge.feeling.{name}')} {count}" for name, count in week.feelings[:3]) or "–"
        hardest = ", ".join(f"{relation_of(key)} {count}" for key, count in week.hardest[:3])
        number = week.monday.isocalendar()[1]
        count = counted(say, "gauge.summary.readings", week.readings)
        head = say("gauge.summary.week").format(number=number, monday=week.monday.isoformat(), readings=count, zones=zones, peak=week.peak_intensity)
        detail = say("gauge.summary.week_detail").format(named=NAMED_FEELING, feelings=feelings, zone=ZONES[week.hardest_zone].symbol, hardest=hardest)
        lines.append(f"- {head}. {detail}")
    return lines


def html_figures(case: Case, *, private: bool, say: Say) -> dict[str, str]:
    """The SVG charts that stand in for the text charts in the HTML report."""
    own = filter_readings(case.readings, whose="self")
    if not own:
        return {}
    point = switch_point(own, threshold=THRESHOLD, min_readings=NEEDED)
    return {
        "gauge-history": history_svg(own, say, say("gauge.report.history_title")),
        "gauge-switch": scatter_svg(own, point, say, say("gauge.report.switch_title")),
    }
