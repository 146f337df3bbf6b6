"""`models` and `saved` stay pure: importing any of their modules must not pull in Textual or Rich.

Checked in a fresh interpreter, since this test process has Textual loaded already. Modules are discovered
with pkgutil, so a new module is covered without touching this file.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("models", "saved")
FORBIDDEN = ("textual", "rich")
EXPECTED_AT_LEAST = {
    "models", "models.base", "models.documents", "models.text", "models.privacy", "models.gauge", "models.network",
    "saved", "saved.files", "saved.lock", "saved.locations", "saved.store", "saved.lines", "saved.check",
}

_PROBE = """
import importlib, json, pkgutil, sys
sys.path.insert(0, sys.argv[1])
packages, forbidden = sys.argv[2].split(","), tuple(sys.argv[3].split(","))

def leaked():
    return sorted(name for name in sys.modules if name.split(".")[0] in forbidden)

report = {"baseline": leaked(), "imported": [], "culprits": {}}
for package_name in packages:
    package = importlib.import_module(package_name)
    names = [package_name] + [info.name for info in pkgutil.walk_packages(package.__path__, package_name + ".")]
    for name in names:
        before = set(leaked())
        importlib.import_module(name)
        report["imported"].append(name)
        new = sorted(set(leaked()) - before)
        if new:
            report["culprits"][name] = new[:5]
report["leaked"] = leaked()
print(json.dumps(report))
"""


def test_models_and_saved_do_not_import_textual_or_rich() -> None:
    result = subprocess.run(
        [sys.executable, "-I", "-c", _PROBE, str(REPO_ROOT), ",".join(PACKAGES), ",".join(FORBIDDEN)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])

    assert report["baseline"] == [], f"the bare interpreter already has {report['baseline']}; the check means nothing"
    missing = EXPECTED_AT_LEAST - set(report["imported"])
    assert not missing, f"module discovery missed {sorted(missing)}"
    assert report["leaked"] == [], f"pulled in by: {report['culprits']}"
