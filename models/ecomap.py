"""Where each actor stands on an ecomap: the citizen in the centre, sectors as wedges, closeness as
rings. One geometry for the map in the terminal (tui/case/network/map.py) and the printed SVG
(saved/reports/ecomap_svg.py), so the two show the same picture.

Coordinates are on the unit disc: (0, 0) is the citizen, radius 1 the outside of ring 3; angles in
degrees, clockwise from the top (screen and SVG both have y growing downwards).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from models.network import SECTORS, Actor

#: Where each ring's actors stand (share of the outer radius), and where a ring ends.
RING_RADIUS = {1: 0.38, 2: 0.64, 3: 0.88}
RING_EDGE = {1: 0.51, 2: 0.76, 3: 1.0}
#: A sector's wedge is at least this many actors wide, so an empty sector still has room for its name.
MIN_WEDGE = 2


def wedges(actors: Sequence[Actor]) -> dict[str, tuple[float, float]]:
    """Each sector's wedge (start angle, width in degrees), clockwise from the top. A wedge's width
    follows its number of actors (at least MIN_WEDGE's worth), so a crowded municipality gets room."""
    weights = {sector: max(MIN_WEDGE, sum(1 for actor in actors if actor.sector == sector)) for sector in SECTORS}
    total = sum(weights.values())
    start, out = -90.0, dict[str, tuple[float, float]]()
    for sector in SECTORS:
        width = 360 * weights[sector] / total
        out[sector] = (start, width)
        start += width
    return out


def places(actors: Sequence[Actor]) -> dict[str, tuple[float, float]]:
    """Each actor's place (x, y) on the unit disc: in its sector's wedge, on its ring, spread
    evenly across the wedge; in a crowded ring every other actor steps inwards a little."""
    groups: dict[tuple[str, int], list[str]] = {}
    for actor in actors:
        groups.setdefault((actor.sector, actor.ring), []).append(actor.id)
    out: dict[str, tuple[float, float]] = {}
    sector_wedges = wedges(actors)
    for (sector, ring), ids in groups.items():
        start, span = sector_wedges[sector]
        margin = min(6.0, span / 6)
        for j, actor_id in enumerate(ids):
            angle = math.radians(start + margin + (j + 0.5) * (span - 2 * margin) / len(ids))
            radius = RING_RADIUS[ring] - (0.09 if len(ids) > 3 and j % 2 else 0.0)
            out[actor_id] = (radius * math.cos(angle), radius * math.sin(angle))
    return out


_WORD = re.compile(r"[^\W_]+")


def _candidates(name: str, width: int) -> list[str]:
    """Short forms of `name`, shortest first: the first word cut short, or the first word's head
    with the start of a later word ("JobN" for Jobcenter Nord; initials such as "LN" say who)."""
    words = _WORD.findall(name) or ["?"]
    first, later = words[0], words[1:]
    out: list[str] = []
    for length in range(min(3, len(first)), width + 1):
        if len(first) >= length:
            out.append(first[:length])
        for k in range(1, length - 2):  # at least three letters of the first word
            for word in later:
                if len(first) >= length - k and len(word) >= k:
                    out.append(first[: length - k] + word[:k])
    return out or [first[:width]]


def abbreviations(names: Sequence[str], width: int, numbers: Sequence[int] | None = None) -> list[str]:
    """A short, unique label of at most `width` characters for each name, in order. The shortest
    readable form not taken by another name is used; two names that cannot be told apart within the
    width end in their number (`numbers`, else their place from 1)."""
    numbers = list(numbers) if numbers is not None else list(range(1, len(names) + 1))
    options = [_candidates(name, width) for name in names]
    # A form several names would start with is not a good label for any of them ("Psyk" for both
    # Psykiatrisk Center and Psyk. ambulatorium): each takes its first form no other name has.
    counts: dict[str, int] = {}
    for forms in options:
        for form in set(forms):
            counts[form.casefold()] = counts.get(form.casefold(), 0) + 1
    taken: set[str] = set()
    out = []
    for forms, number in zip(options, numbers):
        label = next((form for form in forms if counts[form.casefold()] == 1 and form.casefold() not in taken), None)
        if label is None:  # shared by another name in every form: the number tells them apart
            tail = str(number)
            label = forms[0][: max(1, width - len(tail))] + tail
            while label.casefold() in taken:  # only when numbers repeat; never loops for ever
                label = label + "'"
        taken.add(label.casefold())
        out.append(label)
    return out
