"""Our Markdown subset: written safely by the reports, turned into one standalone HTML file.

The subset: `#`..`####` headings, `- ` list items, `|` tables (a header row, then a `|---|` row),
`> ` quotes, paragraphs, and `**bold**` / `_emphasis_` inside a line. User text goes in through
`inline` (one line) or `quote` (a `> ` block), and both escape it for any CommonMark renderer too:
control characters made visible (`safe_text`), every character that could start markup, raw
HTML, an entity, a link or an image backslash-escaped, and in a quote a line that would start a
list or a heading escaped at its start. So nothing a user types can make a heading, a table, a
tag, a live link or a remote image, here or in a viewer that renders the Markdown.

The HTML has no scripts and no URLs: a Content-Security-Policy forbids every fetch, and the print
CSS keeps tables and quotes whole across pages.
"""

from __future__ import annotations

import html
import re

from models.text import safe_text

_ESCAPABLE = frozenset("\\`*_|[]<>#&!~")
#: What would start a block inside a quote: a list item, a setext underline, an ordered item.
_BLOCK_START = re.compile(r"^(\s*)([-+=]|\d{1,9}(?=[.)]))")
_ORDERED = re.compile(r"^(\d{1,9})\. (.*)$")  # a numbered list item (the analysis' steps)
_MARK = "\ue000"  # a private-use character stands in for an escaped one while formatting


#: What a GFM renderer would turn into a link without any markup: `scheme://`, `www.`, `a@b`.
_AUTOLINK = re.compile(r"(?<=[A-Za-z])(?=://)|(?<=www)(?=\.)|(?=@)", re.IGNORECASE)


def _escape(text: str) -> str:
    marked = "".join(f"\\{ch}" if ch in _ESCAPABLE else ch for ch in text)
    return _AUTOLINK.sub("\\\\", marked)


def inline(text: str) -> str:
    """User text for a heading, a list item or a table cell: one line, markers escaped."""
    return _escape(safe_text(text, single_line=True))


def _quoted_line(line: str) -> str:
    escaped = _escape(line)
    start = _BLOCK_START.match(escaped)
    if start is None:
        return escaped
    marker = start.group(2)
    if marker.isdigit():  # "1." -> "1\.": the dot after the digits is what makes the list
        return escaped[: start.end()] + "\\" + escaped[start.end() :]
    return escaped[: start.start(2)] + "\\" + escaped[start.start(2) :]


def quote(text: str) -> list[str]:
    """User text as a `> ` block, line by line, escaped like `inline` (a renderer parses a
    quote's content as Markdown); our converter shows it as it was typed."""
    return [f"> {_quoted_line(line)}".rstrip() for line in safe_text(text).splitlines()] or [">"]


