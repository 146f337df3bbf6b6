"""An exnovation board's HTML report and its one-page summary for management.

The full report is the Markdown report (exnovation.py) turned into HTML, with each force field
drawn as an SVG of opposing bars: helping forces to the left of a centre line, hindering to the
right, strongest first, each with its strength as a number and its text beside it. It reads in
black and white: helping bars are solid, hindering bars hatched and outlined. No scripts, no
fetches; every text is escaped. The print CSS keeps a heading or a bold label with what follows.

The one-page summary is A4: key figures, the items, what was stopped, the law overrides and the
open follow-ups, each list cut to fit and saying how many more there are.
"""

from __future__ import annotations

import html
import re
import secrets
import textwrap
from datetime import date

from models.exnovation import OPEN_STAGES, Exnovation, Force, Item, is_overdue, overdue, ranked, total, waiting_for_feedback
from models.privacy import shown_text
from models.text import initials, safe_text
from saved.amounts import counted
from saved.reports import markdown
from saved.reports.exnovation import Say, Words, board_section, freed_total_words, stopped_items
from saved.reports.labels import quadrant_label
from saved.reports.markdown_html import CSP, CSS, to_html_body

#: The SVG's geometry in pixels: the centre line, the length of one point, a text line.
WIDTH = 720
CENTRE = WIDTH // 2
POINT = 22
LINE = 14
LABEL_CHARS = 34  # characters per label line at 11px beside a bar of 5 points (a row as high as its longest label)

EXTRA_CSS = """
svg.forces { display: block; width: 100%; max-width: 720px; height: auto; margin: 0.4em 0 0.8em 0; }
.keep { break-inside: avoid; page-break-inside: avoid; }
p:has(+ ul), p:has(+ table), p:has(+ svg), p:has(+ blockquote) { break-after: avoid; page-break-after: avoid; }
@page { size: A4; margin: 15mm 14mm; }
@media print {
  /* A long table breaks between rows (whole, it would leave the first page empty); its header
     row repeats, and a heading stays with the table's first rows. */
  table { break-inside: auto; page-break-inside: auto; }
  thead { display: table-header-group; }
  table { font-size: 9.5pt; }
  tr, li, svg.forces, .keep { break-inside: avoid; page-break-inside: avoid; }
}
""".strip()


def _text(text: str) -> str:
    """User or catalog text for HTML or SVG: control characters made visible, then escaped."""
    return html.escape(safe_text(text, single_line=True), quote=True)


def _force_text(force: Force, words: Words) -> str:
    return safe_text(shown_text(force.text, words.private, words("left_out")), single_line=True)


def _label(force: Force, words: Words) -> list[str]:
    """The force's text, whole, in lines beside its bar (the chart is its one place in the report)."""
    return textwrap.wrap(_force_text(force, words), LABEL_CHARS) or [""]


def _description(left: list[Force], right: list[Force], words: Words) -> str:
    """Every force in full, in the chart's order: what a screen reader says for the chart."""
    sides = ((words("helping"), left), (words("hindering"), right))
    return " ".join(f"{side}: {'; '.join(f'{_force_text(force, words)} ({force.strength})' for force in forces) or '–'}." for side, forces in sides)


def force_svg(item: Item, words: Words, number: int) -> str:
    """The force field of one item as an SVG (see the module's docstring)."""
    left, right = ranked(item.helping), ranked(item.hindering)
    helping, hindering = total(item.helping), total(item.hindering)
    title = words("chart_title", item=safe_text(item.what, single_line=True), helping=helping, hindering=hindering)
    hatch = f"hatch-{number}"
    out = [
        f'<svg class="forces" xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {WIDTH} HEIGHT" aria-label="{_text(title)}">',
        f"<title>{_text(title)}</title>",
        f"<desc>{_text(_description(left, right, words))}</desc>",
        f'<defs><pattern id="{hatch}" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#000" stroke-width="2"/></pattern></defs>',
        '<g font-family="system-ui, sans-serif" font-size="11" fill="#000">',
        f'<text x="{CENTRE - 8}" y="14" text-anchor="end" font-weight="bold" font-size="12">{_text(words("helping"))} ({helping})</text>',
        f'<text x="{CENTRE + 8}" y="14" font-weight="bold" font-size="12">({hindering}) {_text(words("hindering"))}</text>',
    ]
    y = 24
    label_edge = 5 * POINT + 26
    for row in range(max(len(left), len(right))):
        labels = [_label(left[row], words) if row < len(left) else [], _label(right[row], words) if row < len(right) else []]
        height = max(len(labels[0]), len(labels[1]), 1) * LINE + 8
        bar_y = y + (height - LINE) // 2
        if row < len(left):
            strength = left[row].strength
            out.append(f'<rect x="{CENTRE - strength * POINT}" y="{bar_y}" width="{strength * POINT}" height="{LINE}" fill="#333" stroke="#000"/>')
            out.append(f'<text x="{CENTRE - strength * POINT - 4}" y="{bar_y + 11}" text-anchor="end" font-weight="bold">{strength}</text>')
            out += _lines(labels[0], CENTRE - label_edge, y, height, "end")
        if row < len(right):
            strength = right[row].strength
            out.append(f'<rect x="{CENTRE}" y="{bar_y}" width="{strength * POINT}" height="{LINE}" fill="url(#{hatch})" stroke="#000"/>')
            out.append(f'<text x="{CENTRE + strength * POINT + 4}" y="{bar_y + 11}" font-weight="bold">{strength}</text>')
            out += _lines(labels[1], CENTRE + label_edge, y, height, "start")
        y += height
    out.append(f'<text x="{CENTRE - 8}" y="{y + 14}" text-anchor="end" font-weight="bold">{_text(words("total"))} {helping}</text>')
    out.append(f'<text x="{CENTRE + 8}" y="{y + 14}" font-weight="bold">{hindering} {_text(words("total"))}</text>')
    out.append(f'<line x1="{CENTRE}" y1="20" x2="{CENTRE}" y2="{y + 2}" stroke="#000" stroke-width="2"/>')
    out.append("</g></svg>")
    return "\n".join(out).replace("HEIGHT", str(y + 22), 1)


