"""Validating a document by its kind's model (saved.store.validate), with the models' validators
built when first used (models.base DEFER_BUILD): the same documents and the same errors as the
discriminated union of every kind, nothing built that a case does not need, and safe from two
threads at once (the home list validates in one while the screen makes models)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import TypeAdapter, ValidationError

from models.documents import document_union
from saved import store
from tests.bench.grow import demo_raw

REPO_ROOT = Path(__file__).resolve().parent.parent
DEMOS = ("K.M. (demo)", "Exnovation, team Nord (demo)", "Supervision, november (demo)")


def _union(raw: dict):
    return TypeAdapter(document_union()).validate_python(raw)


@pytest.mark.parametrize("title", DEMOS)
def test_each_kind_validates_as_the_union_does(title):
    raw = demo_raw(title)
    assert store.validate(dict(raw)) == _union(dict(raw))


def _broken() -> list[dict]:
    case = demo_raw(DEMOS[0])
    board = demo_raw(DEMOS[1])
    session = demo_raw(DEMOS[2])
    return [
        {**case, "title": ""},  # a field
        {**case, "readings": [*case["readings"][:2], {**case["readings"][2], "intensity": 11}]},  # an item in a list
        {**case, "surprise": 1},  # an unknown key
        {**case, "ties": [{**case["ties"][0], "b": "nobodyxx"}]},  # the model's own check (a tie to no actor)
        {**board, "items": [{**board["items"][0], "stage": "nowhere"}]},
        {**session, "held_on": "yesterday"},
        {**case, "kind": "nothing"},  # no such kind: the union says so
        {key: value for key, value in case.items() if key != "kind"},
    ]


@pytest.mark.parametrize("index", range(len(_broken())))
def test_a_document_that_fails_says_what_the_union_says(index):
    raw = _broken()[index]
    with pytest.raises(ValidationError) as ours:
        store.validate(dict(raw))
    with pytest.raises(ValidationError) as union:
        _union(dict(raw))
    assert ours.value.errors(include_url=False) == union.value.errors(include_url=False)


_PROBE = """
import sys, threading
sys.path.insert(0, sys.argv[1])
from models.base import DEFER_BUILD
from tests.bench.grow import demo_raw
raws = [demo_raw(title) for title in {demos!r}]
import models.documents as documents
from saved import store
from models.gauge import Reading
from models.network import Actor
OTHERS = ("models.exnovation", "models.supervision", "models.team")
print("built at import:", documents.Case.__pydantic_complete__, [name for name in OTHERS if name in sys.modules])
store.validate(dict(raws[0]))
print("built by a case:", documents.Case.__pydantic_complete__, [name for name in OTHERS if name in sys.modules])
case = store.validate(dict(raws[0]))
reading, actor = case.readings[0].model_dump(), case.actors[0].model_dump()
errors = []
def work(i):
    try:
        for _ in range(3):  # the boards' and sessions' models, a reading and an actor built by the first to need them
            store.validate(dict(raws[i % 3]))
            Reading.model_validate(reading) if i % 2 else Actor.model_validate(actor)
    except Exception as error:  # noqa: BLE001
        errors.append(repr(error))
