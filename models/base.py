"""What every document shares: strict validation, bounded text, stable random ids."""

# Annotations evaluated at once, not kept as text: see models/__init__.py.
from typing import Annotated, Any

import pydantic.main
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


# A list's or dict's bound goes in the Field with its default, `list[Actor] = Field(default_factory=
# empty_list, max_length=500)`, not in an Annotated beside it: the same field and schema, without
# an Annotated made and two FieldInfos merged per field (35 fields: ~6.8 M instructions, ~1 ms,
# on the way to the first validated document; tests/test_model_build.py keeps it so).
def empty_list() -> list[Any]:
    """A field's default of [] (`Field(default_factory=empty_list)`): the same as the builtin `list`,
    which pydantic inspects (its signature, for a data argument) each time it builds a validator
    with the field: ~0.15-0.25 ms for `list`, whose text signature is parsed, ~10 us for this. The
    demo's documents have 29 such fields: ~5 ms of their first validation."""
    return []


#: A model builds its validator when first used, not when its class is made: a case is opened
#: without building the boards' and sessions' models, and models used only inside a document
#: are built as part of it (each class built apart as well cost ~15 ms at start). Only where
#: pydantic builds a deferred model under a lock: the home list validates in a thread while the
#: screen may make a model, and an older pydantic could give one of them the base's validator.
DEFER_BUILD = hasattr(pydantic.main, "_rebuild_lock")


#: The config of a model held by more than one kind of document: built with its class, not when
#: first used, so each kind built later takes its schema as built rather than making it again
#: (ExportRecord and Reading: ~0.45 ms of the three kinds' ~7 ms at start).
BUILT_AT_ONCE = ConfigDict(defer_build=False)


class Strict(BaseModel):
    """Base of every model: unknown keys and type coercion are errors, assignment is validated."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        validate_assignment=True,
        str_max_length=20_000,
        defer_build=DEFER_BUILD,
    )
