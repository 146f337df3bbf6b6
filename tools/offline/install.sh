#!/bin/sh
# Install samspil from this bundle into a private venv, without admin rights or network.
# The venv is ~/.samspil, or $SAMSPIL_HOME; run samspil as <venv>/bin/samspil.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
target="${SAMSPIL_HOME:-$HOME/.samspil}"
python="${PYTHON:-python3}"
"$python" -m venv "$target"
"$target/bin/python" -m pip install --no-index --find-links "$here/wheels" --upgrade samspil
echo "samspil is installed: $target/bin/samspil"
