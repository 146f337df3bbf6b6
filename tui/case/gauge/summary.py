"""The gauge's summary view, as text: per whose-state, the headline switch point (what it pools,
its range, whether the relationships disagree), then a row per relationship and per situation.

Pure: `summary_text` takes the readings, the words and a function that names a relationship, so
the view and its tests draw the same thing. Every user text passes through `user_cell`'s rule
(the caller's `relation_name` returns display-safe text).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.text import Text

from models.gauge import SWITCH_MIN_READINGS, WHOSE, ZONES, Reading
from models.gauge_stats import NAMED_FEELING, GroupSummary, Headline, by_relationship, by_situation, headlines, weeks
from models.text import safe_text
from tui.i18n import t

NAME_WIDTH = 22


def _number(value: float) -> str:
    return f"{value:g}".replace(".", ",") if t("gauge.summary.decimal") == "," else f"{value:g}"


def switch_words(headline: Headline, threshold: int) -> str:
    point = headline.point
    values = {
        "intensity": point.intensity,
        "threshold": threshold,
        "count": point.readings_used,
        "needed": SWITCH_MIN_READINGS,
        "lowest": point.lowest,
        "highest": point.highest,
    }
    return t(f"gauge.switch.{point.reason}", **values)


def counted(name: str, count: int) -> str:
    """"1 måling", "2 målinger": a counted text of the catalog (its .one and .other)."""
    return t(f"gauge.summary.{name}", count=count)


def pooled_words(headline: Headline) -> str:
    pooled = headline.pooled
    return t("gauge.summary.pooled", readings=counted("readings", pooled.readings), relationships=counted("relationships", pooled.relationships), days=counted("days", pooled.days))


def interval_words(headline: Headline) -> str:
    interval = headline.interval
    if interval is None:
        return t("gauge.summary.no_interval") if headline.point.enough else ""
    if interval.low == interval.high:
        return t("gauge.summary.interval_one", value=interval.low, rounds=interval.rounds)
    return t("gauge.summary.interval", low=interval.low, high=interval.high, rounds=interval.rounds)


def disagree_words(headline: Headline, relation_name: Callable[[str], str]) -> str:
    if not headline.disagree:
        return ""
    points = ", ".join(f"{relation_name(key)} {value}" for key, value in headline.own_points)
    return t("gauge.summary.disagree", points=points)


def _short_switch(group: GroupSummary) -> str:
    point = group.switch
    if point.reason == "too_few":
        return t("gauge.summary.too_few", count=group.count, needed=SWITCH_MIN_READINGS)
    if point.intensity is not None:
        return str(point.intensity) + ("" if point.enough else " ?")
    return t(f"gauge.summary.short.{point.reason}")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def group_rows(title: str, groups: Sequence[GroupSummary], name: Callable[[str], str]) -> list[Text]:
    numbers = f"{t('gauge.summary.col.count'):>5} {t('gauge.column.intensity'):>5} {t('gauge.column.capacity'):>5}"
    header = f"{_cut(title, NAME_WIDTH):<{NAME_WIDTH}} {numbers}  {t('gauge.summary.col.zone'):<16} {t('gauge.summary.col.switch')}"
    lines = [Text(header, style="bold underline")]
    for group in groups:
        zone = ZONES[group.common_zone]
        zone_text = _cut(f"{zone.symbol} {t(zone.label_key)}", 16)
        lines.append(
            Text(
                f"{_cut(name(group.key), NAME_WIDTH):<{NAME_WIDTH}} {group.count:>5} {_number(group.median_intensity):>5} {_number(group.median_capacity):>5}  {zone_text:<16} {_short_switch(group)}"
            )
        )
    return lines


def summary_text(
    readings: Sequence[Reading],
    *,
    filter_words: str,
    relation_name: Callable[[str], str],
    situation_name: Callable[[str], str],
    threshold: int,
    headline_of: Callable[[str], Headline] | None = None,
) -> Text:
    """The whole summary; `filter_words` names the active filter (or says there is none).
    `headline_of(whose)` may give a cached headline (the bootstrap is the costly part)."""
    out = Text()
    out.append(t("gauge.summary.title") + "\n", style="bold")
    out.append(filter_words + "\n", style="dim")
    if not readings:
        return out
    present = {reading.whose for reading in readings}
    heads = [headline_of(whose) for whose in WHOSE if whose in present] if headline_of else headlines(readings, threshold)
    for head in heads:
        mine = [reading for reading in readings if reading.whose == head.whose]
        whose = t(f"gauge.whose.{head.whose}")
        out.append("\n")
        out.append(t("gauge.switch.title", whose=whose) + "\n", style="bold reverse")
        out.append(switch_words(head, threshold) + "\n", style="bold" if head.point.enough else "")
        out.append(pooled_words(head) + "\n")
        for extra in (interval_words(head), disagree_words(head, relation_name)):
            if extra:
                out.append(extra + "\n")
        out.append("\n")
        for line in group_rows(t("gauge.summary.per_relationship"), by_relationship(mine, threshold), relation_name):
            out.append_text(line)
            out.append("\n")
        out.append("\n")
        for line in group_rows(t("gauge.summary.per_situation"), by_situation(mine, threshold), situation_name):
            out.append_text(line)
            out.append("\n")
        out.append("\n")
        for week_line in week_lines(mine, relation_name):
            out.append(week_line + "\n")
    return out


#: How many of the latest weeks the summary shows.
WEEKS_SHOWN = 4


def week_lines(readings: Sequence[Reading], relation_name: Callable[[str], str]) -> list[str]:
    """The latest weeks for supervision: readings, zone counts, the peak, the feelings named
    (rated 5 or more) and the relationships behind the hardest moments."""
    lines = [t("gauge.summary.weeks")]
    for week in weeks(readings)[:WEEKS_SHOWN]:
        zones = " ".join(f"{ZONES[key].symbol}{count}" for key, count in week.zones)
        feelings = ", ".join(f"{t(f'gauge.feeling.{name}')} {count}" for name, count in week.feelings[:3]) or "–"
        hardest = ", ".join(f"{relation_name(key)} {count}" for key, count in week.hardest[:3])
        number = week.monday.isocalendar()[1]
        lines.append(t("gauge.summary.week", number=number, monday=week.monday.isoformat(), readings=counted("readings", week.readings), zones=zones, peak=week.peak_intensity))
        lines.append("   " + t("gauge.summary.week_detail", named=NAMED_FEELING, feelings=feelings, zone=f"{ZONES[week.hardest_zone].symbol}", hardest=hardest))
    return lines


def safe_name(text: str) -> str:
    """A user-typed name for a summary row: one line, control characters made visible."""
    return safe_text(text, single_line=True)
