"""Shared fixtures. The interface speaks Danish first, so the UI tests run in Danish."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

import pytest

import saved.platform

os.environ.pop("NO_COLOR", None)
os.environ["TZ"] = "Europe/Copenhagen"  # file times on screen are local times
time.tzset()
os.environ.setdefault("TEXTUAL_ANIMATIONS", "none")
# An error that the app would contain (tui/errors.py) fails the test instead; the error-boundary
# tests turn this off to see what a user sees.
os.environ["SAMSPIL_STRICT_ERRORS"] = "1"

from tui.i18n import set_language  # noqa: E402

# Binding descriptions are read when the screen modules are imported: set the language first.
set_language("da")

#: Set up by tests/windows_sim (PYTHONPATH=tests/windows_sim python -m pytest).
SIMULATED_WINDOWS = saved.platform.WINDOWS and sys.platform != "win32"


def pytest_report_header(config):
    if SIMULATED_WINDOWS:
        return "simulated Windows: POSIX-only os names removed, termios/fcntl/pwd blocked"
    return None


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    if SIMULATED_WINDOWS and config.option.basetemp is None:
        # pytest checks the owner of its usual temp root with os.getuid, which is gone here.
        config.option.basetemp = tempfile.mkdtemp(prefix="pytest-windows-sim-")
        config.add_cleanup(lambda: shutil.rmtree(config.option.basetemp, ignore_errors=True))


TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 14, 0).astimezone()


@pytest.fixture(autouse=True, scope="session")
def private_config_dir(tmp_path_factory):
    """Settings live in the user's config directory: in tests never the real one (children too)."""
    os.environ["SAMSPIL_CONFIG_DIR"] = str(tmp_path_factory.mktemp("config"))


@pytest.fixture
def locations(tmp_path: Path):
    from saved.locations import Locations

    locations = Locations(tmp_path / "data")
    locations.ensure()
    return locations


@pytest.fixture
def demo_locations(locations):
    from saved.examples import copy_examples

    copy_examples(locations)
    return locations


@pytest.fixture
def make_app():
    """Build the app on a data directory with a fixed 'today'."""

    def build(locations):
        from tui.app import SamspilApp

        app = SamspilApp(locations)
        app.today = lambda: TODAY
        app.now = lambda: NOW
        return app

    return build


@pytest.fixture(autouse=True)
def danish_interface():
    """Tests of the command line switch the language; every test starts in Danish."""
    set_language("da")
    yield
    set_language("da")
