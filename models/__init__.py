"""Pydantic models of every samspil document. Pure: no Textual, no Rich, no file I/O."""
