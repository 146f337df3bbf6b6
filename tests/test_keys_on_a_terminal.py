"""Keys in order on a real pseudo-terminal: the bursts of tests/ui/test_keys_in_order.py sent as
the raw bytes a terminal (or SSH) delivers, in one write each, to `python -m tui`."""

from __future__ import annotations

from saved.toml_read import tomllib  # Python 3.10 has tomli

import pytest

import saved.platform
from saved.locations import Locations

if saved.platform.WINDOWS:
    pytest.skip("a pseudo-terminal is POSIX only", allow_module_level=True)

from tests.bench import ui  # noqa: E402 - needs termios, which Windows lacks

CTRL_F, CTRL_Q, CTRL_S = "\x06", "\x11", "\x13"


def test_bursts_of_raw_bytes_land_where_they_were_typed(tmp_path) -> None:
    locations = Locations(tmp_path / "data")
    locations.ensure()
    with ui.samspil(locations.root) as term:
        term.wait_for_text(ui._t("home.empty")[:30])
        # A new board, an item named "Fax" (it opens on "nominated by"), "AB", Tab to the date, save: one write.
        term.send("b", "Team Syd", "enter", "n", "Fax", "enter", "AB", "tab", "2026-11-02", CTRL_S)
        term.wait_for_text("AB", since=0)
        # The force field, a force "Y1 beta" of strength 2 (the "3" in the field is replaced).
        mark = len(term.stream)
        term.send(CTRL_F, "a", "Y1 beta", "tab", "2", "enter")
        term.wait_for_text("Y1 beta", since=mark)
        term.settle(quiet=0.5)
        term.send(CTRL_Q)
        term.wait_exit()
    assert term.exit_status == 0
    [path] = locations.document_files()
    [item] = tomllib.loads(path.read_text(encoding="utf-8"))["items"]
    assert (item["what"], item["nominated_by"], item["nominated_on"].isoformat()) == ("Fax", "AB", "2026-11-02")
    assert [(force["text"], force["strength"]) for force in item["helping"]] == [("Y1 beta", 2)]
