"""The offline bundle: its Linux part, built here for this machine and Python, installs with the
network forbidden (pip --no-index, no pip configuration) and runs."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

import pytest

import saved.platform
from tools import offline_bundle


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux" or saved.platform.WINDOWS, reason="builds and runs the Linux part")
def test_the_linux_bundle_installs_and_runs_without_the_network(tmp_path):
    arch = {"x86_64": "x86_64", "aarch64": "arm64"}[platform.machine()]
    version = f"{sys.version_info.major}.{sys.version_info.minor}"
    bundle = tmp_path / "bundle"
    wheels = offline_bundle.build(bundle, ["linux"], [arch], [version])
    names = {path.name.split("-")[0].lower() for path in wheels}
    assert {"samspil", "textual", "pydantic", "pydantic_core", "platformdirs", "tomli_w"} <= names
    assert ("tomli" in names) == (sys.version_info < (3, 11))

    env = {name: value for name, value in os.environ.items() if not name.startswith("PIP_")}
    env.update(
        PIP_CONFIG_FILE=os.devnull,  # no index, mirror or find-links from this machine's pip setup
        PYTHON=sys.executable,
        SAMSPIL_HOME=str(tmp_path / "home" / ".samspil"),
        SAMSPIL_DATA_DIR=str(tmp_path / "data"),
    )
    subprocess.run(["sh", str(bundle / "install.sh")], env=env, check=True, capture_output=True, timeout=300)
    samspil = tmp_path / "home" / ".samspil" / "bin" / "samspil"
    version_out = subprocess.run([str(samspil), "--version"], env=env, capture_output=True, text=True, timeout=60, check=True)
    assert version_out.stdout.startswith("samspil ")
    check = subprocess.run([str(samspil), "--lang", "en", "check"], env=env, capture_output=True, text=True, timeout=60, check=False)
    assert check.returncode == 0 and "No problems" in check.stdout, check.stderr
