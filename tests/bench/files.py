"""Load and save of a case that grows: 1x, 10x and 100x the demo case, next to the bare TOML floor.

The larger cases are the demo case copied over and over with fresh ids (references between its
lists follow the copy), up to each list's cap: actors stop at 500, readings go on. The floor of
a load is reading the same file and `tomllib.loads`; of a serialisation `tomli_w.dumps` of the
same data; of a save that plus writing the file the safe way (temp file, fsync, rename, fsync
of the directory), which is what a save must do whatever the format.
"""

from __future__ import annotations

import gc
import math
import random
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import tomli_w

from saved.toml_read import tomllib

SCALES = (1, 10, 100)
#: Lists that grow with the case on their own; the others (the network) stop when actors do.
FREE_LISTS = {"readings"}


def demo_case_raw() -> dict:
    from saved.examples import example_files

    path = next(p for p in example_files() if b'title = "K.M. (demo)"' in p.read_bytes())
    return tomllib.loads(path.read_text(encoding="utf-8"))


def _caps() -> dict[str, int]:
    from models.documents import Case

    caps = {}
    for name, info in Case.model_fields.items():
        for meta in info.metadata:
            if getattr(meta, "max_length", None) is not None:
                caps[name] = meta.max_length
    return caps


def scaled(raw: dict, factor: int, seed: int = 7) -> dict:
    """The case `factor` times over: every list of items with ids copied with new ids."""
    from models.base import ID_ALPHABET, ID_LENGTH

    rng = random.Random(seed)
    used: set[str] = set()

    def fresh() -> str:
        while True:
            value = "".join(rng.choice(ID_ALPHABET) for _ in range(ID_LENGTH))
            if value not in used:
                used.add(value)
                return value

    caps = _caps()
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


def counts(raw: dict) -> str:
    parts = [f"{len(v)} {k}" for k, v in raw.items() if isinstance(v, list)]
    parts.append(f"notes {len(raw.get('notes', ''))} ch")
    return ", ".join(parts)


@dataclass
class FileResult:
    scale: int
    nbytes: int
    contents: str
    load: float
    load_floor: float
    dumps: float
    dumps_floor: float
    save: float
    save_floor: float


def _timed(fn) -> float:
    gc.collect()
    began = time.perf_counter()
    fn()
    return time.perf_counter() - began


def _floor_save(path: Path, raw: dict) -> None:
    from saved.files import atomic_write

    atomic_write(path, tomli_w.dumps(raw).encode("utf-8"))


def measure(scale: int, root: Path, repeats: int) -> FileResult:
    from models.documents import Case
    from saved import store
    from saved.locations import Locations

    locations = Locations(root / f"x{scale}")
    locations.ensure()
    case = Case.model_validate(scaled(demo_case_raw(), scale))
    loaded = store.create(locations, case)
    path = loaded.path
    data = path.read_bytes()
    raw = tomllib.loads(data.decode("utf-8"))
    floor_path = locations.documents / "floor.toml"
    samples: dict[str, list[float]] = {name: [] for name in ("load", "load_floor", "dumps", "dumps_floor", "save", "save_floor")}
    for _ in range(repeats):  # interleaved, so each pair sees the same machine
        samples["load"].append(_timed(lambda: store.load(path)))
        samples["load_floor"].append(_timed(lambda: tomllib.loads(path.read_bytes().decode("utf-8"))))
        samples["dumps"].append(_timed(lambda: store.dumps(loaded.document)))
        samples["dumps_floor"].append(_timed(lambda: tomli_w.dumps(raw)))
        loaded.document.notes = loaded.document.notes[:-1] + ("a" if loaded.document.notes[-1:] != "a" else "b")
        samples["save"].append(_timed(lambda: store.save(locations, loaded)))
        samples["save_floor"].append(_timed(lambda: _floor_save(floor_path, raw)))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    return FileResult(scale, len(data), counts(raw), **medians)


def run(repeats: int = 15) -> list[FileResult]:
    root = Path(tempfile.mkdtemp(prefix="samspil-bench-files-"))
    try:
        # Fewer repeats of the big files, but never so few that one slow moment sets the median.
        return [measure(scale, root, max(7, repeats // (1 + scale // 10))) for scale in SCALES]
    finally:
        shutil.rmtree(root, ignore_errors=True)


def growth(results: list[FileResult], field: str) -> float:
    """How time grows with size, as the exponent k in time ~ size^k: 1 is linear."""
    first, last = results[0], results[-1]
    return math.log(getattr(last, field) / getattr(first, field)) / math.log(last.nbytes / first.nbytes)