def unescape(text: str) -> str:
    """The text a backslash-escaped line stands for."""
    return re.sub(r"\\(.)", r"\1", text)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A table; cells must already be `inline` text or our own words."""
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


# --------------------------------------------------------------------------------------------------
# Markdown -> HTML

_HEADING = re.compile(r"^(#{1,4}) (.*)$")
_BOLD = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![\w\\])_(.+?)_(?!\w)")
_CELL_SPLIT = re.compile(r"(?<!\\)\|")
_RULE = re.compile(r"^\|(\s*:?-+:?\s*\|)+$")

CSS = """
body { font-family: system-ui, sans-serif; line-height: 1.4; max-width: 60em; margin: 2em auto; padding: 0 1em; color: #111; background: #fff; }
h1 { font-size: 1.6em; border-bottom: 2px solid #111; }
h2 { font-size: 1.3em; margin-top: 1.6em; border-bottom: 1px solid #777; }
h3 { font-size: 1.1em; margin-top: 1.2em; }
/* A table wider than the window scrolls in its own box, never the page. */
div.table { overflow-x: auto; margin: 0.6em 0; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; }
th, td { border: 1px solid #777; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }
th { background: #eee; }
figure.chart { margin: 0.6em 0; break-inside: avoid; page-break-inside: avoid; }
pre { font-size: 0.85em; }
blockquote { margin: 0.4em 0 0.8em 0; padding: 0.2em 0.8em; border-left: 4px solid #777; white-space: pre-wrap; }
@page { size: A4; margin: 15mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  h1, h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
  /* A long table breaks between rows, its header repeated; a label stays with what it introduces. */
  tr, blockquote, li, figure { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
  p:has(+ ul), p:has(+ ol), p:has(+ table), p:has(+ pre), p:has(+ figure) { break-after: avoid; page-break-after: avoid; }
  th { background: none; }
  div.table { overflow: visible; }
}
""".strip()

CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; form-action 'none'"


def _inline_html(text: str) -> str:
    """Escape, then bold and emphasis; backslash-escaped characters stay literal."""
    protected: list[str] = []

    def keep(match: re.Match[str]) -> str:
        protected.append(match.group(1))
        return f"{_MARK}{len(protected) - 1}{_MARK}"

    text = re.sub(r"\\(.)", keep, text)
    text = html.escape(text, quote=False)
    text = _BOLD.sub(r"<strong>\1</strong>", text)
    text = _EM.sub(r"<em>\1</em>", text)
    return re.sub(f"{_MARK}(\\d+){_MARK}", lambda m: html.escape(protected[int(m.group(1))]), text)


def _cells(line: str) -> list[str]:
    inner = line.strip()
    inner = inner[1:] if inner.startswith("|") else inner
    inner = inner[:-1] if inner.endswith("|") and not inner.endswith("\\|") else inner
    return [cell.strip() for cell in _CELL_SPLIT.split(inner)]


#: A fenced block: our text charts. "```chart:<name>" is replaced in HTML by the figure of that
#: name (an SVG the report made from numbers, never from user text), else shown as <pre>.
_FENCE = "```"


def to_html_body(markdown: str, figures: dict[str, str] | None = None) -> str:
    out: list[str] = []
    lines = markdown.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if line.startswith(_FENCE):
            name = line[len(_FENCE) :].strip().removeprefix("chart:")
            block = []
            i += 1
            while i < len(lines) and not lines[i].startswith(_FENCE):
                block.append(lines[i])
                i += 1
            i += 1
            if figures and name in figures:
                out.append(f'<figure class="chart">{figures[name]}</figure>')
            else:
                out.append("<pre>" + html.escape("\n".join(block), quote=False) + "</pre>")
        elif heading := _HEADING.match(line):
            level = len(heading.group(1))
            out.append(f"<h{level}>{_inline_html(heading.group(2))}</h{level}>")
            i += 1
        elif line.startswith(">"):
            block = []
            while i < len(lines) and lines[i].startswith(">"):
                block.append(lines[i][2:] if lines[i].startswith("> ") else lines[i][1:])
                i += 1
            out.append("<blockquote>" + html.escape(unescape("\n".join(block)), quote=False) + "</blockquote>")
        elif line.startswith("- "):
            items = []
            while i < len(lines) and lines[i].startswith("- "):
                items.append(f"<li>{_inline_html(lines[i][2:])}</li>")
                i += 1
            out.append("<ul>" + "".join(items) + "</ul>")
        elif first := _ORDERED.match(line):
            items = []
            while i < len(lines) and (item := _ORDERED.match(lines[i])):
                items.append(f"<li>{_inline_html(item.group(2))}</li>")
                i += 1
            start = int(first.group(1))
            out.append(("<ol>" if start == 1 else f'<ol start="{start}">') + "".join(items) + "</ol>")
        elif line.startswith("|") and i + 1 < len(lines) and _RULE.match(lines[i + 1].strip()):
            head = "".join(f"<th>{_inline_html(cell)}</th>" for cell in _cells(line))
            i += 2
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append("<tr>" + "".join(f"<td>{_inline_html(cell)}</td>" for cell in _cells(lines[i])) + "</tr>")
                i += 1
            out.append(f'<div class="table"><table><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')
        else:
            paragraph = []
            while i < len(lines) and lines[i].strip() and not _starts_block(lines, i):
                paragraph.append(_inline_html(lines[i]))
                i += 1
            out.append("<p>" + "<br>".join(paragraph) + "</p>")
    return "\n".join(out)


def _starts_block(lines: list[str], i: int) -> bool:
    line = lines[i]
    if _HEADING.match(line) or _ORDERED.match(line) or line.startswith((">", "- ", _FENCE)):
        return True
    return line.startswith("|") and i + 1 < len(lines) and bool(_RULE.match(lines[i + 1].strip()))


def standalone(markdown: str, title: str, lang: str = "da", figures: dict[str, str] | None = None) -> str:
    """One HTML file: no scripts, no external URLs, prints well."""
    return (
        "<!doctype html>\n"
        f'<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(safe_text(title, single_line=True))}</title>\n"
        f"<style>\n{CSS}\n</style>\n</head>\n<body>\n{to_html_body(markdown, figures)}\n</body>\n</html>\n"
    )
