"""The demo board and the demo supervision session at larger sizes, as tests/bench/files.py grows
the demo case: copied `factor` times with fresh ids (`files.scaled`), and at the models' caps.

The board at the caps: 500 items (models/exnovation.py MAX_ITEMS), each a copy of a demo item,
and 20000 characters of notes. The session at the caps: 100 agreed actions (MAX_ACTIONS), 200
readings (MAX_SESSION_READINGS, the demo case's readings: the session is linked to that case),
every STORM answer of the demo at its longest (ANSWER_MAX) and 20000 characters of notes. Texts
inside each item (forces, steps) stay the demo's: the caps are on how much a board holds.
"""

from __future__ import annotations

from fractions import Fraction

from saved.toml_read import tomllib
from tests.bench.files import _caps, _Ids, at_caps, demo_case_raw, scaled

BOARD = "Exnovation, team Nord (demo)"
SESSION = "Supervision, november (demo)"
CASE = "K.M. (demo)"
#: The network's sizes: the case at the caps (one network of 500 actors and 3000 ties, 20000
#: readings) and at fractions of every cap, the same shape smaller (tests/bench/growth.py says why).
NETWORK_SIZES = ("1/8 caps", "1/4 caps", "1/2 caps", "3/4 caps", "caps")


def demo_raw(title: str) -> dict:
    """The demo document with this title, as read from saved/examples."""
    from saved.examples import example_files

    needle = f'title = "{title}"'.encode()
    path = next(p for p in example_files() if needle in p.read_bytes())
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _model(raw: dict) -> type:
    from models.documents import DOCUMENT_KINDS

    return DOCUMENT_KINDS[raw["kind"]]


def _filled(raw: dict, name: str, cap: int, fresh: _Ids, source: list[dict] | None = None) -> list[dict]:
    """The list `name` made `cap` long with copies (fresh ids) of its own items or of `source`."""
    have = list(raw.get(name, []))
    pool = source if source is not None else list(raw.get(name, []))
    while len(have) < cap and pool:
        have.append({**pool[len(have) % len(pool)], "id": fresh()})
    return have


def grown(raw: dict, size: str, seed: int = 13) -> dict:
    """The document at `size`: "1x", "3x", ... (copies, up to each list's cap), "caps" or (a case)
    a fraction of every cap, "1/5 caps"."""
    if raw["kind"] == "case":
        if size.endswith("caps"):
            return at_caps(raw, fraction=Fraction(size.split()[0]) if " " in size else Fraction(1))
        return scaled(raw, int(size.rstrip("x")))
    model = _model(raw)
    caps = _caps(model)
    if size != "caps":
        return scaled(raw, int(size.rstrip("x")), seed, model=model)
    out = scaled(raw, 10**6, seed, model=model)  # every list with ids as far as whole copies go
    fresh = _Ids(seed + 1)
    if raw["kind"] == "exnovation":
        fresh.used |= {item["id"] for item in out["items"]}
        out["items"] = _filled(out, "items", caps["items"], fresh)
    else:
        from models.supervision import ANSWER_MAX

        fresh.used |= {item["id"] for item in out.get("actions", [])}
        out["actions"] = _filled(out, "actions", caps["actions"], fresh)
        case_readings = demo_case_raw()["readings"]
        out["readings"] = _filled(out, "readings", caps["readings"], fresh, source=case_readings)
        out["storm"] = {key: (answer + " ") * (ANSWER_MAX // (len(answer) + 1)) for key, answer in out.get("storm", {}).items()}
    notes = raw.get("notes", "") or "x"
    out["notes"] = "\n".join([notes] * (caps.get("notes", 20_000) // len(notes) + 1))[: caps.get("notes", 20_000)]
    return out


def shown_count(raw: dict, what: str) -> int:
    """How many things a view shows: the size its growth is fitted against."""
    if what in ("gauge", "list"):
        return len(raw["readings"])
    if what in ("map", "analysis"):
        return len(raw["actors"]) + len(raw["ties"])
    if what in ("board", "matrix"):
        return len(raw["items"])
    return len(raw["actions"]) + len(raw.get("readings", []))
