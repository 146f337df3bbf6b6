"""Reports of a document: Markdown, standalone HTML, JSON (and DOT for a case's network)."""

from __future__ import annotations

import json
import re
from importlib import import_module
from collections.abc import Callable, Sequence

from models.clock import TIME_FORMAT
from models.documents import Case, DocumentBase
from models.supervision import source_text
from saved.reports import markdown_html
from saved.reports.markdown_html import inline, quote

#: The words of a report: the UI passes its translation function `t`; without it, the
#: material's Danish for STORM and maturity keys and the keys themselves for the rest.
Say = Callable[[str], str]

#: Formats that are reports (they honour `private`); json is the full data. "summary" is an
#: exnovation board's one-page summary for management (HTML, logged as html); "svg" a case's ecomap.
REPORT_FORMATS = ("md", "html", "summary", "svg")
#: The formats that only one kind of document has (the rest: every kind).
ONE_KIND_FORMATS = {"summary": "exnovation", "dot": "case", "svg": "case"}


class PrivateNotAvailable(ValueError):
    """The format cannot leave notes out (json is the whole document)."""


def render(document: DocumentBase, fmt: str, *, private: bool = False, say: Say | None = None, lang: str = "da", earlier: Sequence[DocumentBase] = ()) -> str:
    """The document as `fmt`. With `private` (the privacy screen), notes are left out and
    names shown as initials. `earlier`: a supervision session's earlier sessions with the same
    practitioner (saved.reports.supervision.earlier_of), for the STORM scales' course."""
    say = say or source_text
    if fmt == "json":
        if private:
            raise PrivateNotAvailable("json holds every note; use md or html for a private report")
        return json_text(document.model_dump(mode="json"))
    if fmt == "md":
        return markdown(document, private=private, say=say, earlier=earlier)
    if fmt == "html":
        return standalone_html(document, private=private, say=say, lang=lang, earlier=earlier)
    if fmt == "summary" and document.kind == "exnovation":
        from saved.reports.exnovation_html import one_page

        return one_page(document, private=private, say=say, lang=lang)  # type: ignore[arg-type]  # an exnovation board
    if fmt == "dot" and isinstance(document, Case):
        from saved.reports.network import network_dot

        return network_dot(document, private=private, say=say)
    if fmt == "svg" and isinstance(document, Case):
        from saved.reports.ecomap_svg import ecomap_svg

        return ecomap_svg(document, private=private, say=say)
    raise ValueError(f"format {fmt!r} is not available for a {document.kind}")


#: What JSON may carry raw but a terminal or an editor must not get: DEL, C1, bidi controls and
#: the line and paragraph separators (json.dumps escapes only C0).
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def json_text(data: object) -> str:
    """`data` as JSON, readable (UTF-8 letters kept) with every control character escaped as
    `\\uXXXX`: the same data for a parser, nothing for a terminal to act on."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


#: The report sections of each document kind: modules of this package, each with a
#: `markdown_section(document, private=, say=)`. Imported when a report of that kind is made.
SECTIONS: dict[str, tuple[str, ...]] = {"case": ("gauge", "network", "meeting"), "exnovation": ("exnovation",), "supervision": ("supervision",)}


def kind_section(document: DocumentBase, *, private: bool, say: Say, earlier: Sequence[DocumentBase] = ()) -> list[str]:
    """The part of the report that belongs to the document's kind."""
    lines: list[str] = []
    for name in SECTIONS[document.kind]:
        extra = {"earlier": earlier} if document.kind == "supervision" else {}
        lines += import_module(f"saved.reports.{name}").markdown_section(document, private=private, say=say, **extra)
    return lines


def markdown(
    document: DocumentBase, *, private: bool = False, say: Say | None = None, section: Callable[..., list[str]] | None = None, earlier: Sequence[DocumentBase] = ()
) -> str:
    """`section` replaces the kind's own section (the exnovation HTML report draws its force fields);
    `earlier`: a supervision's earlier sessions (the STORM course)."""
    say = say or source_text
    lines = [
        f"# {inline(document.title)}",
        "",
        f"- {say('export.kind')}: {say('kind.' + document.kind)}",
        f"- {say('export.changed')}: {document.changed:{TIME_FORMAT}}",
    ]
    review = getattr(document, "review_date", None)
    if review is not None:
        lines.append(f"- {say('export.review_date')}: {review.isoformat()}")
    if private:
        lines.append(f"- {say('export.private')}")
    lines += section(document, private=private, say=say) if section else kind_section(document, private=private, say=say, earlier=earlier)
    if document.notes:
        lines += ["", f"## {say('export.notes')}", ""]
        lines += [f"_{say('export.note_left_out')}_"] if private else quote(document.notes)
    return "\n".join(lines) + "\n"


def standalone_html(document: DocumentBase, *, private: bool = False, say: Say | None = None, lang: str = "da", earlier: Sequence[DocumentBase] = ()) -> str:
    """One file, no scripts, no fetches: it opens and prints anywhere."""
    say = say or source_text
    if document.kind == "exnovation":
        from saved.reports.exnovation_html import standalone

        return standalone(document, private=private, say=say, lang=lang)  # type: ignore[arg-type]  # an exnovation board
    figures: dict[str, str] = {}
    for name in SECTIONS[document.kind]:
        section = import_module(f"saved.reports.{name}")
        if hasattr(section, "html_figures"):
            extra = {"earlier": earlier} if document.kind == "supervision" else {}
            figures.update(section.html_figures(document, private=private, say=say, **extra))
    page = markdown_html.standalone(markdown(document, private=private, say=say, earlier=earlier), document.title, lang, figures)
    if isinstance(document, Case) and document.actors:
        # The ecomap under the network's heading (fixed words, so the heading is found as made).
        from saved.reports.ecomap_svg import ecomap_figure

        heading = f"<h2>{markdown_html.html.escape(say('network.report.title'), quote=False)}</h2>"
        figure = f'<figure class="ecomap">{ecomap_figure(document, private=private, say=say)}</figure>'
        page = page.replace(heading, heading + "\n" + figure, 1)
    return page
