"""Build an offline bundle: samspil and every dependency as wheels, for a PC or server without internet.

    python -m tools.offline_bundle DIR [--system linux windows] [--arch x86_64 arm64]
                                       [--python 3.10 3.11 3.12 3.13]

Downloads binary wheels only (once, here: needs the network or a package mirror), by default for
all 15 combinations (Windows on arm64 has no Python 3.10 build). DIR then holds wheels/ and three install scripts: install.sh (Linux),
install.ps1 and install.cmd (Windows; .cmd where scripts are not allowed to run). Each creates a
private venv in the user's home and installs into it with `pip --no-index`: no admin rights, no
network. Copy DIR to the user (a USB stick, a share) and run the script there.

pip evaluates dependencies' conditions (`; python_version < "3.11"`) for the Python running this,
not for the target, so the one such dependency of samspil, tomli, is asked for explicitly.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ("install.sh", "install.ps1", "install.cmd")
PLATFORMS = {
    ("linux", "x86_64"): "manylinux2014_x86_64",
    ("linux", "arm64"): "manylinux2014_aarch64",
    ("windows", "x86_64"): "win_amd64",
    ("windows", "arm64"): "win_arm64",
}
PYTHONS = ("3.10", "3.11", "3.12", "3.13")
#: python.org's first Windows arm64 build is 3.11, and pydantic-core has no wheel for this one.
NO_SUCH_PYTHON = {("windows", "arm64", "3.10")}


def build(out: Path, systems: list[str], archs: list[str], pythons: list[str]) -> list[Path]:
    """Fill `out` with wheels/ and the install scripts; the wheels, sorted."""
    wheels = out / "wheels"
    wheels.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip"]
    with tempfile.TemporaryDirectory() as built:
        subprocess.run([*pip, "wheel", "-q", "--no-deps", "-w", built, str(ROOT)], check=True)
        [own] = Path(built).glob("samspil-*.whl")
        for old in wheels.glob("samspil-*.whl"):
            old.unlink()  # an older build must not be the one installed
        own = Path(shutil.copy2(own, wheels))
    for system in systems:
        for arch in archs:
            for version in pythons:
                if (system, arch, version) in NO_SUCH_PYTHON:
                    continue
                abi = "cp" + version.replace(".", "")
                extra = ["tomli"] if tuple(map(int, version.split("."))) < (3, 11) else []
                subprocess.run(
                    [*pip, "download", "-q", "--only-binary=:all:", "--dest", str(wheels),
                     "--platform", PLATFORMS[system, arch], "--python-version", version,
                     "--implementation", "cp", "--abi", abi, str(own), *extra],
                    check=True,
                )
    for script in SCRIPTS:
        shutil.copy2(ROOT / "tools" / "offline" / script, out / script)
    return sorted(wheels.glob("*.whl"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.offline_bundle", description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="the bundle's directory")
    parser.add_argument("--system", nargs="+", choices=("linux", "windows"), default=["linux", "windows"])
    parser.add_argument("--arch", nargs="+", choices=("x86_64", "arm64"), default=["x86_64", "arm64"])
    parser.add_argument("--python", nargs="+", choices=PYTHONS, default=list(PYTHONS))
    args = parser.parse_args(argv)
    found = build(args.out, args.system, args.arch, args.python)
    size = sum(p.stat().st_size for p in found)
    print(f"{args.out}: {len(found)} wheels, {size / 1e6:.1f} MB, and {', '.join(SCRIPTS)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
