"""Pydantic models of every samspil document. Pure: no Textual, no Rich, no file I/O."""

import os

# Pydantic hands every validated value to the plugins installed in the environment (entry points
# of the group "pydantic"). The values here are health notes about citizens: no package installed
# beside samspil gets them. Read by pydantic when it builds a model's validator, so set before
# any model below is built.
os.environ["PYDANTIC_DISABLE_PLUGINS"] = "__all__"
