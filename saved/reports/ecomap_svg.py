"""The network as a printable ecomap, drawn by samspil as SVG (no Graphviz on a locked-down PC).

The citizen in the centre, closeness as rings, sectors as wedges (models.ecomap: the same picture
as the map on screen), each actor a dot with its number and short name; ties styled by quality and
readable in black and white: a weak tie dashed, a conflict marked with × on the tie, the
coordinator's ties thick; unrated ties thin and grey. A legend and the list of actors (number and
name) below. Sized to print on one A4 page (180 x 257 mm, inside the printer's margins).

Every text from the document passes `safe_text` (no control characters, one line) and XML
escaping; nothing else from the document reaches the file. With `private`, actors are named as on
the privacy screen (role and number) and there are no notes anyway.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from xml.sax.saxutils import escape, quoteattr

from models.documents import Case
from models.ecomap import RING_EDGE, abbreviations, places, wedges
from models.network import CITIZEN, RINGS, actor_number
from models.privacy import case_actor_label
from models.text import safe_text

Say = Callable[[str], str]

#: The drawing's size in user units (1 unit = 0.25 mm): 180 x 257 mm, one A4 page with margins.
WIDTH, HEIGHT = 720, 1028
CX, CY, RADIUS = 360, 400, 300
LABEL_WIDTH = 12
#: The actors' list under the legend: two columns, this many characters of a name.
NAME_ROOM = 44


def _text(value: str) -> str:
    return escape(safe_text(value, single_line=True))


def _attr(value: str) -> str:
    return quoteattr(safe_text(value, single_line=True))


def ecomap_svg(case: Case, *, private: bool = False, say: Say) -> str:
    """The whole SVG document (with its XML declaration)."""
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ecomap_figure(case, private=private, say=say, standalone=True) + "\n"


def ecomap_figure(case: Case, *, private: bool = False, say: Say, standalone: bool = False) -> str:
    """The <svg> element, for a file of its own or inline in the HTML report."""
    names = {actor.id: case_actor_label(case, actor, private, say(f"network.sector.{actor.sector}")) for actor in case.actors}
    numbers = {actor.id: actor_number(actor, index) for index, actor in enumerate(case.actors)}
    short = dict(zip(names, abbreviations(list(names.values()), LABEL_WIDTH, list(numbers.values()))))
    spots = {CITIZEN: (0.0, 0.0), **places(case.actors)}

    def at(end: str) -> tuple[float, float]:
        x, y = spots[end]
        return CX + RADIUS * x, CY + RADIUS * y

    size = 'width="180mm" height="257mm" ' if standalone else 'width="100%" style="max-height:250mm" '
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" {size}viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label={_attr(say("network.svg.title"))} font-family="sans-serif" class="ecomap">',
        "<style>"
        + ("@page{size:A4;margin:15mm}" if standalone else "")
        + ".ring{fill:none;stroke:#999;stroke-width:1}.wedge{stroke:#bbb;stroke-width:1}"
        ".tie{stroke:#333;stroke-width:1.6;fill:none}.weak{stroke-dasharray:7 5}.unrated{stroke:#aaa;stroke-width:1;stroke-dasharray:2 3}"
        ".coord{stroke-width:3.6}.conflict{stroke:#b00}.mark{font-size:15px;font-weight:bold;fill:#b00;text-anchor:middle;dominant-baseline:central}"
        ".dot{fill:#fff;stroke:#111;stroke-width:1.5}.noconsent{stroke-dasharray:3 2}.coorddot{fill:#111}"
        ".label{font-size:10px;fill:#111}.sector{font-size:13px;font-weight:bold;fill:#444;text-anchor:middle}"
        ".small{font-size:10px;fill:#222}.title{font-size:17px;font-weight:bold}"
        "</style>",
        f'<title>{_text(say("network.svg.title"))}</title>',
        f'<text class="title" x="20" y="30">{_text(say("network.svg.title"))}: {_text(case.title)}</text>',
    ]
    # Rings and wedges.
    for ring in RINGS:
        out.append(f'<circle class="ring" cx="{CX}" cy="{CY}" r="{RADIUS * RING_EDGE[ring]:.1f}"/>')
        out.append(f'<text class="small" x="{CX + 4}" y="{CY - RADIUS * RING_EDGE[ring] + 12:.1f}">{_text(say("network.col.ring"))} {ring}</text>')
    for sector, (start, span) in wedges(case.actors).items():
        angle = math.radians(start)
        x0, y0 = CX + RADIUS * 0.16 * math.cos(angle), CY + RADIUS * 0.16 * math.sin(angle)
        x1, y1 = CX + RADIUS * math.cos(angle), CY + RADIUS * math.sin(angle)
        out.append(f'<line class="wedge" x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}"/>')
        middle = math.radians(start + span / 2)
        lx, ly = CX + RADIUS * 1.1 * math.cos(middle), CY + RADIUS * 1.1 * math.sin(middle) + 4
        out.append(f'<text class="sector" x="{lx:.1f}" y="{ly:.1f}">{_text(say(f"network.sector.{sector}"))}</text>')

    # Ties, under the actors; the coordinator's ties thick.
    coordinators = {actor.id for actor in case.actors if actor.coordinator}
    marks = []
    for tie in case.ties:
        if tie.a not in spots or tie.b not in spots:
            continue
        (x0, y0), (x1, y1) = at(tie.a), at(tie.b)
        classes = ["tie"]
        if tie.mean is None:
            classes.append("unrated")
        elif tie.weak:
            classes.append("weak")
        if tie.conflicts:
            classes.append("conflict")
        if coordinators & {tie.a, tie.b}:
            classes.append("coord")
        out.append(f'<line class="{" ".join(classes)}" x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}"/>')
        if tie.conflicts:
            # The × sits on its own tie, a little off the middle so two crossing ties' marks part.
            mx, my = x0 + (x1 - x0) * 0.45, y0 + (y1 - y0) * 0.45
            marks.append(f'<circle cx="{mx:.1f}" cy="{my:.1f}" r="7" fill="#fff"/><text class="mark" x="{mx:.1f}" y="{my:.1f}">×</text>')
    out += marks

    # The citizen and the actors.
    out.append(f'<circle cx="{CX}" cy="{CY}" r="16" fill="#111"/>')
    out.append(f'<text x="{CX}" y="{CY + 30}" class="sector">{_text(say("network.citizen"))}</text>')
    for actor in case.actors:
        x, y = at(actor.id)
        dot = "dot" + (" noconsent" if actor.consent == "none" else "") + (" coorddot" if actor.coordinator else "")
        out.append(f'<circle class="{dot}" cx="{x:.1f}" cy="{y:.1f}" r="{7 if actor.coordinator else 5}"/>')
        anchor = "start" if x >= CX else "end"
        dx = 8 if x >= CX else -8
        label = f"{numbers[actor.id]} {short[actor.id]}" + (" ★" if actor.coordinator else "")
        out.append(f'<text class="label" x="{x + dx:.1f}" y="{y + 3.5:.1f}" text-anchor="{anchor}">{_text(label)}</text>')

    out += _legend(say)
    out += _actor_list(case, names, numbers, say)
    out.append("</svg>")
    return "\n".join(out)


def _legend(say: Say) -> list[str]:
    y = 760
    out = [f'<text class="small" x="20" y="{y}" font-weight="bold">{_text(say("network.svg.legend"))}</text>']
    samples = [
        ("tie", "network.svg.tie"),
        ("tie weak", "network.svg.weak"),
        ("tie conflict", "network.svg.conflict"),
        ("tie coord", "network.svg.coordinator_tie"),
        ("tie unrated", "network.svg.unrated"),
    ]
    for i, (classes, key) in enumerate(samples):
        x = 20 + (i % 3) * 230
        row = y + 18 + (i // 3) * 18
        out.append(f'<line class="{classes}" x1="{x}" y1="{row - 4}" x2="{x + 40}" y2="{row - 4}"/>')
        if "conflict" in classes:
            out.append(f'<text class="mark" x="{x + 20}" y="{row - 4}">×</text>')
        out.append(f'<text class="small" x="{x + 48}" y="{row}">{_text(say(key))}</text>')
    row = y + 18 + 2 * 18
    out.append(f'<circle class="dot coorddot" cx="{27}" cy="{row - 4}" r="7"/><text class="small" x="40" y="{row}">{_text(say("network.svg.coordinator"))}</text>')
    out.append(f'<circle class="dot noconsent" cx="{257}" cy="{row - 4}" r="5"/><text class="small" x="270" y="{row}">{_text(say("network.svg.no_consent"))}</text>')
    out.append(f'<text class="small" x="480" y="{row}">{_text(say("network.svg.rings"))}</text>')
    return out


def _actor_list(case: Case, names: dict[str, str], numbers: dict[str, int], say: Say) -> list[str]:
    """Every actor by number and (shown) name, in two columns; small type for a big network."""
    count = len(case.actors)
    rows = max(1, (count + 1) // 2)
    top, bottom = 840, HEIGHT - 10
    step = min(13.0, (bottom - top) / rows)
    font = max(4.0, min(10.0, step - 2))
    out = []
    for index, actor in enumerate(case.actors):
        column, row = divmod(index, rows)
        name = names[actor.id]
        name = name if len(name) <= NAME_ROOM else name[: NAME_ROOM - 1] + "…"
        x, y = 20 + column * 350, top + row * step
        out.append(f'<text x="{x}" y="{y:.1f}" font-size="{font:.1f}">{numbers[actor.id]}  {_text(name)}</text>')
    return out