def _lines(lines: list[str], x: int, top: int, height: int, anchor: str) -> list[str]:
    first = top + (height - len(lines) * LINE) // 2 + 11
    return [f'<text x="{x}" y="{first + index * LINE}" text-anchor="{anchor}">{html.escape(line, quote=True)}</text>' for index, line in enumerate(lines)]


_LABELLED_BLOCK = re.compile(r"(<p><strong>[^<]*</strong></p>)\n(<(ul|table)>.*?</\3>)", re.DOTALL)


def standalone(board: Exnovation, *, private: bool, say: Say, lang: str = "da", today: date | None = None) -> str:
    """The full report as one HTML file, force fields as SVG."""
    token = secrets.token_hex(8)  # a placeholder no user text can guess
    charts: dict[str, str] = {}

    def forces(item: Item, words: Words) -> list[str]:
        key = f"{token}{len(charts)}"
        charts[key] = force_svg(item, words, len(charts))
        return [key]

    def section(document: Exnovation, *, private: bool, say: Say) -> list[str]:
        return board_section(document, today, private=private, say=say, forces=forces)

    body = to_html_body(markdown(board, private=private, say=say, section=section))
    body = re.sub(f"<p>({token}\\d+)</p>", lambda m: charts[m.group(1)], body)
    # A bold label and its list or table stay on one page ("Phase-out steps:" alone at a page end).
    body = _LABELLED_BLOCK.sub(lambda m: f'<div class="keep">{m.group(1)}\n{m.group(2)}</div>', body)
    return _document(board.title, lang, CSS + "\n" + EXTRA_CSS, body)


def _document(title: str, lang: str, css: str, body: str) -> str:
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_text(title)}</title>\n<style>\n{css}\n</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------------------------------
# One page

ONE_PAGE_CSS = """
@page { size: A4; margin: 12mm 14mm; }
body { font-family: system-ui, sans-serif; font-size: 9pt; line-height: 1.25; color: #000; background: #fff; margin: 0 auto; max-width: 182mm; }
h1 { font-size: 15pt; margin: 0 0 1mm 0; border-bottom: 1.5pt solid #000; }
h2 { font-size: 10.5pt; margin: 3mm 0 1mm 0; border-bottom: 0.5pt solid #555; break-after: avoid; page-break-after: avoid; }
p.meta { margin: 0 0 2mm 0; }
.figures { display: grid; grid-template-columns: repeat(3, 1fr); gap: 1mm 4mm; margin: 1mm 0 2mm 0; }
.figures div { border: 0.5pt solid #555; padding: 1mm 2mm; }
.figures b { display: block; font-size: 11pt; }
table { border-collapse: collapse; width: 100%; table-layout: fixed; font-size: 8pt; }
th, td { border: 0.5pt solid #777; padding: 0.3mm 1mm; text-align: left; vertical-align: top; overflow-wrap: anywhere; }
col.what { width: 29%; } col.quadrant { width: 12%; } col.rule { width: 9%; } col.decision { width: 11%; }
col.owner { width: 13%; } col.deadline { width: 12%; } col.stage { width: 14%; }
th { background: #eee; }
tr { break-inside: avoid; page-break-inside: avoid; }
ul { margin: 0; padding-left: 5mm; }
.more { font-style: italic; }
.columns { display: grid; grid-template-columns: 1fr 1fr; gap: 4mm; }
@media print { th { background: none; font-weight: bold; } }
""".strip()

