"""The demo documents shipped with samspil (fictional people, fictional cases)."""

from __future__ import annotations

from pathlib import Path

from saved.files import atomic_write
from saved.locations import Locations

HERE = Path(__file__).parent


def example_files() -> list[Path]:
    return sorted(HERE.glob("*.toml"))


def copy_examples(locations: Locations) -> list[Path]:
    """Copy every example into the data directory (0600 files, 0700 directories)."""
    locations.ensure()
    copied = []
    for source in example_files():
        target = locations.documents / source.name
        atomic_write(target, source.read_bytes())
        copied.append(target)
    return copied
