"""The printable ecomap (saved/reports/ecomap_svg.py): valid XML whatever the names, the picture's
parts counted on the demo case, private names, the HTML report and `--format svg`, and printed by a
real headless browser to exactly one A4 page."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from saved.examples import HERE
from saved.reports import render
from saved.store import load
from tui.__main__ import main
from tui.i18n import t

SVG = "{http://www.w3.org/2000/svg}"
HOSTILE = ["\x1b[31mrød", "\x1b]8;;http://x\x07link", "\x9bC1", "\u202eomvendt", "[bold]fed[/bold]", "<script>alert(1)</script>", "a & b \"c\" 'd'", "\x00\x01\x7f"]


def demo_case():
    return load(HERE / "case-demcasea.toml").document


def parse(svg: str) -> ET.Element:
    return ET.fromstring(svg.encode("utf-8"))


def test_the_demo_ecomap_has_every_actor_tie_conflict_and_the_legend():
    case = demo_case()
    svg = render(case, "svg", say=t)
    root = parse(svg)
    assert root.tag == f"{SVG}svg" and root.get("width") == "180mm" and root.get("height") == "257mm"
    lines = [line for line in root.iter(f"{SVG}line") if "tie" in (line.get("class") or "")]
    ties = lines[: len(case.ties)]
    assert len(ties) == 70
    assert sum("weak" in line.get("class") for line in ties) == sum(tie.weak for tie in case.ties) == 18
    assert sum("conflict" in line.get("class") for line in ties) == 17
    assert sum("coord" in line.get("class") for line in ties) == 14, "the coordinator's ties are highlighted"
    texts = ["".join(node.itertext()) for node in root.iter(f"{SVG}text")]
    assert texts.count("×") == 17 + 1, "one × on each conflict tie, one in the legend"
    assert "8 PsyM ★" in texts and "31 Mor" in texts and "Borgeren" in texts
    assert {"Region", "Kommune", "Familie og netværk"} <= set(texts), "sectors as wedges, named"
    assert "Signaturforklaring" in texts and any(text.startswith("34  Kæreste (A.)") for text in texts)
    circles = [c for c in root.iter(f"{SVG}circle") if "dot" in (c.get("class") or "")]
    assert len(circles) == 34 + 2, "every actor, and two in the legend"


def test_the_private_ecomap_names_actors_by_role_and_number():
    case = demo_case()
    svg = render(case, "svg", say=t, private=True)
    parse(svg)
    assert "Psykiatribrobygger #8" in svg and "Mor #31" in svg
    assert all(actor.name not in svg for actor in case.actors if actor.name != actor.kind)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.one_of(st.text(min_size=1, max_size=40), st.sampled_from(HOSTILE)), min_size=1, max_size=34), st.text(min_size=1, max_size=40))
def test_any_names_give_valid_xml_with_nothing_raw(names, title):
    case = demo_case()
    for actor, name in zip(case.actors, names):
        actor.name = name[:80]
    case.title = title.strip()[:80] or "x"
    for private in (False, True):
        svg = render(case, "svg", say=t, private=private)
        parse(svg)  # well-formed XML: every text escaped, no control character XML forbids
        assert "<script" not in svg and "\x1b" not in svg and "\x9b" not in svg and "\u202e" not in svg


def test_the_html_report_holds_the_ecomap_under_the_network_heading():
    page = render(demo_case(), "html", say=t)
    head, _, rest = page.partition("<h2>Samarbejdsnetværk</h2>")
    assert rest.lstrip().startswith('<figure class="ecomap"><svg xmlns="http://www.w3.org/2000/svg"')
    assert "ecomap" not in head  # (the gauge's charts come before, in their own section)


def test_export_format_svg(tmp_path, capsys):
    out = tmp_path / "netværk.svg"
    assert main(["--lang", "da", "export", str(HERE / "case-demcasea.toml"), "--format", "svg", "--private", "-o", str(out)]) == 0
    parse(out.read_text())
    assert "Mor #31" in out.read_text()


@pytest.mark.skipif(shutil.which("chromium") is None or shutil.which("pdfinfo") is None, reason="needs chromium and poppler-utils")
def test_a_real_browser_prints_the_ecomap_on_one_a4_page(tmp_path):
    svg = tmp_path / "ecomap.svg"
    svg.write_text(render(demo_case(), "svg", say=t))
    pdf = tmp_path / "ecomap.pdf"
    subprocess.run(
        ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={pdf}", svg.as_uri()],
        check=True,
        capture_output=True,
        timeout=120,
    )
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    assert "Pages:           1" in info and "(A4)" in info


def test_the_dot_export_pins_actors_to_their_ring_and_wedge():
    import re

    case = demo_case()
    dot = render(case, "dot", say=t)
    assert "layout=neato" in dot and 'pos="0,0!"' in dot
    found = {m.group(1): (float(m.group(2)), float(m.group(3))) for m in re.finditer(r'"(\w{8})" \[.*pos="(-?[\d.]+),(-?[\d.]+)!"', dot)}
    assert len(found) == 34
    distance = {actor.ring: [] for actor in case.actors}
    for actor in case.actors:
        x, y = found[actor.id]
        distance[actor.ring].append((x * x + y * y) ** 0.5)
    assert max(distance[1]) < min(distance[2]) and max(distance[2]) < min(distance[3]), "Mor (ring 1) nearer than the GP"


def test_an_ecomap_export_is_among_the_copies_removed_with_its_case(locations):
    from saved.store import exports_of

    locations.ensure()
    locations.exports.mkdir(parents=True, exist_ok=True)
    svg = locations.exports / "case-demcasea-20261130-101010.svg"
    minutes = locations.exports / "case-demcasea-minutes-2026-12-03-20261130-101010.html"
    for path in (svg, minutes):
        path.write_text("x")
    assert exports_of(locations, locations.documents / "case-demcasea.toml") == sorted([svg, minutes])