#: How much of each list fits on one A4 page next to the others.
MAX_ROWS = 18
MAX_LIST = 4
CELL_CHARS = 64
NOTE_CHARS = 140


def _cut(text: str, limit: int) -> str:
    text = safe_text(text, single_line=True)
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def one_page(board: Exnovation, *, private: bool, say: Say, lang: str = "da", today: date | None = None) -> str:
    """The board on one A4 page for management."""
    words = Words(board, today or date.today(), private, say)

    def esc(text: str, limit: int = CELL_CHARS) -> str:
        return html.escape(_cut(text, limit), quote=True)

    def name(text: str) -> str:
        return esc(initials(text) if private else text, 30) if text else "–"

    def short_deadline(item: Item) -> str:
        """'! 2026-11-10' when it has passed: the mark says it without the word."""
        if item.deadline is None:
            return "–"
        return ("! " if is_overdue(item, words.today) else "") + item.deadline.isoformat()

    def more(count: int) -> str:
        return f'<p class="more">{esc(counted(words.say, "exnovation.report.more_items", count), 200)}</p>' if count > 0 else ""

    estimated, measured = freed_total_words(board, words, short=True)
    stopped = stopped_items(board.items)
    figures = [
        (words("count"), str(len(board.items))),
        (words("stopped_count"), str(len(stopped))),
        (words("overdue_count"), str(len(overdue(board.items, words.today)))),
        (words("freed_estimated"), estimated),
        (words("freed_measured"), measured),
        (words("waiting_count"), str(len(waiting_for_feedback(board.items)))),
    ]
    parts = [f"<h1>{esc(board.title, 120)}</h1>"]
    meta = [words("one_page"), words("generated", date=words.today.isoformat())]
    if board.team:
        meta.insert(0, board.team)
    parts.append(f'<p class="meta">{" · ".join(esc(part, 120) for part in meta)}</p>')
    parts.append('<div class="figures">' + "".join(f"<div>{esc(label, 60)}<b>{esc(value, 60)}</b></div>" for label, value in figures) + "</div>")

    header = ["col.item", "col.quadrant", "col.rule", "col.decision", "col.owner", "col.deadline", "col.stage"]
    rows = [
        [esc(item.what), esc(quadrant_label(board, item.quadrant, say), 24), esc(words(f"rule_short.{item.source}"), 20), esc(words.decision(item), 20)]
        + [name(item.owner), esc(short_deadline(item), 20), esc(words.stage(item.stage), 20)]
        for item in board.items[:MAX_ROWS]
    ]
    parts.append(f"<h2>{esc(words('overview'))}</h2>")
    parts.append(_table([esc(words(key)) for key in header], rows, [key.removeprefix("col.").replace("item", "what") for key in header]))
    parts.append(more(len(board.items) - MAX_ROWS))

    left = [f"<h2>{esc(words('stopped'))}</h2>"]
    ordered = sorted(stopped, key=lambda one: (one.stopped_on or date.max, one.what))
    left.append(_list([f"{esc(item.what, 80)} · {item.stopped_on.isoformat() if item.stopped_on else esc(words('not_recorded'))}" for item in ordered[:MAX_LIST]], words))
    left.append(more(len(ordered) - MAX_LIST))
    left.append(f"<h2>{esc(words('overrides'))}</h2>")
    required = [item for item in board.items if item.required]
    notes = []
    for item in required[:MAX_LIST]:
        note = shown_text(item.override_note, private, words("left_out")) if item.override_note else words("no_override")
        notes.append(f"<b>{esc(item.what, 80)}</b>: {esc(note, NOTE_CHARS)}")
    left.append(_list(notes, words) + more(len(required) - MAX_LIST))

    right = [f"<h2>{esc(words('follow_up'))}</h2>"]
    open_items = sorted((item for item in board.items if item.stage in OPEN_STAGES), key=lambda one: (one.deadline or date.max, one.what))
    follow = [[esc(item.what, 80)] + ([name(item.owner)] if item.owner else []) + ([esc(short_deadline(item), 20)] if item.deadline else []) for item in open_items]
    right.append(_list([" · ".join(bits) for bits in follow[: MAX_LIST + 3]], words))
    right.append(more(len(open_items) - MAX_LIST - 3))
    parts.append(f'<div class="columns"><div>{"".join(left)}</div><div>{"".join(right)}</div></div>')
    return _document(board.title, lang, ONE_PAGE_CSS, "\n".join(parts))


def _table(header: list[str], rows: list[list[str]], columns: list[str]) -> str:
    cols = "".join(f'<col class="{name}">' for name in columns)
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _list(items: list[str], words: Words) -> str:
    if not items:
        return f"<p>{html.escape(words('none'))}</p>"
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"
