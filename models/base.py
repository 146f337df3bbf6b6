"""What every document shares: strict validation, bounded text, stable random ids."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

#: The schema this version of samspil writes. Files with a higher number open read-only.
SCHEMA_VERSION = 1

#: Ids are short and random: never a CPR number, never derived from a name.
ID_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ID_LENGTH = 8

Id = Annotated[str, StringConstraints(pattern=rf"^[{ID_ALPHABET}]{{{ID_LENGTH}}}$")]
Name = Annotated[str, StringConstraints(max_length=80)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Timestamp = AwareDatetime
Rating10 = Annotated[int, Field(ge=0, le=10)]
Rating5 = Annotated[int, Field(ge=1, le=5)]


def new_id() -> str:
    return "".join(secrets.choice(ID_ALPHABET) for _ in range(ID_LENGTH))


def now() -> datetime:
    """The local time with its UTC offset, to the second (files stay readable)."""
    return datetime.now().astimezone().replace(microsecond=0)


class Strict(BaseModel):
    """Base of every model: unknown keys and type coercion are errors, assignment is validated."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        validate_assignment=True,
        str_max_length=20_000,
    )
