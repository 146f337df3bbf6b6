"""The samspil Textual app."""

__version__ = "0.1.0"
