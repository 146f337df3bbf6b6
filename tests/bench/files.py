"""Documents on disk at every size: load, save, `samspil check` and an export of a case that grows
from the demo case to the models' caps, and the home list with 10, 100 and 1000 documents.

Sizes: the demo case 1x, 3x, 10x and 100x (the demo copied over and over with fresh ids; references
between its lists follow the copy; actors stop at their cap, readings go on) and the case at the
caps (500 actors, 3000 ties, 20000 readings, 20000 characters of notes). Every figure is CPU time
(`time.process_time`: wall time on a shared machine is mostly the neighbours), the median of
interleaved runs (a call under 50 ms repeated and its mean per call taken, floors alike); only the save also has a wall-time row, since its fsyncs are waiting, not CPU.

The floors: a load or a check reads the same file and runs `tomllib.loads` (what any TOML reader
must do); a save is `tomli_w.dumps` of the same data and one safe write (temp file, fsync, rename,
fsync of the directory); an export is `json.dumps` of the same data (the C encoder: a text of the
whole case); the home list is finding the files and one `stat` each (what a list kept in an
index checked against the files would need).
"""

from __future__ import annotations

import gc
import json
import os
import random
import shutil
import statistics
from functools import partial
import tempfile
import time
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

import tomli_w

from saved.toml_read import tomllib

#: Times the demo case; the case at the caps comes after them.
SCALES = (1, 3, 10, 100)
#: The sizes shown as rows; all of them enter the growth fit.
SHOWN = ("1x", "10x", "caps")
#: Lists that grow with the case on their own; the others (the network) stop when actors do.
FREE_LISTS = {"readings"}
HOME_COUNTS = (10, 100, 1000)


def demo_case_raw() -> dict:
    from saved.examples import example_files

    path = next(p for p in example_files() if b'title = "K.M. (demo)"' in p.read_bytes())
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _caps(model: type | None = None) -> dict[str, int]:
    """The length caps of a document model's fields (the case's by default)."""
    if model is None:
        from models.documents import Case

        model = Case
    caps = {}
    for name, info in model.model_fields.items():
        for meta in info.metadata:
            if getattr(meta, "max_length", None) is not None:
                caps[name] = meta.max_length
    return caps