threads = [threading.Thread(target=work, args=(i,)) for i in range(6)]
for thread in threads: thread.start()
for thread in threads: thread.join()
print("errors:", errors, DEFER_BUILD)
"""


def test_a_case_builds_only_its_own_model_imports_no_other_kind_and_threads_may_build_at_once():
    code = _PROBE.format(demos=DEMOS)
    result = subprocess.run([sys.executable, "-c", code, str(REPO_ROOT)], capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.strip().splitlines()
    assert lines[-1].startswith("errors: []"), lines[-1]
    # The boards' and sessions' models are not even imported for a case (models.documents DOCUMENT_KINDS).
    assert lines[0].endswith(" []") and lines[1] == "built by a case: True []", lines[:2]
    if lines[-1].endswith("True"):  # a pydantic that builds deferred models under a lock
        assert lines[0] == "built at import: False []"


_NO_PLUGINS = """
import sys
sys.path.insert(0, sys.argv[1])
from tests.bench.grow import demo_raw
from saved import store
case = store.validate(dict(demo_raw({title!r})))
import pydantic.plugin._schema_validator as validators
print(case.title, "metadata:", "importlib.metadata" in sys.modules, "plugins:", list(validators.get_plugins()) if hasattr(validators, "get_plugins") else [])
"""


def test_no_pydantic_plugin_is_looked_for():
    """Plugins are off (models/__init__.py: they would see every value validated), so pydantic's
    plugin loader is not imported, nor importlib.metadata with it, to validate a document."""
    code = _NO_PLUGINS.format(title=DEMOS[0])
    result = subprocess.run([sys.executable, "-c", code, str(REPO_ROOT)], capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith("metadata: False plugins: []"), result.stdout
    # pydantic's own loader, read from its file, answers the same with plugins disabled.
    import importlib.util
    import os

    import pydantic.plugin

    spec = importlib.util.spec_from_file_location("real_loader", Path(pydantic.plugin.__file__).with_name("_loader.py"))
    assert spec is not None and spec.loader is not None
    real = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(real)
    assert os.environ["PYDANTIC_DISABLE_PLUGINS"] == "__all__"
    assert list(real.get_plugins()) == []


def _every_model() -> list[type]:
    """Every model class samspil defines (the subclasses of models.base.Strict, all modules imported)."""
    import importlib
    import pkgutil

    import models
    from models.base import Strict

    for module in pkgutil.iter_modules(models.__path__):
        importlib.import_module(f"models.{module.name}")
    found, todo = [], [Strict]
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo += cls.__subclasses__()
    return [cls for cls in found if cls.__module__.startswith("models.")]


def test_field_annotations_are_objects_not_text():
    """The models' modules do not use `from __future__ import annotations` (models/__init__.py):
    a field annotated as text is compiled and evaluated by pydantic when its class is made,
    ~90,000 instructions each on the way to the first validated document."""
    models = _every_model()
    assert len(models) > 20
    text = [f"{cls.__name__}.{name}" for cls in models for name, value in cls.__dict__.get("__annotations__", {}).items() if isinstance(value, str)]
    assert text == []


def test_no_field_defaults_to_the_builtin_list():
    """`empty_list`, not `list`: pydantic reads a default factory's signature each time it builds
    a validator with it, ~0.25 ms for the builtin `list` (models.base.empty_list)."""
    from models.base import empty_list
    from models.documents import Case

    assert [f"{cls.__name__}.{name}" for cls in _every_model() for name, info in cls.model_fields.items() if info.default_factory is list] == []
    first, second = Case(title="a"), Case(title="b")
    assert first.actors == [] and first.actors is not second.actors and empty_list() is not empty_list()


def test_a_list_or_dict_bound_is_in_the_field_with_its_default():
    """`list[X] = Field(default_factory=..., max_length=N)`, not `Annotated[list[X], Field(max_length=N)]
    = Field(default_factory=...)`: the same field, made without merging two FieldInfos (models/base.py)."""
    import typing

    models = _every_model()
    merged = [
        f"{cls.__name__}.{name}"
        for cls in models
        for name, value in cls.__dict__.get("__annotations__", {}).items()
        if typing.get_origin(value) is typing.Annotated and typing.get_origin(typing.get_args(value)[0]) in (list, dict) and cls.model_fields[name].default_factory is not None
    ]
    assert merged == []


def _nested_models(model: type) -> set[type]:
    """`model` and every model its fields hold, at any depth."""
    import typing

    from pydantic import BaseModel

    found: set[type] = set()

    def walk(annotation: object) -> None:
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            if annotation not in found:
                found.add(annotation)
                for info in annotation.model_fields.values():
                    walk(info.annotation)
            return
        for arg in typing.get_args(annotation):
            walk(arg)

    walk(model)
    return found


def test_a_model_in_more_than_one_kind_is_built_with_its_class():
    """models.base.BUILT_AT_ONCE: a kind built later takes such a model's schema as built, rather
    than making it again (each kind of document builds its validator when first used)."""
    from models.documents import DOCUMENT_KINDS

    held = [_nested_models(model) - {model} for model in DOCUMENT_KINDS.values()]
    shared = {cls for cls in set().union(*held) if sum(cls in models for models in held) > 1}
    assert {cls.__name__ for cls in shared} == {"ExportRecord", "Reading"}
    for cls in shared:
        assert cls.__pydantic_complete__ and cls.model_config.get("defer_build") is False, cls


_SCHEMAS = """
import json, pprint, re, sys
sys.path.insert(0, sys.argv[1])
if sys.argv[2] == "deferred":  # every model built when first used, as before BUILT_AT_ONCE
    from pydantic import ConfigDict
    import models.base
    models.base.BUILT_AT_ONCE = ConfigDict()
from models.documents import DOCUMENT_KINDS, ExportRecord
from models.gauge import Reading
print("complete:", ExportRecord.__pydantic_complete__, Reading.__pydantic_complete__)
for name, model in DOCUMENT_KINDS.items():
    model.model_rebuild()
    core = pprint.pformat(model.__pydantic_core_schema__, width=200, sort_dicts=True).replace("\\n", " ")
    print(name, json.dumps(model.model_json_schema(), sort_keys=True))
    print(name, re.sub(r":\\d{6,}", ":ID", re.sub(r" at 0x[0-9a-f]+", "", core)))  # refs name the class by its id
"""


def test_the_kinds_validators_are_made_from_the_same_schemas_as_when_every_model_was_deferred():
    """Building the shared models with their classes changes no kind's schema: the same values
    accepted and refused, with the same errors."""
    out = {}
    for how in ("built", "deferred"):
        result = subprocess.run([sys.executable, "-c", _SCHEMAS, str(REPO_ROOT), how], capture_output=True, text=True, timeout=120, cwd=REPO_ROOT)
        assert result.returncode == 0, result.stderr
        out[how] = result.stdout.splitlines()
    assert out["built"][0] == "complete: True True" and out["deferred"][0] == "complete: False False"
    assert len(out["built"]) == 1 + 2 * 3 and out["built"][1:] == out["deferred"][1:]
