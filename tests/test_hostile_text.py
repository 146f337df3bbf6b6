"""One boundary for untrusted text in every export (issue 13): hostile strings in every text field
of every document kind, rendered in every format, with and without the privacy screen.

Nothing a terminal acts on (ESC, C0 but newline and tab, DEL, C1, bidi controls) may leave in
any format; Markdown has every markup character from user text escaped (no tag, link, image or
autolink), HTML has only the converter's own tags and the CSP, DOT has user text only inside
quoted strings, and JSON keeps the data exact with the controls escaped.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from models.documents import DOCUMENT_KINDS, DocumentBase
from saved.examples import HERE
from saved.reports import render
from saved.reports.markdown_html import CSP
from saved.store import load

#: Sequences that did reach terminals and renderers from report text (issue 13).
FRAGMENTS = [
    "\x1b]52;c;SGVsbG8=\x07",  # OSC 52: write the clipboard
    "\x1b]0;pwned\x1b\\",  # OSC 0: the window title
    "\x1b[2J\x1b[31m",  # CSI
    "\x9b31m",  # C1 CSI
    "\x9d0;x\x9c",  # C1 OSC ... ST
    "\x90qpayload\x1b\\",  # DCS
    "\x1bP1;2|x\x1b\\",
    "\u202eevil\u202c",  # bidi override
    "\u2066iso\u2069\u200f\u061c",
    "\x00\x07\x08\x7f\x85\r",
    "[b]bold[/b]",
    "[@click=app.quit]",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[x](javascript:alert(1))",
    "![i](https://evil.example/p.png)",
    "<https://evil.example>",
    "https://evil.example/a",
    "www.evil.dk",
    "a@evil.dk",
    "&lt;b&gt;&#60;",
    "**b** _e_ `c` ~~s~~",
    "# h\n- li\n1. one\n> q\n| t |\n---\n===",
    '"quote" \\ back\\',
    "æøå ÆØÅ",
]
hostile = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(alphabet=st.characters(max_codepoint=0x2070), max_size=6)), min_size=1, max_size=4
).map("".join).filter(lambda text: text.strip() != "")

#: Fields that hold no free text: ids, references, choices from a list, dates.
NOT_TEXT = {
    "id", "a", "b", "actor_id", "case_id", "sector", "consent", "frequency", "whose", "situation", "source",
    "change", "stage", "checked", "conflicts", "taken", "created", "changed", "nominated_on", "deadline", "due",
    "held_on", "next_session", "review_date", "consent_date", "storm_version", "considered", "carried_from", "unit", "stopped_on",
    "rated_on", "rated_by", "participants", "actor_ids", "tie_ids", "sectors", "dimension",
}  # fmt: skip
#: Room in the shortest fields (quadrant labels: 24 characters).
LIMITS = {"quadrant_labels": 24}


def fill(data: Any, text: str, key: str = "") -> Any:
    """Every free-text string in the dumped document replaced by `text` (cut to the field's room)."""
    if isinstance(data, dict):
        return {k: fill(v, text, k if key not in ("storm", "quadrant_labels") else key) for k, v in data.items()}
    if isinstance(data, list):
        return [fill(v, text, key) for v in data]
    if isinstance(data, str) and key not in NOT_TEXT:
        return text[: LIMITS.get(key, 80)]
    return data


def demo_meeting(case):
    """A network meeting with every text it can hold (models/meeting.py)."""
    from datetime import date

    from models.meeting import AgendaItem, Meeting, MeetingAction, Task, agenda_from, snapshot
    from models.network_findings import findings

    bro = next(actor.id for actor in case.actors if actor.coordinator)
    return Meeting(
        held_on=date(2026, 12, 3),
        participants=["citizen", bro],
        agenda=[*agenda_from(findings(case.actors, case.ties).steps, 3), AgendaItem(text="eget punkt")],
        tasks=[Task(what="opgave", owners=[bro])],
        actions=[MeetingAction(what="handling", owner=bro, due=date(2026, 12, 10))],
        minutes="referat",
        snapshot=snapshot(case.actors, case.ties, date(2026, 12, 3)),
    )


def base_documents() -> list[DocumentBase]:
    """The demo documents, with every list that can hold text non-empty."""
    case = load(HERE / "case-demcasea.toml").document
    board = load(HERE / "exnovation-dembrd2a.toml").document
    board = board.model_copy(update={"quadrant_labels": {q: q.upper() for q in ("do", "schedule", "delegate", "delete")}})
    session = load(HERE / "supervision-demsupv2.toml").document
    reading = case.readings[0].model_copy(update={"actor_id": None})
    case = case.model_copy(update={"meetings": [demo_meeting(case)]})
    session = session.model_copy(update={"readings": [reading]})
    return [case, board, session]


BASES = base_documents()


def hostile_copy(document: DocumentBase, text: str) -> DocumentBase:
    data = fill(document.model_dump(), text)
    data["kind"] = document.kind  # the document's kind (an actor's kind is free text)
    for meeting, original in zip(data.get("meetings", []), getattr(document, "meetings", [])):
        meeting["kind"] = original.kind  # a meeting's kind is a choice from a list, not text
        for item, kept in zip(meeting["agenda"], original.agenda):
            item["key"] = kept.key  # which finding an agenda point is: a key, not text
        # Owners are actors (ids) here; elsewhere an owner is initials, which are text.
        for task, kept_task in zip(meeting["tasks"], original.tasks):
            task["owners"] = list(kept_task.owners)
        for action, kept_action in zip(meeting["actions"], original.actions):
            action["owner"] = kept_action.owner
    return DOCUMENT_KINDS[document.kind].model_validate(data)


TERMINAL_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def markdown_markup(md: str) -> list[str]:
    """What in `md` is markup from outside our own: with escaped characters and our own task
    boxes taken out, no character that starts a tag, an entity, a link, an image or code, and
    nothing a GFM renderer would autolink."""
    plain = re.sub(r"^- \[[ x]\] ", "- ", md, flags=re.MULTILINE)
    plain = re.sub(r"^```(chart:[a-z-]+)?$", "", plain, flags=re.MULTILINE)  # our own chart blocks
    plain = re.sub(r"\\.", "", plain)
    return re.findall(r"[<\[\]&`]|://|www\.|@", plain)


#: Drawn by samspil (the gauge's charts, saved/reports/gauge_charts.py; the exnovation report's
#: force fields and layout; the ecomap, saved/reports/ecomap_svg.py, with its fixed <style>): these
#: tags with these attributes only; no href, no event handler, no user text in an attribute.
SVG_TAGS = {"figure", "svg", "style", "title", "desc", "defs", "pattern", "rect", "line", "polyline", "circle", "g", "text", "div", "colgroup", "col", "b"}
SVG_ATTRIBUTES = {
    "class", "xmlns", "viewbox", "width", "height", "role", "aria-label", "id", "font-family", "font-size", "font-weight", "style", "x", "y", "x1", "y1", "x2", "y2",
    "cx", "cy", "r", "points", "fill", "stroke", "stroke-width", "stroke-dasharray", "text-anchor", "patternunits", "patterntransform",
}  # fmt: skip


class Tags(HTMLParser):
    ALLOWED = {"html", "head", "meta", "title", "style", "body", "h1", "h2", "h3", "h4", "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "blockquote", "p", "br", "strong", "em", "pre"}

    def __init__(self) -> None:
        super().__init__()
        self.bad: list[str] = []
        self.csp = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.ALLOWED | SVG_TAGS:
            self.bad.append(tag)
        names = {name for name, _ in attrs}
        if tag in SVG_TAGS:
            names -= SVG_ATTRIBUTES
        if tag == "p":
            names -= {"class"}  # the one-page summary's "meta" and "more" lines
        fills = [value for name, value in attrs if name == "fill" and value and value.startswith("url(")]
        self.bad += [f"{tag} fill {value}" for value in fills if not re.fullmatch(r"url\(#hatch-\d+\)", value)]  # only our own patterns
        if tag == "meta":
            if dict(attrs).get("http-equiv") == "Content-Security-Policy" and dict(attrs).get("content") == CSP:
                self.csp = True
            names -= {"charset", "http-equiv", "content", "name"}
        elif tag == "html":
            names -= {"lang"}
        elif tag == "ol":
            names -= {"start"}
        self.bad += [f"{tag} {name}" for name in names]


def dot_outside_strings(dot: str) -> str:
    return re.sub(r'"(?:[^"\\\n]|\\.)*"', "", dot)


def check_every_format(document: DocumentBase) -> None:
    formats = ["md", "html", "json"] + (["dot", "svg"] if document.kind == "case" else []) + (["summary"] if document.kind == "exnovation" else [])
    for fmt in formats:
        for private in (False, True) if fmt != "json" else (False,):
            out = render(document, fmt, private=private)
            assert TERMINAL_CONTROLS.findall(out) == [], (fmt, private)
            if fmt == "md":
                assert markdown_markup(out) == [], private
            elif fmt in ("html", "summary"):
                tags = Tags()
                tags.feed(out)
                assert tags.bad == [] and tags.csp, private
            elif fmt == "svg":
                import xml.etree.ElementTree as ET

                root = ET.fromstring(out.encode("utf-8"))
                assert {element.tag.split("}")[-1] for element in root.iter()} <= SVG_TAGS, private
                assert {name.lower() for element in root.iter() for name in element.attrib} <= SVG_ATTRIBUTES, private
            elif fmt == "dot":
                assert re.fullmatch(r"[A-Za-z0-9_=\[\],;{}\-\s.]*", dot_outside_strings(out)), private
            else:
                assert json.loads(out) == document.model_dump(mode="json")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=hostile, which=st.sampled_from(range(len(BASES))))
def test_hostile_text_in_every_field_leaves_no_control_and_no_markup_in_any_export(text: str, which: int) -> None:
    check_every_format(hostile_copy(BASES[which], text))


def test_every_fragment_in_every_field_of_every_kind() -> None:
    """Each known attack on its own, and all of them at once, in every kind (the property test
    draws; this one does not leave any out)."""
    for text in [*FRAGMENTS, "".join(FRAGMENTS)]:
        for base in BASES:
            document = hostile_copy(base, text)
            check_every_format(document)


def test_the_fill_reaches_every_text_field() -> None:
    """The hostile copy has the hostile text in every free-text field the model has (a new field
    that `fill` missed would fail here)."""
    marker = "\x1b]0;x\x07"
    for base in BASES:
        dumped = json.dumps(hostile_copy(base, marker).model_dump(mode="json"))
        texts = [value for value in re.findall(r'"((?:[^"\\]|\\.)*)"', dumped) if not re.fullmatch(r"[a-z0-9_\-:+.T ]*", value)]
        assert texts and all("\\u001b]0;x\\u0007" in value for value in texts), base.kind