class _Ids:
    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used: set[str] = set()

    def __call__(self) -> str:
        from models.base import ID_ALPHABET, ID_LENGTH

        while True:
            value = "".join(self.rng.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
            if value not in self.used:
                self.used.add(value)
                return value


def scaled(raw: dict, factor: int, seed: int = 7, model: type | None = None, caps: dict[str, int] | None = None) -> dict:
    """The case (or a document of `model`) `factor` times over: every list of items with ids
    copied with new ids, up to its cap (the model's, or `caps`)."""
    fresh = _Ids(seed)
    caps = _caps(model) if caps is None else caps
    lists = {k: v for k, v in raw.items() if isinstance(v, list) and v and all(isinstance(i, dict) and "id" in i for i in v)}
    copies = {k: max(1, min(factor, caps.get(k, 10**9) // len(v))) for k, v in lists.items()}
    bounded = min((copies[k] for k in lists if k not in FREE_LISTS), default=factor)
    copies = {k: (c if k in FREE_LISTS else bounded) for k, c in copies.items()}
    owner = {item["id"]: k for k, v in lists.items() for item in v}
    new_ids: dict[tuple[str, int], str] = {}
    for k, v in lists.items():
        for copy in range(copies[k]):
            for item in v:
                new_ids[(item["id"], copy)] = item["id"] if copy == 0 else fresh()

    def remap(value, copy: int):
        if isinstance(value, str) and value in owner:
            return new_ids[(value, copy % copies[owner[value]])]
        if isinstance(value, dict):
            return {key: remap(item, copy) for key, item in value.items()}
        if isinstance(value, list):
            return [remap(item, copy) for item in value]
        return value

    out = dict(raw)
    for k, v in lists.items():
        out[k] = [remap(item, copy) for copy in range(copies[k]) for item in v]
    if isinstance(raw.get("notes"), str):
        out["notes"] = "\n".join([raw["notes"]] * factor)[: caps.get("notes", 20_000)]
    return out


def at_caps(raw: dict, seed: int = 11, fraction: Fraction = Fraction(1)) -> dict:
    """The demo case grown to every cap: its copies (`scaled`), then more actors, more ties between
    actors not yet tied (ratings and conflicts taken from the demo's ties in turn) and more readings.

    With a `fraction`, every cap is that fraction of the model's (`network_sizes`): the same shape
    (ties per actor, readings per actor, the share of ties that are the demo's), smaller. Its
    random ties join the demo's copies into one network, as at the caps."""
    caps = {name: round(cap * fraction) for name, cap in _caps().items()}
    out = scaled(raw, caps["readings"], seed, caps=caps)
    fresh = _Ids(seed + 1)
    fresh.used |= {item["id"] for k in ("actors", "ties", "readings") for item in out[k]}
    actors = list(out["actors"])
    while len(actors) < caps["actors"]:
        actors.append({**raw["actors"][len(actors) % len(raw["actors"])], "id": fresh()})
    ties = list(out["ties"])
    joined = {frozenset((tie["a"], tie["b"])) for tie in ties}
    rng = random.Random(seed)
    while len(ties) < caps["ties"]:
        a, b = rng.sample([actor["id"] for actor in actors], 2)
        if frozenset((a, b)) not in joined:
            joined.add(frozenset((a, b)))
            ties.append({**raw["ties"][len(ties) % len(raw["ties"])], "id": fresh(), "a": a, "b": b})
    readings = list(out["readings"])
    while len(readings) < caps["readings"]:
        reading = {**raw["readings"][len(readings) % len(raw["readings"])], "id": fresh()}
        if "actor_id" in reading:
            reading["actor_id"] = actors[len(readings) % len(actors)]["id"]
        readings.append(reading)
    return {**out, "actors": actors, "ties": ties, "readings": readings}


def counts(raw: dict) -> str:
    parts = [f"{len(v)} {k}" for k, v in raw.items() if isinstance(v, list)]
    parts.append(f"notes {len(raw.get('notes', ''))} ch")
    return ", ".join(parts)


@dataclass
class SizeResult:
    label: str
    nbytes: int
    contents: str
    #: Median CPU seconds per measure (and its floor, as "<measure>_floor").
    cpu: dict[str, float] = field(default_factory=dict)
    #: Median wall seconds, where waiting is part of the cost (the save's fsyncs).
    wall: dict[str, float] = field(default_factory=dict)


#: A call shorter than this is repeated until its calls add up to it, and the mean per call taken:
#: one call of a few milliseconds is at the mercy of one cache miss or one neighbour's burst (load
#: at the demo size read 1.40x its floor once, 1.09x over 100 calls). Floors are timed the same way.
SHORTEST_SAMPLE = 0.05
MOST_CALLS = 20


def _timed(fn) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call: the mean of as many calls as SHORTEST_SAMPLE takes."""
    gc.collect()
    cpu, wall = time.process_time(), time.perf_counter()
    calls = 0
    while True:
        fn()
        calls += 1
        spent = time.process_time() - cpu
        if spent >= SHORTEST_SAMPLE or calls >= MOST_CALLS:
            return spent / calls, (time.perf_counter() - wall) / calls


def _floor_save(path: Path, raw: dict) -> None:
    from saved.files import atomic_write

    atomic_write(path, tomli_w.dumps(raw).encode("utf-8"))


def measure(label: str, raw_case: dict, root: Path, repeats: int) -> SizeResult:
    from models.documents import Case
    from saved import store
    from saved.check import check_file
    from saved.reports import render
    from saved.locations import Locations

    locations = Locations(root / label)
    locations.ensure()
    loaded = store.create(locations, Case.model_validate(raw_case))
    path = loaded.path
    data = path.read_bytes()
    raw = tomllib.loads(data.decode("utf-8"))
    floor_path = locations.documents / "floor.toml"

    def read_and_parse() -> None:
        tomllib.loads(path.read_bytes().decode("utf-8"))

    def save() -> None:
        notes = loaded.document.notes
        loaded.document.notes = notes[:-1] + ("a" if notes[-1:] != "a" else "b")  # a typed character
        store.save(locations, loaded)

    plan = {
        "load": lambda: store.load(path),
        "load_floor": read_and_parse,
        "check": lambda: check_file(path),
        "save": save,
        "save_floor": lambda: _floor_save(floor_path, raw),
        "export": lambda: render(loaded.document, "md"),
        "export_private": lambda: render(loaded.document, "md", private=True),
        "export_floor": lambda: json.dumps(raw, default=str),
    }
    cpu: dict[str, list[float]] = {name: [] for name in plan}
    wall: dict[str, list[float]] = {name: [] for name in plan}
    for _ in range(repeats):  # interleaved, so each pair sees the same machine
        for name, fn in plan.items():
            spent_cpu, spent_wall = _timed(fn)
            cpu[name].append(spent_cpu)
            wall[name].append(spent_wall)
    median = statistics.median
    return SizeResult(label, len(data), counts(raw), {k: median(v) for k, v in cpu.items()}, {k: median(v) for k, v in wall.items()})


def run(repeats: int = 15) -> list[SizeResult]:
    raw = demo_case_raw()
    sizes = [(f"{scale}x", scaled(raw, scale)) for scale in SCALES] + [("caps", at_caps(raw))]
    root = Path(tempfile.mkdtemp(prefix="samspil-bench-files-"))
    try:
        # Fewer repeats of the big files, but never so few that one slow moment sets the median.
        return [measure(label, case, root, max(3, repeats // (1 + len(case["readings"]) // 300))) for label, case in sizes]
    finally:
        shutil.rmtree(root, ignore_errors=True)


# ---- growth -------------------------------------------------------------------------------


def fit_growth(sizes: list[float], times: list[float]) -> tuple[float, float, float]:
    """Fit time = a + b·size^k (a, b ≥ 0) by least squares on relative error; returns (a, b, k).

    The fixed cost `a` (an fsync, a process's first call) would otherwise pass for sublinear
    growth: two end points without it made a save look like k = 0.76. For each k on a grid the
    best a and b are a weighted linear least-squares fit; the k with the least error wins.
    """
    if len(sizes) < 4:
        raise ValueError("a growth fit needs at least four sizes")
    best: tuple[float, float, float, float] | None = None
    for step in range(0, 301):
        k = step / 100
        xs = [size**k for size in sizes]
        ws = [1 / (t * t) for t in times]  # relative error: small and large sizes count alike
        sw = sum(ws)
        sx = sum(w * x for w, x in zip(ws, xs))
        sxx = sum(w * x * x for w, x in zip(ws, xs))
        sy = sum(w * t for w, t in zip(ws, times))
        sxy = sum(w * x * t for w, x, t in zip(ws, xs, times))
        det = sw * sxx - sx * sx
        a, b = ((sxx * sy - sx * sxy) / det, (sw * sxy - sx * sy) / det) if det else (0.0, 0.0)
        if a < 0 or b <= 0:  # no negative fixed cost: the best line through the origin
            a, b = 0.0, sxy / sxx
        error = sum(w * (a + b * x - t) ** 2 for w, x, t in zip(ws, xs, times))
        if best is None or error < best[0]:
            best = (error, a, b, k)
    assert best is not None
    return best[1], best[2], best[3]


@dataclass(frozen=True)
class Spread:
    """How far the fitted k moves with the data it was fitted on."""

    resampled: tuple[float, float]  # k's 5th and 95th percentiles over resamples of the rounds
    one_left_out: tuple[float, float]  # the least and greatest k of the fits leaving one size out

    def straddles(self, limit: float) -> bool:
        low = min(self.resampled[0], self.one_left_out[0])
        high = max(self.resampled[1], self.one_left_out[1])
        return low <= limit < high


def _median_fit(sizes: list[float], samples: list[list[float]]) -> float:
    return fit_growth(sizes, [statistics.median(values) for values in samples])[2]


def growth_spread(sizes: list[float], samples: list[list[float]], draws: int = 200, seed: int = 1) -> Spread:
    """k's spread for the fit of each size's median (`samples`: each size's rounds).

    Resampled rounds: each size's rounds drawn again with replacement, their medians refitted,
    `draws` times; what the noise between rounds can do to k. One size left out: the fit over
    the other sizes, for each size in turn; how much k rests on one size (with a large fixed
    cost and sizes close in n, the growth is set by two or three points)."""
    rng = random.Random(seed)
    ks = sorted(_median_fit(sizes, [[rng.choice(values) for _ in values] for values in samples]) for _ in range(draws))
    resampled = (ks[int(0.05 * (draws - 1))], ks[int(0.95 * (draws - 1))])
    left_out = [_median_fit(sizes[:i] + sizes[i + 1 :], samples[:i] + samples[i + 1 :]) for i in range(len(sizes))] if len(sizes) > 4 else [_median_fit(sizes, samples)]
    return Spread(resampled, (min(left_out), max(left_out)))


def growth(results: list[SizeResult], measure: str) -> tuple[float, float]:
    """The exponent k and the fixed cost a (seconds) of `measure`'s CPU time over every size."""
    a, _, k = fit_growth([float(r.nbytes) for r in results], [r.cpu[measure] for r in results])
    return k, a


# ---- the home list -----------------------------------------------------------------------------


@dataclass
class HomeResult:
    documents: int
    listed: float  # CPU seconds of saved.store.list_entries, what the home screen calls
    indexed: float  # CPU seconds of saved.summaries.summaries with the index up to date
    floor: float  # CPU seconds of finding the files and one stat each


def fill(locations, count: int) -> None:
    """`count` documents: the demo documents over and over, each copy with a fresh id (and file name)."""
    from saved.examples import example_files

    fresh = _Ids(count)
    demos = [(p.name.split("-", 1)[0], p.read_text(encoding="utf-8")) for p in example_files()]
    for n in range(count):
        kind, text = demos[n % len(demos)]
        new = fresh()
        head, rest = text.split("\nid = ", 1)
        text = f'{head}\nid = "{new}"{rest[rest.index(chr(10)):]}'
        fd = os.open(locations.document(kind, new), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)


def _stat_all(locations) -> None:
    for path in locations.document_files():
        os.stat(path, follow_symlinks=False)


def home(repeats: int = 5) -> list[HomeResult]:
    from saved.locations import Locations
    from saved.store import list_entries
    from saved.summaries import RECENT_NS, summaries

    root = Path(tempfile.mkdtemp(prefix="samspil-bench-home-"))
    places = []
    for count in HOME_COUNTS:
        locations = Locations(root / str(count))
        locations.ensure()
        fill(locations, count)
        places.append(locations)
    time.sleep(RECENT_NS / 1e9 + 0.1)  # the index records only files not changed in the last 2 s
    results = []
    try:
        for count, locations in zip(HOME_COUNTS, places):
            summaries(locations)  # builds the index
            listed, indexed, floor = [], [], []
            for _ in range(max(3, repeats * 10 // count)):
                listed.append(_timed(partial(list_entries, locations))[0])
                indexed.append(_timed(partial(summaries, locations))[0])
                floor.append(_timed(partial(_stat_all, locations))[0])
            results.append(HomeResult(count, statistics.median(listed), statistics.median(indexed), statistics.median(floor)))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return results
