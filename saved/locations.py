"""Where samspil keeps its files. Every path comes from here; `samspil locate` prints them.

The data directory is `--data-dir DIR`, else `$SAMSPIL_DATA_DIR`, else the platform's user
data directory (~/.local/share/samspil on Linux). Under it:

    documents/        one TOML file per document, <kind>-<id>.toml, with a .lock while open
    backups/          the previous version of each document, <kind>-<id>.toml.bak
    recovery/         unsaved changes kept when samspil had to stop (offered at the next start)
    exports/          reports saved from the app
    index.json        the home list's summary of each document (kind, title, dates), to start fast
    samspil.log       unexpected errors: their type and samspil's file:line, never document text
    settings.toml     the user's preferences
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from saved.files import ensure_private_dir

ENV_DATA_DIR = "SAMSPIL_DATA_DIR"
APP_NAME = "samspil"


def default_root() -> Path:
    from platformdirs import user_data_path  # deferred: only when no directory was given

    return user_data_path(APP_NAME, appauthor=False)


@dataclass(frozen=True)
class Locations:
    root: Path

    @classmethod
    def resolve(cls, data_dir: str | os.PathLike[str] | None = None) -> Locations:
        chosen = data_dir or os.environ.get(ENV_DATA_DIR) or default_root()
        return cls(Path(chosen).expanduser().absolute())

    @property
    def documents(self) -> Path:
        return self.root / "documents"

    @property
    def backups(self) -> Path:
        return self.root / "backups"

    @property
    def recovery(self) -> Path:
        return self.root / "recovery"

    @property
    def exports(self) -> Path:
        return self.root / "exports"

    @property
    def index(self) -> Path:
        return self.root / "index.json"

    @property
    def log(self) -> Path:
        return self.root / "samspil.log"

    @property
    def settings(self) -> Path:
        return self.root / "settings.toml"

    def document(self, kind: str, doc_id: str) -> Path:
        return self.documents / f"{kind}-{doc_id}.toml"

    def backup_of(self, path: Path) -> Path:
        return self.backups / f"{path.name}.bak"

    @staticmethod
    def conflict_of(path: Path, when: datetime) -> Path:
        """Where another program's version goes when it was written while we saved (not a .toml:
        not listed as a document, but `samspil check` names it)."""
        return path.with_name(f"{path.name}.conflict-{when:%Y%m%d-%H%M%S-%f}")

    @staticmethod
    def lock_of(path: Path) -> Path:
        return path.with_name(f"{path.name}.lock")

    def ensure(self) -> None:
        """Create the directories (0700) and refuse them if they are unsafe."""
        for directory in (self.root, self.documents, self.backups):
            ensure_private_dir(directory)

    def document_files(self) -> list[Path]:
        if not self.documents.is_dir():
            return []
        return sorted(p for p in self.documents.glob("*.toml") if not p.name.startswith("."))
