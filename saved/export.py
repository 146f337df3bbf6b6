"""Reports of a document: Markdown, standalone HTML, JSON (and DOT for a case's network)."""

from __future__ import annotations

import html
import json

from models.documents import DocumentBase


def render(document: DocumentBase, fmt: str) -> str:
    if fmt == "json":
        return json.dumps(document.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    if fmt == "md":
        return markdown(document)
    if fmt == "html":
        return standalone_html(document)
    raise ValueError(f"format {fmt!r} is not available for a {document.kind}")


def markdown(document: DocumentBase) -> str:
    lines = [f"# {document.title}", "", f"- kind: {document.kind}", f"- changed: {document.changed:%Y-%m-%d %H:%M}"]
    review = getattr(document, "review_date", None)
    if review is not None:
        lines.append(f"- review date: {review.isoformat()}")
    if document.notes:
        lines += ["", "## Notes", "", document.notes]
    return "\n".join(lines) + "\n"


def standalone_html(document: DocumentBase) -> str:
    """One file, no scripts, no fetches: it opens and prints anywhere."""
    body = html.escape(markdown(document))
    return (
        "<!doctype html><html lang=\"da\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(document.title)}</title>"
        "<style>body{font-family:sans-serif;max-width:50em;margin:2em auto}pre{white-space:pre-wrap}</style>"
        f"</head><body><pre>{body}</pre></body></html>\n"
    )
