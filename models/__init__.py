"""Pydantic models of every samspil document. Pure: no Textual, no Rich, no file I/O."""

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
