"""Pydantic models of every samspil document. Pure: no Textual, no Rich, no file I/O."""

# The modules that define models do not use `from __future__ import annotations`: with it every
# field's annotation is a string, which pydantic compiles and evaluates when the class is made
# (164 fields, ~90,000 instructions each: ~15 M of the start to an open case, callgrind). Without
# it Python evaluates them with the class body, from the compiled module. Names not defined yet
# (the class itself in its validators, a TYPE_CHECKING import) are quoted.
# (tests/test_model_build.py keeps it so.)

import os
import sys
import types

# Pydantic hands every validated value to the plugins installed in the environment (entry points
# of the group "pydantic"). The values here are health notes about citizens: no package installed
# beside samspil gets them. Read by pydantic when it builds a model's validator, so set before
# any model below is built.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"

# With every plugin off, pydantic's plugin loader costs only its import: importlib.metadata and
# what that brings (email, zipfile, csv), ~12 ms on the way to the first document's validator.
# In its place, its one function as it answers with plugins disabled. (A pydantic that wants
# more of it fails at the first model built: every model test.)
if "pydantic.plugin._loader" not in sys.modules:
    _loader = types.ModuleType("pydantic.plugin._loader", "Plugins disabled (models/__init__.py).")
    _loader.get_plugins = lambda: ()  # type: ignore[attr-defined]
    sys.modules["pydantic.plugin._loader"] = _loader
