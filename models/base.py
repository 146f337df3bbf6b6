"""What every document shares: strict validation, bounded text, stable random ids."""

from __future__ import annotations

from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from models.clock import ID_ALPHABET, ID_LENGTH, new_id, now  # noqa: F401  (re-exported)

#: The schema this version of samspil writes. Files with a higher number open read-only.
SCHEMA_VERSION = 4
#: Kinds by their names in schema 1 (saved.store migrates them): one name per concept since 2.
OLD_KIND_NAMES = {"board": "exnovation", "session": "supervision"}


Id = Annotated[str, StringConstraints(pattern=rf"^[{ID_ALPHABET}]{{{ID_LENGTH}}}$")]
Name = Annotated[str, StringConstraints(max_length=80)]
ShortText = Annotated[str, StringConstraints(max_length=200)]
LongText = Annotated[str, StringConstraints(max_length=20_000)]
Timestamp = AwareDatetime
Rating10 = Annotated[int, Field(ge=0, le=10)]
Rating5 = Annotated[int, Field(ge=1, le=5)]


class Strict(BaseModel):
    """Base of every model: unknown keys and type coercion are errors, assignment is validated."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        validate_assignment=True,
        str_max_length=20_000,
    )
