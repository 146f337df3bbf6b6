"""TOML reading on every supported Python: tomllib from 3.11, else tomli (the same code, as a package)."""

import sys

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

__all__ = ["tomllib"]
